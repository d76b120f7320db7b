"""The offline analysis: kind, vagueness, language, determinism and evidence."""

from __future__ import annotations

import pytest
from builders import assert_verbatim, read

from agent.offline.analysis import VAGUE_SUMMARY


@pytest.mark.parametrize(
    ("comment", "kind"),
    [
        pytest.param("The app crashes when I upload photos.", "fixable", id="bug"),
        pytest.param("I was charged twice in May.", "fixable", id="billing-error"),
        pytest.param(
            "If the crashes carry on we will cancel our subscription.",
            "fixable",
            id="leaving-over-a-bug",
        ),
        pytest.param(
            "Far too expensive for what we actually use it for.",
            "fundamental",
            id="poor-value",
        ),
        pytest.param(
            "It is just not the right fit for a team of our size.",
            "fundamental",
            id="not-a-fit",
        ),
        pytest.param(
            "We've outgrown it and are moving to another provider next month.",
            "fundamental",
            id="outgrown",
        ),
        pytest.param(
            "There is no offline mode, which is a deal breaker for our field staff.",
            "fundamental",
            id="core-gap",
        ),
        pytest.param(
            "Please add a dark mode.",
            "fixable",
            id="small-feature-request",
        ),
    ],
)
def test_kind_separates_fixable_problems_from_poor_fits(comment, kind):
    analysis = read(comment)

    assert analysis.kind == kind
    assert f"kind:{kind}" in {e.label for e in analysis.evidence}


def test_leaving_over_a_bug_is_still_fixable_but_flagged():
    analysis = read("The app crashes daily. We are switching to a competitor.")

    assert analysis.category == "product_bug"
    assert analysis.kind == "fixable"
    assert analysis.intends_to_leave


@pytest.mark.parametrize(
    "comment",
    [
        pytest.param("", id="empty"),
        pytest.param("   \n ", id="blank"),
        pytest.param("!!!", id="punctuation"),
        pytest.param("👍👍", id="emoji-only"),
        pytest.param("5", id="number-only"),
        pytest.param("meh", id="meh"),
        pytest.param("not great", id="not-great"),
        pytest.param("Could be better.", id="could-be-better"),
        pytest.param("Bad service", id="bad-service"),
        pytest.param("Terrible. Just terrible.", id="terrible"),
        pytest.param("Too early to say really.", id="too-early"),
    ],
)
def test_comments_that_name_no_problem_are_vague(comment):
    analysis = read(comment)

    assert analysis.is_vague
    assert analysis.category == "other"
    assert analysis.issue_summary == VAGUE_SUMMARY
    assert_verbatim(analysis, comment)


@pytest.mark.parametrize(
    "comment",
    [
        pytest.param("Bad service, the agent hung up on me twice.", id="with-detail"),
        pytest.param("Slow.", id="one-word-problem"),
        pytest.param("Too expensive", id="two-word-problem"),
    ],
)
def test_a_named_problem_is_not_vague_however_short(comment):
    analysis = read(comment)

    assert not analysis.is_vague
    assert analysis.issue_summary != VAGUE_SUMMARY


def test_an_empty_comment_has_no_evidence_and_no_language():
    analysis = read("", score=0)

    assert analysis.evidence == []
    assert analysis.language == "und"
    assert analysis.emotion == "indifference"


@pytest.mark.parametrize(
    ("comment", "language", "category", "emotion"),
    [
        pytest.param(
            "La factura llegó con un cobro duplicado y nadie responde. Estoy harto.",
            "es",
            "pricing",
            "frustration",
            id="es",
        ),
        pytest.param(
            "Die App ist extrem langsam. Ich bin sehr enttäuscht.",
            "de",
            "performance",
            "disappointment",
            id="de",
        ),
        pytest.param(
            "Le service client ne répond jamais et je suis déçu.",
            "fr",
            "support_experience",
            "disappointment",
            id="fr",
        ),
        pytest.param(
            "O aplicativo é muito lento e trava toda hora.",
            "pt",
            "performance",
            "frustration",
            id="pt",
        ),
        pytest.param(
            "De app werkt niet meer sinds de laatste update.",
            "nl",
            "product_bug",
            "frustration",
            id="nl",
        ),
        pytest.param(
            "La bolletta è sbagliata e nessuno mi ha risposto.",
            "it",
            "pricing",
            "frustration",
            id="it",
        ),
    ],
)
def test_comments_in_other_languages_are_still_read(
    comment, language, category, emotion
):
    analysis = read(comment, score=2)

    assert analysis.language == language
    assert analysis.category == category
    assert analysis.emotion == emotion
    assert_verbatim(analysis, comment)


@pytest.mark.parametrize(
    ("comment", "language"),
    [
        pytest.param("Slow app", "en", id="short-english"),
        pytest.param("Muy lento", "es", id="short-spanish"),
        pytest.param("Zu teuer", "de", id="short-german"),
        pytest.param("Keeps crashing on iOS 13", "en", id="english-with-numbers"),
        pytest.param("...", "und", id="no-letters"),
    ],
)
def test_short_comments_get_a_cheap_language_guess(comment, language):
    assert read(comment).language == language


def test_the_analysis_is_deterministic():
    comments = [
        "The app crashes and support never answers, I'm furious!!!",
        "La aplicación es lenta y la factura está mal.",
        "Das ist zu teuer.",
        "meh",
    ]

    first = [read(c).model_dump() for c in comments]
    second = [read(c).model_dump() for c in reversed(comments)][::-1]

    assert first == second


def test_every_label_carries_a_verbatim_quote():
    comment = (
        "The app crashes whenever I upload a photo \u2019again\u2019 \U0001f621. "
        "Support never replied to my ticket. Please fix the upload, it\ufffds "
        "urgent &amp; costing us clients."
    )

    analysis = read(comment, score=1)

    labels = {e.label for e in analysis.evidence}
    assert f"category:{analysis.category}" in labels
    assert {f"category:{c}" for c in analysis.secondary_categories} <= labels
    assert f"emotion:{analysis.emotion}" in labels
    assert f"kind:{analysis.kind}" in labels
    assert "suggested_resolution" in labels
    assert_verbatim(analysis, comment)


def test_only_the_head_of_a_huge_comment_is_read_for_cues():
    filler = "and then I waited a while longer " * 200
    comment = "The app crashes on start " + filler + "and it is far too expensive."

    analysis = read(comment)

    assert len(comment) > 4000
    assert analysis.category == "product_bug"
    assert "pricing" not in analysis.secondary_categories
    assert_verbatim(analysis, comment)


def test_the_reasoner_is_named_offline():
    assert read("The app crashes.").reasoner == "offline"
