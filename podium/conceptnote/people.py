"""The people a programme names: "Ms. Rita Izsák, Special Rapporteur …" gives "Ms. Rita Izsák".

Lists of people come as bullets, as lines of a table cell, as a semicolon
list ("Panellists: A, Minister …; B, Director …") or under labels ("Chair: …
Statements: … Keynote address: …"). A name is the words before the first
comma or parenthesis of a line that starts with a form of address, or whose
words are mostly capitalised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from podium.conceptnote import vocabulary
from podium.meeting.plan import ROLES, Role

_NAME_END = re.compile(r"\s*(?:,|،|\(|（|–|—|\s-\s|:)")
# A list of people is read this far, a person's line this far: no programme holds more.
_TEXT_MAX = 20_000
_PIECE_MAX = 300
_PIECES = re.compile(r"\n|;\s*|；")
# The title of a part run before the person who gives it ("Opening of the session: H.E. …").
_TITLE_BEFORE = re.compile(r"^[^\W\d][^:：\n]{0,80}?[:：]\s*")
# Particles that names carry in lower case ("Ursula von der Leyen", "Luiz Inácio Lula da Silva").
_PARTICLES = frozenset(
    {"de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "la", "le", "van"}
    | {"von", "der", "den", "ter", "al", "el", "bin", "ibn", "y", "e"}
)


@dataclass(frozen=True)
class Group:
    """People under one label ("Moderator:"), or under none."""

    label: str | None
    role: Role | None
    names: tuple[str, ...]


@cache
def _honorific(language: str) -> re.Pattern[str]:
    words = vocabulary.source(language, "roles", "words.honorifics", end=False)
    return re.compile(rf"^\s*{words}(?=[\s\w])", re.I)


@cache
def _suffixed(language: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """A name that a form of address follows ("英加·朗达·金阁下"), and the offices before it."""
    after = vocabulary.entries(language, "roles", "words.honorifics_after")
    if not after:
        return None
    words = vocabulary.source(language, "roles", "words.honorifics_after", start=False)
    offices = vocabulary.source(language, "roles", "words.offices", start=False, end=False)
    return re.compile(rf"[^\W\d_][\w·・]*?{words}"), re.compile(offices)


def _suffixed_name(piece: str, language: str) -> str | None:
    if (patterns := _suffixed(language)) is None:
        return None
    named, offices = patterns
    head = re.split(r"[，,（(、；;]", piece, maxsplit=1)[0]
    if (found := named.search(head)) is None:
        return None
    # "经济及社会理事会主席英加·朗达·金阁下": the office and body before the name are not its own.
    name = offices.split(found.group(0))[-1]
    return name if named.fullmatch(name) else None


@cache
def _introduction(language: str) -> re.Pattern[str]:
    words = vocabulary.source(language, "roles", "words.introduces", end=False)
    return re.compile(rf"^{words}\s+(?=\S)", re.I)


@cache
def _delegate(language: str) -> re.Pattern[str]:
    words = vocabulary.source(language, "roles", "words.delegates", end=False)
    return re.compile(rf"^\s*{words}", re.I)


def speaks_for_a_state(piece: str, language: str) -> bool:
    """Whether a line names a State's delegate ("Representative of Argentina"), not a person."""
    return bool(_delegate(language).match(piece.strip(" \t-•·*–")))


@cache
def _label(language: str) -> re.Pattern[str]:
    # "Moderator:" or "Keynote address:" at the start of a piece, or after a sentence's end.
    return re.compile(r"(?:^|(?<=[\n;.]))\s*([^\W\d][^:\n;]{1,40}?)\s*[:：]\s+", re.I)


def tells_participation(heading: str, text: str, language: str) -> bool:
    """Whether a section headed "Participation" says the floor takes part ("The round table is
    held among ministers and heads of delegation"): the floor's part of the programme."""
    if len(heading.split()) > 4 or len(text) > _TEXT_MAX:
        return False
    if not vocabulary.pattern(language, "roles", "words.participation").search(heading):
        return False
    floor = vocabulary.pattern(language, "roles", "cues.participant")
    return bool(floor.search(text))


def _one_role(words: str, language: str) -> Role | None:
    for role in vocabulary.keys(language, "roles.people"):
        found = vocabulary.pattern(language, "roles", f"people.{role}").fullmatch(words)
        if found and role in ROLES:
            return role  # type: ignore[return-value]
    return None


@cache
def _and(language: str) -> re.Pattern[str]:
    return re.compile(rf"\s+{vocabulary.source(language, 'roles', 'words.and')}\s+|\s*/\s*", re.I)


def people_role(text: str, language: str) -> Role | None:
    """The role a label of people gives ("Panellists" → panelist), if it is one; of a label
    naming two ("Moderator and Chairman"), the first."""
    words = " ".join(text.rstrip(" :：").split())
    if (role := _one_role(words, language)) is not None:
        return role
    parts = _and(language).split(words)
    if 1 < len(parts) <= 3:
        roles = [_one_role(p, language) for p in parts]
        if all(roles):
            return roles[0]
    return None


@cache
def _presides(language: str) -> re.Pattern[str]:
    return re.compile(vocabulary.source(language, "roles", "words.presides"), re.I)


def presides(text: str, language: str) -> bool:
    """Whether a person's line says they preside ("…, President of the Human Rights Council")."""
    return bool(_presides(language).search(text[:_PIECE_MAX]))


def _capitalised(words: list[str]) -> bool:
    named = [w for w in words if w.lower() not in _PARTICLES]
    capitals = sum(1 for w in named if w[:1].isupper())
    return 2 <= len(words) <= 6 and capitals == len(named) and capitals >= 2


def name_in(piece: str, language: str, *, loose: bool) -> str | None:
    """The person's name a line or piece starts with; ``loose`` takes capitalised words too."""
    piece = piece.strip(" \t-•·*–")
    if not piece or speaks_for_a_state(piece, language):
        return None
    # "Statement by Mr. Saad Hariri, …": the words of the speech go before a name
    # written with its form of address, not before "ministers" or "the Chair".
    introduced = _introduction(language).sub("", piece, count=1)
    if introduced[:1].isupper() and _honorific(language).match(introduced):
        piece = introduced
    titled = _TITLE_BEFORE.sub("", piece, count=1)
    if titled != piece and _honorific(language).match(titled):
        piece = titled
    honorific = _honorific(language).match(piece)
    head = _NAME_END.split(piece, maxsplit=1)[0].strip()
    if honorific:
        # "H.E. Mr. Harlem Désir, Minister …": the honorifics stay, as the note writes them.
        return head if len(head.split()) <= 9 else None
    if (suffixed := _suffixed_name(piece, language)) is not None:
        return suffixed
    if loose and _capitalised(head.split()) and head != piece.strip():
        return head
    return None


def names_in(text: str, language: str, *, loose: bool = False) -> list[str]:
    """Every person a text names, one per line or semicolon piece."""
    found: list[str] = []
    for piece in _PIECES.split(text[:_TEXT_MAX]):
        piece = piece[:_PIECE_MAX]
        # A line that names nobody is the wrapped tail of the one above, or a description.
        if (name := name_in(piece, language, loose=loose)) is not None:
            found.append(name)
    return found


def speakers_in(text: str, language: str, *, loose: bool = False) -> int:
    """How many speak in a list: each person named, and each State's delegate."""
    pieces = [p[:_PIECE_MAX] for p in _PIECES.split(text[:_TEXT_MAX])]
    delegates = sum(1 for p in pieces if speaks_for_a_state(p, language))
    return len(names_in(text, language, loose=loose)) + delegates


def labelled(text: str, language: str) -> list[tuple[str, Role, str]]:
    """Each label of people in a text, the role it gives and the words under it
    ("Lead discussants: 12 lead discussants, speaking for a maximum of 5 minutes each")."""
    text = text[:_TEXT_MAX]
    found: list[tuple[str, Role, str]] = []
    labels = [
        (m, role)
        for m in _label(language).finditer(text)
        if (role := people_role(m.group(1), language)) is not None
    ]
    for n, (match, role) in enumerate(labels):
        end = labels[n + 1][0].start() if n + 1 < len(labels) else len(text)
        found.append((match.group(1), role, text[match.end() : end].strip()))
    return found


@cache
def _honorific_anywhere(language: str) -> re.Pattern[str]:
    words = vocabulary.source(language, "roles", "words.honorifics", end=False)
    return re.compile(rf"(?<!\w){words}(?=[\s\w])", re.I)


def _leading_label(text: str, language: str) -> Group | None:
    """A label run into the name it introduces ("Convened by H.E. Ms. Mona Juul (Norway), …")."""
    found = _honorific_anywhere(language).search(text[:_PIECE_MAX])
    if found is None or found.start() == 0:
        return None
    label = text[: found.start()].strip()
    role = people_role(label, language)
    name = name_in(text[found.start() :], language, loose=False)
    if role is None or name is None:
        return None
    return Group(label, role, (name,))


# A role's words stand this close before the name they introduce ("A professional moderator, ").
_APPOSITION = 40


def named_in_prose(text: str, language: str) -> list[Group]:
    """People a sentence names beside their role ("A professional moderator, Ms. Salina
    Abraham, Chief of Staff of CIFOR-ICRAF, facilitates …")."""
    found: list[Group] = []
    text = text[:_TEXT_MAX]
    for match in _honorific_anywhere(language).finditer(text):
        before = text[max(0, match.start() - _APPOSITION) : match.start()]
        if not before.endswith((", ", "، ", "，")):
            continue
        words = before.rstrip(" ,،，").split()
        role = next(
            (
                r
                for n in (2, 1)
                if len(words) >= n and (r := people_role(" ".join(words[-n:]), language))
            ),
            None,
        )
        name = name_in(text[match.start() : match.start() + _PIECE_MAX], language, loose=False)
        if role is not None and name is not None:
            found.append(Group(" ".join(words[-1:]), role, (name,)))
    return found


def groups_in(text: str, language: str, *, loose: bool = False) -> list[Group]:
    """The people of a text, split at the labels that name their role ("Chair: …")."""
    found: list[Group] = []
    text = text[:_TEXT_MAX]
    labels = [
        m for m in _label(language).finditer(text) if people_role(m.group(1), language) is not None
    ]
    if not labels and (leading := _leading_label(text, language)) is not None:
        # "Chaired by H.E. Mr. …" on the first line: the names on the lines after are the rest's.
        _first, _newline, after = text.partition("\n")
        others = names_in(after, language, loose=loose)
        return [leading, Group(None, None, tuple(others))] if others else [leading]
    start = 0
    label: str | None = None
    for match in [*labels, None]:
        end = match.start() if match else len(text)
        chunk = text[start:end]
        names = names_in(chunk, language, loose=loose)
        role = people_role(label, language) if label else None
        if label is not None and role in ("chair", "moderator") and len(names) > 1:
            # One Chair or moderator per label; the names after theirs are the row's own.
            found.append(Group(label, role, tuple(names[:1])))
            found.append(Group(None, None, tuple(names[1:])))
        elif names or label is not None:
            found.append(Group(label, role, tuple(names)))
        if match:
            label = match.group(1)
            start = match.end()
    return found
