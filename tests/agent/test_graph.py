"""The rescue graph end to end: offline reasoner, local plugin over MCP."""

from __future__ import annotations

import sqlite3

import pytest
from builders import make_response

from agent.app import open_agent
from agent.errors import IntegrationError
from agent.models import CaseStatus, Draft
from agent.offline import OfflineReasoner
from agent.state import case_from_state
from plugins import PluginContext, PluginRegistry
from tools import build_local_servers, build_ticketing_server

BUG = "The CSV export has failed every day this week and I need it for payroll."


def _count(settings, table: str) -> int:
    with sqlite3.connect(settings.data_dir / "local.sqlite") as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


async def test_detractor_gets_analysis_decision_draft_and_task(settings):
    async with open_agent(settings) as agent:
        processed = await agent.process(make_response(BUG, score=2))

    case = processed.case
    assert processed.action == "rescued"
    assert case.analysis.category == "product_bug"
    assert case.decision.team == "support"
    assert case.draft.body.startswith("Hi Dana") or "Dana" in case.draft.body
    assert case.draft.guardrails is not None
    assert case.task.id.startswith("LOC-")
    assert case.follow_up_due == case.decision.follow_up_by
    assert [e.kind for e in case.events][:3] == ["analyzed", "decided", "drafted"]
    assert agent.store.get(case.response_id) == case


async def test_auto_approved_reply_is_queued_with_the_messenger(settings):
    calm = make_response(
        "The dashboard takes a good twenty seconds to load each morning.", score=6
    )

    async with open_agent(settings) as agent:
        case = (await agent.process(calm)).case

    assert case.status == CaseStatus.REPLY_QUEUED, case.decision.reasons
    assert case.message is not None
    assert _count(settings, "messages") == 1


async def test_processing_the_same_response_twice_creates_one_task_and_message(
    settings,
):
    response = make_response(BUG, score=2)

    async with open_agent(settings) as agent:
        first = await agent.process(response)
    async with open_agent(settings) as agent:
        second = await agent.process(response)

    assert second.action == "unchanged"
    assert second.case == first.case
    assert _count(settings, "tasks") == 1
    assert _count(settings, "messages") <= 1
    assert _count(settings, "activities") == 1


async def test_promoter_is_recorded_without_a_draft_or_task(settings):
    async with open_agent(settings) as agent:
        processed = await agent.process(make_response("Love it", score=9))

    assert processed.action == "recorded"
    assert processed.case.status == CaseStatus.RECORDED
    assert processed.case.draft is None
    assert _count(settings, "tasks") == 0


class _DownTicketing:
    """A ticketing system that fails until it is told to recover."""

    def __init__(self, real) -> None:
        self.real = real
        self.down = True
        self.attempts = 0

    async def create_task(self, **kwargs):
        self.attempts += 1
        if self.down:
            raise IntegrationError("ticketing is down for maintenance")
        return await self.real.create_task(**kwargs)

    async def update_task(self, **kwargs):
        return await self.real.update_task(**kwargs)

    async def get_task(self, task_id):
        return await self.real.get_task(task_id)

    async def list_resolved_tasks(self, since):
        return await self.real.list_resolved_tasks(since)

    async def resolve_task(self, task_id, note):
        return await self.real.resolve_task(task_id, note)


async def test_failed_integration_parks_the_case_and_a_rerun_resumes_it(settings):
    local = PluginRegistry().create("local", {}, PluginContext(settings.data_dir))
    ticketing = _DownTicketing(local)
    servers = build_local_servers(local)
    servers["ticketing"] = build_ticketing_server(ticketing)
    response = make_response(BUG, score=2)

    async with open_agent(settings, servers=servers) as agent:
        parked = await agent.process(response)
        ticketing.down = False
        resumed = await agent.process(response)
    local.close()

    assert parked.action == "parked"
    assert parked.case.status == CaseStatus.PARKED
    assert "ticketing is down" in parked.case.events[-1].detail
    assert ticketing.attempts >= 3
    assert resumed.action == "resumed"
    assert resumed.case.task is not None
    assert _count(settings, "tasks") == 1


class _CrashingDrafter(OfflineReasoner):
    async def draft(self, request):
        raise RuntimeError("the drafting process was killed")


async def test_run_that_crashed_mid_graph_resumes_where_it_stopped(settings):
    response = make_response(BUG, score=2)

    async with open_agent(settings, reasoner=_CrashingDrafter()) as agent:
        with pytest.raises(RuntimeError, match="killed"):
            await agent.process(response)
    async with open_agent(settings) as agent:
        resumed = await agent.process(response)

    assert resumed.action == "resumed"
    assert [e.kind for e in resumed.case.events].count("analyzed") == 1
    assert _count(settings, "tasks") == 1


class _BoilerplateFirst(OfflineReasoner):
    """Writes a canned apology first, then the real draft when asked again."""

    async def draft(self, request):
        real = await super().draft(request)
        if request.revision == 0:
            body = "We take your feedback seriously. " + real.body
            return real.model_copy(update={"body": body})
        return real


class _AlwaysBoilerplate(OfflineReasoner):
    async def draft(self, request):
        real = await super().draft(request)
        body = "Sorry for any inconvenience, valued customer. " + real.body
        return real.model_copy(update={"body": body})


async def test_draft_failing_guardrails_is_rewritten_once(settings):
    async with open_agent(settings, reasoner=_BoilerplateFirst()) as agent:
        case = (await agent.process(make_response(BUG, score=2))).case

    kinds = [e.kind for e in case.events]
    assert "revision_requested" in kinds
    assert "redrafted" in kinds
    assert case.draft.revision == 1
    assert case.draft.guardrails.passed


async def test_draft_still_failing_after_the_rewrite_waits_with_the_reasons(
    settings,
):
    calm = make_response("Search results are slow to appear.", score=6)

    async with open_agent(settings, reasoner=_AlwaysBoilerplate()) as agent:
        case = (await agent.process(calm)).case

    assert case.status == CaseStatus.AWAITING_APPROVAL
    assert any("guardrails failed after a rewrite" in r for r in case.decision.reasons)
    assert "boilerplate" in [c.name for c in case.draft.guardrails.failures]
    assert case.message is None
    assert _count(settings, "messages") == 0


async def test_changed_response_before_any_reply_is_analysed_again(settings, policy):
    first = make_response("", score=3)
    changed = first.model_copy(update={"comment": BUG})
    held = policy.model_copy(
        update={"approval": policy.approval.model_copy(update={"auto_send": False})}
    )

    async with open_agent(settings, policy=held) as agent:
        vague = (await agent.process(first)).case
        again = await agent.process(changed)

    assert vague.analysis.is_vague
    assert again.action == "rescued"
    assert again.case.analysis.category == "product_bug"
    assert again.case.draft.revision == 0
    assert _count(settings, "tasks") == 1


def _task_row(settings, task_id: str) -> tuple[str, str]:
    number = int(task_id.removeprefix("LOC-"))
    with sqlite3.connect(settings.data_dir / "local.sqlite") as conn:
        return conn.execute(
            "SELECT team, title FROM tasks WHERE id = ?", (number,)
        ).fetchone()


BILLING = "You charged my card twice for November and the refund never arrived."


async def test_changed_held_answer_moves_its_one_task_to_the_new_team(settings, policy):
    first = make_response(BILLING, score=2)
    changed = first.model_copy(update={"comment": BUG})
    held = policy.model_copy(
        update={"approval": policy.approval.model_copy(update={"auto_send": False})}
    )

    async with open_agent(settings, policy=held) as agent:
        before = (await agent.process(first)).case
        after = (await agent.process(changed)).case

    assert before.task.team == "billing"
    assert after.task.id == before.task.id
    assert after.task.team == "support"
    assert _task_row(settings, after.task.id)[0] == "support"
    assert "task_updated" in [e.kind for e in after.events]
    assert _count(settings, "tasks") == 1


class _CrashBeforeGraph:
    """A graph whose every run dies before it starts, like a killed process."""

    async def aget_state(self, config):
        raise RuntimeError("killed before the graph ran")


async def test_changed_answer_saved_before_a_crash_is_processed_on_the_next_run(
    settings, policy
):
    first = make_response(BILLING, score=2)
    changed = first.model_copy(update={"comment": BUG})
    held = policy.model_copy(
        update={"approval": policy.approval.model_copy(update={"auto_send": False})}
    )

    async with open_agent(settings, policy=held) as agent:
        await agent.process(first)
        real_graph, agent.graph = agent.graph, _CrashBeforeGraph()
        with pytest.raises(RuntimeError, match="killed"):
            await agent.process(changed)
        agent.graph = real_graph
        again = await agent.process(changed)

    assert again.action == "rescued"
    assert again.case.comment == BUG
    assert again.case.analysis.category == "product_bug"
    assert _count(settings, "tasks") == 1


async def test_an_identical_answer_with_new_properties_is_left_alone(settings):
    first = make_response(BUG, score=2)
    extra = first.model_copy(update={"properties": {"region": "EMEA"}})

    async with open_agent(settings) as agent:
        await agent.process(first)
        again = await agent.process(extra)

    assert again.action == "unchanged"


async def test_held_detractor_who_now_scores_nine_keeps_case_and_task(settings, policy):
    first = make_response(BILLING, score=2)
    promoter = first.model_copy(update={"score": 9, "comment": "Sorted now, thanks"})
    held = policy.model_copy(
        update={"approval": policy.approval.model_copy(update={"auto_send": False})}
    )

    async with open_agent(settings, policy=held) as agent:
        before = (await agent.process(first)).case
        after = await agent.process(promoter)

    assert after.action == "changed"
    assert after.case.status == CaseStatus.AWAITING_APPROVAL
    assert after.case.task == before.task
    assert after.case.score == 9
    assert "score 2 -> 9" in after.case.events[-1].detail
    assert after.case.events[: len(before.events)] == before.events
    assert _count(settings, "messages") == 0


async def test_checkpointed_state_round_trips_to_the_stored_case(settings):
    response = make_response(BUG, score=2)

    async with open_agent(settings) as agent:
        case = (await agent.process(response)).case
        config = {"configurable": {"thread_id": response.response_id}}
        snapshot = await agent.graph.aget_state(config)

    rebuilt = case_from_state(snapshot.values, case.status)
    assert rebuilt == case
    assert Draft.model_validate(snapshot.values["draft"]) == case.draft


async def test_task_body_lays_out_the_case_without_card_numbers(settings):
    comment = (
        "You charged card 4111 1111 1111 1111 twice for November. "
        "Call me on 07700 900123."
    )

    async with open_agent(settings) as agent:
        case = (await agent.process(make_response(comment, score=1))).case
    with sqlite3.connect(settings.data_dir / "local.sqlite") as conn:
        (body,) = conn.execute("SELECT body FROM tasks").fetchone()

    assert "4111" not in body
    assert "[card number removed]" in body
    assert "07700 900123" in body
    assert "\nScore: 1 / 10, submitted 2026-12-03" in body
    assert f"\nCategory: {case.analysis.category}" in body
    assert "\nArea: " in body
