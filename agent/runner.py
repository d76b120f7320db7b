"""Rescue every detractor in an export file, and summarize the run."""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import structlog

from agent.app import RescueAgent
from agent.errors import InputError
from agent.models import CaseStatus, ModelUsage, RescueCase
from agent.policy import load_policy
from plugins.importers import InvalidRow, read_export


@dataclass
class RunSummary:
    """What one run read, did and skipped."""

    path: Path
    layout: str
    rows_read: int
    invalid: list[InvalidRow]
    duplicates: int
    notes: list[InvalidRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cases: list[RescueCase] = field(default_factory=list)
    actions: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def valid(self) -> int:
        return len(self.cases)

    @property
    def detractors(self) -> list[RescueCase]:
        return [case for case in self.cases if case.status != CaseStatus.RECORDED]

    def count_by(self, attribute: str) -> Counter[str]:
        """Detractor cases counted by decision team or analysis category."""
        counts: Counter[str] = Counter()
        for case in self.detractors:
            if attribute == "team" and case.decision:
                counts[case.decision.team] += 1
            elif attribute == "category" and case.analysis:
                counts[case.analysis.category] += 1
        return counts

    def count_status(self, status: CaseStatus) -> int:
        return sum(1 for case in self.cases if case.status == status)

    def model_usage(self) -> ModelTotals:
        """What the language model did across the run's cases."""
        totals = ModelTotals()
        for case in self.cases:
            steps = [case.analysis, case.draft]
            for usage in (step.usage for step in steps if step and step.usage):
                totals.add(usage)
        return totals


@dataclass
class ModelTotals:
    """Model calls, time, tokens and fallbacks summed over a run."""

    steps: int = 0
    calls: int = 0
    latency_ms: float = 0.0
    input_tokens: int = 0
    output_tokens: int = 0
    unreported: int = 0
    """Steps the model answered without reporting token usage."""
    fallbacks: int = 0
    methods: Counter[str] = field(default_factory=Counter)

    def add(self, usage: ModelUsage) -> None:
        self.steps += 1
        self.calls += usage.calls
        self.latency_ms += usage.latency_ms
        if usage.input_tokens is None and usage.method is not None:
            self.unreported += 1
        self.input_tokens += usage.input_tokens or 0
        self.output_tokens += usage.output_tokens or 0
        self.fallbacks += usage.fallback is not None
        if usage.method:
            self.methods[usage.method] += 1


async def run_export(
    agent: RescueAgent,
    path: Path,
    *,
    source: str | None = None,
    mapping: dict[str, str] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_case: Callable[[RescueCase], None] | None = None,
) -> RunSummary:
    """Import `path` and process every valid response in it.

    Raises:
        InputError: the file cannot be read or its layout is not recognised.
    """
    with structlog.contextvars.bound_contextvars(run_id=uuid.uuid4().hex[:12]):
        return await _run(agent, path, source, mapping, on_start, on_case)


async def _run(
    agent: RescueAgent,
    path: Path,
    source: str | None,
    mapping: dict[str, str] | None,
    on_start: Callable[[int], None] | None,
    on_case: Callable[[RescueCase], None] | None,
) -> RunSummary:
    started = time.perf_counter()
    imported = read_export(
        path,
        source=source,
        mapping=mapping,
        timezone=agent.context.policy.calendar.timezone,
    )
    summary = RunSummary(
        path=path,
        layout=imported.layout,
        rows_read=imported.rows_read,
        invalid=list(imported.invalid),
        duplicates=imported.duplicates,
        notes=imported.notes,
        warnings=_warnings(imported.missing_fields, imported.columns),
    )
    hold = []
    if "comment" in imported.missing_fields:
        hold.append(
            "the export has no comment column, so the reply cannot know what went wrong"
        )
    if on_start:
        on_start(len(imported.responses))

    for response in imported.responses:
        try:
            processed = await agent.process(response, hold_reasons=hold)
        except InputError as exc:
            row = imported.rows.get(response.response_id, 0)
            summary.invalid.append(
                InvalidRow(row=row, response_id=response.response_id, reason=str(exc))
            )
            continue
        summary.cases.append(processed.case)
        summary.actions[processed.action] += 1
        if on_case:
            on_case(processed.case)

    summary.invalid.sort(key=lambda row: row.row)
    summary.warnings.extend(_example_senders(summary.detractors))
    summary.seconds = time.perf_counter() - started
    return summary


def _example_senders(cases: list[RescueCase]) -> list[str]:
    """A warning when replies are signed by the default policy's example people.

    The shipped senders are placeholders: a real reply must come from
    someone at the customer's company, set per team in the policy file.
    """
    shipped = [team.sender for team in load_policy().teams.values()]
    signed = [case for case in cases if case.draft and case.draft.sender in shipped]
    if not signed:
        return []
    names = ", ".join(sorted({case.draft.sender.name for case in signed}))
    return [
        f"{len(signed)} replies are signed by the example senders of the default "
        f"policy ({names}); set [teams.NAME].sender in your own policy file "
        "(--policy) before sending them"
    ]


def _warnings(missing: list[str], columns: list[str]) -> list[str]:
    """What a person should know about columns the import could not find."""
    found = ", ".join(repr(c) for c in columns)
    advice = {
        "comment": "every answer is treated as having no comment and every reply "
        "waits for approval",
        "email": "replies cannot be addressed, so every reply waits for approval",
        "name": "replies open with a neutral greeting",
        "date": "response deadlines count from now",
    }
    return [
        f"no {field} column found among {found}: {effect}; "
        f"map one with --map {field}=COLUMN if it exists"
        for field, effect in advice.items()
        if field in missing
    ]
