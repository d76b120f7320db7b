"""The real 2,385-answer telecom NPS export runs through cleanly."""

from __future__ import annotations

from collections import Counter

import pytest
from builders import SHARED_DATA

from agent.app import open_agent
from agent.models import CaseStatus
from agent.runner import run_export

TELECOM = SHARED_DATA / "telecom_nps_verbatims.csv"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not TELECOM.exists(), reason="../shared is not beside us"),
    pytest.mark.timeout(600),
]


async def test_every_telecom_detractor_gets_a_case_task_and_checked_draft(settings):
    async with open_agent(settings) as agent:
        summary = await run_export(agent, TELECOM)

    detractors = summary.detractors
    assert summary.rows_read == 2385
    assert len(summary.invalid) == 32
    assert all(row.reason == "score is blank" for row in summary.invalid)
    assert summary.valid == 2353
    assert len(detractors) == 1271
    assert summary.actions == Counter(rescued=1271, recorded=1082)
    for case in detractors:
        assert case.task is not None, case.response_id
        assert case.draft.guardrails is not None, case.response_id
        # The file has no email addresses, so every reply waits for a person.
        assert case.status == CaseStatus.AWAITING_APPROVAL, case.response_id
        failed = case.draft.guardrails.failures
        if failed:
            assert any("guardrails failed" in r for r in case.decision.reasons)
    failing = sum(1 for case in detractors if not case.draft.guardrails.passed)
    assert failing / len(detractors) < 0.02
