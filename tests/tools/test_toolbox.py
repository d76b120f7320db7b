"""ToolBox: bounded MCP calls, clear errors, one log event per call, stdio."""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import socket
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from mcp import StdioServerParameters
from mcp.server import MCPServer
from pydantic import BaseModel
from structlog.testing import capture_logs

import tools
from agent.errors import ConfigError, IntegrationError
from plugins import CreatedTask, Notified, TaskInfo
from plugins.local import LocalIntegration
from tools import ToolBox, build_ticketing_server

HERE = Path(__file__).parent
SHORT_TIMEOUT = 0.5

TASK = {
    "idempotency_key": "csv:9",
    "team": "support",
    "title": "Slow dashboard",
    "body": "My secret comment about the dashboard",
    "priority": "P3",
    "due_date": date(2026, 3, 9),
    "labels": [],
}


class _Pong(BaseModel):
    reply: str


def _stalling_server(never: asyncio.Event) -> MCPServer:
    """A tiny server whose `stall` tool waits for an event that never fires."""
    server = MCPServer("stalling")

    @server.tool()
    async def stall() -> _Pong:
        """Never answers."""
        await never.wait()
        return _Pong(reply="late")

    @server.tool()
    async def ping() -> _Pong:
        """Answers at once."""
        return _Pong(reply="pong")

    return server


@pytest.fixture
def integration(tmp_path):
    built = LocalIntegration(tmp_path / "local.sqlite")
    yield built
    built.close()


@pytest.fixture
def ticketing(integration) -> dict[str, MCPServer]:
    return {"ticketing": build_ticketing_server(integration)}


async def test_tool_error_becomes_an_integration_error_naming_role_and_tool(
    ticketing,
):
    async with ToolBox.in_process(ticketing, timeout=5) as box:
        with pytest.raises(IntegrationError) as caught:
            await box.call(
                "ticketing", "get_task", {"task_id": "LOC-9"}, result_model=TaskInfo
            )

    assert str(caught.value) == (
        "ticketing tool 'get_task' failed: no task with id 'LOC-9'"
    )
    assert caught.value.tool == "get_task"


async def test_unknown_tool_becomes_an_integration_error(ticketing):
    async with ToolBox.in_process(ticketing, timeout=5) as box:
        with pytest.raises(IntegrationError, match="'delete_task' failed"):
            await box.call("ticketing", "delete_task", {}, result_model=TaskInfo)


async def test_bad_arguments_error_does_not_echo_the_values(ticketing):
    arguments = TASK | {"priority": "urgent"}

    async with ToolBox.in_process(ticketing, timeout=5) as box:
        with pytest.raises(IntegrationError, match="priority") as caught:
            await box.call("ticketing", "create_task", arguments, result_model=TaskInfo)

    assert "secret comment" not in str(caught.value)


async def test_result_of_the_wrong_shape_becomes_an_integration_error(ticketing):
    async with ToolBox.in_process(ticketing, timeout=5) as box:
        with pytest.raises(IntegrationError, match="not a TaskInfo"):
            await box.call("ticketing", "create_task", TASK, result_model=TaskInfo)


async def test_hanging_tool_fails_within_the_timeout():
    never = asyncio.Event()
    servers = {"slow": _stalling_server(never)}

    async with ToolBox.in_process(servers, timeout=SHORT_TIMEOUT) as box:
        started = time.perf_counter()
        with pytest.raises(IntegrationError, match=r"'stall' failed: no answer"):
            await box.call("slow", "stall", {}, result_model=_Pong)
        elapsed = time.perf_counter() - started
        after = await box.call("slow", "ping", {}, result_model=_Pong)

    assert SHORT_TIMEOUT * 0.9 <= elapsed < SHORT_TIMEOUT + 1.0
    assert after.reply == "pong"


async def test_each_call_logs_one_event_without_the_arguments(ticketing):
    async with ToolBox.in_process(ticketing, timeout=5) as box:
        with capture_logs() as logs:
            await box.call("ticketing", "create_task", TASK, result_model=CreatedTask)
            with pytest.raises(IntegrationError):
                await box.call(
                    "ticketing", "get_task", {"task_id": "LOC-7"}, result_model=TaskInfo
                )

    calls = [entry for entry in logs if entry["event"] == "tool_call"]
    assert [(c["tool"], c["outcome"], c["log_level"]) for c in calls] == [
        ("create_task", "ok", "info"),
        ("get_task", "tool_error", "warning"),
    ]
    assert all(c["role"] == "ticketing" and c["duration_ms"] >= 0 for c in calls)
    assert "secret comment" not in repr(logs)


async def test_unknown_role_is_a_config_error(ticketing):
    async with ToolBox.in_process(ticketing, timeout=5) as box:
        with pytest.raises(ConfigError, match="no tool server for role 'crm'"):
            await box.call("crm", "lookup_account", {}, result_model=TaskInfo)


async def test_calling_a_toolbox_that_is_not_open_is_refused(ticketing):
    box = ToolBox.in_process(ticketing, timeout=5)

    with pytest.raises(RuntimeError, match="async with"):
        await box.call("ticketing", "get_task", {}, result_model=TaskInfo)


def test_timeout_must_be_positive(ticketing):
    with pytest.raises(ConfigError, match="must be positive"):
        ToolBox.in_process(ticketing, timeout=0)


@pytest.fixture
async def open_toolbox(ticketing):
    """Opened in the fixture's task and closed in another one (MCP-02)."""
    async with ToolBox.in_process(ticketing, timeout=5) as box:
        yield box


async def test_toolbox_opened_in_a_fixture_is_usable_from_the_test(open_toolbox):
    created = await open_toolbox.call(
        "ticketing", "create_task", TASK, result_model=CreatedTask
    )

    assert created.task.id == "LOC-1"


async def test_calls_from_concurrent_tasks_share_one_session(ticketing):
    async with ToolBox.in_process(ticketing, timeout=5) as box:
        results = await asyncio.gather(
            *(
                box.call("ticketing", "create_task", TASK, result_model=CreatedTask)
                for _ in range(20)
            )
        )

    assert sum(result.created for result in results) == 1


async def test_server_that_cannot_start_fails_to_connect_naming_the_role(tmp_path):
    missing = StdioServerParameters(command=str(tmp_path / "no-such-server"))

    with pytest.raises(IntegrationError, match="cannot connect to the crm tool"):
        async with ToolBox({"crm": missing}, timeout=5):
            pass


async def test_unreachable_url_fails_to_connect_naming_the_role():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    with pytest.raises(IntegrationError, match="cannot connect to the crm tool"):
        async with ToolBox({"crm": f"http://127.0.0.1:{port}/mcp"}, timeout=5):
            pass


@pytest.mark.timeout(30)
async def test_stdio_server_session_works_and_writes_only_json_rpc_to_stdout(
    tmp_path,
):
    stdout_copy, stderr_file = tmp_path / "stdout.jsonl", tmp_path / "stderr.log"
    server = StdioServerParameters(
        command=sys.executable,
        args=[
            str(HERE / "stdout_tee.py"),
            str(stdout_copy),
            str(stderr_file),
            sys.executable,
            str(HERE / "stdio_ticketing_server.py"),
            str(tmp_path / "local.sqlite"),
        ],
    )

    async with ToolBox({"ticketing": server}, timeout=10) as box:
        created = await box.call(
            "ticketing", "create_task", TASK, result_model=CreatedTask
        )
        again = await box.call(
            "ticketing", "create_task", TASK, result_model=CreatedTask
        )

    lines = stdout_copy.read_bytes().decode("utf-8").splitlines()
    messages = [json.loads(line) for line in lines]
    assert (created.created, again.created) == (True, False)
    assert created.task.id == again.task.id == "LOC-1"
    assert len(messages) >= 3
    assert all(message.get("jsonrpc") == "2.0" for message in messages)
    assert "ticketing_server_started" in stderr_file.read_text(encoding="utf-8")


async def test_any_role_server_is_reached_the_same_way(integration):
    servers = tools.build_local_servers(integration)

    async with ToolBox.in_process(servers, timeout=5) as box:
        notified = await box.call(
            "notifier",
            "notify",
            {"team": "support", "text": "hi", "idempotency_key": "k"},
            result_model=Notified,
        )

    assert box.roles == frozenset(servers)
    assert notified.created is True


def test_quieting_mcp_logging_raises_every_sdk_logger_to_warning():
    sdk = logging.getLogger("mcp")
    before = sdk.level
    try:
        tools.quiet_mcp_logging()
        level = logging.getLogger("mcp.server.mcpserver.server").getEffectiveLevel()
    finally:
        sdk.setLevel(before)

    assert level == logging.WARNING


def test_tools_exports_exactly_its_public_names():
    public = {
        name
        for name, value in vars(tools).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }

    assert public == set(tools.__all__)
