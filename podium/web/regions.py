"""What changed, for the pages of the hall: each live region as a reload would draw it.

The public page, the big screen and a participant's phone follow the feed with
``?view=`` (their page) and ``?lang=``: after each event, the feed carries an
``event: live`` with the HTML of the page's live regions as of that event,
rendered once per event for everyone who reads the page in that language and
audience (``privacy``), by the very template blocks the page itself is drawn
with (``{% block live_now %}``), so that ``live.js`` swaps in exactly what a
reload would show. A phone's own region (``mine``: its places in the list)
differs from phone to phone: the payload says, for each participant it
concerns, the key that region is drawn from (``self_key``). A phone whose
requests only moved up writes their new places itself (the page gives each
place's sentence with ``{n}`` for the number); one whose key changed
otherwise fetches its page once. Without script, the pages reload as before.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from podium.i18n import known, speaking
from podium.live.hub import Encode
from podium.meeting.privacy import Audience
from podium.meeting.state import MeetingState, evolve
from podium.meetings import MeetingService
from podium.store.base import StoredEvent
from podium.web import view
from podium.web.statement_view import listed
from podium.web.templating import environment
from podium.wire import decode_event

# Each page of the hall: its template and the regions every reader of it shares.
SHARED: Mapping[str, tuple[str, tuple[str, ...]]] = {
    "public": ("public.html", ("closed", "now", "statements")),
    "screen": ("screen.html", ("stage",)),
    "me": ("me.html", ("closed", "now")),
}
KEPT = 2048


def self_key(live: view.Live, participant_id: str | None) -> str:
    """What a participant's own region is drawn from: whether the meeting and the list are
    closed, whether they speak, and each of their requests with its place. The same key, the
    same region."""
    speaking_now = live.speech is not None and live.speech.person.id == participant_id
    places = ",".join(
        f"{w.request_id}:{w.position}" for w in live.queue if w.person.id == participant_id
    )
    return f"{int(live.closed)}|{int(live.list_closed)}|{int(speaking_now)}|{places}"


def region_html(page: str, region: str, context: dict[str, Any]) -> str:
    """One live region of ``page`` as the page draws it, from its template's block."""
    template = environment().get_template(SHARED[page][0])
    block = template.blocks.get(f"live_{region}")
    if block is None:  # a region every page has, drawn by the base template
        template = environment().get_template("base.html")
        block = template.blocks[f"live_{region}"]
    return "".join(block(template.new_context(context)))


def payload(
    state: MeetingState,
    page: str,
    viewer: Audience,
    language: str,
    now: datetime,
    meeting_id: str = "",
) -> dict[str, Any]:
    """The page's shared regions as of ``state``, and the key of each phone's own region."""
    live = view.live(state, now, viewer)
    context: dict[str, Any] = {"meeting_id": meeting_id, "plan": state.plan, "live": live}
    if page == "public":
        context["statements"] = listed(state, None)  # what the public may read
    with speaking(language):
        regions = {name: region_html(page, name, context) for name in SHARED[page][1]}
    concerned = {w.person.id for w in live.queue}
    if live.speech is not None:
        concerned.add(live.speech.person.id)
    return {
        "seq": state.seq,
        "regions": regions,
        "self": {pid: self_key(live, pid) for pid in sorted(concerned)},
        "self_else": self_key(live, None),
    }


class Deltas:
    """Builds the ``live`` frame that follows each event, once per event, page, language and
    audience, from the state as of that event (held in memory by the service)."""

    def __init__(self, service: MeetingService) -> None:
        self.service = service
        self._built: OrderedDict[tuple[str, int, str, str, str], bytes] = OrderedDict()
        self._states: dict[str, MeetingState] = {}
        self._lock = threading.Lock()
        self._encoders: dict[tuple[str, str], Encode] = {}

    def encoder(self, page: str | None, language: str, event_frame: Encode) -> Encode | None:
        """For a feed opened with ``?view=page``: the events' frames (``event_frame``, the
        feed's) followed by the live frame of the last of them (what the page shows once
        they are all applied: drawn once for events written together)
        (none when the state as of that event is no longer at hand: the page then fetches
        itself). One function per page and language, so that the hub shares what it builds
        among every follower of the same page, language and audience."""
        if page is None or page not in SHARED:
            return None
        key = (page, known(language) or "en")
        with self._lock:
            found = self._encoders.get(key)
            if found is None:
                shown, spoken = key

                def encode(events: Sequence[StoredEvent], viewer: Any) -> bytes:
                    framed: bytes = event_frame(events, viewer)
                    return framed + self.frame(events[-1], shown, spoken, viewer)

                found = self._encoders[key] = encode
        return found

    def frame(self, event: StoredEvent, page: str, language: str, viewer: Audience) -> bytes:
        key = (event.meeting, event.seq, page, language, viewer)
        with self._lock:
            built = self._built.get(key)
        if built is not None:
            return built
        state = self._state_at(event)
        if state is None:
            return b""
        data = payload(state, page, viewer, language, self.service.clock(), event.meeting)
        text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
        built = f"event: live\ndata: {text}\n\n".encode()
        with self._lock:
            self._built[key] = built
            while len(self._built) > KEPT:
                self._built.popitem(last=False)
        return built

    def _state_at(self, event: StoredEvent) -> MeetingState | None:
        """The state as of ``event``: the service's, or the one before it moved on by the event
        (the feed may hear of an event before the service has folded it in)."""
        state = self.service.state_at(event.meeting, event.seq)
        with self._lock:
            before = self._states.get(event.meeting)
        if state is None and before is not None and before.seq == event.seq:
            state = before  # drawn for another page of the same event
        if state is None:
            if before is None or before.seq != event.seq - 1:
                before = self.service.state_at(event.meeting, event.seq - 1)
            if before is None:
                return None
            state = evolve(before, decode_event(event.data))
        with self._lock:
            self._states.pop(event.meeting, None)
            self._states[event.meeting] = state  # the latest last
            if len(self._states) > KEPT:  # meetings long quiet are forgotten first
                self._states.pop(next(iter(self._states)))
        return state
