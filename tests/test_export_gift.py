"""`rufbereit export gift`, read back by a real GIFT parser (gift-pegjs from npm, run by node)
and compared question by question; an escaping fuzz over every GIFT special character."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess

import pytest

from rufbereit.cli import main
from rufbereit.content.load import load_content
from rufbereit.content.model import MatchQuestion, SingleQuestion, TextQuestion
from rufbereit.tools.export.bank import Html, bank, category_path, plain_name
from rufbereit.tools.export.gift import export_gift, question
from support import FIXTURES, ROOT

PARSER = ROOT / "node_modules" / "gift-pegjs"


def parse(text: str) -> list[dict]:
    node = shutil.which("node")
    if not node or not PARSER.is_dir():
        pytest.fail("node and gift-pegjs are needed: run `make node_modules/.installed`")
    code = f"const g = require({json.dumps(str(PARSER))}); console.log(JSON.stringify(g.parse(require('fs').readFileSync(0, 'utf8'))));"
    result = subprocess.run([node, "-e", code], input=text, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def squeeze(text: str) -> str:
    return re.sub(r" {2,}", " ", text)


def expected(html: Html, module_id: str, q) -> dict:
    """What the parser must give back for one of our questions."""
    out = {"type": {"single": "MC", "multiple": "MC", "true_false": "TF", "text": "Short", "match": "Matching"}[q.type],
           "title": plain_name(f"{module_id}/{q.question_id}"), "stem": html(q.prompt),
           "general": html(q.explanation, inline=False) if q.explanation else None}
    if q.type in ("single", "multiple"):
        out["choices"] = [(html(o.text), html(o.feedback) if o.feedback else None, o.correct) for o in q.options]
    elif q.type == "true_false":
        out["answer"] = q.answer
    elif q.type == "text":
        out["choices"] = [a.strip() for a in q.accept]
    elif q.type == "match":
        out["pairs"] = [(html(p.left), squeeze(html.plain(p.right))) for p in q.pairs]
    return out


def got(parsed: dict) -> dict:
    text = lambda part: part["text"].replace("&#10;", "\n") if part else None  # noqa: E731
    out = {"type": parsed["type"], "title": parsed["title"], "stem": text(parsed["stem"]),
           "general": text(parsed.get("globalFeedback"))}
    if parsed["type"] == "MC":
        out["choices"] = [(text(c["text"]), text(c["feedback"]), c["isCorrect"] or (c["weight"] or 0) > 0)
                          for c in parsed["choices"]]
    elif parsed["type"] == "TF":
        out["answer"] = parsed["isTrue"]
    elif parsed["type"] == "Short":
        out["choices"] = [text(c["text"]) for c in parsed["choices"]]
    elif parsed["type"] == "Matching":
        # gift-pegjs hands back an escaped character of a matching answer as "&&<code>;".
        # It also folds runs of spaces, as a browser shows them anyway.
        unescape = lambda a: squeeze(re.sub(r"&&(\d+);", lambda m: chr(int(m.group(1))), a))  # noqa: E731
        out["pairs"] = [(text(p["subquestion"]), unescape(p["subanswer"])) for p in parsed["matchPairs"]]
    return out


@pytest.mark.parametrize("fixture", ["full", "hostile", "english"])
def test_every_question_reads_back_as_written(fixture, tmp_path, capsys):
    content = load_content(FIXTURES / fixture)
    out = tmp_path / "bank.gift.txt"
    assert main(["export", "gift", "--content", str(FIXTURES / fixture), "--out", str(out)]) == 0
    parsed = parse(out.read_text(encoding="utf-8"))
    html = Html(content)
    _, modules = bank(content)
    wanted, categories = [], []
    for module in modules:
        categories.append(category_path(content.course.model.title, module.title))
        wanted += [expected(html, module.id, q) for q in module.questions if q.type != "order"]
    questions = [got(p) for p in parsed if p["type"] != "Category"]
    assert questions == wanted
    assert [p["title"] for p in parsed if p["type"] == "Category"] == categories
    skipped = sum(q.type == "order" for m in modules for q in m.questions)
    assert (f"{skipped} Reihenfolge" in capsys.readouterr().out) == bool(skipped)


def test_multiple_choice_weights_sum_to_100():
    content = load_content(FIXTURES / "full")
    text, _, _ = export_gift(content)
    for q in parse(text):
        if q["type"] == "MC" and any(c["weight"] for c in q["choices"]):
            assert abs(sum(c["weight"] for c in q["choices"] if c["weight"] > 0) - 100) < 0.01


SPECIAL = "~=#{}:\\"


@pytest.mark.parametrize("seed", range(12))
def test_escaping_fuzz_over_every_special_character(seed):
    rng = random.Random(seed)
    alphabet = SPECIAL + "ab -%>\u00e4"

    def word() -> str:
        # Always a letter first and last: Markdown and GIFT both trim the edges.
        return "x" + "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) + "y"

    html = Html(load_content(FIXTURES / "full"))
    single = SingleQuestion(type="single", prompt=word(), explanation=word(), id=word(),
                            options=[{"text": word(), "correct": True, "feedback": word()}, {"text": word()}])
    text = TextQuestion(type="text", prompt=word(), accept=[word(), word()])
    match = MatchQuestion(type="match", prompt=word(), pairs=[{"left": word(), "right": word()} for _ in range(3)])
    gift = "\n\n".join(question(html, "fuzz", q) for q in (single, text, match)) + "\n"
    parsed = parse(gift)
    assert [got(p) for p in parsed] == [expected(html, "fuzz", q) for q in (single, text, match)]
