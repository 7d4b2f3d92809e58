"""The JSON Schemas for editors: committed, faithful to the models, German throughout."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rufbereit.content.model import QUESTION_TYPES, SECTION_KINDS
from rufbereit.tools.schema import SCHEMAS, VALUE_DESCRIPTIONS, render

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_DIR = ROOT / "content" / "schema"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
CONTENT_DIRS = [ROOT / "content", *sorted(p.parent for p in (ROOT / "tests" / "fixtures").glob("*/course.yaml"))]


def schema_for(file: Path) -> Path:
    if file.parent.name == "modules":
        return SCHEMA_DIR / "module.schema.json"
    return SCHEMA_DIR / f"{file.stem}.schema.json"


def content_files() -> list[Path]:
    files = []
    for folder in CONTENT_DIRS:
        files += [folder / "course.yaml", *sorted((folder / "modules").glob("*.yaml"))]
        if (folder / "glossary.yaml").is_file():
            files.append(folder / "glossary.yaml")
    return files


def validate(schema: Path, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), *map(str, files)], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_is_up_to_date(name: str):
    committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert committed == render(SCHEMAS[name]), "run `rufbereit schema` and commit content/schema/"


def test_schema_command_writes_the_same_files(tmp_path: Path, rufbereit_main):
    (tmp_path / "content").mkdir()
    result = rufbereit_main("schema", "--content", str(tmp_path / "content"))
    assert result.returncode == 0 and "3 Schemadatei(en)" in result.stdout
    for name in SCHEMAS:
        assert (tmp_path / "content" / "schema" / name).read_text(encoding="utf-8") == (SCHEMA_DIR / name).read_text(
            encoding="utf-8"
        )


def walk(node, path=""):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{path}/{index}")


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_field_and_value_is_described(name: str):
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    objects = [node for _, node in walk(schema) if node.get("type") == "object"]
    assert objects
    for node in objects:
        assert node.get("additionalProperties") is False
        # A call's steps and endings: ids as keys, each value a described model.
        assert node.get("properties") or node.get("patternProperties"), node
        for key, prop in node.get("properties", {}).items():
            assert prop.get("description"), f"{name}: {key} has no description"
    for path, node in walk(schema):
        if "enum" in node:
            assert len(node["enumDescriptions"]) == len(node["enum"]), path
            assert len(node["markdownEnumDescriptions"]) == len(node["enum"]), path
            assert all(text for text in node["enumDescriptions"]), path
        if "const" in node:  # only the `correct: true` of the rules that JSON Schema can state
            assert node["const"] is True and path.endswith("/contains/properties/correct"), path


def test_every_choice_of_the_model_is_described():
    assert set(VALUE_DESCRIPTIONS["kind"]) == set(SECTION_KINDS)
    assert set(VALUE_DESCRIPTIONS["type"]) == set(QUESTION_TYPES)
    assert set(VALUE_DESCRIPTIONS["outcome"]) == {"success", "neutral", "failure"}
    assert set(VALUE_DESCRIPTIONS["level"]) == {"basic", "intermediate", "advanced"}
    assert set(VALUE_DESCRIPTIONS["language"]) == {"de", "en"}


def test_defaults_are_kept():
    module = json.loads((SCHEMA_DIR / "module.schema.json").read_text(encoding="utf-8"))
    course = json.loads((SCHEMA_DIR / "course.schema.json").read_text(encoding="utf-8"))
    assert course["properties"]["pass_mark"]["default"] == 80
    assert course["properties"]["language"]["default"] == "de"
    assert module["$defs"]["Quiz"]["properties"]["shuffle"]["default"] is True
    assert module["$defs"]["Option"]["properties"]["correct"]["default"] is False
    assert module["$defs"]["TextSection"]["properties"]["kind"]["default"] == "text"


def test_every_content_file_names_its_schema():
    for file in content_files():
        first = file.read_text(encoding="utf-8-sig").splitlines()[0]
        expected = "schema/" if file.parent.name != "modules" else "../schema/"
        assert first == f"# yaml-language-server: $schema={expected}{schema_for(file).name}", file


def by_schema(files: list[Path]) -> dict[Path, list[Path]]:
    groups: dict[Path, list[Path]] = {}
    for file in files:
        groups.setdefault(schema_for(file), []).append(file)
    return groups


def test_content_files_validate():
    """One check-jsonschema run per schema for all files (its start-up is most of its time)."""
    for schema, files in by_schema(content_files()).items():
        result = validate(schema, *files)
        assert result.returncode == 0, result.stdout + result.stderr


MISTAKES = [
    ("unknown-key-hint", "modules/eins.yaml"),  # corect: true
    ("glossary-unknown-key", "glossary.yaml"),  # defintion:
    ("unknown-key-nohint", "course.yaml"),  # farbe: blau
    ("section-kind-typo", "modules/zwei.yaml"),  # kind: tipp
    ("level-typo", "modules/eins.yaml"),
    ("bool-nein", "modules/eins.yaml"),
    ("duration-too-long", "modules/eins.yaml"),
    ("options-too-many", "modules/eins.yaml"),
    ("single-two-correct", "modules/eins.yaml"),
    ("single-no-correct", "modules/eins.yaml"),
    ("multiple-no-correct", "modules/eins.yaml"),
    ("duplicate-order-items", "modules/eins.yaml"),
]


def test_schema_rejects_mistakes():
    """Every file of the list is named as invalid (one run per schema for all of them)."""
    paths = [ROOT / "tests" / "broken" / case / file for case, file in MISTAKES]
    for schema, files in by_schema(paths).items():
        result = validate(schema, *files)
        assert result.returncode == 1, result.stdout
        for file in files:
            assert str(file) in result.stdout, f"{file} was not rejected:\n{result.stdout}"
