"""One seam per question type and section kind: the model's unions are the only lists.

A type or kind is its model class (in the `Question` or `Section` union of model.py), its
markup (a question type's case in render/question.py, a section kind's template), its entry in the script's table of types, its interface texts and its schema
description. These tests name the place that a new type or kind still lacks.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import cache
from typing import get_args

import pytest
from markupsafe import Markup

from support import FIXTURES, ROOT
from rufbereit.content.model import QUESTION_TYPES, SECTION_KINDS, CalloutSection
from rufbereit.render.question import question_html
from rufbereit.texts import section
from rufbereit.tools.schema import TITLES, VALUE_DESCRIPTIONS

TEMPLATES = ROOT / "generator" / "rufbereit" / "render" / "templates"
SCRIPT = ROOT / "assets-src" / "site" / "questions.mjs"
# The names of the script's `const TYPES = {…}` table, read by a JavaScript parser (espree, the
# one ESLint uses), so that formatting the script never changes what this test sees.
TABLE_KEYS = """
const espree = require(process.env.ESPREE), fs = require("fs");
const tree = espree.parse(fs.readFileSync(process.env.SCRIPT, "utf8"), { ecmaVersion: "latest", sourceType: "module" });
let keys = null;
(function walk(node) {
  if (!node || typeof node.type !== "string") return;
  if (node.type === "VariableDeclarator" && node.id.name === "TYPES" && node.init.type === "ObjectExpression")
    keys = node.init.properties.map((p) => p.key.name || p.key.value);
  for (const value of Object.values(node)) (Array.isArray(value) ? value : [value]).forEach(walk);
})(tree);
process.stdout.write(JSON.stringify(keys));
"""


@cache
def script_types() -> list[str]:
    node = shutil.which("node")
    assert node, "node is needed to read the script's table of types"
    env = {"ESPREE": str(ROOT / "node_modules" / "espree"), "SCRIPT": str(SCRIPT)}
    result = subprocess.run([node, "-e", TABLE_KEYS], env=env, capture_output=True, text=True, check=True)
    keys = json.loads(result.stdout)
    assert keys, "no `const TYPES = {…}` table in assets-src/site/questions.mjs"
    return keys
CALLOUTS = get_args(CalloutSection.model_fields["kind"].annotation)


def test_the_script_knows_no_type_the_model_lacks():
    assert sorted(script_types()) == sorted(QUESTION_TYPES)


def test_the_lists_come_from_the_model_unions():
    assert set(SECTION_KINDS) >= {"text", "tip", "warning", "example", "reflection", "checklist", "dialogue"}
    assert set(QUESTION_TYPES) >= {"single", "multiple", "true_false", "order", "match", "text"}


@pytest.mark.parametrize("question_type", QUESTION_TYPES)
def test_every_question_type_has_its_markup_script_entry_and_schema_text(question_type):
    question = next(q for q in full_fixture_questions() if q.type == question_type)
    fields = question_html(question, "q1", 1, 1, section("de", "site"), lambda text, inline=False: Markup(text or ""))
    answers = fields.split('<div class="rb-answers">\n', 1)[1].split("</div>\n<button", 1)[0]
    key = fields.split('<div class="rb-solution-body">\n', 1)[1]
    assert f'data-rb-type="{question_type}"' in fields and answers and key.startswith("<p><strong>")
    assert question_type in script_types(), f"no entry for {question_type} in TYPES of assets-src/site/questions.mjs"
    assert VALUE_DESCRIPTIONS["type"][question_type]


@pytest.mark.parametrize("kind", [kind for kind in SECTION_KINDS if kind not in CALLOUTS])
def test_every_section_kind_has_its_template_and_schema_text(kind):
    assert (TEMPLATES / f"section_{kind}.html").is_file()
    assert VALUE_DESCRIPTIONS["kind"][kind]


def test_every_model_class_has_a_schema_title():
    from rufbereit.content import model

    classes = [cls for cls in vars(model).values()
               if isinstance(cls, type) and issubclass(cls, model.Model) and not cls.__name__.startswith("_")]
    assert [cls.__name__ for cls in classes if cls is not model.Model and cls.__name__ not in TITLES] == []


@cache
def full_fixture_questions() -> list:
    from rufbereit.content.load import load_content

    content = load_content(FIXTURES / "full")
    return [q for source in content.modules.values() if source.model.quiz for q in source.model.quiz.questions]


def test_the_full_fixture_uses_every_type_and_kind():
    """So that every per-type branch (ending in `assert_never`) runs in the suite: a new type
    without its case fails mypy and, through this fixture, the tests."""
    from rufbereit.content.load import load_content
    from support import FIXTURES

    content = load_content(FIXTURES / "full")
    modules = [source.model for source in content.modules.values()]
    assert {q.type for m in modules if m.quiz for q in m.quiz.questions} == set(QUESTION_TYPES)
    assert {s.kind for m in modules for s in m.sections} == set(SECTION_KINDS)
