"""The offline analysis: praise from a detractor is read for what it means."""

from __future__ import annotations

import pytest
from builders import read


@pytest.mark.parametrize(
    ("comment", "score", "category", "summary"),
    [
        pytest.param(
            "I just adore re-entering my card number every time I pay",
            2,
            "usability",
            "Re-entering my card number every time I pay",
            id="adore-re-entering",
        ),
        pytest.param(
            "Love having to explain my problem again to every new agent",
            1,
            "support_experience",
            "Having to explain my problem again to every new agent",
            id="love-having-to",
        ),
        pytest.param(
            "Really enjoying filling in the same form three times",
            4,
            "usability",
            "Filling in the same form three times",
            id="enjoying-a-form",
        ),
        pytest.param(
            "Thanks for charging me twice",
            2,
            "pricing",
            "Charging me twice",
            id="thanks-for",
        ),
    ],
)
def test_praise_for_a_chore_from_a_detractor_is_frustration_not_joy(
    comment, score, category, summary
):
    analysis = read(comment, score=score)

    assert analysis.emotion in {"frustration", "anger"}
    assert analysis.category == category
    assert analysis.issue_summary == summary


def test_the_same_praise_from_a_promoter_is_left_as_written():
    analysis = read("I love typing my address in twice", score=9)

    assert analysis.emotion != "frustration"
    assert analysis.issue_summary == "I love typing my address in twice"


@pytest.mark.parametrize(
    ("comment", "kind"),
    [
        pytest.param(
            "The service is fine, just not at this price", "fundamental", id="price"
        ),
        pytest.param(
            "The app itself is fine but the monthly fee doubled",
            "fundamental",
            id="fee-doubled",
        ),
        pytest.param(
            "Installation was fine, it's just not worth the money",
            "fundamental",
            id="not-worth-it",
        ),
    ],
)
def test_fine_praises_the_rest_and_leaves_pricing_alone(comment, kind):
    analysis = read(comment, score=5)

    assert analysis.category == "pricing"
    assert analysis.secondary_categories == []
    assert analysis.kind == kind
