"""The local task tracker: tasks "LOC-1", "LOC-2", ... kept in SQLite."""

from __future__ import annotations

import re
from datetime import date, datetime

from sqlalchemy import RowMapping, select, update

from agent.errors import InputError
from agent.models import Priority, TaskRef
from plugins.local._base import LocalBase, require_aware, require_key
from plugins.local._database import tasks, writing
from plugins.roles import CreatedTask, TaskInfo

TASK_PREFIX = "LOC-"

_TASK_ID = re.compile(rf"^{TASK_PREFIX}([1-9][0-9]*)$")


class LocalTicketing(LocalBase):
    """Implements `Ticketing` on the local SQLite file."""

    async def create_task(
        self,
        idempotency_key: str,
        team: str,
        title: str,
        body: str,
        priority: Priority,
        due_date: date,
        labels: list[str],
    ) -> CreatedTask:
        """Open a task, or return the one already opened with this key."""
        require_key(idempotency_key)
        if not team.strip():
            raise InputError("team must not be empty")
        values = {
            "idempotency_key": idempotency_key,
            "team": team,
            "title": title,
            "body": body,
            "priority": priority,
            "due_date": due_date,
            "labels": list(labels),
            "status": "open",
            "created_at": self._clock(),
        }
        row, created = await self._run(lambda: self._insert_or_get(tasks, values))
        return CreatedTask(task=self._task_ref(row), created=created)

    async def update_task(
        self,
        task_id: str,
        team: str,
        title: str,
        body: str,
        priority: Priority,
        due_date: date,
        labels: list[str],
    ) -> TaskInfo:
        """Rewrite an open task's fields; a resolved task stays as it was."""
        number = _number(task_id)
        if not team.strip():
            raise InputError("team must not be empty")
        values = {
            "team": team,
            "title": title,
            "body": body,
            "priority": priority,
            "due_date": due_date,
            "labels": list(labels),
        }

        def work() -> TaskInfo:
            row = self._task_row(number, task_id)
            if row["status"] == "open":
                with writing(self._engine) as connection:
                    connection.execute(
                        update(tasks).where(tasks.c.id == number).values(**values)
                    )
                    connection.commit()
                row = self._task_row(number, task_id)
            return self._task_info(row)

        return await self._run(work)

    async def get_task(self, task_id: str) -> TaskInfo:
        """The task with this id; `InputError` when there is none."""
        number = _number(task_id)
        return await self._run(lambda: self._task_info(self._task_row(number, task_id)))

    async def list_resolved_tasks(self, since: datetime) -> list[TaskInfo]:
        """Tasks resolved at or after `since`, oldest first."""
        require_aware("since", since)
        query = (
            select(tasks)
            .where(tasks.c.resolved_at >= since)
            .order_by(tasks.c.resolved_at, tasks.c.id)
        )

        def work() -> list[TaskInfo]:
            with self._engine.connect() as connection:
                rows = connection.execute(query).mappings().all()
            return [self._task_info(row) for row in rows]

        return await self._run(work)

    async def resolve_task(self, task_id: str, note: str | None = None) -> TaskInfo:
        """Mark a task resolved now; a resolved task keeps its first resolution."""
        number = _number(task_id)

        def work() -> TaskInfo:
            with writing(self._engine) as connection:
                connection.execute(
                    update(tasks)
                    .where(tasks.c.id == number, tasks.c.status == "open")
                    .values(status="resolved", resolved_at=self._clock(), note=note)
                )
                connection.commit()
            return self._task_info(self._task_row(number, task_id))

        return await self._run(work)

    def _task_row(self, number: int, task_id: str) -> RowMapping:
        with self._engine.connect() as connection:
            row = (
                connection.execute(select(tasks).where(tasks.c.id == number))
                .mappings()
                .first()
            )
        if row is None:
            raise InputError(f"no task with id {task_id!r}")
        return row

    def _task_ref(self, row: RowMapping) -> TaskRef:
        task_id = f"{TASK_PREFIX}{row['id']}"
        url = f"{self._task_url_base}/{task_id}" if self._task_url_base else None
        return TaskRef(id=task_id, team=row["team"], url=url, system="local")

    def _task_info(self, row: RowMapping) -> TaskInfo:
        return TaskInfo(
            task=self._task_ref(row),
            status=row["status"],
            resolved_at=row["resolved_at"],
            note=row["note"],
        )


def _number(task_id: str) -> int:
    match = _TASK_ID.match(task_id.strip())
    if match is None:
        raise InputError(f"no task with id {task_id!r}")
    return int(match.group(1))
