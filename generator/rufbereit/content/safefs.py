"""Reading content/ as untrusted input: only regular files inside it, each with a size limit,
and only the media types the site may publish.

A pull request can add anything to content/: a symlink to `../../.git/config`, to
`/proc/self/environ` or `/dev/zero`, a FIFO, a 2 GB file, an HTML page or a script-laden SVG
named `.png`. None of it may be read through, published or hang the build.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

YAML_LIMIT = 1024 * 1024  # 1 MB per YAML file: a whole course is a few hundred KB
MEDIA_LIMIT = 20 * 1024 * 1024  # 20 MB per media file: a few minutes of audio

# The media the site publishes: images and audio, recognised by their first bytes. No SVG:
# an SVG is a document that can carry script, and opened by itself it would run on the
# site's origin; telling a safe one from an unsafe one needs a full XML sanitiser.
MEDIA_TYPES = {
    "png": ("image", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "jpg": ("image", lambda head: head.startswith(b"\xff\xd8\xff")),
    "jpeg": ("image", lambda head: head.startswith(b"\xff\xd8\xff")),
    "gif": ("image", lambda head: head[:6] in (b"GIF87a", b"GIF89a")),
    "webp": ("image", lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
    "avif": ("image", lambda head: head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis")),
    "mp3": ("audio", lambda head: head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)),
    "ogg": ("audio", lambda head: head[:4] == b"OggS"),
    "oga": ("audio", lambda head: head[:4] == b"OggS"),
    "opus": ("audio", lambda head: head[:4] == b"OggS"),
    "m4a": ("audio", lambda head: head[4:8] == b"ftyp"),
    "wav": ("audio", lambda head: head[:4] == b"RIFF" and head[8:12] == b"WAVE"),
    "flac": ("audio", lambda head: head[:4] == b"fLaC"),
}
MEDIA_EXTENSIONS = ", ".join(f".{extension}" for extension in MEDIA_TYPES)


@dataclass
class Refused(Exception):
    """Why a path under content/ is not read: a message code and its parameters."""

    code: str
    params: dict

    def __init__(self, code: str, **params: object):
        super().__init__(code)
        self.code, self.params = code, params


def inside(root: Path, path: Path, real_root: Path | None = None) -> Path:
    """The real path of `path`; refused if it is, or passes through, a link resolving outside
    the content folder. `real_root`: the folder's own real path, where a caller reading many
    files resolved it once."""
    real_root = real_root or root.resolve()
    real = path.resolve()
    try:
        real.relative_to(real_root)
    except ValueError:
        raise Refused("link_outside", path=_link_in(root, path)) from None
    return real


def _link_in(root: Path, path: Path) -> str:
    """The symlink to name in the message: the path itself or the folder link it passes."""
    for candidate in (path, *path.parents):
        if candidate == root:
            break
        if candidate.is_symlink():
            return _relative(root, candidate)
    return _relative(root, path)


def _relative(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def read_regular(root: Path, path: Path, limit: int, real_root: Path | None = None) -> bytes:
    """The bytes of a regular file inside `root`, at most `limit` of them; else `Refused`.

    Checked before opening, so that a FIFO or device is never opened (a FIFO would block,
    /dev/zero never ends); the very path found inside is opened, without following a last
    link and without blocking, and checked again on the open file, so that a swap in between
    changes nothing. `real_root` as for `inside`."""
    real = inside(root, path, real_root)
    try:
        _check_kind(os.stat(path), limit)
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(real, flags)
    except OSError as error:
        raise Refused("read_error", detail=error.strerror or str(error)) from None
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(stream.fileno())
        _check_kind(status, limit)
        # The bytes the file has, and one more: `read(limit + 1)` would set aside a buffer of
        # the whole limit for each file.
        expected = min(status.st_size, limit)
        data = stream.read(expected + 1)
        if len(data) > expected:  # it grew since: the rest, still never more than the limit
            data += stream.read(limit + 1 - len(data))
    if len(data) > limit:
        raise Refused("file_too_large", limit=_megabytes(limit))
    return data


def _check_kind(status: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(status.st_mode):
        raise Refused("not_regular_file")
    if status.st_size > limit:
        raise Refused("file_too_large", limit=_megabytes(limit))


def _megabytes(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB"


def media_files(root: Path) -> tuple[list[str], list[tuple[str, Refused]]]:
    """Every publishable file under media/ ("media/…" paths) and every refused one.

    Walks without following folder links; hidden files (`.DS_Store`) are neither published
    nor reported."""
    media = root / "media"
    if not media.exists() and not media.is_symlink():
        return [], []
    found, refused = [], []
    try:
        inside(root, media)
    except Refused as error:
        return [], [(str(media), error)]
    for folder, folders, files in os.walk(media):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files) + [name for name in folders if Path(folder, name).is_symlink()]:
            if name.startswith("."):
                continue
            path = Path(folder, name)
            try:
                check_media(root, path)
            except Refused as error:
                refused.append((str(path), error))
            else:
                found.append("media/" + path.relative_to(media).as_posix())
    return found, refused


def check_media(root: Path, path: Path) -> bytes:
    """A media file's bytes if the site may publish it: a known type whose bytes match."""
    extension = path.suffix.lower().lstrip(".")
    inside(root, path)
    if extension not in MEDIA_TYPES:
        raise Refused("media_type", name=path.name, extensions=MEDIA_EXTENSIONS)
    data = read_regular(root, path, MEDIA_LIMIT)
    if not MEDIA_TYPES[extension][1](data[:32]):
        raise Refused("media_content", name=path.name, extension=f".{extension}")
    return data
