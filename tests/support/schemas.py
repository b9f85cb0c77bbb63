"""A test's own PostgreSQL schema, dropped when it is done with."""

from __future__ import annotations

import time

import psycopg
from psycopg import errors, sql

ATTEMPTS = 5


def drop_schema(url: str, schema: str) -> None:
    """Drops ``schema`` and all in it. A thread of the code under test may still be writing
    there (a snapshot, taken in the background): should PostgreSQL end the drop as one side
    of a deadlock with it, the drop is tried again once that write is done."""
    for attempt in range(ATTEMPTS):
        try:
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(
                    sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema))
                )
            return
        except errors.DeadlockDetected:
            if attempt == ATTEMPTS - 1:
                raise
            time.sleep(0.2)
