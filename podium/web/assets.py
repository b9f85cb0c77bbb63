"""The stylesheet and the script under names that change with their content.

A page refers to ``/static/podium.1a2b3c4d5e.css``: the name holds the first
hex digits of the SHA-256 of what is served (the file without its comments and
indentation, which a phone on a slow link need not download), so the file may be cached for a year
(``immutable``) and a new release is fetched at once because its name is new.
Templates ask ``asset("podium.css")`` for the current name. An old or plain
name (a page cached before a release) is redirected to the current one, not
cached; any other name under ``/static/`` is a 404.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response

from podium.i18n import _

STATIC = Path(__file__).parent / "static"
PREFIX = "/static/"
# Long enough that no two releases of one file share a name.
DIGITS = 10
YEAR = 365 * 24 * 3600
IMMUTABLE = f"public, max-age={YEAR}, immutable"

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class Asset:
    name: str  # as in the source tree: podium.css
    hashed: str  # as served: podium.1a2b3c4d5e.css
    body: bytes
    media_type: str


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_JS_LINE_COMMENT = re.compile(r"^\s*//.*\n", re.M)
_INDENT = re.compile(r"\n\s+")


def lean(name: str, text: str) -> str:
    """A stylesheet or script as served: its comments and indentation left out.

    Only what cannot change its meaning goes: comments in CSS (which holds no
    string with ``/*``), whole lines of ``//`` comments in the script, and the
    blanks at the start of a line (neither file has a multi-line string).
    """
    if name.endswith(".css"):
        text = _CSS_COMMENT.sub("", text)
    elif name.endswith(".js"):
        text = _JS_LINE_COMMENT.sub("", text)
    else:
        return text
    return _INDENT.sub("\n", text).strip() + "\n"


def _hashed_name(name: str, body: bytes) -> str:
    stem, dot, suffix = name.rpartition(".")
    digest = hashlib.sha256(body).hexdigest()[:DIGITS]
    return f"{stem}.{digest}{dot}{suffix}" if dot else f"{name}.{digest}"


@cache
def assets() -> dict[str, Asset]:
    """Every file under static/ (but the icon, served at /favicon.ico), read once."""
    found: dict[str, Asset] = {}
    for path in sorted(STATIC.iterdir()):
        if not path.is_file() or path.suffix == ".ico":
            continue
        body = path.read_bytes()
        if path.suffix in (".css", ".js"):
            body = lean(path.name, body.decode()).encode()
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if media_type.startswith("text/") or media_type.endswith("javascript"):
            media_type += "; charset=utf-8"
        found[path.name] = Asset(path.name, _hashed_name(path.name, body), body, media_type)
    return found


def asset(name: str) -> str:
    """The address a page gives for a static file: its content-hashed name."""
    return PREFIX + assets()[name].hashed


@cache
def _by_hashed_name() -> dict[str, Asset]:
    return {a.hashed: a for a in assets().values()}


def _plain_name(name: str) -> str | None:
    """``podium.css`` for ``podium.css`` or an older release's ``podium.0123456789.css``."""
    if name in assets():
        return name
    parts = name.split(".")
    if len(parts) >= 3 and len(parts[-2]) == DIGITS:
        plain = ".".join([*parts[:-2], parts[-1]])
        if plain in assets():
            return plain
    return None


@router.get(PREFIX + "{name:path}")
def static_file(name: str) -> Response:
    found = _by_hashed_name().get(name)
    if found is not None:
        return Response(
            found.body, media_type=found.media_type, headers={"Cache-Control": IMMUTABLE}
        )
    plain = _plain_name(name)
    if plain is not None:
        return RedirectResponse(asset(plain), 308, headers={"Cache-Control": "no-cache"})
    return Response(
        _("{path}: no such file").format(path=PREFIX + name),
        status_code=404,
        media_type="text/plain; charset=utf-8",
        headers={"Cache-Control": "no-cache"},
    )
