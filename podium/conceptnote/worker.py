"""Reading a note in a process of its own, with a time limit and a memory limit.

A hostile note may make the reader slow or hungry; in a process of its own it
can fail, but never stall the server that runs live meetings, nor take its
memory. Each note gets a fresh process: forked from the command line itself,
which has one thread, or in a server from a fork server (started once, with
the reader already imported, so a read costs a fork and not an interpreter's
start); the child lowers its own address-space and CPU limits before reading;
the parent waits at most ``seconds`` and kills it after. At most ``SLOTS``
notes are read at once: more wait a while, then are told the reader is busy.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import threading
from multiprocessing.connection import Connection
from multiprocessing.context import ForkContext, ForkServerContext
from pathlib import Path
from typing import Literal

from podium.conceptnote import untrusted
from podium.conceptnote.extract import Unreadable, file_blocks
from podium.conceptnote.reader import NotAConceptNote, parse_text, read_note
from podium.i18n import _
from podium.meeting.plan import Plan

SECONDS = 20.0
MEMORY_BYTES = 768 * 1024 * 1024  # on top of what the child starts with
SLOTS = 2
_slots = threading.BoundedSemaphore(SLOTS)
_forkserver = multiprocessing.get_context("forkserver")
_forkserver.set_forkserver_preload(["podium.conceptnote.worker"])
_fork = multiprocessing.get_context("fork")


def _context() -> ForkContext | ForkServerContext:
    """A plain fork where it is safe (one thread: the command line), else the fork server."""
    return _fork if threading.active_count() == 1 else _forkserver


# What ("file", "text", or "file+text": the plan and the note's numbered lines), the path
# or the text, the name shown.
Job = tuple[Literal["file", "text", "file+text"], str, str]
Outcome = (
    tuple[Literal["plan"], Plan]
    | tuple[Literal["plan+text"], tuple[Plan, str]]
    | tuple[Literal["refused"], str]
)


class ReaderBusy(Exception):
    """Every slot is reading another note; try again later."""


def read_bounded(
    path: Path, *, shown: str | None = None, seconds: float = SECONDS, memory: int = MEMORY_BYTES
) -> Plan:
    """The plan of the note in ``path``, read in a bounded process; NotAConceptNote if not."""
    found = _run(("file", str(path), shown or str(path)), seconds, memory)
    assert isinstance(found, Plan)
    return found


def read_bounded_with_text(
    path: Path, *, shown: str | None = None, seconds: float = SECONDS, memory: int = MEMORY_BYTES
) -> tuple[Plan, str]:
    """As ``read_bounded``, with the note's lines as read, each with its number, for review."""
    found = _run(("file+text", str(path), shown or str(path)), seconds, memory)
    assert isinstance(found, tuple)  # the child answers a "file+text" job with both
    return found


def numbered_text(path: Path) -> str:
    """The note's blocks as the reader saw them, each line with its number (warnings name
    lines), a blank line between blocks; a table's rows under its first line."""
    shown = []
    for block in file_blocks(path):
        if block.kind == "table":
            shown.append(f"{block.line:>4}  " + block.text.replace("\n", "\n      "))
        else:
            shown.append("\n".join(f"{number:>4}  {text}" for number, text in block.lines))
    return "\n\n".join(shown)


def parse_bounded(
    text: str, *, shown: str = "", seconds: float = SECONDS, memory: int = MEMORY_BYTES
) -> Plan:
    """The plan of a note's text, parsed in a bounded process; NotAConceptNote if not."""
    found = _run(("text", text, shown), seconds, memory)
    assert isinstance(found, Plan)
    return found


def read_checked(job: Job) -> Plan:
    """What the child does: check, read, check the plan. Raises NotAConceptNote."""
    what, value, shown = job
    prefix = f"{shown}: " if shown else ""
    try:
        if what in ("file", "file+text"):
            path = Path(value)
            if path.is_file():
                untrusted.check_file(path)
            plan = read_note(path)
        else:
            if len(value) > untrusted.MAX_FILE_BYTES:
                raise Unreadable(
                    _("the note is longer than {limit} MB").format(
                        limit=untrusted.MAX_FILE_BYTES // (1024 * 1024)
                    )
                )
            plan = parse_text(value)
        plan = untrusted.clean_plan(plan)
        untrusted.check_plan(plan)
    except Unreadable as exc:
        raise NotAConceptNote(f"{prefix}{exc}") from None
    except NotAConceptNote as exc:
        message = str(exc).replace(value, shown) if what == "file" else str(exc)
        raise NotAConceptNote(message) from None
    except MemoryError:
        raise NotAConceptNote(prefix + _too_hungry()) from None
    except RecursionError:
        raise NotAConceptNote(prefix + _("the file nests too deeply to be read")) from None
    except Exception as exc:  # a broken file in any library's own way is bad input
        raise NotAConceptNote(
            prefix + _("the file could not be read ({reason})").format(reason=type(exc).__name__)
        ) from None
    return plan


def _run(job: Job, seconds: float, memory: int) -> Plan | tuple[Plan, str]:
    if not _slots.acquire(timeout=seconds):
        raise ReaderBusy(_("The server is reading other notes; try again in a minute."))
    try:
        context = _context()
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(job, memory, seconds, send), daemon=True)
        child.start()
        send.close()
        try:
            outcome: Outcome | None = receive.recv() if receive.poll(seconds) else None
        except (EOFError, OSError):  # the child died without a word: killed at its limit
            outcome = ("refused", _too_hungry())
        finally:
            receive.close()
            if child.is_alive():
                child.kill()
            child.join()
    finally:
        _slots.release()
    prefix = f"{job[2]}: " if job[2] else ""
    if outcome is None:
        raise NotAConceptNote(
            prefix
            + _("reading it took more than {seconds} seconds; it cannot be read").format(
                seconds=round(seconds)
            )
        )
    if outcome[0] == "plan" or outcome[0] == "plan+text":
        return outcome[1]
    message = outcome[1]
    raise NotAConceptNote(message if message.startswith(prefix) else prefix + message)


def _child(job: Job, memory: int, seconds: float, send: Connection) -> None:
    _limit_self(memory, seconds)
    outcome: Outcome
    try:
        plan = read_checked(job)
        if job[0] == "file+text":
            outcome = ("plan+text", (plan, _text_or_nothing(Path(job[1]))))
        else:
            outcome = ("plan", plan)
    except NotAConceptNote as exc:
        outcome = ("refused", str(exc))
    except MemoryError:
        outcome = ("refused", _too_hungry())
    try:
        send.send(outcome)
    except MemoryError:
        send.send(("refused", _too_hungry()))
    send.close()


def _text_or_nothing(path: Path) -> str:
    try:
        return numbered_text(path)
    except Exception:  # the text is a help to the reviewer, never a reason to refuse the note
        return ""


def _limit_self(memory: int, seconds: float) -> None:
    """Caps this process's address space at what it has now plus ``memory``, and its CPU time."""
    try:
        with open("/proc/self/statm") as statm:
            now = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        now = 0
    resource.setrlimit(resource.RLIMIT_AS, (now + memory, now + memory))
    cpu = int(seconds) + 2
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))


def _too_hungry() -> str:
    return _("reading it needed more than {size} MB of memory; it cannot be read").format(
        size=MEMORY_BYTES // (1024 * 1024)
    )
