"""An explicit cancellation is a churn signal, never a vague answer."""

import pytest
from builders import make_response

from agent.decide import choose_playbook
from agent.offline.analysis import analyze
from agent.offline.drafting import draft_reply


@pytest.mark.parametrize(
    "comment",
    [
        "Worst company ever. Cancel my account.",
        "Cancelling.",
        "Please close my account",
        "I'm leaving.",
    ],
)
def test_a_comment_that_only_cancels_is_a_relationship_churn_signal(comment):
    analysis = analyze(make_response(comment, score=0))

    assert not analysis.is_vague
    assert analysis.intends_to_leave
    assert analysis.category == "relationship"
    assert analysis.kind == "fundamental"
    assert analysis.product_area == "general"
    assert choose_playbook(analysis) == "graceful_exit"


def test_a_cancellation_is_not_read_as_the_customers_idea_for_a_fix():
    analysis = analyze(make_response("Worst company ever. Cancel my account.", score=0))

    assert analysis.suggested_resolution is None


def test_the_reply_acknowledges_the_cancellation_and_asks_what_drove_it(
    make_request, guardrails
):
    comment = "Worst company ever. Cancel my account."
    analysis = analyze(make_response(comment, score=0))
    for number in range(6):
        request = make_request(
            comment=comment,
            playbook="graceful_exit",
            response_id=f"cancel:{number}",
            **analysis.model_dump(exclude={"reasoner", "evidence"}),
        )
        draft = draft_reply(request)

        assert "cancel" in draft.body.split("\n\n")[1]
        assert "problem you described" not in draft.body
        assert "what drove" in draft.body or "tipped it" in draft.body
        assert guardrails(request, draft).passed, guardrails(request, draft).failures
