"""Text for a terminal: what a tool prints can never steer it."""

from __future__ import annotations

from ..content.yamlread import HIDDEN


def printable(text: str) -> str:
    """Control and bidi characters as visible escapes (`\\x1b`, `\\u202e`): an escape
    sequence could otherwise set the terminal's title or erase lines, a bidi override turn
    what follows around. Course files cannot hold them (`check` refuses them); readers'
    exports and file names can."""
    return HIDDEN.sub(lambda found: f"\\x{ord(found.group()):02x}" if ord(found.group()) < 0x100
                      else f"\\u{ord(found.group()):04x}", text)
