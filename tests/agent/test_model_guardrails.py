"""The checks only a model's draft runs: language, subject, unsupported facts."""

from __future__ import annotations

import pytest
from builders import make_account, make_analysis, make_response

from agent.decide import decide
from agent.guardrails import CHECK_NAMES, check_draft
from agent.model_guardrails import MODEL_CHECK_NAMES
from agent.models import Draft

COMMENT = "The CSV export has failed 3 times this week and I need it for payroll."


def _report(policy, now, body, *, subject="Your CSV export", reasoner="llm", **kw):
    response = make_response(COMMENT)
    analysis = make_analysis(**kw)
    decision = decide(response, analysis, None, policy, now)
    draft = Draft(
        subject=subject,
        body=body.format(day=decision.follow_up_by.day),
        sender=decision.sender,
        framework="llm:fix_and_follow_up",
        reasoner=reasoner,
    )
    checks = check_draft(
        draft,
        response=response,
        analysis=analysis,
        decision=decision,
        policy=policy,
        account=make_account(plan="Team 50"),
    )
    return {check.name: check for check in checks.checks}


def test_an_offline_draft_runs_only_the_shared_checks(policy, now):
    checks = _report(policy, now, "Hi Dana", reasoner="offline")

    assert tuple(checks) == CHECK_NAMES


def test_a_model_draft_runs_the_model_checks_too(policy, now):
    checks = _report(policy, now, "Hi Dana")

    assert tuple(checks) == CHECK_NAMES + MODEL_CHECK_NAMES


@pytest.mark.parametrize(
    ("body", "passed"),
    [
        ("The export failed 3 times; we write back on the {day}th.", True),
        ("Your plan Team 50 is covered.", True),
        ("We refunded 40 dollars.", False),
        ("See https://status.example.com for news.", False),
        ("Write to help@other.example for more.", False),
    ],
    ids=["comment-and-date", "account", "new-number", "link", "email"],
)
def test_a_fact_not_in_the_inputs_fails(policy, now, body, passed):
    checks = _report(policy, now, body)

    assert checks["unsupported_facts"].passed is passed, checks["unsupported_facts"]


def test_a_reply_in_another_language_than_the_comment_fails(policy, now):
    english = (
        "Hi Dana, the CSV export keeps failing and our support team is on it. "
        "We will write back with what changed."
    )
    checks = _report(policy, now, english, language="de")

    assert not checks["language"].passed
    assert checks["language"].detail == "written in 'en', the comment is in 'de'"


def test_a_subject_of_a_whole_paragraph_fails(policy, now):
    checks = _report(policy, now, "Hi Dana", subject="Your export " * 20)

    assert not checks["subject_length"].passed
