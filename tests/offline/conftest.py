"""Fixtures for the drafter tests: a reply request built by hand."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from builders import make_analysis, make_response

from agent.guardrails import check_draft
from agent.models import Decision, Draft, GuardrailCheck, GuardrailReport
from agent.policy import Policy
from agent.reasoners import DraftRequest

FOLLOW_UP = date(2026, 12, 8)


@pytest.fixture
def make_request(policy: Policy) -> Callable[..., DraftRequest]:
    """Build the request the graph would send, from analysis fields.

    The comment defaults to the issue summary, so what the customer wrote and
    what the analysis read from it agree unless a test says otherwise.
    """

    def build(
        *,
        comment: str | None = None,
        playbook: str = "fix_and_follow_up",
        response_id: str = "test:1",
        name: str | None = "Dana Okafor",
        revision: int = 0,
        failed: list[GuardrailCheck] | None = None,
        **analysis,
    ) -> DraftRequest:
        read = make_analysis(**analysis)
        response = make_response(
            read.issue_summary if comment is None else comment,
            response_id=response_id,
            name=name,
        )
        team = policy.team_for(read.category)
        decision = Decision(
            team=team,
            priority="P2",
            playbook=playbook,
            respond_by=datetime(2026, 12, 3, 13, 0, tzinfo=UTC),
            follow_up_by=FOLLOW_UP,
            needs_approval=False,
            sender=policy.teams[team].sender,
        )
        return DraftRequest(
            response=response,
            analysis=read,
            decision=decision,
            policy=policy,
            revision=revision,
            failed_checks=failed or [],
        )

    return build


def check(request: DraftRequest, draft: Draft) -> GuardrailReport:
    """Every guardrail on `draft`, as the review node runs them."""
    return check_draft(
        draft,
        response=request.response,
        analysis=request.analysis,
        decision=request.decision,
        policy=request.policy,
    )


@pytest.fixture
def guardrails() -> Callable[[DraftRequest, Draft], GuardrailReport]:
    """The guardrail report for a request and its draft."""
    return check
