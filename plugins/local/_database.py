"""The local plugin's SQLite file: tables, connection set-up and insert-or-get.

Two processes may share the file, so it runs in WAL mode with a busy
timeout, and every write transaction starts with `BEGIN IMMEDIATE`: a writer
takes the lock before it reads, so it waits for another writer instead of
failing with "database is locked" when it tries to upgrade (LG-09).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Date,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    select,
)
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.types import TypeDecorator

BUSY_TIMEOUT_MS = 10_000

_WRITE = "nps_rescue_write"


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as fixed-width UTC text, so text order is time order."""

    impl = String(27)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"datetime {value!r} must carry a time zone")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    def process_result_value(self, value: str | None, dialect: Any) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


metadata = MetaData()

responses = Table(
    "responses",
    metadata,
    Column("response_id", String, primary_key=True),
    Column("email", String, index=True),
    Column("at", UtcDateTime, nullable=False, index=True),
    Column("payload", JSON, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

accounts = Table(
    "accounts",
    metadata,
    Column("account_id", String, primary_key=True),
    Column("account_name", String),
    Column("domain", String, index=True),
    Column("email", String, index=True),
    Column("plan", String),
    Column("arr", Float),
    Column("renewal_date", Date),
    Column("owner_name", String),
    Column("owner_email", String),
)

activities = Table(
    "activities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("idempotency_key", String, nullable=False, unique=True),
    Column("email", String),
    Column("account_id", String),
    Column("kind", String, nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    sqlite_autoincrement=True,
)

tasks = Table(
    "tasks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("idempotency_key", String, nullable=False, unique=True),
    Column("team", String, nullable=False),
    Column("title", String, nullable=False),
    Column("body", Text, nullable=False),
    Column("priority", String, nullable=False),
    Column("due_date", Date, nullable=False),
    Column("labels", JSON, nullable=False),
    Column("status", String, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("resolved_at", UtcDateTime, index=True),
    Column("note", Text),
    sqlite_autoincrement=True,
)

messages = Table(
    "messages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("idempotency_key", String, nullable=False, unique=True),
    Column("response_id", String, nullable=False, index=True),
    Column("to_email", String, nullable=False),
    Column("to_name", String),
    Column("subject", String, nullable=False),
    Column("body", Text, nullable=False),
    Column("sender_name", String, nullable=False),
    Column("sender_email", String),
    Column("status", String, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    sqlite_autoincrement=True,
)

notifications = Table(
    "notifications",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("idempotency_key", String, nullable=False, unique=True),
    Column("team", String, nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    sqlite_autoincrement=True,
)


def open_engine(path: Path) -> Engine:
    """Open (and create if needed) the SQLite file at `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # SQLAlchemy, not the driver, decides when a transaction begins.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        write = connection.get_execution_options().get(_WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    with engine.connect().execution_options(**{_WRITE: True}) as connection:
        metadata.create_all(connection)
        connection.commit()
    return engine


def writing(engine: Engine) -> Connection:
    """A connection whose transactions take the write lock up front."""
    return engine.connect().execution_options(**{_WRITE: True})


def insert_or_get(
    connection: Connection, table: Table, values: dict[str, Any]
) -> tuple[RowMapping, bool]:
    """Insert a row keyed by `idempotency_key`, or fetch the one already there.

    Returns the stored row and whether this call created it. The unique
    constraint, not a prior read, decides, so concurrent callers with one key
    get one row.
    """
    statement = (
        insert(table)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["idempotency_key"])
    )
    created = connection.execute(statement).rowcount == 1
    row = (
        connection.execute(
            select(table).where(table.c.idempotency_key == values["idempotency_key"])
        )
        .mappings()
        .one()
    )
    return row, created
