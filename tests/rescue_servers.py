"""Helpers for tests that run `nps-rescue` servers as real subprocesses."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

COMMAND = Path(sys.executable).parent / "nps-rescue"


def server_env(**extra: str) -> dict[str, str]:
    """The environment a server subprocess runs with: ours, plus `extra`."""
    return {**os.environ, "LANGGRAPH_STRICT_MSGPACK": "true", **extra}


def count_rows(data_dir: Path, table: str, where: str = "1=1") -> int:
    """Rows of a table in the local plugin's file that match `where`."""
    with sqlite3.connect(data_dir / "local.sqlite") as conn:
        query = f"SELECT count(*) FROM {table} WHERE {where}"
        return conn.execute(query).fetchone()[0]
