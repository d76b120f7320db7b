"""The real telecom NPS export and the example files shipped in `examples/`."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from plugins.importers import read_export

REPO = Path(__file__).resolve().parents[3]
TELECOM = REPO.parent / "shared" / "data" / "public" / "telecom_nps_verbatims.csv"
EXAMPLES = REPO / "examples"
BLANK_SCORE_ROWS = [
    232, 263, 357, 445, 579, 638, 679, 918, 1010, 1018, 1021, 1026, 1214, 1219,
    1456, 1547, 1557, 1610, 1620, 1665, 1668, 1692, 1741, 1897, 2023, 2148, 2178,
    2181, 2202, 2324, 2347, 2385,
]  # fmt: skip
LABELS = {"Detractor": range(7), "Passive": range(7, 9), "Promoter": range(9, 11)}

needs_telecom = pytest.mark.skipif(
    not TELECOM.exists(), reason="the shared telecom export is not checked out"
)


@pytest.fixture(scope="module")
def telecom():
    return read_export(TELECOM)


@needs_telecom
@pytest.mark.slow
def test_the_telecom_export_imports_every_scored_row(telecom):
    assert telecom.layout == "generic"
    assert telecom.rows_read == 2385
    assert len(telecom.responses) == 2353
    assert telecom.duplicates == 0
    assert sum(r.is_detractor for r in telecom.responses) == 1271
    assert Counter(r.score for r in telecom.responses)[0] == 764


@needs_telecom
@pytest.mark.slow
def test_the_telecom_blank_scores_are_reported_with_their_row_numbers(telecom):
    assert [row.row for row in telecom.invalid] == BLANK_SCORE_ROWS
    assert {row.reason for row in telecom.invalid} == {"score is blank"}


@needs_telecom
@pytest.mark.slow
def test_the_telecom_scores_agree_with_their_rating_labels(telecom):
    for response in telecom.responses:
        label = response.properties["NPS_RATING"]
        assert response.score in LABELS[label], response.response_id


@needs_telecom
@pytest.mark.slow
def test_the_telecom_dates_are_read_day_first(telecom):
    first = telecom.responses[0]

    assert first.submitted_at == datetime(2018, 4, 11, 20, 9, tzinfo=UTC)
    assert all(r.submitted_at is not None for r in telecom.responses)
    assert first.properties == {
        "SURVEY_SUB_TYPE": "Order",
        "NPS_RATING": "Passive",
        "Qtr": "other",
    }


@needs_telecom
@pytest.mark.slow
def test_the_telecom_export_gets_the_same_ids_when_imported_again(telecom):
    again = read_export(TELECOM)

    ids = [r.response_id for r in telecom.responses]
    assert [r.response_id for r in again.responses] == ids
    assert len(set(ids)) == len(ids)


def test_the_example_export_holds_realistic_detractors_and_nasty_rows():
    result = read_export(EXAMPLES / "nps_export.csv")

    assert result.layout == "generic"
    assert result.rows_read == 30
    assert len(result.responses) == 28
    assert [(row.row, row.reason) for row in result.invalid] == [
        (26, "score is blank"),
        (27, "score '11' is out of range 0-10"),
    ]
    detractors = [r for r in result.responses if r.is_detractor]
    assert len(detractors) >= 18
    assert any("\n" in r.comment for r in result.responses)
    assert any('"paid"' in r.comment for r in result.responses)
    assert any(r.score == 9 and "scheduled" in r.comment for r in result.responses)
    assert all(
        r.customer.email.endswith((".example.com", "@example.org"))
        for r in result.responses
    )


def test_the_example_accounts_cover_example_customers_by_email_or_domain():
    customers = read_export(EXAMPLES / "nps_export.csv").responses
    with (EXAMPLES / "accounts.csv").open(encoding="utf-8", newline="") as file:
        accounts = list(csv.DictReader(file))

    emails = {a["email"] for a in accounts if a["email"]}
    domains = {a["domain"] for a in accounts if a["domain"]}
    covered = [
        c
        for c in customers
        if c.customer.email in emails or c.customer.email.split("@")[1] in domains
    ]
    renewing_big = [
        a
        for a in accounts
        if float(a["arr"]) >= 50_000
        and 0 <= (date.fromisoformat(a["renewal_date"]) - date(2026, 12, 3)).days <= 90
    ]
    assert len(covered) >= 15
    assert len(renewing_big) >= 2
