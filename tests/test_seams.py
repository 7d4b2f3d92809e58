"""One seam per question type and section kind: the model's unions are the only lists.

A type or kind is its model class (in the `Question` or `Section` union of model.py), its
templates, its entry in the script's table of types, its interface texts and its schema
description. These tests name the place that a new type or kind still lacks.
"""

from __future__ import annotations

import re
from typing import get_args

import pytest

from support import ROOT
from rufbereit.content.model import QUESTION_TYPES, SECTION_KINDS, CalloutSection
from rufbereit.tools.schema import TITLES, VALUE_DESCRIPTIONS

TEMPLATES = ROOT / "generator" / "rufbereit" / "render" / "templates"
SCRIPT = (ROOT / "docs" / "assets" / "rufbereit.js").read_text(encoding="utf-8")
CALLOUTS = get_args(CalloutSection.model_fields["kind"].annotation)


def test_the_lists_come_from_the_model_unions():
    assert set(SECTION_KINDS) >= {"text", "tip", "warning", "example", "reflection", "checklist", "dialogue"}
    assert set(QUESTION_TYPES) >= {"single", "multiple", "true_false", "order", "match", "text"}


@pytest.mark.parametrize("question_type", QUESTION_TYPES)
def test_every_question_type_has_its_templates_script_entry_and_schema_text(question_type):
    assert (TEMPLATES / f"question_{question_type}.html").is_file()
    assert (TEMPLATES / f"solution_{question_type}.html").is_file()
    table = SCRIPT[SCRIPT.index("const TYPES = {") : SCRIPT.index("\n  };", SCRIPT.index("const TYPES = {"))]
    assert re.search(rf"^    {question_type}: \{{", table, re.M), f"no entry for {question_type} in TYPES"
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
