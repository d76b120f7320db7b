"""Rescue every detractor in an export file, and summarize the run."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from agent.app import RescueAgent
from agent.models import CaseStatus, RescueCase
from plugins.importers import InvalidRow, read_export


@dataclass
class RunSummary:
    """What one run read, did and skipped."""

    path: Path
    layout: str
    rows_read: int
    invalid: list[InvalidRow]
    duplicates: int
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
        invalid=imported.invalid,
        duplicates=imported.duplicates,
    )
    if on_start:
        on_start(len(imported.responses))

    for response in imported.responses:
        processed = await agent.process(response)
        summary.cases.append(processed.case)
        summary.actions[processed.action] += 1
        if on_case:
            on_case(processed.case)

    summary.seconds = time.perf_counter() - started
    return summary
