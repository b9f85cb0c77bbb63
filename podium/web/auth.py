"""Tokens, cookies and CSRF: who holds a link, and proof that a form came from our page.

A token is the secret in an invitation link; only its SHA-256 is stored. A
page's forms carry a CSRF token derived from the visitor's own link token with
HMAC, so it needs no server secret (and so holds across several processes):
a site that cannot read the http-only cookie cannot compute it.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
from datetime import UTC, datetime, timedelta

from fastapi import HTTPException, Request

from podium.i18n import _
from podium.meeting.plan import Plan
from podium.tokens import hash_token as hash_token
from podium.tokens import new_token as new_token

COOKIE_PREFIX = "podium_"
COOKIE_GRACE = "PODIUM_COOKIE_GRACE_DAYS"
DEFAULT_GRACE_DAYS = 7  # after the meeting: time to correct the record and download it
MIN_COOKIE_SECONDS = 3600


def grace() -> timedelta:
    """How long a link's cookie outlives its meeting (``PODIUM_COOKIE_GRACE_DAYS``)."""
    value = os.environ.get(COOKIE_GRACE, "").strip()
    days = float(value) if value.replace(".", "", 1).isdigit() else DEFAULT_GRACE_DAYS
    return timedelta(days=days)


def cookie_seconds(plan: Plan, now: datetime) -> int:
    """A link's cookie lasts until the meeting's end plus the grace (an hour at least).

    A meeting without an end lasts a day from its start; one without a date, from now.
    """
    end = plan.end or (plan.start + timedelta(days=1) if plan.start else now)
    if end.tzinfo is None:
        end = end.replace(tzinfo=UTC)
    left = (end + grace() - now).total_seconds()
    return int(max(left, MIN_COOKIE_SECONDS))


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


_IN_PATH = re.compile(r"(/join/)[^\s?/\"']+|((?:^|[?&])token=)[^\s&\"']+")


def without_tokens(text: str) -> str:
    """The text with the token of any invitation link (or ``token=``) hidden."""
    return _IN_PATH.sub(lambda m: (m.group(1) or m.group(2)) + "[hidden]", text)


class HideTokens(logging.Filter):
    """Keeps tokens out of the access log: a log file must not hold working links."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = without_tokens(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                without_tokens(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True


def _csrf_for(token: str, meeting_id: str) -> str:
    digest = hmac.new(token.encode(), f"csrf:{meeting_id}".encode(), hashlib.sha256)
    return digest.hexdigest()
