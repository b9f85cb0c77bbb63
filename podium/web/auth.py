"""Tokens, cookies and CSRF: who holds a link, and proof that a form came from our page.

A token is the secret in an invitation link; only its SHA-256 is stored. A
page's forms carry a CSRF token derived from the visitor's own link token with
HMAC, so it needs no server secret (and so holds across several processes):
a site that cannot read the http-only cookie cannot compute it.
"""

from __future__ import annotations

import hashlib
import hmac

from fastapi import HTTPException, Request

from podium.i18n import _
from podium.tokens import hash_token as hash_token
from podium.tokens import new_token as new_token

COOKIE_PREFIX = "podium_"


def cookie_name(meeting_id: str) -> str:
    return f"{COOKIE_PREFIX}{meeting_id}"


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer …`` header, if any."""
    header = request.headers.get("authorization", "")
    scheme, _sep, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def cookie_token(request: Request, meeting_id: str) -> str | None:
    return request.cookies.get(cookie_name(meeting_id)) or None


def csrf_token(request: Request, meeting_id: str) -> str:
    """The CSRF token for the forms of this meeting's pages; empty without a cookie."""
    token = cookie_token(request, meeting_id)
    if token is None:
        return ""
    return _csrf_for(token, meeting_id)


def check_csrf(request: Request, meeting_id: str, value: str | None) -> None:
    """Raises a 403 unless ``value`` is the CSRF token of the visitor's cookie."""
    token = cookie_token(request, meeting_id)
    if token is None or not value or not hmac.compare_digest(_csrf_for(token, meeting_id), value):
        raise HTTPException(
            status_code=403,
            detail=_("This form has expired or did not come from this site; reload the page."),
        )


def same_origin(request: Request) -> bool:
    """Whether a browser's request comes from one of our own pages (by its Origin header)."""
    origin = request.headers.get("origin")
    if origin is None:
        # Browsers send Origin on every cross-site POST; a request without one is not a form
        # of another site.
        return True
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1].rstrip("/") == host


def _csrf_for(token: str, meeting_id: str) -> str:
    digest = hmac.new(token.encode(), f"csrf:{meeting_id}".encode(), hashlib.sha256)
    return digest.hexdigest()
