"""The shortcuts `check` takes for speed say what the long way says: a check from the disk cache
(files read before, each file's texts walked once for all rules) reports exactly what a cold
check reports, the cache keeps no walked texts (they are the model's own), the indexed search
for near-identical questions finds what comparing every pair finds, and a field passed by as
cheap is never one that counting (`count_costly_markup`) reports."""

from __future__ import annotations

import difflib
import pickle
import random
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from support import ROOT
from rufbereit.content.lint import SAME_TEXT, SAME_WORDS, _words, near_identical_questions
from rufbereit.content.load import load_content
from rufbereit.content.markup import costly_markup, count_costly_markup, surely_cheap
from rufbereit.content.problems import Mark
from rufbereit.content.rules import _DEEP_START, _MAY_HAVE_SLIPS, _NEEDS_A_LOOK
from rufbereit.content.tree import ParseCache
from rufbereit.output.cache import cache_file

# Courses whose texts carry the slips the text rules find: links, images, headings, list lines.
CASES = ["slip-broken-links", "slip-warnings", "list-without-blank-line"]


@pytest.mark.parametrize("case", CASES)
def test_a_check_from_the_disk_cache_says_what_a_cold_check_says(rufbereit_main, case, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "broken" / case, content)
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    warm.mkdir(), cold.mkdir()
    first = rufbereit_main("check", "--content", str(content), cwd=warm)
    assert cache_file(warm).is_file()
    again = rufbereit_main("check", "--content", str(content), cwd=warm)
    fresh = rufbereit_main("check", "--content", str(content), cwd=cold)
    assert str(content) in first.stderr, "the case must report something"
    assert again == fresh == first


def test_the_cache_keeps_no_walked_texts():
    cache = ParseCache()
    loaded = load_content(ROOT / "tests" / "fixtures" / "full", cache)
    assert all(source.texts for source in loaded.modules.values())  # walked by the rules
    copy = pickle.loads(pickle.dumps(dict(cache.entries)))
    sources = [source for source, _ in copy.values() if source is not None]
    assert sources and all("texts" not in vars(source) for source in sources)
    assert [source.texts for source in sources] == [
        source.texts for source, _ in cache.entries.values() if source is not None
    ]


def test_a_warm_check_in_process_matches_a_cold_one():
    root = ROOT / "tests" / "broken" / "slip-broken-links"
    cache = ParseCache()
    cold = load_content(root, cache).problems
    cache.prune()
    assert load_content(root, cache).problems == cold == load_content(Path(root), ParseCache()).problems


def _similar_by_brute_force(prompts: list[str]) -> list[int | None]:
    """The lint's rule, pair by pair: the first earlier prompt with the same text, else the first
    that shares SAME_WORDS of all their words and SAME_TEXT of their wording."""
    texts = [" ".join(prompt.casefold().split()) for prompt in prompts]
    words = [_words(prompt) for prompt in prompts]

    def similar(this: int, other: int) -> bool:
        shared = len(words[this] & words[other])
        if shared / (len(words[this]) + len(words[other]) - shared) < SAME_WORDS:
            return False
        return difflib.SequenceMatcher(None, texts[this], texts[other]).ratio() >= SAME_TEXT

    found: list[int | None] = []
    for this in range(len(prompts)):
        same = next((other for other in range(this) if texts[other] == texts[this]), None)
        if same is None and words[this]:
            same = next((other for other in range(this) if similar(this, other)), None)
        found.append(same)
    return found


def _random_prompts(seed: int) -> list[str]:
    """Prompts from a small vocabulary, many of them a few words away from an earlier one, of
    every length the index treats differently (0 to 3 words, grouped, beyond GROUPED_WORDS)."""
    chance = random.Random(seed)
    vocabulary = [f"wort{chr(97 + i % 26)}{'x' * (i // 26)}" for i in range(chance.choice([5, 12, 40, 200]))]
    vocabulary += ["du", "ja", "im"]  # too short to count
    prompts: list[list[str]] = []
    for _ in range(chance.randint(1, 120)):
        if prompts and chance.random() < 0.4:
            words = list(chance.choice(prompts))
            for _ in range(chance.randint(0, 3)):
                if words and chance.random() < 0.4:
                    words.pop(chance.randrange(len(words)))
                else:
                    words.insert(chance.randrange(len(words) + 1), chance.choice(vocabulary))
        else:
            size = chance.choice([0, 1, 2, 3, 4, 5, 8, 10, 16, 30, 33, 38, 41, 45, 60])
            words = [chance.choice(vocabulary) for _ in range(size)]
        prompts.append(words)
    return [" ".join(words) + chance.choice(["", "?", " ?"]) for words in prompts]


class _Lines:
    def mark(self, path):
        return Mark(path[-1] + 1, 1)


def test_near_identical_questions_finds_what_comparing_every_pair_finds():
    for seed in range(25):
        prompts = _random_prompts(seed)
        quiz = SimpleNamespace(questions=[SimpleNamespace(prompt=prompt) for prompt in prompts])
        source = SimpleNamespace(file="m.yaml", document=_Lines(), model=SimpleNamespace(quiz=quiz))
        expected = [(this + 1, f"m.yaml:{other + 1}") for this, other in enumerate(_similar_by_brute_force(prompts))
                    if other is not None]
        found = [(problem.line, dict(problem.params)["other"]) for problem in near_identical_questions([source])]
        assert found == expected, seed


def _markup_text(chance: random.Random) -> str:
    """A few lines thick with markup (container markers, inline marks, tags, brackets, fences),
    or one kind of markup repeated about as often as a limit allows."""
    if chance.random() < 0.3:
        mark = chance.choice(["[", "]", "<a ", "](", "*", "`", "<![", ">", "> ", "- ", "    ", "\t", "1. ", "+ ",
                              "#\n"])
        return chance.choice(["", "x"]).join([mark] * chance.randint(8, 14)) + chance.choice(["", "#", "wort", " wort"])
    pieces = ["*", "_", "[", "]", "<", "<a ", "&", "`", "\\", " ", "  ", "\t", "> ", "- ", "+ ", ": ", "1. ", "2) ",
              "#", "=", "~~~", "```", "](", ")", "<![", "wort ", "x"]
    lines = ["".join(chance.choice(pieces) for _ in range(chance.randint(0, 14))) for _ in range(chance.randint(1, 11))]
    return "\n".join(lines)


def _long_text(chance: random.Random) -> str:
    """A body of some paragraphs: prose lines, and about as many lines of one kind (fences,
    headings, rules, definitions, underlines, nested items) as a limit allows."""
    kind = chance.choice(["```", "~~~", "# Titel", ": Definition", "===", "---", "***", "- - -", "   ## Teil", "_ _ _",
                          "    - tief", "> > zitat", "wort  ", ">" * 10 + " x", ">" * 11 + " x", "- " * 11 + "x"])
    lines = [kind] * chance.randint(8, 12) + ["Ein Satz mit wort und wort."] * chance.randint(0, 32)
    lines += chance.choice([[], [""], ["", ""]]) + [chance.choice(["*", "`", "[", "<b>", "x"])] * chance.randint(0, 3)
    chance.shuffle(lines)
    if chance.random() < 0.3:  # the same kind again and again
        lines = [kind] * chance.randint(36, 44)
    return "\n".join(lines)


def _marked_paragraph(chance: random.Random) -> str:
    """One paragraph of up to 40 lines, each with a few inline marks (none that opens a tag or
    a bracket) and perhaps a hard break: about as many inline constructs as a paragraph may hold."""
    lines = ["wort " + " wort ".join(chance.choice(["*", "_", "&", "`", "**", "\\"]) for _ in range(chance.randint(1, 3)))
             + chance.choice(["", "  "]) for _ in range(chance.randint(20, 40))]
    return "\n".join(lines)


def _at_the_inline_limit(marks: int) -> str:
    """40 lines with a hard break each and `marks` inline marks spread over them: the most
    inline constructs a field of few markup characters can have."""
    return "\n".join("wort" + "*" * (marks // 40 + (line < marks % 40)) + " wort  " for line in range(40))


def test_a_field_taken_for_cheap_is_never_too_costly():
    for marks in range(55, 66):
        text = _at_the_inline_limit(marks)
        assert not surely_cheap(text) or count_costly_markup(text) is None, marks
    chance = random.Random(5)
    cheap = costly = 0
    for _ in range(8000):
        pick = chance.random()
        text = _markup_text(chance) if pick < 0.65 else _long_text(chance) if pick < 0.9 else _marked_paragraph(chance)
        if surely_cheap(text):
            cheap += 1
            assert count_costly_markup(text) is None, text
        elif count_costly_markup(text) is not None:
            costly += 1
    assert cheap > 500 and costly > 100  # both sides of the line are tried


def test_a_field_the_text_rules_pass_by_has_nothing_to_look_at():
    """`_text_rules` passes by a field that `_NEEDS_A_LOOK` and `_DEEP_START` do not flag; the
    long way would find it cheap (`costly_markup`), without a character any rule needs
    (`_MAY_HAVE_SLIPS`) and of one line (no list line): nothing to report, unless the file
    has a placeholder, where every field is looked at."""
    chance = random.Random(7)
    pieces = [*"<[]{}:#&/*_`\\>+-.)0123456789 \t\n=|!~\"'()?", "wort", "Wort ", "x", "10.", "- ", "  "]
    passed_by = 0
    for _ in range(20000):
        text = "".join(chance.choice(pieces) for _ in range(chance.randint(0, 24)))
        if chance.random() < 0.2:  # one mark or container about as often as a limit allows
            run = chance.choice([*"*_`\\<[&>-+.) \t", "1.", "> ", "- "]) * chance.choice([9, 10, 11, 12, 99, 100, 101])
            text = chance.choice(["", "x"]) + run + text
        if _NEEDS_A_LOOK.search(text) or _DEEP_START.match(text):
            continue
        passed_by += 1
        assert "\n" not in text and costly_markup(text) is None and not _MAY_HAVE_SLIPS.search(text), text
    assert passed_by > 1000


def test_list_lines_found_without_walking_every_line_are_the_same():
    """`_list_without_blank_line` finds a text's list lines with one search where it has no code
    fence: the same warnings at the same places as walking the text line by line."""
    from rufbereit.content.rules import _list_lines_without_blank_line, _list_without_blank_line
    from rufbereit.content.yamlread import YamlDocument

    chance = random.Random(11)
    starts = ["- ", "-", "* ", "+\t", "1. ", "12) ", "1 ", "  - ", "\t- ", "-\u3000", "\u3000- ", "- ", "", "", "x "]
    found = 0
    for _ in range(4000):
        lines = [chance.choice(starts) + chance.choice(["Wort", "zwei Worte", "", " "]) for _ in range(chance.randint(1, 9))]
        text = "\n".join(lines)
        document = YamlDocument(data=None, values={("body",): Mark(3, 5)}, block_scalars={("body",)},
                                text="x\nbody: |\n" + "\n".join("    " + line for line in lines))
        source = SimpleNamespace(file="m.yaml", document=document)
        quick = _list_without_blank_line(source, ("body",), text)
        assert quick == _list_lines_without_blank_line(source, ("body",), text), text
        found += bool(quick)
    assert found > 500
