"""The rescue MCP server's tools, resources and prompt, over stdio and HTTP.

Each test runs twice: against `nps-rescue mcp` as a stdio subprocess, and
against `nps-rescue mcp --http` on 127.0.0.1, both through the official
MCP client.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from mcp import Client, MCPError
from rescue_servers import (
    CASE_KEYS,
    TOOLS,
    call,
    count_rows,
    error,
    http_client,
    http_server,
    new_response,
    stdio_client,
    waiting_ids,
)

from agent.models import RescueCase


@pytest.fixture(params=["stdio", "http"])
def connect(request, data_dir):
    """Opens a client session with a fresh server over one transport."""

    @asynccontextmanager
    async def session() -> AsyncIterator[Client]:
        if request.param == "stdio":
            async with stdio_client(data_dir) as opened:
                yield opened
        else:
            async with http_server(data_dir) as url, http_client(url) as opened:
                yield opened

    return session


async def test_server_lists_every_tool_with_a_description_and_both_schemas(
    connect, data_dir
):
    async with connect() as session:
        tools = (await session.list_tools()).tools
        templates = (await session.list_resource_templates()).resource_templates
        resources = (await session.list_resources()).resources
        prompts = (await session.list_prompts()).prompts

    assert {tool.name for tool in tools} == TOOLS
    for tool in tools:
        assert len(tool.description or "") > 30, tool.name
        assert tool.input_schema["type"] == "object", tool.name
        assert tool.output_schema is not None, tool.name
    assert [t.uri_template for t in templates] == ["rescue://cases/{case_id}"]
    assert [str(r.uri) for r in resources] == ["rescue://metrics"]
    assert [p.name for p in prompts] == ["triage_detractors"]


async def test_reading_tools_return_analysis_case_json_and_metrics(connect, data_dir):
    async with connect() as session:
        analysis = await call(
            session,
            "analyze_feedback",
            comment="Your app crashes every time I export a report.",
            score=1,
        )
        listed = await call(session, "list_cases", team="support", limit=3)
        case = await call(session, "get_case", case_id="export:R-1001")
        metrics = await call(session, "rescue_metrics")

    assert analysis["category"] == "product_bug"
    assert analysis["evidence"]
    assert count_rows(data_dir, "responses", "response_id LIKE 'adhoc:%'") == 0
    assert listed["count"] == len(listed["cases"]) == 3
    assert {c["decision"]["team"] for c in listed["cases"]} == {"support"}
    assert set(case) >= CASE_KEYS
    assert RescueCase.model_validate(case).response_id == "export:R-1001"
    assert metrics["detractors"] == metrics["tasks_opened"] > 0
    assert (
        metrics["awaiting_approval"]
        == len([c for c in listed["cases"] if c["status"] == "awaiting_approval"])
        or metrics["awaiting_approval"] > 0
    )


async def test_acting_tools_rescue_approve_reject_and_resolve(connect, data_dir):
    async with connect() as session:
        rescued = await call(session, "rescue_response", response=new_response(1))
        again = await call(session, "rescue_response", response=new_response(1))
        first, second = (await waiting_ids(session))[:2]
        before = await call(session, "get_case", case_id=first)
        edited_body = before["draft"]["body"].replace("Hi ", "Hello ", 1)
        approved = await call(
            session,
            "approve_draft",
            case_id=first,
            body=edited_body,
            approved_by="Sam via Claude",
        )
        rejected = await call(
            session, "reject_draft", case_id=second, reason="Account owner calls"
        )
        resolved = await call(
            session, "mark_task_resolved", case_id=first, note="Fixed in 4.2.1"
        )

    assert set(rescued) >= CASE_KEYS
    assert rescued["task"]["id"] == again["task"]["id"]
    assert count_rows(data_dir, "tasks", "idempotency_key LIKE 'mcp:T-1#%'") == 1
    assert approved["status"] == "reply_queued"
    assert approved["draft"]["body"] == edited_body
    assert "Sam via Claude" in json.dumps(approved["events"])
    assert count_rows(data_dir, "messages", f"response_id = '{first}'") == 1
    assert rejected["status"] == "rejected"
    assert rejected["message"] is None
    assert count_rows(data_dir, "messages", f"response_id = '{second}'") == 0
    assert resolved["status"] == "task_resolved"
    assert resolved["events"][-1]["kind"] == "task_resolved"
    assert count_rows(data_dir, "tasks", "status = 'resolved'") == 1


async def test_resources_give_a_case_and_the_metrics_and_the_prompt_lists_today(
    connect, data_dir
):
    async with connect() as session:
        await call(session, "rescue_response", response=new_response(7))
        case = await session.read_resource("rescue://cases/mcp:T-7")
        metrics = await session.read_resource("rescue://metrics")
        prompt = await session.get_prompt("triage_detractors")

    body = json.loads(case.contents[0].text)
    assert case.contents[0].mime_type == "application/json"
    assert body["response_id"] == "mcp:T-7"
    assert set(body) >= CASE_KEYS
    assert json.loads(metrics.contents[0].text)["responses"] == 29
    text = prompt.messages[0].content.text
    assert "`mcp:T-7`: score 2" in text
    assert "export:R-1001" not in text
    assert "approve_draft" in text


async def test_bad_arguments_and_unknown_ids_are_tool_errors_written_for_the_assistant(
    connect, data_dir
):
    async with connect() as session:
        unknown = await error(session, "get_case", case_id="export:R-9999")
        bad_score = await error(session, "analyze_feedback", comment="x", score=11)
        no_reason = await error(session, "reject_draft", case_id="export:R-1001")
        sent = (await call(session, "list_cases", status="reply_queued"))["cases"]
        not_waiting = await error(
            session, "approve_draft", case_id=sent[0]["response_id"]
        )
        waiting = (await waiting_ids(session))[0]
        draft = (await call(session, "get_case", case_id=waiting))["draft"]["body"]
        canned = await error(
            session,
            "approve_draft",
            case_id=waiting,
            body="We apologize for any inconvenience. " + draft,
        )
        bad_id = await error(
            session, "rescue_response", response=new_response(3, response_id="T-3")
        )
        with pytest.raises(MCPError, match="no case with id 'nope'"):
            await session.read_resource("rescue://cases/nope")
        still = await call(session, "get_case", case_id=waiting)

    assert "no case with id 'export:R-9999'; list_cases shows open cases" in unknown
    assert "invalid arguments for analyze_feedback: score:" in bad_score
    assert "11" not in bad_score
    assert "reason: Field required" in no_reason
    assert "is not waiting for approval (status reply_queued)" in not_waiting
    assert "fails the guardrails (boilerplate" in canned
    assert "must be '<source>:<id at the source>'" in bad_id
    assert still["status"] == "awaiting_approval"
    assert count_rows(data_dir, "messages", f"response_id = '{waiting}'") == 0
    for text in (unknown, bad_score, not_waiting, canned):
        assert "Traceback" not in text
