"""`rufbereit diff <git-ref>`: what a change of the course text changes for learners, per
module and in words, as Markdown (for a pull request's job summary).

The content tree at the ref is taken out of git (`git archive`) into a temporary folder and
loaded like any content; the two loaded models are compared, never the YAML text. Course
text is untrusted: every text quoted from it is made plain and escaped for Markdown.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from ..content.load import load_content
from ..content.markup import LinkTargets, MarkdownRenderer, plain_text
from ..content.model import CallSection, Module, section_keys
from ..content.tree import Content
from ..texts import section
from .results import clean, md_cell

OK, CONTENT_ERROR, USAGE_ERROR = 0, 1, 2


def run_diff(folder: Path, ref: str) -> int:
    """Print the Markdown; a ref git does not know is a usage error."""
    current = load_content(folder)
    t = section(current.language, "diff")
    if current.errors:
        print(t["current_invalid"], file=sys.stderr)
        return CONTENT_ERROR
    with tempfile.TemporaryDirectory(prefix="rufbereit-diff-") as work:
        try:
            old_folder = content_at(folder, ref, Path(work))
        except (subprocess.CalledProcessError, OSError, tarfile.TarError):
            print(t["bad_ref"].format(ref=clean(ref, 100)), file=sys.stderr)
            return USAGE_ERROR
        old = load_content(old_folder) if (old_folder / "course.yaml").is_file() else None
        print(render_diff(old, current, ref), end="")
    return OK


def content_at(folder: Path, ref: str, work: Path) -> Path:
    """The content folder as it was at `ref`, extracted below `work`."""
    folder = folder.resolve()
    if ref.startswith("-"):
        raise OSError("a ref cannot start with a hyphen")
    where = ["git", "-C", str(folder), "rev-parse", "--show-toplevel", "--show-prefix"]
    top, prefix = (subprocess.run(where, check=True, capture_output=True, text=True).stdout.splitlines() + [""])[:2]
    subprocess.run(["git", "-C", top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], check=True,
                   capture_output=True)
    archive = subprocess.run(["git", "-C", top, "archive", "--format=tar", f"{ref}^{{tree}}", "--", prefix or "."],
                             capture_output=True).stdout  # empty when the folder did not exist then
    if not archive:
        return work / "missing"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(work, filter="data")  # no links out, no absolute paths, no devices
    return work / prefix


class Texts:
    """Inline Markdown of either version as plain text, escaped for the Markdown output."""

    def __init__(self):
        self.markdown = MarkdownRenderer(memo={})
        self.targets = LinkTargets(frozenset(), frozenset(), "")

    def __call__(self, value: str | None) -> str:
        if value is None:
            return "–"
        plain = plain_text(self.markdown.render(value, self.targets, inline=True).html)
        return "„" + md_cell(clean(" ".join(plain.split()), 160)) + "“"


def render_diff(old: Content | None, new: Content, ref: str) -> str:
    t = section(new.language, "diff")
    say = Texts()
    lines = [f"## {t['title'].format(ref=clean(ref, 100).replace('`', chr(39)))}", ""]
    if old is None or old.course is None:
        return "\n".join([*lines, t["no_old_content"], ""]) + "\n"
    assert new.course is not None
    course_changes = []
    old_course, new_course = old.course.model, new.course.model
    if old_course.pass_mark != new_course.pass_mark:
        course_changes.append(t["course_pass_mark"].format(old=old_course.pass_mark, new=new_course.pass_mark))
    if old_course.review_every != new_course.review_every:
        course_changes.append(t["review_every"].format(old=old_course.review_every, new=new_course.review_every))
    if course_changes:
        lines += [f"### {t['course']}", "", *(f"- {change}" for change in course_changes), ""]
    old_modules = {m: s.model for m, s in old.modules.items()}
    new_modules = {m: s.model for m, s in new.modules.items()}
    if old.errors:
        lines += [t["old_invalid"], ""]
    changed = 0
    for module_id in [*new_modules, *(m for m in old_modules if m not in new_modules)]:
        before, after = old_modules.get(module_id), new_modules.get(module_id)
        if before is None and after is not None:
            changes = [t["module_added"]]
        elif after is None and before is not None:
            changes = [t["module_removed"]]
        else:
            assert before is not None and after is not None
            changes = module_changes(before, after, t, say, old_course.pass_mark, new_course.pass_mark)
        if changes:
            changed += 1
            title = (after or before).title
            lines += [f"### {md_cell(clean(title, 120))} (`{module_id}`)", "", *(f"- {c}" for c in changes), ""]
    if not changed and not course_changes:
        lines += [t["nothing"], ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def module_changes(before: Module, after: Module, t: dict, say: Texts, old_mark: int, new_mark: int) -> list[str]:
    changes = []
    if before.duration != after.duration:
        changes.append(t["duration"].format(old=before.duration, new=after.duration))
    changes += review_changes(before, after, t)
    changes += quiz_changes(before, after, t, say, old_mark, new_mark)
    changes += call_changes(before, after, t, say)
    return changes


def review_changes(before: Module, after: Module, t: dict) -> list[str]:
    old, new = before.reviewed, after.reviewed
    if old == new:
        return []
    if new is None:
        return [t["review_removed"]]
    if old is None:
        return [t["review_added"].format(on=new.on, by=md_cell(new.by))]
    return [t["review_changed"].format(old=old.on, new=new.on, by=md_cell(new.by))]


def right_answer(question, say: Texts, t: dict) -> str:
    """What counts as right, in words: what a reader's stored answer is checked against."""
    kind = question.type
    if kind in ("single", "multiple"):
        return " + ".join(say(option.text) for option in question.options if option.correct)
    if kind == "true_false":
        return t["answer_true"] if question.answer else t["answer_false"]
    if kind == "order":
        return " → ".join(say(item) for item in question.items)
    if kind == "match":
        return "; ".join(f"{say(pair.left)} → {say(pair.right)}" for pair in question.pairs)
    return " · ".join(say(text) for text in question.accept) + (f" ({t['case_sensitive']})" if question.case_sensitive else "")


def quiz_changes(before: Module, after: Module, t: dict, say: Texts, old_mark: int, new_mark: int) -> list[str]:
    changes = []
    old_pass = (before.quiz.pass_mark or old_mark) if before.quiz else None
    new_pass = (after.quiz.pass_mark or new_mark) if after.quiz else None
    if old_pass is not None and new_pass is not None and old_pass != new_pass:
        changes.append(t["pass_mark"].format(old=old_pass, new=new_pass))
    old_questions = {q.question_id: q for q in (before.quiz.questions if before.quiz else [])}
    new_questions = {q.question_id: q for q in (after.quiz.questions if after.quiz else [])}
    for qid, question in old_questions.items():
        if qid not in new_questions:
            changes.append(t["question_removed"].format(prompt=say(question.prompt)))
    for qid, question in new_questions.items():
        previous = old_questions.get(qid)
        if previous is None:
            changes.append(t["question_added"].format(prompt=say(question.prompt)))
            continue
        prompt = say(question.prompt)
        if previous.prompt != question.prompt:
            changes.append(t["prompt_reworded"].format(old=say(previous.prompt), new=prompt))
        old_right, new_right = right_answer(previous, say, t), right_answer(question, say, t)
        if previous.type != question.type or old_right != new_right:
            changes.append(t["right_answer"].format(prompt=prompt, old=old_right, new=new_right))
        changes += option_changes(previous, question, prompt, t, say)
    return changes


def option_changes(previous, question, prompt: str, t: dict, say: Texts) -> list[str]:
    """Options reworded (same place, same correctness), added or removed; feedback changed."""
    old_options, new_options = getattr(previous, "options", []), getattr(question, "options", [])
    changes = []
    old_texts, new_texts = {o.text for o in old_options}, {o.text for o in new_options}
    for index, option in enumerate(new_options):
        if option.text in old_texts:
            continue
        if index < len(old_options) and old_options[index].text not in new_texts:
            changes.append(t["option_reworded"].format(prompt=prompt, old=say(old_options[index].text), new=say(option.text)))
        else:
            changes.append(t["option_added"].format(prompt=prompt, option=say(option.text)))
    for index, option in enumerate(old_options):
        reworded = index < len(new_options) and new_options[index].text not in old_texts
        if option.text not in new_texts and not reworded:
            changes.append(t["option_removed"].format(prompt=prompt, option=say(option.text)))
    return changes


def calls_of(module: Module) -> dict[str, CallSection]:
    return {key: s for key, s in zip(section_keys(module), module.sections) if isinstance(s, CallSection)}


def call_changes(before: Module, after: Module, t: dict, say: Texts) -> list[str]:
    changes = []
    old_calls, new_calls = calls_of(before), calls_of(after)
    for key, call in old_calls.items():
        if key not in new_calls:
            changes.append(t["call_removed"].format(call=say(call.title)))
    for key, call in new_calls.items():
        previous = old_calls.get(key)
        if previous is None:
            changes.append(t["call_added"].format(call=say(call.title)))
            continue
        name = say(call.title)
        if previous.pass_points != call.pass_points:
            changes.append(t["pass_points"].format(call=name, old=previous.pass_points, new=call.pass_points))
        for kind, old_nodes, new_nodes in (("step", previous.steps, call.steps), ("ending", previous.endings, call.endings)):
            changes += [t[f"{kind}_removed"].format(call=name, id=node) for node in old_nodes if node not in new_nodes]
            changes += [t[f"{kind}_added"].format(call=name, id=node) for node in new_nodes if node not in old_nodes]
        for ending_id, ending in call.endings.items():
            old_ending = previous.endings.get(ending_id)
            if old_ending and old_ending.outcome != ending.outcome:
                changes.append(t["outcome_changed"].format(call=name, id=ending_id, old=t["outcome_" + old_ending.outcome],
                                                           new=t["outcome_" + ending.outcome]))
        for step_id, step in call.steps.items():
            if step_id in previous.steps:
                changes += choice_changes(name, step_id, previous.steps[step_id].choices, step.choices, t, say)
    return changes


def choice_changes(call: str, step_id: str, old_choices, new_choices, t: dict, say: Texts) -> list[str]:
    """Choices are matched by what they say, else by their place in the step."""
    changes = []
    old_by_say = {choice.say: choice for choice in old_choices}
    new_says = {choice.say for choice in new_choices}
    for index, choice in enumerate(new_choices):
        previous = old_by_say.get(choice.say)
        if previous is None and index < len(old_choices) and old_choices[index].say not in new_says:
            previous = old_choices[index]
            changes.append(t["choice_reworded"].format(call=call, id=step_id, old=say(previous.say), new=say(choice.say)))
        if previous is None:
            changes.append(t["choice_added"].format(call=call, id=step_id, say=say(choice.say), points=choice.points))
            continue
        if previous.points != choice.points:
            changes.append(t["points"].format(call=call, id=step_id, say=say(choice.say), old=previous.points,
                                              new=choice.points))
        if previous.next != choice.next:
            changes.append(t["next_changed"].format(call=call, id=step_id, say=say(choice.say), old=previous.next,
                                                    new=choice.next))
    for index, choice in enumerate(old_choices):
        reworded = index < len(new_choices) and new_choices[index].say not in old_by_say
        if choice.say not in new_says and not reworded:
            changes.append(t["choice_removed"].format(call=call, id=step_id, say=say(choice.say)))
    return changes
