"""The offline analysis: a comment that lists several problems keeps them all."""

from __future__ import annotations

import pytest
from builders import assert_verbatim, read


@pytest.mark.parametrize(
    ("comment", "categories", "summary"),
    [
        pytest.param(
            "1) exports fail every night 2) nobody from the helpdesk has replied "
            "in a week 3) the price went up again",
            {"product_bug", "support_experience", "pricing"},
            "Exports fail every night",
            id="numbered",
        ),
        pytest.param(
            "\u2022 the app logs me out every hour \u2022 my last bill was wrong "
            "\u2022 the engineer never turned up",
            {"product_bug", "pricing", "onboarding"},
            "The app logs me out every hour",
            id="bulleted",
        ),
        pytest.param(
            "Reports take ages to load, also the support team never called me back.",
            {"performance", "support_experience"},
            "the support team never called me back",
            id="also",
        ),
        pytest.param(
            "The card reader keeps disconnecting, plus you charged us a setup fee "
            "nobody mentioned.",
            {"performance", "pricing"},
            "you charged us a setup fee nobody mentioned",
            id="plus",
        ),
        pytest.param(
            "The app crashes whenever I add a photo and on top of that I was "
            "billed twice in June.",
            {"product_bug", "pricing"},
            "The app crashes whenever I add a photo",
            id="on-top-of-that",
        ),
        pytest.param(
            "La app se cierra al abrir el chat. Además, nadie del soporte me responde.",
            {"product_bug", "support_experience"},
            "La app se cierra al abrir el chat",
            id="separate-sentences-es",
        ),
    ],
)
def test_every_listed_problem_is_a_category_and_the_summary_is_one_of_them(
    comment, categories, summary
):
    analysis = read(comment)

    assert {analysis.category, *analysis.secondary_categories} == categories
    assert analysis.issue_summary == summary
    labels = {e.label for e in analysis.evidence}
    assert {f"category:{c}" for c in categories} <= labels
    assert_verbatim(analysis, comment)


@pytest.mark.parametrize(
    "comment",
    [
        pytest.param("The app crashes when I open my bill.", id="object-of-a-crash"),
        pytest.param(
            "The engineer was lovely but the router keeps dropping the connection",
            id="praised-in-passing",
        ),
        pytest.param(
            "I placed the order in March and the parcel never arrived",
            id="context-not-complaint",
        ),
    ],
)
def test_a_word_mentioned_in_passing_is_not_a_second_problem(comment):
    assert read(comment).secondary_categories == []


def test_a_numbered_list_leads_with_its_first_concrete_problem():
    analysis = read(
        "Three problems:\n1. Calendar sync fails without any warning.\n"
        "2. Reminder texts go out at 3am.\n3. Nobody answers the chat after 5pm."
    )

    assert analysis.category == "product_bug"
    assert analysis.issue_summary == "Calendar sync fails without any warning"
    assert "support_experience" in analysis.secondary_categories
