"""A Format or Programme section read as ordered segments, clause by clause or item by item.

A sentence that only limits the speakers of the segment before it ("Interventions from
participants ... maximum 3 minutes each") sets that segment's rule instead of adding one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from podium.conceptnote.segments import Reading, read_clause, sentences, words_of
from podium.conceptnote.turns import listed_parts, per_round, role_parts, round_count, rounds_of
from podium.meeting.plan import Segment


def is_rule(reading: Reading, previous: Segment | None, *, listed: bool, language: str) -> bool:
    """Whether a clause only sets the rule of the segment before it."""
    if previous is None or reading.segment.role != previous.role:
        return False
    if not listed:
        return True
    segment = reading.segment
    return bool(words_of(language).rule_start.match(segment.source)) and segment.per_speaker


def merge_rule(previous: Segment, rule: Segment) -> Segment:
    timed = rule.minutes_min is not None or rule.minutes_max is not None
    return replace(
        previous,
        speakers=previous.speakers if previous.speakers is not None else rule.speakers,
        minutes_min=rule.minutes_min if timed else previous.minutes_min,
        minutes_max=rule.minutes_max if timed else previous.minutes_max,
        per_speaker=rule.per_speaker if timed else previous.per_speaker,
        source=f"{previous.source} {rule.source}",
    )


def clauses_of(text: str, language: str = "en") -> list[str]:
    """The clauses of a paragraph of prose, sentence by sentence."""
    split = words_of(language).clause
    return [c.strip() for s in sentences(text, language) for c in split.split(s) if c.strip()]


@dataclass(frozen=True)
class Part:
    """A piece of a Format section: a paragraph or a list item, with its line and indentation."""

    text: str
    line: int
    listed: bool
    indent: int = 0


def read_segments(
    parts: list[Part], language: str = "en"
) -> tuple[list[Segment], list[tuple[int, str]]]:
    """The segments of a Format or Programme section, and (line, message) for what was unclear."""
    found: list[Segment] = []
    problems: list[tuple[int, str]] = []
    base_indent: int | None = None
    # Rounds a sentence announces ("divided into two slots"), for the sentence that says what
    # happens in each: their count, name and the segment the announcing sentence gave.
    pending: tuple[int, str, int | None] | None = None
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
            clauses = clauses_of(part.text, language)
        for clause in clauses:
            if (rounds := rounds_of(clause, language)) is not None:
                found.extend(rounds)
                continue
            if pending is not None and (rounds := per_round(clause, *pending[:2], language)):
                if pending[2] is not None:
                    del found[pending[2]]
                found.extend(rounds)
                pending = None
                continue
            if not part.listed and (listed := listed_parts(clause, language)) is not None:
                for piece in listed:
                    if (reading := read_clause(piece, listed=True, language=language)) is not None:
                        found.append(reading.segment)
                continue
            if part.listed and (turns := role_parts(clause, language)) is not None:
                # "- Lead discussants (5 minutes each), responses, then the floor": each in turn.
                theme, pieces = turns
                for piece in pieces:
                    if (reading := read_clause(piece, listed=True, language=language)) is not None:
                        title = reading.segment.title
                        found.append(
                            replace(reading.segment, title=f"{theme}: {title}" if theme else title)
                        )
                continue
            reading = read_clause(clause.strip(), listed=part.listed, language=language)
            if reading is None:
                continue
            if reading.problem:
                problems.append((part.line, reading.problem))
            previous = found[-1] if found else None
            if previous is not None and is_rule(
                reading, previous, listed=part.listed, language=language
            ):
                found[-1] = merge_rule(previous, reading.segment)
                given = None
            else:
                found.append(reading.segment)
                given = len(found) - 1
            if not part.listed and (counted := round_count(clause, language)) is not None:
                pending = (*counted, given)
    return found, problems
