"""The `nps-rescue` command, run as a real subprocess on temp folders."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from agent.models import RescueCase

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "nps_export.csv"
ACCOUNTS = REPO / "examples" / "accounts.csv"
COMMAND = Path(sys.executable).parent / "nps-rescue"


def nps_rescue(*args: str | Path, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NPS_RESCUE_DATA_DIR": str(data_dir), "COLUMNS": "200"}
    return subprocess.run(
        [str(COMMAND), *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def summary_value(stdout: str, label: str) -> str | None:
    """The figure on the summary table's row called `label`, if shown."""
    for line in stdout.splitlines():
        cells = [cell.strip() for cell in line.split("│")]
        if len(cells) >= 3 and cells[1] == label:
            return cells[2]
    return None


def _count(data_dir: Path, table: str) -> int:
    with sqlite3.connect(data_dir / "local.sqlite") as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_run_on_the_example_rescues_detractors_and_reports_bad_rows(tmp_path, data_dir):
    output = tmp_path / "cases.jsonl"

    done = nps_rescue(
        "run", EXAMPLE, "--accounts", ACCOUNTS, "-o", output, data_dir=data_dir
    )

    assert done.returncode == 0, done.stderr
    assert "detractors (0-6)" in done.stdout
    assert "drafts waiting for approval" in done.stdout
    assert str(data_dir / "rescue.sqlite") in done.stdout
    assert "row 26 (id export:R-1025): score is blank" in done.stderr
    assert "score '11' is out of range" in done.stderr
    cases = [
        RescueCase.model_validate_json(line) for line in output.read_text().splitlines()
    ]
    assert len(cases) == 28
    detractors = [c for c in cases if c.score <= 6]
    assert all(c.analysis and c.decision and c.draft and c.task for c in detractors)
    assert _count(data_dir, "tasks") == len(detractors)


def test_case_json_lines_have_the_documented_shape(tmp_path, data_dir):
    output = tmp_path / "cases.jsonl"
    nps_rescue("run", EXAMPLE, "-o", output, data_dir=data_dir)

    case = next(
        json.loads(line)
        for line in output.read_text().splitlines()
        if json.loads(line)["score"] <= 6
    )

    for key in [
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
    ]:
        assert key in case
    assert set(case["customer"]) >= {"id", "email", "name", "account"}
    assert set(case["analysis"]) >= {
        "issue_summary",
        "category",
        "product_area",
        "emotion",
        "emotion_intensity",
        "suggested_resolution",
        "kind",
        "language",
        "evidence",
    }
    assert set(case["decision"]) >= {
        "team",
        "priority",
        "playbook",
        "respond_by",
        "follow_up_by",
        "needs_approval",
        "reasons",
    }
    assert set(case["draft"]) >= {"subject", "body", "sender", "guardrails"}
    assert set(case["task"]) >= {"id", "team", "url"}


def test_running_the_same_file_twice_creates_nothing_new(data_dir):
    nps_rescue("run", EXAMPLE, data_dir=data_dir)
    tasks, messages = _count(data_dir, "tasks"), _count(data_dir, "messages")

    again = nps_rescue("run", EXAMPLE, data_dir=data_dir)

    assert again.returncode == 0
    assert summary_value(again.stdout, "already processed, unchanged") == "28"
    assert summary_value(again.stdout, "new detractor cases") is None
    assert _count(data_dir, "tasks") == tasks
    assert _count(data_dir, "messages") == messages


def test_new_rows_in_a_later_export_are_processed(tmp_path, data_dir):
    header = "id,score,comment,email\n"
    first = "a1,2,The invoice PDF will not download,lee@example.org\n"
    later = "a2,4,Checkout times out whenever I use a gift card,kim@example.org\n"
    (tmp_path / "monday.csv").write_text(header + first)
    (tmp_path / "tuesday.csv").write_text(header + first + later)

    nps_rescue("run", tmp_path / "monday.csv", data_dir=data_dir)
    done = nps_rescue("run", tmp_path / "tuesday.csv", data_dir=data_dir)

    assert done.returncode == 0
    assert _count(data_dir, "tasks") == 2
    assert summary_value(done.stdout, "new detractor cases") == "1"
    assert summary_value(done.stdout, "already processed, unchanged") == "1"


def test_cases_lists_filters_prints_json_and_shows_one(data_dir):
    nps_rescue("run", EXAMPLE, "--accounts", ACCOUNTS, data_dir=data_dir)

    table = nps_rescue("cases", data_dir=data_dir)
    held = nps_rescue(
        "cases", "--status", "awaiting_approval", "--json", data_dir=data_dir
    )
    everything = json.loads(nps_rescue("cases", "--json", data_dir=data_dir).stdout)
    shown = nps_rescue("cases", "show", "export:R-1001", data_dir=data_dir)

    assert table.returncode == 0
    assert "export:R-1001" in table.stdout
    assert len(everything) == 28
    assert {c["status"] for c in json.loads(held.stdout)} == {"awaiting_approval"}
    assert shown.returncode == 0
    assert "Subject:" in shown.stdout
    assert "follow up by" in shown.stdout


def test_show_with_an_unknown_id_says_how_to_find_one(data_dir):
    nps_rescue("run", EXAMPLE, data_dir=data_dir)

    done = nps_rescue("cases", "show", "export:nope", data_dir=data_dir)

    assert done.returncode == 1
    assert "no case with id 'export:nope'" in done.stderr


def test_unrecognised_layout_lists_columns_and_map_fixes_it(tmp_path, data_dir):
    path = tmp_path / "odd.csv"
    path.write_text("Kunde;Punkte;Warum\nAda;3;Die App stürzt beim Login ab\n")

    failed = nps_rescue("run", path, data_dir=data_dir)
    mapped = nps_rescue(
        "run",
        path,
        "--map",
        "score=Punkte",
        "--map",
        "comment=Warum",
        data_dir=data_dir,
    )

    assert failed.returncode == 2
    assert "Punkte" in failed.stderr
    assert "--map" in failed.stderr
    assert mapped.returncode == 0, mapped.stderr


def test_file_with_no_valid_rows_exits_non_zero(tmp_path, data_dir):
    path = tmp_path / "bad.csv"
    path.write_text("id,score,comment\n1,,blank\n2,eleven,words\n")

    done = nps_rescue("run", path, data_dir=data_dir)

    assert done.returncode == 1
    assert "row 2 (id export:1): score is blank" in done.stderr
    assert "row 3" in done.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "is empty: there is nothing to import"),
        ("\ufeff \n\n", "is empty: there is nothing to import"),
        ("id,score,comment\n", "has a header row but no answers under it"),
    ],
    ids=["empty", "blank-lines", "header-only"],
)
def test_a_file_with_no_answers_says_so(tmp_path, data_dir, content, message):
    path = tmp_path / "nothing.csv"
    path.write_text(content, encoding="utf-8")

    done = nps_rescue("run", path, data_dir=data_dir)

    assert done.returncode != 0
    assert message in done.stderr
    assert "next:" not in done.stdout


def test_a_missing_file_is_reported_before_any_data_is_created(tmp_path):
    data_dir = tmp_path / "data"

    done = nps_rescue("run", tmp_path / "nope.csv", data_dir=data_dir)

    assert done.returncode == 2
    assert "no file at" in done.stderr
    assert not data_dir.exists()


def test_held_cases_listed_by_status_show_why_they_wait(data_dir):
    nps_rescue("run", EXAMPLE, data_dir=data_dir)

    done = nps_rescue("cases", "--status", "awaiting_approval", data_dir=data_dir)

    assert done.returncode == 0
    assert "waits because" in done.stdout
    assert "fundamental" in done.stdout or "needs approval" in done.stdout


def test_malformed_map_option_is_rejected(data_dir):
    done = nps_rescue("run", EXAMPLE, "--map", "score", data_dir=data_dir)

    assert done.returncode == 2
    assert "FIELD=COLUMN" in done.stderr


def test_policy_file_changes_the_promised_follow_up_date(tmp_path, data_dir):
    policy = tmp_path / "policy.toml"
    policy.write_text("[teams.support]\nsla_business_days = 9\n")
    output = tmp_path / "cases.jsonl"

    nps_rescue("run", EXAMPLE, "--policy", policy, "-o", output, data_dir=data_dir)

    support = [
        RescueCase.model_validate_json(line)
        for line in output.read_text().splitlines()
        if '"team":"support"' in line
    ]
    assert support
    for case in support:
        assert (case.decision.follow_up_by - case.events[0].at.date()).days >= 9


def test_replies_signed_by_the_shipped_example_senders_are_warned_about(
    tmp_path, data_dir
):
    policy = tmp_path / "policy.toml"
    policy.write_text(
        "".join(
            f'[teams.{team}]\nsender = {{ name = "Ada {team}", email = "a@b.co" }}\n'
            for team in ("support", "product", "billing", "customer_success")
        )
    )

    shipped = nps_rescue("run", EXAMPLE, data_dir=data_dir)
    own = nps_rescue("run", EXAMPLE, "--policy", policy, data_dir=tmp_path / "own")

    assert "example senders of the default policy" in shipped.stderr
    assert "example senders" not in own.stderr


def test_customer_text_that_looks_like_markup_is_shown_as_written(tmp_path, data_dir):
    path = tmp_path / "markup.csv"
    path.write_text(
        "id,score,comment,email\n"
        "m1,2,[bold]Login[/bold] fails with error [/admin] every time,"
        "ivy@example.org\n"
    )

    nps_rescue("run", path, data_dir=data_dir)
    table = nps_rescue("cases", data_dir=data_dir)
    shown = nps_rescue("cases", "show", "export:m1", data_dir=data_dir)

    assert table.returncode == 0, table.stderr
    assert shown.returncode == 0, shown.stderr
    assert "[/admin]" in shown.stdout
    assert "[bold]Login[/bold]" in shown.stdout


def test_export_without_a_comment_column_warns_and_holds_every_reply(
    tmp_path, data_dir
):
    path = tmp_path / "scores.csv"
    path.write_text("id,score,email,Notiz\nn1,2,eva@example.org,App ist langsam\n")
    output = tmp_path / "cases.jsonl"

    done = nps_rescue("run", path, "-o", output, data_dir=data_dir)

    assert "warning: no comment column found among 'id', 'score'" in done.stderr
    assert "--map comment=COLUMN" in done.stderr
    lines = output.read_text().splitlines()
    (case,) = [RescueCase.model_validate_json(line) for line in lines]
    assert case.decision.needs_approval
    assert any("no comment column" in r for r in case.decision.reasons)


def test_a_second_export_reusing_an_id_for_another_customer_is_reported(
    tmp_path, data_dir
):
    (tmp_path / "a.csv").write_text(
        "id,score,comment,email\n1,2,Slow,ann@example.org\n"
    )
    (tmp_path / "b.csv").write_text(
        "id,score,comment,email\n1,1,Broken,bob@example.org\n"
    )

    nps_rescue("run", tmp_path / "a.csv", data_dir=data_dir)
    done = nps_rescue("run", tmp_path / "b.csv", data_dir=data_dir)

    assert done.returncode == 1
    assert "row 2 (id export:1): response id 'export:1' already belongs" in done.stderr
    assert "--source" in done.stderr
    rerun = nps_rescue(
        "run", tmp_path / "b.csv", "--source", "survey-b", data_dir=data_dir
    )
    assert rerun.returncode == 0
    assert _count(data_dir, "tasks") == 2
