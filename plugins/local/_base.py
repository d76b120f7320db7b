"""What every local role implementation shares: the file, the clock, a thread."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from sqlalchemy import Engine, RowMapping, Table
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from agent.errors import InputError, IntegrationError
from plugins.local._database import insert_or_get, writing

T = TypeVar("T")

Clock = Callable[[], datetime]


class LocalBase:
    """State shared by the local roles; SQLite work runs off the event loop."""

    def __init__(self, engine: Engine, clock: Clock, task_url_base: str | None) -> None:
        self._engine = engine
        self._clock = clock
        self._task_url_base = task_url_base.rstrip("/") if task_url_base else None

    async def _run(self, work: Callable[[], T]) -> T:
        # A busy file can make SQLite wait for the lock; never on the loop.
        try:
            return await asyncio.to_thread(work)
        except SQLAlchemyError as exc:
            reason = database_reason(exc)
            raise IntegrationError(f"the local database failed: {reason}") from exc

    def _insert_or_get(
        self, table: Table, values: dict[str, object]
    ) -> tuple[RowMapping, bool]:
        with writing(self._engine) as connection:
            result = insert_or_get(connection, table, values)
            connection.commit()
        return result


def require_key(idempotency_key: str) -> str:
    """The key itself, or `InputError` when it is blank."""
    if not idempotency_key.strip():
        raise InputError("idempotency_key must not be empty")
    return idempotency_key


def require_aware(name: str, value: datetime) -> datetime:
    """The datetime itself, or `InputError` when it has no time zone."""
    if value.tzinfo is None:
        raise InputError(f"{name} {value.isoformat()!r} must carry a time zone")
    return value


def database_reason(exc: SQLAlchemyError) -> str:
    """The driver's own words, without the SQL and parameters (answer text)."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return str(exc.orig)
    return type(exc).__name__
