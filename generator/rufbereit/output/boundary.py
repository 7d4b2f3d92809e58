"""The built page is the boundary: after the engine, one pass with a real HTML parser.

Course text is cleaned once, by the allowlist in `content/markup.py`, before any engine sees
it. This pass reads what the engine then made of it, and proves that nothing got around that
cleaning: the content region (`<article>`) holds only the allowlist's elements and attributes
plus the generator's own template markup; no page anywhere holds an event handler, a
`srcdoc`, a frame or plugin, or a link that hands the opened page `window.opener`; and every
inline script is one the themes ship (a known list, by content). Anything found is an error
(a path around the sanitiser exists), never a silent repair.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass

import lxml.html  # type: ignore[import-untyped]

from ..content.markup import SAFE_ATTRIBUTES, SAFE_TAGS, URL_SCHEMES
from ..content.problems import Problem
from ..content.rules import text_fields
from ..content.tree import Content
from ..content.yamlread import Mark
from ..texts import site_paths

# What the generator's templates (and the engines' heading permalinks) put into <article>
# beside content: form controls of quizzes and checklists, landmarks, our data- attributes.
TEMPLATE_TAGS = frozenset(
    "article button fieldset h1 input label legend nav noscript option section select textarea".split()
)
TEMPLATE_ATTRIBUTES = {
    "*": {"class", "id", "hidden", "role", "tabindex", "data-search-exclude"},
    "a": {"rel"},
    "button": {"type", "aria-pressed", "aria-expanded", "aria-controls", "disabled"},
    "input": {"type", "name", "value", "accept", "autocomplete", "maxlength", "spellcheck", "checked",
              "disabled", "placeholder", "inputmode", "size"},
    "label": {"for"},
    "option": {"value", "selected"},
    "select": {"name", "disabled"},
    "textarea": {"rows", "cols", "placeholder", "maxlength", "spellcheck"},
}
TEMPLATE_PREFIXES = ("aria-", "data-rb-")
# The trainer edition's call diagrams (render/trainer.py draws them as inline SVG), and its
# nested `markdown="0"` blocks, which Python-Markdown leaves as written. Only that build allows
# them: in the learners' site no SVG element may stand in the content at all.
DIAGRAM_TAGS = frozenset("svg defs marker path g title rect text".split())
DIAGRAM_ATTRIBUTES = frozenset(
    "viewbox xmlns role refx refy markerwidth markerheight markerunits orient d x y width height rx fill stroke "
    "stroke-width stroke-dasharray marker-end text-anchor font-weight paint-order".split()
)
# Never allowed anywhere in a page, whoever wrote it.
FORBIDDEN_ATTRIBUTES = frozenset({"style", "srcdoc", "formaction", "autofocus", "action", "target", "ping", "is"})
FORBIDDEN_ANYWHERE = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "fencedframe"})

# The inline scripts that Material and Zensical write into every page; `{base}` is the path
# from the page to the site root, or the site's path for the 404 page. Nothing else may run
# inline: a script that is not one of these fails the build (a theme update that changes one
# is noticed, and reviewed, here).
_BASE = r'(?:\.|\.\.(?:/\.\.)*|/[A-Za-z0-9._~%/-]*)'
KNOWN_SCRIPTS = {
    "material: storage scope": '__md_scope=new URL("{base}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}',  # noqa: E501
    "zensical: storage scope": '__md_scope=new URL("{base}",location),__md_scope.pathname.endsWith("/")||(__md_scope=new URL(__md_scope.pathname+"/",location)),__md_hash=e=>[...e].reduce(((e,t)=>(e<<5)-e+t.charCodeAt(0)),0),__md_get=(e,t=localStorage,_=__md_scope)=>JSON.parse(t.getItem(_.pathname+"."+e)),__md_set=(e,t,_=localStorage,a=__md_scope)=>{try{_.setItem(a.pathname+"."+e,JSON.stringify(t))}catch(e){}},document.documentElement.setAttribute("data-platform",navigator.platform)',  # noqa: E501
    "both: colour scheme": 'var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?"[data-md-color-media=\'(prefers-color-scheme: light)\']":"[data-md-color-media=\'(prefers-color-scheme: dark)\']");palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}',  # noqa: E501
    "both: tabbed anchor": 'var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))',  # noqa: E501
}
_KNOWN = [re.compile(re.escape(template).replace(re.escape("{base}"), _BASE)) for template in KNOWN_SCRIPTS.values()]
# Script types a browser never runs; the themes' configuration is JSON.
_DATA_TYPES = {"application/json"}
_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.-]*):", re.IGNORECASE)


@dataclass(frozen=True)
class Breach:
    """Something in a built page that course text must never be able to put there."""

    page: str  # relative to the site folder, e.g. kurs/module/boese/index.html (course/… in English)
    what: str  # `<iframe>`, `onclick=`, `javascript:`, `<script>` …
    detail: str = ""  # the offending value or script, cut short


class BoundaryError(Exception):
    def __init__(self, breaches: list[Breach]):
        super().__init__(f"{len(breaches)} breaches")
        self.breaches = breaches


def known_script(text: str) -> bool:
    return any(pattern.fullmatch(text) for pattern in _KNOWN)


def script_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inspect_page(page: str, name: str, trainer_edition: bool = False) -> tuple[list[Breach], set[str]]:
    """The breaches of one built page and the inline scripts it runs (all of them known);
    `trainer_edition`: its call diagrams are inline SVG."""
    document = lxml.html.document_fromstring(page)
    breaches: list[Breach] = []
    scripts: set[str] = set()
    articles = document.xpath("//article")
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        tag = element.tag.lower()
        if tag in FORBIDDEN_ANYWHERE:
            breaches.append(Breach(name, f"<{tag}>"))
        if tag == "script":
            _check_script(element, name, breaches, scripts)
        for attribute, value in element.attrib.items():
            lowered = attribute.lower()
            if lowered.startswith("on") or lowered in ("srcdoc", "formaction"):
                breaches.append(Breach(name, f"{lowered}=", value))
        if tag == "a" and (element.get("target") or "").lower() not in ("", "_self", "_top", "_parent"):
            if "noopener" not in (element.get("rel") or "").lower().split():
                breaches.append(Breach(name, "target=", element.get("href") or ""))
    for article in articles:
        breaches += _check_content(article, name, trainer_edition)
    return breaches, scripts


def _check_script(element, name: str, breaches: list[Breach], scripts: set[str]) -> None:
    source = element.get("src")
    kind = (element.get("type") or "").strip().lower()
    if source is not None:
        if _SCHEME.match(source) or source.strip().startswith("//"):
            breaches.append(Breach(name, "<script src>", source))
        return
    if kind in _DATA_TYPES:
        return
    text = element.text or ""
    if known_script(text):
        scripts.add(text)
    else:
        breaches.append(Breach(name, "<script>", text))


def _check_content(article, name: str, trainer_edition: bool = False) -> list[Breach]:
    """The allowlist of the sanitiser plus the templates' own markup, nothing else."""
    breaches = []
    for element in article.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        in_diagram = trainer_edition and tag in DIAGRAM_TAGS and (tag == "svg" or element.xpath("ancestor::svg"))
        if tag not in SAFE_TAGS and tag not in TEMPLATE_TAGS and not in_diagram:
            breaches.append(Breach(name, f"<{tag}>"))
            continue
        allowed = (SAFE_ATTRIBUTES["*"] | SAFE_ATTRIBUTES.get(tag, set()) | TEMPLATE_ATTRIBUTES["*"]
                   | TEMPLATE_ATTRIBUTES.get(tag, set()) | (DIAGRAM_ATTRIBUTES if in_diagram else frozenset())
                   | ({"markdown"} if trainer_edition else frozenset()))
        for attribute, value in element.attrib.items():
            lowered = attribute.lower()
            if lowered in FORBIDDEN_ATTRIBUTES or (lowered not in allowed and not lowered.startswith(TEMPLATE_PREFIXES)):
                breaches.append(Breach(name, f"{lowered}=", value))
            elif lowered in ("href", "src"):
                scheme = _SCHEME.match(value)
                if scheme and scheme.group(1).lower() not in URL_SCHEMES - {"module"}:
                    breaches.append(Breach(name, f"{scheme.group(1).lower()}:", value))
    return breaches


def _needle(breach: Breach) -> str:
    """What to look for in the course text: the element's or attribute's name, or the scheme."""
    return breach.what.strip("<>=: ").split()[0].lower()


def _field_name(path: tuple) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")


def breach_problems(breaches: list[Breach], content: Content) -> list[Problem]:
    """Each breach as an error at the course text that produced it: the page's own file (a
    module page maps to its module file), the first text field there that holds the name of
    what was found; else the first such field anywhere; else the page's file at its start."""
    sources = {
        source.file: source
        for source in (content.course, content.glossary, *content.modules.values())
        if source is not None
    }
    problems = []
    for breach in sorted(set(breaches), key=lambda found: (found.page, found.what)):
        home = _page_source(breach.page, content)
        ordered = [home, *(source for source in sources.values() if source is not home)] if home else list(sources.values())
        needle, place = _needle(breach), None
        for source in ordered:
            place = next(((source, path) for path, _format, text in text_fields(source.model)
                          if needle and needle in text.casefold()), None)
            if place:
                break
        source, path = place or (home or next(iter(sources.values())), ())
        mark = source.document.mark(path) if path else Mark(1, 1)
        problems.append(Problem.error(source.file, mark, "page_breach", page=breach.page, what=breach.what,
                                      field=_field_name(path) or "?"))
    return problems


def _page_source(page: str, content: Content):
    parts, paths = page.split("/"), site_paths(content.language)
    if len(parts) >= 3 and parts[:2] == [paths.folder, paths.module] and parts[2] in content.modules:
        return content.modules[parts[2]]
    if parts[:2] == [paths.folder, paths.glossary] and content.glossary:
        return content.glossary
    return content.course
