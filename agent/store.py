"""The case store: one row per response, holding the case JSON.

SQLAlchemy Core keeps the same code on the embedded SQLite file and on
PostgreSQL. The JSON column is the serialized `RescueCase`; the other columns
exist so lists can be filtered without decoding every case.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite

from agent.models import CaseStatus, RescueCase

_metadata = MetaData()

_WRITE = "nps_rescue_write"

cases = Table(
    "rescue_cases",
    _metadata,
    Column("response_id", String, primary_key=True),
    Column("source", String, nullable=False),
    Column("score", Integer, nullable=False),
    Column("status", String, nullable=False, index=True),
    Column("team", String, index=True),
    Column("category", String, index=True),
    Column("email", String, index=True),
    Column("submitted_at", String),
    Column("updated_at", String, nullable=False),
    Column("body", Text, nullable=False),
)


class CaseStore:
    """Reads and writes cases by response id."""

    def __init__(self, url: str) -> None:
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(
                parents=True, exist_ok=True
            )
        if url.startswith(("postgresql://", "postgres://")):
            # psycopg 3 is the driver we ship; SQLAlchemy's default is psycopg2.
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        self.url = url
        self._engine = create_engine(url)
        if self._engine.dialect.name == "sqlite":
            event.listen(self._engine, "connect", _sqlite_pragmas)
            event.listen(self._engine, "begin", _sqlite_begin)
        with self._writing() as conn:
            _metadata.create_all(conn)

    @property
    def engine(self) -> Engine:
        return self._engine

    def get(self, response_id: str) -> RescueCase | None:
        """The case for `response_id`, or None."""
        query = select(cases.c.body).where(cases.c.response_id == response_id)
        with self._engine.connect() as conn:
            body = conn.execute(query).scalar_one_or_none()
        return None if body is None else RescueCase.model_validate_json(body)

    def save(self, case: RescueCase) -> None:
        """Insert or replace the case."""
        analysis, decision = case.analysis, case.decision
        row = {
            "response_id": case.response_id,
            "source": case.source,
            "score": case.score,
            "status": case.status.value,
            "team": decision.team if decision else None,
            "category": analysis.category if analysis else None,
            "email": case.customer.email,
            "submitted_at": (
                case.submitted_at.isoformat() if case.submitted_at else None
            ),
            "updated_at": datetime.now(UTC).isoformat(),
            "body": case.model_dump_json(),
        }
        dialect = postgresql if self._engine.dialect.name == "postgresql" else sqlite
        insert = dialect.insert(cases).values(**row)
        upsert = insert.on_conflict_do_update(
            index_elements=[cases.c.response_id],
            set_={k: insert.excluded[k] for k in row if k != "response_id"},
        )
        with self._writing() as conn:
            conn.execute(upsert)

    def find(
        self,
        *,
        status: CaseStatus | str | None = None,
        team: str | None = None,
        category: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
    ) -> list[RescueCase]:
        """Cases matching every given filter, newest submission first.

        `since` keeps cases submitted at or after it; cases with no
        submission time are left out then.
        """
        query = select(cases.c.body).order_by(
            cases.c.submitted_at.desc(), cases.c.response_id
        )
        if status is not None:
            query = query.where(cases.c.status == str(status))
        if team is not None:
            query = query.where(cases.c.team == team)
        if category is not None:
            query = query.where(cases.c.category == category)
        if since is None:
            if limit is not None:
                query = query.limit(limit)
            return list(self._iter(query))
        # Stored times keep their own offsets, so text order is not time order.
        found = (
            case
            for case in self._iter(query.where(cases.c.submitted_at.is_not(None)))
            if case.submitted_at is not None and case.submitted_at >= since
        )
        return list(found)[:limit]

    def count(self) -> int:
        with self._engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(cases)).scalar_one()

    def close(self) -> None:
        self._engine.dispose()

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A transaction that takes SQLite's write lock before it reads.

        Several processes (one MCP stdio server per assistant) write to the
        file; a deferred transaction that reads first can fail at once with
        "database is locked" instead of waiting for the other writer (LG-09).
        """
        with (
            self._engine.connect().execution_options(**{_WRITE: True}) as conn,
            conn.begin(),
        ):
            yield conn

    def _iter(self, query) -> Iterator[RescueCase]:
        with self._engine.connect() as conn:
            for body in conn.execute(query).scalars():
                yield RescueCase.model_validate_json(body)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # SQLAlchemy, not the driver, decides when a transaction begins.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    write = conn.get_execution_options().get(_WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
