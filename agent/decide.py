"""The decision: owning team, priority, playbook, deadlines and approval.

Pure policy arithmetic over the analysis and the account; no I/O.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from agent.business_days import follow_up_date
from agent.models import (
    Account,
    Analysis,
    Decision,
    NpsResponse,
    Playbook,
    Priority,
    Sender,
)
from agent.policy import Policy

_PRIORITY_BY_POINTS: dict[int, Priority] = {0: "P4", 1: "P4", 2: "P3", 3: "P2", 4: "P1"}

_LANGUAGE_NAMES = {
    "de": "German",
    "es": "Spanish",
    "fr": "French",
    "it": "Italian",
    "nl": "Dutch",
    "pt": "Portuguese",
}


def decide(
    response: NpsResponse,
    analysis: Analysis,
    account: Account | None,
    policy: Policy,
    now: datetime,
) -> Decision:
    """Decide how the case is handled, with a reason for every choice."""
    team = policy.team_for(analysis.category)
    team_policy = policy.teams[team]
    playbook = choose_playbook(analysis)
    priority, priority_reasons = rank(response, analysis, account, policy, now)
    approval_reasons = approval_needed(analysis, account, playbook, policy, now)

    submitted = response.submitted_at or now
    reasons = [
        f"team: {team} owns {analysis.category}",
        f"priority {priority}: " + (", ".join(priority_reasons) or "no urgency"),
        f"playbook: {playbook} ({_playbook_reason(analysis, playbook)})",
        *(f"approval: {reason}" for reason in approval_reasons),
    ]

    return Decision(
        team=team,
        priority=priority,
        playbook=playbook,
        respond_by=submitted + timedelta(hours=policy.response_target_hours),
        follow_up_by=follow_up_date(
            now, team_policy.sla_business_days, policy.calendar
        ),
        needs_approval=bool(approval_reasons),
        reasons=reasons,
        sender=_sender(account, policy, team),
        decided_at=now,
    )


def choose_playbook(analysis: Analysis) -> Playbook:
    """Fix what can be fixed; be honest where the product is the wrong fit."""
    if analysis.is_vague:
        return "ask_for_details"
    if analysis.kind == "fixable":
        return "fix_and_follow_up"
    if analysis.intends_to_leave:
        return "graceful_exit"
    if analysis.category in {"missing_feature", "usability"}:
        return "alternative_solution"
    return "expectation_reset"


def rank(
    response: NpsResponse,
    analysis: Analysis,
    account: Account | None,
    policy: Policy,
    now: datetime,
) -> tuple[Priority, list[str]]:
    """P1 (most urgent) to P4, with the factors that raised it."""
    points = 0
    reasons: list[str] = []

    if response.score <= 2:
        points += 2
        reasons.append(f"score {response.score}")
    elif response.score <= 4:
        points += 1
        reasons.append(f"score {response.score}")
    if analysis.emotion_intensity >= policy.priority.high_intensity:
        points += 1
        reasons.append(f"high emotional intensity ({analysis.emotion})")
    if _high_value(account, policy):
        points += 1
        reasons.append("high-value account")
    if _renewal_near(account, policy, now):
        points += 1
        reasons.append("renewal is near")
    if analysis.intends_to_leave:
        points += 1
        reasons.append("customer says they are leaving")

    return _PRIORITY_BY_POINTS[min(points, 4)], reasons


def approval_needed(
    analysis: Analysis,
    account: Account | None,
    playbook: Playbook,
    policy: Policy,
    now: datetime,
) -> list[str]:
    """Why a person must approve the draft; empty when it may go out."""
    rules = policy.approval
    reasons: list[str] = []

    if not rules.auto_send:
        reasons.append("auto-send is off in the policy")
    if rules.fundamental and analysis.kind == "fundamental":
        reasons.append(f"fundamental detractor ({playbook} playbook)")
    if rules.high_value and _high_value(account, policy):
        assert account is not None
        reasons.append(f"high-value account (ARR {account.arr:,.0f})")
    if rules.near_renewal and _renewal_near(account, policy, now):
        assert account is not None
        reasons.append(f"renewal on {account.renewal_date}")
    if rules.high_intensity and (
        analysis.emotion_intensity >= policy.priority.high_intensity
    ):
        reasons.append(
            f"high emotional intensity ({analysis.emotion}, "
            f"{analysis.emotion_intensity:.2f})"
        )
    if rules.non_english and analysis.language not in {"en", "und"}:
        name = _LANGUAGE_NAMES.get(analysis.language, analysis.language)
        reasons.append(f"comment is in {name}; the offline reply is in English")
    return reasons


def _playbook_reason(analysis: Analysis, playbook: Playbook) -> str:
    if playbook == "ask_for_details":
        return "the comment names no specific problem"
    if playbook == "fix_and_follow_up":
        return "a concrete problem the team can fix"
    if playbook == "graceful_exit":
        return "fundamental, and the customer says they are leaving"
    return f"fundamental {analysis.category.replace('_', ' ')} gap"


def _high_value(account: Account | None, policy: Policy) -> bool:
    return bool(
        account
        and account.arr is not None
        and account.arr >= policy.priority.high_value_arr
    )


def _renewal_near(account: Account | None, policy: Policy, now: datetime) -> bool:
    if account is None or account.renewal_date is None:
        return False
    days_left = (account.renewal_date - now.date()).days
    return 0 <= days_left <= policy.priority.renewal_window_days


def _sender(account: Account | None, policy: Policy, team: str) -> Sender:
    if account is not None and account.owner_name:
        return Sender(name=account.owner_name, email=account.owner_email)
    return policy.teams[team].sender
