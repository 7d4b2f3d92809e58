"""Issue 18: hostile Markdown, HTML, attribute lists, entities and Unicode in every text field
of a course (found through the models, so a new field is covered by itself), built with both
engines; the built pages hold nothing outside the allowlist and run no inline script but the
themes' known ones. Slow (engine builds): few examples."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from rufbereit.cli import main
from rufbereit.content.load import load_content
from rufbereit.content.rules import text_fields
from rufbereit.content.yamlread import HIDDEN, read_yaml
from rufbereit.output.boundary import inspect_page, known_script, script_hash
from support import FIXTURES, make_project

pytestmark = pytest.mark.slow

FRAGMENTS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">j</a>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "<div>\nx\n{: onclick=alert(1) }\n</div>",
    '{: style="position:fixed;inset:0" }', '{: rel=opener target=_blank }', "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;", "[x](javascript:alert(1))", '[t](https://example.org "<img src=x onerror=alert(1)>")',
    "<form><button formaction=javascript:alert(1)>b</button></form>", "<p autofocus onfocus=alert(1)>p</p>",
    "<base href=//example.org/>", "<svg onload=alert(1)>", "`<script>`", "\n\n    <script>x</script>\n\n",
    "<details open ontoggle=alert(1)>", "</div></article><script>alert(1)</script>", "{{ 7*7 }}", "--8<-- \"/etc/passwd\"",
    "Ärger & Ölpreis <3 — 😀", "**fett** _kursiv_", "> Zitat", "- a\n- b", "| a | b |\n|---|---|\n| 1 | 2 |",
]
hostile = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12).map(lambda t: HIDDEN.sub("", t)),
                   min_size=1, max_size=4).map(" ".join)


def _set(data, path: tuple, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    if isinstance(data[path[-1]], dict):  # a checklist item {id, text}
        data[path[-1]]["text"] = value
    else:
        data[path[-1]] = value


def _hostile_course(root: Path, texts: list[str]) -> Path:
    content = root / "content"
    shutil.copytree(FIXTURES / "full", content)
    loaded = load_content(content)
    index = 0
    for source in (loaded.course, loaded.glossary, *loaded.modules.values()):
        path = Path(source.file)
        data = read_yaml(path.read_bytes(), str(path)).data  # YAML 1.2, as the course is read
        for field_path, _format, _text in text_fields(source.model):
            _set(data, field_path, f"{texts[index % len(texts)]} F{index}")
            index += 1
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return content


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                                                  HealthCheck.filter_too_much])
@given(texts=st.lists(hostile, min_size=3, max_size=6))
# Found by this test: a course's own <details> in an answer key crashed Material's search plugin
# (question.html now excludes the key through a wrapper that course text cannot have).
@example(texts=["<script>alert(1)</script>", "<script>alert(1)</script>", "<details open ontoggle=alert(1)>"])
def test_hostile_text_in_every_field_never_leaves_the_allowlist(tmp_path_factory, monkeypatch, capfd, engine, texts):
    root = tmp_path_factory.mktemp("hostile")
    content = _hostile_course(root, texts)
    project = make_project(root / "project")
    monkeypatch.chdir(project)
    status = main(["build", "--engine", engine, "--content", str(content)])
    output = capfd.readouterr()
    assert "Nach dem Bauen" not in output.out + output.err, "a path around the sanitiser"
    # A course with content errors (an empty title, too many unclosed tags …) builds nothing.
    assert status in (0, 1) and (status == 0 or "Fehler" in output.err + output.out)
    assume(status == 0)
    pages = sorted((project / "site").rglob("*.html"))
    hashes = set()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        breaches, scripts = inspect_page(text, page.name)
        assert breaches == [], breaches[:3]
        assert all(known_script(script) for script in scripts)
        hashes |= {script_hash(script) for script in scripts}
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
        assert set(re.findall(r"'sha256-[^']+'", policy)) == hashes or page != pages[-1]
    for page in pages:
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page.read_text()).group(1)
        assert set(re.findall(r"'sha256-[^']+'", policy)) == hashes
