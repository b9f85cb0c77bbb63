"""Which sites may frame the big screen: the secretariat names them; the core checks each one."""

from __future__ import annotations

import pytest

from podium.meeting.commands import SetEmbedding
from podium.meeting.embedding import MAX_ORIGINS
from podium.meeting.words import SECRETARIAT
from tests.meeting.room import Room, participant


def test_no_site_may_frame_the_big_screen_until_one_is_named() -> None:
    room = Room(opened=False)
    assert room.state.embed_origins == ()
    room.ok(SetEmbedding(origins=("https://WebTV.example.org/", "https://*.example.net:8443")))
    assert room.state.embed_origins == ("https://webtv.example.org", "https://*.example.net:8443")


def test_an_empty_list_ends_it_and_a_site_named_twice_counts_once() -> None:
    room = Room()
    room.ok(SetEmbedding(origins=("https://a.example.org", "https://a.example.org")), SECRETARIAT)
    assert room.state.embed_origins == ("https://a.example.org",)
    room.ok(SetEmbedding(origins=()), SECRETARIAT)
    assert room.state.embed_origins == ()


@pytest.mark.parametrize(
    "origin",
    [
        "webtv.example.org",  # no scheme
        "https://webtv.example.org/live",  # a path
        "ftp://webtv.example.org",
        "*",
        "https://*",
        "'self'",
        "https://a.example.org https://b.example.org",  # two in one, as a header would take them
        "https://a.example.org;script-src *",  # an attempt to add to the policy
        "https://a.example.org:99999",
        "https://" + "a" * 64 + ".org",
        "https://a.example.org\nX-Injected: 1",
    ],
)
def test_anything_but_a_sites_origin_is_refused_and_nothing_changes(origin: str) -> None:
    room = Room()
    room.ok(SetEmbedding(origins=("https://kept.example.org",)))
    reason = room.refused(SetEmbedding(origins=("https://ok.example.org", origin)))
    assert "site" in reason or "port" in reason
    assert room.state.embed_origins == ("https://kept.example.org",)


def test_at_most_ten_sites() -> None:
    room = Room()
    many = tuple(f"https://s{n}.example.org" for n in range(MAX_ORIGINS + 1))
    assert room.refused(SetEmbedding(origins=many)) == "At most 10 sites may embed the big screen."
    room.ok(SetEmbedding(origins=many[:MAX_ORIGINS]))


def test_only_the_chair_and_the_secretariat_choose() -> None:
    room = Room()
    kenya = room.add("Kenya")
    reason = room.refused(SetEmbedding(origins=("https://a.example.org",)), participant(kenya))
    assert reason == (
        "Only the Chair or the secretariat may choose which sites may embed the big screen."
    )
