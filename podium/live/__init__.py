"""The live fan-out: followers are cursors over each meeting's recent events."""

from __future__ import annotations

from podium.live.hub import FeedItem, Hub, Snapshot

__all__ = ["FeedItem", "Hub", "Snapshot"]
