"""Replies that fit the situation: a price rise, a visit nobody turned up for."""

import re

import pytest
from builders import make_response

from agent.decide import choose_playbook
from agent.offline.analysis import analyze
from agent.offline.drafting import draft_reply, missed_visit, visit_cost

PRICE_RISE = (
    "The price went up 30% at renewal with two weeks of notice. "
    "The product is fine, just not at that price."
)
NO_SHOW = (
    "The engineer did not turn up for the install. Twice. "
    "I took two days off work for nothing."
)


def drafts(make_request, comment: str, count: int = 8):
    analysis = analyze(make_response(comment, score=3))
    fields = analysis.model_dump(exclude={"reasoner", "evidence"})
    for number in range(count):
        request = make_request(
            comment=comment,
            playbook=choose_playbook(analysis),
            response_id=f"situation:{number}",
            **fields,
        )
        yield request, draft_reply(request)


def test_a_price_rise_gets_pricing_wording_not_a_product_limit(
    make_request, guardrails
):
    for request, draft in drafts(make_request, PRICE_RISE):
        assert request.decision.playbook == "expectation_reset"
        assert draft.framework == "replies/expectation_reset/pricing.md.j2"
        assert "goes beyond what the product does" not in draft.body
        assert "limit of the product" not in draft.body
        assert re.search(r"plan|price|pay", draft.body.split("\n\n")[1])
        assert re.search(r"notice|surprise|communicated", draft.body)
        assert not re.search(r"refund|discount|credit|money back", draft.body, re.I)
        assert guardrails(request, draft).passed, guardrails(request, draft).failures


def test_a_visit_nobody_turned_up_for_is_acknowledged_with_its_cost(
    make_request, guardrails
):
    for request, draft in drafts(make_request, NO_SHOW):
        opening = draft.body.split("\n\n")[1]

        assert "Getting started should be the easy" not in draft.body
        assert "half-done" not in draft.body
        assert re.search(r"visit|appointment|arrives", opening)
        assert "you took two days off work" in opening
        assert re.search(r"rebook|new one|new\s+appointment", draft.body)
        assert guardrails(request, draft).passed, guardrails(request, draft).failures


@pytest.mark.parametrize(
    ("comment", "missed", "cost"),
    [
        (NO_SHOW, True, "you took two days off work"),
        (
            "Nobody came for the appointment and I waited in all day.",
            True,
            "you waited in all day",
        ),
        ("The technician never showed.", True, None),
        ("My parcel never arrived.", False, None),
        ("The engineer was great and fixed it in an hour.", False, None),
    ],
)
def test_a_missed_visit_and_its_cost_are_read_from_the_comment(comment, missed, cost):
    assert missed_visit(comment) is missed
    assert visit_cost(comment) == cost


def test_a_missed_visit_told_of_in_passing_does_not_lead_the_reply(make_request):
    comment = (
        "It took three months for broadband to be installed into my house. "
        "It's difficult to speak to anyone on the phone. "
        "An appointment was confirmed but no one turned up."
    )
    for _, draft in drafts(make_request, comment, count=4):
        assert "rebook" not in draft.body
        assert "visit that doesn't happen" not in draft.body
