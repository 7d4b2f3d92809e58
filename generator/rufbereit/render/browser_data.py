"""How the generator hands data to the browser code: as a script that sets one key of the one
name that code defines on `window`, `Rufbereit` (assets-src/global.mjs names every key). The
data scripts load before our scripts, so each makes the name if it is not there yet. The data
is JSON: course text is a string in it, never code (json.dumps escapes every quote and line
break, so no text can end the literal or start a line of its own)."""

from __future__ import annotations

import json
import re

GLOBAL = "Rufbereit"
_LINE = "(window.{name} = window.{name} || {{}}).{key} = "


def data_script(key: str, data: object) -> str:
    """A one-line script: `window.Rufbereit[key] = data`."""
    assert re.fullmatch(r"[a-z]+", key), key
    return _LINE.format(name=GLOBAL, key=key) + json.dumps(data, ensure_ascii=False, sort_keys=True) + ";\n"


def read_data_script(script: str, key: str) -> object:
    """The data that `data_script(key, …)` wrote into `script` (which may hold more lines). Split
    at line feeds only: course text may hold U+2028, which JSON leaves as it is."""
    start = _LINE.format(name=GLOBAL, key=key)
    line = next(line for line in script.split("\n") if line.startswith(start))
    return json.loads(line.removeprefix(start).removesuffix(";"))
