"""The `nps-rescue` command line."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.text import Text

from agent import views
from agent.errors import CaseNotFound, ConfigError, InputError
from agent.log import configure_logging
from agent.models import CaseStatus, RescueCase
from agent.settings import Settings, load_settings
from agent.store import CaseStore
from prompts import PromptError

if TYPE_CHECKING:
    from agent.runner import RunSummary

app = typer.Typer(
    name="nps-rescue",
    help="Rescue NPS detractors: analysis, routing, a reply draft and a task.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
cases_app = typer.Typer(help="List and show cases.", no_args_is_help=False)
app.add_typer(cases_app, name="cases")

out = Console()
err = Console(stderr=True)

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="TOML settings file.", envvar="NPS_RESCUE_CONFIG"),
]
DataDirOption = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Folder for the embedded SQLite files."),
]


@app.command()
def run(
    path: Annotated[Path, typer.Argument(help="CSV or JSONL export of answers.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write one case JSON per line here."),
    ] = None,
    maps: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="Map a field to a column by hand, e.g. --map score='Q1 NPS'.",
        ),
    ] = None,
    source: Annotated[
        str | None, typer.Option(help="Prefix for response ids (default: layout).")
    ] = None,
    accounts: Annotated[
        Path | None,
        typer.Option(help="Accounts CSV for the built-in CRM (owner, ARR, renewal)."),
    ] = None,
    policy: Annotated[
        Path | None, typer.Option(help="Policy TOML merged over the default.")
    ] = None,
    config: ConfigOption = None,
    data_dir: DataDirOption = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log each step to stderr.")
    ] = False,
) -> None:
    """Rescue every detractor (0-6) in an export; record everyone else."""
    if path.is_dir():
        _fail(f"{path} is a folder; give the export file inside it")
    if not path.is_file():
        _fail(f"no file at {path}")
    overrides: dict = {"data_dir": data_dir, "policy_file": policy}
    if verbose:
        overrides["log_level"] = "info"
    settings = _settings(config, **overrides)
    if accounts is not None:
        local = settings.integrations.setdefault("local", {})
        local["accounts_csv"] = str(accounts)
    mapping = _parse_maps(maps or [])

    try:
        summary = asyncio.run(_run(settings, path, source, mapping))
    except (InputError, ConfigError, PromptError) as exc:
        _fail(str(exc))

    for warning in summary.warnings:
        err.print(Text.assemble(("warning: ", "yellow"), warning))
    for row in [*summary.invalid, *summary.notes]:
        ident = f" (id {row.response_id})" if row.response_id else ""
        err.print(Text(f"row {row.row}{ident}: {row.reason}"))
    if output is not None:
        with output.open("w", encoding="utf-8") as handle:
            for case in summary.cases:
                handle.write(case.model_dump_json() + "\n")

    if summary.rows_read == 0:
        _fail(f"{path} has a header row but no answers under it", 1)
    views.print_summary(out, summary, settings, output)
    if summary.valid == 0:
        err.print(Text.assemble(("error: ", "red"), "no row could be processed"))
        raise typer.Exit(1)


async def _run(
    settings: Settings, path: Path, source: str | None, mapping: dict[str, str]
) -> RunSummary:
    # Imported here so that listing cases does not pay for the graph's imports.
    from agent.app import open_agent
    from agent.runner import run_export

    async with open_agent(settings) as agent:
        with views.progress(err) as bar:
            task = bar.add_task("rescuing", total=None)
            return await run_export(
                agent,
                path,
                source=source,
                mapping=mapping,
                on_start=lambda total: bar.update(task, total=total),
                on_case=lambda _case: bar.advance(task),
            )


@app.command()
def mcp(
    http: Annotated[
        bool, typer.Option("--http", help="Serve streamable HTTP instead of stdio.")
    ] = False,
    host: Annotated[
        str,
        typer.Option(help="Address to bind with --http.", envvar="NPS_RESCUE_MCP_HOST"),
    ] = "127.0.0.1",
    port: Annotated[
        int,
        typer.Option(
            min=0,
            max=65535,
            help="Port with --http (0: any free one).",
            envvar="NPS_RESCUE_MCP_PORT",
        ),
    ] = 8765,
    token: Annotated[
        str | None,
        typer.Option(
            help="Bearer token HTTP clients must send; required beyond loopback.",
            envvar="NPS_RESCUE_MCP_TOKEN",
        ),
    ] = None,
    allowed_hosts: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host", help="A host name clients use, for the Host check."
        ),
    ] = None,
    config: ConfigOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Serve the agent to AI assistants over MCP (stdio unless --http)."""
    from agent.serve import serve_stdio, serve_streamable_http

    settings = _settings(config, data_dir=data_dir)
    try:
        if not http:
            asyncio.run(serve_stdio(settings))
            return
        asyncio.run(
            serve_streamable_http(
                settings,
                host=host,
                port=port,
                token=token,
                allowed_hosts=allowed_hosts or [],
                on_listening=lambda url: err.print(Text(f"MCP endpoint: {url}")),
            )
        )
    except (ConfigError, PromptError) as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        raise typer.Exit(0) from None


@app.command()
def approve(
    response_id: Annotated[str, typer.Argument(help="The case's response id.")],
    body_file: Annotated[
        Path | None,
        typer.Option(help="Send this file's text instead of the draft's body."),
    ] = None,
    by: Annotated[str | None, typer.Option(help="Who approves.")] = None,
    config: ConfigOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Approve a draft waiting for approval and hand the reply to the messenger."""
    body = None
    if body_file is not None:
        try:
            body = body_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            _fail(f"cannot read --body-file {str(body_file)!r}: {exc}")
    case = _answer(config, data_dir, "approve", response_id, body=body, by=by)
    message = case.message.id if case.message else "none"
    out.print(Text(f"{case.response_id}: {case.status.value}, reply {message}"))


@app.command()
def reject(
    response_id: Annotated[str, typer.Argument(help="The case's response id.")],
    reason: Annotated[str, typer.Option(help="Why the reply must not go out.")],
    by: Annotated[str | None, typer.Option(help="Who rejects.")] = None,
    config: ConfigOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Reject a draft waiting for approval: nothing is sent, the task stays."""
    case = _answer(config, data_dir, "reject", response_id, reason=reason, by=by)
    out.print(Text(f"{case.response_id}: {case.status.value}, nothing sent"))


def _answer(
    config: Path | None, data_dir: Path | None, action: str, response_id: str, **args
) -> RescueCase:
    """Approve or reject through the same desk the MCP tools use."""
    settings = _settings(config, data_dir=data_dir)
    _store(config, data_dir).close()

    async def work() -> RescueCase:
        from agent.app import open_agent
        from agent.desk import AgentDesk

        async with open_agent(settings) as agent:
            desk = AgentDesk(agent)
            if action == "approve":
                return await desk.approve(response_id, args["body"], args["by"])
            return await desk.reject(response_id, args["reason"], args["by"])

    try:
        return asyncio.run(work())
    except CaseNotFound:
        _fail(f"no case with id {response_id!r}; `nps-rescue cases` lists them", 1)
    except (InputError, ConfigError, PromptError) as exc:
        _fail(str(exc), 1)


@cases_app.callback(invoke_without_command=True)
def cases(
    ctx: typer.Context,
    status: Annotated[
        CaseStatus | None, typer.Option(help="Only cases with this status.")
    ] = None,
    team: Annotated[str | None, typer.Option(help="Only this team's cases.")] = None,
    category: Annotated[str | None, typer.Option(help="Only this category.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many.")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print all as one JSON array.")
    ] = False,
    config: ConfigOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """List cases, newest first."""
    if ctx.invoked_subcommand is not None:
        return
    store = _store(config, data_dir)
    found = store.find(
        status=status,
        team=team.strip().lower() if team else None,
        category=category.strip().lower() if category else None,
        limit=limit,
    )
    if as_json:
        sys.stdout.write(
            json.dumps([case.model_dump(mode="json") for case in found], indent=2)
        )
        sys.stdout.write("\n")
        return
    views.print_cases(out, found, reasons=status == CaseStatus.AWAITING_APPROVAL)


@cases_app.command("show")
def show(
    response_id: Annotated[str, typer.Argument(help="The case's response id.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the case JSON.")
    ] = False,
    config: ConfigOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Show one case for a person to read."""
    store = _store(config, data_dir)
    case = store.get(response_id)
    if case is None:
        _fail(f"no case with id {response_id!r}; `nps-rescue cases` lists them", 1)
    if as_json:
        sys.stdout.write(case.model_dump_json(indent=2) + "\n")
        return
    views.print_case(out, case)


def _settings(config: Path | None, **overrides) -> Settings:
    try:
        settings = load_settings(config, **overrides)
    except ConfigError as exc:
        _fail(str(exc))
    configure_logging(settings.log_level, settings.log_format)
    return settings


def _store(config: Path | None, data_dir: Path | None) -> CaseStore:
    settings = _settings(config, data_dir=data_dir)
    if settings.database_url is None and not settings.sqlite_path.exists():
        _fail(
            f"no cases yet in {settings.sqlite_path}; run `nps-rescue run FILE` first",
            1,
        )
    return CaseStore(settings.store_url)


def _parse_maps(maps: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for item in maps:
        field, sep, column = item.partition("=")
        if not sep or not field.strip() or not column.strip():
            _fail(f"--map {item!r} is not FIELD=COLUMN")
        mapping[field.strip().lower()] = column.strip()
    return mapping


def _fail(message: str, code: int = 2) -> NoReturn:
    """Print an error for a person and stop; customer text is never markup."""
    err.print(Text.assemble(("error: ", "red"), message))
    raise typer.Exit(code)
