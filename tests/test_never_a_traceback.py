"""Never a traceback on any input: any value anywhere in a valid course replaced by another
YAML shape ends in exit 0 or 1 with messages (Hypothesis), and the environment's failures
(a closed pipe, a busy port, a missing engine, an unreadable file) end in one clear line."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import FIXTURES
from rufbereit.cli import main
from rufbereit.content.load import load_content
from rufbereit.output.files import generated_files

COURSE = FIXTURES / "full"
FILES = ["course.yaml", "glossary.yaml", *sorted(f"modules/{p.name}" for p in (COURSE / "modules").glob("*.yaml"))]
DATA = {name: yaml.safe_load((COURSE / name).read_text(encoding="utf-8")) for name in FILES}

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
    st.text(max_size=30), st.text(min_size=500, max_size=3000),
    st.sampled_from(["ja", "nein", "~", "0x1F", "1e400", ".nan", "-", "{{ x }}", "<script>", "module:", "media/../x",
                     "\u202e\u0000\ufeff", "[", ":", "*a", "&a", "!!python/object:os.system"]),
)
shapes = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=8)


def paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, (*prefix, index))


PATHS = [(name, path) for name in FILES for path in paths(DATA[name])]


def replaced(data, path, new):
    """`data` with the value at `path` replaced; unchanged where an earlier replacement
    already took that path away."""
    if not path:
        return new
    copy = yaml.safe_load(yaml.safe_dump(data, allow_unicode=True))
    target = copy
    try:
        for part in path[:-1]:
            target = target[part]
        if isinstance(target, list) and not isinstance(path[-1], int):
            return copy
        target[path[-1]] = new
    except (KeyError, IndexError, TypeError):
        pass
    return copy


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(where=st.lists(st.sampled_from(PATHS), min_size=1, max_size=3), values=st.lists(shapes, min_size=3, max_size=3))
def test_any_shape_anywhere_gives_messages_not_a_traceback(capsys, where, values):
    folder = Path(tempfile.mkdtemp(prefix="rb-hypo-"))
    try:
        shutil.copytree(COURSE, folder, dirs_exist_ok=True)
        data = {name: DATA[name] for name in FILES}
        for (name, path), value in zip(where, values):
            data[name] = replaced(data[name], path, value)
        for name in {name for name, _ in where}:
            (folder / name).write_text(yaml.safe_dump(data[name], allow_unicode=True), encoding="utf-8")
        capsys.readouterr()
        status = main(["check", "--content", str(folder)])
        _, err = capsys.readouterr()
        assert status in (0, 1)
        if status == 1:
            assert ": Fehler: " in err
        else:  # what check lets through must render too
            generated_files(load_content(folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("value", ["[basic]", "{basic: 1}", "[]"])
def test_a_list_or_mapping_where_a_choice_or_boolean_belongs(tmp_path, capsys, value):
    content = tmp_path / "content"
    shutil.copytree(COURSE, content)
    module = content / "modules" / "erste-schritte.yaml"
    text = module.read_text(encoding="utf-8")
    text = text.replace("\nlevel: basic", f"\nlevel: {value}", 1).replace("correct: true", "correct: [ja, nein]", 1)
    module.write_text(text, encoding="utf-8")
    assert main(["check", "--content", str(content)]) == 1
    err = capsys.readouterr().err
    assert "erste-schritte.yaml:5:8: Fehler:" in err
    assert "Traceback" not in err


def test_a_closed_pipe_is_one_line(tmp_path):
    """`rufbereit report | head -1`, with a real pipe that is closed after the first line."""
    import subprocess
    import sys

    command = f"{sys.executable} -m rufbereit report --content {COURSE} | head -1"
    result = subprocess.run(["sh", "-c", command], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.stdout.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() in ("", "rufbereit: Die Ausgabe wurde vorzeitig geschlossen (zum Beispiel von `head`); "
                                      "der Rest wird nicht gezeigt.")


def test_a_busy_port_is_one_line(tmp_path, monkeypatch, capsys):
    import socket

    monkeypatch.chdir(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--content", str(COURSE), "--dev-addr", f"127.0.0.1:{port}"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"Port {port} ist schon belegt" in err


def test_a_missing_engine_is_one_line(tmp_path, monkeypatch, capsys):
    import sys

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "bin" / "python"))
    assert main(["build", "--engine", "zensical", "--content", str(COURSE)]) == 2
    err = capsys.readouterr().err
    assert err == "rufbereit: Die Website-Engine `zensical` ist nicht installiert. Richte die Umgebung mit `make site` ein.\n"


def test_an_unreadable_file_is_one_message(tmp_path, monkeypatch, capsys):
    content = tmp_path / "content"
    shutil.copytree(COURSE, content)
    (content / "modules" / "kaputt.yaml").mkdir()  # cannot be read as a file, even by root
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--content", str(content)]) == 1
    err = capsys.readouterr().err
    assert "kaputt.yaml:1:1: Fehler: Das ist keine normale Datei (sondern z. B. eine Pipe oder ein Gerät)." in err
    assert "Traceback" not in err


def test_an_unwritable_project_is_one_line(tmp_path, monkeypatch, capsys):
    project = tmp_path / "project"
    project.mkdir()
    (project / "docs").write_text("a file where the docs folder belongs", encoding="utf-8")
    monkeypatch.chdir(project)
    assert main(["generate", "--content", str(COURSE)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith(f"rufbereit: {project / 'docs'} lässt sich nicht lesen oder schreiben: ")
    assert "Traceback" not in err
