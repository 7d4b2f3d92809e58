"""Read one YAML file into plain data plus the position of every value.

libyaml does the scanning (fast); this module builds the values itself so that it can apply
YAML 1.2 rules (only ``true``/``false`` are booleans), refuse anchors and aliases the moment
they appear, reject duplicate keys and remember where everything was.

Two ways, one result: a file without anything unusual is read in one tight loop
(`_plain_read`, the common case, a third of the cost); anything a message might be said about
(an anchor, a tag, a duplicate key, a syntax error, a hidden character) sends the file
through `_Builder`, which says it exactly as it always did.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, NoReturn, cast

import yaml
from yaml._yaml import CParser
from yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent,
                         SequenceStartEvent, StreamEndEvent)

from . import slips
from .problems import Mark as Mark, Problem  # Mark is defined beside Problem, which holds one

Path = tuple[str | int, ...]

_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_NULLS = {"", "~", "null", "Null", "NULL"}
# Characters that change what a reader or a terminal shows rather than being shown: C0 and C1
# controls (tab and line feed apart; `\\e` starts terminal sequences) and the bidi embeddings,
# overrides and isolates, which turn text right to left. YAML's escapes make all of them.
HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Python refuses to turn longer digit strings into int (CVE-2020-10735); no field needs more.
MAX_DIGITS = 30
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class Marks(dict):
    """Where each value (or key) of a file stands, by its path. The quick reader keeps libyaml's
    own marks (0-based), and one becomes a `Mark` only when asked for: a file holds hundreds,
    and only a problem's place is ever read. Pickled and compared as `Mark`s."""

    __slots__ = ()

    def get(self, path: Path, default: Mark | None = None) -> Mark | None:  # type: ignore[override]
        found = dict.get(self, path)
        if found is None:
            return default
        return found if type(found) is Mark else Mark(found.line + 1, found.column + 1)

    def __getitem__(self, path: Path) -> Mark:
        found = self.get(path)
        if found is None:
            raise KeyError(path)
        return found

    def as_marks(self) -> dict[Path, Mark]:
        return {path: self[path] for path in self}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, dict):
            return NotImplemented
        return self.as_marks() == (other.as_marks() if isinstance(other, Marks) else other)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __reduce__(self):
        return Marks, (self.as_marks(),)


@dataclass
class YamlDocument:
    """The data of one file and where each of its values and keys stands."""

    data: object
    values: Marks = field(default_factory=Marks)
    keys: Marks = field(default_factory=Marks)
    block_scalars: set[Path] = field(default_factory=set)
    text: str = ""
    # Slips that YAML accepts but that change what the trainer wrote (a cut-off comment).
    warnings: list[Problem] = field(default_factory=list)

    def mark_in_text(self, path: Path, value: str, offset: int) -> Mark:
        """Where character `offset` of the text value at `path` stands in the file."""
        start = self.values.get(path) or self.mark(path)
        before = value[:offset]
        line_in_value = before.count("\n")
        column_in_line = offset - (before.rfind("\n") + 1)
        if path in self.block_scalars:
            lines = self.text.splitlines()
            number = start.line + 1 + line_in_value
            source_line = lines[number - 1] if number <= len(lines) else ""
            indent = len(source_line) - len(source_line.lstrip(" "))
            return Mark(number, indent + column_in_line + 1)
        if line_in_value == 0:
            return Mark(start.line, start.column + column_in_line)
        return Mark(start.line + line_in_value, 1)

    def mark(self, path: Path) -> Mark:
        """The closest known position: the key of a field, else its value, else its parent."""
        while path:
            found = self.keys.get(path) or self.values.get(path)
            if found:
                return found
            path = path[:-1]
        return self.values.get(()) or Mark(1, 1)


class YamlReadError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


def _mark(event_mark) -> Mark:
    return Mark(event_mark.line + 1, event_mark.column + 1)


# The first characters of the plain scalars `resolve_plain` turns into something else than text.
_RESOLVED_START = frozenset("+-.0123456789~nNtTfF")


def resolve_plain(text: str) -> object:
    """YAML 1.2 core schema for plain scalars: `no`, `ja`, `on` stay strings."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.fullmatch(text):
        return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


def decode(raw: bytes, file: str) -> str:
    """UTF-8 with an optional BOM; anything else is a clear error at the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise YamlReadError(Problem.error(file, Mark(line, column), "not_utf8")) from None


_CONTENT_LINE = re.compile(r"^[ \t]*[^#\s]", re.MULTILINE)


def read_yaml(raw: bytes, file: str) -> YamlDocument:
    # Old Mac line endings (CR only) made the whole file one comment line: read them as lines.
    text = decode(raw, file).replace("\r\n", "\n").replace("\r", "\n")
    if not _CONTENT_LINE.search(text):
        raise YamlReadError(Problem.error(file, Mark(1, 1), "empty_file"))
    pasted = slips.pasted_spaces(file, text)
    if pasted:
        raise YamlReadError(pasted)
    return _plain_read(file, text) or built(file, text)


def built(file: str, text: str) -> YamlDocument:
    """The file read event by event by `_Builder`, which has a message for every slip."""
    builder = _Builder(file, text)
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            builder.feed(event)
    except yaml.MarkedYAMLError as error:
        raise YamlReadError(slips.syntax_problem(file, text, error)) from None
    except yaml.reader.ReaderError as error:  # a NUL byte or another control character
        before = text[: error.position]
        mark = Mark(before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1)
        character = ord(error.character) if isinstance(error.character, str) else error.character
        raise YamlReadError(Problem.error(file, mark, "control_character", char=f"U+{character:04X}")) from None
    return builder.document


class _Unusual(Exception):
    """Something `_Builder` has to look at (and may have a message for)."""


# A line that `slips.plain_value_slips` takes for a list item, found after its "\n" in the text
# of a plain value (`[^\S\n]`: the whitespace its `\s` matches within one line).
_LIST_LINE_BELOW = re.compile(r"\n[^\S\n]*(?:[-*+]|\d+[.)])[^\S\n]+\S")


def _list_line_below(text: str, start: int, end: int) -> bool:
    """Whether a line after the first of the value from `start` to `end` (up to the end of
    its last line) starts like a list item: without one, a value of several lines holds no
    list that `plain_value_slips` would find, and its search line by line is skipped."""
    line_end = text.find("\n", end)
    return _LIST_LINE_BELOW.search(text, start, line_end if line_end >= 0 else len(text)) is not None


def _plain_read(file: str, text: str) -> YamlDocument | None:
    """The file read in one tight loop over libyaml's events, with the checks of `_Builder`
    that a well-formed file passes; None where one of them fails (or might), so that
    `_Builder` reads the file again and says exactly what it always said."""
    if HIDDEN.search(text) or any(char in text for char in slips.INVISIBLE):
        return None
    document = YamlDocument(data=None, text=text)
    values, keys, warnings = document.values, document.keys, document.warnings
    lines = slips.text_lines(text) if "#" in text else ()  # only a `#` can cut a plain value short
    odd_breaks = "\u2028" in text or "\u2029" in text  # line breaks to libyaml, not to `split("\n")`
    parser = CParser(text)
    get_event = parser.get_event
    stack: list[tuple] = []
    container: Any = None  # the open mapping or list (None before the document's value)
    path: Path = ()
    key: Any = None  # the mapping's key read last, None where its value was placed
    key_path: Path = ()
    in_mapping = False
    documents = 0
    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or event.tag is not None:
                    raise _Unusual
                start = event.start_mark
                if in_mapping and key is None:
                    name = event.value
                    if kind is not ScalarEvent or name in container or (
                            event.style == '"' and any(char in name for char in slips.INVISIBLE)):
                        raise _Unusual  # a list or mapping as a key, a duplicate key, an escaped invisible
                    key, key_path = name, (*path, name)
                    keys[key_path] = start
                    continue
                item_path = key_path if in_mapping else (*path, len(container)) if container is not None else ()
                values[item_path] = start
                if kind is not ScalarEvent:
                    stack.append((container, path, key, in_mapping))
                    in_mapping = kind is MappingStartEvent
                    container, path, key = ({} if in_mapping else []), item_path, None
                    continue
                value, style = event.value, event.style
                if not style:
                    end = event.end_mark.line
                    if (lines and "#" in lines[end]) or (end > start.line and (
                            odd_breaks or _list_line_below(text, start.index, event.end_mark.index))):
                        found = slips.plain_value_slips(file, text, event, item_path)
                        if any(problem.severity == "error" for problem in found):
                            raise _Unusual
                        warnings += found
                    if len(value) > MAX_DIGITS and _INT.fullmatch(value):
                        raise _Unusual
                    if not value or value[0] in _RESOLVED_START:
                        value = resolve_plain(value)
                elif style == '"' and HIDDEN.search(value):  # written as an escape
                    raise _Unusual
                elif style == "|" or style == ">":
                    document.block_scalars.add(item_path)
                    if style == ">":
                        warnings += slips.folded_block(file, text, event)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                value = container
                container, path, key, in_mapping = stack.pop()
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Unusual
                continue
            elif kind is StreamEndEvent:
                return document
            elif kind is AliasEvent:
                raise _Unusual
            else:
                continue
            if in_mapping:
                container[key] = value
                key = None
            elif container is not None:
                container.append(value)
            else:
                document.data = value
    except Exception:  # noqa: BLE001 - whatever it is, `_Builder` reads the file again and says it
        return None
    finally:
        parser.dispose()


class _Frame:
    """An open mapping or sequence: its value, its path, and (for mappings) the key read last."""

    __slots__ = ("value", "path", "is_mapping", "key", "key_marks")

    def __init__(self, value: dict | list, path: Path):
        self.value, self.path = value, path
        self.is_mapping = isinstance(value, dict)
        self.key: str | None = None
        self.key_marks: dict[str, Mark] = {}

    def next_path(self) -> Path:
        return (*self.path, cast(str, self.key)) if self.is_mapping else (*self.path, len(self.value))

    def add(self, value: object) -> None:
        if self.is_mapping:
            cast(dict, self.value)[self.key] = value
            self.key = None
        else:
            self.value.append(value)


_OPENS = {yaml.MappingStartEvent: dict, yaml.SequenceStartEvent: list}
_CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class _Builder:
    """Turns the event stream into values, keeping the position of every value and key."""

    def __init__(self, file: str, text: str):
        self.file = file
        self.document = YamlDocument(data=None, text=text)
        self.stack: list[_Frame] = []
        self.documents = 0

    def fail(self, event, code: str, **params) -> NoReturn:
        raise YamlReadError(Problem.error(self.file, _mark(event.start_mark), code, **params))

    def fail_slip(self, event, code: str) -> None:
        """An anchor, alias or tag where the trainer meant text (`& Co`, `!Wichtig`)."""
        problem = slips.value_starts_with(self.file, self.document.text, _mark(event.start_mark))
        if problem is None or (code != "alias" and slips.aliases_used(self.document.text)):
            self.fail(event, code)
        raise YamlReadError(problem)

    def feed(self, event) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self.check_node(event)
            self.scalar(event)
        elif kind in _OPENS:
            self.check_node(event)
            self.open(event, _OPENS[kind]())
        elif kind in _CLOSES:
            self.place(self.stack.pop().value)
        elif kind is yaml.AliasEvent:
            self.fail_slip(event, "alias")
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self.fail(event, "several_documents")

    def check_node(self, event) -> None:
        if event.anchor is not None:
            self.fail_slip(event, "anchor")
        if event.tag not in (None, "!"):
            self.fail_slip(event, "tag")

    def scalar(self, event) -> None:
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame.is_mapping and frame.key is None:
            self.key(frame, event)
            return
        path = frame.next_path() if frame else ()
        self.document.values[path] = _mark(event.start_mark)
        style = event.style  # libyaml reports plain scalars with style ''
        if style in ("|", ">"):
            self.document.block_scalars.add(path)
        if not style:
            found = slips.plain_value_slips(self.file, self.document.text, event, path)
            errors = [problem for problem in found if problem.severity == "error"]
            if errors:
                raise YamlReadError(errors[0])
            self.document.warnings += found
        elif style == ">":
            self.document.warnings += slips.folded_block(self.file, self.document.text, event)
        hidden = HIDDEN.search(event.value)
        if hidden:
            self.hidden_character(event, hidden.group())
        if not style and len(event.value) > MAX_DIGITS and _INT.fullmatch(event.value):
            self.fail(event, "huge_number", digits=sum(char.isdigit() for char in event.value), limit=MAX_DIGITS)
        self.place(event.value if style else resolve_plain(event.value))

    def hidden_character(self, event, char: str) -> NoReturn:
        """An error at the character itself if it stands in the file, else at its value (an
        escape such as `\\e` or `\\u202e` in a quoted string)."""
        source = self.document.text[event.start_mark.index : event.end_mark.index]
        offset = source.find(char)
        mark = _mark(event.start_mark)
        if offset >= 0:
            before = self.document.text[: event.start_mark.index + offset]
            mark = Mark(before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)
        name = unicodedata.name(char, "") or ("C0 control" if ord(char) < 0x80 else "C1 control")
        raise YamlReadError(Problem.error(self.file, mark, "invisible_character", char=f"U+{ord(char):04X}", name=name))

    def open(self, event, value: dict | list) -> None:
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame.is_mapping and frame.key is None:
            self.fail(event, "complex_key")
        path = frame.next_path() if frame else ()
        self.document.values[path] = _mark(event.start_mark)
        self.stack.append(_Frame(value, path))

    def key(self, frame: _Frame, event) -> None:
        name, mark = event.value, _mark(event.start_mark)
        hidden = slips.invisible_in_key(self.file, name, mark)
        if hidden:
            raise YamlReadError(hidden)
        if name in frame.key_marks:
            first = next(iter(frame.key_marks))
            in_list = len(self.stack) > 1 and not self.stack[-2].is_mapping
            if in_list and name == first:  # `text:` again where a new list item was meant
                raise YamlReadError(slips.missing_dash(self.file, self.document.text, mark))
            self.fail(event, "duplicate_key", key=name, first_line=frame.key_marks[name].line)
        frame.key_marks[name] = mark
        frame.key = name
        self.document.keys[(*frame.path, name)] = mark

    def place(self, value: object) -> None:
        """Put a finished value into its parent, or make it the document."""
        if self.stack:
            self.stack[-1].add(value)
        else:
            self.document.data = value
