"""The errors that mean the log itself cannot be read or written (not a rule, not a race)."""

from __future__ import annotations

import sqlite3

import psycopg

from podium.store.base import StoreError

STORAGE_ERRORS: tuple[type[Exception], ...] = (StoreError, sqlite3.Error, psycopg.Error)
