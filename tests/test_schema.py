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
CONTENT_DIRS = [ROOT / "content", *sorted(p for p in (ROOT / "tests" / "fixtures").iterdir() if p.is_dir())]


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


def validate(schema: Path, file: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), str(file)], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_is_up_to_date(name: str):
    committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert committed == render(SCHEMAS[name]), "run `rufbereit schema` and commit content/schema/"


def test_schema_command_writes_the_same_files(tmp_path: Path):
    (tmp_path / "content").mkdir()
    subprocess.run([sys.executable, "-m", "rufbereit", "schema", "--content", str(tmp_path / "content")],
                   cwd=ROOT, check=True, capture_output=True)
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
        for key, prop in node["properties"].items():
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


@pytest.mark.parametrize("file", content_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_content_files_validate(file: Path):
    result = validate(schema_for(file), file)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "case, file",
    [
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
    ],
)
def test_schema_rejects_mistakes(case: str, file: str):
    path = ROOT / "tests" / "broken" / case / file
    result = validate(schema_for(path), path)
    assert result.returncode == 1, result.stdout
