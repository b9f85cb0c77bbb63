"""The 17 Sustainable Development Goals of the 2030 Agenda, with their official short titles
in the six official languages (``data/sdgs.csv``, source in ``data/README.md``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from podium.i18n import SOURCE_LANGUAGE, _, current

DATA = Path(__file__).parent / "data" / "sdgs.csv"


@dataclass(frozen=True)
class Goal:
    number: int
    titles: tuple[tuple[str, str], ...]  # (language, short title), for the six languages

    def title_in(self, language: str | None = None) -> str:
        """The short title in ``language`` (default: the language spoken now), else English."""
        titles = dict(self.titles)
        return titles.get(language or current()) or titles[SOURCE_LANGUAGE]

    @property
    def title(self) -> str:
        """The short title in the language spoken now: "Industry, innovation and infrastructure"."""
        return self.title_in()

    @property
    def label(self) -> str:
        """How UN documents cite it: "SDG 9: Industry, innovation and infrastructure"
        ("ODD 9 : Industrie, innovation et infrastructure" in French)."""
        return _("SDG {number}: {title}").format(number=self.number, title=self.title)


def _read(path: Path) -> tuple[Goal, ...]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return tuple(
            Goal(
                int(row.pop("number")),
                tuple((language, title.strip()) for language, title in row.items()),
            )
            for row in rows
        )


SDGS: tuple[Goal, ...] = _read(DATA)


class UnknownGoal(ValueError):
    """A number that is not one of the 17 goals."""

    def __init__(self, number: int) -> None:
        self.number = number
        super().__init__(
            _("There is no SDG {number}: the goals are numbered 1 to 17.").format(number=number)
        )


def sdg(n: int) -> Goal:
    """Goal ``n`` (1 to 17); raises ``UnknownGoal`` (a ``ValueError``) otherwise."""
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= len(SDGS):
        raise UnknownGoal(n)
    return SDGS[n - 1]
