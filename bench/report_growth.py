"""How the report's cost grows with the meeting: every format at 200, 2,000 and 20,000 events.

    .venv/bin/python bench/report_growth.py [--events 200,2000,20000] [--formats md,html,...]

Each meeting is decided by the real core from the 2024 panel's concept note (60 delegations
from every region ask for the floor in the interactive discussion, the Chair gives it, a
few speeches are paused, extended or run over, the secretariat tags one in three and notes
one in twenty-five, some requests are withdrawn) and appended to a real SQLite log; the
report is read back from that log, as ``podium report`` reads it, and written in every
format. Two baselines run in the same process: a bare WeasyPrint render of one fixed page
(what any PDF costs here) and ``json.dumps`` of the log's events (what any export must at
least touch). The goal (issue 12) is every format of a 20,000-event meeting within 15 s.
Times are the process's CPU seconds (the work is single-threaded), so that a machine
busy with other jobs does not inflate them; the last column is the whole table's wall time.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

from podium.conceptnote.reader import read_note
from podium.meeting.commands import (
    Command,
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
from podium.meeting.state import evolve, initial_state
from podium.meeting.words import CHAIR, SECRETARIAT, Actor
from podium.record.exports import FORMATS, load_record, render
from podium.record.report import build_report
from podium.store.sqlite import SQLiteStore
from podium.wire import encode_event

NOTE = (
    Path(__file__).parent.parent
    / "podium"
    / "examples"
    / "cstd27-2024-panel-global-cooperation-sti.md"
)
COUNTRIES = (
    "KE",
    "NP",
    "FR",
    "BR",
    "CN",
    "FJ",
    "US",
    "EG",
    "IN",
    "DE",
    "BO",
    "VN",
    "ZA",
    "JP",
    "PS",
)
STAKEHOLDERS = ("government", "government", "government", "academia", "civil-society", "business")
FIXED_PAGE = (
    "<!DOCTYPE html><html lang='en'><title>A page</title><h1>A page</h1>"
    + ("<p>" + "A fixed paragraph of ordinary text, the same in every run. " * 8 + "</p>") * 12
)


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    """The CPU seconds ``work`` took in this process, and its result.

    CPU time, not wall time: the work is single-threaded, and on a machine shared with
    other jobs the wall clock measures them too; the CPU time is what it takes alone."""
    started = time.process_time()
    result = work()
    return time.process_time() - started, result


def meeting(store: SQLiteStore, meeting_id: str, total: int) -> int:
    """Decides a meeting of about ``total`` events and appends it to ``store``; its events."""
    plan = read_note(NOTE)
    assert plan.start is not None
    now = plan.start
    log: list[Any] = list(create_meeting(plan, now - timedelta(hours=1)))
    state = initial_state()
    for event in log:
        state = evolve(state, event)

    def send(command: Command, by: Actor = CHAIR, after: int = 5) -> None:
        nonlocal state, now
        now += timedelta(seconds=after)
        result = decide(state, command, by, now)
        assert not isinstance(result, Refusal), result.reason
        for event in result:
            state = evolve(state, event)
        log.extend(result)

    for n in range(60):
        send(
            register(
                name=f"Delegate {n + 1}",
                country=COUNTRIES[n % len(COUNTRIES)],
                stakeholder=STAKEHOLDERS[n % len(STAKEHOLDERS)],
                gender=("female", "male")[n % 2],
                channel=("room", "room", "online")[n % 3],
            ),
            SECRETARIAT,
            after=0,
        )
    send(OpenMeeting())
    discussion = len(plan.segments) - 1
    send(StartSegment(segment=discussion))
    turn = 0
    while len(log) < total:
        speaker = Actor("participant", f"p{turn % 60 + 1}")
        if turn % 9 == 4:  # one in nine withdraws, and the next delegation speaks
            send(RequestFloor(), speaker)
            send(WithdrawRequest(request_id=state.queue[-1].id), speaker)
            speaker = Actor("participant", f"p{(turn + 1) % 60 + 1}")
        send(RequestFloor(), speaker)
        send(GiveFloor())
        if turn % 7 == 0:
            send(PauseSpeech(), after=40)
            send(ResumeSpeech(), after=15)
        if turn % 11 == 0:
            send(ExtendSpeech(seconds=30))
        if turn % 3 == 0:
            note = "Called for open access to publicly funded research." if turn % 25 == 0 else None
            send(
                TagIntervention(questions=(turn % len(plan.questions) + 1,), note=note), SECRETARIAT
            )
        send(EndSpeech(), after=120 + (turn % 13) * 10)
        turn += 1
    texts = [encode_event(e) for e in log]
    for start in range(0, len(texts), 5000):
        store.append(meeting_id, start, texts[start : start + 5000])
    return len(texts)


def pdf_pages(content: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(BytesIO(content)).pages)


def row(store: SQLiteStore, meeting_id: str, events: int, formats: list[str]) -> str:
    """One line of the table: the log read once, then each format as ``podium report``
    writes it (the report built afresh, its charts drawn for it), and the two baselines."""
    from weasyprint import HTML

    took, record = timed(lambda: load_record(store, meeting_id))
    cells = []
    pages = 0
    for fmt in formats:

        def write(fmt: str = fmt) -> bytes:
            return render(build_report(record), fmt)

        seconds, content = timed(write)
        cells.append(f"{seconds:>6.2f}s")
        if fmt == "pdf":
            pages = pdf_pages(content)
    bare, _pdf = timed(lambda: HTML(string=FIXED_PAGE).write_pdf())
    raw = [e.data for e in store.read(meeting_id)]
    dumps, _text = timed(lambda: json.dumps([json.loads(t) for t in raw]))
    return (
        f"{events:>7,} {len(record.interventions):>8,} {took:>8.2f}s "
        + " ".join(cells)
        + f" {pages:>6} | {bare:>8.2f}s {dumps:>9.2f}s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", default="200,2000,20000")
    parser.add_argument("--formats", default=",".join(FORMATS))
    options = parser.parse_args()
    sizes = [int(n) for n in options.events.split(",")]
    formats = options.formats.split(",")
    from weasyprint import HTML

    HTML(string=FIXED_PAGE).write_pdf()  # fonts and Pango loaded once, outside the timings
    heads = " ".join(f"{f:>7}" for f in formats)
    print(
        f"{'events':>7} {'speeches':>8} {'read log':>9} {heads} {'PDF pp':>6} "
        f"| {'bare page':>9} {'json.dumps':>10} | {'wall':>7}"
    )
    with tempfile.TemporaryDirectory() as folder:
        store = SQLiteStore(Path(folder) / "log.sqlite")
        try:
            # A first small report in every format, untimed: fonts, caches and imports warm.
            meeting(store, "warm-up", 100)
            row(store, "warm-up", 100, formats)
            for total in sizes:
                meeting_id = f"growth-{total}"
                events = meeting(store, meeting_id, total)
                started = time.perf_counter()
                line = row(store, meeting_id, events, formats)
                print(f"{line} | {time.perf_counter() - started:>6.1f}s", flush=True)
        finally:
            store.close()


if __name__ == "__main__":
    main()
