"""Course to pages: view data for the Jinja templates, and the pages they render.

Everything here is pure (content in, text out) so that it runs and is tested without any
site engine; `site.py` writes the result and calls MkDocs or Zensical.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import get_args

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..content.markup import Glossary, LinkTargets, MarkdownRenderer, plain_html, plain_text
from ..content.calls import analyse
from ..content import record
from ..content.load import Content
from ..content.model import (CalloutSection, ChecklistSection, Course, Module, heading_anchors, section_keys, slugify,
                              stable_digest, unique_names)
from ..texts import PAGE_NAMES, SitePaths, languages, section, site_paths
from .browser_data import data_script
from .question import question_html

# The generated pages are in docs/<folder>/, named in the course language (texts, section
# `paths`: kurs/ or course/); git-ignored. These two files are the same in every language,
# since the hand-written docs/index.md and mkdocs.yml name them; both are git-ignored too.
CONFIG_FILE = "mkdocs.generated.yml"
# The home page is the site root: docs/index.md (hand-written) includes this file with
# pymdownx.snippets. The dot keeps both engines from building it as a page of its own.
HOME_FILE = ".home.md"
COURSE_SCRIPT = "assets/course.js"
# The paths every course had before they followed its language: an English course's site keeps
# a redirect page at each of them, so that old bookmarks still arrive.
OLD_PATHS = site_paths("de")
_MARKDOWN_PUNCTUATION = re.compile(r"[\\`*_{}\[\]()#+\-.!|~^=:>]")


def ui_texts(language: str) -> dict[str, str]:
    return section(language, "site")


def markdown_text(text: str) -> Markup:
    """A string field as literal Markdown text: HTML-escaped, Markdown syntax neutralised."""
    escaped = html.escape(text, quote=False)
    return Markup(_MARKDOWN_PUNCTUATION.sub(lambda match: f"&#{ord(match.group())};", escaped))


def config_text(text: str) -> str:
    """A value for the engine config, which the themes print as HTML: escaped text. (They
    decode it once more in `<title>`, which docs/overrides/main.html prints instead, and in
    the `content.tooltips` feature, which stays off: see mkdocs.yml.)"""
    return html.escape(text)


def sort_key(text: str) -> str:
    """Alphabetical as a German reader expects: Ärger next to Anruf, case ignored."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in folded if not unicodedata.combining(char))


_GLOSSARIES = "|".join(sorted({re.escape(site_paths(language).glossary) for language in languages()}))
_TERM_LINK = re.compile(rf'<a href="([^"]*(?:{_GLOSSARIES})/#[^"]*)" title="([^"]*)" rel="noopener noreferrer">(.*?)</a>')


def terms_apart(fragment) -> tuple[Markup, list[tuple[str, str, str]]]:
    """A rendered field whose glossary links become <abbr> tooltips, and the links taken out
    as (href, title, term). Inside a checklist label a tap on a word ticks the item instead
    of leaving the page; the definition stays one tap away next to the row."""
    links: list[tuple[str, str, str]] = []

    def to_abbr(match: re.Match) -> str:
        links.append((match[1], match[2], plain_text(match[3])))
        return f'<abbr title="{match[2]}">{match[3]}</abbr>'

    return Markup(_TERM_LINK.sub(to_abbr, str(fragment))), links


def duration_text(minutes: int, texts: dict[str, str]) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} {texts['minutes']}"
    return f"{hours} {texts['hours']} {rest} {texts['minutes']}" if rest else f"{hours} {texts['hours']}"


def month_year(day, texts: dict[str, str]) -> str:
    """"November 2026": a review date as precise as trainers state it (content format v3)."""
    return f"{texts['month_names'].split(', ')[day.month - 1]} {day.year}"


@cache
def template_environment() -> Environment:
    """One environment per process: `rufbereit serve` regenerates without recompiling."""
    env = Environment(
        loader=PackageLoader("rufbereit.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # The templates ship with the package: no `stat` of the file at every include.
        auto_reload=False,
    )
    env.filters["md"] = markdown_text
    env.filters["duration"] = duration_text
    env.globals["month_year"] = month_year
    env.filters["json"] = lambda value: json.dumps(value, ensure_ascii=False)
    env.globals["plain"] = lambda fragment: plain_text(str(fragment))
    env.globals["terms_apart"] = terms_apart  # checklist labels
    env.globals["zip"] = zip  # options with their stable keys
    # Callouts share one admonition; every other kind has its template section_KIND.html.
    env.globals["callout_kinds"] = get_args(CalloutSection.model_fields["kind"].annotation)
    return env


# Stands for a question's DOM id while its markup is rendered once for two pages. No course
# text can put it there: every text reaches a template escaped or through the allowlist, which
# knows no <rb-qid> element; render/question.py prints `qid` only escaped, as it is.
QID = Markup("<rb-qid>")


@dataclass
class RenderedQuestion:
    q: object  # kept, so that its id() in the key stays its own
    to_root: str
    placed: bool
    html: str


@dataclass
class ModuleEntry:
    id: str
    module: Module
    track: int
    paths: SitePaths

    @property
    def page(self) -> str:
        # One folder per page: the file's folder is then the page's URL, so MkDocs (which
        # leaves relative URLs in raw HTML alone) and Zensical (which resolves them from the
        # source file) agree on every link.
        return self.paths.module_page(self.id)


class SiteRenderer:
    """Renders every page of one course. Built once per generation."""

    def __init__(self, content: Content):
        self.content = content
        self._targets: dict[str, LinkTargets] = {}
        self.course: Course = content.course.model
        self.texts = ui_texts(self.course.language)
        self.texts_html = {key: str(escape(value)) for key, value in self.texts.items()}  # as templates print them
        self.paths = site_paths(self.course.language)
        self.glossary = self._glossary()
        self.markdown = MarkdownRenderer(self.glossary, memo=content.cache.html)
        shown = content.shown_modules  # a published build leaves drafts out entirely
        self.entries = [
            ModuleEntry(module_id, shown[module_id].model, track_index, self.paths)
            for track_index, track in enumerate(self.course.tracks)
            for module_id in track.modules
            if module_id in shown
        ]
        self.by_id = {entry.id: entry for entry in self.entries}
        self._questions: dict[tuple, RenderedQuestion] = {}
        self._content_version: str | None = None

    def _glossary(self) -> Glossary:
        definitions: dict[str, tuple[str, str]] = {}
        if self.content.glossary:
            plain = MarkdownRenderer(memo=self.content.cache.html)
            targets = self.targets("../")
            for term in self.content.glossary.model.terms:
                text = plain_text(plain.render(term.definition, targets, inline=True).html)
                for word in (term.term, *term.aliases):
                    definitions[word.casefold()] = (slugify(term.term), text)
        return Glossary(definitions, self.paths.glossary)

    def targets(self, to_root: str) -> LinkTargets:
        """One LinkTargets per place in the tree, so that its cache key is computed once."""
        if to_root not in self._targets:
            self._targets[to_root] = LinkTargets(frozenset(self.content.shown_modules), self.content.media, to_root)
        return self._targets[to_root]

    def html_for(self, to_root: str, placed: list[bool] | None = None):
        """The Markdown-to-HTML function that templates call for one page's place in the tree;
        `placed` learns whether any field's HTML depended on that place (Rendered.placed)."""
        field_html = self.field_html_for(to_root, placed)

        def render(text: str | None, inline: bool = False, terms: bool = False) -> Markup:
            return Markup(field_html(text, inline, terms))

        return render

    def field_html_for(self, to_root: str, placed: list[bool] | None = None):
        """`html_for` as plain strings, for markup built in Python (render/question.py)."""
        targets = self.targets(to_root)

        def render(text: str | None, inline: bool = False, terms: bool = False) -> str:
            if text is None:
                return ""
            plain = None if terms else plain_html(text, inline)
            if plain is not None:
                return plain
            rendered = self.markdown.render(text, targets, inline=inline, terms=terms)
            if placed is not None and rendered.placed:
                placed.append(True)
            return rendered.html

        return render

    def render(self, template: str, to_root: str, **context) -> str:
        if "md_html" not in context:
            context["md_html"] = self.html_for(to_root)
        return template_environment().get_template(template).render(
            course=self.course,
            course_id=self.course.course_id,
            t=self.texts,
            to_root=to_root,
            paths=self.paths,
            question=self.question,
            **context,
        )

    def question(self, q, qid: str, number: int, total: int, to_root: str) -> Markup:
        """One question's markup (render/question.py), the same in its module's self-check and on
        the review page but for its DOM id: rendered once with QID in the id's place, and again
        for another page only if a field of it links from the page's place."""
        key = (id(q), number, total)
        done = self._questions.get(key)
        if done is None or (done.placed and done.to_root != to_root):
            placed: list[bool] = []
            html = question_html(q, QID, number, total, self.texts_html, self.field_html_for(to_root, placed))
            done = self._questions[key] = RenderedQuestion(q, to_root, bool(placed), html)
        return Markup(done.html.replace(QID, escape(qid)))

    def review_items(self, entry: ModuleEntry, to_root: str) -> Markup:
        """One module's questions on the review page (review_items.html), which holds every
        question of the course: kept across runs by the module's bytes and everything else a field
        may show (`Content.inputs`, which modules and media a link may name), like a module page."""
        source = self.content.modules[entry.id]
        key = ("review", source.file, source.digest, to_root, self.content.inputs, self.targets(to_root).anywhere_key)
        memo = self.content.cache.parts
        if key not in memo:
            memo[key] = self.render("review_items.html", to_root, entry=entry)
        return Markup(memo[key])

    # --- pages --------------------------------------------------------------------------

    def pages(self) -> dict[str, str]:
        """Every generated file (path relative to docs/) and its text."""
        paths = self.paths
        pages = {
            HOME_FILE: self.home(),
            paths.page("glossary"): self.glossary_page(),
            paths.page("progress"): self.progress_page(),
            paths.page("finish"): self.render("finish.md", "../", entries=self.entries, version=self.content_version(),
                                              disclaimer=self.disclaimer()),
            COURSE_SCRIPT: self.course_script(),
        }
        if self.course.spaced_review:
            pages[paths.page("review")] = self.render("review.md", "../", entries=self.entries,
                                                      review_items=self.review_items)
        for index, entry in enumerate(self.entries):
            pages[entry.page] = self.module_page(index)
        return pages

    def redirects(self) -> dict[str, str]:
        """A page at each old (German) path of a page whose path differs now, which sends the
        reader to where it went: a meta refresh and a link, no script. It holds only generated
        paths and interface text, never course text. Not pages for the engines (plain HTML
        files, copied as they are), so they stay out of the navigation, search and sitemap."""
        moved = {OLD_PATHS.page(name): self.paths.page(name) for name in PAGE_NAMES
                 if name != "review" or self.course.spaced_review}
        moved |= {OLD_PATHS.module_page(entry.id): entry.page for entry in self.entries}
        return {old.removesuffix(".md") + ".html": redirect_page(old, new, self.course.language, self.texts)
                for old, new in moved.items() if old != new}

    def home(self) -> str:
        tracks = [
            (track, [self.by_id[module_id] for module_id in track.modules if module_id in self.by_id])
            for track in self.course.tracks
        ]
        tracks = [(track, entries) for track, entries in tracks if entries]  # a track of drafts only
        total = sum(entry.module.duration for entry in self.entries)
        numbers = {entry.id: number for number, entry in enumerate(self.entries, 1)}
        return self.render(
            "home.md", f"{self.paths.folder}/", tracks=tracks, total=total, module_count=len(self.entries),
            numbers=numbers, first=self.entries[0] if self.entries else None, disclaimer=self.disclaimer(),
        )

    def module_page(self, index: int) -> str:
        """A module's page; kept across runs while nothing it shows has changed."""
        entry = self.entries[index]
        previous = self.entries[index - 1] if index > 0 else None
        following = self.entries[index + 1] if index + 1 < len(self.entries) else None
        requires = [self.by_id[module_id] for module_id in entry.module.requires if module_id in self.by_id]
        neighbours = [(e.id, e.module.title) for e in (previous, following, *requires) if e]
        key = (entry.id, index, self.content.modules[entry.id].digest, tuple(neighbours), self.content.inputs)
        pages = self.content.cache.pages
        if key not in pages:
            pages[key] = self.render(
                "module.md",
                "../../",
                entry=entry,
                module=entry.module,
                requires=requires,
                section_keys=section_keys(entry.module),
                anchors=heading_anchors(entry.module, self.texts),
                calls=call_views(entry.module),
                quiz=self.quiz_view(entry) if entry.module.quiz else None,
                previous=previous,
                following=following,
                position=index + 1,
            )
        return pages[key]

    def quiz_view(self, entry: ModuleEntry) -> dict:
        quiz = entry.module.quiz
        questions = []
        for index, question in enumerate(quiz.questions):
            questions.append({"q": question, "dom_id": f"{entry.id}-q{index + 1}"})
        return {
            "pass_mark": quiz.pass_mark or self.course.pass_mark,
            "shuffle": quiz.shuffle,
            "questions": questions,
        }

    def glossary_page(self) -> str:
        terms = sorted(self.content.glossary.model.terms, key=lambda term: sort_key(term.term)) if self.content.glossary else []
        anchors = unique_names([slugify(term.term) or "begriff" for term in terms])
        # The A–Z index: one group per first letter; digits and signs go under "#".
        letters: list[tuple[str, str, list]] = []
        for anchor, term in zip(anchors, terms):
            first = sort_key(term.term)[:1].upper()
            letter = first if "A" <= first <= "Z" else "#"
            if not letters or letters[-1][0] != letter:
                letters.append((letter, "az-" + (letter.lower() if letter != "#" else "0"), []))
            letters[-1][2].append((anchor, term))
        return self.render("glossary.md", "../", letters=letters, disclaimer=self.disclaimer())

    def progress_page(self) -> str:
        return self.render("progress.md", "../", entries=self.entries)

    def content_version(self) -> str:
        """Said by course.js, the certificate and the footer: worked out once per run."""
        if self._content_version is None:
            self._content_version = content_version(self.content)
        return self._content_version

    def disclaimer(self) -> str:
        """The legal line of the home page and glossary, dated by the most recent review."""
        latest = latest_review(self.entries)
        return self.texts["legal_disclaimer"].format(date=month_year(latest, self.texts)) if latest else ""

    def course_script(self) -> str:
        data = {
            "course": self.course.course_id,
            "language": self.course.language,
            "texts": self.texts,
            "version": self.content_version(),
            "review": {"enabled": self.course.spaced_review, "confidence": self.course.confidence},
            # What the script needs to know of every module to count it passed (the pass rule as
            # data), to migrate a record of version 1 (checklist item ids in order) and to match a
            # stored choice answer to reworded options (choices), anywhere.
            "modules": [self.module_data(entry) for entry in self.entries],
            # How every reader of the learner record reads it (content/record.py).
            "recordSchema": record.schema(),
        }
        return data_script("course", data)

    def module_data(self, entry: ModuleEntry) -> dict:
        """A module's entry in course.js; kept across runs with its file's bytes and its track."""
        source = self.content.modules[entry.id]
        key = ("course.js", source.file, source.digest, entry.track)
        memo = self.content.cache.parts
        if key not in memo:
            module = entry.module
            memo[key] = {
                "id": entry.id, "title": module.title, "minutes": module.duration, "track": entry.track,
                "quiz": module.quiz is not None, "calls": list(call_views(module)),
                "requires": record.pass_rule(module), "checklists": checklist_ids(module),
                "choices": record.choices(module), "version": module_version(source),
            }
        return memo[key]

    def palette(self) -> list[dict]:
        """Light and dark schemes; the toggle's label is in the course language."""
        theme = section(self.course.language, "theme")
        return [
            {"media": media, "scheme": scheme, "primary": "indigo", "accent": "amber",
             "toggle": {"icon": icon, "name": theme[label]}}
            for media, scheme, icon, label in PALETTE
        ]

    def nav_title(self, module: Module) -> str:
        title = f"{module.title} ({self.texts['draft']})" if module.draft else module.title
        return config_text(title)

    def config(self) -> str:
        """The generated part of the engine configuration; every value HTML-escaped."""
        nav: list = [{self.texts["start"]: "index.md"}]
        for track_index, track in enumerate(self.course.tracks):
            items = [{self.nav_title(e.module): e.page} for e in self.entries if e.track == track_index]
            if items:  # a track whose modules are all drafts is left out of a published build
                nav.append({config_text(track.title): items})
        nav.append({self.texts["glossary"]: self.paths.page("glossary")})
        if self.course.spaced_review:
            nav.append({self.texts["review"]: self.paths.page("review")})
        nav.append({self.texts["progress"]: self.paths.page("progress")})
        nav.append({self.texts["finish"]: self.paths.page("finish")})
        config = {
            "site_name": config_text(self.course.title),
            "site_description": config_text(self.course.description or ""),
            "theme": {"language": self.course.language, "palette": self.palette()},
            # Words of our theme overrides (404 page), in the course language.
            "extra": {"rufbereit": {"not_found": self.texts["not_found"], "not_found_text": self.texts["not_found_text"]}},
            "nav": nav,
            # The footer of every page, on both engines: which course text this site shows.
            "copyright": config_text(self.texts["content_version"].format(version=self.content_version())),
            "markdown_extensions": markdown_extensions(section(self.course.language, "theme")["permalink_title"]),
        }
        header = "# Generated by `rufbereit generate` from content/course.yaml. Do not edit.\n"
        return header + "".join(self._config_yaml(key, value) for key, value in config.items())

    def _config_yaml(self, key: str, value: object) -> str:
        """One top-level key of the config as YAML (the same text as in a dump of the whole
        mapping); kept across runs by its value. libyaml's emitter, as the loader is libyaml's:
        PyYAML's own is pure Python, seven times slower on the navigation of a large course."""
        memo_key = ("config", key, stable_digest(json.dumps(value, ensure_ascii=False)))
        memo = self.content.cache.parts
        if memo_key not in memo:
            memo[memo_key] = yaml.dump({key: value}, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False,
                                       width=1000)
        return memo[memo_key]


def redirect_page(old: str, new: str, language: str, texts: dict[str, str]) -> str:
    """The page left at `old` (a page file relative to docs/) that sends the reader to `new`."""
    depth = old.count("/")  # kurs/glossar/index.md: two folders up to the site root
    url = new.removesuffix("index.md")  # course/glossary/
    target = html.escape("../" * depth + url, quote=True)
    link = f'<a href="{target}">{html.escape(url)}</a>'
    return (
        f'<!doctype html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="robots" content="noindex">\n<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<link rel="canonical" href="{target}">\n<title>{html.escape(texts["moved_title"])}</title>\n</head>\n'
        f'<body>\n<p>{html.escape(texts["moved"]).format(link=link)}</p>\n</body>\n</html>\n'
    )


def content_version(content: Content) -> str:
    """A short fingerprint of the course's text: exports, LMS packages, the footer and the
    certificate name it. Made of the content files' bytes only (never the generator's own
    version or code), so that an update of the generator alone keeps it."""
    sources = [content.course, content.glossary, *content.modules.values()]
    digests = sorted(f"{Path(source.file).relative_to(content.root)}:{source.digest}" for source in sources if source)
    return hashlib.sha256("\n".join(digests).encode()).hexdigest()[:12]


def module_version(source) -> str:
    """A module's own content version: its file's bytes, whatever else the course holds."""
    return hashlib.sha256(f"module:{source.digest}".encode()).hexdigest()[:12]


def latest_review(entries: list[ModuleEntry]):
    """The first day of the most recent `reviewed.on` of the shown modules, or None."""
    days = [entry.module.reviewed.first_day for entry in entries if entry.module.reviewed]
    return max(days) if days else None


def markdown_extensions(permalink_title: str) -> list:
    """The engine's Markdown extensions. They stand here, not in mkdocs.yml, because the
    heading permalink's title is in the course language, and MkDocs and Zensical merge a
    list from INHERIT differently: the whole list lives in one file."""
    return [
        {"toc": {"permalink": True, "permalink_title": permalink_title}},
        "admonition",
        "attr_list",
        "md_in_html",
        "tables",
        # docs/index.md pulls in the generated home page, so that the course starts at the root.
        {"pymdownx.snippets": {"base_path": ["docs"], "check_paths": True}},
    ]


PALETTE = (
    ("(prefers-color-scheme: light)", "default", "material/weather-night", "palette_to_dark"),
    ("(prefers-color-scheme: dark)", "slate", "material/weather-sunny", "palette_to_light"),
)


def checklist_ids(module: Module) -> dict[str, list[str]]:
    """Each checklist's item ids in order, by section key."""
    return {key: [item_id for item_id, _ in section.entries]
            for key, section in zip(section_keys(module), module.sections) if isinstance(section, ChecklistSection)}


def call_views(module: Module) -> dict[str, dict]:
    """Per practice call, by its storage key (the section key, from its title, like a
    checklist's): the best total to a success ending, which the page shows as "von M"."""
    return {
        key: {"best": analyse(section).best or 0}
        for key, section in zip(section_keys(module), module.sections)
        if section.kind == "call"
    }
