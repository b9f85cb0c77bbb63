"""A meeting room for tests: a plan, a clock the test moves, and the log so far."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from podium.meeting.balance import PLAIN, Grouping
from podium.meeting.commands import Command, OpenMeeting, register
from podium.meeting.decide import Refusal, create_meeting, decide
from podium.meeting.events import Event
from podium.meeting.plan import Plan, Segment
from podium.meeting.state import MeetingState, evolve, replay
from podium.meeting.words import CHAIR, SECRETARIAT, Actor

START = datetime(2024, 4, 15, 13, 0, tzinfo=UTC)

# The 2024 panel's programme, as the concept note has it.
PANEL = Plan(
    title="Global cooperation in science, technology and innovation for development",
    questions=(
        "What are the main challenges?",
        "How can cooperation help?",
        "What should the Commission recommend?",
    ),
    segments=(
        Segment("Introduction of the report", "secretariat", minutes_max=10),
        Segment(
            "Panelists' presentations", "panelist", speakers=2, minutes_max=15, per_speaker=True
        ),
        Segment(
            "Discussants", "discussant", speakers=2, minutes_min=5, minutes_max=7, per_speaker=True
        ),
        Segment("Interventions from the room", "participant", minutes_max=3, per_speaker=True),
        Segment("Interactive discussion", "participant"),
    ),
)
INTRO, PANELISTS, DISCUSSANTS, FLOOR, DISCUSSION = range(5)


class Room:
    """Sends commands as someone at the time on the clock; keeps state and log in step."""

    def __init__(self, plan: Plan = PANEL, *, opened: bool = True) -> None:
        self.now = START
        self.log: list[Event] = list(create_meeting(plan, self.now))
        self.state: MeetingState = replay(self.log)
        # How participants are counted by group (``balance.Grouping``); the service's has
        # the reference data.
        self.groups: Grouping = PLAIN
        if opened:
            self.ok(OpenMeeting())

    def wait(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    def send(self, command: Command, by: Actor = CHAIR) -> tuple[Event, ...] | Refusal:
        result = decide(self.state, command, by, self.now, self.groups)
        if not isinstance(result, Refusal):
            for event in result:
                self.state = evolve(self.state, event)
            self.log.extend(result)
        return result

    def ok(self, command: Command, by: Actor = CHAIR) -> tuple[Event, ...]:
        result = self.send(command, by)
        assert not isinstance(result, Refusal), result.reason
        return result

    def refused(self, command: Command, by: Actor = CHAIR) -> str:
        result = self.send(command, by)
        assert isinstance(result, Refusal), f"{command} was carried out: {result}"
        return result.reason

    def add(self, name: str, **fields: object) -> str:
        (event,) = self.ok(register(name=name, **fields), SECRETARIAT)  # type: ignore[arg-type]
        return event.participant_id  # type: ignore[union-attr]

    def queue(self) -> list[tuple[str, str]]:
        """The list of speakers as (name, kind), in the order it will be heard."""
        names = self.state.participants
        return [(names[r.participant_id].name, r.kind) for r in self.state.queue]


def participant(participant_id: str) -> Actor:
    return Actor("participant", participant_id)
