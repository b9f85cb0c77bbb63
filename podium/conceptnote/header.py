"""The facts a note gives about its meeting: body, session, kind and title, date, time, zone, venue.

The title block is read first; date, time, zone and venue are then looked for
in the whole note (see ``when``). What cannot be read is a Warning naming the
plan field it concerns.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Protocol

from podium.conceptnote import dates, stations, zones
from podium.conceptnote.languages import LANGUAGES, words
from podium.conceptnote.sessions import (
    find_kind_and_title,
    find_session,
    find_theme,
    titles,
    unquote,
)
from podium.conceptnote.when import DateChoice, Line, choose_date, read_when
from podium.meeting.plan import Warning


class Block(Protocol):
    """What the header reads of a block of the note (a heading, paragraph, item or table)."""

    @property
    def kind(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def line(self) -> int: ...


@cache
def _body_words() -> re.Pattern[str]:
    found = {w for table in titles().values() for w in table.get("bodies", [])}
    ordered = "|".join(re.escape(w) for w in sorted(found, key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:{ordered})(?![^\W\d_])", re.I)


@cache
def _venue_words(keys: tuple[str, ...] = ("rooms", "online", "buildings")) -> re.Pattern[str]:
    found: set[str] = set()
    for language in LANGUAGES:
        places = words(language).get("places", {})
        for key in keys:
            found.update(places.get(key, []))
    spaced = sorted((w for w in found if w[0] < "\u3000"), key=len, reverse=True)
    # Chinese words stand inside longer runs of characters, with no spaces around them.
    unspaced = sorted((w for w in found if w[0] >= "\u3000"), key=len, reverse=True)
    return re.compile(
        rf"(?<![^\W\d_])(?:{'|'.join(re.escape(w) for w in spaced)})(?![^\W\d_])"
        rf"|{'|'.join(re.escape(w) for w in unspaced)}",
        re.I,
    )


_NOT_TITLES = {"concept note", "draft concept note", "concept paper", "information note"}


@dataclass
class Header:
    body: str | None = None
    session_number: int | None = None
    session_title: str | None = None
    kind: str | None = None
    title: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    timezone: str | None = None
    venue: str | None = None
    problems: list[Warning] = field(default_factory=list)


def _lines(block: Block) -> list[tuple[int, str]]:
    """A block's lines with their numbers: a paragraph's own lines, a table's rows."""
    own = getattr(block, "lines", None)
    if own:
        # A PDF table's rows may carry no line of their own (0): they are on the block's.
        return [(int(n) or max(1, block.line), str(t)) for n, t in own]
    return [(block.line + i, row) for i, row in enumerate(block.text.split("\n")) if row.strip()]


@cache
def _label_pattern() -> re.Pattern[str]:
    labels: set[str] = {"date", "dates", "time", "date and time", "venue and room", "when"}
    for language in LANGUAGES:
        labels.update(w.lower() for w in words(language).get("places", {}).get("venue_labels", []))
    ordered = "|".join(re.escape(w) for w in sorted(labels, key=len, reverse=True))
    return re.compile(rf"^({ordered})\s{{0,2}}(?:and \w{{1,20}}\s?)?[:：]\s{{0,2}}(.*)$", re.I)


def _label(text: str) -> tuple[str, str] | None:
    """("venue", "Room XX") from "Venue: Room XX" or the table row "Venue | Room XX"."""
    if " | " in text:
        first, _sep, rest = text.partition(" | ")
        text = f"{first.rstrip(':：')}: {rest.replace(' | ', ', ')}"
    match = _label_pattern().match(text.strip())
    return (match.group(1).lower(), match.group(2).strip()) if match else None


def _is_venue_label(label: str) -> bool:
    return label not in {"date", "dates", "time", "date and time", "when"}


def _block_lines(blocks: list[list[tuple[int, str]]]) -> list[tuple[int, str]]:
    return [pair for block in blocks for pair in block]


def _session(header: Header, blocks: list[list[tuple[int, str]]], language: str) -> set[int]:
    used: set[int] = set()
    for b, block in enumerate(blocks):
        for i, (number, text) in enumerate(block):
            found = find_session(text, language)
            if found is None:
                continue
            header.session_number = found.number
            header.session_title = found.title[:1].upper() + found.title[1:].lower()
            used.add(number)
            prefix = text[: found.span[0]].strip(" ,;:–—-،")
            if prefix:
                header.body = prefix
            elif i > 0:
                header.body = block[i - 1][1]
                used.add(block[i - 1][0])
            elif b > 0 and blocks[b - 1]:
                header.body = blocks[b - 1][-1][1]
                used.add(blocks[b - 1][-1][0])
            return used
    return used


@cache
def _connector_at_end() -> re.Pattern[str]:
    words = {w for table in titles().values() for w in table.get("before_title", [])}
    ordered = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:(?<![^\W\d_])(?:{ordered})|[:：])\s{{0,2}}$", re.I)


@cache
def _theme_headings() -> frozenset[str]:
    return frozenset(w.lower() for table in titles().values() for w in table.get("theme", []))


def _theme(blocks: list[list[tuple[int, str]]]) -> tuple[int, str] | None:
    """ "Theme: “X”" on a line, or a "Theme" heading with the theme below it."""
    for b, block in enumerate(blocks):
        text = " ".join(t for _n, t in block)
        if block and (said := find_theme(text)):
            return block[0][0], said
        if block and b + 1 < len(blocks) and blocks[b + 1] and find_theme(f"{text}: x"):
            below = " ".join(t for _n, t in blocks[b + 1])
            heading = text.rstrip(" :：").lower()
            if heading in _theme_headings() and not dates.find_dates(below):
                return blocks[b + 1][0][0], unquote(below)
    for block in blocks:
        # A block that is one quotation ("«Esfuerzos regionales …»") is the theme.
        text = " ".join(t for _n, t in block).strip()
        if (
            len(text) > 2
            and text[0] in '“"«„「'
            and text[-1] in '”"»」'
            and not dates.find_dates(text)
        ):
            return block[0][0], unquote(text)
    return None


def _kind_and_title(
    header: Header,
    blocks: list[list[tuple[int, str]]],
    used: set[int],
    language: str,
    main: int | None = None,
) -> None:
    """``main``: the index of the note's level-1 heading, if it has one."""
    theme = _theme(blocks)
    for b, block in enumerate(blocks):
        lines = [(n, t) for n, t in block if n not in used]
        if not lines:
            continue
        joined = " ".join(t for _, t in lines)
        if (
            b == main
            and _titled(joined)
            and not _body_words().search(joined)
            and not find_kind_and_title(joined, language)
        ):
            # The note's main heading names no kind: it is the title, whatever a line below
            # it names ("High-level political forum on sustainable development, convened …").
            header.title = unquote(joined)
            used.update(n for n, _t in lines)
            break
        attempts = [(joined, lines)]
        if b + 1 < len(blocks) and _connector_at_end().search(joined):
            # "HIGH-LEVEL PANEL ON" / "“GLOBAL COOPERATION …”" as two blocks.
            following = [(n, t) for n, t in blocks[b + 1] if n not in used]
            attempts.append((" ".join(t for _, t in lines + following), lines + following))
        for text, taken in attempts:
            named = find_kind_and_title(text, language)
            if named and named[1] and dates.find_date(text) is None:
                header.kind, header.title = named
                used.update(n for n, _t in taken)
                if theme and not any(c in text for c in '“”"«»„「」'):
                    # "Panel on the question of X" / "Theme: “Y”": the theme is the title.
                    header.title = theme[1]
                    used.add(theme[0])
                return
    for number, text in _block_lines(blocks):
        alone = find_kind_and_title(text, language) if number not in used else None
        if alone and not alone[1]:
            header.kind = alone[0]
            if len(text.split()) <= len(alone[0].split()) + 1:
                used.add(number)  # the line names the kind alone ("Sesión de apertura")
            break
    if theme:
        header.title = theme[1]
        used.add(theme[0])


def _quoted_title_below(header: Header, lines: list[Line], date_line: Line | None) -> None:
    """A kind named alone in the title block, and the title on a line of its own below it."""
    for line in lines:
        if line.head or (date_line is not None and line.number >= date_line.number):
            continue
        named = find_kind_and_title(line.text)
        if named and named[1] and any(c in line.text for c in '“”"«»„「」'):
            header.title = named[1]
            return
        break


def _upper(text: str) -> bool:
    cased = [c for c in text if c.lower() != c.upper()]
    return bool(cased) and all(c.isupper() for c in cased)


def _titled(text: str) -> bool:
    return bool(text) and not dates.find_dates(text) and _label(text) is None


def _fallback_title(header: Header, blocks: list[list[tuple[int, str]]], used: set[int]) -> None:
    for b, block in enumerate(blocks):
        if any(n in used for n, _t in block):
            continue  # the rest of the body's or the session's block
        lines = list(block)
        text = " ".join(t for _, t in lines).strip()
        if not _titled(text) or text.lower().rstrip(":") in _NOT_TITLES:
            continue
        taken = [n for n, _t in lines]
        # An upper-case title wrapped over two lines, each read as a block of its own.
        while _upper(text) and b + 1 < len(blocks):
            following = [(n, t) for n, t in blocks[b + 1] if n not in used]
            more = " ".join(t for _, t in following).strip()
            if not (_titled(more) and _upper(more)) or stations.place_zone(more):
                break
            text, b = f"{text} {more}", b + 1
            taken.extend(n for n, _t in following)
        header.title = unquote(text)
        used.update(taken)
        return


def _venue_like(text: str) -> bool:
    if len(text) >= 120:
        return False  # a venue is a short line, and a long one is not worth searching
    return bool(_venue_words().search(text) or stations.place_zone(text))


def _spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` gives a date, a time or a zone."""
    found = [m.span for m in dates.find_dates(text)]
    with contextlib.suppress(dates.UnreadableTime):
        found.extend(t.span for t in dates.find_times(text))
    found.extend(z.span for z in zones.find_zones(text))
    return found


def _venue_part(text: str) -> str | None:
    """The venue in a piece of a line: from its first place on ("PLENARY MEETINGS, ROOM XX")."""
    chunks = re.split(r"\s[—–-]\s", text.strip(" ,;:–—-()（）"))
    for chunk in reversed(chunks):
        chunk = chunk.strip(" ,;:–—-()（）").rstrip(".")
        if not chunk or not _venue_like(chunk) or dates.find_dates(chunk):
            continue
        pieces = [p.strip() for p in re.split(r"[,，،]\s?", chunk)]
        first = next((i for i, p in enumerate(pieces) if p and _venue_like(p)), 0)
        return _without_clauses(pieces[first:])
    return None


def _no_place(piece: str) -> bool:
    """A clause after a venue that names no place: "with interpretation", "and online" (the
    way to join beside the room is no part of where the room is)."""
    if not piece or not piece[0].islower():
        return False
    if not _venue_like(piece):
        return True
    physical = _venue_words(("rooms", "buildings")).search(piece) or stations.place_zone(piece)
    return bool(_venue_words(("online",)).search(piece)) and not physical


def _cut_clauses(text: str) -> str:
    """A venue line up to a clause that is no place, its own commas kept."""
    for comma in re.finditer(r"[,，،]\s?", text):
        piece = re.split(r"[,，،]", text[comma.end() :])[0].strip()
        if _no_place(piece):
            return text[: comma.start()]
    return text


def _without_clauses(pieces: list[str]) -> str:
    """A venue's pieces up to a clause that is no place ("…, with interpretation in all
    languages", "…, and online")."""
    kept = pieces[:1]
    for piece in pieces[1:]:
        if _no_place(piece):
            break
        kept.append(piece)
    return ", ".join(p for p in kept if p)


def _tail(text: str) -> str | None:
    """The venue written after the date and time on their line ("…, 15.00, Room XX, Palais")."""
    for cell in text.split(" | "):
        spans = _spans(cell)
        tail = cell[max(end for _s, end in spans) :] if spans else cell
        if found := _venue_part(tail):
            return found
    return None


def _before_date(text: str) -> str | None:
    """The venue written before a date on its line ("Vienna, 22–26 May 2023")."""
    found = dates.find_dates(text)
    return _venue_part(text[: found[0].span[0]]) if found else None


def _only_when(text: str) -> bool:
    """A line that holds nothing but a time or a zone ("(UTC+3)")."""
    rest = text
    for start, end in sorted(_spans(text), reverse=True):
        rest = rest[:start] + rest[end:]
    return not re.sub(r"[\W_]", "", rest) or len(rest.strip(" ()")) < 3


def _near_date(
    lines: list[Line], choice: DateChoice, used: set[int]
) -> tuple[str, list[int]] | None:
    """The venue on the date's line, or on the lines just below it."""
    if tail := _tail(choice.line.text):
        return tail, []
    index = next(i for i, line in enumerate(lines) if line is choice.line)
    below = [line for line in lines[index + 1 : index + 5] if line.number not in used]
    found: list[Line] = []
    for line in below:
        if dates.find_dates(line.text) or _label(line.text):
            break
        if _only_when(line.text):
            continue
        same_block = line.block == choice.line.block and not found
        if line is choice.time_line or (_spans(line.text) and not _tail(line.text)):
            continue  # "Morning, 9.00 - 12.00 (1st meeting)", "15:00–18:00 (по венскому времени)"
        if not (_venue_like(line.text) or (same_block and _titled(line.text))):
            break
        found.append(line)
        if stations.place_zone(line.text, ("venue", "city")) or len(found) == 2:
            break  # a building or a city closes the venue; a room may come before it
    if not found:
        return None
    texts = [_cut_clauses(line.text.strip().rstrip(".")) for line in found]
    return ", ".join(texts), [n.number for n in found]


def _venue(header: Header, lines: list[Line], choice: DateChoice | None, used: set[int]) -> None:
    for want_head in (True, False):
        for line in lines:
            if line.head != want_head:
                continue
            label = _label(line.text)
            if label and _is_venue_label(label[0]) and label[1]:
                header.venue = _tail(label[1]) or label[1].rstrip(".")
                used.add(line.number)
                return
    if choice is not None and (near := _near_date(lines, choice, used)):
        header.venue = near[0]
        used.update(near[1])
        return
    for line in lines:
        head_venue = line.head and line.number not in used and _venue_like(line.text)
        if head_venue and not dates.find_dates(line.text) and (part := _tail(line.text)):
            header.venue = part
            used.add(line.number)
            return
    for line in lines:
        # The session's city ("Vienna, 22–26 May 2023") stands for a meeting whose hours are known.
        timed = choice is not None and choice.time is not None
        if timed and line.head and (part := _before_date(line.text)):
            header.venue = part
            return
    for line in lines:
        if not line.head and (places := stations.find_places(line.text, ("venue", "room"))):
            ordered = sorted(places[:2], key=lambda p: p.span[0])
            header.venue = ", ".join(p.words for p in ordered)
            return


def _body(header: Header, blocks: list[list[tuple[int, str]]], used: set[int]) -> None:
    for number, text in _block_lines(blocks):
        if (
            number not in used
            and len(text) < dates.LOOKED_AT
            and _body_words().search(text)
            and not text.endswith(".")
            and not dates.find_date(text)
        ):
            header.body = text.strip().rstrip(",;")
            used.add(number)
            return


def read_header(
    head_blocks: Sequence[Block], all_blocks: Sequence[Block], language: str = "en"
) -> Header:
    """What the note says of its meeting; ``problems`` holds what could not be read."""
    header = Header()
    blocks = [_lines(b) for b in head_blocks]
    head_ids = {id(b) for b in head_blocks}
    lines = [
        Line(number, text, True, index)
        for index, block in enumerate(blocks)
        for number, text in block
    ]
    for index, block in enumerate(all_blocks):
        if id(block) not in head_ids:
            lines.extend(
                Line(number, text, False, len(blocks) + index) for number, text in _lines(block)
            )
    used = _session(header, blocks, language)
    main = next(
        (
            i
            for i, b in enumerate(head_blocks)
            if b.kind == "heading" and getattr(b, "level", 0) == 1
        ),
        None,
    )
    _kind_and_title(header, blocks, used, language, main)
    choice = choose_date(lines)
    _venue(header, lines, choice, used)
    when = read_when(lines, choice, header.venue)
    header.start, header.end, header.timezone = when.start, when.end, when.timezone
    header.problems.extend(when.problems)
    if choice is not None:
        used.add(choice.line.number)
        if choice.time_line is not None:
            used.add(choice.time_line.number)
    if header.body is None and header.session_title is None:
        _body(header, blocks, used)
    if header.kind is not None and header.title is None:
        _quoted_title_below(header, lines, choice.line if choice else None)
    if header.title is None:
        _fallback_title(header, blocks, used)
    return header
