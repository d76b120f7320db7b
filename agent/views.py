"""What the CLI shows a person: progress, the run summary, cases."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text
from sqlalchemy.engine import make_url

from agent.models import CaseStatus, RescueCase
from agent.settings import Settings

if TYPE_CHECKING:
    from agent.runner import RunSummary


def progress(console: Console) -> Progress:
    """A progress bar on `console` that vanishes when the run ends."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


def print_summary(
    console: Console, summary: RunSummary, settings: Settings, output: Path | None
) -> None:
    """The end-of-run table and where the data lives."""
    detractors = summary.detractors
    table = Table(
        title=escape(f"nps-rescue run: {summary.path.name}"), show_header=False
    )
    table.add_column(style="bold")
    table.add_column(justify="right")

    table.add_row("layout", summary.layout)
    table.add_row("responses read", str(summary.rows_read))
    table.add_row("invalid (see stderr)", str(len(summary.invalid)))
    if summary.duplicates:
        table.add_row("duplicates merged (see stderr)", str(summary.duplicates))
    table.add_row("valid", str(summary.valid))
    table.add_row("detractors (0-6)", str(len(detractors)))
    table.add_row("passives and promoters (7-10)", str(summary.valid - len(detractors)))
    table.add_section()
    for action, label in _ACTIONS.items():
        if summary.actions[action]:
            table.add_row(label, str(summary.actions[action]))
    table.add_section()
    table.add_row(
        "drafts waiting for approval",
        str(summary.count_status(CaseStatus.AWAITING_APPROVAL)),
    )
    table.add_row(
        "replies queued to send", str(summary.count_status(CaseStatus.REPLY_QUEUED))
    )
    if summary.count_status(CaseStatus.PARKED):
        table.add_row(
            "[red]parked (integration failed)[/red]",
            str(summary.count_status(CaseStatus.PARKED)),
        )
    model = summary.model_usage()
    if model.steps:
        table.add_section()
        methods = ", ".join(f"{m} {n}" for m, n in model.methods.most_common())
        table.add_row("model calls", str(model.calls))
        table.add_row("model methods", methods or "none worked")
        table.add_row("model seconds", f"{model.latency_ms / 1000:.1f}")
        tokens = f"{model.input_tokens} in, {model.output_tokens} out"
        if model.unreported:
            tokens += f" ({model.unreported} steps unreported)"
        table.add_row("model tokens", tokens)
        table.add_row("offline fallbacks", str(model.fallbacks))
    table.add_row("seconds", f"{summary.seconds:.1f}")

    console.print(table)
    console.print(
        _counter_table("detractors by category", summary.count_by("category")),
        _counter_table("detractors by team", summary.count_by("team")),
    )
    console.print(Text(f"cases and graph checkpoints: {_store_place(settings)}"))
    console.print(
        Text(f"tasks, outbox and inbox: {settings.data_dir / 'local.sqlite'}")
    )
    if output is not None:
        console.print(Text(f"case JSON lines: {output}"))
    console.print("next: `nps-rescue cases` to list, `nps-rescue cases show ID`")


def _store_place(settings: Settings) -> str:
    """The store as a path for SQLite, else its URL without the password."""
    if settings.database_url is None:
        return str(settings.sqlite_path)
    return make_url(settings.store_url).render_as_string(hide_password=True)


_ACTIONS = {
    "rescued": "new detractor cases",
    "recorded": "new passive or promoter answers",
    "resumed": "cases resumed after a failure",
    "changed": "answers changed since the reply",
    "unchanged": "already processed, unchanged",
    "parked": "parked this run",
}


def print_cases(
    console: Console, cases: list[RescueCase], *, reasons: bool = False
) -> None:
    """A readable table of cases; narrow terminals drop the category.

    With `reasons`, the last column says why each draft waits for a person
    instead of restating the issue.
    """
    wide = console.width >= 120
    title = f"{len(cases)} case" + ("" if len(cases) == 1 else "s")
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    rows = [_case_row(case, wide, reasons) for case in cases]
    headers = ["response id", "nps", "status", "team", "prio"]
    headers += ["category"] if wide else []
    for index, name in enumerate(headers):
        width = max([len(name), *(len(row[index]) for row in rows)])
        table.add_column(name, no_wrap=True, width=min(width, 24))
    table.add_column(
        "waits because" if reasons else "issue",
        no_wrap=True,
        overflow="ellipsis",
        ratio=1,
        min_width=20,
    )
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    console.print(table)


def _case_row(case: RescueCase, wide: bool, reasons: bool) -> list[str]:
    analysis, decision = case.analysis, case.decision
    row = [
        case.response_id,
        str(case.score),
        case.status.value,
        decision.team if decision else "",
        decision.priority if decision else "",
    ]
    if wide:
        row.append(analysis.category if analysis else "")
    if reasons:
        waits = decision.approval_reasons if decision else []
        row.append(_clip("; ".join(waits), 200))
    else:
        row.append(_clip(analysis.issue_summary if analysis else case.comment, 90))
    return row


def print_case(console: Console, case: RescueCase) -> None:
    """One case, laid out for a person deciding what to do with it."""
    customer = case.customer
    who = customer.name or customer.email or "anonymous"
    header = Text.assemble(
        (f"{case.response_id}", "bold"),
        f"  score {case.score}  {case.status.value}\n",
        f"{who}" + (f" <{customer.email}>" if customer.email and customer.name else ""),
        f"  submitted {case.submitted_at:%Y-%m-%d %H:%M %Z}"
        if case.submitted_at
        else "",
    )
    parts: list = [
        header,
        Text(f"\n{case.comment or '(no comment)'}\n", style="italic"),
    ]

    if case.analysis:
        a = case.analysis
        parts.append(
            _fields(
                "analysis",
                issue=a.issue_summary,
                category=", ".join([a.category, *a.secondary_categories]),
                area=a.product_area,
                emotion=f"{a.emotion} ({a.emotion_intensity:.2f})",
                kind=a.kind,
                language=a.language,
                suggested=a.suggested_resolution or "-",
            )
        )
    if case.decision:
        d = case.decision
        parts.append(
            _fields(
                "decision",
                team=d.team,
                priority=d.priority,
                playbook=d.playbook,
                respond_by=f"{d.respond_by:%Y-%m-%d %H:%M %Z}"
                + (" (overdue)" if _overdue(case) else ""),
                follow_up_by=str(d.follow_up_by),
                approval="needed" if d.needs_approval else "not needed",
                reasons="\n".join(d.reasons),
            )
        )
    if case.draft:
        parts.append(
            Panel(
                Text(f"Subject: {case.draft.subject}\n\n{case.draft.body}"),
                title=escape(f"draft ({case.draft.framework})"),
            )
        )
        if case.draft.guardrails:
            checks = "  ".join(
                f"{'✓' if c.passed else '✗'} {c.name}"
                for c in case.draft.guardrails.checks
            )
            failures = "\n".join(
                f"✗ {c.name}: {c.detail}" for c in case.draft.guardrails.failures
            )
            parts.append(Text(checks + ("\n" + failures if failures else "")))
    if case.task:
        parts.append(
            Text(f"task {case.task.id} for {case.task.team} ({case.task.system})")
        )
    if case.events:
        parts.append(
            Text(
                "\n".join(
                    f"{e.at:%Y-%m-%d %H:%M} {e.kind}: {e.detail}" for e in case.events
                )
            )
        )
    console.print(Panel(Group(*parts), title="case"))


def _overdue(case: RescueCase) -> bool:
    """Still waiting for a first reply after the response deadline."""
    return (
        case.decision is not None
        and case.status == CaseStatus.AWAITING_APPROVAL
        and case.decision.respond_by < datetime.now(UTC)
    )


def _fields(title: str, **values: str) -> Table:
    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    for key, value in values.items():
        table.add_row(key.replace("_", " "), Text(value))
    return table


def _counter_table(title: str, counts: Counter[str]) -> Table:
    table = Table(title=title)
    table.add_column("name")
    table.add_column("cases", justify="right")
    for name, count in counts.most_common():
        table.add_row(Text(name), str(count))
    return table


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
