"""A simulated high-level panel, run through the real core into a real event log.

The 2024 CSTD panel from its concept note: the secretariat's introduction,
four panelists, then the floor: 30 requests from 25 delegations across
regions and development groups (member States, an observer State, UN
entities, civil society, business, academia; some online), a point of order,
a right of reply, three withdrawals, two requests still waiting when the
meeting ends, and most interventions tagged with guiding questions and notes.

Everything is fixed: the clock starts at 15.00 Geneva time and moves only
when the script says so; every choice comes from a seeded generator. The
script keeps its own account (who spoke how long, who was tagged with what)
so that tests can check the record against it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from podium.conceptnote.reader import read_note
from podium.meeting.commands import (
    CloseList,
    CloseMeeting,
    Command,
    EndSegment,
    EndSpeech,
    ExtendSpeech,
    GiveFloor,
    OpenMeeting,
    PauseSpeech,
    RequestFloor,
    ResumeSpeech,
    StartSegment,
    TagIntervention,
    WithdrawRequest,
    register,
)
from podium.meeting.decide import Refusal, create_meeting, decide
from podium.meeting.events import Event, FloorGiven, FloorRequested
from podium.meeting.plan import Plan
from podium.meeting.state import MeetingState, evolve, initial_state
from podium.meeting.words import CHAIR, SECRETARIAT, Actor
from podium.store import EventStore
from podium.wire import encode_event
from tests.conftest import PANEL_2024

START = datetime(2024, 4, 15, 13, 0, tzinfo=UTC)  # 15.00 in Geneva
SEED = 27

# name, role, delegation, country, organisation, stakeholder, observer, gender, channel, segment
Entry = tuple[str, str, str | None, str | None, str | None, str, bool, str, str, int | None]

# name | role | delegation | country | organisation | stakeholder | observer | gender | channel
# | segment (a programme speaker's)
_PROGRAMME = """
Ms. Liping Zhang|secretariat|||CSTD secretariat|un-entity||female|room|0
Prof. Amina Diallo|panelist||SN|Université Cheikh Anta Diop|academia||female|room|1
Mr. Tomás Ferreira|panelist||PT|Ministry of Science of Portugal|government||male|room|1
Dr. Ana Maria Quispe|panelist||BO|Andean Innovation Network|civil-society||female|online|1
Mr. Kenji Sato|panelist||JP|Global Tech Alliance|business||male|room|1
"""
_DELEGATIONS = """
Mr. Rahman|participant|Bangladesh|BD||government||male|room
Ms. Tadesse|participant|Ethiopia|ET||government||female|online
Mr. Shrestha|participant|Nepal|NP||government||male|online
Ms. Ndiaye|participant|Senegal|SN||government||female|room
Mr. Abenov|participant|Kazakhstan|KZ||government||male|room
Ms. Benítez|participant|Paraguay|PY||government||female|room
Mr. Campbell|participant|Jamaica|JM||government||male|online
Ms. Vunipola|participant|Fiji|FJ||government||female|online
Mr. Oliveira|participant|Brazil|BR||government||male|room
Ms. Li|participant|China|CN||government||female|room
Mr. Iyer|participant|India|IN||government||male|room
Ms. Wanjiku|participant|Kenya|KE||government||female|room
Mr. Nkosi|participant|South Africa|ZA||government||male|room
Ms. Hassan|participant|Egypt|EG||government||female|room
Mr. Santos|participant|Philippines|PH||government||male|room
Ms. Weber|participant|Germany|DE||government||female|room
Mr. Tanaka|participant|Japan|JP||government||male|room
Ms. Miller|participant|United States of America|US||government||female|room
Mr. Keller|participant|Switzerland|CH||government||male|room
Ms. Khalil|participant|State of Palestine|PS||government|observer|female|room
Mr. Dubois|participant|||UNESCO|un-entity||male|room
Ms. Okafor|participant|||International Telecommunication Union|un-entity||female|room
Mx. Rivera|participant|||Third World Network|civil-society||other|online
Mr. Laurent|participant|||International Chamber of Commerce|business||male|room
Prof. Mokoena|participant||ZA|University of Cape Town|academia||female|room
"""


def _entries(table: str) -> tuple[Entry, ...]:
    entries = []
    for line in table.strip().splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        cells += [""] * (10 - len(cells))
        name, role, delegation, country, organisation, stakeholder, observer = cells[:7]
        gender, channel, segment = cells[7:]
        entries.append(
            (
                name,
                role,
                delegation or None,
                country or None,
                organisation or None,
                stakeholder,
                observer == "observer",
                gender,
                channel,
                int(segment) if segment else None,
            )
        )
    return tuple(entries)


PROGRAMME = _entries(_PROGRAMME)
DELEGATIONS = _entries(_DELEGATIONS)

NOTES = (
    "Called for regional STI foresight centres open to developing countries.",
    "Stressed open access to publicly funded research.",
    "Proposed that the CSTD map existing cooperation programmes.",
    "Described a national programme for digital skills in schools.",
    "Asked how private finance can reach early-stage innovators.",
    "Shared lessons from a South-South technology transfer partnership.",
    "Urged support for research networks in the least developed countries.",
    "Noted the gender gap in STI careers.",
)

WITHDRAWING = ("Switzerland", "Paraguay", "International Telecommunication Union")
POINT_OF_ORDER = "Egypt"
REPLY = ("United States of America", "China")  # after the first speaks, the second replies
SECOND_ROUND = ("question", "statement", "question")  # three already heard ask again
STILL_WAITING = 2


def who(entry: Entry) -> str:
    """How the script names a participant: the delegation, else the organisation."""
    return entry[2] or entry[4] or entry[0]


class PanelError(AssertionError):
    """The core refused a step of the script: the script or the core is wrong."""


@dataclass
class Panel:
    """The meeting as run, and the script's own account of it."""

    meeting_id: str
    plan: Plan
    store: EventStore
    state: MeetingState = field(default_factory=initial_state)
    now: datetime = START
    events: list[Event] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)  # who (delegation or name) -> id
    spoken: dict[int, float] = field(default_factory=dict)  # intervention -> seconds
    tagged: dict[int, set[str]] = field(default_factory=dict)  # question -> participant ids
    requests: int = 0  # from the delegations (not the programme, not the panel's responses)
    withdrawn: set[int] = field(default_factory=set)
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))

    def do(self, command: Command, by: Actor = CHAIR, after: float = 0.0) -> tuple[Event, ...]:
        self.now += timedelta(seconds=after)
        decision = decide(self.state, command, by, self.now)
        if isinstance(decision, Refusal):
            raise PanelError(f"{command!r} refused: {decision.reason}")
        self.store.append(self.meeting_id, self.state.seq, [encode_event(e) for e in decision])
        for event in decision:
            self.state = evolve(self.state, event)
        self.events.extend(decision)
        return decision

    @property
    def floor_seconds(self) -> float:
        return sum(self.spoken.values())

    def register(self, entry: Entry) -> None:
        (
            name,
            role,
            delegation,
            country,
            organisation,
            stakeholder,
            observer,
            gender,
            channel,
            seg,
        ) = entry
        (added,) = self.do(
            register(
                name=name,
                role=role,
                delegation=delegation,
                country=country,
                organisation=organisation,
                stakeholder=stakeholder,  # type: ignore[arg-type]
                observer=observer,
                gender=gender,  # type: ignore[arg-type]
                channel=channel,  # type: ignore[arg-type]
                segment=seg,
            ),
            by=SECRETARIAT,
            after=20,
        )
        self.ids[who(entry)] = added.participant_id  # type: ignore[union-attr]

    def ask(self, who: str, kind: str = "statement", by: Actor | None = None) -> int:
        pid = self.ids[who]
        actor = by or Actor("participant", pid)
        events = self.do(
            RequestFloor(
                kind=kind,  # type: ignore[arg-type]
                participant_id=None if by is None else pid,
            ),
            by=actor,
            after=self.rng.uniform(2, 9),
        )
        (request,) = events
        assert isinstance(request, FloorRequested)
        return request.request_id

    def speak(self, request_id: int | None, seconds: float, *, pause: bool = False) -> int:
        """Gives the floor, lets the speaker talk ``seconds`` (a pause excluded), tags, ends."""
        given = next(
            e
            for e in self.do(GiveFloor(request_id=request_id), after=self.rng.uniform(3, 12))
            if isinstance(e, FloorGiven)
        )
        if pause:
            first = seconds / 2
            self.do(PauseSpeech(), after=first)
            self.do(ResumeSpeech(), after=25)
            self.do(EndSpeech(), after=seconds - first)
        else:
            self.do(EndSpeech(), after=seconds)
        self.spoken[given.intervention_id] = seconds
        if self.rng.random() < 0.85:
            count = len(self.plan.questions)
            questions = sorted(self.rng.sample(range(1, count + 1), self.rng.choice((1, 1, 2))))
            note = self.rng.choice((*NOTES, ""))
            self.do(
                TagIntervention(
                    intervention_id=given.intervention_id, questions=tuple(questions), note=note
                ),
                by=SECRETARIAT,
                after=4,
            )
            for q in questions:
                self.tagged.setdefault(q, set()).add(given.participant_id)
        return given.intervention_id

    def next_from_floor(self) -> int:
        """The first request in the list that is not a panelist's response."""
        return next(r.id for r in self.state.queue if r.kind != "response")

    def waiting_from_floor(self) -> int:
        return sum(1 for r in self.state.queue if r.kind not in ("response", "right-of-reply"))


def run_panel(store: EventStore, meeting_id: str = "cstd27-panel") -> Panel:
    """Runs the whole panel into ``store`` and returns the script's account of it."""
    plan = read_note(PANEL_2024)
    panel = Panel(meeting_id=meeting_id, plan=plan, store=store)
    (created,) = create_meeting(plan, START - timedelta(hours=2))
    store.append(meeting_id, 0, [encode_event(created)])
    panel.state = evolve(panel.state, created)
    panel.events.append(created)
    panel.now = created.at
    for entry in (*PROGRAMME, *DELEGATIONS):
        panel.register(entry)

    panel.now = START
    panel.do(OpenMeeting())
    rng = panel.rng

    # The secretariat introduces the report.
    panel.do(StartSegment(segment=0), after=30)
    panel.speak(None, 9 * 60 + 12)
    panel.do(EndSegment(), after=5)

    # The panelists, with one pause (a sound problem online) and one extension.
    panel.do(StartSegment(segment=1), after=10)
    for n in range(4):
        given = panel.state.queue[0].id
        if n == 2:
            panel.do(GiveFloor(request_id=given), after=8)
            panel.do(ExtendSpeech(seconds=120), after=14 * 60)
            panel.do(EndSpeech(), after=3 * 60 + 40)
            panel.spoken[panel.state.history[-1].id] = 14 * 60 + 3 * 60 + 40
            continue
        panel.speak(given, rng.uniform(11 * 60, 16 * 60), pause=n == 1)
    panel.do(EndSegment(), after=5)

    # The floor.
    panel.do(StartSegment(segment=2), after=15)
    order = list(DELEGATIONS)
    rng.shuffle(order)
    mine: dict[str, int] = {}
    for entry in order:
        mine[who(entry)] = panel.ask(who(entry))
        panel.requests += 1
    for name in WITHDRAWING:
        panel.do(WithdrawRequest(request_id=mine[name]), by=Actor("participant", panel.ids[name]))
        panel.withdrawn.add(mine[name])

    heard = 0
    replied = False
    responses: list[int] = []
    while panel.waiting_from_floor() > STILL_WAITING:
        request = panel.next_from_floor()
        speaker = panel.state.request(request)
        panel.speak(request, rng.uniform(100, 230))
        heard += 1
        if heard == 5:
            panel.ask(POINT_OF_ORDER, "point-of-order")
            panel.requests += 1
            assert panel.state.queue[0].kind == "point-of-order"
            panel.speak(panel.state.queue[0].id, 45)
        if speaker is not None and speaker.participant_id == panel.ids[REPLY[0]] and not replied:
            panel.ask(REPLY[1], "right-of-reply")
            panel.requests += 1
            replied = True
        if heard == 9:
            names = {pid: name for name, pid in panel.ids.items()}
            again = [names[i.participant_id] for i in panel.state.history if i.segment == 2]
            for name, kind in zip(dict.fromkeys(again), SECOND_ROUND, strict=False):
                panel.ask(name, kind)
                panel.requests += 1
            for entry in PROGRAMME[1:]:
                responses.append(panel.ask(who(entry), "response", by=SECRETARIAT))
        if heard == 14:
            panel.do(CloseList(), after=5)

    # Rights of reply come after every statement: the Chair takes it before the panel answers.
    reply = next(r.id for r in panel.state.queue if r.kind == "right-of-reply")
    panel.speak(reply, 70)
    # The panelists answer, then the Chair closes with two delegations still waiting.
    for request in responses:
        panel.speak(request, rng.uniform(90, 200))
    panel.do(CloseMeeting(), after=20)
    return panel
