"""The YAML slips trainers make, named in plain words at the line they must change.

libyaml reports where its parser gave up and in parser terms ("did not find expected key"),
often a line late. These functions look at the trainer's own lines to say what happened
and quote the line back, corrected. No English parser fragment ever reaches a message.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .problems import Mark as Place, Problem  # one type for a place in a file, everywhere


# Characters that give a value's first character a YAML meaning (or start a Markdown
# construct YAML misreads): a value starting with one of them must be quoted.
INDICATORS = "*&[{>|%@`!"
TYPOGRAPHIC_QUOTES = "„“”‚‘’«»"
PASTED_SPACES = "\u00a0\u2007\u202f"  # no-break spaces, as word processors and mails paste them
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_LINE = re.compile(r"^(?P<prefix>[ ]*(?:-[ ]+)*)(?:(?P<key>[^\s#'\"{}\[\]>|*&!%@`,-][^:#]*?|<<):(?:[ ]+|$))?(?P<value>.*)$")
_KEY_LINE = re.compile(r"^(?P<prefix>[ ]*(?:-[ ]+)*)(?P<key>[A-Za-z_][\w-]*):(?:\s|$)")
_INDENT = re.compile(r"^[ \t\u00a0\u2007\u202f]*(?:-[ \t\u00a0\u2007\u202f]+)*")
_ALIAS_USE = re.compile(r"(?:^|[\s\[,{])\*[A-Za-z0-9_-]+")
_LIST_LINE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S")


@lru_cache(maxsize=4)
def _lines(text: str) -> tuple[str, ...]:
    """Split once per file, not once per value: a str caches its hash, so the lookup is cheap."""
    return tuple(text.split("\n"))


def _line(text: str, number: int) -> str:
    lines = _lines(text)
    return lines[number - 1] if 0 < number <= len(lines) else ""


@cache
def known_keys() -> frozenset[str]:
    """Every key of the content format: a line starting with one is structure, not text."""
    from pydantic import BaseModel

    from . import model

    names: set[str] = set()
    for value in vars(model).values():
        if isinstance(value, type) and issubclass(value, BaseModel):
            names |= set(value.model_fields)
    return frozenset(names)


def quoted(value: str) -> str:
    """The value as a YAML quoted string, in the quotes that need no escaping."""
    value = value.rstrip()
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def fixed_line(prefix: str, key: str | None, value: str) -> str:
    return f"{prefix}{key}: {value}".strip() if key else f"{prefix}{value}".strip()


# --- before parsing ---------------------------------------------------------------------


def pasted_spaces(file: str, text: str) -> Problem | None:
    """A no-break space in the indentation (pasted from a word processor)."""
    if not any(char in text for char in PASTED_SPACES):
        return None
    for number, line in enumerate(_lines(text), 1):
        indentation = _INDENT.match(line).group()
        match = re.search(f"[{PASTED_SPACES}]", indentation)
        if match is None:
            key = _KEY_LINE.match(line)
            after = line[key.end() - 1 :] if key else ""
            if key and after[:1] in PASTED_SPACES:
                return Problem.error(file, Place(number, key.end()), "yaml_pasted_space", line_number=number)
            continue
        return Problem.error(file, Place(number, match.start() + 1), "yaml_pasted_space", line_number=number)
    return None


# --- while building -----------------------------------------------------------------------


def value_starts_with(file: str, text: str, mark) -> Problem | None:
    """The value on `mark`'s line begins with a YAML indicator or a typographic quote."""
    line = _line(text, mark.line)
    parts = _LINE.match(line)
    if parts is None or parts["key"] == "<<":
        return None
    prefix, key, value = parts["prefix"], parts["key"], parts["value"].rstrip()
    column = len(line) - len(parts["value"]) + 1
    if not value or column > max(mark.column, 1):
        return None
    if value[0] in TYPOGRAPHIC_QUOTES:
        closing = next((index for index in range(1, len(value)) if value[index] in TYPOGRAPHIC_QUOTES), None)
        inner = value[1:] if closing is None else value[1:closing] + value[closing + 1 :]
        fixed = fixed_line(prefix, key, quoted(inner))
        return Problem.error(file, Place(mark.line, column), "yaml_typographic_quote", character=value[0], fixed=fixed)
    if value[0] in INDICATORS:
        return Problem.error(
            file, Place(mark.line, column), "yaml_starts_with", character=value[0], fixed=fixed_line(prefix, key, quoted(value))
        )
    return None


def aliases_used(text: str) -> bool:
    """Whether the file really uses anchors (then `&name` is no slip but a refused anchor)."""
    return bool(_ALIAS_USE.search(text)) or "<<:" in text


def invisible_in_key(file: str, name: str, mark) -> Problem | None:
    hidden = [index for index, char in enumerate(name) if char in INVISIBLE]
    if not hidden:
        return None
    clean = "".join(char for char in name if char not in INVISIBLE)
    code = f"U+{ord(name[hidden[0]]):04X}"
    return Problem.error(file, Place(mark.line, mark.column + hidden[0]), "yaml_invisible_key", key=clean, char=code)


def missing_dash(file: str, text: str, mark) -> Problem:
    """A key repeated inside a list item: the line starts a new item and lacks its `- `."""
    line = _line(text, mark.line)
    indent = mark.column - 1
    fixed = " " * max(indent - 2, 0) + "- " + line.lstrip()
    return Problem.error(file, mark, "yaml_missing_dash", fixed=fixed.strip(), key=line.strip().split(":")[0])


def plain_value_slips(file: str, text: str, event, path) -> list[Problem]:
    """A comment that cut a plain value short, or an unquoted text that swallowed a list."""
    start, end = event.start_mark, event.end_mark
    problems = []
    line = _line(text, end.line + 1)
    rest = line[end.column :]
    if rest.strip().startswith("#") and rest[:1] in (" ", "\t", ""):
        problems.append(_comment_problem(file, line, end, rest, event.value))
    if end.line > start.line:
        for number in range(start.line + 2, end.line + 2):
            if _LIST_LINE.match(_line(text, number)):
                key = next((part for part in reversed(path) if isinstance(part, str)), "")
                problems.append(Problem.warning(file, Place(number, 1), "yaml_folded_list", key=key, line_number=start.line + 1))
                break
    return problems


def _comment_problem(file: str, line: str, end, rest: str, value: str) -> Problem:
    hash_column = end.column + rest.index("#") + 1
    dropped = rest.strip()
    parts = _LINE.match(line)
    if not value:  # `- text: #1 im Team`: the whole value is a comment
        fixed = fixed_line(parts["prefix"], parts["key"], quoted(dropped)) if parts else quoted(dropped)
        return Problem.error(file, Place(end.line + 1, hash_column), "yaml_comment_value", fixed=fixed)
    whole = parts["value"].strip() if parts and "\n" not in value and parts["value"].startswith(value) else ""
    fixed = fixed_line(parts["prefix"], parts["key"], quoted(whole)) if whole and parts else ""  # whole implies parts
    if fixed:
        return Problem.warning(file, Place(end.line + 1, hash_column), "yaml_comment_cut", dropped=dropped, fixed=fixed)
    return Problem.warning(file, Place(end.line + 1, hash_column), "yaml_comment_cut_plain", dropped=dropped)


def folded_block(file: str, event) -> list[Problem]:
    if event.end_mark.line - event.start_mark.line <= 2:
        return []
    return [Problem.warning(file, Place(event.start_mark.line + 1, event.start_mark.column + 1), "yaml_folded_block")]


# --- after the parser gave up -----------------------------------------------------------


def syntax_problem(file: str, text: str, error) -> Problem:
    """Name the classic YAML traps in plain words instead of libyaml's parser jargon."""
    problem_mark, context_mark = error.problem_mark, error.context_mark
    where = Place(problem_mark.line + 1, problem_mark.column + 1) if problem_mark else Place(1, 1)
    opened = Place(context_mark.line + 1, context_mark.column + 1) if context_mark else where
    problem, context = error.problem or "", error.context or ""
    lines = _lines(text)
    for diagnose in (_tab, _unclosed, _starts_with, _colon, _missing_space, _indentation):
        found = diagnose(file, lines, where, opened, problem, context)
        if found:
            return found
    if "found character that cannot start any token" in problem:
        line = _line(text, where.line)
        return Problem.error(file, where, "yaml_bad_character", character=line[where.column - 1 : where.column])
    return Problem.error(file, where, "yaml_syntax")


def _tab(file, lines, where, opened, problem, context):
    line = lines[where.line - 1] if where.line <= len(lines) else ""
    at_tab = line[where.column - 1 : where.column] == "\t"
    if "tab" not in problem and not at_tab and "\t" not in _INDENT.match(line).group():
        return None
    for number, candidate in enumerate(lines, 1):
        indentation = _INDENT.match(candidate).group()
        if "\t" in indentation:
            return Problem.error(file, Place(number, indentation.index("\t") + 1), "yaml_tab")
    return Problem.error(file, where, "yaml_tab")


def _text_after_quote(file, lines, where):
    """`- 'Rabatt' ist falsch`: a quoted text with more text after its closing quote."""
    for number in (where.line, where.line - 1):
        parts = _LINE.match(lines[number - 1]) if 0 < number <= len(lines) else None
        value = parts["value"].rstrip() if parts else ""
        if value[:1] in ("'", '"') and 0 < value.find(value[0], 1) < len(value) - 1:
            assert parts is not None  # a value implies its line matched
            column = len(lines[number - 1]) - len(parts["value"]) + 1
            fixed = fixed_line(parts["prefix"], parts["key"], quoted(value))
            return Problem.error(file, Place(number, column), "yaml_text_after_quote_fix", fixed=fixed)
    return None


def _unclosed(file, lines, where, opened, problem, context):
    before = lines[where.line - 1][: where.column - 1].rstrip() if where.line <= len(lines) else ""
    if "did not find expected" in problem:
        found = _text_after_quote(file, lines, where)
        if found:
            return found
    if "did not find expected key" in problem and before.endswith(('"', "'")) and before.count(before[-1]) >= 2:
        return Problem.error(file, where, "yaml_text_after_quote")
    if "quoted scalar" in context:
        return Problem.error(file, opened, "yaml_unclosed_quote")
    if "flow sequence" in context or "flow mapping" in context:
        line = lines[opened.line - 1]
        slip = value_starts_with(file, "\n".join(lines), opened)
        # `[Absage] Kunde legt auf` is text, `[eins, zwei` a list left open.
        if slip and "," not in line[opened.column :]:
            return slip
        return Problem.error(file, opened, "yaml_unclosed_bracket")
    return None


def _starts_with(file, lines, where, opened, problem, context):
    text = "\n".join(lines)
    for mark in (opened, where) if opened.line <= where.line else (where,):
        slip = value_starts_with(file, text, mark)
        if slip:
            return slip
    return None


def _colon(file, lines, where, opened, problem, context):
    if "mapping values are not allowed" not in problem:
        return None
    line = lines[where.line - 1]
    key_line = _KEY_LINE.match(line)
    if _continues_text(lines, where.line) and not (key_line and key_line["key"] in known_keys()):
        return Problem.error(file, Place(where.line, 1), "yaml_colon_continued", previous=where.line - 1)
    if key_line and len(key_line["prefix"]) + len(key_line["key"]) == where.column - 1:
        # The line is `key: …` but was read as the text of the line above.
        if key_line["key"] in known_keys():
            return _indent_off(file, lines, where.line, key_line)
        return Problem.error(file, Place(where.line, 1), "yaml_colon_continued", previous=where.line - 1)
    parts = _LINE.match(line)
    fixed = fixed_line(parts["prefix"], parts["key"], quoted(parts["value"])) if parts and parts["key"] else ""
    if fixed:
        return Problem.error(file, where, "yaml_colon_fix", fixed=fixed)
    return Problem.error(file, where, "yaml_colon")


def _continues_text(lines, number: int) -> bool:
    """Whether line `number` is read as the second line of an unquoted text above it."""
    line = lines[number - 1]
    indent = len(line) - len(line.lstrip(" "))
    for index in range(number - 2, -1, -1):
        above = lines[index]
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        parts = _LINE.match(above)
        value = parts["value"].strip() if parts else ""
        above_indent = len(parts["prefix"]) if parts else 0
        return bool(parts and parts["key"] and value and value[0] not in "|>'\"" and above_indent < indent)
    return False


def _indent_off(file, lines, number: int, key_line) -> Problem | None:
    """`key:` indented one or two spaces off its sibling above: name both and the fix."""
    own = len(key_line["prefix"])
    for index in range(number - 2, -1, -1):
        above = _KEY_LINE.match(lines[index])
        if not above:
            continue
        column = len(above["prefix"])
        if column == own:
            return None
        if abs(column - own) <= 2:
            fixed = " " * column + lines[number - 1].lstrip()
            return Problem.error(
                file, Place(number, 1), "yaml_indent_off", key=key_line["key"], sibling=above["key"],
                sibling_line=index + 1, spaces=column, fixed=fixed,
            )
        if column < own - 2:
            break
    return Problem.error(file, Place(number, 1), "yaml_indentation")


def _missing_space(file, lines, where, opened, problem, context):
    if "could not find expected ':'" not in problem:
        return None
    line = lines[opened.line - 1]
    glued = re.match(r"^(?P<prefix>[ ]*(?:-[ ]+)*)(?P<key>[A-Za-z_][\w-]*):(?P<value>\S.*)$", line)
    if glued:
        fixed = f"{glued['prefix']}{glued['key']}: {glued['value']}"
        place = Place(opened.line, len(glued["prefix"]) + len(glued["key"]) + 2)
        return Problem.error(file, place, "yaml_space_after_colon", fixed=fixed.strip())
    dash = re.match(r"^(?P<indent>[ ]*)-(?P<value>[^\s-].*)$", line)
    if dash:
        fixed = f"- {dash['value']}"
        return Problem.error(file, Place(opened.line, len(dash["indent"]) + 1), "yaml_space_after_dash", fixed=fixed)
    return Problem.error(file, opened, "yaml_no_colon")


def _indentation(file, lines, where, opened, problem, context):
    if "did not find expected" not in problem:
        return None
    line = lines[where.line - 1] if where.line <= len(lines) else ""
    indent = len(line) - len(line.lstrip(" "))
    if "block collection" in context and indent == opened.column - 1 and not line.lstrip().startswith("-"):
        return missing_dash(file, "\n".join(lines), Place(where.line, indent + 1))
    key_line = _KEY_LINE.match(line)
    if key_line:
        found = _indent_off(file, lines, where.line, key_line)
        if found:
            return found
    return Problem.error(file, where, "yaml_indentation")
