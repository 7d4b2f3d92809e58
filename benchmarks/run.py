"""Rufbereit at scale: each figure measured beside its own baseline, in the same run.

    make bench                                  # = .venv/bin/python benchmarks/run.py
    .venv/bin/python benchmarks/run.py 10 100   # only some sizes (BENCHMARKS.md untouched)
    .venv/bin/python benchmarks/run.py --no-preview   # without the `rufbereit serve` runs

For every size (10, 100, 1,000 modules) a synthetic course (benchmarks/synthetic.py) is
written to a temporary folder, and the project's mkdocs.yml and docs/ (without docs/kurs)
are copied beside it, so the working tree is never touched. check and generate run
in-process (no interpreter start-up in the figure); engine builds and the peak-memory
runs are subprocesses. Then `rufbereit serve` runs with each engine at 10, 100, 300 and
1,000 modules to time save → visible (benchmarks/preview.py). The table goes to stdout; with the default sizes BENCHMARKS.md is
rewritten as well.
"""

from __future__ import annotations

import datetime
import gzip
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from rufbereit.content.load import load_content  # noqa: E402
from rufbereit.content.markup import count_costly_markup  # noqa: E402
from rufbereit.cli import collector_paused  # noqa: E402
from rufbereit.content.tree import ParseCache  # noqa: E402
from rufbereit.output.engine import finish_pages  # noqa: E402
from rufbereit.output.files import generated_files, write_generated  # noqa: E402
from synthetic import write_course  # noqa: E402
from calls import measure as measure_calls  # noqa: E402
from bounded import measure as measure_bounded  # noqa: E402
import preview  # noqa: E402

SIZES = (10, 100, 1000)
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ZENSICAL_LIMIT = 30.0  # seconds at 100 modules above which zensical is not run at 1,000

# budgets from the issue "Performance at scale"
CHECK_RATIO = 2.0  # check ≤ 2 × a bare CSafeLoader parse
GENERATE_SHARE = 0.10  # generate ≤ 10 % of the engine's build
INCREMENTAL_SHARE = 0.25  # one edited module ≤ 25 % of a full generation
PAGE_KB = 60.0  # module page HTML at 1,000 modules
ASSETS_GZ_KB = 10.0  # rufbereit.js + rufbereit.css gzipped
GROWTH = 11.0  # 100 → 1,000 modules
PREVIEW_SIZES = (10, 100, 300, 1000)  # save → visible through `rufbereit serve`
PREVIEW_SECONDS = 1.0  # at 300 modules (issue 12)
PREVIEW_BUDGETS = {10: 0.5, 300: PREVIEW_SECONDS}  # seconds, median save → visible (issue 22 item 4)


@dataclass
class Result:
    modules: int
    yaml_kb: float = 0.0
    floor: float = 0.0
    check: float = 0.0
    floor_cpu: float = 0.0
    check_cpu: float = 0.0
    generate: float = 0.0
    generate_cpu: float = 0.0  # CPU seconds of this process: steadier than wall time on a shared machine
    render_cpu: float = 0.0  # CPU seconds of generation alone: generated_files + write_generated on loaded content
    render_user: float = 0.0  # its user part (Python's work) …
    render_system: float = 0.0  # … and its system part (mostly the kernel making a folder and a file per page)
    files: int = 0
    mkdocs: float = 0.0
    mkdocs_cpu: float = 0.0  # CPU seconds (user + system) of the `mkdocs build` process
    zensical: float | None = None
    zensical_note: str = ""
    incremental: float = 0.0
    incremental_cpu: float = 0.0
    incremental_written: int = 0
    process_cold: float = 0.0  # `rufbereit generate` as a new process, no disk cache
    process_warm: float = 0.0  # the same after one module was edited, with the disk cache
    process_cold_cpu: float = 0.0
    process_warm_cpu: float = 0.0
    page_max_kb: float = 0.0
    page_median_kb: float = 0.0
    check_rss_mb: float = 0.0
    build_rss_mb: float = 0.0
    notes: list[str] = field(default_factory=list)


def median_time(action, repeat: int, before=None, clock=time.perf_counter) -> float:
    times = []
    for _ in range(repeat):
        if before:
            before()
        started = clock()
        action()
        times.append(clock() - started)
    return statistics.median(times)


def check_turns(modules: int) -> int:
    """How often check and its floor run: a ratio of two short runs is taken in turns, and more
    of them where they are short, so that one slow moment of a shared machine moves it less."""
    return 15 if modules <= 10 else 7 if modules <= 100 else 3


def paired_medians(first, second, repeat: int, clock=time.perf_counter) -> tuple[float, float]:
    """Median seconds of two actions run in turns, `repeat` times each."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for action, kept in zip((first, second), times):
            started = clock()
            action()
            kept.append(clock() - started)
    return statistics.median(times[0]), statistics.median(times[1])


_LAUNCHER = """
import os, resource, subprocess, sys, time
started = time.perf_counter()
status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
elapsed = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(elapsed, usage.ru_maxrss, status, usage.ru_utime + usage.ru_stime)
"""
LAST_CPU: list[float] = [0.0]  # CPU seconds of the last child that run_child ran


def run_child(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """Seconds, peak RSS in MB and exit status of `command`.

    The command is started from a small launcher interpreter, and its RUSAGE_CHILDREN
    ru_maxrss is read there: a child forked straight from this process would report this
    process's own (large) resident set, which Linux carries over into the child's high-water mark.
    """
    result = subprocess.run([sys.executable, "-c", _LAUNCHER, *command], cwd=cwd, env=ENV, capture_output=True, text=True)
    try:
        elapsed, peak_kb, status, cpu = result.stdout.split()
        LAST_CPU[0] = float(cpu)
    except ValueError:
        print(f"  ! launcher failed: {result.stderr[-2000:]}", file=sys.stderr)
        return 0.0, 0.0, 1
    if int(status) != 0:
        print(f"  ! {' '.join(command[:2])} exited {status}:\n{result.stderr[-2000:]}", file=sys.stderr)
    return float(elapsed), int(peak_kb) / 1024, int(status)  # ru_maxrss is in KB on Linux


def set_aside(project: Path, *paths: Path) -> None:
    """Empty these places of `project` as a fresh clone has them: moved into spent/ beside it, and
    deleted only when the benchmark ends, because a journal-less ext4 (this machine's) passes over
    every inode freed in the last minutes whenever it makes one; a run right after a deletion
    measures that, which no real run pays (the report's "How" says more)."""
    spent = project.parent / "spent" / str(time.monotonic_ns())
    for path in paths:
        if path.exists():
            target = spent / path.relative_to(project)
            target.parent.mkdir(parents=True, exist_ok=True)
            path.rename(target)


def clear_generated(project: Path) -> None:
    docs = project / "docs"
    set_aside(project, docs / "kurs", docs / ".home.md", docs / "assets" / "course.js", project / "mkdocs.generated.yml")


def floor_parse(files: list[Path]) -> None:
    for path in files:
        with path.open("rb") as stream:
            yaml.load(stream, Loader=yaml.CSafeLoader)


def check(content: Path) -> None:
    count_costly_markup.cache_clear()  # each repeat as a fresh `rufbereit check` process: no memo from the last one
    with collector_paused():  # as the command line runs it
        result = load_content(content)
    if result.errors:
        raise SystemExit(f"synthetic course has errors: {result.errors[:3]}")


def generate(content: Path, project: Path, cache: ParseCache | None = None):
    with collector_paused():  # as the command line runs it
        return write_generated(project, generated_files(load_content(content, cache)))


def render_cpu(content: Path, project: Path, repeat: int) -> tuple[float, float, float]:
    """Median CPU seconds of generation from loaded content (`generated_files` + `write_generated`):
    `generate` without the load and check, which have their own budget (check ≤ 2 × the parse).
    With the medians of its user and system parts: the system part is mostly the file system
    making a folder and a file per module page, each run into an empty folder (see set_aside)."""
    runs = []
    for _ in range(repeat):
        clear_generated(project)
        with collector_paused():
            loaded = load_content(content)
            started = resource.getrusage(resource.RUSAGE_SELF)
            write_generated(project, generated_files(loaded))
            ended = resource.getrusage(resource.RUSAGE_SELF)
        user, system = ended.ru_utime - started.ru_utime, ended.ru_stime - started.ru_stime
        runs.append((user + system, user, system))
    total, user, system = (statistics.median(run[index] for run in runs) for index in range(3))
    return total, user, system


def edit_module(content: Path, module_id: str, round_: int) -> None:
    """Append a line to the first section's text block (just before `- title: 'Abschnitt 2`)."""
    path = content / "modules" / f"{module_id}.yaml"
    text = path.read_text(encoding="utf-8")
    index = text.index("- title: 'Abschnitt 2")
    added = f"    Geändert in Runde {round_}: ein neuer Satz für diesen Abschnitt.\n"
    path.write_text(text[:index] + added + text[index:], encoding="utf-8")


def disk_cache_runs(content: Path, project: Path, edited: str, first_round: int, repeat: int) -> tuple[float, ...]:
    """`rufbereit generate` as a trainer runs it twice: cold, then after one edit with the
    cache that the first run left in .cache/rufbereit/; `repeat` times. Medians of the wall
    and CPU seconds: cold, warm, cold CPU, warm CPU."""
    command = [sys.executable, "-m", "rufbereit", "generate", "--content", str(content)]
    runs = []
    for round_ in range(first_round, first_round + repeat):
        set_aside(project, project / ".cache")
        clear_generated(project)
        cold, _, _ = run_child(command, project)
        cold_cpu = LAST_CPU[0]
        edit_module(content, edited, round_)
        warm, _, _ = run_child(command, project)
        runs.append((cold, warm, cold_cpu, LAST_CPU[0]))
    return tuple(statistics.median(run[index] for run in runs) for index in range(4))


def measure(modules: int, base: Path, engines: bool = True, zensical: bool = True) -> Result:
    result = Result(modules)
    content = write_course(base / "content", modules)
    files = [content / "course.yaml", content / "glossary.yaml", *sorted((content / "modules").glob("*.yaml"))]
    result.yaml_kb = sum(path.stat().st_size for path in files) / 1024
    project = preview.make_project(base)
    repeat = 3 if modules < 1000 else 2
    print(f"[{modules} modules, {result.yaml_kb:,.0f} KB YAML]", flush=True)

    floor_parse(files)  # warm the page cache and imports once
    check(content)
    turns = check_turns(modules)
    result.floor, result.check = paired_medians(lambda: floor_parse(files), lambda: check(content), turns)
    result.floor_cpu, result.check_cpu = paired_medians(lambda: floor_parse(files), lambda: check(content), turns,
                                                        clock=time.process_time)
    print(f"  check {result.check:.3f} s  (CSafeLoader floor {result.floor:.3f} s)", flush=True)

    result.generate = median_time(lambda: generate(content, project), repeat, before=lambda: clear_generated(project))
    result.generate_cpu = median_time(lambda: generate(content, project), repeat, before=lambda: clear_generated(project),
                                      clock=time.process_time)
    result.render_cpu, result.render_user, result.render_system = render_cpu(content, project, repeat)
    clear_generated(project)
    report = generate(content, project)
    result.files = len(report.written)
    print(f"  generate {result.generate:.3f} s  ({result.files} files); CPU {result.generate_cpu:.3f} s, from loaded content "
          f"{result.render_cpu:.3f} s (user {result.render_user:.3f} s, system {result.render_system:.3f} s)", flush=True)

    # one edited module with a warm ParseCache, as `rufbereit serve` keeps it
    clear_generated(project)
    cache = ParseCache()
    generate(content, project, cache)
    edited = f"modul-{modules // 2:04d}"
    times, cpu_times, written = [], [], []
    for round_ in range(repeat):
        edit_module(content, edited, round_)
        started, started_cpu = time.perf_counter(), time.process_time()
        report = generate(content, project, cache)
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - started_cpu)
        cache.prune()  # as `rufbereit serve` does after each run
        written.append(len(report.written))
    result.incremental = statistics.median(times)
    result.incremental_cpu = statistics.median(cpu_times)
    result.incremental_written = max(written)
    print(f"  one module edited {result.incremental:.3f} s, CPU {result.incremental_cpu:.3f} s "
          f"({result.incremental_written} files rewritten)", flush=True)

    result.process_cold, result.process_warm, result.process_cold_cpu, result.process_warm_cpu = disk_cache_runs(
        content, project, edited, repeat, repeat)
    print(f"  new process: generate {result.process_cold:.2f} s cold, {result.process_warm:.2f} s after one edit; "
          f"CPU {result.process_cold_cpu:.2f} s, {result.process_warm_cpu:.2f} s", flush=True)

    _, result.check_rss_mb, _ = run_child([sys.executable, "-m", "rufbereit", "check", "--content", str(content)], project)

    if not engines:
        return result
    builds, rss, cpus = [], [], []
    for _ in range(1 if modules >= 1000 else 3):
        set_aside(project, project / "site")
        command = [str(BIN / "mkdocs"), "build", "--strict", "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(project / "site")]
        seconds, peak, status = run_child(command, project)
        if status != 0:
            result.notes.append(f"mkdocs build exited {status}")
        builds.append(seconds)
        rss.append(peak)
        cpus.append(LAST_CPU[0])
    result.mkdocs = statistics.median(builds)
    result.mkdocs_cpu = statistics.median(cpus)
    result.build_rss_mb = max(rss)
    print(f"  mkdocs build {result.mkdocs:.2f} s  (peak {result.build_rss_mb:.0f} MB)", flush=True)

    finish_pages(project / "site")  # as `rufbereit build` does after the engine
    pages = sorted((project / "site" / "kurs" / "module").glob("*/index.html"))
    sizes = [page.stat().st_size / 1024 for page in pages]
    if sizes:
        result.page_max_kb, result.page_median_kb = max(sizes), statistics.median(sizes)

    if zensical and (BIN / "zensical").exists():
        config = project / "zensical-bench.yml"
        config.write_text("INHERIT: mkdocs.yml\nsite_dir: site-zensical\n", encoding="utf-8")
        seconds, _, status = run_child([str(BIN / "zensical"), "build", "--clean", "--config-file", str(config)], project)
        result.zensical = seconds if status == 0 else None
        if status != 0:
            result.zensical_note = f"exited {status}"
        print(f"  zensical build {seconds:.2f} s (exit {status})", flush=True)
    return result


def assets_gzip_kb() -> tuple[float, dict[str, float]]:
    sizes = {}
    for name in ("rufbereit.js", "rufbereit.css"):
        sizes[name] = len(gzip.compress((ROOT / "docs" / "assets" / name).read_bytes(), 9)) / 1024
    return sum(sizes.values()), sizes


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "load average at start": " / ".join(f"{value:.2f}" for value in os.getloadavg()),
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
        "zensical": version("zensical"),
        "PyYAML": version("PyYAML") + (" (libyaml)" if getattr(yaml, "__with_libyaml__", False) else " (no libyaml)"),
        "pydantic": version("pydantic"),
        "Markdown": version("Markdown"),
        "nh3": version("nh3"),
    }


def preview_rows(previews: list) -> list[tuple[str, str, str, str, str]]:
    table = []
    for p in previews:
        limit = PREVIEW_BUDGETS.get(p.modules)
        figure = f"{p.median:.2f} s" if p.median is not None else (p.note or "—")
        ours = f"; full regeneration {statistics.median(p.regenerations):.2f} s" if p.regenerations else ""
        ours += f", quick page {statistics.median(p.quick):.2f} s" if p.quick else ""
        missed = f"; {p.missed} missed, {p.slow} not served in {preview.SAVE_LIMIT:.0f} s"
        saves = ", ".join(f"{s:.2f}" for s in p.saves)
        first = f"first page after {p.first:.1f} s; saves {saves} s{missed}{ours}" if p.first else "—"
        budget = f"≤ {limit} s, none missed" if limit else "—"
        ok = verdict(p.median is not None and p.median <= limit and not p.missed) if limit else "—"
        table.append((f"save → visible, `serve --engine {p.engine}`, {p.modules:,} modules", figure, first, budget, ok))
    return table


def rows(results: list[Result], assets: float) -> list[tuple[str, str, str, str, str]]:
    """(measure, figure, baseline, budget, verdict)"""
    table = []
    by_size = {result.modules: result for result in results}
    for r in results:
        n = f"{r.modules:,}"
        ratio = r.check / r.floor
        table.append((f"check, {n} modules", f"{r.check:.3f} s", f"CSafeLoader parse {r.floor:.3f} s → {ratio:.1f}×", f"≤ {CHECK_RATIO:.0f}×", verdict(ratio <= CHECK_RATIO)))
        if r.floor_cpu:
            cpu_ratio = r.check_cpu / r.floor_cpu
            table.append((f"check, {n} modules, CPU time", f"{r.check_cpu:.3f} s", f"CSafeLoader parse {r.floor_cpu:.3f} s → {cpu_ratio:.1f}×", f"≤ {CHECK_RATIO:.0f}×", verdict(cpu_ratio <= CHECK_RATIO)))
    for r in results:
        if not r.mkdocs:
            continue
        n = f"{r.modules:,}"
        share = r.generate / r.mkdocs
        zensical = f"; zensical build {r.zensical:.2f} s" if r.zensical else (f"; zensical {r.zensical_note}" if r.zensical_note else "")
        table.append((f"generate, {n} modules ({r.files} files)", f"{r.generate:.3f} s", f"mkdocs build {r.mkdocs:.2f} s → {share:.0%}{zensical}", f"≤ {GENERATE_SHARE:.0%}", verdict(share <= GENERATE_SHARE)))
        if r.mkdocs_cpu:
            cpu_share = r.generate_cpu / r.mkdocs_cpu
            table.append((f"generate, {n} modules, CPU time", f"{r.generate_cpu:.3f} s", f"mkdocs build {r.mkdocs_cpu:.2f} s CPU → {cpu_share:.0%}", f"≤ {GENERATE_SHARE:.0%}", verdict(cpu_share <= GENERATE_SHARE)))
        if r.mkdocs_cpu and r.render_cpu:
            share = r.render_cpu / r.mkdocs_cpu
            table.append((f"generation from loaded content (generated_files + write), {n} modules, CPU time",
                          f"{r.render_cpu:.3f} s (user {r.render_user:.3f} s + system {r.render_system:.3f} s)", f"mkdocs build {r.mkdocs_cpu:.2f} s CPU → {share:.1%}", f"≤ {GENERATE_SHARE:.0%}", verdict(share <= GENERATE_SHARE)))
    for r in results:
        n = f"{r.modules:,}"
        share = r.incremental / r.generate
        table.append((f"one module edited, {n} modules", f"{r.incremental:.3f} s, {r.incremental_written} files rewritten", f"full generate {r.generate:.3f} s → {share:.0%}", f"≤ {INCREMENTAL_SHARE:.0%}", verdict(share <= INCREMENTAL_SHARE)))
        if r.incremental_cpu and r.generate_cpu:
            share = r.incremental_cpu / r.generate_cpu
            table.append((f"one module edited, {n} modules, CPU time", f"{r.incremental_cpu:.3f} s", f"full generate {r.generate_cpu:.3f} s CPU → {share:.0%}", f"≤ {INCREMENTAL_SHARE:.0%}", verdict(share <= INCREMENTAL_SHARE)))
    for r in results:
        share = r.process_warm / r.process_cold
        table.append((f"second generate as a new process, one module edited, {r.modules:,} modules", f"{r.process_warm:.2f} s", f"first generate {r.process_cold:.2f} s → {share:.0%}", f"≤ {INCREMENTAL_SHARE:.0%}", verdict(share <= INCREMENTAL_SHARE)))
        if r.process_cold_cpu:
            share = r.process_warm_cpu / r.process_cold_cpu
            table.append((f"second generate as a new process, one module edited, {r.modules:,} modules, CPU time", f"{r.process_warm_cpu:.2f} s", f"first generate {r.process_cold_cpu:.2f} s CPU → {share:.0%}", f"≤ {INCREMENTAL_SHARE:.0%}", verdict(share <= INCREMENTAL_SHARE)))
    for r in results:
        if not r.page_max_kb:
            continue
        budget_applies = r.modules >= 1000
        table.append((f"module page HTML, {r.modules:,} modules", f"largest {r.page_max_kb:.1f} KB, median {r.page_median_kb:.1f} KB", "—", f"≤ {PAGE_KB:.0f} KB at 1,000" if budget_applies else "(budget at 1,000)", verdict(r.page_max_kb <= PAGE_KB) if budget_applies else "—"))
    table.append(("rufbereit.js + rufbereit.css, gzip -9", f"{assets:.1f} KB", "—", f"≤ {ASSETS_GZ_KB:.0f} KB", verdict(assets <= ASSETS_GZ_KB)))
    for r in results:
        build = f", mkdocs build {r.build_rss_mb:.0f} MB" if r.build_rss_mb else ""
        table.append((f"peak memory, {r.modules:,} modules", f"check {r.check_rss_mb:.0f} MB{build}", "—", "—", "—"))
    if 100 in by_size and 1000 in by_size:
        small, large = by_size[100], by_size[1000]
        for name, a, b in (("check", small.check, large.check), ("generate", small.generate, large.generate)):
            growth = b / a
            table.append((f"growth 100 → 1,000 modules, {name}", f"{growth:.1f}×", f"{a:.3f} s → {b:.3f} s", f"≤ {GROWTH:.0f}×", verdict(growth <= GROWTH)))
        if small.mkdocs and large.mkdocs:
            table.append(("growth 100 → 1,000 modules, mkdocs build (reference)", f"{large.mkdocs / small.mkdocs:.1f}×", f"{small.mkdocs:.2f} s → {large.mkdocs:.2f} s", "—", "—"))
    for r in results:
        if r.modules in (100, 1000) and r.mkdocs:
            total = r.incremental + r.mkdocs
            table.append((f"serve reload estimate, {r.modules:,} modules", f"{total:.2f} s", f"regenerate {r.incremental:.3f} s + mkdocs build {r.mkdocs:.2f} s", "—", "—"))
    return table


def markdown_table(table) -> str:
    lines = ["| measure | figure | baseline (same run) | budget | |", "|---|---|---|---|---|"]
    lines += [f"| {' | '.join(row)} |" for row in table]
    return "\n".join(lines)


def text_table(table) -> str:
    widths = [max(len(row[i]) for row in table) for i in range(5)]
    header = ("measure", "figure", "baseline (same run)", "budget", "")
    out = [" | ".join(header[i].ljust(widths[i]) for i in range(5)), "-+-".join("-" * w for w in widths)]
    out += [" | ".join(row[i].ljust(widths[i]) for i in range(5)) for row in table]
    return "\n".join(out)


def write_report(table, info: dict[str, str], results: list[Result], assets_detail: dict[str, float], elapsed: float) -> None:
    today = datetime.date.today().isoformat()
    machine_lines = "\n".join(f"- {key}: {value}" for key, value in info.items())
    sizes = ", ".join(f"{r.modules:,} modules = {r.yaml_kb:,.0f} KB YAML" for r in results)
    assets = ", ".join(f"{name} {kb:.1f} KB" for name, kb in assets_detail.items())
    notes = "".join(f"- {r.modules:,} modules: {note}\n" for r in results for note in r.notes)
    analysis_file = Path(__file__).with_name("analysis.md")  # hand-written: profiles and proposed fixes
    analysis = "\n" + analysis_file.read_text(encoding="utf-8") if analysis_file.is_file() else ""
    text = f"""# Benchmarks

Measured {today} with `make bench` (`.venv/bin/python benchmarks/run.py`, {elapsed / 60:.0f} min in all).

{markdown_table(table)}

## How

- Courses: `benchmarks/synthetic.py`, seeded and therefore identical on every run. Each module has
  five sections of mixed kinds (text, tip, warning, example, checklist, dialogue, reflection), eight
  quiz questions covering all six types, four objectives, five key points, a prerequisite and a
  `module:` link, about 12 KB of YAML like the hand-written modules; tracks of twenty modules; a
  glossary of fifty terms whose words occur in the texts. Sizes: {sizes}.
- Each size runs in a temporary copy of the project (`mkdocs.yml`, `docs/` without `docs/kurs`).
- **check** = `load_content` in-process, fresh `ParseCache`; its floor is `yaml.load(…, Loader=yaml.CSafeLoader)`
  over the same files (bytes read from the page cache in both). The two run in turns, and each figure is the
  median of 15 runs at 10 modules, 7 at 100, 3 at 1,000 (until round 11: 3, 3 and 2, each measured apart).
- **generate** = `load_content` + `generated_files` + `write_generated` into an empty `docs/kurs`, in-process,
  median of 3 (2 at 1,000); its baseline is `mkdocs build --strict` of the generated project as a subprocess,
  median of 3 (once at 1,000). Zensical (`zensical build --clean`) is timed once per size where it runs.
- **generation from loaded content** = `generated_files` + `write_generated` alone, CPU time, on content loaded
  outside the clock, median of 3 (2 at 1,000): the generate budget's own measure (issue 19 item 7); loading and
  checking have theirs. Its user part is Python's work; its system part is mostly the kernel making a folder
  and a file per module page.
- Every run writes into empty folders as a fresh clone has them: what a run before it wrote (generated pages,
  `.cache/`, `site/`) is moved aside, never deleted until the benchmark ends. This machine's ext4 has no
  journal, and then it passes over every inode freed in the last 60 to 360 s, one by one, for each file or
  folder it makes (`recently_deleted` in fs/ext4/ialloc.c): writing a 1,000-module course just after deleting
  the last one cost 0.4 to 1.5 s of kernel time here, against 0.15 s into a new folder. Until round 11 this
  benchmark deleted between runs: most of round 11's 1.67 s of system time at 1,000 modules was this.
- **second generate as a new process** = `python -m rufbereit generate` twice as subprocesses in the same project:
  first without `.cache/`, then after appending a line to the middle module, with the disk cache the first run left;
  median of 3 such pairs (2 at 1,000), wall and CPU time (user + system of the child).
- **one module edited** = the same three calls with a `ParseCache` kept from a first full generation, as
  `rufbereit serve` keeps it (pruned after each run, as serve does), after appending a line to the first section
  of the middle module; files rewritten are `WriteReport.written`; wall time against `generate`, CPU time against
  `generate`'s CPU time.
- **serve reload estimate** is a proxy, not a measurement of `rufbereit serve`: the regeneration above plus one
  full `mkdocs build --strict` (`mkdocs serve` rebuilds the whole site on every change). The file watcher's delay
  and the browser's reload are not included.
- **save → visible** = `rufbereit serve --engine E` started in a temporary copy of the project
  (benchmarks/preview.py); headless Chromium opens the middle module's page, and that module is saved 20 times
  in a row with a new sentence; the clock runs from each write until the open page holds the sentence (since
  round 5 the preview swaps the article it rendered into the open page, output/preview.py; before, it reloaded
  the page once the engine served it). Save 10 is broken (its clock stops when the problem box shows), save 11
  fixes it. A save not shown within 15 s counts as missed. Median, worst, the engine's part (the page served over
  HTTP), rufbereit's full regeneration and its quick page (save noticed → article written), as serve prints them.
- **peak memory** = `ru_maxrss` (RUSAGE_CHILDREN, read in a small launcher interpreter so the benchmark's own memory is not counted): `python -m rufbereit check` and `mkdocs build`.
- Assets: gzip level 9 of each file, summed ({assets}).
- **module page HTML** is measured after the same minification that `rufbereit build` applies
  (`rufbereit.output.engine.finish_pages`).
- Absolute times on a 2-core machine are noisy; the ratios compare figures taken in the same run. The
  "CPU time" rows compare CPU seconds (this process's for check and generate, the child's user + system
  time for `mkdocs build`): on a machine shared with other work they move far less than wall time.

{notes}{analysis}
## Machine

{machine_lines}
"""
    (ROOT / "BENCHMARKS.md").write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    sizes = tuple(int(value) for value in argv if value.isdigit()) or SIZES
    engines = "--no-engine" not in argv
    started = time.perf_counter()
    info = machine()
    results = []
    zensical = True
    with tempfile.TemporaryDirectory(prefix="rufbereit-bench-") as temporary:
        for modules in sizes:
            base = Path(temporary) / str(modules)
            base.mkdir()
            result = measure(modules, base, engines, zensical)
            results.append(result)
            if result.zensical is None or (modules >= 100 and result.zensical > ZENSICAL_LIMIT):
                zensical = False
            # base stays until the end: no later size measures right after its deletion (set_aside)
    previews = [] if "--no-preview" in argv or not engines else preview.measure_all(PREVIEW_SIZES if sizes == SIZES else sizes)
    assets, detail = assets_gzip_kb()
    table = rows(results, assets) + preview_rows(previews)
    print("[practice calls]", flush=True)
    table += measure_calls()  # benchmarks/calls.py: best total and loop check on long calls
    print("[bounded work]", flush=True)
    table += measure_bounded()  # benchmarks/bounded.py: check at 6,000 modules, worst field shapes, results
    print()
    print(text_table(table))
    if sizes == SIZES and engines:
        write_report(table, info, results, detail, time.perf_counter() - started)
        print("\nwritten: BENCHMARKS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
