"""Parts of the programme that one sentence or item gives in turn: rounds ("two slots of 60
minutes each: 45 for the floor, 15 for the panel's answers"; "divided into two slots. In each
slot, …"), roles given the floor in turn ("lead discussants (5 minutes each), responses from
Member States, then the floor") and parts listed in a sentence ("The meeting consists of an
opening segment and an interactive panel discussion")."""

from __future__ import annotations

import re

from podium.conceptnote.segments import CLAUSE_MAX, count_of, role_of, title_of, words_of
from podium.meeting.plan import Role, Segment

_PARENTHESIS = re.compile(r"\(([^()]*)\)")


def rounds_of(text: str, language: str = "en") -> list[Segment] | None:
    """The segments of rounds ("two slots of 60 minutes each: 45 for the floor, 15 for the
    panel's answers" gives the floor 45 and the panel 15 minutes, twice)."""
    words = words_of(language)
    if len(text) > CLAUSE_MAX or not (found := words.rounds.search(text)):
        return None
    count = count_of(found.group(1), language)
    shares = list(words.share.finditer(text, found.end()))
    if count is None or not 1 < count <= 6 or len(shares) < 2:
        return None
    name = found.group(2).rstrip("s").capitalize() if language == "en" else found.group(2)
    out: list[Segment] = []
    for n in range(1, count + 1):
        for share in shares:
            what = share.group(2).strip()
            role = role_of(what, language)
            out.append(
                Segment(
                    title=f"{name} {n}: {what}",
                    role=role if role != "other" else "participant",
                    minutes_max=float(share.group(1)),
                    source=text,
                )
            )
    return out


def round_count(text: str, language: str = "en") -> tuple[int, str] | None:
    """How many rounds a sentence cuts the time into ("divided into two slots"), and their name."""
    words = words_of(language)
    if len(text) > CLAUSE_MAX or not (found := words.rounds.search(text)):
        return None
    count = count_of(found.group(1), language)
    if count is None or not 1 < count <= 6:
        return None
    name = found.group(2).rstrip("s").capitalize() if language == "en" else found.group(2)
    return count, name


def _speaker_role(text: str, language: str) -> Role:
    """The role named first in a clause: who speaks ("States … ask the panellists questions")."""
    words = words_of(language)
    first: tuple[int, Role] | None = None
    for role, cue in (*words.cues, *words.weak):
        if (found := cue.search(text)) and (first is None or found.start() < first[0]):
            first = (found.start(), role)
    return first[1] if first else "participant"


def per_round(text: str, count: int, name: str, language: str = "en") -> list[Segment] | None:
    """The segments of each round a sentence describes ("In each slot, States make statements
    and ask questions, and the panellists then respond"), once for every round."""
    words = words_of(language)
    if len(text) > CLAUSE_MAX or not (found := words.per_round.match(text)):
        return None
    parts = [p.strip() for p in words.then.split(text[found.end() :]) if p.strip()]
    if len(parts) < 2:
        return None
    return [
        Segment(
            title=f"{name} {n}: {title_of(part, language)}",
            role=_speaker_role(part, language),
            source=text,
        )
        for n in range(1, count + 1)
        for part in parts
    ]


def _outside_parentheses(text: str) -> list[str]:
    """The pieces of a text between its commas and semicolons, but for those in parentheses."""
    pieces: list[str] = []
    depth = start = 0
    for i, char in enumerate(text):
        if char in "([（":
            depth += 1
        elif char in ")]）":
            depth = max(0, depth - 1)
        elif char in ",;，；" and depth == 0:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


# A part of a row that lists roles in turn is a few words, not a sentence.
_PART_WORDS = 10


def role_parts(text: str, language: str = "en") -> tuple[str, list[str]] | None:
    """The theme and the parts of an item that gives the floor to several roles in turn
    ("Theme: lead discussants (up to 5 minutes each), responses from Member States, then the
    floor"); None when the item is one part of the programme."""
    if len(text) > CLAUSE_MAX:
        return None
    theme, colon, series = text.rpartition(": ")
    if not colon:
        theme, series = "", text
    parts = _outside_parentheses(" ".join(series.split()))
    if len(parts) < 2:
        return None
    roles = [role_of(part, language) for part in parts]
    bare = [_PARENTHESIS.sub("", part) for part in parts]
    if "other" in roles or len(set(roles)) < 2 or any(len(b.split()) > _PART_WORDS for b in bare):
        return None
    return title_of(theme, language) if theme else "", parts


def listed_parts(clause: str, language: str = "en") -> list[str] | None:
    """The parts of the programme a sentence lists ("The meeting consists of an opening segment
    and an interactive panel discussion, during which …"); None when it lists none."""
    words = words_of(language)
    if len(clause) > CLAUSE_MAX or not (found := words.lists_parts.search(clause)):
        return None
    listing = clause[found.end() :]
    if end := words.ends_list.search(listing):
        listing = listing[: end.start()]
    parts = [p.strip() for p in words.joins.split(listing.strip().rstrip(".。")) if p.strip()]
    if len(parts) < 2 or any(len(p.split()) > _PART_WORDS // 2 for p in parts):
        return None
    if not all(words.activity.search(p) or role_of(p, language) != "other" for p in parts):
        return None
    return parts
