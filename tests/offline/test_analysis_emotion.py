"""The offline analysis: how the customer feels, and how strongly."""

from __future__ import annotations

import pytest
from builders import assert_verbatim, read


@pytest.mark.parametrize(
    ("comment", "emotion"),
    [
        pytest.param(
            "This is a disgrace, you are a bunch of thieves.", "anger", id="anger"
        ),
        pytest.param(
            "Fed up of chasing the same fault again and again.",
            "frustration",
            id="frustration",
        ),
        pytest.param(
            "I expected more after the demo, honestly a bit of a let down.",
            "disappointment",
            id="disappointment",
        ),
        pytest.param(
            "I don't understand what the new charges on my bill are for.",
            "confusion",
            id="confusion",
        ),
        pytest.param(
            "I'm worried our customer records are not safe after that breach.",
            "worry",
            id="worry",
        ),
        pytest.param(
            "Honestly heartbroken, this used to be my favourite app.",
            "sadness",
            id="sadness",
        ),
        pytest.param("Meh. Nothing special.", "indifference", id="indifference"),
    ],
)
def test_each_emotion_is_read_from_its_cues(comment, emotion):
    analysis = read(comment)

    assert analysis.emotion == emotion
    assert f"emotion:{emotion}" in {e.label for e in analysis.evidence}


@pytest.mark.parametrize(
    ("comment", "emotion"),
    [
        pytest.param("😡😡😡", "anger", id="angry-faces"),
        pytest.param("🤬", "anger", id="cursing-face"),
        pytest.param("😢", "sadness", id="crying-face"),
        pytest.param(
            "😞 the update removed my saved layouts", "sadness", id="sad-face"
        ),
        pytest.param("🤔🤔", "confusion", id="thinking-face"),
    ],
)
def test_emoji_set_the_emotion(comment, emotion):
    analysis = read(comment)

    assert analysis.emotion == emotion
    assert_verbatim(analysis, comment)


@pytest.mark.parametrize(
    "comment",
    [
        pytest.param("f***ing useless company", id="stars"),
        pytest.param("Oh do f@@k off and fix the router", id="at-signs"),
        pytest.param("What a load of sh*t", id="sh-star-t"),
        pytest.param("You're ***", id="censored"),
    ],
)
def test_obfuscated_profanity_reads_as_anger(comment):
    assert read(comment, score=0).emotion == "anger"


def test_a_furious_zero_is_more_intense_than_a_calm_six():
    calm = read("The export is a little slow sometimes.", score=6)
    furious = read("F@@K this, the export is broken AGAIN!!! Useless.", score=0)

    assert calm.emotion_intensity < 0.35
    assert furious.emotion_intensity > 0.8
    assert furious.emotion == "anger"


def test_the_same_words_weigh_more_at_a_lower_score():
    comment = "The export has been failing all week."

    assert (
        read(comment, score=0).emotion_intensity
        > read(comment, score=6).emotion_intensity
    )


def test_threats_to_leave_or_go_to_the_ombudsman_raise_intensity():
    base = "My bill is wrong again."
    threat = base + " I'm going to the ombudsman and cancelling my contract."

    calm, upset = read(base, score=2), read(threat, score=2)

    assert upset.emotion_intensity > calm.emotion_intensity
    assert upset.intends_to_leave
    assert not calm.intends_to_leave
    assert "intends_to_leave" in {e.label for e in upset.evidence}


@pytest.mark.parametrize(
    "comment",
    [
        pytest.param("Oh great, the app crashed again. Thanks a lot.", id="oh-great"),
        pytest.param(
            "Love how the app freezes every time I join a call.", id="love-how"
        ),
        pytest.param(
            "Yeah right, 'superfast' broadband that keeps dropping.", id="quotes"
        ),
    ],
)
def test_sarcasm_reads_as_anger_not_praise(comment):
    analysis = read(comment, score=1)

    assert analysis.emotion == "anger"
    assert analysis.category in {"product_bug", "performance"}
