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
def text_lines(text: str) -> tuple[str, ...]:
    """Split once per file, not once per value: a str caches its hash, so the lookup is cheap."""
    return tuple(text.split("\n"))



def _line(text: str, number: int) -> str:
    lines = text_lines(text)
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
    for number, line in enumerate(text_lines(text), 1):
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
    return Problem.error(file, mark, "yaml_missing_dash", fixed=fixed.rstrip(), key=line.strip().split(":")[0])


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
                problems.append(_list_in_plain_text(file, text, path, start, number))
                break
    return problems


def _list_in_plain_text(file: str, text: str, path, start, number: int) -> Problem:
    """A `- ` line read as more words of the text above it. Under a list item it is the next
    item indented too far; under a key it is a list in a text written without `|`."""
    first = _line(text, start.line + 1)
    line = _line(text, number)
    if path and isinstance(path[-1], int) and first.lstrip().startswith("- ") and line.lstrip().startswith("- "):
        spaces = _indent(first)
        extra = _indent(line) - spaces
        if 0 < extra <= 3:
            fixed = " " * spaces + line.lstrip()
            return Problem.error(file, Place(number, 1), "yaml_item_indent", line_number=start.line + 1,
                                 spaces=spaces, fixed=fixed, extra=extra)
    key = next((part for part in reversed(path) if isinstance(part, str)), "")
    parts = _LINE.match(first)
    indent = _indent(line)
    if parts and parts["key"] == key and parts["value"].strip():
        # `body: Drei Teile:` then the list: the first words move below `body: |`.
        return Problem.warning(file, Place(number, 1), "yaml_folded_list_fix", key=key, line_number=start.line + 1,
                               fixed=fixed_line(parts["prefix"], key, "|"), first=" " * indent + parts["value"].strip())
    return Problem.warning(file, Place(number, 1), "yaml_folded_list", key=key, line_number=start.line + 1)


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


def folded_block(file: str, text: str, event) -> list[Problem]:
    if event.end_mark.line - event.start_mark.line <= 2:
        return []
    line = _line(text, event.start_mark.line + 1)
    column = event.start_mark.column
    fixed = (line[:column] + "|" + line[column + 1 :]).strip() if line[column : column + 1] == ">" else "|"
    return [Problem.warning(file, Place(event.start_mark.line + 1, column + 1), "yaml_folded_block", fixed=fixed)]


# --- after the parser gave up -----------------------------------------------------------


def syntax_problem(file: str, text: str, error) -> Problem:
    """Name the classic YAML traps in plain words instead of libyaml's parser jargon."""
    problem_mark, context_mark = error.problem_mark, error.context_mark
    where = Place(problem_mark.line + 1, problem_mark.column + 1) if problem_mark else Place(1, 1)
    opened = Place(context_mark.line + 1, context_mark.column + 1) if context_mark else where
    problem, context = error.problem or "", error.context or ""
    lines = text_lines(text)
    for diagnose in (_tab, _missing_pipe, _unclosed, _starts_with, _colon, _missing_space, _indentation):
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
            return _tab_problem(file, lines, number, indentation)
    return Problem.error(file, where, "yaml_tab")


def _tab_problem(file, lines, number: int, indentation: str) -> Problem:
    """The tabbed line with the spaces it needs: as far in as the line above it belongs
    with (its sibling, or its parent's children when the line above ends in `:` or `|`)."""
    line = lines[number - 1]
    rest = line[len(indentation) :]
    dash = "- " if indentation.replace("\t", " ").strip().startswith("-") else ""
    above = next((candidate for candidate in reversed(lines[: number - 1]) if candidate.strip()), "")
    above_indent = _indent(above)
    stripped = above.strip()
    if stripped.endswith((":", "|", ">", "|-", ">-")):
        spaces = above_indent + 2
    elif stripped.startswith("- ") and not dash:
        spaces = above_indent + 2  # the next key of the same list item
    else:
        spaces = above_indent
    fixed = " " * spaces + dash + rest
    column = indentation.index("\t") + 1
    return Problem.error(file, Place(number, column), "yaml_tab_fix", fixed=fixed, spaces=spaces)


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


# Keys whose value is a Markdown text of several lines: where `|` belongs.
BLOCK_KEYS = frozenset({"body", "intro", "debrief", "welcome", "explanation", "trainer_notes"})


def _missing_pipe(file, lines, where, opened, problem, context):
    """`body:` with its text in the lines below but no `|`: a colon or `- ` in that text
    makes YAML read keys and lists. Said at the key, with the key line corrected."""
    for mark in (opened, where):
        found = block_without_pipe(file, lines, min(mark.line, len(lines)))
        if found:
            return found
    return None


def block_without_pipe(file, lines, number: int) -> Problem | None:
    """The `key:` line (of BLOCK_KEYS, with nothing after it) whose indented text holds line
    `number`, when that text has a line YAML would not read as text."""
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    if not line.strip():
        return None
    indent = _indent(line)
    for index in range(number - 2, -1, -1):
        above = lines[index]
        if not above.strip():
            continue
        above_indent = _indent(above)
        if above_indent >= indent:
            continue
        key = _KEY_LINE.match(above)
        if not key or key["key"] not in BLOCK_KEYS or above[key.end() :].strip():
            return None
        fixed = above.rstrip() + " |"
        return Problem.error(file, Place(index + 1, len(above.rstrip()) + 1), "yaml_missing_pipe", key=key["key"],
                             fixed=fixed.strip())
    return None


def _opens_unclosed_quote(value: str) -> bool:
    """A value that starts with a quote which no later quote on its line closes."""
    return value[:1] in ("'", '"') and value[0] not in value[1:]


def _unclosed_quote(file, lines, opened: Place) -> Problem:
    """The quote opened at `opened` and never closed on its line; with the line corrected."""
    line = lines[opened.line - 1] if opened.line <= len(lines) else ""
    value = line[opened.column - 1 :].rstrip()
    if _opens_unclosed_quote(value):
        fixed = line[: opened.column - 1] + quoted(value[1:])
        return Problem.error(file, opened, "yaml_unclosed_quote_fix", fixed=fixed.strip())
    return Problem.error(file, opened, "yaml_unclosed_quote")


def _quote_closed_on(lines, where: Place) -> Place | None:
    """Where a value opened a quote that no later quote on its line closes, when the first quote
    of that kind after it stands on the line YAML failed on, before the failure: a quoted value
    may go on over lines, so YAML read everything up to that quote (another value's opening
    quote) as one text, and what follows it on that line breaks the structure. The place of the
    opening quote: the one mistake, where the failure is only its result."""
    text = "\n".join(lines)
    failed_at = sum(len(line) + 1 for line in lines[: where.line - 1]) + where.column - 1
    line_start = 0
    for number, line in enumerate(lines[: where.line - 1], 1):
        parts = _LINE.match(line)
        value = parts["value"].rstrip() if parts else ""
        if _opens_unclosed_quote(value):
            assert parts is not None  # a value implies its line matched
            column = len(line) - len(parts["value"]) + 1
            closing = _closing_quote(text, line_start + column - 1)
            if closing is not None and closing < failed_at and "\n" not in text[closing:failed_at]:
                return Place(number, column)
        line_start += len(line) + 1
    return None


def _closing_quote(text: str, start: int) -> int | None:
    """The offset of the quote that closes the quoted value opening at `start` (`\\"` inside
    double quotes and `''` inside single quotes are no ends), or None."""
    quote, index = text[start], start + 1
    while True:
        index = text.find(quote, index)
        if index < 0:
            return None
        if quote == '"' and text[index - 1] == "\\":
            index += 1
        elif quote == "'" and text[index + 1 : index + 2] == "'":
            index += 2
        else:
            return index


def _unclosed(file, lines, where, opened, problem, context):
    before = lines[where.line - 1][: where.column - 1].rstrip() if where.line <= len(lines) else ""
    if "did not find expected" in problem:
        # A quote left open lines above first: the quotes of the failing line are then not its own.
        closed_here = _quote_closed_on(lines, where)
        found = _unclosed_quote(file, lines, closed_here) if closed_here else _text_after_quote(file, lines, where)
        if found:
            return found
    if "did not find expected key" in problem and before.endswith(('"', "'")) and before.count(before[-1]) >= 2:
        return Problem.error(file, where, "yaml_text_after_quote")
    if "quoted scalar" in context:
        return _unclosed_quote(file, lines, opened)
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
        return _block_above(file, lines, where.line) or Problem.error(
            file, Place(where.line, 1), "yaml_colon_continued", previous=where.line - 1)
    if key_line and len(key_line["prefix"]) + len(key_line["key"]) == where.column - 1:
        # The line is `key: …` but was read as the text of the line above.
        if key_line["key"] in known_keys():
            return _indent_off(file, lines, where.line, key_line)
        return Problem.error(file, Place(where.line, 1), "yaml_colon_continued", previous=where.line - 1)
    parts = _LINE.match(line)
    block = _continued_block(file, lines, where, parts)
    if block:
        return block
    fixed = fixed_line(parts["prefix"], parts["key"], quoted(parts["value"])) if parts and parts["key"] else ""
    if fixed:
        return Problem.error(file, where, "yaml_colon_fix", fixed=fixed)
    return Problem.error(file, where, "yaml_colon")


def _block_above(file, lines, number: int) -> Problem | None:
    """The `body: text` line whose text line `number` continues, said as `_continued_block`."""
    indent = _indent(lines[number - 1])
    for index in range(number - 2, -1, -1):
        above = lines[index]
        if above.strip() and _indent(above) < indent:
            parts = _LINE.match(above)
            return _continued_block(file, lines, Place(index + 1, len(above) - len(parts["value"]) + 1), parts) if parts else None
    return None


def _continued_block(file, lines, where, parts) -> Problem | None:
    """`body: Drei Teile:` with more text indented below it: quoting the first line alone
    would leave the rest hanging, so the text becomes a block: `body: |`, the first line below."""
    if not parts or parts["key"] not in BLOCK_KEYS or where.line >= len(lines):
        return None
    below = lines[where.line]
    indent = _indent(below)
    if not below.strip() or indent <= len(parts["prefix"]):
        return None
    key_indent = len(parts["prefix"]) - len(parts["prefix"].lstrip(" -"))
    first = " " * max(indent, key_indent + 2) + parts["value"].strip()
    return Problem.error(file, where, "yaml_colon_block", key=parts["key"],
                         fixed=fixed_line(parts["prefix"], parts["key"], "|"), first=first)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _written_lines_above(lines, number: int):
    """(index, line) of each line above line `number`, nearest first, skipping the blank and
    comment lines, which YAML does not read as part of any value."""
    for index in range(number - 2, -1, -1):
        if lines[index].strip() and not lines[index].lstrip().startswith("#"):
            yield index, lines[index]


def _continues_text(lines, number: int) -> bool:
    """Whether line `number` is read as the second line of an unquoted text above it."""
    indent = _indent(lines[number - 1])
    for _, above in _written_lines_above(lines, number):
        parts = _LINE.match(above)
        value = parts["value"].strip() if parts else ""
        above_indent = len(parts["prefix"]) if parts else 0
        return bool(parts and parts["key"] and value and value[0] not in "|>'\"" and above_indent < indent)
    return False


def _indent_off(file, lines, number: int, key_line) -> Problem | None:
    """`key:` indented one or two spaces off its sibling above: name both and the fix."""
    dash = _dash_off(file, lines, number)
    if dash:
        return dash
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
    return _item_without_dash(file, lines, opened.line) or Problem.error(file, opened, "yaml_no_colon")


def _item_without_dash(file, lines, number: int) -> Problem | None:
    """`Notizen lesen` under `- Kundennummer bereitlegen`: a list item whose `- ` is missing."""
    line = lines[number - 1]
    indent = _indent(line)
    for _, above in _written_lines_above(lines, number):
        above_indent = _indent(above)
        if above_indent > indent:
            continue
        if above_indent == indent and above.lstrip().startswith("- "):
            fixed = " " * indent + "- " + line.strip()
            return Problem.error(file, Place(number, indent + 1), "yaml_item_missing_dash", fixed=fixed, spaces=indent)
        return None
    return None


def _dash_off(file, lines, number: int) -> Problem | None:
    """`- item` indented 1 to 3 spaces off the `- ` of the item above it (or below it)."""
    line = lines[number - 1]
    if not line.lstrip().startswith("- "):
        return None
    own = _indent(line)
    for index, above in _written_lines_above(lines, number):
        column = _indent(above)
        if above.lstrip().startswith("- ") and 0 < abs(column - own) <= 3:
            fixed = " " * column + line.lstrip()
            return Problem.error(
                file, Place(number, 1), "yaml_item_indent", line_number=index + 1, spaces=column, fixed=fixed,
                extra=abs(column - own),
            )
        if column < own - 3:
            return None
    return None


def _indentation(file, lines, where, opened, problem, context):
    if "did not find expected" not in problem:
        return None
    line = lines[where.line - 1] if where.line <= len(lines) else ""
    indent = _indent(line)
    if "block collection" in context and indent == opened.column - 1 and not line.lstrip().startswith("-"):
        return missing_dash(file, "\n".join(lines), Place(where.line, indent + 1))
    key_line = _KEY_LINE.match(line)
    if key_line:
        found = _indent_off(file, lines, where.line, key_line)
        if found:
            return found
    return _dash_off(file, lines, where.line) or Problem.error(file, where, "yaml_indentation")
