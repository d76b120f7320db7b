"""Recognising generic and vendor CSV layouts from their headers."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from plugins.importers import read_export


def _import_id(name: str, zone: str | None = None) -> str:
    data = {"ImportId": name} | ({"timeZone": zone} if zone else {})
    return json.dumps(data, separators=(",", ":"))


@pytest.mark.parametrize(
    "header",
    [
        ["NPS Score", "Verbatim", "E-mail", "Full Name", "Created_At", "Response ID"],
        ["rating", "feedback", "Email Address", "customer name", "timestamp", "id"],
        ["nps", "text", "EmailAddress", "name", "submitted", "respondent_id"],
        [
            "How likely are you to recommend us to a friend?",
            "Why did you give this score?",
            "email",
            "Customer Name",
            "CUSTOMER_RESPONSE_DATE",
            "response_id",
        ],
    ],
    ids=["spaced-names", "plain-aliases", "short-aliases", "question-text"],
)
def test_generic_columns_are_matched_by_alias(write_rows, header):
    row = ["3", "Slow", "Ann@Example.com", "Ann Lee", "2025-01-02T03:04:05Z", "77"]

    result = read_export(write_rows([header, row]))

    (response,) = result.responses
    assert result.layout == "generic"
    assert response.response_id == "export:77"
    assert response.score == 3
    assert response.comment == "Slow"
    assert response.customer.email == "ann@example.com"
    assert response.customer.name == "Ann Lee"
    assert response.submitted_at == datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert response.properties == {}


def test_first_and_last_name_columns_are_joined(write_rows):
    header = ["score", "first_name", "Last Name"]

    result = read_export(write_rows([header, ["4", "Ann", "Lee"]]))

    assert result.responses[0].customer.name == "Ann Lee"


@pytest.mark.parametrize(
    "rows",
    [
        [["NPS_RATING", "NPS_SCORE"], ["Detractor", "2"], ["Promoter", "10"]],
        [["NPS_SCORE", "NPS_RATING"], ["2", "Detractor"], ["10", "Promoter"]],
        [["score", "likelihood"], ["Detractor", "2"], ["Promoter", "10"]],
    ],
    ids=["label-first", "label-last", "labels-in-score-column"],
)
def test_the_score_column_is_preferred_over_a_label_column(write_rows, rows):
    result = read_export(write_rows(rows))

    assert [r.score for r in result.responses] == [2, 10]
    assert {label for r in result.responses for label in r.properties.values()} == {
        "Detractor",
        "Promoter",
    }


def test_unmapped_columns_are_kept_as_properties_without_empty_ones(write_rows):
    header = ["score", "comment", "plan", "region", "SURVEY_SUB_TYPE"]

    result = read_export(write_rows([header, ["4", "Slow", "Pro", "", "Order"]]))

    assert result.responses[0].properties == {"plan": "Pro", "SURVEY_SUB_TYPE": "Order"}


def test_customer_id_and_company_columns_describe_the_customer(write_rows):
    header = ["score", "customer_id", "company", "owner_email"]
    row = ["4", "cus_9", "Acme GmbH", "rep@example.com"]

    result = read_export(write_rows([header, row]))

    (response,) = result.responses
    assert response.customer.id == "cus_9"
    assert response.customer.email is None
    assert response.properties == {"account": "Acme GmbH", "owner_email": row[3]}


def test_a_delighted_export_is_recognised(write_rows):
    header = [
        "Response ID", "Email", "Name", "Score", "Comment", "Response timestamp",
        "Survey type", "Permalink", "Delighted Source", "plan",
    ]  # fmt: skip
    row = [
        "900001", "riley@example.com", "Riley Testcase", "3", "Export is broken.",
        "1735693200", "nps", "https://example.invalid/r/1", "Email", "Pro",
    ]  # fmt: skip

    result = read_export(write_rows([header, row]))

    (response,) = result.responses
    assert result.layout == "delighted"
    assert response.response_id == "delighted:900001"
    assert response.submitted_at == datetime(2025, 1, 1, 1, 0, tzinfo=UTC)
    assert response.properties["Delighted Source"] == "Email"


def test_a_typeform_export_reads_submit_dates_as_utc(write_rows):
    header = [
        "#", "How likely are you to recommend Acme to a friend or colleague?",
        "What is the main reason for your score?", "email", "plan",
        "Start Date (UTC)", "Submit Date (UTC)", "Network ID",
    ]  # fmt: skip
    row = [
        "demo-token-1", "4", "Too expensive for a 5-seat team.", "r@example.com",
        "pro", "2025-01-01 09:00:00", "2025-01-01 09:01:30", "a1b2c3",
    ]  # fmt: skip

    result = read_export(write_rows([header, row]), timezone="Europe/Berlin")

    (response,) = result.responses
    assert result.layout == "typeform"
    assert response.response_id == "typeform:demo-token-1"
    assert response.score == 4
    assert response.comment == "Too expensive for a 5-seat team."
    assert response.submitted_at == datetime(2025, 1, 1, 9, 1, 30, tzinfo=UTC)
    assert response.properties["Start Date (UTC)"] == "2025-01-01 09:00:00"


@pytest.fixture
def surveymonkey_rows() -> list[list[str]]:
    question = (
        "How likely is it that you would recommend Acme to a friend or colleague?"
    )
    return [
        [
            "Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
            "Email Address", "First Name", "Last Name", "Custom Data 1", question,
            "What is the primary reason for your score?",
            "Which features do you use?", "",
        ],
        ["", "", "", "", "", "", "", "", "", "Response", "Open-Ended Response",
         "Reports", "Exports"],
        [
            "118000000001", "400000001", "01/02/2025 09:01:30 AM",
            "01/02/2025 09:05:10 AM", "192.0.2.1", "riley@example.com", "Riley",
            "Testcase", "acc_42", "3", "Onboarding took three calls.", "Reports", "",
        ],
        [
            "118000000002", "400000001", "01/03/2025 10:00:00 AM",
            "01/03/2025 10:02:00 AM", "192.0.2.2", "", "", "", "",
            "10 - Extremely likely", "", "", "Exports",
        ],
        [
            "118000000003", "400000001", "01/03/2025 11:00:00 AM",
            "01/03/2025 11:02:00 AM", "192.0.2.3", "", "", "", "",
            "", "Skipped the score", "", "",
        ],
    ]  # fmt: skip


def test_a_surveymonkey_export_has_two_header_rows(write_rows, surveymonkey_rows):
    result = read_export(write_rows(surveymonkey_rows))

    first, second = result.responses
    assert result.layout == "surveymonkey"
    assert result.rows_read == 3
    assert first.response_id == "surveymonkey:118000000001"
    assert first.score == 3
    assert first.comment == "Onboarding took three calls."
    assert first.customer.email == "riley@example.com"
    assert first.customer.name == "Riley Testcase"
    assert first.properties["Which features do you use? - Reports"] == "Reports"
    assert second.score == 10
    assert second.properties == {
        "Collector ID": "400000001",
        "Start Date": "01/03/2025 10:00:00 AM",
        "IP Address": "192.0.2.2",
        "Which features do you use? - Exports": "Exports",
    }
    assert result.invalid[0].row == 5


def test_surveymonkey_dates_are_read_month_first(write_rows, surveymonkey_rows):
    result = read_export(write_rows(surveymonkey_rows))

    assert result.responses[0].submitted_at == datetime(
        2025, 1, 2, 9, 5, 10, tzinfo=UTC
    )


def test_a_surveymonkey_export_with_one_header_row_is_read(
    write_rows, surveymonkey_rows
):
    rows = [surveymonkey_rows[0], *surveymonkey_rows[2:]]

    result = read_export(write_rows(rows))

    assert [r.score for r in result.responses] == [3, 10]
    assert result.invalid[0].row == 4


@pytest.fixture
def qualtrics_rows() -> list[list[str]]:
    question = "How likely are you to recommend Acme to a friend or colleague?"
    return [
        [
            "StartDate", "EndDate", "Status", "Progress", "Finished", "RecordedDate",
            "ResponseId", "RecipientLastName", "RecipientFirstName",
            "RecipientEmail", "ExternalReference", "UserLanguage", "Q1",
            "Q1_NPS_GROUP", "Q2", "Q3", "plan",
        ],
        [
            "Start Date", "End Date", "Response Type", "Progress", "Finished",
            "Recorded Date", "Response ID", "Recipient Last Name",
            "Recipient First Name", "Recipient Email", "External Data Reference",
            "User Language", question, f"{question} - Group",
            "What is the main reason for your score?", "Which team are you in?",
            "plan",
        ],
        [
            _import_id("startDate", "America/Denver"),
            _import_id("endDate", "America/Denver"), _import_id("status"),
            _import_id("progress"), _import_id("finished"),
            _import_id("recordedDate", "America/Denver"), _import_id("_recordId"),
            _import_id("recipientLastName"), _import_id("recipientFirstName"),
            _import_id("recipientEmail"), _import_id("externalDataReference"),
            _import_id("userLanguage"), _import_id("QID1"),
            _import_id("QID1_NPS_GROUP"), _import_id("QID2_TEXT"),
            _import_id("QID3"), _import_id("plan"),
        ],
        [
            "2025-01-01 10:00:00", "2025-01-01 10:01:30", "IP Address", "100", "1",
            "2025-01-01 10:01:30", "R_demo0000000001", "Testcase", "Riley",
            "Riley@Example.com", "acc_42", "EN", "3", "1",
            "Export has been broken for two weeks.", "Finance", "Enterprise",
        ],
        [
            "2025-01-02 10:00:00", "2025-01-02 10:01:30", "IP Address", "100", "1",
            "2025-01-02 10:01:30", "R_demo0000000002", "", "", "", "", "EN", "11",
            "", "", "Sales", "Pro",
        ],
    ]  # fmt: skip


def test_a_qualtrics_export_has_three_header_rows(write_rows, qualtrics_rows):
    result = read_export(write_rows(qualtrics_rows))

    (response,) = result.responses
    assert result.layout == "qualtrics"
    assert result.columns == qualtrics_rows[0]
    assert result.rows_read == 2
    assert response.response_id == "qualtrics:R_demo0000000001"
    assert response.score == 3
    assert response.comment == "Export has been broken for two weeks."
    assert response.customer.id == "acc_42"
    assert response.customer.email == "riley@example.com"
    assert response.customer.name == "Riley Testcase"
    assert response.submitted_at == datetime(2025, 1, 1, 17, 1, 30, tzinfo=UTC)
    assert response.properties["Q1_NPS_GROUP"] == "1"
    assert response.properties["Q3"] == "Finance"


def test_qualtrics_invalid_rows_are_numbered_after_the_three_headers(
    write_rows, qualtrics_rows
):
    result = read_export(write_rows(qualtrics_rows))

    (invalid,) = result.invalid
    assert invalid.row == 5
    assert invalid.response_id == "qualtrics:R_demo0000000002"
    assert invalid.reason == "score '11' is out of range 0-10"


def test_a_qualtrics_export_without_import_ids_skips_its_question_row(
    write_rows, qualtrics_rows
):
    rows = [qualtrics_rows[0], qualtrics_rows[1], *qualtrics_rows[3:]]

    result = read_export(write_rows(rows))

    assert result.rows_read == 2
    assert result.responses[0].comment == "Export has been broken for two weeks."
    assert result.invalid[0].row == 4


def test_a_review_export_finds_its_comment_in_the_content_column(write_rows):
    header = ["date", "rating", "title", "content"]
    row = ["2022-01-01 12:33:40", "1", "Crashes", "Crashes every time I share"]

    result = read_export(write_rows([header, row]))

    assert result.responses[0].comment == "Crashes every time I share"
    assert result.responses[0].properties == {"title": "Crashes"}


def test_a_free_text_question_is_taken_as_the_comment(write_rows):
    header = ["Score", "What could we do better for you next time?", "Team"]
    row = ["3", "Answer the phone before the second week", "Ops"]

    result = read_export(write_rows([header, row]))

    assert result.responses[0].comment == row[1]
    assert result.responses[0].properties == {"Team": "Ops"}


def test_a_loosely_named_date_column_must_hold_dates(write_rows):
    header = ["score", "survey_completed", "tweet_created"]
    row = ["3", "true", "24-02-2015 11:35"]

    result = read_export(write_rows([header, row]))

    (response,) = result.responses
    assert response.submitted_at == datetime(2015, 2, 24, 11, 35, tzinfo=UTC)
    assert response.properties == {"survey_completed": "true"}


def test_an_account_manager_column_is_not_the_account(write_rows):
    header = ["score", "Account Manager", "Company"]

    result = read_export(write_rows([header, ["3", "Jane Roe", "Acme"]]))

    assert result.responses[0].properties == {
        "Account Manager": "Jane Roe",
        "account": "Acme",
    }
