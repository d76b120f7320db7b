"""`nps-rescue approve` and `reject`, run as real subprocesses."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from builders import EXAMPLES
from rescue_servers import COMMAND, count_rows, server_env


def nps_rescue(*args: str | Path, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(COMMAND), *map(str, args)],
        env=server_env(NPS_RESCUE_DATA_DIR=str(data_dir), COLUMNS="200"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def example_data(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("cli") / "data"
    nps_rescue("run", EXAMPLES / "nps_export.csv", data_dir=data_dir)
    return data_dir


def waiting(data_dir: Path) -> list[dict]:
    listed = nps_rescue(
        "cases", "--status", "awaiting_approval", "--json", data_dir=data_dir
    )
    return json.loads(listed.stdout)


def test_approve_sends_the_reply_once_and_a_second_approval_is_refused(
    example_data,
):
    case = waiting(example_data)[0]
    case_id = case["response_id"]

    first = nps_rescue("approve", case_id, "--by", "Sam", data_dir=example_data)
    second = nps_rescue("approve", case_id, data_dir=example_data)

    assert first.returncode == 0, first.stderr
    assert f"{case_id}: reply_queued, reply MSG-" in first.stdout
    assert second.returncode == 1
    assert "is not waiting for approval (status reply_queued)" in second.stderr
    assert count_rows(example_data, "messages", f"response_id = '{case_id}'") == 1
    assert count_rows(example_data, "tasks", f"idempotency_key = '{case_id}#task'") == 1


def test_approve_with_a_body_file_sends_the_edit_or_refuses_a_failing_one(
    example_data, tmp_path
):
    case = waiting(example_data)[0]
    case_id, body = case["response_id"], case["draft"]["body"]
    canned = tmp_path / "canned.txt"
    canned.write_text("Sorry for any inconvenience caused. " + body, "utf-8")
    edited = tmp_path / "edited.txt"
    edited.write_text(body.replace("Hi ", "Hello ", 1), "utf-8")

    refused = nps_rescue(
        "approve", case_id, "--body-file", canned, data_dir=example_data
    )
    sent = nps_rescue("approve", case_id, "--body-file", edited, data_dir=example_data)
    shown = nps_rescue("cases", "show", case_id, "--json", data_dir=example_data)

    assert refused.returncode == 1
    assert "fails the guardrails (boilerplate" in refused.stderr
    assert sent.returncode == 0, sent.stderr
    assert json.loads(shown.stdout)["draft"]["body"] == edited.read_text("utf-8")


def test_reject_sends_nothing_and_needs_a_reason(example_data):
    case_id = waiting(example_data)[0]["response_id"]

    missing = nps_rescue("reject", case_id, data_dir=example_data)
    rejected = nps_rescue(
        "reject", case_id, "--reason", "Owner calls them", data_dir=example_data
    )

    assert missing.returncode == 2
    assert "--reason" in missing.stderr
    assert rejected.returncode == 0, rejected.stderr
    assert f"{case_id}: rejected, nothing sent" in rejected.stdout
    assert count_rows(example_data, "messages", f"response_id = '{case_id}'") == 0


def test_answering_an_unknown_case_names_it(example_data):
    done = nps_rescue("approve", "export:R-0000", data_dir=example_data)

    assert done.returncode == 1
    assert "no case with id 'export:R-0000'" in done.stderr
