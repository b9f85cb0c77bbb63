"""The plans of the two shared concept notes, built by hand.

What the reader should make of ``PANEL_2024`` and ``ROUNDTABLE_2021``; the
writers' tests start from these so that they test the writers alone.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from podium.meeting.plan import Document, Outcome, Plan, Section, Segment

CSTD = "United Nations Commission on Science and Technology for Development (CSTD)"
ZURICH = ZoneInfo("Europe/Zurich")
CEST = timezone(timedelta(hours=2))


def panel_2024() -> Plan:
    return Plan(
        title="Global Cooperation in Science, Technology and Innovation for Development",
        body=CSTD,
        session_number=27,
        session_title="Twenty-seventh Annual Session",
        kind="High-level panel",
        start=datetime(2024, 4, 15, 15, 0, tzinfo=ZURICH),
        end=datetime(2024, 4, 15, 16, 30, tzinfo=ZURICH),
        timezone="Europe/Zurich",
        venue="Geneva",
        sections=(
            Section(
                "Background",
                "In view of the scale of today’s global challenges and the great potential of "
                "Science, Technology and Innovation (STI) to deliver responses, global "
                "cooperation in STI is indispensable.\n\nInnovation increasingly takes place "
                "within international networks.",
            ),
            Section(
                "Objective",
                "The high-level panel aims to discuss collaboration mechanisms, lessons "
                "learned, good practices and limiting factors.",
            ),
        ),
        questions=(
            "What role could the CSTD play in coordinating STI agendas to make them more "
            "globally inclusive and impart directionality to guide global STI development?",
            "How can international collaboration support STI assessment and foresight "
            "instruments accessible to developing countries?",
            "What good practices can be replicated through international collaboration to "
            "facilitate the emergence of enabling digital and skills environments?",
            "How to mobilize domestic and international resources to support investment in "
            "STI, including through private-public partnerships?",
            "How could the international community support and scale up collaborative STI "
            "networks that fully engage actors from developing countries?",
            "What practical models of STI collaboration can be developed to support effective "
            "technology and knowledge transfer?",
        ),
        segments=(
            Segment("Introduction of the Report of the Secretary-General", "secretariat"),
            Segment("Presentations by the panelists", "panelist", minutes_max=15, per_speaker=True),
            Segment("Interactive discussion", "participant", minutes_max=3, per_speaker=True),
        ),
        documents=(
            Document(
                "Report of the Secretary-General: Global cooperation in science, technology "
                "and innovation for development",
                symbol="E/CN.16/2024/3",
                url="https://unctad.org/system/files/official-document/ecn162024d3_en.pdf",
            ),
            Document(
                "Issue paper on “Global cooperation in science, technology and innovation for "
                "development”",
                url="https://unctad.org/system/files/information-document/"
                "CSTD2023-2024_Issues02_globalcooperation_en.pdf",
            ),
            Document(
                "Other documents on the website of the CSTD",
                url="https://unctad.org/meeting/"
                "commission-science-and-technology-development-twenty-seventh-session",
            ),
        ),
        sdgs=(9, 17),
    )


def roundtable_2021() -> Plan:
    return Plan(
        title="The role of science, technology, and innovation in a sustainable and resilient "
        "recovery from the COVID-19 pandemic",
        body=CSTD,
        session_number=24,
        session_title="Twenty-fourth annual session",
        kind="High-level Roundtable",
        start=datetime(2021, 5, 17, 15, 0, tzinfo=CEST),
        end=datetime(2021, 5, 17, 16, 0, tzinfo=CEST),
        timezone="+02:00",
        sections=(
            Section(
                "Background",
                "The Commission on Science and Technology for Development (CSTD) provides a "
                "unique platform for countries to share experiences.",
            ),
            Section(
                "Objectives of the roundtable",
                "The roundtable will provide an opportunity for high-level policymakers to "
                "exchange experiences, lessons learned and good practices.",
            ),
        ),
        questions=(
            "How can the international community foster partnerships with developing "
            "countries to promote science and technology collaborations?",
            "How can governments formulate transformative policy shifts to ensure that the "
            "technological divide and digital inequalities can be reduced?",
            "How can the international community secure firm commitments to mobilize "
            "substantial resources?",
        ),
        segments=(
            Segment("Presentation by the Commission secretariat", "secretariat"),
            Segment("Remarks of the Co-Chair of the STI Forum", "co-chair", speakers=1),
            Segment(
                "Initial interventions of the high-level discussants",
                "discussant",
                minutes_min=5,
                minutes_max=7,
                per_speaker=True,
            ),
            Segment("Interactive discussion with the floor", "participant"),
        ),
        outcome=Outcome(
            "High-level political forum on sustainable development (HLPF)",
            date(2021, 7, 6),
            date(2021, 7, 15),
        ),
        sdgs=(1, 2, 3, 8, 10, 12, 13, 16, 17),
    )
