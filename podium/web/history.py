"""The record of interventions heard, a page at a time, newest first.

A page shows what it shows whatever the length of the meeting: the
secretariat's record and ``GET /api/meetings/{id}/interventions`` read the same
pages, 50 interventions each, page 1 the newest.
"""

from __future__ import annotations

from dataclasses import dataclass

from podium.meeting.entries import Intervention
from podium.meeting.state import MeetingState

PER_PAGE = 50
MAX_PER_PAGE = 200


@dataclass(frozen=True)
class HistoryPage:
    number: int  # from 1, the newest
    pages: int  # at least 1, even with no intervention yet
    total: int  # interventions heard in all
    per_page: int
    items: tuple[Intervention, ...]  # newest first

    @property
    def newer(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def older(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None


def page_count(total: int, per_page: int = PER_PAGE) -> int:
    return max(1, -(-total // per_page))


def history_page(state: MeetingState, number: int = 1, per_page: int = PER_PAGE) -> HistoryPage:
    """Page ``number`` of the interventions that have ended (a number past the last gives the
    last page, the oldest); only that page's entries are read."""
    history = state.history
    total = len(history)
    pages = page_count(total, per_page)
    number = min(max(number, 1), pages)
    end = total - (number - 1) * per_page
    start = max(0, end - per_page)
    items = tuple(history[index] for index in range(end - 1, start - 1, -1))
    return HistoryPage(number, pages, total, per_page, items)
