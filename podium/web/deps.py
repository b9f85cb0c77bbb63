"""What every route needs: the meeting service, and who is asking."""

from __future__ import annotations

import asyncio
import contextvars
import functools
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from fastapi import HTTPException, Request

from podium.i18n import _
from podium.meeting.words import Actor
from podium.meetings import MeetingService
from podium.web.auth import bearer_token, cookie_token, same_origin

T = TypeVar("T")
# Threads of the app's own for what a command does to the log: never queued behind the pages
# being drawn in the shared pool, and never on the event loop, which every feed waits on.
COMMAND_THREADS = 8


def command_threads() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(COMMAND_THREADS, thread_name_prefix="podium-command")


async def off_the_loop(request: Request, call: Callable[..., T], *args: Any) -> T:
    """``call(*args)`` on the app's command threads, in the request's context (its language):
    a command, or a page that reads the meeting (which may wait for its lock)."""
    pool: ThreadPoolExecutor = request.app.state.command_threads
    bound = functools.partial(contextvars.copy_context().run, call, *args)
    return await asyncio.get_running_loop().run_in_executor(pool, bound)


def service(request: Request) -> MeetingService:
    found: MeetingService = request.app.state.service
    return found


def actor_for(request: Request, meeting_id: str) -> Actor | None:
    """The holder of the request's token for this meeting: Bearer header first, then cookie."""
    token = bearer_token(request) or cookie_token(request, meeting_id)
    return service(request).actor(meeting_id, token)


def require(request: Request, meeting_id: str, roles: Iterable[str]) -> Actor:
    """The actor, if their role is one of ``roles``: else 404, 401 or 403 with a sentence."""
    if not service(request).exists(meeting_id):
        raise HTTPException(404, _("There is no meeting {id}.").format(id=meeting_id))
    from_cookie = bearer_token(request) is None
    actor = actor_for(request, meeting_id)
    if actor is None:
        raise HTTPException(
            401,
            _("This needs the link you were given for this meeting."),
            headers={"WWW-Authenticate": "Bearer"},
        )
    if from_cookie and request.method == "POST" and not same_origin(request):
        raise HTTPException(403, _("This request did not come from this site."))
    if actor.role not in set(roles):
        raise HTTPException(403, _("Your link does not allow this."))
    return actor


def require_admin(request: Request) -> None:
    token = bearer_token(request)
    if token is None:
        raise HTTPException(
            401,
            _("Creating a meeting needs the admin token (Authorization: Bearer …)."),
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not service(request).is_admin(token):
        raise HTTPException(403, _("This token may not create meetings."))
