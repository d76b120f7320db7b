"""The agent assembled: store, tool sessions, checkpointer and graph.

`open_agent` is the one place that wires the parts together; the CLI and
any server open it once and feed it responses.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import (
    AbstractAsyncContextManager,
    AsyncExitStack,
    asynccontextmanager,
)
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

import aiosqlite
import structlog
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import Command
from pydantic import ValidationError

from agent.errors import CaseNotFound, ConfigError, InputError, IntegrationError
from agent.graph import RECURSION_LIMIT, build_graph
from agent.models import CaseEvent, CaseStatus, NpsResponse, RescueCase
from agent.offline import OfflineReasoner
from agent.policy import Policy, load_policy
from agent.reasoners import Reasoner
from agent.settings import Settings
from agent.state import (
    ApprovalAnswer,
    RescueContext,
    RescueState,
    case_from_state,
    dump,
)
from agent.store import CaseStore
from plugins import PluginContext, PluginRegistry
from plugins.roles import AccountLookup, RecordedResponse, TaskInfo
from tools import ToolBox, build_local_servers
from tools.client import ServerTarget

log = structlog.get_logger(__name__)

Action = Literal["rescued", "recorded", "unchanged", "changed", "resumed", "parked"]


@dataclass(frozen=True)
class Processed:
    """What processing one response did."""

    case: RescueCase
    action: Action


class RescueAgent:
    """Turns responses into cases, at most once per response id."""

    def __init__(
        self,
        store: CaseStore,
        graph: CompiledStateGraph,
        context: RescueContext,
    ) -> None:
        self.store = store
        self.graph = graph
        self.context = context
        self._locks: dict[str, asyncio.Lock] = {}

    async def process(
        self, response: NpsResponse, *, hold_reasons: Sequence[str] = ()
    ) -> Processed:
        """Record the response and rescue it if it is a new detractor.

        `hold_reasons` make a person approve the reply whatever the policy
        says, e.g. when the export had no comment column at all.

        Raises:
            InputError: the response id already belongs to another customer.
        """
        with structlog.contextvars.bound_contextvars(response_id=response.response_id):
            async with self._lock(response.response_id):
                return await self._process(response, hold_reasons)

    async def _process(
        self, response: NpsResponse, hold_reasons: Sequence[str]
    ) -> Processed:
        existing = self.store.get(response.response_id)
        if existing is not None and not _same_customer(existing, response):
            raise InputError(
                f"response id {response.response_id!r} already belongs to another "
                "customer's answer; give this export its own --source"
            )
        recorded = await self.context.tools.call(
            "nps",
            "record_response",
            {"response": dump(response)},
            result_model=RecordedResponse,
        )

        # The case, not the inbox, says what was last processed: the inbox
        # already holds a changed answer when a run stopped before the graph.
        changed = existing is not None and _answer_changed(existing, response)
        if existing and existing.status != CaseStatus.PARKED and not changed:
            return Processed(existing, "unchanged")
        if existing and existing.message is not None:
            why = "after the reply was queued; the reply was not redrafted"
            return Processed(
                await self._note_change(existing, response, why), "changed"
            )
        if existing and existing.task is not None and not response.is_detractor:
            why = (
                f"while the reply waited; task {existing.task.id} stays open and "
                "the held reply was not sent"
            )
            return Processed(
                await self._note_change(existing, response, why), "changed"
            )
        if not response.is_detractor:
            return Processed(await self._record(response), "recorded")

        config = _thread(response.response_id)
        snapshot = await self.graph.aget_state(config)
        resuming = bool(snapshot.next) and not changed and not recorded.changed
        start: RescueState | None = None
        if not resuming:
            start = _fresh_state(response, list(hold_reasons))

        case = await self._run_graph(response.response_id, start, existing)
        if case.status == CaseStatus.PARKED:
            return Processed(case, "parked")
        log.info("case_saved", status=case.status.value, resumed=resuming)
        return Processed(case, "resumed" if resuming else "rescued")

    async def approve(
        self, response_id: str, *, body: str | None = None, by: str | None = None
    ) -> RescueCase:
        """Let the waiting reply of a case go out, with `body` if it was edited.

        Raises:
            CaseNotFound: no case has this id.
            InputError: the case is not waiting, the edited body fails the
                guardrails, or the reply has no address; nothing was sent.
        """
        answer = _answer(action="approve", body=body, by=by)
        return await self._resume(response_id, answer)

    async def reject(
        self, response_id: str, reason: str, *, by: str | None = None
    ) -> RescueCase:
        """Reject the waiting reply of a case: nothing is sent, the task stays.

        Raises:
            CaseNotFound: no case has this id.
            InputError: the case is not waiting or the reason is blank.
        """
        answer = _answer(action="reject", reason=reason, by=by)
        return await self._resume(response_id, answer)

    async def resolve_task(
        self, response_id: str, note: str | None = None
    ) -> RescueCase:
        """Mark the case's task resolved in the ticketing role and note it.

        A case whose reply went out moves to `task_resolved`, where the
        follow-up step picks it up; a case still waiting for approval keeps
        waiting and moves there once its reply is sent.

        Raises:
            CaseNotFound: no case has this id.
            InputError: the case has no task.
            IntegrationError: the ticketing system failed.
        """
        with structlog.contextvars.bound_contextvars(response_id=response_id):
            async with self._lock(response_id):
                case = self._case(response_id)
                if case.task is None:
                    raise InputError(
                        f"case {response_id!r} has no task to resolve "
                        f"(status {case.status.value})"
                    )
                info = await self.context.tools.call(
                    "ticketing",
                    "resolve_task",
                    {"task_id": case.task.id, "note": note},
                    result_model=TaskInfo,
                )
                detail = f"{case.task.id}" + (f": {info.note}" if info.note else "")
                status = case.status
                if status == CaseStatus.REPLY_QUEUED:
                    status = CaseStatus.TASK_RESOLVED
                event = CaseEvent(
                    at=self.context.clock(), kind="task_resolved", detail=detail
                )
                case = case.model_copy(
                    update={"status": status, "events": [*case.events, event]}
                )
                await self._save(case)
                log.info("task_resolved", task=case.task.id, status=status.value)
                return case

    def get(self, response_id: str) -> RescueCase:
        """The case with this id.

        Raises:
            CaseNotFound: no case has this id.
        """
        return self._case(response_id)

    async def _resume(self, response_id: str, answer: ApprovalAnswer) -> RescueCase:
        with structlog.contextvars.bound_contextvars(response_id=response_id):
            async with self._lock(response_id):
                existing = self._case(response_id)
                snapshot = await self.graph.aget_state(_thread(response_id))
                if not snapshot.interrupts:
                    raise InputError(
                        f"case {response_id!r} is not waiting for approval "
                        f"(status {existing.status.value})"
                    )
                resume = Command(resume=answer.model_dump(mode="json"))
                case = await self._run_graph(response_id, resume, existing)
                refusal = (await self.graph.aget_state(_thread(response_id))).values
                problem = (refusal.get("approval") or {}).get("reason")
                if case.status == CaseStatus.AWAITING_APPROVAL and problem:
                    raise InputError(f"case {response_id!r} still waits: {problem}")
                log.info("case_answered", action=answer.action, status=case.status)
                return case

    async def _run_graph(
        self,
        response_id: str,
        start: RescueState | Command | None,
        existing: RescueCase | None,
    ) -> RescueCase:
        """Run or resume a case's thread and save the case it leaves.

        An integration that still fails after its retries parks the case.
        """
        config = _thread(response_id)
        try:
            values = await self.graph.ainvoke(
                start, config, context=self.context, durability="sync"
            )
            case = case_from_state(values, CaseStatus(values["status"]))
        except IntegrationError as exc:
            log.warning("case_parked", tool=exc.tool, reason=str(exc))
            snapshot = await self.graph.aget_state(config)
            case = case_from_state(snapshot.values, CaseStatus.PARKED)
            case.events.append(
                CaseEvent(at=self.context.clock(), kind="parked", detail=str(exc))
            )
        case = _with_events_from_outside(existing, case)
        await self._save(case)
        return case

    async def _save(self, case: RescueCase) -> None:
        # Off the event loop: a write may wait for SQLite's lock, which a
        # checkpoint write of a concurrent run holds until the loop lets it
        # commit (LG-09).
        await asyncio.to_thread(self.store.save, case)

    def _case(self, response_id: str) -> RescueCase:
        case = self.store.get(response_id)
        if case is None:
            raise CaseNotFound(response_id)
        return case

    def _lock(self, response_id: str) -> asyncio.Lock:
        # One operation per case at a time in this process; across processes
        # the idempotency keys keep tasks and messages single.
        return self._locks.setdefault(response_id, asyncio.Lock())

    async def _record(self, response: NpsResponse) -> RescueCase:
        """Keep a passive or promoter answer, with its account when known."""
        if response.customer.email:
            lookup = await self.context.tools.call(
                "crm",
                "lookup_account",
                {"email": response.customer.email},
                result_model=AccountLookup,
            )
            customer = response.customer.model_copy(update={"account": lookup.account})
            response = response.model_copy(update={"customer": customer})
        case = RescueCase.recorded(response, self.context.clock())
        await self._save(case)
        return case

    async def _note_change(
        self, existing: RescueCase, response: NpsResponse, why: str
    ) -> RescueCase:
        """Keep a changed answer on a case that must not start over.

        Once the reply went to the messenger the customer already has it, and
        once a detractor's answer rises to 7-10 there is nothing left to
        draft. The case keeps the new score and comment and says what changed,
        so a person can write back about it.
        """
        changes = []
        if response.score != existing.score:
            changes.append(f"score {existing.score} -> {response.score}")
        if response.comment != existing.comment:
            changes.append("comment " + ("added" if not existing.comment else "edited"))
        detail = f"{', '.join(changes) or 'details changed'} {why}; read the new answer"
        case = existing.model_copy(
            update={
                "score": response.score,
                "comment": response.comment,
                "events": [
                    *existing.events,
                    CaseEvent(
                        at=self.context.clock(), kind="response_changed", detail=detail
                    ),
                ],
            }
        )
        await self._save(case)
        return case


def _answer_changed(case: RescueCase, response: NpsResponse) -> bool:
    """Whether the answer differs from the one the case was built from."""
    before, after = case.customer, response.customer
    return (
        case.score != response.score
        or case.comment != response.comment
        or (before.email or "").casefold() != (after.email or "").casefold()
        or (before.name or "") != (after.name or "")
    )


def _same_customer(case: RescueCase, response: NpsResponse) -> bool:
    """False only when both name a customer and the names differ."""
    a, b = case.customer, response.customer
    if a.email and b.email:
        return a.email.casefold() == b.email.casefold()
    if a.name and b.name:
        return a.name.casefold() == b.name.casefold()
    return True


def _thread(response_id: str) -> RunnableConfig:
    return {
        "configurable": {"thread_id": response_id},
        "recursion_limit": RECURSION_LIMIT,
    }


def _answer(**values: str | None) -> ApprovalAnswer:
    try:
        return ApprovalAnswer.model_validate(values)
    except ValidationError as exc:
        reasons = [error["msg"].removeprefix("Value error, ") for error in exc.errors()]
        raise InputError("; ".join(reasons)) from exc


def _with_events_from_outside(
    existing: RescueCase | None, case: RescueCase
) -> RescueCase:
    """`case` with the events written to the stored case outside the graph.

    A parked run, a resolved task or a late change is noted on the stored
    case only; the graph's own history must not drop them when it saves.
    """
    if existing is None:
        return case
    outside = [event for event in existing.events if event not in case.events]
    if not outside:
        return case
    events = sorted([*case.events, *outside], key=lambda event: event.at)
    return case.model_copy(update={"events": events})


def _fresh_state(response: NpsResponse, hold_reasons: list[str]) -> RescueState:
    # Clearing every value channel makes a changed response start over,
    # while the events channel keeps its history.
    return {
        "response": dump(response),
        "account": None,
        "analysis": None,
        "decision": None,
        "draft": None,
        "task": None,
        "message": None,
        "follow_up_due": "",
        "status": "",
        "hold_reasons": hold_reasons,
        "approval": None,
        "events": [],
    }


@asynccontextmanager
async def open_agent(
    settings: Settings,
    *,
    policy: Policy | None = None,
    reasoner: Reasoner | None = None,
    clock: Callable[[], datetime] | None = None,
    servers: Mapping[str, ServerTarget] | None = None,
) -> AsyncIterator[RescueAgent]:
    """Open the store, the tool sessions and the checkpointer for a run.

    `servers` maps each role to the MCP server that fills it; by default the
    built-in `local` plugin fills every role in process.
    """
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    policy = policy or load_policy(settings.policy_file)

    async with AsyncExitStack() as stack:
        if reasoner is None:
            reasoner = _reasoner(settings, policy)
            if hasattr(reasoner, "aclose"):
                stack.push_async_callback(reasoner.aclose)
        if servers is None:
            local = PluginRegistry().create(
                "local",
                settings.integrations.get("local", {}),
                PluginContext(data_dir=settings.data_dir),
            )
            stack.callback(local.close)
            servers = build_local_servers(local)
        store = CaseStore(settings.store_url)
        stack.callback(store.close)
        tools = await stack.enter_async_context(
            ToolBox(servers, timeout=settings.tool_timeout_seconds)
        )
        saver = await stack.enter_async_context(_checkpointer(settings))
        if _on_postgres(settings):
            await saver.setup()
        context = RescueContext(
            reasoner=reasoner,
            policy=policy,
            tools=tools,
            clock=clock or (lambda: datetime.now(UTC)),
            prompts_dir=settings.prompts_dir,
        )
        yield RescueAgent(store, build_graph(saver), context)


SQLITE_BUSY_SECONDS = 30.0
"""How long a checkpoint write waits for another process's (LG-09): several
MCP stdio servers, one per assistant, share the file."""


@asynccontextmanager
async def _sqlite_saver(settings: Settings) -> AsyncIterator[AsyncSqliteSaver]:
    # from_conn_string keeps sqlite's 5 s busy timeout, too short for that.
    path = str(settings.sqlite_path)
    async with aiosqlite.connect(path, timeout=SQLITE_BUSY_SECONDS) as conn:
        yield AsyncSqliteSaver(conn)


def _reasoner(settings: Settings, policy: Policy) -> Reasoner:
    """The LLM reasoner when a model key is set, else the offline one."""
    offline = OfflineReasoner(settings.prompts_dir, policy.categories)
    if not settings.llm.enabled:
        return offline
    from agent.reasoners.llm import LlmReasoner

    return LlmReasoner(
        settings.llm,
        offline,
        categories=policy.categories,
        prompts_dir=settings.prompts_dir,
    )


def _on_postgres(settings: Settings) -> bool:
    return (settings.database_url or "").startswith("postgresql")


def _checkpointer(
    settings: Settings,
) -> AbstractAsyncContextManager[BaseCheckpointSaver]:
    """The graph's checkpointer: the store's PostgreSQL, or the SQLite file."""
    if not _on_postgres(settings):
        return _sqlite_saver(settings)
    try:
        from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
    except ImportError as exc:
        raise ConfigError(
            "database_url points at PostgreSQL; install nps-rescue[postgres]"
        ) from exc
    # SQLAlchemy URLs name the driver ("postgresql+psycopg://"); libpq does not.
    conninfo = "postgresql://" + settings.database_url.split("://", 1)[1]
    return AsyncPostgresSaver.from_conn_string(conninfo)
