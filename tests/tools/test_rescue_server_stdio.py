"""`nps-rescue mcp` over stdio, driven by the official MCP client."""

from __future__ import annotations

import asyncio
import json
import sys
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from pathlib import Path

import pytest
from mcp import Client, MCPError, StdioServerParameters
from rescue_servers import COMMAND, count_rows, server_env

from agent.models import RescueCase

HERE = Path(__file__).parent
TIMEOUT = 60

TOOLS = {
    "analyze_feedback",
    "rescue_response",
    "list_cases",
    "get_case",
    "approve_draft",
    "reject_draft",
    "mark_task_resolved",
    "rescue_metrics",
}

CASE_KEYS = {
    "response_id",
    "source",
    "score",
    "comment",
    "customer",
    "submitted_at",
    "status",
    "analysis",
    "decision",
    "draft",
    "task",
    "events",
    "outcome",
}


def stdio(data_dir: Path) -> StdioServerParameters:
    return StdioServerParameters(
        command=str(COMMAND),
        args=["mcp"],
        env=server_env(NPS_RESCUE_DATA_DIR=str(data_dir)),
    )


def client(data_dir: Path) -> Client:
    return Client(stdio(data_dir), read_timeout_seconds=TIMEOUT)


def new_response(number: int, score: int = 2, **changes) -> dict:
    response = {
        "response_id": f"mcp:T-{number}",
        "source": "mcp",
        "score": score,
        "comment": "Invoices have shown the wrong VAT rate since the March update.",
        "customer": {"email": f"alex{number}@kestrelbay.example.com", "name": "Alex"},
        "submitted_at": datetime.now(UTC).isoformat(),
    }
    return {**response, **changes}


async def call(session: Client, tool: str, **arguments) -> dict:
    result = await session.call_tool(tool, arguments)
    assert not result.is_error, result.content
    return result.structured_content


async def error(session: Client, tool: str, **arguments) -> str:
    result = await session.call_tool(tool, arguments)
    assert result.is_error, result.structured_content
    return " ".join(block.text for block in result.content)


async def waiting_ids(session: Client) -> list[str]:
    found = await call(session, "list_cases", status="awaiting_approval", limit=50)
    return [case["response_id"] for case in found["cases"]]


async def test_server_lists_every_tool_with_a_description_and_both_schemas(
    data_dir,
):
    async with client(data_dir) as session:
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


async def test_reading_tools_return_analysis_case_json_and_metrics(data_dir):
    async with client(data_dir) as session:
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


async def test_acting_tools_rescue_approve_reject_and_resolve(data_dir):
    async with client(data_dir) as session:
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
    data_dir,
):
    async with client(data_dir) as session:
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
    data_dir,
):
    async with client(data_dir) as session:
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


async def test_every_byte_the_server_writes_to_stdout_is_a_json_rpc_message(
    data_dir, tmp_path
):
    stdout_copy, stderr_file = tmp_path / "stdout.jsonl", tmp_path / "stderr.log"
    tee = StdioServerParameters(
        command=sys.executable,
        args=[
            str(HERE / "stdout_tee.py"),
            str(stdout_copy),
            str(stderr_file),
            str(COMMAND),
            "mcp",
            "--config",
            str(_verbose_config(tmp_path, data_dir)),
        ],
        env=server_env(),
    )

    async with Client(tee, read_timeout_seconds=TIMEOUT) as session:
        await session.list_tools()
        await call(session, "rescue_response", response=new_response(5))
        await error(session, "get_case", case_id="nope")
        await session.read_resource("rescue://metrics")
        await session.get_prompt("triage_detractors")

    raw = stdout_copy.read_bytes()
    assert raw.endswith(b"\n")
    messages = [json.loads(line) for line in raw.decode("utf-8").splitlines()]
    assert len(messages) >= 6
    assert all(message["jsonrpc"] == "2.0" for message in messages)
    assert all({"id", "method"} & set(message) for message in messages)
    logged = stderr_file.read_text(encoding="utf-8")
    assert "tool_call" in logged
    assert "node" in logged


def _verbose_config(tmp_path: Path, data_dir: Path) -> Path:
    """Settings that log at info, so a stray log line would show up."""
    config = tmp_path / "settings.toml"
    config.write_text(
        f'data_dir = "{data_dir}"\nlog_level = "info"\n', encoding="utf-8"
    )
    return config


async def test_two_assistants_on_one_store_make_one_task_and_one_reply_per_case(
    data_dir,
):
    async with AsyncExitStack() as stack:
        a = await stack.enter_async_context(client(data_dir))
        b = await stack.enter_async_context(client(data_dir))
        waiting = (await waiting_ids(a))[0]

        async with asyncio.timeout(TIMEOUT):
            rescued = await asyncio.gather(
                call(a, "rescue_response", response=new_response(10)),
                call(b, "rescue_response", response=new_response(10)),
                call(a, "rescue_response", response=new_response(11)),
                call(b, "rescue_response", response=new_response(12)),
            )
            answers = await asyncio.gather(
                a.call_tool("approve_draft", {"case_id": waiting}),
                b.call_tool("approve_draft", {"case_id": waiting}),
            )
        from_b = await call(b, "get_case", case_id=waiting)

    assert rescued[0]["task"] == rescued[1]["task"]
    assert count_rows(data_dir, "tasks", "idempotency_key LIKE 'mcp:T-%'") == 3
    assert count_rows(data_dir, "messages", f"response_id = '{waiting}'") == 1
    assert any(not answer.is_error for answer in answers)
    for answer in answers:
        if answer.is_error:
            assert "not waiting for approval" in answer.content[0].text
    assert from_b["status"] == "reply_queued"
