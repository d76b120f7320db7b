"""Personal data is replaced before text leaves the machine, and put back."""

from __future__ import annotations

import pytest

from agent.reasoners._redaction import CARD_IN_REPLY, Redaction


@pytest.mark.parametrize(
    ("text", "value", "placeholder"),
    [
        ("mail me at jo.b+nps@example.org please", "jo.b+nps@example.org", "[EMAIL_1]"),
        ("card 4111 1111 1111 1111 charged", "4111 1111 1111 1111", "[CARD_1]"),
        ("call +44 20 7946 0958 today", "+44 20 7946 0958", "[PHONE_1]"),
        ("ship to 221B Baker Street, London", "221B Baker Street", "[ADDRESS_1]"),
        ("Lieferung an Hauptstraße 12a bitte", "Hauptstraße 12a", "[ADDRESS_1]"),
        ("livré au 12 rue de la Paix hier", "12 rue de la Paix", "[ADDRESS_1]"),
        ("envío a Calle de Alcalá 45 ayer", "Calle de Alcalá 45", "[ADDRESS_1]"),
        (
            "IBAN GB29NWBK60161331926819 debited",
            "GB29NWBK60161331926819",
            "[ACCOUNT_1]",
        ),
        ("sort code 12-34-56 was debited", "12-34-56", "[ACCOUNT_1]"),
        ("they came to 14 Elm Rd twice", "14 Elm Rd", "[ADDRESS_1]"),
    ],
    ids=[
        "email",
        "card",
        "phone",
        "street",
        "strasse",
        "rue",
        "calle",
        "iban",
        "sort-code",
        "abbreviated-street",
    ],
)
def test_personal_data_becomes_a_placeholder_and_comes_back(text, value, placeholder):
    redaction = Redaction()

    hidden = redaction.hide(text)

    assert value not in hidden
    assert placeholder in hidden
    assert redaction.restore(hidden) == text


def test_the_same_value_gets_the_same_placeholder_every_time():
    redaction = Redaction()

    first = redaction.hide("write to ana@example.com")
    second = redaction.hide("ana@example.com again, or bo@example.com")

    assert first == "write to [EMAIL_1]"
    assert second == "[EMAIL_1] again, or [EMAIL_2]"


def test_a_reply_never_gets_a_card_number_back():
    redaction = Redaction()
    hidden = redaction.hide("card 5500 0000 0000 0004 and phone 030 1234567")

    restored = redaction.restore(hidden, cards=False)

    assert restored == f"card {CARD_IN_REPLY} and phone 030 1234567"


def test_a_placeholder_the_model_made_up_is_left_as_it_is():
    redaction = Redaction()
    redaction.hide("mail ana@example.com")

    assert redaction.restore("[EMAIL_7] and [EMAIL_1]") == (
        "[EMAIL_7] and ana@example.com"
    )


def test_text_without_personal_data_is_unchanged():
    text = "The export has failed 3 times since 2026-11-30, 12 rows each."

    assert Redaction().hide(text) == text
