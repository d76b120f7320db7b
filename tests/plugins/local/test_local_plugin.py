"""The built-in local plugin: idempotent side effects, inbox, accounts."""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime, timedelta

import pytest
from structlog.testing import capture_logs

from agent.errors import ConfigError, InputError
from agent.models import Customer, NpsResponse
from plugins.local import LocalIntegration

HEADER = (
    "account_id,account_name,domain,email,plan,arr,renewal_date,owner_name,owner_email"
)
ACCOUNTS = [
    "A1,Acme,acme.com,,enterprise,120000,2027-03-31,Dana Reyes,dana@vendor.io",
    "A2,Solo Ltd,,joe@gmail.com,starter,900,,,",
    "A3,Webmail Corp,gmail.com,,starter,1000,,,",
]


class _Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _count(integration: LocalIntegration, table: str) -> int:
    with closing(sqlite3.connect(integration.database)) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _task_args(key: str = "csv:1") -> dict:
    return {
        "idempotency_key": key,
        "team": "support",
        "title": "Export keeps failing",
        "body": "Customer says exports time out.",
        "priority": "P2",
        "due_date": date(2026, 3, 4),
        "labels": ["nps", "detractor"],
    }


def _response(response_id: str = "csv:1", **overrides) -> NpsResponse:
    values = {
        "response_id": response_id,
        "source": "csv",
        "score": 3,
        "comment": "Exports keep failing.",
        "customer": Customer(email="Pat@Acme.com", name="Pat"),
        "submitted_at": datetime(2026, 3, 1, 8, 0, tzinfo=UTC),
    }
    return NpsResponse(**(values | overrides))


@pytest.fixture
def clock() -> _Clock:
    return _Clock()


@pytest.fixture
def integration(tmp_path, clock):
    built = LocalIntegration(
        tmp_path / "local.sqlite", task_url_base="https://tasks.example/t/", clock=clock
    )
    yield built
    built.close()


@pytest.fixture
def accounts_csv(tmp_path):
    path = tmp_path / "accounts.csv"
    path.write_text("\n".join([HEADER, *ACCOUNTS]) + "\n", encoding="utf-8")
    return path


async def test_same_key_twice_opens_one_task(integration):
    first = await integration.create_task(**_task_args())
    second = await integration.create_task(**_task_args() | {"title": "Other"})

    assert first.created is True
    assert second.created is False
    assert second.task == first.task
    assert first.task.id == "LOC-1"
    assert first.task.url == "https://tasks.example/t/LOC-1"
    assert _count(integration, "tasks") == 1


async def test_twenty_concurrent_identical_create_task_calls_make_one_row(integration):
    results = await asyncio.gather(
        *(integration.create_task(**_task_args()) for _ in range(20))
    )

    assert sum(result.created for result in results) == 1
    assert {result.task.id for result in results} == {"LOC-1"}
    assert _count(integration, "tasks") == 1


async def test_two_instances_on_one_file_share_one_task_per_key(integration):
    other = LocalIntegration(integration.database)
    try:
        results = await asyncio.gather(
            *(owner.create_task(**_task_args()) for owner in [integration, other] * 10)
        )
    finally:
        other.close()

    assert sum(result.created for result in results) == 1
    assert _count(integration, "tasks") == 1


async def test_task_ids_count_up_and_have_no_url_without_a_base(tmp_path):
    plain = LocalIntegration(tmp_path / "plain.sqlite")
    try:
        first = await plain.create_task(**_task_args("csv:1"))
        second = await plain.create_task(**_task_args("csv:2"))
    finally:
        plain.close()

    assert [first.task.id, second.task.id] == ["LOC-1", "LOC-2"]
    assert first.task.url is None


async def test_same_key_twice_queues_one_message(integration):
    args = {
        "idempotency_key": "csv:1:reply",
        "response_id": "csv:1",
        "to_email": "pat@acme.com",
        "to_name": "Pat",
        "subject": "About your exports",
        "body": "Hi Pat, ...",
        "sender_name": "Dana Reyes",
        "sender_email": "dana@vendor.io",
    }

    first = await integration.send_message(**args)
    second = await integration.send_message(**args)

    assert (first.created, second.created) == (True, False)
    assert second.message == first.message
    assert first.message.status == "queued"
    assert _count(integration, "messages") == 1


async def test_same_key_twice_logs_one_activity_and_one_notification(integration):
    activity = [
        await integration.log_activity("csv:1", "pat@acme.com", "A1", "nps", "Task")
        for _ in range(2)
    ]
    notified = [
        await integration.notify("support", "New P2", "csv:1") for _ in range(2)
    ]

    assert [item.created for item in activity] == [True, False]
    assert activity[0].activity_id == activity[1].activity_id
    assert [item.created for item in notified] == [True, False]
    assert notified[0].id == notified[1].id
    assert _count(integration, "activities") == 1
    assert _count(integration, "notifications") == 1


@pytest.mark.parametrize("task_id", ["LOC-9", "garbage", "LOC-0"])
async def test_unknown_task_id_is_an_input_error_naming_it(integration, task_id):
    with pytest.raises(InputError, match=f"no task with id '{task_id}'"):
        await integration.get_task(task_id)


async def test_resolving_a_task_stamps_it_and_lists_it_as_resolved(integration, clock):
    created = await integration.create_task(**_task_args())
    before = clock.now
    clock.now += timedelta(hours=5)

    resolved = await integration.resolve_task(created.task.id, "Fixed the export")
    clock.now += timedelta(hours=1)
    again = await integration.resolve_task(created.task.id, "Second note")

    assert resolved.status == "resolved"
    assert resolved.resolved_at == before + timedelta(hours=5)
    assert again == resolved
    assert await integration.get_task(created.task.id) == resolved
    assert await integration.list_resolved_tasks(before) == [resolved]
    assert await integration.list_resolved_tasks(clock.now) == []


async def test_open_task_is_reported_open(integration):
    created = await integration.create_task(**_task_args())

    info = await integration.get_task(created.task.id)

    assert (info.status, info.resolved_at, info.note) == ("open", None, None)


async def test_recording_an_answer_twice_stores_it_once(integration):
    first = await integration.record_response(_response())
    second = await integration.record_response(_response())

    assert (first.created, first.changed) == (True, False)
    assert (second.created, second.changed) == (False, False)
    assert _count(integration, "responses") == 1


async def test_recording_a_changed_answer_updates_it(integration):
    await integration.record_response(_response())

    result = await integration.record_response(_response(score=5, comment="Better"))

    assert (result.created, result.changed) == (False, True)
    stored = await integration.get_response("csv:1")
    assert (stored.score, stored.comment) == (5, "Better")


async def test_unknown_response_id_is_an_input_error(integration):
    with pytest.raises(InputError, match="no response with id 'csv:404'"):
        await integration.get_response("csv:404")


async def test_respondent_history_is_newest_first_and_limited(integration):
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for day in range(3):
        await integration.record_response(
            _response(f"csv:{day}", submitted_at=start + timedelta(days=day))
        )
    await integration.record_response(
        _response("csv:other", customer=Customer(email="someone@else.com"))
    )

    history = await integration.list_responses("pat@acme.com", None, 2)
    recent = await integration.list_responses(None, start + timedelta(days=1), 10)

    assert [item.response_id for item in history] == ["csv:2", "csv:1"]
    assert [item.response_id for item in recent] == ["csv:other", "csv:2", "csv:1"]


async def test_blank_idempotency_key_is_an_input_error(integration):
    with pytest.raises(InputError, match="idempotency_key"):
        await integration.create_task(**_task_args(" "))


async def test_account_is_found_by_exact_email(integration, accounts_csv):
    integration.load_accounts(accounts_csv)

    found = await integration.lookup_account("Joe@Gmail.com")

    assert found.found is True
    assert found.account.id == "A2"


async def test_account_is_found_by_the_company_domain(integration, accounts_csv):
    integration.load_accounts(accounts_csv)

    found = await integration.lookup_account("pat@acme.com")

    assert found.found is True
    assert found.account.model_dump() == {
        "id": "A1",
        "name": "Acme",
        "plan": "enterprise",
        "arr": 120000.0,
        "renewal_date": date(2027, 3, 31),
        "owner_name": "Dana Reyes",
        "owner_email": "dana@vendor.io",
    }


@pytest.mark.parametrize(
    "email",
    [
        "ann@gmail.com",
        "ann@outlook.com",
        "ann@yahoo.com",
        "ann@yahoo.co.uk",
        "ann@hotmail.com",
        "ann@icloud.com",
        "ann@proton.me",
        "ann@gmx.de",
        "ann@gmx.net",
    ],
)
async def test_free_mail_domain_never_matches_an_account(integration, tmp_path, email):
    domain = email.split("@")[1]
    path = tmp_path / "free.csv"
    path.write_text(f"{HEADER}\nF1,Free,{domain},,starter,1,,,\n", encoding="utf-8")
    integration.load_accounts(path)

    assert (await integration.lookup_account(email)).found is False


async def test_unknown_email_finds_no_account(integration, accounts_csv):
    integration.load_accounts(accounts_csv)

    assert (await integration.lookup_account("kim@unknown.org")).found is False


def test_bad_account_rows_are_skipped_with_their_row_number(integration, tmp_path):
    path = tmp_path / "accounts.csv"
    rows = [
        HEADER,
        ACCOUNTS[0],
        "B1,Bad Arr,bad.com,,pro,lots,,,",
        "B2,Bad Date,date.com,,pro,10,31/12/2026,,",
        "B3,Fine,fine.com,,pro,10,,,",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")

    with capture_logs() as logs:
        stored = integration.load_accounts(path)

    skipped = [entry for entry in logs if entry["event"] == "account_row_skipped"]
    assert stored == 2
    assert [(entry["row"], entry["log_level"]) for entry in skipped] == [
        (3, "warning"),
        (4, "warning"),
    ]
    assert "arr 'lots'" in skipped[0]["reason"]
    assert "renewal_date '31/12/2026'" in skipped[1]["reason"]


@pytest.mark.parametrize("bom", ["\ufeff", ""], ids=["with-bom", "without-bom"])
async def test_accounts_csv_loads_with_or_without_bom(tmp_path, bom):
    path = tmp_path / "accounts.csv"
    path.write_text(bom + "\n".join([HEADER, *ACCOUNTS]) + "\n", encoding="utf-8")

    built = LocalIntegration(tmp_path / "local.sqlite", accounts_csv=path)
    try:
        found = await built.lookup_account("pat@acme.com")
    finally:
        built.close()

    assert found.account.id == "A1"


async def test_reloading_accounts_updates_them(integration, accounts_csv, tmp_path):
    integration.load_accounts(accounts_csv)
    changed = tmp_path / "changed.csv"
    changed.write_text(f"{HEADER}\nA1,Acme Corp,acme.com,,pro,1,,,\n", encoding="utf-8")

    integration.load_accounts(changed)

    account = (await integration.lookup_account("pat@acme.com")).account
    assert (account.name, account.plan, account.owner_name) == (
        "Acme Corp",
        "pro",
        None,
    )


def test_accounts_file_without_a_required_column_is_a_config_error(
    integration, tmp_path
):
    path = tmp_path / "accounts.csv"
    path.write_text("account_id,account_name\nA1,Acme\n", encoding="utf-8")

    with pytest.raises(ConfigError, match=r"lacks column.*domain"):
        integration.load_accounts(path)


def test_database_file_runs_in_wal_mode_so_processes_can_share_it(integration):
    with closing(sqlite3.connect(integration.database)) as connection:
        journal = connection.execute("PRAGMA journal_mode").fetchone()[0]

    assert journal == "wal"


def test_database_that_cannot_be_opened_is_a_config_error(tmp_path):
    folder = tmp_path / "taken"
    folder.mkdir()

    with pytest.raises(ConfigError, match="cannot open the local database"):
        LocalIntegration(folder)


async def test_updating_an_open_task_moves_it_and_a_resolved_one_stays(integration):
    created = await integration.create_task(**_task_args())
    args = {k: v for k, v in _task_args().items() if k != "idempotency_key"}
    args.update(team="billing", title="Charged twice")

    moved = await integration.update_task(task_id=created.task.id, **args)
    await integration.resolve_task(created.task.id, "Refunded")
    kept = await integration.update_task(
        task_id=created.task.id, **{**args, "team": "product"}
    )

    assert moved.task.team == "billing"
    assert (kept.task.team, kept.status) == ("billing", "resolved")
    assert _count(integration, "tasks") == 1
    with pytest.raises(InputError, match="no task with id 'LOC-9'"):
        await integration.update_task(task_id="LOC-9", **args)
