"""The MCP Inspector's command-line mode against `nps-rescue mcp` over stdio.

The Inspector is a client nobody here wrote. `.ci/run` installs the version
pinned in `.ci/npm-packages.txt` into `.ci/node/` (gitignored); without that
install the tests fall back to `npx`, and are skipped only when npx is
missing outside CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from builders import REPO
from rescue_servers import COMMAND, TOOLS, server_env

PACKAGE = (REPO / ".ci" / "npm-packages.txt").read_text(encoding="utf-8").strip()
INSTALLED = REPO / ".ci" / "node" / "node_modules" / ".bin" / "mcp-inspector"
TIMEOUT = 300


@pytest.fixture(scope="module")
def inspector() -> list[str]:
    if INSTALLED.exists():
        return [str(INSTALLED)]
    npx = shutil.which("npx")
    if npx is not None:
        return [npx, "--yes", PACKAGE]
    if os.environ.get("CI") == "true":
        pytest.fail("CI needs the MCP Inspector: run .ci/run, which installs it")
    pytest.skip("npx is not installed, so the MCP Inspector cannot run")


def inspect(
    inspector: list[str], data_dir: Path, tmp_path: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    """Run one Inspector CLI method against a fresh stdio server."""
    return subprocess.run(
        [
            *inspector,
            "--cli",
            "-e",
            f"NPS_RESCUE_DATA_DIR={data_dir}",
            "-e",
            "LANGGRAPH_STRICT_MSGPACK=true",
            str(COMMAND),
            "mcp",
            *args,
        ],
        env=server_env(MCP_CATALOG_PATH=str(tmp_path / "catalog.json")),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def test_inspector_lists_every_tool_and_finds_no_schema_problems(
    inspector, data_dir, tmp_path
):
    done = inspect(inspector, data_dir, tmp_path, "--method", "tools/list", "--strict")

    assert done.returncode == 0, done.stderr
    tools = json.loads(done.stdout)["tools"]
    assert {tool["name"] for tool in tools} == TOOLS
    assert all(tool["outputSchema"]["type"] == "object" for tool in tools)


def test_inspector_calls_a_tool_reads_a_resource_and_gets_the_prompt(
    inspector, data_dir, tmp_path
):
    case = inspect(
        inspector,
        data_dir,
        tmp_path,
        "--method",
        "tools/call",
        "--tool-name",
        "get_case",
        "--tool-arg",
        "case_id=export:R-1001",
    )
    metrics = inspect(
        inspector,
        data_dir,
        tmp_path,
        "--method",
        "resources/read",
        "--uri",
        "rescue://metrics",
    )
    prompt = inspect(
        inspector,
        data_dir,
        tmp_path,
        "--method",
        "prompts/get",
        "--prompt-name",
        "triage_detractors",
    )

    assert case.returncode == 0, case.stderr
    structured = json.loads(case.stdout)["structuredContent"]
    assert structured["response_id"] == "export:R-1001"
    assert structured["task"]["id"].startswith("LOC-")
    assert metrics.returncode == 0, metrics.stderr
    body = json.loads(json.loads(metrics.stdout)["contents"][0]["text"])
    assert body["detractors"] == 23
    assert prompt.returncode == 0, prompt.stderr
    assert "Triage the NPS detractors" in prompt.stdout


def test_inspector_sees_an_unknown_case_as_a_tool_error(inspector, data_dir, tmp_path):
    done = inspect(
        inspector,
        data_dir,
        tmp_path,
        "--method",
        "tools/call",
        "--tool-name",
        "get_case",
        "--tool-arg",
        "case_id=export:none",
    )

    assert done.returncode != 0
    answer = json.loads(done.stdout)
    assert answer["isError"] is True
    assert "no case with id 'export:none'" in answer["content"][0]["text"]
