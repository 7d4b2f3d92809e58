"""Live preview: a saved YAML file refreshes the open page; a broken save keeps the last good one."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time

from support import ROOT, make_project


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_saving_refreshes_the_open_page_and_a_broken_save_keeps_the_last_good_one(tmp_path, browser):
    from playwright.sync_api import expect

    project = make_project(tmp_path / "project")
    shutil.copytree(ROOT / "content", project / "content")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "rufbereit", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/"},
    )
    module = project / "content" / "modules" / "pflicht.yaml"
    context = browser.new_context()
    try:
        page = context.new_page()
        url = f"http://127.0.0.1:{port}/kurs/module/pflicht/"
        for _ in range(60):
            try:
                page.goto(url)
                break
            except Exception:
                time.sleep(0.5)
        page.wait_for_timeout(1500)  # let the live-reload connection settle

        text = module.read_text(encoding="utf-8")
        latencies = []
        for attempt in range(3):  # a shared CI machine is noisy: the best of three saves counts
            saved = time.perf_counter()
            title = f"Frisch gespeichert {attempt} – "
            module.write_text(text.replace("\ntitle: ", f"\ntitle: {title}", 1), encoding="utf-8")
            expect(page.locator("article h1")).to_contain_text(title.strip(" –"), timeout=5000)
            latencies.append(time.perf_counter() - saved)
            if latencies[-1] < 2.0:
                break
        print("save to refreshed page:", ", ".join(f"{seconds:.2f} s" for seconds in latencies))
        assert min(latencies) < 2.0

        module.write_text(text + "\nsummary: [kaputt\n", encoding="utf-8")
        page.wait_for_timeout(1500)
        page.goto(url)
        expect(page.locator("article h1")).to_contain_text("Frisch gespeichert")
    finally:
        context.close()
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "pflicht.yaml:" in output and "Fehler" in output
