"""Every reader of a note's text takes time in step with it: 1 MB of hostile text is read fast.

Runs of "[", "-", "*", "_", "(", spaces, digits or bullets are what makes a
backtracking regular expression (or a Markdown parser) take quadratic time;
each reader is fed 1 MB of each and must finish well inside the timeout.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from podium.conceptnote.agenda import agenda_item
from podium.conceptnote.documents import read_document
from podium.conceptnote.durations import find_duration
from podium.conceptnote.people import groups_in, named_in_prose, names_in
from podium.conceptnote.programme_table import cell_item
from podium.conceptnote.prose import Part, read_segments
from podium.conceptnote.segments import read_clause, sentences, title_of
from podium.conceptnote.textblocks import elements
from podium.conceptnote.turns import listed_parts, per_round, role_parts
from podium.conceptnote.vocabulary import detect

SIZE = 1_000_000
RUNS = [
    "[",
    "-",
    "*",
    "_",
    "(",
    " ",
    "1",
    "• ",
    "[a](",
    "**a",
    "E/",
    "1 - ",
    "Mr. ",
    "and ",
    "(5 minutes)",
    "a:",
    "\n- ",
    "1.\n",
    "|a|\n",
    "# ",
    "a\n",
]
READERS: dict[str, Callable[[str], object]] = {
    "blocks": elements,
    "document": read_document,
    "duration": find_duration,
    "clause": lambda text: read_clause(text, listed=True),
    "title": title_of,
    "programme": lambda text: read_segments([Part(text, 1, False)]),
    "sentences": sentences,
    "names": lambda text: names_in(text, "en", loose=True),
    "labelled people": lambda text: groups_in(text, "en"),
    "people in prose": lambda text: named_in_prose(text, "en"),
    "roles in turn": role_parts,
    "listed parts": listed_parts,
    "rounds in turn": lambda text: per_round(text, 2, "Slot"),
    "agenda item": lambda text: agenda_item(text, "en"),
    "cell": lambda text: cell_item(text, "en"),
    "language": detect,
}


@pytest.mark.timeout(20)
@pytest.mark.parametrize("run", RUNS, ids=repr)
@pytest.mark.parametrize("reader", list(READERS))
def test_a_megabyte_of_hostile_text_is_read_in_linear_time(reader: str, run: str) -> None:
    READERS[reader](run * (SIZE // len(run)))
