"""Each role's MCP server, called over the real in-memory MCP transport."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from mcp import Client

from agent.errors import ConfigError, IntegrationError
from agent.models import Customer, NpsResponse
from plugins import (
    AccountLookup,
    CreatedTask,
    LoggedActivity,
    Notified,
    RecordedResponse,
    ResponseList,
    SentMessage,
    TaskInfo,
    TaskList,
)
from plugins.local import LocalIntegration
from tools import (
    ToolBox,
    build_local_servers,
    build_notifier_server,
    build_role_server,
    build_ticketing_server,
)

TIMEOUT = 5.0

EXPECTED_TOOLS = {
    "nps": {"record_response", "get_response", "list_responses"},
    "crm": {"lookup_account", "log_activity"},
    "ticketing": {
        "create_task",
        "update_task",
        "get_task",
        "list_resolved_tasks",
        "resolve_task",
    },
    "messenger": {"send_message"},
    "notifier": {"notify"},
}

RESPONSE = NpsResponse(
    response_id="csv:7",
    source="csv",
    score=2,
    comment="The export has been broken for a week.",
    customer=Customer(email="pat@acme.com", name="Pat"),
    submitted_at=datetime(2026, 3, 1, 8, 0, tzinfo=UTC),
)

TASK = {
    "idempotency_key": "csv:7",
    "team": "support",
    "title": "Export broken",
    "body": "Exports fail since last week.",
    "priority": "P1",
    "due_date": date(2026, 3, 2),
    "labels": ["nps"],
}


@pytest.fixture
def integration(tmp_path):
    accounts = tmp_path / "accounts.csv"
    accounts.write_text(
        "account_id,account_name,domain,email,plan,arr,renewal_date,owner_name,"
        "owner_email\nA1,Acme,acme.com,,enterprise,50000,2026-12-31,Dana,d@v.io\n",
        encoding="utf-8",
    )
    built = LocalIntegration(tmp_path / "local.sqlite", accounts_csv=accounts)
    yield built
    built.close()


@pytest.fixture
async def toolbox(integration):
    async with ToolBox.in_process(build_local_servers(integration), TIMEOUT) as box:
        yield box


async def test_local_integration_gets_one_server_per_role_with_its_tools(
    integration,
):
    servers = build_local_servers(integration)

    listed = {}
    for role, server in servers.items():
        async with Client(
            server, mode="legacy", read_timeout_seconds=TIMEOUT
        ) as client:
            tools = (await client.list_tools()).tools
        listed[role] = {tool.name for tool in tools}
        assert all(tool.description and tool.output_schema for tool in tools)

    assert listed == EXPECTED_TOOLS


async def test_nps_tools_record_fetch_and_list_answers(toolbox):
    recorded = await toolbox.call(
        "nps", "record_response", {"response": RESPONSE}, result_model=RecordedResponse
    )
    fetched = await toolbox.call(
        "nps", "get_response", {"response_id": "csv:7"}, result_model=NpsResponse
    )
    history = await toolbox.call(
        "nps",
        "list_responses",
        {"email": "pat@acme.com", "limit": 5},
        result_model=ResponseList,
    )

    assert recorded == RecordedResponse(
        response_id="csv:7", created=True, changed=False
    )
    assert fetched == RESPONSE
    assert history.responses == [RESPONSE]


async def test_crm_tools_find_the_account_and_log_once(toolbox):
    lookup = await toolbox.call(
        "crm", "lookup_account", {"email": "pat@acme.com"}, result_model=AccountLookup
    )
    activity = {"idempotency_key": "csv:7", "kind": "nps_rescue", "text": "Task"}
    logged = [
        await toolbox.call("crm", "log_activity", activity, result_model=LoggedActivity)
        for _ in range(2)
    ]

    assert lookup.found is True
    assert lookup.account.id == "A1"
    assert [item.created for item in logged] == [True, False]


async def test_ticketing_tools_create_once_resolve_and_report_resolution(toolbox):
    created = [
        await toolbox.call("ticketing", "create_task", TASK, result_model=CreatedTask)
        for _ in range(2)
    ]
    resolve = {"task_id": created[0].task.id, "note": "Export fixed"}
    first = await toolbox.call(
        "ticketing", "resolve_task", resolve, result_model=TaskInfo
    )
    again = await toolbox.call(
        "ticketing",
        "resolve_task",
        {**resolve, "note": "Fixed twice"},
        result_model=TaskInfo,
    )
    info = await toolbox.call(
        "ticketing",
        "get_task",
        {"task_id": created[0].task.id},
        result_model=TaskInfo,
    )
    resolved = await toolbox.call(
        "ticketing",
        "list_resolved_tasks",
        {"since": datetime(2000, 1, 1, tzinfo=UTC)},
        result_model=TaskList,
    )

    assert [item.created for item in created] == [True, False]
    assert created[0].task == created[1].task
    assert (info.status, info.note) == ("resolved", "Export fixed")
    assert first == again == info
    assert resolved.tasks == [info]


async def test_messenger_tool_sends_once_per_key(toolbox):
    reply = {
        "idempotency_key": "csv:7:reply",
        "response_id": "csv:7",
        "to_email": "pat@acme.com",
        "subject": "Your exports",
        "body": "Hi Pat, ...",
        "sender_name": "Dana",
    }
    sent = [
        await toolbox.call("messenger", "send_message", reply, result_model=SentMessage)
        for _ in range(2)
    ]

    assert [item.created for item in sent] == [True, False]
    assert sent[0].message.status == "queued"


async def test_notifier_tool_notifies_once_per_key(toolbox):
    args = {"team": "support", "text": "New P1 detractor", "idempotency_key": "csv:7"}
    notified = [
        await toolbox.call("notifier", "notify", args, result_model=Notified)
        for _ in range(2)
    ]

    assert [item.created for item in notified] == [True, False]


async def test_unknown_task_reaches_the_caller_as_a_readable_error(toolbox):
    with pytest.raises(IntegrationError, match="no task with id 'LOC-9'") as caught:
        await toolbox.call(
            "ticketing", "get_task", {"task_id": "LOC-9"}, result_model=TaskInfo
        )

    assert caught.value.tool == "get_task"


async def test_naive_datetime_is_refused_by_the_tool_schema(toolbox):
    with pytest.raises(IntegrationError, match="list_resolved_tasks"):
        await toolbox.call(
            "ticketing",
            "list_resolved_tasks",
            {"since": "2026-01-01T00:00:00"},
            result_model=TaskList,
        )


class _FakeNotifier:
    """Any object with the role's methods can sit behind the server."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []

    async def notify(self, team: str, text: str, idempotency_key: str) -> Notified:
        self.calls.append((team, text, idempotency_key))
        return Notified(id=f"chat-{len(self.calls)}", created=True)


class _BrokenTicketing:
    async def create_task(self, **_: object) -> CreatedTask:
        raise RuntimeError("password=hunter2 at db.internal:5432")

    async def update_task(self, **_: object) -> TaskInfo:
        raise IntegrationError("the tracker answered 503")

    async def get_task(self, task_id: str) -> TaskInfo:
        raise IntegrationError("the tracker answered 503")

    async def list_resolved_tasks(self, since: datetime) -> list[TaskInfo]:
        return []


async def test_server_wraps_any_object_that_implements_the_role():
    fake = _FakeNotifier()
    servers = {"notifier": build_notifier_server(fake)}

    async with ToolBox.in_process(servers, TIMEOUT) as box:
        notified = await box.call(
            "notifier",
            "notify",
            {"team": "billing", "text": "Refund asked", "idempotency_key": "k"},
            result_model=Notified,
        )

    assert notified.id == "chat-1"
    assert fake.calls == [("billing", "Refund asked", "k")]


async def test_unexpected_error_does_not_leak_internals_to_the_caller():
    servers = {"ticketing": build_ticketing_server(_BrokenTicketing())}

    async with ToolBox.in_process(servers, TIMEOUT) as box:
        with pytest.raises(IntegrationError, match="create_task") as caught:
            await box.call("ticketing", "create_task", TASK, result_model=CreatedTask)

    assert "hunter2" not in str(caught.value)
    assert "db.internal" not in str(caught.value)


async def test_integration_failure_is_reported_with_the_role_named():
    servers = {"ticketing": build_ticketing_server(_BrokenTicketing())}

    async with ToolBox.in_process(servers, TIMEOUT) as box:
        with pytest.raises(IntegrationError, match=r"ticketing system failed.*503"):
            await box.call(
                "ticketing", "get_task", {"task_id": "X-1"}, result_model=TaskInfo
            )


def test_role_server_refuses_an_object_that_lacks_the_role():
    with pytest.raises(ConfigError, match="does not implement the 'ticketing'"):
        build_role_server("ticketing", _FakeNotifier())


def test_role_server_refuses_an_unknown_role():
    with pytest.raises(ConfigError, match="unknown role 'payments'"):
        build_role_server("payments", _FakeNotifier())
