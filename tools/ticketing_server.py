"""The `ticketing` role as an MCP server: open tasks, follow their status."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from mcp.server import MCPServer
from pydantic import AwareDatetime, Field

from agent.models import Priority
from plugins.roles import TICKETING, CreatedTask, TaskInfo, TaskList, Ticketing
from tools._serving import new_server, reported_to_caller, role_tool

TaskId = Annotated[str, Field(min_length=1, description="e.g. 'LOC-1'.")]


def build_ticketing_server(ticketing: Ticketing) -> MCPServer:
    """An MCP server whose tools call `ticketing`."""
    server = new_server(TICKETING, "Tasks for the team that owns a rescue.")

    @role_tool(server)
    async def create_task(
        idempotency_key: Annotated[
            str,
            Field(min_length=1, description="The same key returns the same task."),
        ],
        team: Annotated[str, Field(min_length=1, description="The owning team.")],
        title: Annotated[str, Field(min_length=1)],
        body: Annotated[str, Field(description="Analysis, evidence, next step.")],
        priority: Priority,
        due_date: Annotated[date, Field(description="When the team must act.")],
        labels: Annotated[
            list[str] | None, Field(description="Tags for the task.")
        ] = None,
    ) -> CreatedTask:
        """Open a task for a team, or return the one opened with this key.

        `created` is false when the key had been used: no second task is made.
        """
        with reported_to_caller(TICKETING):
            return await ticketing.create_task(
                idempotency_key=idempotency_key,
                team=team,
                title=title,
                body=body,
                priority=priority,
                due_date=due_date,
                labels=labels or [],
            )

    @role_tool(server)
    async def update_task(
        task_id: TaskId,
        team: Annotated[str, Field(min_length=1, description="The owning team.")],
        title: Annotated[str, Field(min_length=1)],
        body: Annotated[str, Field(description="Analysis, evidence, next step.")],
        priority: Priority,
        due_date: Annotated[date, Field(description="When the team must act.")],
        labels: Annotated[
            list[str] | None, Field(description="Tags for the task.")
        ] = None,
    ) -> TaskInfo:
        """Rewrite an open task after the customer changed their answer.

        A resolved task is returned unchanged; an unknown id is an error.
        """
        with reported_to_caller(TICKETING):
            return await ticketing.update_task(
                task_id=task_id,
                team=team,
                title=title,
                body=body,
                priority=priority,
                due_date=due_date,
                labels=labels or [],
            )

    @role_tool(server, read_only=True)
    async def get_task(task_id: TaskId) -> TaskInfo:
        """Fetch a task and its status; an unknown id is an error."""
        with reported_to_caller(TICKETING):
            return await ticketing.get_task(task_id)

    @role_tool(server, read_only=True)
    async def list_resolved_tasks(
        since: Annotated[AwareDatetime, Field(description="Resolved at or after.")],
    ) -> TaskList:
        """List the tasks resolved since a time, oldest first."""
        with reported_to_caller(TICKETING):
            found = await ticketing.list_resolved_tasks(since)
        return TaskList(tasks=found)

    @role_tool(server)
    async def resolve_task(
        task_id: TaskId,
        note: Annotated[
            str | None, Field(description="What was done, for the follow-up.")
        ] = None,
    ) -> TaskInfo:
        """Mark a task resolved; resolving it again keeps the first resolution."""
        with reported_to_caller(TICKETING):
            return await ticketing.resolve_task(task_id, note)

    return server
