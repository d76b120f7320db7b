"""What only stdio has: stdout kept for protocol, one process per assistant."""

from __future__ import annotations

import asyncio
import json
import sys
from contextlib import AsyncExitStack
from pathlib import Path

from mcp import Client, StdioServerParameters
from rescue_servers import (
    COMMAND,
    TIMEOUT,
    call,
    count_rows,
    error,
    new_response,
    server_env,
    stdio_client,
    waiting_ids,
)

HERE = Path(__file__).parent


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
        a = await stack.enter_async_context(stdio_client(data_dir))
        b = await stack.enter_async_context(stdio_client(data_dir))
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


async def test_an_internal_failure_shows_the_assistant_an_error_id_not_the_details(
    data_dir, tmp_path
):
    broken = tmp_path / "prompts" / "tasks"
    broken.mkdir(parents=True)
    (broken / "task_title.txt.j2").write_text("{{ no_such_variable }}", "utf-8")
    config = tmp_path / "settings.toml"
    config.write_text(
        f'data_dir = "{data_dir}"\nprompts_dir = "{broken.parent}"\n', "utf-8"
    )
    stderr_file = tmp_path / "stderr.log"
    server = StdioServerParameters(
        command=sys.executable,
        args=[
            str(HERE / "stdout_tee.py"),
            str(tmp_path / "stdout.jsonl"),
            str(stderr_file),
            str(COMMAND),
            "mcp",
            "--config",
            str(config),
        ],
        env=server_env(),
    )

    async with Client(server, read_timeout_seconds=TIMEOUT) as session:
        text = await error(session, "rescue_response", response=new_response(20))

    error_id = text.rsplit("error id ", 1)[1].strip()
    assert "whoever runs the server" in text
    assert "no_such_variable" not in text
    logged = stderr_file.read_text(encoding="utf-8")
    assert f"error_id={error_id}" in logged
    assert "no_such_variable" in logged
