"""Rescue metrics computed from case records."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from builders import make_analysis, make_response

from agent.metrics import compute_metrics
from agent.models import (
    CaseEvent,
    CaseStatus,
    Decision,
    MessageRef,
    Outcome,
    RescueCase,
    Sender,
    TaskRef,
)

SUBMITTED = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


def _case(n: int, status: CaseStatus, *events: tuple[str, int], **extra) -> RescueCase:
    response = make_response(response_id=f"csv:{n}", submitted_at=SUBMITTED)
    decision = Decision(
        team="support",
        priority="P2",
        playbook="fix_and_follow_up",
        respond_by=SUBMITTED + timedelta(hours=4),
        follow_up_by=date(2026, 12, 8),
        needs_approval=status == CaseStatus.AWAITING_APPROVAL,
        sender=Sender(name="Sam"),
    )
    return RescueCase.recorded(response, SUBMITTED).model_copy(
        update={
            "status": status,
            "analysis": make_analysis(),
            "decision": decision,
            "task": TaskRef(id=f"LOC-{n}", team="support"),
            "events": [
                CaseEvent(at=SUBMITTED + timedelta(hours=hours), kind=kind)
                for kind, hours in events
            ],
            **extra,
        }
    )


def test_metrics_count_speed_resolution_and_rescue():
    sent = MessageRef(id="MSG-1", status="queued")
    outcome = Outcome(
        next_response_id="csv:9", next_score=8, result="recovered", at=NOW
    )
    cases = [
        _case(1, CaseStatus.REPLY_QUEUED, ("reply_queued", 1), message=sent),
        _case(
            2,
            CaseStatus.TASK_RESOLVED,
            ("reply_queued", 5),
            ("task_resolved", 20),
            message=sent,
            outcome=outcome,
        ),
        _case(3, CaseStatus.AWAITING_APPROVAL),
        _case(4, CaseStatus.REJECTED, ("rejected", 2)),
        RescueCase.recorded(make_response("Great", score=9, response_id="csv:5"), NOW),
    ]

    metrics = compute_metrics(cases, since=None, now=NOW)

    assert (metrics.responses, metrics.detractors) == (5, 4)
    assert metrics.by_status["recorded"] == 1
    assert metrics.by_team == {"support": 4}
    assert (metrics.awaiting_approval, metrics.overdue) == (1, 1)
    assert (metrics.replies_sent, metrics.replies_on_time) == (2, 1)
    assert metrics.median_hours_to_reply == 3.0
    assert (metrics.tasks_opened, metrics.tasks_resolved) == (4, 1)
    assert metrics.resolution_rate == 0.25
    assert (metrics.outcomes, metrics.recovered, metrics.rescue_rate) == (1, 1, 1.0)


def test_metrics_of_no_cases_have_no_rates():
    metrics = compute_metrics([], since=SUBMITTED, now=NOW)

    assert metrics.detractors == 0
    assert metrics.median_hours_to_reply is None
    assert metrics.resolution_rate is None
    assert metrics.rescue_rate is None
