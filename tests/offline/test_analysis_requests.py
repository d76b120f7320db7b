"""The offline analysis: what the customer asks for is not their problem."""

from __future__ import annotations

import pytest
from builders import assert_verbatim, read


@pytest.mark.parametrize(
    ("comment", "summary", "fix"),
    [
        pytest.param(
            "My direct debit came out twice this month. Please put the money back.",
            "My direct debit came out twice this month",
            "Please put the money back",
            id="please-after",
        ),
        pytest.param(
            "I want a refund. The course videos stopped playing halfway through "
            "every lesson.",
            "The course videos stopped playing halfway through every lesson",
            "I want a refund",
            id="i-want-before",
        ),
        pytest.param(
            "Can you call me back today? The router has been flashing red since "
            "Monday and the internet keeps dropping.",
            "The router has been flashing red since Monday and the internet keeps "
            "dropping",
            "Can you call me back today",
            id="can-you",
        ),
        pytest.param(
            "Could you refund me, I was charged for a plan I cancelled in May",
            "I was charged for a plan I cancelled in May",
            "Could you refund me",
            id="ask-and-reason-in-one-sentence",
        ),
    ],
)
def test_a_request_is_the_resolution_and_the_problem_is_the_summary(
    comment, summary, fix
):
    analysis = read(comment)

    assert analysis.issue_summary == summary
    assert analysis.suggested_resolution == fix
    assert_verbatim(analysis, comment)


@pytest.mark.parametrize(
    ("comment", "summary"),
    [
        pytest.param(
            "Por favor devuélvanme el dinero. Me cobraron dos veces la cuota de marzo.",
            "Me cobraron dos veces la cuota de marzo",
            id="es",
        ),
        pytest.param(
            "Bitte erstatten Sie mir den Betrag. Mir wurde der Monat doppelt "
            "abgebucht.",
            "Mir wurde der Monat doppelt abgebucht",
            id="de",
        ),
        pytest.param(
            "S'il vous plaît, remboursez-moi. J'ai été prélevé deux fois ce mois-ci.",
            "J'ai été prélevé deux fois ce mois-ci",
            id="fr",
        ),
    ],
)
def test_a_request_in_another_language_is_not_the_summary(comment, summary):
    analysis = read(comment)

    assert analysis.category == "pricing"
    assert analysis.issue_summary == summary


def test_a_broken_thing_described_without_cue_words_beats_the_request():
    comment = (
        "My parcel arrived with a cracked screen. Please send a replacement or "
        "refund me."
    )

    analysis = read(comment)

    assert analysis.category == "product_bug"
    assert analysis.issue_summary == "My parcel arrived with a cracked screen"
    assert analysis.suggested_resolution == "Please send a replacement or refund me"


def test_a_comment_that_only_asks_is_summarised_by_its_ask():
    analysis = read("Please add an export to PDF.")

    assert analysis.category == "missing_feature"
    assert not analysis.is_vague
    assert analysis.issue_summary == "Please add an export to PDF"
