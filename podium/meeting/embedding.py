"""Which other sites may show the meeting's big screen in a frame (a webcast page, an intranet).

By default none may: every page refuses to be framed. The secretariat may name
the sites (origins, as Content-Security-Policy's ``frame-ancestors`` takes them:
``https://webtv.example.org``, ``https://*.example.org``) whose pages may embed
the big screen's public view; an empty list ends it. The rule for what an
origin may be is here, once: the web shell writes the accepted ones into the
header as they are.
"""

from __future__ import annotations

import re
from datetime import datetime

from podium.meeting.commands import SetEmbedding
from podium.meeting.events import EmbeddingSet
from podium.meeting.refusal import N_, Refusal, refuse

MAX_ORIGINS = 10
MAX_LENGTH = 200
# scheme://host[:port], the host's labels letters, digits and hyphens, a leading "*." allowed.
_ORIGIN = re.compile(r"(https?)://(\*\.)?[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})*(:[0-9]{1,5})?")


def origin_error(origin: str) -> Refusal | None:
    """Why ``origin`` is not a site that may embed the big screen, or None when it is."""
    if len(origin) > MAX_LENGTH or not _ORIGIN.fullmatch(origin):
        return refuse(
            N_(
                "'{origin}' is not a site's address: write its origin alone, as "
                "https://webtv.example.org, without a path."
            ),
            origin=origin[:60],
        )
    port = origin.rpartition(":")[2]
    if origin.count(":") == 2 and not 0 < int(port) < 65536:
        return refuse(N_("'{origin}' has no such port."), origin=origin[:60])
    return None


def set_embedding(command: SetEmbedding, now: datetime) -> tuple[EmbeddingSet] | Refusal:
    """The event that names the sites (lower-cased, each once, in the order given)."""
    origins = tuple(dict.fromkeys(o.strip().lower().rstrip("/") for o in command.origins))
    if len(origins) > MAX_ORIGINS:
        return refuse(N_("At most {count} sites may embed the big screen."), count=MAX_ORIGINS)
    for origin in origins:
        error = origin_error(origin)
        if error is not None:
            return error
    return (EmbeddingSet(at=now, origins=origins),)
