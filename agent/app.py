"""The agent assembled: store, tool sessions, checkpointer and graph.

`open_agent` is the one place that wires the parts together; the CLI and
any server open it once and feed it responses.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import (
    AbstractAsyncContextManager,
    AsyncExitStack,
    asynccontextmanager,
)
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

import structlog
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver
from langgraph.graph.state import CompiledStateGraph

from agent.errors import ConfigError, InputError, IntegrationError
from agent.graph import RECURSION_LIMIT, build_graph
from agent.models import CaseEvent, CaseStatus, NpsResponse, RescueCase
from agent.offline import OfflineReasoner
from agent.policy import Policy, load_policy
from agent.reasoners import Reasoner
from agent.settings import Settings
from agent.state import RescueContext, RescueState, case_from_state, dump
from agent.store import CaseStore
from plugins import PluginContext, PluginRegistry
from plugins.roles import AccountLookup, RecordedResponse
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

        if existing and existing.status != CaseStatus.PARKED and not recorded.changed:
            return Processed(existing, "unchanged")
        if existing and existing.message is not None:
            return Processed(self._note_late_change(existing, response), "changed")
        if not response.is_detractor:
            return Processed(await self._record(response), "recorded")

        config = {
            "configurable": {"thread_id": response.response_id},
            "recursion_limit": RECURSION_LIMIT,
        }
        snapshot = await self.graph.aget_state(config)
        resuming = bool(snapshot.next) and not recorded.changed
        start: RescueState | None = None
        if not resuming:
            start = _fresh_state(response, list(hold_reasons))

        try:
            values = await self.graph.ainvoke(
                start, config, context=self.context, durability="sync"
            )
        except IntegrationError as exc:
            log.warning("case_parked", tool=exc.tool, reason=str(exc))
            snapshot = await self.graph.aget_state(config)
            case = case_from_state(snapshot.values, CaseStatus.PARKED)
            case.events.append(
                CaseEvent(at=self.context.clock(), kind="parked", detail=str(exc))
            )
            self.store.save(case)
            return Processed(case, "parked")

        case = case_from_state(values, CaseStatus(values["status"]))
        self.store.save(case)
        log.info("case_saved", status=case.status.value, resumed=resuming)
        return Processed(case, "resumed" if resuming else "rescued")

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
        self.store.save(case)
        return case

    def _note_late_change(
        self, existing: RescueCase, response: NpsResponse
    ) -> RescueCase:
        """Keep what the customer added after the reply went to the messenger.

        The reply is not redrafted: the customer already has it. The case
        keeps the new score and comment and says what changed, so a person
        can write back about it.
        """
        changes = []
        if response.score != existing.score:
            changes.append(f"score {existing.score} -> {response.score}")
        if response.comment != existing.comment:
            changes.append("comment " + ("added" if not existing.comment else "edited"))
        detail = (
            f"{', '.join(changes) or 'details changed'} after the reply was "
            "queued; the reply was not redrafted, so read the new comment"
        )
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
        self.store.save(case)
        return case


def _same_customer(case: RescueCase, response: NpsResponse) -> bool:
    """False only when both name a customer and the names differ."""
    a, b = case.customer, response.customer
    if a.email and b.email:
        return a.email.casefold() == b.email.casefold()
    if a.name and b.name:
        return a.name.casefold() == b.name.casefold()
    return True


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
        return AsyncSqliteSaver.from_conn_string(str(settings.sqlite_path))
    try:
        from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
    except ImportError as exc:
        raise ConfigError(
            "database_url points at PostgreSQL; install nps-rescue[postgres]"
        ) from exc
    # SQLAlchemy URLs name the driver ("postgresql+psycopg://"); libpq does not.
    conninfo = "postgresql://" + settings.database_url.split("://", 1)[1]
    return AsyncPostgresSaver.from_conn_string(conninfo)
