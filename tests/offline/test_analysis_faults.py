"""The offline analysis: a thing that fails is a bug, whatever the thing is."""

from __future__ import annotations

import pytest
from builders import assert_verbatim, read

from agent.offline.analysis import VAGUE_SUMMARY


@pytest.mark.parametrize(
    "comment",
    [
        pytest.param("Tapping Pay on the basket page does nothing", id="does-nothing"),
        pytest.param("The claims form won't load on my tablet", id="wont-load"),
        pytest.param(
            "Our card terminal doesn't respond since Tuesday", id="no-response"
        ),
        pytest.param("The statements tab just keeps spinning", id="keeps-spinning"),
        pytest.param(
            "Confirm is greyed out on the prescription refill page", id="greyed-out"
        ),
        pytest.param(
            "The check-in kiosk is stuck on the welcome screen", id="stuck-on-screen"
        ),
        pytest.param(
            "I press send on a transfer and nothing happens", id="nothing-happens"
        ),
        pytest.param(
            "Patient lookup misses anyone with a double-barrelled surname",
            id="lookup-misses",
        ),
    ],
)
def test_a_named_thing_that_fails_is_a_bug_and_never_vague(comment):
    analysis = read(comment)

    assert analysis.category == "product_bug"
    assert not analysis.is_vague
    assert analysis.issue_summary != VAGUE_SUMMARY
    assert_verbatim(analysis, comment)


@pytest.mark.parametrize(
    ("comment", "category"),
    [
        pytest.param(
            "Support did nothing about my complaint",
            "support_experience",
            id="support-did-nothing",
        ),
        pytest.param(
            "The engineer didn't show up for the install",
            "onboarding",
            id="engineer-no-show",
        ),
    ],
)
def test_a_person_who_fails_to_act_is_not_a_bug(comment, category):
    analysis = read(comment)

    assert analysis.category == category
    assert "product_bug" not in analysis.secondary_categories


@pytest.mark.parametrize(
    ("comment", "absent"),
    [
        pytest.param(
            "The order history page shows the wrong totals",
            "onboarding",
            id="order-history",
        ),
        pytest.param(
            "The account settings page won't save my phone number",
            "relationship",
            id="account-settings",
        ),
        pytest.param(
            "The setup wizard crashes on the last step", "onboarding", id="setup-wizard"
        ),
        pytest.param(
            "The charging port stopped working after a week",
            "pricing",
            id="charging-port",
        ),
        pytest.param(
            "Customers get a something went wrong page when they place an order",
            "onboarding",
            id="place-an-order",
        ),
    ],
)
def test_a_word_that_only_names_the_broken_thing_does_not_steer(comment, absent):
    analysis = read(comment)

    assert analysis.category == "product_bug"
    assert absent not in analysis.secondary_categories


def test_an_order_still_reads_as_onboarding_where_a_line_is_awaited():
    comment = (
        "I ordered broadband six weeks ago and I am still waiting for a connection date"
    )

    assert read(comment).category == "onboarding"


def test_no_option_to_do_something_is_a_missing_feature_and_nothing_else():
    analysis = read("There is no option to export invoices")

    assert analysis.category == "missing_feature"
    assert analysis.secondary_categories == []


@pytest.mark.parametrize(
    ("comment", "language"),
    [
        pytest.param("La app se cuelga cuando adjunto una factura", "es", id="es"),
        pytest.param("Die App stürzt ab, sobald ich die Rechnung öffne", "de", id="de"),
        pytest.param(
            "L'appli se ferme dès que je télécharge ma facture", "fr", id="fr"
        ),
        pytest.param("O app fecha sozinho quando abro a fatura", "pt", id="pt"),
        pytest.param("L'app si chiude ogni volta che apro la fattura", "it", id="it"),
        pytest.param("De app loopt vast zodra ik de factuur open", "nl", id="nl"),
        pytest.param("The app closes every time I open an invoice", "en", id="en"),
    ],
)
def test_a_crash_outweighs_the_billing_word_for_what_was_open(comment, language):
    analysis = read(comment)

    assert analysis.language == language
    assert analysis.category == "product_bug"
    assert "pricing" not in analysis.secondary_categories
    assert_verbatim(analysis, comment)


@pytest.mark.parametrize(
    ("comment", "language"),
    [
        pytest.param(
            "Nach dem Update werden alle Termine doppelt eingetragen", "de", id="de"
        ),
        pytest.param(
            "Depuis la mise à jour, mes rendez-vous apparaissent en double",
            "fr",
            id="fr",
        ),
        pytest.param(
            "Since the latest release every booking shows up twice", "en", id="en"
        ),
    ],
)
def test_duplicates_after_an_update_are_a_bug(comment, language):
    analysis = read(comment)

    assert analysis.language == language
    assert analysis.category == "product_bug"


@pytest.mark.parametrize(
    ("comment", "language"),
    [
        pytest.param("La factura de marzo tiene un cobro duplicado", "es", id="es"),
        pytest.param(
            "Die Rechnung ist falsch, der Betrag wurde doppelt abgebucht",
            "de",
            id="de",
        ),
        pytest.param("La bolletta di aprile è sbagliata, troppo alta", "it", id="it"),
    ],
)
def test_a_billing_mistake_stays_pricing_in_any_language(comment, language):
    analysis = read(comment)

    assert analysis.language == language
    assert analysis.category == "pricing"
