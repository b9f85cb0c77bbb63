"""The 17 Sustainable Development Goals of the 2030 Agenda, with their official short titles."""

from __future__ import annotations

from dataclasses import dataclass

from podium.i18n import _


@dataclass(frozen=True)
class Goal:
    number: int
    title: str

    @property
    def label(self) -> str:
        """How UN documents cite it: "SDG 9: Industry, innovation and infrastructure"."""
        return f"SDG {self.number}: {self.title}"


SDGS: tuple[Goal, ...] = tuple(
    Goal(number, title)
    for number, title in enumerate(
        (
            "No poverty",
            "Zero hunger",
            "Good health and well-being",
            "Quality education",
            "Gender equality",
            "Clean water and sanitation",
            "Affordable and clean energy",
            "Decent work and economic growth",
            "Industry, innovation and infrastructure",
            "Reduced inequalities",
            "Sustainable cities and communities",
            "Responsible consumption and production",
            "Climate action",
            "Life below water",
            "Life on land",
            "Peace, justice and strong institutions",
            "Partnerships for the goals",
        ),
        start=1,
    )
)


class UnknownGoal(ValueError):
    """A number that is not one of the 17 goals."""

    def __init__(self, number: int) -> None:
        self.number = number
        super().__init__(
            _("There is no SDG {number}: the goals are numbered 1 to 17.").format(number=number)
        )


def sdg(n: int) -> Goal:
    """Goal ``n`` (1 to 17); raises ``UnknownGoal`` (a ``ValueError``) otherwise."""
    if isinstance(n, bool) or not 1 <= n <= len(SDGS):
        raise UnknownGoal(n)
    return SDGS[n - 1]
