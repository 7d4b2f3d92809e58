"""`rufbereit new module ID --title "…" --track "…"`: a commented module skeleton.

The new file passes `check` as it is; the id is added to the track's `modules` in
course.yaml with ruamel.yaml's round trip, so comments, quotes and layout stay as they were.
"""

from __future__ import annotations

import io
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import cast

from ruamel.yaml import YAML

from ..content.model import ID_PATTERN, QUESTION_TYPES, SECTION_KINDS
from ..content.validate import did_you_mean
from .. import texts
from ..texts import course_language

class ScaffoldError(Exception):
    """A usage mistake (bad id, unknown track, module exists): nothing is written."""

    def __init__(self, code: str, **params: object):
        super().__init__(code)
        self.code, self.params = code, params

    def message(self, language: str) -> str:
        return text(self.code, language, **self.params)


def text(code: str, language: str, **params: object) -> str:
    return texts.text(language, f"scaffold.{code}", **params)


def round_trip(text: str) -> YAML:
    """A round-trip loader and dumper that writes lists the way this file already does."""
    yaml = YAML()
    yaml.preserve_quotes = True
    offset, sequence = guess_list_indent(text)
    yaml.indent(mapping=2, sequence=sequence, offset=offset)
    yaml.width = 4096  # never re-wrap a trainer's long lines
    return yaml


def guess_list_indent(text: str) -> tuple[int, int]:
    """(dash offset, item indent) of the first block list under a key: `  - x` is (2, 4)."""
    lines = text.splitlines()
    for previous, line in zip(lines, lines[1:]):
        key = re.match(r"^( *)[^\s#-][^:]*:\s*(#.*)?$", previous)
        dash = re.match(r"^( *)- +", line)
        if key and dash and len(dash.group(1)) >= len(key.group(1)):
            base = len(key.group(1))
            return len(dash.group(1)) - base, len(dash.group(0)) - base
    return 2, 4


def new_module(content: Path, module_id: str, title: str, track: str | None) -> tuple[Path, str]:
    """Write modules/ID.yaml and add the id to a track; the new file and the track's title."""
    if not re.fullmatch(ID_PATTERN, module_id):
        raise ScaffoldError("bad_id", id=module_id)
    if not title.strip():
        raise ScaffoldError("no_title")
    if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in title):
        # A line break would end the skeleton's comment line and start a YAML key of its own.
        raise ScaffoldError("title_one_line")
    target = content / "modules" / f"{module_id}.yaml"
    if target.exists():
        raise ScaffoldError("exists", id=module_id, path=target)
    course_path = content / "course.yaml"
    if not course_path.is_file():
        raise ScaffoldError("no_course", path=course_path)
    source = course_path.read_text(encoding="utf-8-sig")
    yaml = round_trip(source)
    try:
        course = yaml.load(source)
    except Exception:  # any YAML mistake: `check` explains it far better than ruamel would
        raise ScaffoldError("course_broken", path=course_path) from None
    tracks = course.get("tracks") if isinstance(course, dict) else None
    if not isinstance(tracks, list) or not all(isinstance(item, dict) for item in tracks):
        raise ScaffoldError("course_broken", path=course_path)
    chosen = _find_track(tracks, track)
    chosen["modules"].append(module_id)
    buffer = io.StringIO()
    yaml.dump(course, buffer)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(skeleton(course_language(content), module_id, title), encoding="utf-8")
    course_path.write_text(buffer.getvalue(), encoding="utf-8")
    return target, str(chosen["title"])


def skeleton(language: str, module_id: str, title: str) -> str:
    """The new module's text: comments in the course language, kinds and types from the model."""
    first, *others = SECTION_KINDS
    kinds = [text("kinds_default", language, kind=first), *others]
    return text(
        "skeleton", language, id=module_id, title=json.dumps(title, ensure_ascii=False), title_text=title,
        kinds=text("list_or", language, items=", ".join(kinds[:-1]), last=kinds[-1]), types=", ".join(QUESTION_TYPES),
    )


def _find_track(tracks: list, wanted: str | None):
    titles = [str(track.get("title", "")) for track in tracks]
    if wanted is None and len(tracks) == 1:
        return tracks[0]
    if wanted is None:
        raise ScaffoldError("which_track", tracks=titles)
    for track, title in zip(tracks, titles):
        if title.casefold() == wanted.strip().casefold():
            if not isinstance(track.get("modules"), list):
                raise ScaffoldError("no_modules_list", track=title)
            return track
    hint = did_you_mean(wanted, titles)
    raise ScaffoldError("unknown_track", track=wanted, hint=hint, tracks=titles)


def _listing(titles: list[str], language: str) -> str:
    opening, closing = ("“", "”") if language == "en" else ("„", "“")
    return ", ".join(f"{opening}{title}{closing}" for title in titles) or "–"


def run_new_module(content: Path, module_id: str, title: str, track: str | None) -> int:
    language = course_language(content)
    try:
        path, track_title = new_module(content, module_id, title, track)
    except ScaffoldError as error:
        if error.code == "unknown_track":
            hint = error.params["hint"]
            error.params["hint"] = text("hint", language, hint=hint) if hint else ""
        if "tracks" in error.params:
            error.params["tracks"] = _listing(cast(list[str], error.params["tracks"]), language)
        print(text("error", language, message=error.message(language)), file=sys.stderr)
        return 2
    print(text("done", language, path=path, track=track_title))
    return 0
