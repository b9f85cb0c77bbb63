"""The browser tests share the web tests' live server."""

from __future__ import annotations

from tests.web.conftest import live_server

__all__ = ["live_server"]
