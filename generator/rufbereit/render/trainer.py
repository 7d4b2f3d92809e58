"""The trainer edition (issue 25): trainer notes, answer keys, call diagrams, role-play cards
and a classroom plan, as pages of a second site that is never part of the learners' one.

Pure like pages.py (content in, text out); output/trainer.py writes and builds it. Course
text is untrusted: every string field goes through `md` or the autoescaping templates, and
the call diagrams escape every text they draw.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import yaml

from ..content.calls import analyse
from ..content.load import Content
from ..content.model import CallSection, Module, section_keys
from ..texts import section
from .pages import (
    ModuleEntry, SiteRenderer, config_text, content_version, markdown_extensions, module_version,
)

TRAINER_CSS = "assets/trainer.css"


@dataclass
class CallView:
    """One practice call as the trainer sees it: graph facts, diagram and card data."""

    key: str
    call: CallSection
    best: int
    best_path: list[tuple[str, int]]
    best_ending: str | None
    diagram: str
    depth: dict[str, int] = field(default_factory=dict)

    @property
    def on_best_path(self) -> set[tuple[str, int]]:
        return set(self.best_path)


class TrainerRenderer(SiteRenderer):
    """The trainer edition's pages: the learners' renderer's Markdown and links, other views."""

    def __init__(self, content: Content):
        super().__init__(content)
        self.trainer_texts = section(self.course.language, "trainer")

    def page(self, entry: ModuleEntry) -> str:
        return entry.page

    def call_page(self, entry: ModuleEntry, view: CallView) -> str:
        return entry.page.removesuffix("index.md") + f"{view.key}/index.md"

    def render(self, template: str, to_root: str, **context) -> str:
        return super().render(template, to_root, tt=self.trainer_texts, **context)

    def calls(self, module: Module) -> list[CallView]:
        return [call_view(key, s, self.trainer_texts) for key, s in zip(section_keys(module), module.sections)
                if isinstance(s, CallSection)]

    def trainer_pages(self) -> dict[str, str]:
        """Every page of the trainer edition (paths relative to its docs folder)."""
        calls = {entry.id: self.calls(entry.module) for entry in self.entries}
        pages = {"index.md": self.course_page(calls), TRAINER_CSS: TRAINER_STYLES}
        for entry in self.entries:
            pages[entry.page] = self.render(
                "trainer_module.md", "../../", entry=entry, module=entry.module, calls=calls[entry.id],
                quiz_pass=(entry.module.quiz.pass_mark or self.course.pass_mark) if entry.module.quiz else None,
                version=module_version(self.content.modules[entry.id]),
            )
            for view in calls[entry.id]:
                pages[self.call_page(entry, view)] = self.render(
                    "trainer_cards.md", "../../../", entry=entry, module=entry.module, view=view,
                    client_rows=client_rows(view.call), scoring=scoring_rows(view.call),
                )
        return pages

    def course_page(self, calls: dict[str, list[CallView]]) -> str:
        starts = [0]  # each module's start in hours:minutes from the beginning of the course
        for entry in self.entries:
            starts.append(starts[-1] + entry.module.duration)
        return self.render("trainer_course.md", f"{self.paths.folder}/", entries=self.entries, calls=calls, total=starts[-1],
                           starts=starts, version=content_version(self.content))

    def trainer_config(self) -> str:
        """A complete engine configuration of its own (nothing inherited from the learners'
        site): no search plugin, no script of ours, the print styles."""
        tt = self.trainer_texts
        nav: list = [{config_text(tt["course_page"]): "index.md"}]
        for track_index, track in enumerate(self.course.tracks):
            items = [{self.nav_title(e.module): e.page} for e in self.entries if e.track == track_index]
            if items:
                nav.append({config_text(track.title): items})
        config = {
            "site_name": config_text(tt["site_name"].format(course=self.course.title)),
            "docs_dir": "docs",
            "site_dir": "site",
            "use_directory_urls": True,
            "theme": {"name": "material", "font": False, "language": self.course.language, "palette": self.palette(),
                      "features": ["navigation.indexes"]},
            "extra": {"generator": False},
            "extra_css": [TRAINER_CSS],
            "plugins": [],
            "nav": nav,
            "not_in_nav": f"/{self.paths.folder}/{self.paths.module}/*/*/index.md\n",
            "copyright": config_text(self.texts["content_version"].format(version=content_version(self.content))),
            "markdown_extensions": markdown_extensions(section(self.course.language, "theme")["permalink_title"]),
        }
        header = "# Generated by `rufbereit build --edition trainer`. Do not edit.\n"
        return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)


# --- calls --------------------------------------------------------------------------------


def call_view(key: str, call: CallSection, tt: dict) -> CallView:
    analysis = analyse(call)
    depth = depths(call)
    view = CallView(key, call, analysis.best or 0, analysis.best_path, analysis.best_ending, "", depth)
    view.diagram = diagram_svg(view, tt)
    return view


def depths(call: CallSection) -> dict[str, int]:
    """Each node's column: the longest way from `start` (a valid call has no loops)."""
    depth = {call.start: 0}
    order = [call.start]
    for node in order:  # breadth first, a node moved right whenever a longer way reaches it
        step = call.steps.get(node)
        for choice in step.choices if step else []:
            if choice.next not in depth or depth[choice.next] < depth[node] + 1:
                if len(order) > 10 * (len(call.steps) + len(call.endings)):
                    break  # a loop (check reports it): stop rather than run forever
                depth[choice.next] = depth[node] + 1
                order.append(choice.next)
    return depth


NODE_W, NODE_H, GAP_X, GAP_Y, PAD = 170, 54, 90, 26, 10


def diagram_svg(view: CallView, tt: dict) -> str:
    """The call's graph as inline SVG: steps and endings in columns by depth, every choice an
    arrow with its points; the best path drawn solid and thick, the others dashed, so that it
    reads in black and white. Every text is escaped: course text is untrusted."""
    call = view.call
    columns: dict[int, list[str]] = {}
    for node in [*call.steps, *call.endings]:
        if node in view.depth:
            columns.setdefault(view.depth[node], []).append(node)
    where: dict[str, tuple[int, int]] = {}
    for column, nodes in columns.items():
        for row, node in enumerate(nodes):
            where[node] = (PAD + column * (NODE_W + GAP_X), PAD + row * (NODE_H + GAP_Y))
    width = PAD * 2 + (max(columns, default=0) + 1) * (NODE_W + GAP_X) - GAP_X
    height = PAD * 2 + max((len(nodes) for nodes in columns.values()), default=1) * (NODE_H + GAP_Y) - GAP_Y
    best = view.on_best_path
    parts = []
    for step_id, step in call.steps.items():
        for index, choice in enumerate(step.choices):
            if step_id in where and choice.next in where:
                parts.append(_edge(where[step_id], where[choice.next], choice.points, (step_id, index) in best, tt))
    for node, (x, y) in where.items():
        parts.append(_node(node, x, y, call, tt))
    title = html.escape(f"{tt['diagram']}: {call.title}")
    return (f'<svg class="rb-diagram" role="img" aria-label="{title}" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
            f'<defs><marker id="rb-arrow-{html.escape(view.key)}" viewBox="0 0 10 10" refX="10" refY="5" '
            'markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse">'
            '<path d="M0,0L10,5L0,10z"/></marker></defs>'
            + "".join(parts).replace("{marker}", f"rb-arrow-{html.escape(view.key)}") + "</svg>")


def _edge(source: tuple[int, int], target: tuple[int, int], points: int, best: bool, tt: dict) -> str:
    x1, y1 = source[0] + NODE_W, source[1] + NODE_H // 2
    x2, y2 = target[0], target[1] + NODE_H // 2
    style = 'stroke-width="3"' if best else 'stroke-width="1.5" stroke-dasharray="6 4"'
    label = html.escape(tt["points"].format(points=f"{points:+d}" if points else "0"))
    mid_x, mid_y = (x1 + x2) // 2, (y1 + y2) // 2
    return (f'<path class="rb-edge{" rb-best" if best else ""}" d="M{x1},{y1} C{mid_x},{y1} {mid_x},{y2} {x2},{y2}" '
            f'fill="none" stroke="currentColor" {style} marker-end="url(#{{marker}})"/>'
            f'<text x="{mid_x}" y="{mid_y - 4}" text-anchor="middle" class="rb-edge-label" paint-order="stroke" '
            f'stroke="#fff" stroke-width="4">{label}</text>')


def _node(node: str, x: int, y: int, call: CallSection, tt: dict) -> str:
    if node in call.steps:
        kind = tt["start"] if node == call.start else tt["step"]
        shape = f'<rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="6" fill="none" stroke="currentColor"/>'
        detail = kind
    else:
        outcome = call.endings[node].outcome
        weight = {"success": 3, "neutral": 1.5, "failure": 1}[outcome]
        dash = ' stroke-dasharray="2 3"' if outcome == "failure" else ""
        shape = (f'<rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="{NODE_H // 2}" fill="none" '
                 f'stroke="currentColor" stroke-width="{weight}"{dash}/>')
        detail = f"{tt['ending']}: {tt['outcome_' + outcome]}"
    name = node if len(node) <= 22 else node[:21] + "…"
    return (f'<g class="rb-node"><title>{html.escape(node)}</title>{shape}'
            f'<text x="{x + NODE_W // 2}" y="{y + 22}" text-anchor="middle" font-weight="bold">{html.escape(name)}</text>'
            f'<text x="{x + NODE_W // 2}" y="{y + 42}" text-anchor="middle">{html.escape(detail)}</text></g>')


def client_rows(call: CallSection) -> list[dict]:
    """What the client card holds per step: what they say, and which of the caller's answers
    make them open up (points above 0 or a success ending) or block (the others that cost
    points or end in failure), each with the feedback that says why."""
    rows = []
    for step_id, step in call.steps.items():
        opens, blocks = [], []
        for choice in step.choices:
            ending = call.endings.get(choice.next)
            outcome = ending.outcome if ending else None
            if choice.points > 0 or outcome == "success":
                opens.append(choice)
            elif choice.points < 0 or outcome == "failure":
                blocks.append(choice)
        rows.append({"id": step_id, "step": step, "opens": opens, "blocks": blocks})
    return rows


def scoring_rows(call: CallSection) -> list[dict]:
    return [{"id": step_id, "step": step} for step_id, step in call.steps.items()]

TRAINER_STYLES = """/* The trainer edition: readable in black and white, role-play cards on A4. */
.rb-diagram-box { overflow-x: auto; margin: 1em 0; }
.rb-diagram { max-width: none; color: #000; background: #fff; font: 12px sans-serif; }
.rb-diagram text { fill: currentColor; }
.rb-key li.rb-right::marker { content: "✓ "; }
.rb-key li.rb-wrong::marker { content: "✗ "; }
.rb-trainer-note { border-left: 4px solid currentColor; padding-left: .8em; }
.rb-card { border: 2px solid #000; padding: 1em 1.2em; margin: 1em 0; break-inside: avoid; color: #000; background: #fff; }
.rb-card h2 { margin-top: 0; }
.rb-card-client { border-style: dashed; }
.rb-scoring td.rb-box { width: 3em; }
.rb-scoring td.rb-box::before { content: "☐"; font-size: 1.3em; }
@media print {
  @page { size: A4; margin: 10mm; }
  .md-header, .md-sidebar, .md-footer, .md-tabs, .rb-print-hide { display: none !important; }
  .md-main__inner, .md-content__inner { margin: 0 !important; padding: 0 !important; }
  .md-content__inner > h1 { display: none; }
  html, body { background: #fff !important; color: #000 !important; font-size: 11pt; }
  /* One card per half page: 277 mm of A4 inside the margins, halved, less the card's border. */
  .rb-card { box-sizing: border-box; min-height: 138mm; margin: 0; page-break-inside: avoid; }
  .rb-card + .rb-card { margin-top: 0; }
}
"""
