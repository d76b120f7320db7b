"""How the rescue is doing: response speed, resolution rate and rescue rate."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from statistics import median

from pydantic import BaseModel, ConfigDict, Field

from agent.models import CaseStatus, RescueCase


class RescueMetrics(BaseModel):
    """Counts and rates over the cases submitted in a window."""

    model_config = ConfigDict(extra="forbid")

    since: datetime | None = Field(description="Cases submitted at or after this.")
    at: datetime = Field(description="When the figures were taken.")
    responses: int = Field(description="Answers recorded, detractors or not.")
    detractors: int
    by_status: dict[str, int]
    by_team: dict[str, int]
    by_category: dict[str, int]
    awaiting_approval: int
    overdue: int = Field(
        description="Detractors with no reply sent and the response deadline passed."
    )
    replies_sent: int
    replies_on_time: int = Field(description="Replies sent by their deadline.")
    median_hours_to_reply: float | None = Field(
        description="From submission to the reply reaching the messenger."
    )
    tasks_opened: int
    tasks_resolved: int
    resolution_rate: float | None = Field(description="Resolved tasks / opened.")
    outcomes: int = Field(description="Rescued customers who answered again.")
    recovered: int = Field(description="Next answer 7-10.")
    rescue_rate: float | None = Field(description="Recovered / outcomes.")


def compute_metrics(
    cases: Iterable[RescueCase], *, since: datetime | None, now: datetime
) -> RescueMetrics:
    """The metrics of `cases` (already limited to the window) at `now`."""
    cases = list(cases)
    detractors = [case for case in cases if case.status != CaseStatus.RECORDED]

    hours = []
    on_time = 0
    for case in detractors:
        sent_at = _first(case, "reply_queued")
        if sent_at is None:
            continue
        if case.decision and sent_at <= case.decision.respond_by:
            on_time += 1
        if case.submitted_at:
            hours.append((sent_at - case.submitted_at).total_seconds() / 3600)

    opened = sum(1 for case in detractors if case.task is not None)
    resolved = sum(1 for case in detractors if _first(case, "task_resolved"))
    outcomes = [case.outcome for case in cases if case.outcome is not None]
    recovered = sum(1 for o in outcomes if o.result in ("recovered", "advocate"))

    return RescueMetrics(
        since=since,
        at=now,
        responses=len(cases),
        detractors=len(detractors),
        by_status=dict(Counter(case.status.value for case in cases)),
        by_team=dict(Counter(c.decision.team for c in detractors if c.decision)),
        by_category=dict(
            Counter(c.analysis.category for c in detractors if c.analysis)
        ),
        awaiting_approval=sum(
            1 for c in detractors if c.status == CaseStatus.AWAITING_APPROVAL
        ),
        overdue=sum(1 for case in detractors if _overdue(case, now)),
        replies_sent=_count_sent(detractors),
        replies_on_time=on_time,
        median_hours_to_reply=round(median(hours), 2) if hours else None,
        tasks_opened=opened,
        tasks_resolved=resolved,
        resolution_rate=_rate(resolved, opened),
        outcomes=len(outcomes),
        recovered=recovered,
        rescue_rate=_rate(recovered, len(outcomes)),
    )


def _first(case: RescueCase, kind: str) -> datetime | None:
    return next((event.at for event in case.events if event.kind == kind), None)


def _count_sent(cases: list[RescueCase]) -> int:
    return sum(1 for case in cases if _first(case, "reply_queued"))


def _overdue(case: RescueCase, now: datetime) -> bool:
    waiting = case.message is None and case.status != CaseStatus.REJECTED
    return bool(waiting and case.decision and case.decision.respond_by < now)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None
