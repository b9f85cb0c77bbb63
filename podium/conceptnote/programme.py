"""The programme of a note: one list of segments, from the best source the note gives.

A programme table, an order of the day's agenda items, or a programme written
as a list (or as headings under an empty Programme heading) is the programme;
failing those, the note's lists of people under their labels ("Chair",
"Panellists") or described in prose; failing those, the modalities prose read
clause by clause, with its labelled paragraphs of people in place. The prose
then only adds what the programme lacks (a limit per speaker, the floor's
limit, limits by class of speaker, a label's limit), never a second copy of a
segment.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from podium.conceptnote.agenda import agenda_segments
from podium.conceptnote.blocks import Element
from podium.conceptnote.people import (
    groups_in,
    labelled,
    named_in_prose,
    names_in,
    people_role,
    presides,
    speakers_in,
    tells_participation,
)
from podium.conceptnote.programme_table import Problems, table_segments, with_people
from podium.conceptnote.prose import Part, read_segments
from podium.conceptnote.segments import read_clause, role_of, speakers_of
from podium.meeting.plan import Segment


@dataclass(frozen=True)
class Source:
    """A section that may hold the programme: a Format section, or a list of people."""

    heading: Element
    kind: Literal["format", "people", "agenda"]
    blocks: tuple[Element, ...]


def _item_segments(items: list[Element], language: str) -> tuple[list[Segment], Problems]:
    """A programme written as a list; a sub-item, or a list after a label, names its people."""
    found: list[Segment] = []
    problems: Problems = []
    base = min(e.level for e in items)
    listing: set[int] = set()
    for element in items:
        if element.level > base and found:
            last = found[-1]
            listing.add(len(found) - 1)
            names = names_in(element.text, language, loose=True)
            if names:
                found[-1] = with_people(last, [*last.names, *names])
            else:
                found[-1] = replace(last, speakers=(last.speakers or 0) + 1)
            continue
        segments, trouble = read_segments(
            [Part(element.text, element.line, True, element.level)], language
        )
        problems.extend(trouble)
        for segment in segments:
            groups = groups_in(element.text, language)
            label = next((g for g in groups if g.label is not None), None)
            names = [n for g in groups for n in g.names]
            if label is not None and label.role is not None and segment.role != label.role:
                # "Moderator: … allocates time to the panelists": the label says whose item it is;
                # a role named later in the item does not.
                opens = element.text.lstrip(" \t-•·*–").startswith(label.label or "")
                if segment.role == "other" or opens:
                    role = label.role
                    segment = replace(
                        segment, role=role, speakers=speakers_of(element.text, role, language)
                    )
            found.append(with_people(segment, names))
    for i in listing:
        if found[i].role == "other" and (found[i].speakers or 0) >= 2:
            # Statements by the several speakers listed under an item: they speak as a panel.
            found[i] = replace(found[i], role="panelist")
    return found, problems


def _people_segments(source: Source, language: str) -> list[Segment]:
    heading = source.heading.text
    text = "\n".join(e.text for e in source.blocks)
    groups = groups_in(text, language, loose=True)
    labelled = [g for g in groups if g.label is not None and g.role is not None]
    if labelled and (len(labelled) >= 2 or people_role(heading, language) is None):
        # "Chair: …", "Opening statement: …", "Moderator: …" under one heading.
        return [
            Segment(
                title=g.label or heading,
                role=g.role or "other",
                speakers=len(g.names) or None,
                names=g.names,
                source=f"{g.label}: {'; '.join(g.names)}",
            )
            for g in labelled
        ]
    paragraphs = [e for e in source.blocks if e.kind == "paragraph"]
    if (
        paragraphs
        and len(paragraphs) == len(source.blocks)
        and not names_in(text, language)
        and not tells_participation(heading, text, language)
    ):
        # "Each round table is co-chaired by two Chairs … selects up to four panellists …":
        # people described in prose, part by part.
        described, _unclear = read_segments(
            [Part(e.text, e.line, False) for e in paragraphs], language
        )
        if len(described) >= 2:
            return described
    segment = _people_segment(source, language)
    return [segment] if segment is not None else []


def _people_segment(source: Source, language: str) -> Segment | None:
    heading = source.heading.text
    role = people_role(heading, language) or role_of(heading, language)
    text = "\n".join(e.text for e in source.blocks)
    if role == "other" and tells_participation(heading, text, language):
        role = "participant"
    names = names_in(text, language, loose=True)
    speakers = speakers_in(text, language, loose=True)
    if role == "other" and not names:
        return None
    segment = Segment(
        title=heading,
        role=role,
        speakers=speakers_of(heading, role, language) if not names else None,
        source=f"{heading}: {' '.join(text.split())}",
    )
    return with_people(segment, names, speakers)


def _label_segments(element: Element, language: str) -> list[Segment]:
    """The people a paragraph lists under its labels ("Opening: H.E. Mr. …", "Panellists:
    Ms. …"), one segment a label; none when it does not open with a label of people."""
    text = "\n".join(line for _n, line in element.lines)
    found = labelled(text, language)
    if not found or not text.lstrip().startswith(found[0][0]):
        return []
    out: list[Segment] = []
    for label, role, words in found:
        names = tuple(names_in(words, language, loose=True))
        if not names:
            return []
        if (
            role == "keynote"
            and len(names) == 1
            and role_of(label, language) != "keynote"
            and presides(words, language)
        ):
            # "Opening: H.E. Mr. …, President of the Council": the one who presides opens.
            role = "chair"
        source = f"{label}: {' '.join(words.split())}"
        out.append(Segment(title=label, role=role, speakers=len(names), names=names, source=source))
    return out


def _prose_segments(paragraphs: list[Element], language: str) -> tuple[list[Segment], Problems]:
    """The segments of a Format section's paragraphs: prose clause by clause, a paragraph of
    labelled people label by label, in the order the note gives them."""
    found: list[Segment] = []
    problems: Problems = []
    waiting: list[Part] = []
    for element in [*paragraphs, None]:
        people = _label_segments(element, language) if element is not None else []
        if element is not None and not people:
            waiting.append(Part(element.text, element.line, False))
            continue
        segments, trouble = read_segments(waiting, language)
        found.extend(segments)
        problems.extend(trouble)
        found.extend(people)
        waiting = []
    return found, problems


def _apply_rules(programme: list[Segment], rules: list[Segment]) -> list[Segment]:
    """The prose's limits given to the programme's segments of the same role that lack them."""
    out = list(programme)
    ruled: set[int] = set()
    for rule in rules:
        timed = rule.minutes_max is not None or rule.minutes_min is not None
        if not (timed and (rule.per_speaker or rule.class_limits)):
            continue
        for i, segment in enumerate(out):
            if i in ruled or segment.role != rule.role or segment.per_speaker:
                continue
            out[i] = replace(
                segment,
                minutes_min=rule.minutes_min,
                minutes_max=rule.minutes_max,
                per_speaker=rule.per_speaker,
                class_limits=rule.class_limits or segment.class_limits,
                speakers=segment.speakers if segment.speakers is not None else rule.speakers,
            )
            ruled.add(i)
            break
    return out


def _label_rules(sources: list[Source], language: str) -> list[tuple[str, Segment]]:
    """The limits a list of people sets under a label ("Lead discussants: … a maximum of
    5 minutes each"), with the label."""
    rules: list[tuple[str, Segment]] = []
    for source in sources:
        if source.kind != "people":
            continue
        text = "\n".join(e.text for e in source.blocks)
        for label, role, words in labelled(text, language):
            reading = read_clause(words, listed=True, language=language)
            if reading is None:
                continue
            rule = reading.segment
            if rule.minutes_max is not None or rule.minutes_min is not None:
                rules.append((label, replace(rule, role=role)))
    return rules


def _apply_label_rules(programme: list[Segment], rules: list[tuple[str, Segment]]) -> list[Segment]:
    """A label's limit goes to the segments its words name ("…: lead discussants"), or failing
    those to the first of its role without a limit; a count goes only to a single segment."""
    out = list(programme)
    for label, rule in rules:
        free = [
            i
            for i, s in enumerate(out)
            if s.role == rule.role and s.minutes_max is None and s.minutes_min is None
        ]
        named = [i for i in free if label.casefold() in out[i].title.casefold()]
        targets = named or free[:1]
        for i in targets:
            segment = out[i]
            out[i] = replace(
                segment,
                minutes_min=rule.minutes_min,
                minutes_max=rule.minutes_max,
                per_speaker=rule.per_speaker,
                speakers=rule.speakers
                if segment.speakers is None and len(targets) == 1
                else segment.speakers,
            )
    return out


def read_programme(sources: list[Source], language: str) -> tuple[list[Segment], Problems]:
    """The note's one programme, and (line, message) for what could not be read in it."""
    formats = [s for s in sources if s.kind == "format"]
    blocks = [e for s in formats for e in s.blocks]
    tables = [e for e in blocks if e.kind == "table"]
    items = [e for e in blocks if e.kind == "item"]
    prose = [Part(e.text, e.line, False) for e in blocks if e.kind == "paragraph"]
    problems: Problems = []
    programme: list[Segment] = []
    if tables:
        for table in tables:
            segments, trouble = table_segments(table, language)
            programme.extend(segments)
            problems.extend(trouble)
    agenda = [e for s in sources if s.kind == "agenda" for e in s.blocks]
    if not programme and agenda:
        programme = agenda_segments(agenda, language)
    if not programme and items:
        programme, problems = _item_segments(items, language)
    listing = [s for s in sources if s.kind == "people" and not _says_who_takes_part(s, language)]
    people = _floor_once([p for s in listing for p in _people_segments(s, language)])
    if not programme:
        programme, problems = _prose_segments(
            [e for e in blocks if e.kind == "paragraph"], language
        )
        if not programme and not people:
            # Only a Participation section says how the meeting runs: the floor's part.
            said = [s for s in sources if s.kind == "people" and s not in listing]
            return [p for s in said for p in _people_segments(s, language)][:1], problems
        if people and len(people) >= len(programme):
            # The lists of people are the programme; the prose only says how it runs, and
            # what part the floor takes after them when no list gives the floor's part.
            return _apply_rules(people, programme) + _floor_after(people, programme), []
        return _opened_by(_named(programme, people), prose, language), problems
    rules, _unclear = read_segments(prose, language)
    programme = _apply_label_rules(_apply_rules(programme, rules), _label_rules(sources, language))
    return _named(_known_roles(programme, people), people), problems


def _opened_by(programme: list[Segment], prose: list[Part], language: str) -> list[Segment]:
    """A Chair or moderator the prose names beside their role ("A professional moderator,
    Ms. Salina Abraham, facilitates an interactive discussion") opens the programme when no part
    of it is theirs."""
    leading: list[Segment] = []
    roles = {s.role for s in programme}
    for part in prose:
        for group in named_in_prose(part.text, language):
            if group.role in ("chair", "co-chair", "moderator") and group.role not in roles:
                roles.add(group.role)
                leading.append(
                    Segment(
                        title=(group.label or group.role).capitalize(),
                        role=group.role,
                        speakers=1,
                        names=group.names,
                        source=part.text,
                    )
                )
    return [*leading, *programme]


def _floor_after(people: list[Segment], prose: list[Segment]) -> list[Segment]:
    """The floor's part the prose describes ("then a discussion for Member States"), once,
    when the lists of people give none."""
    if any(s.role == "participant" for s in people):
        return []
    floor = [s for s in prose if s.role == "participant" and not s.names]
    return floor[:1]


def _says_who_takes_part(source: Source, language: str) -> bool:
    text = "\n".join(e.text for e in source.blocks)
    return tells_participation(source.heading.text, text, language)


def _floor_once(people: list[Segment]) -> list[Segment]:
    """The floor's part, as sections on people describe it, once: the first description."""
    floor = [i for i, s in enumerate(people) if s.role == "participant" and not s.names]
    return [s for i, s in enumerate(people) if i not in floor[1:]]


def _known_roles(programme: list[Segment], people: list[Segment]) -> list[Segment]:
    """A segment that names no role but whose speakers the note lists under one ("Convened by
    H.E. Ms. Mona Juul", then "Remarks by the President" given by her) is theirs."""
    roles: dict[str, set[str]] = {}
    for group in people:
        for name in group.names:
            roles.setdefault(" ".join(name.split()).casefold(), set()).add(group.role)
    out = list(programme)
    for i, segment in enumerate(out):
        if segment.role != "other" or not segment.names:
            continue
        found = [roles.get(" ".join(n.split()).casefold(), set()) for n in segment.names]
        shared = set.intersection(*found)
        if len(shared) == 1:
            out[i] = replace(segment, role=shared.pop())  # type: ignore[arg-type]
    return out


def _named(programme: list[Segment], people: list[Segment]) -> list[Segment]:
    """The names of the note's lists of people given to the segments of their role."""
    out = list(programme)
    for group in people:
        for i, segment in enumerate(out):
            if segment.role == group.role and not segment.names:
                out[i] = replace(segment, names=group.names, speakers=group.speakers)
                break
    return out
