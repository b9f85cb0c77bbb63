"""One part of the programme read from one clause or item, in the note's language.

"Then panelists will make their presentations (maximum 15 minutes each)." gives
the panelists' segment with its limit per speaker; "- Opening remarks by the
Chair (5 minutes)" the Chair's. The role, the number of speakers, the limits
(by class of speaker too) and the title come from the language tables' words
(``[roles]``, ``[units]``); ``podium.conceptnote.prose`` reads a section with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
def words_of(language: str) -> _Words:
    """One language's programme words, compiled once."""

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
    abbreviation = words_of(language).abbreviation
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
    words = words_of(language)
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
    value = words_of(language).numbers.get(word.lower())
    return int(value) if value is not None else None


def speakers_of(text: str, role: Role, language: str = "en") -> int | None:
    words = words_of(language)
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
    words = words_of(language)
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
    words = words_of(language)
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
    if not (slot := words_of(language).slot.match(text)):
        return None
    h1, m1, h2, m2 = (int(g) for g in slot.groups())
    minutes = (h2 * 60 + m2) - (h1 * 60 + m1)
    return float(minutes) if minutes > 0 else None


# A purpose set before a rule ("To allow the widest participation, interventions …") is short.
_LEAD_IN = 80


def _opens_with_rule(text: str, language: str) -> bool:
    """Whether a clause is a rule of speaking time ("Speaking time is …"), perhaps after the
    purpose it serves ("To allow the widest participation, interventions should not exceed")."""
    rule_start = words_of(language).rule_start
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
    words = words_of(language)
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


def parse_item(text: str, language: str = "en") -> Segment | None:
    """The segment a single programme item gives (the writer checks its lines with this)."""
    reading = read_clause(text, listed=True, language=language)
    return reading.segment if reading else None
