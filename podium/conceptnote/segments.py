"""The programme: a note's Format or Programme section read as ordered segments.

Prose ("Then panelists will make their presentations (maximum 15 minutes
each).") is read clause by clause; a programme list ("- Opening remarks by
the Chair (5 minutes)") item by item. A sentence that only limits the
speakers of the segment before it ("Interventions from participants ...
maximum 3 minutes each") sets that segment's rule instead of adding one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from podium.conceptnote import durations
from podium.i18n import _
from podium.meeting.plan import ROLES, Role, Segment

# Order matters: the first role whose cue appears wins.
_ROLE_CUES: tuple[tuple[Role, re.Pattern[str]], ...] = (
    (
        "participant",
        re.compile(
            r"\binteractive\b|\bfloor\b|\bopen\s+discussion\b|\bq\s*&\s*a\b|"
            r"\bquestions?\s+and\s+answers?\b|\bdelegations?\b|\bstatements?\s+from\b|"
            r"\b(?:moderated|general|open)\s+(?:discussion|debate|dialogue)\b",
            re.I,
        ),
    ),
    ("keynote", re.compile(r"\bkeynote", re.I)),
    ("discussant", re.compile(r"\bdiscussants?\b", re.I)),
    ("panelist", re.compile(r"\bpanell?ists?\b|\bpanel\s+(?:discussion|members?)\b", re.I)),
    ("secretariat", re.compile(r"\bsecretariat\b", re.I)),
    ("moderator", re.compile(r"\bmoderat(?:or|ors|ed|es|ing)\b", re.I)),
    ("co-chair", re.compile(r"\bco-?chair", re.I)),
    ("chair", re.compile(r"\b(?:vice-)?chair(?:person|man|woman)?\b", re.I)),
    ("panelist", re.compile(r"\b(?:speakers|ministers|presenters|experts)\b", re.I)),
    ("participant", re.compile(r"\bparticipants?\b|\baudience\b|\bmember\s+states\b", re.I)),
)
_SINGULAR_ROLES: dict[str, re.Pattern[str]] = {
    "chair": re.compile(r"\bchairs\b|\bchairpersons\b", re.I),
    "co-chair": re.compile(r"\bco-?chairs\b", re.I),
    "moderator": re.compile(r"\bmoderators\b", re.I),
    "keynote": re.compile(
        r"\bkeynote\s+(?:speakers|addresses|speeches|presentations)\b|\bkeynotes\b", re.I
    ),
}
_ROLE_MARK = re.compile(r"\s*\[role:\s*([a-z-]+)\]", re.I)
_PEOPLE = (
    r"(?:(?:high-level|lead|keynote|invited|expert|eminent)\s+)*"
    r"(?:panell?ists|discussants|speakers?|presenters|experts|ministers)\b"
)
_COUNT = re.compile(
    rf"\b(\d{{1,2}}|{'|'.join(list(durations.NUMBER_WORDS)[:12])})\s+{_PEOPLE}", re.I
)
_PLURAL_PEOPLE = re.compile(
    r"\b(?:panell?ists|discussants|speakers|participants|delegations|delegates|ministers|presenters)\b",
    re.I,
)
_SPEECHES = re.compile(
    r"\b(?:interventions|presentations|statements|remarks|contributions)\b", re.I
)
_ACTIVITY = re.compile(
    r"\b(?:presentations?|remarks|address|statements?|interventions?|discussion|debate|dialogue|"
    r"introduction|introductory|opening|closing|briefing|exchange|break|q\s*&\s*a|wrap-up)\b",
    re.I,
)
_RULE_START = re.compile(
    r"^(?:interventions|statements|contributions|each|speakers|all\s+speakers|delegations)\b", re.I
)
_LEAD = re.compile(
    r"^(?:then|next|thereafter|afterwards|subsequently|finally|lastly|first(?:ly)?|second(?:ly)?|"
    r"after\s+which|after\s+that|before|and|followed\s+by|"
    r"(?:this|it|which)\s+will\s+be\s+followed\s+by|"
    r"(?:the|this)\s+(?:[\w-]+\s+){0,3}will\s+(?:begin|open|start|continue|conclude|close|end)\s+with|"
    r"(?:will\s+)?(?:begin|open|start|conclude|close)\s+with)\b[,:]?\s*",
    re.I,
)
_RULE_TAIL = re.compile(r"[\s.,;:]*(?:each|per\s+\w+|in\s+total)?[\s.,;:)]*", re.I)
_ARTICLE = re.compile(r"^(?:the|an|a)\s+", re.I)
_SLOT = re.compile(
    r"^\s*(\d{1,2})[.:h](\d{2})\s*(?:-|–|—|to)\s*(\d{1,2})[.:h](\d{2})\s*(?:hrs?\.?)?\s*[:–—-]?\s*"
)
_CLAUSE = re.compile(
    r"(?:,|;)\s+(?=(?:before|after\s+which|followed\s+by|and\s+then|after\s+that)\b)"
)
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|Amb|approx|min|mins|vs|etc|e\.g|i\.e|H\.E|U\.S|a\.m|p\.m))\.$"
)


@dataclass(frozen=True)
class Reading:
    """A segment read from one clause or item, and what could not be read in it."""

    segment: Segment
    problem: str | None = None


def sentences(text: str) -> list[str]:
    """Split prose into sentences, keeping "H.E. Mr. Smith" and "10 min. each" whole."""
    pieces = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"(‘'])", text)
    joined: list[str] = []
    for piece in pieces:
        if joined and _ABBREVIATIONS.search(joined[-1]):
            joined[-1] += " " + piece
        else:
            joined.append(piece)
    return [s.strip() for s in joined if s.strip()]


def role_of(text: str) -> Role:
    if mark := _ROLE_MARK.search(text):
        named = mark.group(1).lower()
        if named in ROLES:
            return named  # type: ignore[return-value]
    for role, cue in _ROLE_CUES:
        if cue.search(text):
            return role
    return "other"


def speakers_of(text: str, role: Role) -> int | None:
    if match := _COUNT.search(text):
        word = match.group(1).lower()
        return int(word) if word.isdigit() else int(durations.NUMBER_WORDS[word])
    plural = _SINGULAR_ROLES.get(role)
    # A role named by a "[role: ...]" mark says nothing about how many speak.
    if plural is not None and not plural.search(text) and not _ROLE_MARK.search(text):
        return 1
    return None


def _strip_rule(text: str, found: durations.Duration | None) -> str:
    """The text without its time rule: the parenthesis holding it, or the words at the end."""
    for paren in re.finditer(r"\s*\(([^()]*)\)", text):
        inside = paren.group(1)
        if (
            (found and paren.start() <= found.span[0] < paren.end())
            or _COUNT.fullmatch(inside.strip())
            or _ROLE_MARK.search(paren.group(0))
        ):
            text = text[: paren.start()] + text[paren.end() :]
            return _strip_rule(text, durations.find_duration(text))
    if found and _RULE_TAIL.fullmatch(text[found.span[1] :]):
        head = text[: found.span[0]]
        return re.sub(r"[\s,;:–—-]+(?:for|of|lasting|in)?\s*$", "", head)
    return text


def title_of(text: str) -> str:
    text = _ROLE_MARK.sub("", text)
    text = _SLOT.sub("", text)
    text = _strip_rule(text, durations.find_duration(text))
    previous = None
    while previous != text:
        previous = text
        text = _LEAD.sub("", text.strip())
        text = _ARTICLE.sub("", text)
    text = text.strip().rstrip(".,;:–— ").strip()
    return text[:1].upper() + text[1:]


def _slot_minutes(text: str) -> float | None:
    if not (slot := _SLOT.match(text)):
        return None
    h1, m1, h2, m2 = (int(g) for g in slot.groups())
    minutes = (h2 * 60 + m2) - (h1 * 60 + m1)
    return float(minutes) if minutes > 0 else None


def read_clause(text: str, *, listed: bool) -> Reading | None:
    """One segment from a clause or list item; None when it is not a part of the programme."""
    role = role_of(text)
    found = durations.find_duration(text)
    unreadable = found is None and durations.mentions_time(text)
    if not listed and role == "other" and not found and not _ACTIVITY.search(text):
        return None
    title = title_of(text)
    if not title:
        return None
    minutes_min = found.minutes_min if found else None
    minutes_max = found.minutes_max if found else _slot_minutes(text)
    if durations.says_total(text):
        per_speaker = False
    else:
        per_speaker = durations.says_each(text) or bool(
            found and _PLURAL_PEOPLE.search(text) and _SPEECHES.search(text)
        )
    segment = Segment(
        title=title,
        role=role,
        speakers=speakers_of(text, role),
        minutes_min=minutes_min,
        minutes_max=minutes_max,
        per_speaker=per_speaker and (minutes_min is not None or minutes_max is not None),
        source=text,
    )
    problem = (
        _("could not read the speaking time in '{text}'").format(text=text) if unreadable else None
    )
    return Reading(segment, problem)


def parse_item(text: str) -> Segment | None:
    """The segment a single programme item gives (the writer checks its lines with this)."""
    reading = read_clause(text, listed=True)
    return reading.segment if reading else None


def _is_rule(reading: Reading, previous: Segment | None, *, listed: bool) -> bool:
    if previous is None or reading.segment.role != previous.role:
        return False
    if not listed:
        return True
    segment = reading.segment
    return bool(_RULE_START.match(segment.source)) and segment.per_speaker


def _merge(previous: Segment, rule: Segment) -> Segment:
    timed = rule.minutes_min is not None or rule.minutes_max is not None
    return replace(
        previous,
        speakers=previous.speakers if previous.speakers is not None else rule.speakers,
        minutes_min=rule.minutes_min if timed else previous.minutes_min,
        minutes_max=rule.minutes_max if timed else previous.minutes_max,
        per_speaker=rule.per_speaker if timed else previous.per_speaker,
        source=f"{previous.source} {rule.source}",
    )


@dataclass(frozen=True)
class Part:
    """A piece of a Format section: a paragraph or a list item, with its line and indentation."""

    text: str
    line: int
    listed: bool
    indent: int = 0


def read_segments(parts: list[Part]) -> tuple[list[Segment], list[tuple[int, str]]]:
    """The segments of a Format or Programme section, and (line, message) for what was unclear."""
    found: list[Segment] = []
    problems: list[tuple[int, str]] = []
    base_indent: int | None = None
    for part in parts:
        if part.listed:
            if base_indent is None:
                base_indent = part.indent
            if part.indent > base_indent and found:
                # A sub-item under a programme item names one of its speakers.
                last = found[-1]
                found[-1] = replace(last, speakers=(last.speakers or 0) + 1)
                continue
            clauses = [part.text]
        else:
            clauses = [c for s in sentences(part.text) for c in _CLAUSE.split(s) if c.strip()]
        for clause in clauses:
            reading = read_clause(clause.strip(), listed=part.listed)
            if reading is None:
                continue
            if reading.problem:
                problems.append((part.line, reading.problem))
            previous = found[-1] if found else None
            if previous is not None and _is_rule(reading, previous, listed=part.listed):
                found[-1] = _merge(previous, reading.segment)
            else:
                found.append(reading.segment)
    return found, problems
