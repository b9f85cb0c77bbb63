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
from functools import cache

from podium.conceptnote import durations, vocabulary
from podium.i18n import _
from podium.meeting.plan import ROLES, ClassLimit, Role, Segment
from podium.meeting.words import FLOOR_CLASSES, FloorClass

_ROLE_MARK = re.compile(r"\[role:\s*([a-z-]+)\]", re.I)
# What stands between a time rule and the words around it.
_RULE_SEPARATORS = " \t.,;:)"
_TIE_SEPARATORS = " \t,;:–—-"
# A sentence ends at a stop and a space before a capital, or at the stop of a script
# without capitals.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ\u0400-\u042f“\"(‘'¿¡«])|(?<=[。？！؟])\s*")
_QUESTION_MARKS = ("?", "？", "؟")
_PARENTHESIS = re.compile(r"\(([^()]*)\)")
# A clause longer than this is prose, not a part of the programme: it is not read as one.
CLAUSE_MAX = 1500


@dataclass(frozen=True)
class _Words:
    """One language's programme words, compiled."""

    cues: tuple[tuple[Role, re.Pattern[str]], ...]
    weak: tuple[tuple[Role, re.Pattern[str]], ...]
    discussion: re.Pattern[str]
    plural: dict[str, re.Pattern[str]]
    count: re.Pattern[str]
    numbers: dict[str, float]
    plural_people: re.Pattern[str]
    speeches: re.Pattern[str]
    activity: re.Pattern[str]
    rule_start: re.Pattern[str]
    lead: re.Pattern[str]
    article: re.Pattern[str]
    clause: re.Pattern[str]
    abbreviation: re.Pattern[str]
    rule_tail: re.Pattern[str]
    tie: re.Pattern[str]
    slot: re.Pattern[str]
    rounds: re.Pattern[str]
    share: re.Pattern[str]
    one_speaker: re.Pattern[str]
    lists_parts: re.Pattern[str]
    ends_list: re.Pattern[str]
    joins: re.Pattern[str]
    per_round: re.Pattern[str]
    then: re.Pattern[str]


@cache
def _words(language: str) -> _Words:
    def words(key: str) -> str:
        return vocabulary.source(language, "roles", f"words.{key}")

    cues: list[tuple[Role, re.Pattern[str]]] = []
    weak: list[tuple[Role, re.Pattern[str]]] = []
    for table, into in (("cues", cues), ("weak", weak)):
        for role in vocabulary.keys(language, f"roles.{table}"):
            if role in ROLES:
                found = vocabulary.pattern(language, "roles", f"{table}.{role}")
                into.append((role, found))  # type: ignore[arg-type]
    plural = {
        role: vocabulary.pattern(language, "roles", f"plural.{role}")
        for role in vocabulary.keys(language, "roles.plural")
    }
    numbers = vocabulary.numbers(language)
    spelled = "|".join(re.escape(w) for w in sorted(numbers, key=len, reverse=True)[:80])
    each = vocabulary.source(language, "units", "each")
    total = vocabulary.source(language, "units", "total")
    tie = vocabulary.source(language, "units", "tie")
    join = vocabulary.source(language, "units", "range_join")
    minute = vocabulary.source(language, "units", "minute", start=False)
    hour = vocabulary.source(language, "units", "hour", start=False)
    return _Words(
        cues=tuple(cues),
        weak=tuple(weak),
        discussion=re.compile(words("discussion"), re.I),
        plural=plural,
        count=re.compile(rf"(?<![\w.])(\d{{1,2}}|{spelled})\s*{words('people')}", re.I),
        numbers=numbers,
        plural_people=re.compile(words("plural_people"), re.I),
        speeches=re.compile(words("speeches"), re.I),
        activity=re.compile(words("activity"), re.I),
        rule_start=re.compile(rf"^{words('rule_start')}", re.I),
        lead=re.compile(rf"^{words('lead')}[,:]?\s*", re.I),
        article=re.compile(rf"^{words('articles')}\s+", re.I),
        clause=re.compile(rf"\s?[,;]\s+(?={words('clause')})", re.I),
        abbreviation=re.compile(rf"(?<!\w){words('abbreviations')}\.$", re.I),
        rule_tail=re.compile(rf"(?:{each}|{total})?", re.I),
        tie=re.compile(rf"(?:^|\s){tie}$", re.I),
        one_speaker=re.compile(words("one_speaker"), re.I),
        lists_parts=re.compile(words("lists_parts"), re.I),
        ends_list=re.compile(rf"[,;，]\s*{words('ends_list')}", re.I),
        joins=re.compile(rf"\s*[,;，；、]\s*(?:{words('and')}\s+)?|\s+{words('and')}\s+", re.I),
        rounds=re.compile(
            rf"(?<!\w)(\d|{spelled})\s+({vocabulary.source(language, 'units', 'rounds')})", re.I
        ),
        per_round=re.compile(
            rf"^{words('per_round')}\s+{vocabulary.source(language, 'units', 'rounds')}[,:]?\s*",
            re.I,
        ),
        then=re.compile(rf"[,;，；]\s+{words('and')}\s+|[;；]\s*", re.I),
        share=re.compile(
            rf"(?<![\d.])(\d{{1,3}})(?:\s*{minute})?\s+{tie}\s+([^,;:.]{{1,80}})", re.I
        ),
        slot=re.compile(
            rf"^\s*(\d{{1,2}}) ?[.:h] ?(\d{{2}})\s*(?:-|–|—|{join})\s*(\d{{1,2}}) ?[.:h] ?(\d{{2}})"
            rf"\s*(?:{hour}|h)?\s*[:–—-]?\s*",
            re.I,
        ),
    )


@dataclass(frozen=True)
class Reading:
    """A segment read from one clause or item, and what could not be read in it."""

    segment: Segment
    problem: str | None = None


def sentences(text: str, language: str = "en") -> list[str]:
    """Split prose into sentences, keeping "H.E. Mr. Smith" and "10 min. each" whole."""
    abbreviation = _words(language).abbreviation
    joined: list[list[str]] = []
    for piece in _SENTENCE_END.split(text):
        # A sentence that ends on an abbreviation ("Mr.") goes on with the next piece.
        if joined and abbreviation.search(joined[-1][-1][-24:]):
            joined[-1].append(piece)
        else:
            joined.append([piece])
    return [s for s in (" ".join(pieces).strip() for pieces in joined) if s]


def is_question(sentence: str) -> bool:
    return sentence.rstrip(' )”"»').endswith(_QUESTION_MARKS)


def role_of(text: str, language: str = "en") -> Role:
    if mark := _ROLE_MARK.search(text):
        named = mark.group(1).lower()
        if named in ROLES:
            return named  # type: ignore[return-value]
    words = _words(language)
    for role, cue in words.cues:
        if cue.search(text):
            return role
    for role, cue in words.weak:
        if cue.search(text):
            # "Presentations by experts and discussion": a discussion with the speakers named
            # only loosely is the floor's.
            if role != "participant" and words.discussion.search(text):
                return "participant"
            return role
    return "other"


def count_of(word: str, language: str = "en") -> int | None:
    """The number a word or figure says ("3", "three", "trois")."""
    if word.isdigit():
        return int(word)
    value = _words(language).numbers.get(word.lower())
    return int(value) if value is not None else None


def speakers_of(text: str, role: Role, language: str = "en") -> int | None:
    words = _words(language)
    if match := words.count.search(text):
        return count_of(match.group(1), language)
    if words.one_speaker.search(text):
        return 1
    plural = words.plural.get(role)
    # A role named by a "[role: ...]" mark says nothing about how many speak.
    if plural is not None and not plural.search(text) and not _ROLE_MARK.search(text):
        return 1
    return None


def _strip_rule(text: str, found: durations.Duration | None, language: str) -> str:
    """The text without its time rule: the parenthesis holding it, or the words at the end."""
    words = _words(language)
    for _round in range(4):
        for paren in _PARENTHESIS.finditer(text):
            inside = paren.group(1)
            if (
                (found and paren.start() <= found.span[0] < paren.end())
                or words.count.fullmatch(inside.strip())
                or _ROLE_MARK.search(paren.group(0))
            ):
                text = text[: paren.start()].rstrip() + text[paren.end() :]
                found = durations.find_duration(text, language)
                break
        else:
            break
    if found and words.rule_tail.fullmatch(text[found.span[1] :].strip(_RULE_SEPARATORS)):
        head = text[: found.span[0]]
        trimmed = head.rstrip(_TIE_SEPARATORS)
        if trimmed == head:
            # The time is not set apart from the words before it: nothing to cut.
            return head
        return words.tie.sub("", trimmed).rstrip(_TIE_SEPARATORS)
    return text


def title_of(text: str, language: str = "en") -> str:
    words = _words(language)
    text = _ROLE_MARK.sub("", text)
    text = words.slot.sub("", text)
    text = " ".join(text.split()) if len(text) < CLAUSE_MAX else text
    text = _strip_rule(text, durations.find_duration(text, language), language)
    previous = None
    for _round in range(8):
        if previous == text:
            break
        previous = text
        text = words.lead.sub("", text.strip())
        text = words.article.sub("", text)
    text = text.strip().rstrip(".,;:–—。，、 ").strip()
    return text[:1].upper() + text[1:]


def slot_minutes(text: str, language: str = "en") -> float | None:
    """The minutes of a time slot the text starts with ("10.00–10.15 Opening" gives 15)."""
    if not (slot := _words(language).slot.match(text)):
        return None
    h1, m1, h2, m2 = (int(g) for g in slot.groups())
    minutes = (h2 * 60 + m2) - (h1 * 60 + m1)
    return float(minutes) if minutes > 0 else None


# A purpose set before a rule ("To allow the widest participation, interventions …") is short.
_LEAD_IN = 80


def _opens_with_rule(text: str, language: str) -> bool:
    """Whether a clause is a rule of speaking time ("Speaking time is …"), perhaps after the
    purpose it serves ("To allow the widest participation, interventions should not exceed")."""
    rule_start = _words(language).rule_start
    if rule_start.match(text):
        return True
    head, comma, rest = text[:CLAUSE_MAX].partition(", ")
    return (
        bool(comma)
        and len(head) <= _LEAD_IN
        and durations.find_duration(head, language) is None
        and bool(rule_start.match(rest))
    )


def read_clause(text: str, *, listed: bool, language: str = "en") -> Reading | None:
    """One segment from a clause or list item; None when it is not a part of the programme."""
    if len(text) > CLAUSE_MAX:
        return None
    words = _words(language)
    role = role_of(text, language)
    found = durations.find_duration(text, language)
    unreadable = found is None and durations.mentions_time(text, language)
    if not listed and role == "other" and not found and not words.activity.search(text):
        return None
    title = title_of(text, language)
    if not title:
        return None
    minutes_min = found.minutes_min if found else None
    minutes_max = found.minutes_max if found else slot_minutes(text, language)
    if durations.says_total(text, language):
        per_speaker = False
    else:
        per_speaker = durations.says_each(text, language) or bool(
            found and words.plural_people.search(text) and words.speeches.search(text)
        )
    if role == "other" and found and _opens_with_rule(text, language):
        # "Speaking time is 2 minutes for all": the floor's rule.
        role, per_speaker = "participant", True
    by_class = class_limits_of(text, language)
    if by_class:
        per_speaker = True
        unclassed = [d for d in durations.find_durations(text, language) if d not in by_class[1]]
        minutes_max = (
            unclassed[0].minutes_max if unclassed else max(c.minutes_max for c in by_class[0])
        )
        minutes_min = None
    segment = Segment(
        title=title,
        role=role,
        speakers=speakers_of(text, role, language),
        minutes_min=minutes_min,
        minutes_max=minutes_max,
        per_speaker=per_speaker and (minutes_min is not None or minutes_max is not None),
        class_limits=by_class[0] if by_class else (),
        source=text,
    )
    problem = (
        _("could not read the speaking time in '{text}'").format(text=text) if unreadable else None
    )
    return Reading(segment, problem)


# The classes of the floor, each looked for before the next ("observer States" are observers).
_CLASS_ORDER: tuple[FloorClass, ...] = ("observer", "stakeholder", "member-state")


def class_limits_of(
    text: str, language: str = "en"
) -> tuple[tuple[ClassLimit, ...], list[durations.Duration]] | None:
    """Limits by class of speaker ("3 minutes for member States, 2 minutes for observers")."""
    found = durations.find_durations(text, language)
    limits: dict[FloorClass, ClassLimit] = {}
    used: list[durations.Duration] = []
    for i, duration in enumerate(found):
        end = found[i + 1].span[0] if i + 1 < len(found) else len(text)
        after = text[duration.span[1] : end][:80]
        if duration.minutes_max is None:
            continue
        for floor_class in _CLASS_ORDER:
            pattern = vocabulary.pattern(language, "roles", f"words.{floor_class}")
            if (match := pattern.search(after)) and floor_class not in limits:
                limits[floor_class] = ClassLimit(floor_class, duration.minutes_max)
                used.append(duration)
                # The words are the class's: "observer States" are not member States.
                after = after[: match.start()] + after[match.end() :]
    if not limits or (len(limits) == 1 and len(found) == 1):
        return None
    ordered = tuple(limits[c] for c in FLOOR_CLASSES if c in limits)
    return ordered, used


def rounds_of(text: str, language: str = "en") -> list[Segment] | None:
    """The segments of rounds ("two slots of 60 minutes each: 45 for the floor, 15 for the
    panel's answers" gives the floor 45 and the panel 15 minutes, twice)."""
    words = _words(language)
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
    words = _words(language)
    if len(text) > CLAUSE_MAX or not (found := words.rounds.search(text)):
        return None
    count = count_of(found.group(1), language)
    if count is None or not 1 < count <= 6:
        return None
    name = found.group(2).rstrip("s").capitalize() if language == "en" else found.group(2)
    return count, name


def _speaker_role(text: str, language: str) -> Role:
    """The role named first in a clause: who speaks ("States … ask the panellists questions")."""
    words = _words(language)
    first: tuple[int, Role] | None = None
    for role, cue in (*words.cues, *words.weak):
        if (found := cue.search(text)) and (first is None or found.start() < first[0]):
            first = (found.start(), role)
    return first[1] if first else "participant"


def per_round(text: str, count: int, name: str, language: str = "en") -> list[Segment] | None:
    """The segments of each round a sentence describes ("In each slot, States make statements
    and ask questions, and the panellists then respond"), once for every round."""
    words = _words(language)
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
    words = _words(language)
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


def parse_item(text: str, language: str = "en") -> Segment | None:
    """The segment a single programme item gives (the writer checks its lines with this)."""
    reading = read_clause(text, listed=True, language=language)
    return reading.segment if reading else None


def is_rule(reading: Reading, previous: Segment | None, *, listed: bool, language: str) -> bool:
    """Whether a clause only sets the rule of the segment before it."""
    if previous is None or reading.segment.role != previous.role:
        return False
    if not listed:
        return True
    segment = reading.segment
    return bool(_words(language).rule_start.match(segment.source)) and segment.per_speaker


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
    split = _words(language).clause
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
