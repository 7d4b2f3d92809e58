"""Attacks from a pull request that changes only content/ (issue 10), in process.

Each test names the attack; the browser proof that nothing runs is tests/browser/test_hostile.py.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.version import Version

from support import FIXTURES, ROOT
from rufbereit.cli import main
from rufbereit.content.markup import Glossary, LinkTargets, MarkdownRenderer

TARGETS = LinkTargets(frozenset(), frozenset({"media/bild.png"}))


class _Titles(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.titles: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.titles += [value or "" for name, value in attrs if name == "title"]


def titles(fragment: str) -> list[str]:
    """Every title attribute as the browser's DOM holds it (after the first unescaping)."""
    parser = _Titles()
    parser.feed(fragment)
    return parser.titles


TOOLTIP_ATTACKS = {
    "raw abbr with entities": '<abbr title="&lt;img src=x onerror=alert(1)&gt;">A</abbr>',
    "raw abbr, doubly escaped": '<abbr title="&amp;lt;img src=x onerror=alert(1)&amp;gt;">A</abbr>',
    "span with numeric entities": '<span title="&#60;img src=x onerror=alert(1)&#62;">S</span>',
    "link title": '[x](https://example.org "<img src=x onerror=alert(1)>")',
    "link title with entities": '[x](https://example.org "&lt;img src=x onerror=alert(1)&gt;")',
    "reference link title": "[x][r]\n\n[r]: https://example.org '&lt;img src=x onerror=alert(1)&gt;'",
    "image title": '![b](media/bild.png "&lt;img src=x onerror=alert(1)&gt;")',
    "attribute list": 'Absatz\n{: title="&lt;img src=x onerror=alert(1)&gt;" }',
    "details title": "<details title=\"<img src=x onerror=alert(1)>\"><summary>s</summary>x</details>",
}


@pytest.mark.parametrize("source", TOOLTIP_ATTACKS.values(), ids=TOOLTIP_ATTACKS.keys())
def test_a_title_from_markdown_is_the_text_the_reader_sees(source):
    """A title holds text, exactly, with nothing hidden added: the browser's own tooltip shows
    it as text. The themes' HTML tooltips, which would parse it again, stay off (below)."""
    rendered = MarkdownRenderer().render(source, TARGETS).html
    found = titles(rendered)
    assert found, f"the attack must reach a title attribute: {rendered}"
    assert "img src=x onerror=alert(1)" in found[0] and "\u2060" not in found[0], rendered


@pytest.mark.parametrize("definition", [
    "Im Code: `<img src=x onerror=alert(1)>`",
    "Maskiert: &lt;img src=x onerror=alert(1)&gt;",
    "Doppelt: &amp;lt;img src=x onerror=alert(1)&amp;gt;",
    "AT&T &amp; R&D &copy",
])
def test_a_glossary_definition_is_its_tooltip_exactly(definition):
    from rufbereit.content.markup import plain_text

    text = plain_text(MarkdownRenderer().render(definition, TARGETS, inline=True).html)
    renderer = MarkdownRenderer(Glossary({"kaltakquise": ("kaltakquise", text)}))
    rendered = renderer.render("Das ist Kaltakquise.", TARGETS, terms=True).html
    assert "glossar/#kaltakquise" in rendered, "the term must become a link with its definition"
    assert titles(rendered) == [text], rendered


def test_navigation_and_headings_are_the_text_as_written():
    from rufbereit.render.pages import config_text, markdown_text

    for attack in ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;", "</title><b>x</b>"):
        assert html.unescape(config_text(attack)) == attack  # what a nav entry shows
        assert html.unescape(str(markdown_text(attack))) == attack


def test_the_themes_html_tooltips_stay_off():
    """Material's and Zensical's `content.tooltips` insert a title, and the text of a truncated
    navigation or contents entry, with innerHTML: course text would become markup there."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    assert "content.tooltips" not in config["theme"]["features"]


# --- files under content/: media types, links, odd files ---------------------------------

PNG = (FIXTURES / "full" / "media" / "bild.png").read_bytes()
SCRIPT_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture
def course(tmp_path, monkeypatch, project) -> Path:
    """A copy of the full fixture course beside a copy of the project, cwd in the project."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "full", content)
    monkeypatch.chdir(project)
    return content


def run(capsys, *args: str) -> tuple[int, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def published(project: Path) -> set[str]:
    media = project / "docs" / "kurs" / "media"
    return {path.name for path in media.iterdir()} if media.is_dir() else set()


MEDIA_ATTACKS = {
    "handout.html": (b"<script>alert(1)</script>", "media_type"),
    "grafik.svg": (SCRIPT_SVG, "media_type"),
    "seite.md": (b"# Seite\n\n<script>alert(1)</script>\n", "media_type"),
    "skript.js": (b"alert(1)", "media_type"),
    "html-als-bild.png": (b"<html><script>alert(1)</script></html>", "media_content"),
    "svg-als-bild.jpg": (SCRIPT_SVG, "media_content"),
    "html-als-audio.mp3": (b"<!doctype html><script>alert(1)</script>", "media_content"),
    "leer.gif": (b"", "media_content"),
}


@pytest.mark.parametrize("name", MEDIA_ATTACKS)
def test_media_of_any_other_type_or_disguised_is_an_error_naming_the_file(course, project, capsys, name):
    data, code = MEDIA_ATTACKS[name]
    (course / "media" / name).write_bytes(data)
    status, output = run(capsys, "generate", "--content", str(course))
    assert status == 1
    assert f"media/{name}:1:1: Fehler:" in output
    expected = "nur Bilder und Audio erlaubt" if code == "media_type" else "passt nicht zur Endung"
    assert expected in output
    assert not (project / "docs" / "kurs").exists(), "nothing is written"


def test_images_and_audio_of_every_published_type_are_published(course, project, capsys):
    heads = {"a.jpg": b"\xff\xd8\xff\xe0", "b.gif": b"GIF89a", "c.webp": b"RIFF\0\0\0\0WEBPVP8 ",
             "d.avif": b"\0\0\0\x1cftypavif", "e.mp3": b"ID3\x04", "f.ogg": b"OggS\0", "g.m4a": b"\0\0\0\x20ftypM4A ",
             "h.wav": b"RIFF\0\0\0\0WAVEfmt ", "i.flac": b"fLaC", "j.PNG": PNG}
    for name, head in heads.items():
        (course / "media" / name).write_bytes(head + b"\0" * 64)
    (course / "media" / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")  # hidden: neither published nor an error
    status, output = run(capsys, "generate", "--content", str(course))
    assert status == 0, output
    assert published(project) == {"bild.png", *heads}


def _link(course: Path, relative: str, target: str | Path) -> Path:
    link = course / relative
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.exists() or link.is_symlink():
        link.unlink() if not link.is_dir() or link.is_symlink() else shutil.rmtree(link)
    link.symlink_to(target)
    return link


SECRET = "ghp_GEHEIMESTOKEN123"
LINK_ATTACKS = {
    "media to the repository's .git/config": ("media/config.png", "{outside}/git-config"),
    "media to an absolute path": ("media/passwd.png", "/etc/passwd"),
    "media to the process environment": ("media/environ.png", "/proc/self/environ"),
    "media folder outside": ("media", "{outside}"),
    "media sub-folder outside": ("media/unter", "{outside}"),
    "module to a YAML file outside": ("modules/geheim.yaml", "{outside}/geheim.yaml"),
    "module to /dev/zero": ("modules/null.yaml", "/dev/zero"),
    "modules folder outside": ("modules", "{outside}"),
    "course.yaml outside": ("course.yaml", "{outside}/geheim.yaml"),
    "glossary.yaml outside": ("glossary.yaml", "{outside}/geheim.yaml"),
    "dangling link outside": ("media/weg.png", "{outside}/gibt-es-nicht.png"),
}


@pytest.mark.parametrize("attack", LINK_ATTACKS)
def test_a_link_out_of_content_is_an_error_naming_it_and_never_read(course, project, tmp_path, capsys, attack):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "git-config").write_text(f"[credential]\n\ttoken = {SECRET}\n")
    (outside / "geheim.yaml").write_text(f"title: {SECRET}\nsummary: {SECRET}\n")
    (outside / "bild.png").write_bytes(PNG)
    relative, target = LINK_ATTACKS[attack]
    _link(course, relative, target.format(outside=outside))
    status, output = run(capsys, "generate", "--content", str(course))
    assert status == 1, output
    assert f"`{relative}` ist ein Verweis (Symlink)" in output
    assert SECRET not in output
    written = "".join(path.read_text(errors="replace") for path in project.rglob("*") if path.is_file())
    assert SECRET not in written


def test_a_link_inside_content_is_read(course, project, capsys):
    _link(course, "media/auch-bild.png", "bild.png")
    status, output = run(capsys, "generate", "--content", str(course))
    assert status == 0, output
    assert "auch-bild.png" in published(project)


def test_a_fifo_is_an_error_and_never_blocks(course, capsys):
    os.mkfifo(course / "modules" / "pipe.yaml")
    os.mkfifo(course / "media" / "pipe.png")
    status, output = run(capsys, "check", "--content", str(course))
    assert status == 1
    assert output.count("keine normale Datei") == 2


def test_too_large_files_are_errors_that_say_the_limit(course, capsys):
    with open(course / "modules" / "riesig.yaml", "wb") as stream:
        stream.write(b"title: x\n" + b"# " + b"x" * (1024 * 1024) + b"\n")
    with open(course / "media" / "riesig.png", "wb") as stream:
        stream.write(PNG)
        stream.truncate(20 * 1024 * 1024 + 1)  # sparse: fast to make
    status, output = run(capsys, "check", "--content", str(course))
    assert status == 1
    assert "modules/riesig.yaml:1:1: Fehler: Die Datei ist zu groß: erlaubt sind höchstens 1 MB." in output
    assert "media/riesig.png:1:1: Fehler: Die Datei ist zu groß: erlaubt sind höchstens 20 MB." in output


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1b"])
def test_a_control_character_is_one_clear_message(course, capsys, character):
    path = course / "modules" / "erste-schritte.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: ", f"title: Null{character}", 1), encoding="utf-8")
    status, output = run(capsys, "check", "--content", str(course))
    assert status == 1
    line = next(number for number, row in enumerate(text.splitlines(), 1) if "title: " in row)
    assert f"erste-schritte.yaml:{line}:" in output
    assert f"Steuerzeichen (U+{ord(character):04X})" in output
    assert "Traceback" not in output


# --- the generated folder ------------------------------------------------------------------


@pytest.mark.parametrize("where", ["docs/kurs", "docs/kurs/module", "docs/kurs/media/alt.png", "docs/course", "mkdocs.generated.yml"])
def test_generate_refuses_a_link_in_its_output_and_touches_nothing_outside(course, project, tmp_path, capsys, where):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "wichtig.txt").write_text("bleibt")
    (outside / "wichtig.txt").touch()
    link = project / where
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside if not where.endswith((".png", ".yml")) else outside / "wichtig.txt")
    status, output = run(capsys, "generate", "--content", str(course))
    assert status == 2
    assert "Symlink" in output and where in output
    assert [path.name for path in outside.iterdir()] == ["wichtig.txt"]
    assert (outside / "wichtig.txt").read_text() == "bleibt"


# --- rufbereit new module ------------------------------------------------------------------


@pytest.mark.parametrize("title", ["Neu\nduration: 999", "Neu\r\nlevel: profi", "Neu\u2028x", "Neu\x00"])
def test_new_module_refuses_a_title_that_would_break_its_file(tmp_path, capsys, title):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "full", content)
    before = (content / "course.yaml").read_bytes()
    status, output = run(capsys, "new", "module", "neu", "--title", title, "--track", "Grundlagen FxSpurEinsTitel",
                         "--content", str(content))
    assert status == 2
    assert "in einer Zeile" in output
    assert not (content / "modules" / "neu.yaml").exists()
    assert (content / "course.yaml").read_bytes() == before


# --- interrupted builds --------------------------------------------------------------------


def test_leftovers_of_killed_builds_are_removed_and_running_builds_kept(tmp_path):
    from rufbereit.output.engine import clean_leftovers

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    leftovers = [f".site-{dead.pid}-abc", ".site-k2j3h4", f".site-{dead.pid}-abc.yml", ".site-x1y2.yml"]
    for name in leftovers:
        (tmp_path / name).mkdir() if not name.endswith(".yml") else (tmp_path / name).write_text("site_dir: x\n")
    (tmp_path / f".site-{dead.pid}-abc" / "index.html").write_text("alt")
    running = tmp_path / f".site-{os.getppid()}-live"  # a build of a process that still runs
    running.mkdir()
    (tmp_path / "site").mkdir()
    assert sorted(clean_leftovers(tmp_path)) == sorted(leftovers)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([running.name, "site"])


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _in_the_foreground() -> None:
    """Ctrl+C as in a trainer's terminal. A test run started in the background of a shell
    without job control ignores SIGINT, and what it starts inherits that (POSIX): the build
    then rightly keeps running, and this test failed in such runs only."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_build(project: Path) -> tuple[subprocess.Popen, list[int]]:
    """A real `rufbereit build` (a subprocess: its signals are what is tested), caught while
    its engine runs."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "generator"))
    build = subprocess.Popen([sys.executable, "-m", "rufbereit", "build", "--content", str(ROOT / "content")],
                             cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True, preexec_fn=_in_the_foreground)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        engines = _children(build.pid)
        if engines and list(project.glob(".site-*")):
            return build, engines
        time.sleep(0.05)
    build.kill()
    pytest.fail("the engine did not start")


@pytest.mark.usefixtures("engine_build")  # the build's engine is what is stopped
@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_build_stops_its_engine_and_leaves_nothing(project, sent):
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("vorher")
    build, engines = _start_build(project)  # returns once the engine runs
    os.killpg(build.pid, sent) if sent == signal.SIGINT else build.send_signal(sent)  # Ctrl+C hits the group
    _, err = build.communicate(timeout=30)
    assert build.returncode == 130, err
    assert err.strip().splitlines()[-1] == "rufbereit: abgebrochen. Die Website in site/ ist unverändert."
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    deadline = time.monotonic() + 10
    while any(map(_alive, engines)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(_alive, engines)), "the engine must stop with the build"
    assert list(project.glob(".site-*")) == []
    assert (project / "site" / "index.html").read_text() == "vorher"


@pytest.mark.usefixtures("engine_build")
def test_a_killed_build_takes_its_engine_along_and_the_next_build_cleans_up(project):
    from rufbereit.output.engine import clean_leftovers

    build, engines = _start_build(project)
    build.kill()
    build.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while any(map(_alive, engines)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(_alive, engines)), "the engine must not outlive a killed build"
    assert list(project.glob(".site-*")), "SIGKILL leaves the temporary folder behind"
    clean_leftovers(project)
    assert list(project.glob(".site-*")) == []


# --- supply chain --------------------------------------------------------------------------

# Lowest versions without a published advisory (jinja2 sandbox escapes, Material's and
# pymdown-extensions' advisories, setuptools' path traversal CVE-2025-47273).
FLOORS = {"jinja2": "3.1.6", "mkdocs-material": "9.7.7", "pymdown-extensions": "10.21.3", "setuptools": "78.1.1"}


def _locked(path: Path) -> dict[str, tuple[str, str]]:
    """name -> (version, the lines of its entry) of a pip-compile lock file."""
    entries = re.findall(r"^([a-z0-9][a-z0-9._-]*)==([^\s\\]+)((?:\s*\\\n\s+--hash=\S+)*)", path.read_text(), re.M)
    return {name: (version, hashes) for name, version, hashes in entries}


def test_floors_are_above_known_advisories():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    requirements = [Requirement(text) for text in project["project"]["dependencies"] + project["build-system"]["requires"]]
    floors = {req.name: min(Version(s.version) for s in req.specifier if s.operator == ">=") for req in requirements}
    for name, floor in FLOORS.items():
        assert floors[name] >= Version(floor), name


@pytest.mark.parametrize("lock", ["site.txt", "test.txt"])
def test_every_locked_package_has_a_hash_and_fits_pyproject(lock):
    locked = _locked(ROOT / "requirements" / lock)
    assert {"mkdocs", "mkdocs-material", "zensical", "jinja2", "setuptools"} <= set(locked)
    for name, (_version, hashes) in locked.items():
        assert "--hash=sha256:" in hashes, name
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    for text in project["project"]["dependencies"]:
        requirement = Requirement(text)
        name = re.sub(r"[-_.]+", "-", requirement.name).lower()  # PEP 503 normalised
        assert Version(locked[name][0]) in requirement.specifier, requirement.name
    for name, floor in FLOORS.items():
        assert Version(locked[name][0]) >= Version(floor)


def test_make_installs_only_from_the_locks():
    makefile = (ROOT / "Makefile").read_text()
    installs = re.findall(r"pip install[^\n]*", makefile)
    assert installs
    for line in installs:
        assert "--require-hashes -r requirements/" in line or "--no-deps --no-build-isolation" in line \
            or "pip-tools==" in line, line


# --- issue 18: the built page is the boundary ----------------------------------------------

# Bodies that, placed in a `markdown="1"` call-out, gained attributes or links in the engine's
# second Markdown pass: a nested block with an attribute list, and text that the allowlist
# freed from a removed element.
SECOND_PASS_ATTACKS = {
    "nested block + attribute list": '<div>\nAbsatz\n{: onclick="alert(1)" title="&lt;img src=x onerror=alert(1)&gt;" }\n</div>',
    "overlay by attribute list": '<section>\n\n- a\n- b\n{: style="position:fixed;inset:0;background:#fff" }\n\n</section>',
    "tabnabbing by attribute list": '<div>\n[Login](https://example.org)\n{: rel="opener" target="_blank" }\n</div>',
    "srcdoc and autofocus": '<div>\nText\n{: srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;" autofocus onfocus="alert(1)" }\n</div>',
    "freed text becomes a link": "<form>\n\n[x](javascript:alert(1))\n\n# Kopf {: onclick=alert(2) }\n\n</form>",
    "entity-written braces": "<div>\nText\n&#123;: onclick=alert(1) &#125;\n</div>",
}


def _engine_markdown(page: str) -> str:
    """A generated page through Python-Markdown configured as the engines configure it."""
    import markdown

    from rufbereit.render.pages import markdown_extensions

    names, configs = [], {}
    for extension in markdown_extensions("Link"):
        name, config = next(iter(extension.items())) if isinstance(extension, dict) else (extension, {})
        if name != "pymdownx.snippets":  # only docs/index.md uses it
            names.append(name)
            configs[name] = config
    return markdown.markdown(page, extensions=names, extension_configs=configs)


def _module_page(tmp_path: Path, kind: str, body: str) -> str:
    from rufbereit.content.load import load_content
    from rufbereit.render.pages import SiteRenderer

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "full", content, dirs_exist_ok=True)
    path = content / "modules" / "erste-schritte.yaml"
    text = path.read_text(encoding="utf-8")
    indented = "\n".join("      " + line for line in body.splitlines())
    path.write_text(text.replace("      Ein Tipp im Kasten, FxTippKoerper.", indented), encoding="utf-8")
    if kind != "tip":
        path.write_text(path.read_text(encoding="utf-8").replace("kind: tip", f"kind: {kind}", 1), encoding="utf-8")
    pages = SiteRenderer(load_content(content)).pages()
    return pages["kurs/module/erste-schritte/index.md"]


@pytest.mark.parametrize("kind", ["tip", "warning", "example"])
@pytest.mark.parametrize("attack", SECOND_PASS_ATTACKS)
def test_a_call_out_body_is_never_parsed_as_markdown_again(tmp_path, attack, kind):
    from rufbereit.output.boundary import inspect_page

    article = _engine_markdown(_module_page(tmp_path, kind, SECOND_PASS_ATTACKS[attack]))
    page = f"<!doctype html><html><head></head><body><article>{article}</article></body></html>"
    breaches, _ = inspect_page(page, "kurs/module/erste-schritte/index.html")
    assert breaches == [], article
    assert not re.search(r"<[^>]*\s(?:on[a-z]+|style|srcdoc|autofocus|target)=|href=\"javascript", article), article


def _page(article: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body><article>{article}</article></body></html>"


BOUNDARY_ATTACKS = {
    "iframe srcdoc": ('<p>x</p><iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "<iframe>"),
    "full-screen overlay": ('<div style="position:fixed;inset:0">Sitzung abgelaufen</div>', "style="),
    "reverse tabnabbing": ('<a href="https://example.org" rel="opener" target="_blank">x</a>', "target="),
    "event handler": ('<p onmouseover="alert(1)">x</p>', "onmouseover="),
    "autofocus": ('<p autofocus tabindex="0" title="x">x</p>', "autofocus="),
    "form and formaction": ('<form><button formaction="javascript:alert(1)">x</button></form>', "<form>"),
    "base": ('<base href="https://example.org/">', "<base>"),
    "meta refresh": ('<meta http-equiv="refresh" content="0;url=https://example.org">', "<meta>"),
    "object": ('<object data="x.swf"></object>', "<object>"),
    "embed": ('<embed src="x.swf">', "<embed>"),
    "script in content": ("<p>x</p><script>alert(1)</script>", "<script>"),
    "javascript link": ('<a href="javascript:alert(1)">x</a>', "javascript:"),
    "svg": ('<svg><circle r="5"/></svg>', "<svg>"),
}


@pytest.mark.parametrize("attack", BOUNDARY_ATTACKS)
def test_the_pass_over_built_pages_finds_what_got_around_the_sanitiser(attack):
    from rufbereit.output.boundary import inspect_page

    article, what = BOUNDARY_ATTACKS[attack]
    breaches, _ = inspect_page(_page(article), "kurs/module/boese/index.html")
    assert what in [breach.what for breach in breaches]


def test_a_script_written_inside_an_attribute_gets_no_hash(tmp_path):
    """Minifying turns `&lt;` in an attribute into `<`; a regular expression then took the
    text for a script and put its hash into every page's policy."""
    from rufbereit.output.engine import finish_pages

    evil = "alert(document.domain)"
    site = tmp_path / "site"
    site.mkdir()
    article = (f'<p title="&lt;script&gt;{evil}&lt;/script&gt;">t</p>'
               f'<input class="rb-text" data-rb-accept="&lt;script&gt;{evil}&lt;/script&gt;">')
    known = 'var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))'
    (site / "index.html").write_text(_page(article, f"<script>{known}</script>").replace("<body>", "<body><nav aria-label=\"&lt;script&gt;x&lt;/script&gt;\"></nav>"))
    finish_pages(site)
    policy = re.search(r'content="([^"]*script-src[^"]*)"', (site / "index.html").read_text()).group(1)
    from rufbereit.output.boundary import script_hash

    assert re.findall(r"'sha256-[^']+'", policy) == [script_hash(known)]
    for directive in ("frame-src 'none'", "child-src 'none'", "object-src 'none'"):
        assert directive in policy


def test_an_unknown_inline_script_fails_the_build(tmp_path):
    from rufbereit.output.boundary import BoundaryError
    from rufbereit.output.engine import finish_pages

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(_page("<p>x</p>", "<script>alert('nicht bekannt')</script>"))
    with pytest.raises(BoundaryError) as raised:
        finish_pages(site)
    assert [breach.what for breach in raised.value.breaches] == ["<script>"]
    assert "Content-Security-Policy" not in (site / "index.html").read_text(), "nothing is written"


def test_a_breach_is_an_error_at_the_field_that_made_it(tmp_path, capsys):
    from rufbereit.content.load import load_content
    from rufbereit.content.problems import report
    from rufbereit.output.boundary import Breach, breach_problems

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "full", content)
    path = content / "modules" / "erste-schritte.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Ein Tipp im Kasten, FxTippKoerper.",
                                                             "Ein Tipp {: onclick=x }"), encoding="utf-8")
    loaded = load_content(content)
    problems = breach_problems([Breach("kurs/module/erste-schritte/index.html", "onclick=", "x")], loaded)
    report(problems, "de", sys.stdout)
    output = capsys.readouterr().out
    line = next(n for n, row in enumerate(path.read_text().splitlines(), 1) if "{: onclick=x }" in row) - 1
    assert f"modules/erste-schritte.yaml:{line}:" in output
    assert "`onclick=`" in output and "sections[" in output and ".body`" in output
    assert "kurs/module/erste-schritte/index.html" in output


HIDDEN_CHARACTERS = {
    "escape (ESC) as YAML escape": ('"Null\\e]0;gekapert\\a"', "U+001B"),
    "C1 control as YAML escape": ('"Null\\x9b31m"', "U+009B"),
    "right-to-left override as escape": ('"Null\\u202Egnp.exe"', "U+202E"),
    "right-to-left override written": ("Null\u202egnp.exe", "U+202E"),
    "first strong isolate written": ("Null\u2068x", "U+2068"),
    "left-to-right embedding as escape": ('"Null\\u202A"', "U+202A"),
}


@pytest.mark.parametrize("case", HIDDEN_CHARACTERS)
def test_a_hidden_character_in_any_text_is_an_error_naming_it(course, capsys, case):
    value, code = HIDDEN_CHARACTERS[case]
    path = course / "modules" / "erste-schritte.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^title: .*$", lambda _: f"title: {value}", text, count=1), encoding="utf-8")
    status, output = run(capsys, "check", "--content", str(course))
    line = next(number for number, row in enumerate(text.splitlines(), 1) if row.startswith("title: "))
    assert status == 1, output
    assert f"erste-schritte.yaml:{line}:" in output and f"unsichtbare Zeichen {code}" in output
    assert "\x1b" not in output and "\u202e" not in output.replace(value, "")


def test_a_hidden_character_is_explained_in_english_too(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "english", content)
    module = next((content / "modules").glob("*.yaml"))
    text = module.read_text(encoding="utf-8")
    module.write_text(re.sub(r"(?m)^title: .*$", lambda _: 'title: "Hi\\u202Eevil"', text, count=1), encoding="utf-8")
    status, output = run(capsys, "check", "--content", str(content))
    assert status == 1 and "The invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)" in output


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_huge_integer_is_an_error_with_its_position(course, capsys, command):
    path = course / "modules" / "erste-schritte.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^duration: .*$", "duration: " + "9" * 4301, text, count=1), encoding="utf-8")
    status, output = run(capsys, command, "--content", str(course))
    line = next(number for number, row in enumerate(text.splitlines(), 1) if row.startswith("duration: "))
    assert status == 1
    assert f"erste-schritte.yaml:{line}:11: Fehler: Diese Zahl hat 4301 Ziffern" in output
    assert "Traceback" not in output


PATHOLOGICAL = {
    "unclosed tags": "<a " * 20_000,
    "unclosed tags over lines": "<a\n" * 20_000,
    "unclosed CDATA": "<![CDATA[>" * 6_000,
    "unclosed link texts": "[" * 60_000,
    "unclosed link targets": "[x](" * 15_000,
    "unclosed image targets": "![a](b " * 8_500,
}


@pytest.mark.parametrize("shape", PATHOLOGICAL)
def test_a_field_that_would_make_check_quadratic_is_an_error(course, capsys, shape):
    """Python-Markdown searches the rest of the text again for each of these (`<a ` × 20,000
    took minutes); they are counted in one pass and refused before it runs."""
    path = course / "modules" / "erste-schritte.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^summary: .*$", "summary: " + json_string(PATHOLOGICAL[shape]), text, count=1),
                    encoding="utf-8")
    status, output = run(capsys, "check", "--content", str(course))
    assert status == 1
    assert "unvollständige HTML-Tags" in output
    assert len(output) < 5_000


# Issue 18, round 4: every shape that Python-Markdown works on in more than linear time, 60 KB
# each (benchmarks/bounded.py prints the times), and the message that `check` gives for it.
COSTLY_SHAPES = {
    "emphasis *_": ("*_" * 30_000, "markup_inline"),
    "strong **": ("**" * 30_000, "markup_inline"),
    "strong __": ("__" * 30_000, "markup_inline"),
    "emphasis *a": ("*a" * 30_000, "markup_inline"),
    "backticks": ("a`" * 30_000, "markup_inline"),
    "backslashes": ("\\" * 60_000, "markup_inline"),
    "brackets []": ("[]" * 30_000, "markup_inline"),
    "brackets ][": ("][" * 30_000, "markup_inline"),
    "less-than": ("<" * 60_000, "markup_inline"),
    "ampersands": ("&" * 60_000, "markup_inline"),
    "entity-like &#": ("&#" * 30_000, "markup_inline"),
    "entities &amp;": ("&amp;" * 12_000, "markup_inline"),
    "closing tags": ("</a>" * 15_000, "markup_inline"),
    "hard line breaks": ("a  \n" * 15_000, "markup_inline"),
    "html comments": ("<!--" * 15_000, "markup_too_deep"),
    "nested quotes": ("> " * 30_000, "markup_nesting"),
    "nested lists": ("- " * 30_000, "markup_nesting"),
    "nested numbered lists": ("1. " * 20_000, "markup_nesting"),
    "deep indentation": ("".join(" " * (4 * depth) + "- a\n" for depth in range(12)), "markup_nesting"),
    "nested list lines": ("- a\n" + "    - b\n" * 7_500, "markup_nested_lines"),
    "headings": ("# a\n" * 15_000, "markup_line_blocks"),
    "setext underlines =": ("a\n=\n" * 15_000, "markup_line_blocks"),
    "setext underlines -": ("a\n-\n" * 15_000, "markup_line_blocks"),
    "definitions": ("a\n: b\n" * 10_000, "markup_line_blocks"),
    "table rows": ("|a|\n" * 15_000, "markup_lines"),
    "quote lines": (">\n" * 30_000, "markup_lines"),
    "indented code lines": ("    a\n" * 10_000, "markup_lines"),
    "code fences": ("```\n" * 15_000, "markup_fences"),
    "tiny paragraphs": ("# a\n\n" * 12_000, "markup_field_lines"),
    "inline constructs in paragraphs": (("*_" * 49 + "\n\n") * 600, "markup_field_inline"),
}
SHAPE_MESSAGES = {
    "markup_too_deep": ("unvollständige HTML-Tags", "incomplete HTML tags"),
    "markup_nesting": ("Diese Zeile verschachtelt", "This line nests"),
    "markup_line_blocks": ("Überschriften, Trennlinien oder Definitionen", "headings, rules or definitions"),
    "markup_nested_lines": ("eingerückte Zeilen einer verschachtelten Liste", "indented lines of a nested list"),
    "markup_inline": ("Zeichen, die Markdown oder HTML auswerten muss", "characters that Markdown or HTML must"),
    "markup_lines": ("Zeilen ohne Leerzeile dazwischen", "lines without a blank line between them"),
    "markup_fences": ("Code-Zäune", "code fences"),
    "markup_field_lines": ("Zeilen mit Inhalt; mehr als 1000 in einem Feld", "lines with content; more than 1000"),
    "markup_field_inline": ("mehr als 2000 in einem Feld", "more than 2000 in one field"),
}


def _with_first_body(module: Path, body: str) -> int:
    """The module's first section body replaced by `body`, as a block scalar (as trainers write
    long texts); the file's line of the body's first line."""
    text = module.read_text(encoding="utf-8")
    start = text.index("    body: |", text.index("sections:"))
    end = min(text.find(marker, start + 1) % (len(text) + 1) for marker in ("\n  - title:", "\nquiz:", "\nkey_points:"))
    indented = "".join("      " + line + "\n" for line in body.split("\n"))
    module.write_text(text[:start] + "    body: |\n" + indented.rstrip(" \n") + text[end:], encoding="utf-8")
    return text[:start].count("\n") + 2


@pytest.mark.parametrize("shape", COSTLY_SHAPES)
def test_a_field_shape_that_would_make_check_superlinear_is_an_error(course, capsys, shape):
    from rufbereit.content.markup import costly_markup

    body, code = COSTLY_SHAPES[shape]
    line = _with_first_body(course / "modules" / "erste-schritte.yaml", body)
    offset = int(dict(costly_markup(body).params).get("offset", "0"))
    status, output = run(capsys, "check", "--content", str(course))
    assert status == 1
    assert f"erste-schritte.yaml:{line + body.count(chr(10), 0, offset)}:" in output and ": Fehler: " in output
    assert SHAPE_MESSAGES[code][0] in output, output[:400]
    assert len(output) < 5_000


def test_the_error_points_at_the_line_of_the_shape(course, capsys):
    path = course / "modules" / "erste-schritte.yaml"
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("      Eine Liste mit Leerzeile davor:")].count("\n") + 1
    path.write_text(text.replace("      Eine Liste mit Leerzeile davor:", "      " + "> " * 11 + "Zitat"), encoding="utf-8")
    status, output = run(capsys, "check", "--content", str(course))
    assert status == 1
    assert f"erste-schritte.yaml:{line}:7: Fehler: Diese Zeile verschachtelt 11 Zitate" in output
    assert "mehr als 10 Ebenen" in output


@pytest.mark.parametrize("code", sorted(SHAPE_MESSAGES))
def test_a_costly_shape_is_explained_in_english(tmp_path, monkeypatch, project, capsys, code):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "english", content)
    monkeypatch.chdir(project)
    body = next(body for body, shape_code in COSTLY_SHAPES.values() if shape_code == code)
    _with_first_body(content / "modules" / "first-call.yaml", body)
    status, output = run(capsys, "check", "--content", str(content))
    assert status == 1
    assert "first-call.yaml:" in output and ": error: " in output
    assert SHAPE_MESSAGES[code][1] in output, output[:400]


def test_real_course_text_is_far_from_every_shape_limit():
    """The default course, the fixtures and the spec's examples render as before: no field
    comes near a limit (golden files cover the output)."""
    from rufbereit.content.markup import costly_markup

    texts = []
    for root in (ROOT / "content", FIXTURES / "full", FIXTURES / "english"):
        for path in root.rglob("*.yaml"):
            texts += _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    spec = Path("/work/shared/spec/content-format.md")
    if spec.exists():
        texts += re.findall(r"```(?:markdown|md|yaml)?\n(.*?)```", spec.read_text(encoding="utf-8"), re.S)
    assert len(texts) > 1_000
    assert [text[:60] for text in texts if costly_markup(text)] == []


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [text for item in value for text in _strings(item)] if isinstance(value, list) else []


def json_string(value: str) -> str:
    import json

    return json.dumps(value)


def test_report_never_prints_a_control_character(course, capsys):
    (course / "modules" / "neu\x1b]0;x\x07.yaml").write_text("title: x\n", encoding="utf-8")
    status, output = run(capsys, "report", "--content", str(course))
    assert "\x1b" not in output and "\x07" not in output
    assert "\\x1b" in output
