"""Helpers for tests that run `nps-rescue` servers as real subprocesses."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx2
from mcp import Client, StdioServerParameters
from mcp.client.streamable_http import streamable_http_client

COMMAND = Path(sys.executable).parent / "nps-rescue"

TIMEOUT = 60


def server_env(**extra: str) -> dict[str, str]:
    """The environment a server subprocess runs with: ours, plus `extra`."""
    return {**os.environ, "LANGGRAPH_STRICT_MSGPACK": "true", **extra}


def count_rows(data_dir: Path, table: str, where: str = "1=1") -> int:
    """Rows of a table in the local plugin's file that match `where`."""
    with sqlite3.connect(data_dir / "local.sqlite") as conn:
        query = f"SELECT count(*) FROM {table} WHERE {where}"
        return conn.execute(query).fetchone()[0]


def stdio_client(data_dir: Path) -> Client:
    """A client session with `nps-rescue mcp` over stdio on `data_dir`."""
    server = StdioServerParameters(
        command=str(COMMAND),
        args=["mcp"],
        env=server_env(NPS_RESCUE_DATA_DIR=str(data_dir)),
    )
    return Client(server, read_timeout_seconds=TIMEOUT)


@asynccontextmanager
async def http_server(data_dir: Path, *args: str) -> AsyncIterator[str]:
    """Run `nps-rescue mcp --http` on a free port; yields its endpoint URL."""
    process = await asyncio.create_subprocess_exec(
        str(COMMAND),
        "mcp",
        "--http",
        "--port",
        "0",
        *args,
        env=server_env(NPS_RESCUE_DATA_DIR=str(data_dir)),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    lines: list[str] = []
    drain = None
    try:
        async with asyncio.timeout(TIMEOUT):
            while "MCP endpoint: " not in (lines[-1] if lines else ""):
                line = await process.stderr.readline()
                assert line, "".join(lines)
                lines.append(line.decode())
        # Keep reading stderr so the server never blocks on a full pipe.
        drain = asyncio.create_task(process.stderr.read())
        yield lines[-1].split("MCP endpoint: ", 1)[1].strip()
    finally:
        if process.returncode is None:
            process.terminate()
        async with asyncio.timeout(TIMEOUT):
            await process.wait()
        if drain is not None:
            await drain


@asynccontextmanager
async def http_client(url: str, token: str | None = None) -> AsyncIterator[Client]:
    """A client session over streamable HTTP, with a bearer token when given."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with httpx2.AsyncClient(headers=headers, timeout=TIMEOUT) as http:
        transport = streamable_http_client(url, http_client=http)
        async with Client(transport, read_timeout_seconds=TIMEOUT) as session:
            yield session


TOOLS = {  # every tool the rescue server offers
    "analyze_feedback",
    "rescue_response",
    "list_cases",
    "get_case",
    "approve_draft",
    "reject_draft",
    "mark_task_resolved",
    "rescue_metrics",
}

CASE_KEYS = {  # the case JSON fields DESIGN.md promises
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


def new_response(number: int, score: int = 2, **changes) -> dict:
    """A survey answer for `rescue_response`, submitted now."""
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
    """The structured result of a tool call that must succeed."""
    result = await session.call_tool(tool, arguments)
    assert not result.is_error, result.content
    return result.structured_content


async def error(session: Client, tool: str, **arguments) -> str:
    """The text of a tool call that must fail with a tool error."""
    result = await session.call_tool(tool, arguments)
    assert result.is_error, result.structured_content
    return " ".join(block.text for block in result.content)


async def waiting_ids(session: Client) -> list[str]:
    """The ids of the cases whose draft waits for approval."""
    found = await call(session, "list_cases", status="awaiting_approval", limit=50)
    return [case["response_id"] for case in found["cases"]]
