"""Following a message leads to the fix (issue 22).

For every message of the broken corpus that shows a corrected line, the test writes that
line into the trainer's file exactly as the message says and checks again: the file must
then be clean, or name only problems it already had (a different, real problem), never a
new one caused by following the advice.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rufbereit.content.load import load_content
from rufbereit.content.problems import Problem
from test_check_corpus import CASES, LISTS, SLIPS

ROOT = Path(__file__).resolve().parents[1]
BROKEN = ROOT / "tests" / "broken"
# Messages whose `fixed` is a part of a text or a file name, not a line of the file.
NOT_A_LINE = {"link_to_yaml", "link_space", "module_file_extension", "media_space", "module_in_subfolder", "bad_id_hint"}


def fixable(problem: Problem) -> bool:
    params = dict(problem.params)
    return "fixed" in params and problem.code not in NOT_A_LINE and problem.file.endswith(".yaml")


def apply_fix(problem: Problem, path: Path) -> None:
    """Write the corrected line the message shows, as a trainer would."""
    params = dict(problem.params)
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    fixed = str(params["fixed"])
    if problem.code == "yaml_colon_block":  # `body: text:` becomes `body: |` with the text below
        original = lines[problem.line - 1]
        lines[problem.line - 1 : problem.line] = [original[: len(original) - len(original.lstrip())] + fixed, str(params["first"])]
    elif problem.code == "yaml_folded_list_fix":  # line N becomes `key: |`, its text moves below
        number = int(params["line_number"])
        original = lines[number - 1]
        lines[number - 1 : number] = [original[: len(original) - len(original.lstrip())] + fixed, str(params["first"]), ""]
    elif problem.code == "expected_list_fix":  # `key: item` becomes `key:` and `  - item` below it
        original = lines[problem.line - 1]
        lines[problem.line - 1 : problem.line] = [original[: problem.column - 1].rstrip(), fixed]
    else:
        original = lines[problem.line - 1]
        indent = original[: len(original) - len(original.lstrip(" "))]
        lines[problem.line - 1] = fixed if fixed[:1] == " " else indent + fixed
    path.write_text("\n".join(lines), encoding="utf-8")


# Content checks that only run once a file reads: real problems of the small corpus files,
# hidden while the file had a syntax error, never caused by a fix (and the question lint,
# which the tiny corpus courses with their repeated prompts all trip).
SEEN_ONCE_READ = {"duration_estimate"}


def messages(problems: list[Problem], file: str) -> set[str]:
    return {problem.message("de") for problem in problems
            if problem.file == file and problem.code not in SEEN_ONCE_READ and not problem.code.startswith("lint_")}


# Fixes after which the file names a different, real problem: (case, file, line) → the codes.
REAL_FOLLOW_UPS = {
    # `type: zuordnen` becomes `type: match`; the question still lists `options`, not `pairs`.
    ("slip-did-you-mean", "modules/eins.yaml", 20): {"unknown_key_nohint", "missing_in_item", "missing"},
    # `kind: beispiel` becomes `kind: example`; the section still has dialogue `lines`.
    ("slip-did-you-mean", "modules/zwei.yaml", 13): {"unknown_key_nohint", "missing_in_item", "missing"},
}


def follow_ups(case: str, problem: Problem, after: list[Problem], file: str) -> set[str]:
    place = (case, problem.file.split(f"/{case}/")[1], problem.line)
    allowed = REAL_FOLLOW_UPS.get(place, set())
    return {later.message("de") for later in after if later.file == file and later.code in allowed}


CORPUS = sorted(set(CASES) | set(SLIPS) | set(LISTS))


@pytest.mark.parametrize("case", CORPUS)
def test_following_each_message_leads_to_the_fix(case: str, tmp_path):
    before = load_content(BROKEN / case).problems
    targets = [problem for problem in before if fixable(problem)]
    for number, problem in enumerate(targets):
        folder = tmp_path / f"{number}"
        shutil.copytree(BROKEN / case, folder)
        file = problem.file.replace(str(BROKEN / case), str(folder))
        apply_fix(problem, Path(file))
        after = load_content(folder).problems
        old = {text for text in messages(before, problem.file) if text != problem.message("de")}
        new = messages(after, file) - old - follow_ups(case, problem, after, file)
        assert not new, (problem.format("de"), sorted(new))


def test_the_corpus_has_messages_to_follow():
    """Every class of issue 22 shows a line to follow."""
    for case in LISTS:
        problems = load_content(BROKEN / case).problems
        assert all(fixable(problem) for problem in problems if problem.code != "yaml_folded_list"), case
