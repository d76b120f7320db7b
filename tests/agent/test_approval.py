"""Drafts that wait for a person: the approval interrupt, resumed later."""

from __future__ import annotations

import sqlite3

import pytest
from builders import make_response

from agent.app import open_agent
from agent.errors import CaseNotFound, InputError, IntegrationError
from agent.models import CaseStatus
from plugins import PluginContext, PluginRegistry
from tools import build_local_servers, build_messenger_server

BUG = "The CSV export has failed every day this week and I need it for payroll."


@pytest.fixture
def held(policy):
    """The policy with every reply waiting for a person."""
    approval = policy.approval.model_copy(update={"auto_send": False})
    return policy.model_copy(update={"approval": approval})


def _count(settings, table: str) -> int:
    with sqlite3.connect(settings.data_dir / "local.sqlite") as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _sent_bodies(settings) -> list[str]:
    with sqlite3.connect(settings.data_dir / "local.sqlite") as conn:
        return [row[0] for row in conn.execute("SELECT body FROM messages")]


async def _waiting_case(settings, held, response=None):
    async with open_agent(settings, policy=held) as agent:
        case = (await agent.process(response or make_response(BUG, score=2))).case
        snapshot = await agent.graph.aget_state(
            {"configurable": {"thread_id": case.response_id}}
        )
    return case, snapshot


async def test_waiting_draft_pauses_the_graph_after_the_task_before_any_message(
    settings, held
):
    case, snapshot = await _waiting_case(settings, held)

    assert case.status == CaseStatus.AWAITING_APPROVAL
    assert snapshot.next == ("approval",)
    assert snapshot.interrupts[0].value["body"] == case.draft.body
    assert case.task is not None
    assert case.message is None
    assert (_count(settings, "tasks"), _count(settings, "messages")) == (1, 0)


async def test_approval_after_a_restart_sends_exactly_one_reply_and_no_new_task(
    settings, held
):
    waiting, _ = await _waiting_case(settings, held)

    async with open_agent(settings, policy=held) as agent:
        approved = await agent.approve(waiting.response_id, by="Sam")
    async with open_agent(settings, policy=held) as agent:
        with pytest.raises(InputError, match="not waiting for approval"):
            await agent.approve(waiting.response_id)

    assert approved.status == CaseStatus.REPLY_QUEUED
    assert approved.message is not None
    assert approved.task == waiting.task
    assert [e.kind for e in approved.events].count("task_opened") == 1
    assert "approved" in [e.kind for e in approved.events]
    assert (_count(settings, "tasks"), _count(settings, "messages")) == (1, 1)
    assert _count(settings, "activities") == 1
    assert _sent_bodies(settings) == [waiting.draft.body]


async def test_approval_with_an_edited_body_sends_the_edit_once_checked(settings, held):
    waiting, _ = await _waiting_case(settings, held)
    edited = waiting.draft.body.replace("Hi Dana", "Hello Dana", 1)
    assert edited != waiting.draft.body

    async with open_agent(settings, policy=held) as agent:
        approved = await agent.approve(waiting.response_id, body=edited)

    assert approved.draft.body == edited
    assert approved.draft.guardrails.passed
    assert approved.events[-3].detail.endswith("edited")
    assert _sent_bodies(settings) == [edited]


async def test_edited_body_failing_the_guardrails_is_refused_and_the_case_waits(
    settings, held
):
    waiting, _ = await _waiting_case(settings, held)
    canned = "We take your feedback seriously. " + waiting.draft.body

    async with open_agent(settings, policy=held) as agent:
        with pytest.raises(InputError, match=r"fails the guardrails.*boilerplate"):
            await agent.approve(waiting.response_id, body=canned)
        still = agent.get(waiting.response_id)
        approved = await agent.approve(waiting.response_id)

    assert still.status == CaseStatus.AWAITING_APPROVAL
    assert still.draft == waiting.draft
    assert still.events[-1].kind == "approval_refused"
    assert approved.status == CaseStatus.REPLY_QUEUED
    assert _sent_bodies(settings) == [waiting.draft.body]


async def test_rejected_draft_sends_nothing_and_keeps_the_task(settings, held):
    waiting, _ = await _waiting_case(settings, held)

    async with open_agent(settings, policy=held) as agent:
        rejected = await agent.reject(
            waiting.response_id, "Dana's manager will call instead", by="Sam"
        )

    assert rejected.status == CaseStatus.REJECTED
    assert rejected.message is None
    assert rejected.task == waiting.task
    assert "by Sam: Dana's manager will call instead" in rejected.events[-2].detail
    assert (_count(settings, "tasks"), _count(settings, "messages")) == (1, 0)


async def test_rejection_without_a_reason_is_refused_before_the_graph_runs(
    settings, held
):
    waiting, _ = await _waiting_case(settings, held)

    async with open_agent(settings, policy=held) as agent:
        with pytest.raises(InputError, match="a rejection needs a reason"):
            await agent.reject(waiting.response_id, "  ")
        assert agent.get(waiting.response_id).status == CaseStatus.AWAITING_APPROVAL


async def test_reply_with_no_email_address_cannot_be_approved_only_rejected(
    settings, held
):
    anonymous = make_response(BUG, score=2, email=None)
    waiting, _ = await _waiting_case(settings, held, anonymous)

    async with open_agent(settings, policy=held) as agent:
        with pytest.raises(InputError, match="no email address"):
            await agent.approve(waiting.response_id)
        rejected = await agent.reject(waiting.response_id, "called them instead")

    assert rejected.status == CaseStatus.REJECTED
    assert _count(settings, "messages") == 0


async def test_answering_an_unknown_case_names_the_id(settings):
    async with open_agent(settings) as agent:
        with pytest.raises(CaseNotFound, match="no case with id 'export:nope'"):
            await agent.approve("export:nope")


async def test_resolving_the_task_of_a_sent_reply_readies_the_follow_up(settings):
    calm = make_response(
        "The dashboard takes a good twenty seconds to load each morning.", score=6
    )

    async with open_agent(settings) as agent:
        sent = (await agent.process(calm)).case
        resolved = await agent.resolve_task(sent.response_id, "Cached the dashboard")
        again = await agent.resolve_task(sent.response_id, "Second note")

    assert sent.status == CaseStatus.REPLY_QUEUED
    assert resolved.status == CaseStatus.TASK_RESOLVED
    assert resolved.events[-1].kind == "task_resolved"
    assert "Cached the dashboard" in resolved.events[-1].detail
    assert "Cached the dashboard" in again.events[-1].detail
    with sqlite3.connect(settings.data_dir / "local.sqlite") as conn:
        rows = conn.execute("SELECT status, note FROM tasks").fetchall()
    assert rows == [("resolved", "Cached the dashboard")]


async def test_task_resolved_while_waiting_is_picked_up_once_the_reply_goes_out(
    settings, held
):
    waiting, _ = await _waiting_case(settings, held)

    async with open_agent(settings, policy=held) as agent:
        noted = await agent.resolve_task(waiting.response_id, "Export fixed")
        approved = await agent.approve(waiting.response_id)

    assert noted.status == CaseStatus.AWAITING_APPROVAL
    assert approved.status == CaseStatus.TASK_RESOLVED
    kinds = [e.kind for e in approved.events]
    assert kinds.index("task_resolved") < kinds.index("approved")
    assert _count(settings, "messages") == 1


class _CrashAfterSending:
    """A messenger whose connection drops after the message went out."""

    def __init__(self, real) -> None:
        self.real = real
        self.dropping = True

    async def send_message(self, **kwargs):
        sent = await self.real.send_message(**kwargs)
        if self.dropping:
            raise IntegrationError("connection reset after the message was queued")
        return sent


async def test_send_that_failed_after_the_message_went_out_resumes_without_a_second(
    settings, held
):
    response = make_response(BUG, score=2)
    local = PluginRegistry().create("local", {}, PluginContext(settings.data_dir))
    messenger = _CrashAfterSending(local)
    servers = build_local_servers(local)
    servers["messenger"] = build_messenger_server(messenger)

    async with open_agent(settings, policy=held, servers=servers) as agent:
        await agent.process(response)
        parked = await agent.approve(response.response_id)
        messenger.dropping = False
        resumed = (await agent.process(response)).case
    local.close()

    assert parked.status == CaseStatus.PARKED
    assert "connection reset" in parked.events[-1].detail
    assert resumed.status == CaseStatus.REPLY_QUEUED
    assert resumed.message is not None
    assert (_count(settings, "tasks"), _count(settings, "messages")) == (1, 1)
