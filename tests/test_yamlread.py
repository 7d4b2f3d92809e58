"""The quick reader (`_plain_read`) and the event reader (`built`) read every file alike: the
quick one either gives exactly what `built` gives (data, every position, warnings) or leaves
the file to `built`, whose messages the rest of the suite checks."""

from __future__ import annotations

import pickle
import random
from pathlib import Path

import pytest

from rufbereit.content.problems import Mark
from rufbereit.content.yamlread import YamlReadError, _plain_read, built

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    path for folder in ("tests/broken", "tests/fixtures", "content") for path in (ROOT / folder).rglob("*.yaml")
    if path.is_file() and not path.is_symlink()
)
# Slips and YAML features that `_plain_read` must either read as `built` does or hand over.
BITS = ("&a ", "*a", "!x ", "! ", " #c", "#", "\t", ": ", "- ", '"', "'", "\\e", "\u200b", "\x1b", "|", ">",
        "---\n", "&", "*", "\u202e", '"\\u200b"', "0x" + "9" * 40, "  ", "\n", "?", "[", "{", ",", "<<: *a\n", "1e3")


def _read(reader, text: str):
    try:
        document = reader("m.yaml", text)
    except YamlReadError as error:
        return error.problem
    if document is None:
        return None
    return (document.data, document.values, document.keys, document.block_scalars, document.warnings)


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")


def _mutant(seed: int) -> str:
    chance = random.Random(seed)
    text = _text(chance.choice(FILES))
    for _ in range(chance.randint(1, 3)):
        position = chance.randrange(len(text) + 1)
        if chance.random() < 0.7:
            text = text[:position] + chance.choice(BITS) + text[position:]
        else:
            text = text[:position] + text[position + chance.randint(1, 5):]
    return text


def _same(text: str) -> None:
    quick = _read(_plain_read, text)
    if quick is not None:
        assert quick == _read(built, text)


@pytest.mark.parametrize("path", FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_corpus_file_reads_alike(path: Path):
    _same(_text(path))


def test_slipped_files_read_alike():
    for seed in range(400):
        _same(_mutant(seed))


def test_the_quick_reader_takes_the_course_and_leaves_anchors():
    assert all(_plain_read("m.yaml", _text(path)) is not None for path in (ROOT / "content").rglob("*.yaml"))
    assert _plain_read("m.yaml", "a: &x 1\nb: *x\n") is None
    assert _plain_read("m.yaml", "a: 1\na: 2\n") is None


# The starts of lines below a plain value's first line: list markers and what only looks like
# one, each kind of whitespace (`\u3000` is whitespace to a regex, `\u2028` a line break to
# libyaml only), a comment, digits with and without their dot.
LINE_STARTS = ("- ", "-", "-x ", "* ", "+\t", "1. ", "12) ", "1 ", "1.", "x ", "\t- ", "  - ", "-\u3000", "\u3000- ",
               "- #c ", "-  ", "# ", "\u2028- ", "\u2029", "--- ", "- - ")


def _plain_value_of_lines(chance: random.Random) -> str:
    lines = [chance.choice(LINE_STARTS) + chance.choice(("Wort", "zwei Worte", "", "#", " Ende", "ein\u2028Bruch"))
             for _ in range(chance.randint(1, 4))]
    below = "".join(f"\n{'  ' * chance.randint(1, 3)}{line}" for line in lines)
    first = chance.choice(("body: Erste Zeile", "- text: Erste Zeile", "- Erste Zeile", "a:\n  b: Erste"))
    after = chance.choice(("next: 1", "items:\n- eins\n- zwei", "- text: zwei"))  # list lines after the value
    return f"{first}{below}\n{after}\n"


def test_plain_values_of_several_lines_read_alike():
    """`_plain_read` looks for list lines in a value of several lines with one search over its
    text: it finds every line that `built` (line by line) finds, and nothing else."""
    chance = random.Random(7)
    folded = 0
    for _ in range(3000):
        text = _plain_value_of_lines(chance)
        _same(text)
        quick = _read(_plain_read, text)
        folded += isinstance(quick, tuple) and any(problem.code.startswith("yaml_folded_list") for problem in quick[4])
    assert folded > 100  # the list lines were there to be found


def test_positions_made_when_asked_for_are_pickled_as_positions():
    """The quick reader keeps libyaml's marks and makes a `Mark` on `get`; the disk cache pickles
    documents, and a document read back from it gives the same places, as `Mark`s."""
    text = _text(ROOT / "content" / "course.yaml")
    quick, slow = _plain_read("m.yaml", text), built("m.yaml", text)
    again = pickle.loads(pickle.dumps(quick))
    assert again.values == slow.values and again.keys == slow.keys
    assert all(type(mark) is Mark for mark in dict.values(again.values))
    path = next(iter(quick.values))
    assert quick.values[path] == slow.values[path] == Mark(*slow.values[path])
    assert quick.values.get(("no", "such", "path")) is None
