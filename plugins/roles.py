"""The roles an integration can play, and the models that cross them.

Each role is a `typing.Protocol` of async methods. The `tools/` servers wrap
any object that implements a role, so these models are also the structured
outputs of the MCP tools of the same name.

Implementations raise `agent.errors.InputError` for a request they cannot
honour (an unknown id, a bad argument) and `agent.errors.IntegrationError`
when the system behind them fails. Every create-like method takes an
idempotency key and checks before it creates: the same key returns what the
first call made, with `created=False`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from agent.models import Account, MessageRef, NpsResponse, Priority, TaskRef

NPS = "nps"
CRM = "crm"
TICKETING = "ticketing"
MESSENGER = "messenger"
NOTIFIER = "notifier"

ROLES: tuple[str, ...] = (NPS, CRM, TICKETING, MESSENGER, NOTIFIER)
"""Every role name, in the order the graph meets them."""

TaskStatus = Literal["open", "resolved"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RecordedResponse(_Model):
    """What recording a survey answer did."""

    response_id: str
    created: bool = Field(description="True when the answer was new.")
    changed: bool = Field(description="True when a known answer was updated.")


class ResponseList(_Model):
    """A respondent's answers, newest first."""

    responses: list[NpsResponse]


class AccountLookup(_Model):
    """The account a customer's email belongs to, if the CRM knows it."""

    found: bool
    account: Account | None = None


class LoggedActivity(_Model):
    """A note on the customer's CRM record."""

    activity_id: str
    created: bool = Field(description="False when the key had been used.")


class CreatedTask(_Model):
    """The task opened for a team."""

    task: TaskRef
    created: bool = Field(description="False when the key had been used.")


class TaskInfo(_Model):
    """Where a task stands."""

    task: TaskRef
    status: TaskStatus
    resolved_at: datetime | None = None
    note: str | None = Field(default=None, description="The resolution note.")


class TaskList(_Model):
    """Tasks resolved in a time window, oldest first."""

    tasks: list[TaskInfo]


class SentMessage(_Model):
    """The reply handed to the messenger."""

    message: MessageRef
    created: bool = Field(description="False when the key had been used.")


class Notified(_Model):
    """A notification handed to a team."""

    id: str
    created: bool = Field(description="False when the key had been used.")


@runtime_checkable
class NpsInbox(Protocol):
    """Keeps survey answers and each respondent's history."""

    async def record_response(self, response: NpsResponse) -> RecordedResponse:
        """Store an answer, or update the one with the same `response_id`."""
        ...

    async def get_response(self, response_id: str) -> NpsResponse:
        """The answer with this id; `InputError` when there is none."""
        ...

    async def list_responses(
        self, email: str | None, since: datetime | None, limit: int
    ) -> list[NpsResponse]:
        """Answers, newest first, optionally from one email and after a time."""
        ...


@runtime_checkable
class Crm(Protocol):
    """Knows the customer's account and keeps a log of what was done."""

    async def lookup_account(self, email: str) -> AccountLookup:
        """The account a customer's email belongs to."""
        ...

    async def log_activity(
        self,
        idempotency_key: str,
        email: str | None,
        account_id: str | None,
        kind: str,
        text: str,
    ) -> LoggedActivity:
        """Add a note to the customer's record, once per key."""
        ...


@runtime_checkable
class Ticketing(Protocol):
    """Opens tasks for the owning team and reports when they are resolved."""

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
        ...

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
        """Bring an open task up to date after the customer changed their answer.

        A resolved task is returned unchanged. `InputError` when there is none.
        """
        ...

    async def get_task(self, task_id: str) -> TaskInfo:
        """The task with this id; `InputError` when there is none."""
        ...

    async def list_resolved_tasks(self, since: datetime) -> list[TaskInfo]:
        """Tasks resolved at or after `since`, oldest first."""
        ...

    async def resolve_task(self, task_id: str, note: str | None) -> TaskInfo:
        """Mark a task resolved; a resolved task keeps its first resolution.

        `InputError` when there is no such task.
        """
        ...


@runtime_checkable
class Messenger(Protocol):
    """Delivers a reply to the customer."""

    async def send_message(
        self,
        idempotency_key: str,
        response_id: str,
        to_email: str,
        to_name: str | None,
        subject: str,
        body: str,
        sender_name: str,
        sender_email: str | None,
    ) -> SentMessage:
        """Send or queue a reply, once per key."""
        ...


@runtime_checkable
class Notifier(Protocol):
    """Tells a team something needs them (chat, email)."""

    async def notify(self, team: str, text: str, idempotency_key: str) -> Notified:
        """Notify a team, once per key."""
        ...


ROLE_PROTOCOLS: dict[str, type] = {
    NPS: NpsInbox,
    CRM: Crm,
    TICKETING: Ticketing,
    MESSENGER: Messenger,
    NOTIFIER: Notifier,
}
"""The protocol each role name stands for."""
