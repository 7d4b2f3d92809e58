"""The trainer edition's pages (issue 25), rendered in process: every call's cards and
diagram, every answer key complete, the notes where they belong, course text escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from support import FIXTURES
from rufbereit.content.load import load_content
from rufbereit.content.markup import plain_text
from rufbereit.content.model import CallSection, section_keys
from rufbereit.output.trainer import trainer_files
from rufbereit.render.pages import SiteRenderer

class Tags(HTMLParser):
    """The tags, attribute names and URL values a browser would see in a page."""

    def __init__(self):
        super().__init__()
        self.names: set[str] = set()
        self.attributes: set[str] = set()
        self.values: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.names.add(tag)
        for name, value in attrs:
            self.attributes.add(name)
            if name in ("href", "src", "xlink:href") and value:
                self.values.append(value)


MARKERS = ("FxTrainerKurs", "FxTrainerModul", "FxTrainerAbschnitt", "FxTrainerSchritt")


def words(fragment: str) -> str:
    """A Markdown field as the words a page shows, for finding it in rendered HTML."""
    return re.sub(r"[*_`]", "", fragment).strip()


@pytest.fixture(scope="module")
def full():
    content = load_content(FIXTURES / "full")
    assert not content.errors
    return content, {path: data.decode("utf-8") for path, data in trainer_files(content).items()
                     if not path.startswith("docs/kurs/media/")}


def test_every_trainer_note_is_in_the_trainer_edition(full):
    _, files = full
    pages = "".join(files.values())
    for marker in MARKERS:
        assert marker in pages, marker
    assert "FxTrainerKurs" in files["docs/index.md"]
    assert "FxTrainerModul" in files["docs/kurs/module/erste-schritte/index.md"]


def test_every_call_has_its_diagram_cards_and_scoring_sheet(full):
    content, files = full
    calls = 0
    for module_id, source in content.modules.items():
        page = files[f"docs/kurs/module/{module_id}/index.md"]
        for key, section in zip(section_keys(source.model), source.model.sections):
            if not isinstance(section, CallSection):
                continue
            calls += 1
            svg = re.search(r"<svg class=\"rb-diagram\".*?</svg>", page, re.DOTALL)
            assert svg, module_id
            for node in [*section.steps, *section.endings]:
                assert f">{node}<" in svg.group(0), node
            assert f'href="{key}/"' in page
            cards = files[f"docs/kurs/module/{module_id}/{key}/index.md"]
            for card in ("rb-card-caller", "rb-card-client", "rb-card-scoring"):
                assert card in cards
            for step in section.steps.values():
                assert words(plain_text(step.client)) in plain_text(cards)
                for choice in step.choices:
                    assert words(choice.say) in plain_text(cards)
                    if choice.feedback:
                        assert words(choice.feedback) in plain_text(cards)
            assert "____ / 4" in cards  # the best total of the fixture's call
    assert calls >= 1


def test_every_answer_key_is_complete(full):
    content, files = full
    for module_id, source in content.modules.items():
        quiz = source.model.quiz
        if not quiz:
            continue
        page = plain_text(files[f"docs/kurs/module/{module_id}/index.md"])
        for question in quiz.questions:
            assert words(question.prompt) in page
            texts = [
                *(option.text for option in getattr(question, "options", [])),
                *(option.feedback for option in getattr(question, "options", []) if option.feedback),
                *getattr(question, "items", []),
                *(pair.left for pair in getattr(question, "pairs", [])),
                *(pair.right for pair in getattr(question, "pairs", [])),
                *getattr(question, "accept", []),
                *(text for text in (getattr(question, "feedback_true", None), getattr(question, "feedback_false", None))
                  if text),
            ]
            for text in texts:
                assert words(text) in page, (module_id, text)


def test_the_classroom_plan_lists_every_module_with_duration_role_plays_and_checks(full):
    content, files = full
    plan = files["docs/index.md"]
    renderer = SiteRenderer(content)
    assert [entry.id for entry in renderer.entries] == re.findall(r'<a href="kurs/module/([^/]+)/">', plan)
    assert "anruf-muster/" in plan and "4 Fragen, bestanden ab 70 %" in plan
    assert "Gesamt" in plan


def test_the_learners_generated_tree_has_no_trainer_note(project, rufbereit_main):
    assert rufbereit_main("generate", "--content", str(FIXTURES / "full"), cwd=project).returncode == 0
    for path in [*(project / "docs" / "kurs").rglob("*"), project / "mkdocs.generated.yml"]:
        if path.is_file():
            data = path.read_bytes()
            assert not any(marker.encode() in data for marker in MARKERS), path


def test_course_text_in_the_trainer_edition_cannot_run_script():
    content = load_content(FIXTURES / "hostile")
    files = {path: data.decode("utf-8") for path, data in trainer_files(content).items() if path.endswith(".md")}
    assert any("rb-card-client" in page for page in files.values())
    for path, page in files.items():
        tags = Tags()
        tags.feed(page)
        assert "script" not in tags.names, path
        assert not [name for name in tags.attributes if name.startswith("on")], path
        assert not [value for value in tags.values if "javascript:" in value.lower()], path


def test_the_trainer_edition_loads_nothing_from_another_host(full):
    _, files = full
    config = files["mkdocs.yml"]
    assert "font: false" in config and "plugins: []" in config
    for page in files.values():
        assert not re.search(r"(src|href)=\"(https?:)?//", page)
