"""Markdown fields to safe HTML: rendered by Python-Markdown, cleaned by an allowlist (nh3).

Content HTML is rendered here rather than by the site engine so that it can be sanitised,
its `module:` and `media/` links resolved, and glossary terms marked, identically for
MkDocs and Zensical. The generated pages embed the result as raw HTML blocks.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

from .model import stable_digest

if TYPE_CHECKING:
    from .problems import Severity

SAFE_TAGS = frozenset(
    "a abbr audio b blockquote br caption cite code col colgroup dd del details div dl dt em figcaption "
    "figure h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s small source span strong sub summary sup "
    "table tbody td tfoot th thead tr u ul video".split()
)
SAFE_ATTRIBUTES = {
    "*": {"lang", "dir", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "audio": {"src", "controls", "preload"},
    "video": {"src", "controls", "preload", "width", "height"},
    "source": {"src", "type"},
    "code": {"class"},
    "ol": {"start", "type"},
    "details": {"open"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "module"})
EMBEDDING = {("img", "src"), ("audio", "src"), ("video", "src"), ("source", "src")}
EXTENSIONS = ["tables", "fenced_code", "def_list", "md_in_html", "sane_lists", "attr_list"]
# Only fields holding one of these can embed anything or carry markup that the sanitiser
# removes; `check` renders just those (rendering every field costs several times the parse).
RISKY = re.compile(r"<|!\[|\{|&#|script:|data:", re.IGNORECASE)
# RISKY in parts that search fast: its marks without a case, then its schemes from their colon
# back. A case-insensitive alternation tries every alternative at every character; a search
# that starts with a caseless character skips ahead to it.
_RISKY_MARK = re.compile(r"<|!\[|\{|&#")
_RISKY_SCHEME = re.compile(r":(?:(?<=(?i:script):)|(?<=(?i:data):))")


def risky(text: str) -> bool:
    """`RISKY.search(text) is not None`, sooner."""
    return _RISKY_MARK.search(text) is not None or (":" in text and _RISKY_SCHEME.search(text) is not None)


# module: and media/ link targets as Markdown and HTML write them, checked without rendering.
LINK_TARGET = re.compile(
    r"""(?:\]\(\s*<?|\]:\s*<?|\b(?:href|src)\s*=\s*["']?)((?:module:|media/)[^\s)"'<>]*)""", re.IGNORECASE
)
_EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
# Text without any of these renders to itself (escaped): Python-Markdown is not needed.
_MARKUP = re.compile(r"[\n*_`\[\]<>&\\|~{}]|^[\s#>+=-]|^\d+[.)]|\s$")
# `_MARKUP` in three parts, each found faster alone: a search for a character (the alternation
# above tries every branch at every place; a character class alone skips ahead), a match at the
# start, and the last character (`\s$` outside MULTILINE: the end, or before a last "\n", which
# the character search finds first). `re`'s `\s` is `str.isspace` (tests/test_markup_fast.py).
_MARKUP_CHARACTER = re.compile(r"[\n*_`\[\]<>&\\|~{}]")
_MARKUP_START = re.compile(r"[\s#>+=-]|\d+[.)]")


def has_markup(text: str) -> bool:
    """`_MARKUP.search(text) is not None`, sooner."""
    return (_MARKUP_CHARACTER.search(text) is not None or _MARKUP_START.match(text) is not None
            or text[-1:].isspace())


# Text that Python-Markdown renders as paragraphs of plain text with **strong** and *emphasis*
# spans only, so that `simple_html` writes its output without parsing: no character of any
# other construct, and nothing that its whitespace clean-up would change.
_NOT_SIMPLE = re.compile(r"[`<>&\\|~{}_\t\r\x02\x03]|^\d+[.)]|[^\S\n]$", re.MULTILINE)
# `_NOT_SIMPLE` in parts, as `has_markup`: a character; a number at the first line's start or
# after a "\n"; blanks before a "\n" (MULTILINE's `$`) or at the end. A blank other than "\n",
# " " (and tab and CR, which the character search finds) is rare: its own search, that skips ahead.
_NOT_SIMPLE_CHARACTER = re.compile(r"[`<>&\\|~{}_\t\r\x02\x03]")
_NUMBERED = re.compile(r"\d+[.)]")
_LATER_NUMBERED = re.compile(r"\n\d+[.)]")
_ODD_BLANK_AT_LINE_END = re.compile(r"[^\S\n ]\n")


def not_simple(text: str) -> bool:
    """`_NOT_SIMPLE.search(text) is not None`, sooner."""
    return (_NOT_SIMPLE_CHARACTER.search(text) is not None or _NUMBERED.match(text) is not None
            or _LATER_NUMBERED.search(text) is not None or " \n" in text
            or _ODD_BLANK_AT_LINE_END.search(text) is not None or (text[-1:].isspace() and text[-1] != "\n"))


# A span opens after a line start, a space or `(` on a letter or digit and closes after one, before a
# space, the end or `.,;:!?)`; inside it no `*`, no bracket (a link inside a span is parsed) and no
# line break. A link: its text starts with a letter or digit, and its target has no space,
# parenthesis, quote or bracket (`![` is an image).
_SIMPLE_INLINE = re.compile(r"(?<![^\s(])(\*\*?)(?=[^\W_])([^*\[\]\n]*?[^\W_])\1(?![^\s.,;:!?)])"
                            r"|(?<!!)\[([^\W_](?:[^\[\]*\n]*[^\s\[\]*])?)\]\(([A-Za-z0-9:/.#-]+)\)")
_UNPAIRED = re.compile(r"[*\[\]]")  # left in a text node: a construct the short cut does not know
_BLANK_LINES = re.compile(r"\n{2,}")
# A line of a paragraph starts with a letter or digit ([^\W_] is str.isalnum) or a span, never
# with a list marker; a list's lines are `- ` items of such text, none a nested numbered list.
_NOT_A_TEXT_LINE = re.compile(r"^(?![^\W_]|\*\*?[^\W_])", re.MULTILINE)
# The same as a match at the start and a search after each "\n" (a literal that `re` skips to).
_NOT_A_TEXT_START = re.compile(r"(?![^\W_]|\*\*?[^\W_])")
_NOT_A_LATER_TEXT_LINE = re.compile(r"\n(?![^\W_]|\*\*?[^\W_])")
_NOT_AN_ITEM = re.compile(r"^(?!- (?:[^\W_]|\*\*?[^\W_])(?!(?<=\d)\d*[.)]))", re.MULTILINE)
_SKIP_TERMS_IN = {"a", "abbr", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "kbd"}
# A tag start that meets the next `<` (or the end) before any `>`: Python-Markdown's HTML block
# parser rescans from each of them, so their number squares its work (`<a ` × 5,000 = 15 KB
# took 10 s). Found in one linear scan; above the limit the field is an error, never parsed.
_UNCLOSED_TAG = re.compile(r"<[A-Za-z/!?][^<>]*(?=<|\Z)")
MAX_UNCLOSED_TAGS = 20
MAX_LINK_NESTING = 5
_BRACKET = re.compile(r"[\[\]]")
@dataclass(frozen=True)
class Finding:
    """Something wrong with a field's links or markup: a code and its message parameters."""

    code: str
    severity: Severity
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class LinkTargets:
    """What links may point to, and where the page being rendered sits (for relative URLs)."""

    modules: frozenset[str]
    media: frozenset[str]
    to_root: str = ""  # from the page's URL to the generated folder's URL, e.g. "../../"

    @cached_property
    def key(self) -> tuple:
        """Cheap to compare in cache keys, unlike two sets of a thousand ids, and the same in
        every process (cache keys are kept on disk)."""
        return (self.to_root, stable_digest(*sorted(self.modules)), stable_digest(*sorted(self.media)))

    @cached_property
    def anywhere_key(self) -> tuple:
        """The key without the page's place: for a field whose HTML does not depend on it."""
        return self.key[1:]

    def module_url(self, module_id: str) -> str:
        return f"{self.to_root}module/{module_id}/"


@dataclass
class Rendered:
    html: str
    findings: list[Finding] = field(default_factory=list)
    # Whether the HTML holds a URL made from the page's place (`to_root`): a resolved
    # module:/media/ link or a glossary term. Without one it is the same on every page.
    placed: bool = True


class Glossary:
    """Whole-word, case-insensitive matching of terms and aliases to their definitions."""

    def __init__(self, definitions: dict[str, tuple[str, str]], folder: str = "glossar"):
        # lower-cased term or alias -> (glossary anchor, plain-text definition)
        self.definitions = definitions
        self.folder = folder  # the glossary page's folder in the course language (texts, `paths`)
        # What a rendered field with terms depends on: words, anchors and definitions alike.
        self.key = stable_digest(folder, *(f"{word}\0{anchor}\0{text}" for word, (anchor, text) in sorted(definitions.items())))
        # Python-Markdown's last steps replace placeholders made of these two characters
        # everywhere, titles included: with one in a definition, only Python-Markdown is exact.
        self.openings: dict[str, dict[str, str]] = {}  # by page place, by anchor: see `marker`
        self.plain_titles = not any("\x02" in text or "\x03" in text for _, text in definitions.values())
        words = sorted(definitions, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<!\w)(" + _term_alternation(words) + r")(?!\w)", re.IGNORECASE) if words else None
        )


    def marker(self, to_root: str):
        """`_TermMarker`'s work on one text node of a field without markup, as HTML: call it on
        each text node in order; only a term's first appearance in the field is marked."""
        seen: set[str] = set()
        opening = self.openings.setdefault(to_root, {})  # the <a …> of each anchor, for this place

        def mark(text: str) -> str:
            pieces = self.pattern.split(text)
            marked = [pieces[0]]
            for word, rest in zip(pieces[1::2], pieces[2::2]):
                anchor, definition = self.definitions[word.casefold()]
                if anchor not in seen:
                    seen.add(anchor)
                    if anchor not in opening:
                        href = _attribute(f"{to_root}{self.folder}/#{anchor}")
                        opening[anchor] = f'<a href="{href}" title="{_attribute(definition.replace("&", "&amp;"))}">'
                    word = f"{opening[anchor]}{word}</a>"
                marked.append(word + rest)
            return "".join(marked)

        return mark


def _term_alternation(words: list[str]) -> str:
    """`w1|w2|…` (longest first) as a regex that matches exactly the same, grouped by first character:
    `a(?:lpha|b)|b(?:eta)`. A case-insensitive alternation tries every word at every word start
    (Python's `re` skips ahead only for case-sensitive literals); grouped, it tries one character
    per group and the words of the one group that fits. Exact because only one group can match at
    a place and each group keeps the words' order: first characters that match each other
    case-insensitively (asked of `re` itself) share a group, and `re`'s case-insensitive match is
    an equivalence (same lower case, or a pair of its table such as `s`/`ſ`), so two characters
    that match one text character match each other (tests/test_markup_fast.py tries such pairs)."""
    groups: list[tuple[set[str], list[str]]] = []
    for word in words:
        first = word[0]
        same = [group for group in groups if any(_same_letter(first, other) for other in group[0])]
        if not same:
            groups.append(({first}, [word]))
            continue
        kept = same[0]  # the groups stay in the order of their first word
        kept[0].add(first)
        kept[1].append(word)
        for group in same[1:]:
            groups.remove(group)
            kept[0].update(group[0])
            kept[1].extend(group[1])
    order = {word: index for index, word in enumerate(words)}
    parts = []
    for firsts, members in groups:
        members.sort(key=order.__getitem__)  # merged groups: back in the alternation's order
        if len(firsts) == 1:
            parts.append(re.escape(members[0][0]) + "(?:" + "|".join(re.escape(w[1:]) for w in members) + ")")
        else:
            parts.append("(?:" + "|".join(map(re.escape, members)) + ")")
    return "|".join(parts)


def _same_letter(one: str, other: str) -> bool:
    """Whether `re.IGNORECASE` lets one character match the other (`k` and the Kelvin sign, `s` and `ſ`)."""
    return bool(re.fullmatch(re.escape(one), other, re.IGNORECASE) or re.fullmatch(re.escape(other), one, re.IGNORECASE))


_AMPERSAND = re.compile(r"&(?!(?:\#[0-9]+|\#x[0-9a-f]+|[0-9a-z]+);)", re.IGNORECASE)


def _attribute(value: str) -> str:
    """An attribute value as Python-Markdown's serialiser writes it (line breaks stay)."""
    value = _AMPERSAND.sub("&amp;", value)
    return value.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class _TermMarker(Treeprocessor):
    """Makes glossary terms links to their entry, with the definition as tooltip (title),
    outside links, code and headings: a link is reachable by keyboard, an <abbr> is not."""

    def __init__(self, md, glossary: Glossary):
        super().__init__(md)
        self.glossary = glossary
        self.to_root = ""  # set per render: from the page to the generated folder

    def run(self, root: etree.Element) -> None:
        # Only a term's first appearance in a field gets its tooltip: repeating the
        # definition at every mention would bloat the page and tire screen-reader users.
        self.seen: set[str] = set()
        if self.glossary.pattern is not None:
            self.mark(root)

    def mark(self, element: etree.Element) -> None:
        children = list(element)  # before the text's new <abbr> children are inserted
        element.text = self.split(element, element.text, after=None)
        for child in children:
            if child.tag not in _SKIP_TERMS_IN:
                self.mark(child)
            child.tail = self.split(element, child.tail, after=child)

    def split(self, parent: etree.Element, text: str | None, after: etree.Element | None) -> str | None:
        if not text or parent.tag in _SKIP_TERMS_IN:
            return text
        pieces = self.glossary.pattern.split(text)
        head, last, inserted = pieces[0], None, []
        for word, rest in zip(pieces[1::2], pieces[2::2]):
            anchor, definition = self.glossary.definitions[word.casefold()]
            if anchor in self.seen:
                if last is None:
                    head += word + rest
                else:
                    last.tail += word + rest
                continue
            self.seen.add(anchor)
            # Python-Markdown's serialiser keeps an `&` that starts an entity: a definition that
            # reads `&lt;b&gt;` would become the title `<b>`. Every `&` escaped is exact.
            title = definition.replace("&", "&amp;")
            last = etree.Element("a", {"href": f"{self.to_root}{self.glossary.folder}/#{anchor}", "title": title})
            last.text, last.tail = word, rest
            inserted.append(last)
        position = 0 if after is None else list(parent).index(after) + 1
        for offset, element in enumerate(inserted):
            parent.insert(position + offset, element)
        return head


class _EmptyHeaderCells(Treeprocessor):
    """A table's empty corner cell (`| | A | B |`) becomes a data cell: a header cell
    without text heads nothing, and screen readers announce it as a blank header."""

    def run(self, root: etree.Element) -> None:
        for cell in root.iter("th"):
            if not len(cell) and not (cell.text or "").strip():
                cell.tag = "td"


def simple_html(text: str, mark=None) -> str | None:
    """Python-Markdown's HTML for a text of plain paragraphs and `- ` lists with `**strong**`
    and `*emphasis*` around words and `[links](target)`, or None for any other text. `mark`
    marks glossary terms in a text node as `_TermMarker` does (its first appearances in this
    field). Equal to Python-Markdown's output by construction, and tested so over every field of
    the course, the fixtures and random texts of the characters that matter
    (tests/test_markup_fast.py)."""
    if not_simple(text):
        return None
    blocks, after_list = [], False
    text = text.strip("\n")
    for block in _BLANK_LINES.split(text) if "\n\n" in text else (text,):
        is_list = block.startswith("- ")
        if is_list:
            # Two lists with a blank line between are one loose list (<li><p>): not simple.
            if after_list or _NOT_AN_ITEM.search(block):
                return None
            items = [_simple_inline(line[2:], mark) for line in block.split("\n")]
            if None in items:
                return None
            blocks.append("<ul>\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>")
        else:
            not_text = _NOT_A_TEXT_START.match(block) or _NOT_A_LATER_TEXT_LINE.search(block)  # _NOT_A_TEXT_LINE
            paragraph = None if not_text else _simple_inline(block, mark)
            if paragraph is None:
                return None
            blocks.append(f"<p>{paragraph}</p>")
        after_list = is_list
    return "\n".join(blocks)


def _simple_inline(text: str, mark) -> str | None:
    """The inline HTML of one paragraph or list item for `simple_html`, or None."""
    if not _UNPAIRED.search(text):  # one text node
        return mark(text) if mark else text
    html_parts: list = []  # text nodes at even places; a link's HTML or a span's (open, text, close) between
    position = 0
    for token in _SIMPLE_INLINE.finditer(text):
        html_parts.append(text[position:token.start()])
        if token[1]:
            tag = "strong" if token[1] == "**" else "em"
            html_parts.append((f"<{tag}>", token[2], f"</{tag}>"))
        else:  # terms are never marked inside a link
            html_parts.append(f'<a href="{_attribute(token[4])}">{token[3]}</a>')
        position = token.end()
    html_parts.append(text[position:])
    if any(_UNPAIRED.search(part) for part in html_parts[::2]):
        return None
    return "".join(
        (mark(part) if mark else part) if index % 2 == 0
        else part if isinstance(part, str) else part[0] + (mark(part[1]) if mark else part[1]) + part[2]
        for index, part in enumerate(html_parts))


def _python_markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=EXTENSIONS)
    md.treeprocessors.register(_EmptyHeaderCells(md), "rb_empty_header_cells", 4)
    return md


class MarkdownRenderer:
    """One reusable Python-Markdown instance per flavour (with or without glossary terms),
    each made when a text first needs it: most texts render without Python-Markdown, and
    making one costs more than checking a small module."""

    def __init__(self, glossary: Glossary | None = None, memo: dict | None = None):
        self.glossary = glossary
        self.glossary_key = glossary.key if glossary and glossary.pattern else ""
        # Rendering dominates generation; a memo kept across runs makes regeneration cheap.
        self.memo = memo if memo is not None else {}
        self.sanitizers: dict[tuple, Sanitizer] = {}

    @cached_property
    def plain(self) -> markdown.Markdown:
        return _python_markdown()

    @cached_property
    def with_terms(self) -> markdown.Markdown:
        md = _python_markdown()
        if self.glossary is not None:
            md.treeprocessors.register(_TermMarker(md, self.glossary), "rb_terms", 5)
        return md

    @property
    def term_marker(self) -> _TermMarker | None:
        return self.with_terms.treeprocessors["rb_terms"] if self.glossary is not None else None

    def render(self, text: str, targets: LinkTargets, *, inline: bool = False, terms: bool = False) -> Rendered:
        memo, terms_key = self.memo, terms and self.glossary_key
        anywhere = (text, inline, terms_key, targets.anywhere_key)
        if anywhere in memo:
            return memo[anywhere]
        key = (text, inline, terms_key, targets.key)
        if key in memo:
            return memo[key]
        # Only a text that holds a term goes the way of terms (one search, on a miss only).
        terms = terms and bool(self.glossary_key) and bool(self.glossary.pattern.search(text))
        rendered = self._render(text, targets, inline, terms)
        # Without the page's place in it, the module page and the review page share it.
        memo[key if rendered.placed else anywhere] = rendered
        return rendered

    def _render(self, text: str, targets: LinkTargets, inline: bool, terms: bool) -> Rendered:
        if not terms:
            plain = plain_html(text, inline)
            if plain is not None:
                return Rendered(plain, placed=False)
        too_costly = costly_markup(text)
        if too_costly:
            escaped = html.escape(text, quote=False)
            return Rendered(escaped if inline else f"<p>{escaped}</p>", [too_costly], placed=False)
        raw = None
        if not terms:
            raw = simple_html(text)
        elif self.glossary.plain_titles:
            raw = simple_html(text, self.glossary.marker(targets.to_root))
        simple = raw is not None
        if raw is None:
            md = self.with_terms if terms else self.plain
            if terms:
                self.term_marker.to_root = targets.to_root
            raw = md.reset().convert(text)
        if inline:
            raw = _strip_paragraph(raw)
        if simple and clean_as_written(raw, text):
            return Rendered(raw, placed=terms)
        # Markdown alone writes nothing the allowlist removes; only raw HTML, attribute lists
        # and script or data links can, so only texts that hold those are scanned.
        removed = removed_parts(raw) if risky(text) else []
        findings = [Finding("html_removed", "warning", (("what", what),)) for what in removed]
        if targets.key not in self.sanitizers:
            self.sanitizers[targets.key] = Sanitizer(targets)
        sanitizer = self.sanitizers[targets.key]
        resolve = not simple or links_to_resolve(text)
        return Rendered(sanitizer.clean(raw, findings, resolve), findings, placed=terms or sanitizer.placed)


def clean_as_written(raw: str, text: str) -> bool:
    """Whether the allowlist would give simple_html's `raw` of `text` back as it is, so that it
    need not run (as for a text without markup). Simple HTML is elements the allowlist keeps
    (p, ul, li, strong, em) around text without < > &; its only attributes are those of links
    and glossary terms. Without those, only two characters of text change on their way through
    an HTML parser and serialiser: U+0000 is dropped and U+00A0 written `&nbsp;`
    (tests/test_markup_fast.py compares this with the allowlist's output)."""
    return "<a " not in raw and "\xa0" not in text and "\x00" not in text


def links_to_resolve(text: str) -> bool:
    """Whether simple_html's HTML of `text` may hold a link that `Sanitizer.resolve` rewrites.
    Its only URLs are glossary links (to the glossary page) and `[label](target)` links with
    the target as written (`&`, so a character reference, is not simple): a text without `](`,
    or without a module:/media/ target, has none."""
    return "](" in text and LINK_TARGET.search(text) is not None


def plain_html(text: str, inline: bool) -> str | None:
    """The HTML of a text without markup (no & < > either), which is its own HTML, or None: the
    same on every page, found before any memo (most question fields are such texts)."""
    if has_markup(text):
        return None
    return text if inline else f"<p>{text}</p>"


def no_attribute_lists(cleaned: str) -> str:
    """Braces as character references: the engines' attribute lists (`{: onclick=… }`) need a
    literal brace, so cleaned HTML that a page places inside Markdown can never gain an
    attribute after the allowlist ran. Browsers read both spellings as the same text."""
    return cleaned.replace("{", "&#123;").replace("}", "&#125;")


def costly_markup(text: str) -> Finding | None:
    """The error for a field that Python-Markdown would take more than linear time over."""
    return None if surely_cheap(text) else count_costly_markup(text)


@lru_cache(maxsize=1 << 16)
def count_costly_markup(text: str) -> Finding | None:
    """`costly_markup` the long way: every count of the field against its limit."""
    unclosed = unclosed_tags(text)
    if unclosed > MAX_UNCLOSED_TAGS:
        return Finding("markup_too_deep", "error", (("count", str(unclosed)), ("limit", str(MAX_UNCLOSED_TAGS))))
    return costly_shape(text)


# Shapes that Python-Markdown works on in more than linear time, found in one pass over the
# lines (benchmarks/bounded.py measures each shape at 15 and 60 KB):
# - containers nested at a line's start (`> > >`, `- - -`, `1. 1.`, deep indentation): one
#   recursion per level, each over the rest of the paragraph;
# - lines it takes one at a time (headings, `=`/`-` underlines, rules, definitions, nested
#   list lines):
#   each is cut off and the rest of the paragraph tested again by every block processor;
# - inline constructs (`*`, `_`, `[`, `]`, `<`, `&`, backticks, backslashes, hard line
#   breaks): each, matched or not, makes the inline patterns search the paragraph again;
# - lines in one paragraph (table rows, quoted or indented lines): several processors split
#   the whole paragraph into lines again for each part they take;
# - code fences: each unclosed one searches the rest of the field;
# - and, for the whole field, its lines and inline constructs: each element costs Python-
#   Markdown a fixed amount of work (0.15 ms for a heading), so a field of 15,000 tiny
#   paragraphs or list items takes seconds, linear as that is.
# A blank line starts a new paragraph, so only a paragraph's counts matter. The limits lie
# far above any real course text (the largest in content/, the fixtures and the spec's
# examples: nesting 3, line blocks 1, nested lines 11, inline 26, lines 20, fences 0; per
# field 28 lines and 28 inline constructs).
LIMITS = {"markup_nesting": 10, "markup_line_blocks": 10, "markup_nested_lines": 60, "markup_inline": 100,
          "markup_lines": 300, "markup_fences": 40, "markup_field_lines": 1_000, "markup_field_inline": 2_000}
_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+:](?=[ \t])|\d{1,9}[.)](?=[ \t]))")
_LINE_BLOCK = re.compile(r" {0,3}(?:#|:[ \t]|=+[ \t]*$|-+[ \t]*$|(?:[-*_][ \t]*){3,}$)")
_INLINE = re.compile(r"[*_\[\]<&`\\]|  $")
_FENCE = re.compile(r"[ \t]*(?:`{3,}|~{3,})")

# A field is reported once one of its counts passes its limit: lines (of a paragraph or the
# field), inline constructs (at most one a markup character, and a hard break a line), unclosed
# tags and brackets (at most two a `<`, `[` or `]`: `unclosed_tags`), a line's nesting (at most
# one level a character of its leading run of spaces and container markers). A field below all
# of them by these bounds is cheap without counting: most fields, one line of prose.
_FEW_LINES = min(LIMITS[code] for code in ("markup_line_blocks", "markup_nested_lines", "markup_lines",
                                           "markup_fences", "markup_field_lines"))
# A longer field (a body of a few paragraphs) passes no limit on lines either while it has at
# most as many lines as these limits allow and no more lines that may be line blocks (every
# line `_LINE_BLOCK` matches starts like this) than a paragraph may hold.
_SOME_LINES = min(LIMITS[code] for code in ("markup_nested_lines", "markup_lines", "markup_fences", "markup_field_lines"))
_MAY_BE_LINE_BLOCK = re.compile(r"^ {0,3}[#:=*_-]", re.MULTILINE)
# Markup characters a field of up to _SOME_LINES lines may hold, and how many of them may open a
# construct that `unclosed_tags` counts.
_SOME_MARKS = min(LIMITS["markup_inline"], LIMITS["markup_field_inline"]) - _SOME_LINES
_FEW_OPENERS = MAX_UNCLOSED_TAGS // 2
_MARKUP_MARK = re.compile(r"[*_\[\]<&`\\]")
# A line nesting deeper than the limit: at most one level a character. Its first line by `match`,
# the others after their "\n" (a literal start is found much faster than `^` in MULTILINE).
_DEEP_LINE = re.compile(rf"[ \t>*+:\d.)-]{{{LIMITS['markup_nesting'] + 1}}}")
_DEEP_LATER_LINE = re.compile(rf"\n{_DEEP_LINE.pattern}")


def surely_cheap(text: str) -> bool:
    """True where `count_costly_markup(text)` is None for certain, found with a few searches."""
    newlines = text.count("\n")
    if newlines >= _FEW_LINES and (newlines >= _SOME_LINES
                                   or len(_MAY_BE_LINE_BLOCK.findall(text)) > LIMITS["markup_line_blocks"]):
        return False
    marks = _MARKUP_MARK.findall(text)
    if len(marks) > _FEW_OPENERS and (len(marks) > _SOME_MARKS
                                      or marks.count("<") + marks.count("[") + marks.count("]") > _FEW_OPENERS):
        return False
    return not _DEEP_LINE.match(text) and not _DEEP_LATER_LINE.search(text)


def costly_shape(text: str) -> Finding | None:
    """The first of the shapes above that exceeds its limit, with the offset of its line."""
    fences = line_blocks = nested_lines = inline = lines = field_lines = field_inline = 0
    in_fence, offset = False, 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        if _FENCE.match(line):
            fences, in_fence = fences + 1, not in_fence
            if fences > LIMITS["markup_fences"]:
                return _too_costly("markup_fences", fences, start)
            continue
        if in_fence:
            continue
        if not line.strip():
            line_blocks = nested_lines = inline = lines = 0
            continue
        nesting = _nesting(line)
        nested_lines += nesting > 1
        line_blocks += _LINE_BLOCK.match(line) is not None
        found = len(_INLINE.findall(line))
        inline, field_inline = inline + found, field_inline + found
        lines, field_lines = lines + 1, field_lines + 1
        for code, count in (("markup_nesting", nesting), ("markup_line_blocks", line_blocks),
                            ("markup_nested_lines", nested_lines), ("markup_inline", inline), ("markup_lines", lines),
                            ("markup_field_lines", field_lines), ("markup_field_inline", field_inline)):
            if count > LIMITS[code]:
                return _too_costly(code, count, start)
    return None


def _too_costly(code: str, count: int, offset: int) -> Finding:
    return Finding(code, "error", (("count", str(count)), ("limit", str(LIMITS[code])), ("offset", str(offset))))


def _nesting(line: str) -> int:
    """How deep a line's start nests block containers: its markers, and its indentation in
    steps of four columns (a nested list item or a code block inside one)."""
    if not line or line[0] not in " \t>-*+:0123456789":
        return 0
    depth, position = 0, 0
    while marker := _CONTAINER.match(line, position):
        depth, position = depth + 1, marker.end()
    indent = len(line) - len(line.lstrip(" \t"))
    return depth + line[:indent].expandtabs(4).count(" ") // 4


def unclosed_tags(text: str) -> int:
    """Constructs that make Python-Markdown search the rest of the text again for each one,
    counted in linear time: tag starts without their end, `<![CDATA[` sections that no
    `]]>` closes, `[` that no `]` closes or that nest deeper than a link text does, and link
    targets `](` that no `)` closes."""
    closed_until = text.rfind("]]>")
    count = sum(1 for _ in _UNCLOSED_TAG.finditer(text)) + text.count("<![", closed_until + 1 if closed_until >= 0 else 0)
    depth = 0
    for bracket in _BRACKET.finditer(text):
        if bracket.group() == "[":
            depth += 1
            count += depth > MAX_LINK_NESTING
        elif depth:
            depth -= 1
    count += depth
    last_close = text.rfind(")")
    count += max(0, text.count("](") - text.count(")")) + text.count("](", last_close + 1)
    return count


def _strip_paragraph(raw: str) -> str:
    if raw.startswith("<p>") and raw.endswith("</p>") and raw.count("<p>") == 1:
        return raw[3:-4]
    return raw


class Sanitizer:
    """The allowlist cleaner for one page's place: resolves module:/media/ links on the way."""

    def __init__(self, targets: LinkTargets):
        self.targets = targets
        self.findings: list[Finding] = []
        self.placed = False  # whether the last `clean` wrote a URL made from `to_root`
        allowlist = partial(
            nh3.Cleaner,
            tags=set(SAFE_TAGS),
            attributes={tag: set(names) for tag, names in SAFE_ATTRIBUTES.items()},
            url_schemes=set(URL_SCHEMES),
            link_rel="noopener noreferrer",
        )
        self.cleaner = allowlist(attribute_filter=self.resolve)
        # The same allowlist without calling back into Python for every attribute: for HTML
        # whose attributes `resolve` would return as they are (see `clean`).
        self.unresolved_cleaner = allowlist()

    def clean(self, raw: str, findings: list[Finding], resolve: bool = True) -> str:
        """`raw` cleaned, its module:/media/ links resolved; `resolve=False` only where `resolve`
        would change nothing and report nothing (`links_to_resolve`)."""
        self.findings, self.placed = findings, False
        return no_attribute_lists((self.cleaner if resolve else self.unresolved_cleaner).clean(raw))

    def resolve(self, tag: str, attribute: str, value: str) -> str | None:
        if attribute not in ("href", "src"):
            return value
        targets, report = self.targets, self.findings.append
        if value.lower().startswith("module:"):
            module_id, _, anchor = value[len("module:") :].partition("#")
            if module_id not in targets.modules:
                report(Finding("unknown_module", "error", (("id", module_id),)))
                return None
            self.placed = True
            return targets.module_url(module_id) + (f"#{anchor}" if anchor else "")
        if (tag, attribute) in EMBEDDING and _EXTERNAL.match(value):
            report(Finding("external_resource", "error", (("url", value),)))
            return None
        if value.startswith("media/"):
            if value.split("#")[0].split("?")[0] not in targets.media:
                report(Finding("media_missing", "error", (("path", value),)))
            self.placed = True
            return targets.to_root + value
        if (tag, attribute) in EMBEDDING:
            report(Finding("media_missing", "error", (("path", value),)))
            return None
        return value


class _RemovalScanner(HTMLParser):
    """Lists what the allowlist will remove, so that `check` can name it for the trainer."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.removed: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in SAFE_TAGS:
            self.removed.append(f"<{tag}>")
            return
        allowed = SAFE_ATTRIBUTES["*"] | SAFE_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                self.removed.append(f"{name}=")
            elif name in ("href", "src") and value and _EXTERNAL.match(value.strip()):
                scheme = value.strip().split(":", 1)[0].lower()
                if not value.strip().startswith("//") and scheme not in URL_SCHEMES:
                    self.removed.append(f"{scheme}:")


def removed_parts(raw: str) -> list[str]:
    scanner = _RemovalScanner()
    scanner.feed(raw)
    scanner.close()
    return sorted(set(scanner.removed))


def plain_text(rendered_html: str) -> str:
    """The visible text of a rendered fragment, for tooltips and config values."""
    return html.unescape(re.sub(r"<[^>]+>", "", rendered_html)).strip()
