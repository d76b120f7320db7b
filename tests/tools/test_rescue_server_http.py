"""`nps-rescue mcp --http`: streamable HTTP on 127.0.0.1, a real subprocess."""

from __future__ import annotations

import asyncio
import subprocess
from contextlib import AsyncExitStack
from datetime import UTC, datetime

import httpx2
import pytest
from rescue_servers import (
    COMMAND,
    TIMEOUT,
    count_rows,
    http_client,
    http_server,
    server_env,
)

from agent.errors import ConfigError
from tools import build_rescue_server, http_app, is_loopback

TOKEN = "s3cret-token-for-tests"


def new_response(number: int) -> dict:
    return {
        "response_id": f"web:{number}",
        "source": "web",
        "score": 3,
        "comment": "Support closed my ticket twice without fixing the login loop.",
        "customer": {"email": f"jo{number}@kestrelbay.example.com", "name": "Jo"},
        "submitted_at": datetime.now(UTC).isoformat(),
    }


async def test_http_server_serves_tools_resources_and_the_prompt(data_dir):
    async with http_server(data_dir) as url, http_client(url) as session:
        tools = (await session.list_tools()).tools
        listed = await session.call_tool("list_cases", {"limit": 2})
        case = await session.read_resource("rescue://cases/export:R-1001")
        prompt = await session.get_prompt("triage_detractors")
        unknown = await session.call_tool("get_case", {"case_id": "web:none"})

    assert url.startswith("http://127.0.0.1:")
    assert len(tools) == 8
    assert listed.structured_content["count"] == 2
    assert '"response_id": "export:R-1001"' in case.contents[0].text
    assert "Triage the NPS detractors" in prompt.messages[0].content.text
    assert unknown.is_error
    assert "list_cases shows open cases" in unknown.content[0].text


async def test_concurrent_http_clients_share_one_store_safely(data_dir):
    async with http_server(data_dir) as url, AsyncExitStack() as stack:
        sessions = [await stack.enter_async_context(http_client(url)) for _ in range(4)]
        waiting = await sessions[0].call_tool(
            "list_cases", {"status": "awaiting_approval", "limit": 1}
        )
        case_id = waiting.structured_content["cases"][0]["response_id"]

        async with asyncio.timeout(TIMEOUT):
            rescued = await asyncio.gather(
                *(
                    session.call_tool("rescue_response", {"response": new_response(n)})
                    for n, session in zip([1, 1, 2, 3], sessions, strict=True)
                )
            )
            approvals = await asyncio.gather(
                *(
                    session.call_tool("approve_draft", {"case_id": case_id})
                    for session in sessions[:2]
                )
            )
        listed = await sessions[3].call_tool(
            "list_cases", {"since": "2026-12-01T00:00:00Z"}
        )

    assert not any(result.is_error for result in rescued), rescued
    assert count_rows(data_dir, "tasks", "idempotency_key LIKE 'web:%'") == 3
    ids = {c["response_id"] for c in listed.structured_content["cases"]}
    assert {"web:1", "web:2", "web:3"} <= ids
    assert [a.is_error for a in approvals].count(False) == 1
    refused = next(a for a in approvals if a.is_error)
    assert "not waiting for approval" in refused.content[0].text
    assert count_rows(data_dir, "messages", f"response_id = '{case_id}'") == 1


async def test_requests_with_a_foreign_host_header_are_refused(data_dir):
    async with http_server(data_dir) as url, httpx2.AsyncClient() as http:
        refused = await http.post(
            url,
            headers={"Host": "evil.example.com", "Content-Type": "application/json"},
            content=b'{"jsonrpc":"2.0","id":1,"method":"ping"}',
            timeout=TIMEOUT,
        )

    assert refused.status_code == 421


async def test_a_token_is_required_on_every_request_when_one_is_set(data_dir):
    async with http_server(data_dir, "--token", TOKEN) as url:
        async with httpx2.AsyncClient() as http:
            bare = await http.post(url, content=b"{}", timeout=TIMEOUT)
            wrong = await http.post(
                url,
                headers={"Authorization": "Bearer nope"},
                content=b"{}",
                timeout=TIMEOUT,
            )
        async with http_client(url, TOKEN) as session:
            tools = (await session.list_tools()).tools

    assert (bare.status_code, wrong.status_code) == (401, 401)
    assert bare.headers["www-authenticate"] == "Bearer"
    assert len(tools) == 8


def test_binding_beyond_loopback_without_a_token_refuses_to_start(data_dir):
    done = subprocess.run(
        [str(COMMAND), "mcp", "--http", "--host", "0.0.0.0", "--port", "0"],
        env=server_env(NPS_RESCUE_DATA_DIR=str(data_dir)),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )

    assert done.returncode == 2
    assert "reaches beyond this machine" in done.stderr
    assert "NPS_RESCUE_MCP_TOKEN" in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize(
    ("host", "token", "allowed", "problem"),
    [
        pytest.param("192.0.2.7", None, (), "bearer token", id="lan-without-token"),
        pytest.param("0.0.0.0", TOKEN, (), "--allowed-host", id="wildcard-unnamed"),
    ],
)
def test_unsafe_http_binds_are_config_errors(host, token, allowed, problem):
    server = build_rescue_server(desk=None)  # type: ignore[arg-type]

    with pytest.raises(ConfigError, match=problem):
        http_app(server, host=host, token=token, allowed_hosts=allowed)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("10.0.0.2", False)],
)
def test_loopback_hosts_are_recognised(host, loopback):
    assert is_loopback(host) is loopback
