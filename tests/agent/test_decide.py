from datetime import date, timedelta

import pytest
from builders import make_account, make_analysis, make_response

from agent.decide import choose_playbook, decide


@pytest.mark.parametrize(
    ("category", "team"),
    [
        ("product_bug", "support"),
        ("performance", "support"),
        ("support_experience", "support"),
        ("usability", "product"),
        ("missing_feature", "product"),
        ("pricing", "billing"),
        ("onboarding", "customer_success"),
        ("relationship", "customer_success"),
        ("other", "customer_success"),
    ],
)
def test_category_is_routed_to_its_owning_team(policy, now, category, team):
    decision = decide(
        make_response(), make_analysis(category=category), None, policy, now
    )

    assert decision.team == team
    assert f"team: {team} owns {category}" in decision.reasons


def test_respond_by_is_four_hours_after_submission(policy, now):
    response = make_response()

    decision = decide(response, make_analysis(), None, policy, now)

    assert decision.respond_by == response.submitted_at + timedelta(hours=4)


def test_follow_up_date_is_the_team_sla_in_business_days_from_today(policy, now):
    # now is Thursday 3 December 2026; support has a 2-business-day SLA.
    decision = decide(make_response(), make_analysis(), None, policy, now)

    assert decision.follow_up_by == date(2026, 12, 7)


@pytest.mark.parametrize(
    ("changes", "playbook"),
    [
        pytest.param({}, "fix_and_follow_up", id="fixable"),
        pytest.param({"is_vague": True}, "ask_for_details", id="vague"),
        pytest.param(
            {"kind": "fundamental", "category": "pricing"},
            "expectation_reset",
            id="fundamental-pricing",
        ),
        pytest.param(
            {"kind": "fundamental", "category": "missing_feature"},
            "alternative_solution",
            id="fundamental-feature",
        ),
        pytest.param(
            {
                "kind": "fundamental",
                "category": "relationship",
                "intends_to_leave": True,
            },
            "graceful_exit",
            id="fundamental-leaving",
        ),
        pytest.param(
            {"kind": "fixable", "intends_to_leave": True},
            "fix_and_follow_up",
            id="leaving-over-a-fixable-bug",
        ),
    ],
)
def test_playbook_follows_kind_and_intent(changes, playbook):
    assert choose_playbook(make_analysis(**changes)) == playbook


def test_calm_six_from_a_small_account_is_low_priority_and_auto_approved(policy, now):
    decision = decide(
        make_response(score=6),
        make_analysis(emotion_intensity=0.2),
        make_account(arr=3000),
        policy,
        now,
    )

    assert decision.priority == "P4"
    assert not decision.needs_approval


def test_furious_zero_from_a_big_account_near_renewal_is_p1_and_held(policy, now):
    account = make_account(arr=120000, renewal_date=date(2027, 1, 15))

    decision = decide(
        make_response(score=0),
        make_analysis(emotion="anger", emotion_intensity=0.9),
        account,
        policy,
        now,
    )

    assert decision.priority == "P1"
    assert decision.needs_approval
    approval = [r for r in decision.reasons if r.startswith("approval:")]
    assert any("ARR 120,000" in r for r in approval)
    assert any("renewal on 2027-01-15" in r for r in approval)
    assert any("anger" in r for r in approval)


def test_fundamental_detractor_waits_for_approval(policy, now):
    decision = decide(
        make_response(),
        make_analysis(kind="fundamental", category="pricing", emotion_intensity=0.3),
        None,
        policy,
        now,
    )

    assert decision.needs_approval
    assert "approval: fundamental detractor (expectation_reset playbook)" in (
        decision.reasons
    )


def test_non_english_comment_waits_for_a_person_who_speaks_it(policy, now):
    decision = decide(make_response(), make_analysis(language="de"), None, policy, now)

    assert decision.needs_approval
    assert any("German" in r for r in decision.reasons)


def test_policy_without_auto_send_holds_every_draft(policy, now):
    strict = policy.model_copy(
        update={"approval": policy.approval.model_copy(update={"auto_send": False})}
    )

    decision = decide(make_response(), make_analysis(), None, strict, now)

    assert decision.needs_approval


def test_account_owner_signs_when_the_crm_names_one(policy, now):
    account = make_account(owner_name="Maya Lindqvist", owner_email="maya@example.com")

    decision = decide(make_response(), make_analysis(), account, policy, now)

    assert decision.sender.name == "Maya Lindqvist"


def test_team_sender_signs_when_no_owner_is_known(policy, now):
    decision = decide(
        make_response(), make_analysis(category="pricing"), None, policy, now
    )

    assert decision.sender == policy.teams["billing"].sender


def test_missing_submission_time_counts_the_deadline_from_now(policy, now):
    decision = decide(
        make_response(submitted_at=None), make_analysis(), None, policy, now
    )

    assert decision.respond_by == now + timedelta(hours=4)
