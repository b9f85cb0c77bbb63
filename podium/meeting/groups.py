"""Groups of States that speak as one: a statement on behalf of a group is heard first.

In UN practice the floor in a discussion goes first to those speaking for a
group of States (the Group of 77 and China, the European Union, the regional
groups ...), then to States in their own name. A request names its group by
the key below; the names are marked for translation and shown in the
reader's language.
"""

from __future__ import annotations

from podium.meeting.refusal import N_

# Key, name: the negotiating and regional groups heard in UN economic and social bodies.
GROUPS: dict[str, str] = {
    "g77": N_("Group of 77 and China"),
    "eu": N_("European Union"),
    "african-group": N_("African Group"),
    "arab-group": N_("Arab Group"),
    "ldc": N_("Group of Least Developed Countries"),
    "lldc": N_("Group of Landlocked Developing Countries"),
    "aosis": N_("Alliance of Small Island States"),
    "nam": N_("Non-Aligned Movement"),
    "oic": N_("Organisation of Islamic Cooperation"),
    "asia-pacific": N_("Asia-Pacific Group"),
    "eeg": N_("Eastern European Group"),
    "grulac": N_("Group of Latin American and Caribbean States"),
    "weog": N_("Western European and Other States Group"),
    "caricom": N_("Caribbean Community"),
}
