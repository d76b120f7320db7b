"""Scores, ids, duplicates, comments and customers read from export rows."""

from __future__ import annotations

import pytest

from plugins.importers import read_export


@pytest.mark.parametrize(
    ("cell", "score"),
    [
        ("7", 7),
        (" 7 ", 7),
        ("7.0", 7),
        ("7/10", 7),
        ("7 / 10", 7),
        ("10 out of 10", 10),
        ("10 - Extremely likely", 10),
        ("0 - Not at all likely", 0),
        ("0", 0),
        ("Extremely likely", 10),
        ("Not at all likely", 0),
    ],
    ids=[
        "plain",
        "padded",
        "float",
        "slash",
        "spaced-slash",
        "out-of",
        "high-label",
        "low-label",
        "zero",
        "high-anchor-only",
        "low-anchor-only",
    ],
)
def test_scores_are_read_from_the_ways_people_write_them(write_rows, cell, score):
    result = read_export(write_rows([["score", "comment"], [cell, "why"]]))

    assert [r.score for r in result.responses] == [score]
    assert result.invalid == []


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("", "score is blank"),
        ("   ", "score is blank"),
        ("great", "score 'great' is not a number from 0 to 10"),
        ("9-10", "score '9-10' is not a number from 0 to 10"),
        ("6.5", "score '6.5' is not a whole number"),
        ("11", "score '11' is out of range 0-10"),
        ("-1", "score '-1' is out of range 0-10"),
        ("07-Oct", "score '07-Oct' is a date, probably made by Excel from a score"),
        ("2025-10-07", "score '2025-10-07' is a date, probably made by Excel"),
        ("10/7/2025", "score '10/7/2025' is a date, probably made by Excel"),
    ],
    ids=[
        "blank",
        "spaces",
        "word",
        "range",
        "fractional",
        "too-high",
        "negative",
        "excel-day-month",
        "excel-iso",
        "excel-slashes",
    ],
)
def test_unusable_scores_make_the_row_invalid_with_a_reason(write_rows, cell, reason):
    path = write_rows(
        [["id", "score", "comment"], ["a1", cell, "why"], ["a2", "3", ""]]
    )

    result = read_export(path)

    (invalid,) = result.invalid
    assert invalid.row == 2
    assert invalid.response_id == "export:a1"
    assert invalid.reason.startswith(reason)
    assert [r.response_id for r in result.responses] == ["export:a2"]


def test_a_blank_score_is_never_read_as_zero(write_rows):
    result = read_export(write_rows([["score", "comment"], ["", "no score"]]))

    assert result.responses == []
    assert result.invalid[0].reason == "score is blank"


def test_excel_scientific_ids_are_not_trusted(write_rows):
    header = ["tweet_id", "score", "comment"]
    rows = [["5.70306E+17", "1", "Lost my bag"], ["5.70306E+17", "2", "Late again"]]

    result = read_export(write_rows([header, *rows]), mapping={"id": "tweet_id"})

    first, second = result.responses
    assert first.response_id != second.response_id
    assert len(first.response_id.removeprefix("export:")) == 16
    assert first.properties == {"tweet_id": "5.70306E+17"}
    assert result.duplicates == 0


def test_rows_without_ids_keep_the_same_ids_when_imported_again(write_rows):
    rows = [["email", "score", "comment"], ["a@example.com", "3", "Slow"]]
    first = read_export(write_rows(rows, name="monday.csv"))

    later = read_export(write_rows([*rows, ["b@example.com", "4", "Buggy"]]))

    old_id = first.responses[0].response_id
    assert later.responses[0].response_id == old_id
    assert later.responses[1].response_id != old_id


def test_an_identical_repeated_row_is_counted_as_a_duplicate(write_rows):
    rows = [["id", "score", "comment"], ["a1", "3", "Slow"], ["a1", "3", "Slow"]]

    result = read_export(write_rows(rows))

    assert len(result.responses) == 1
    assert result.duplicates == 1
    assert result.rows_read == 2


def test_a_repeated_id_with_new_content_keeps_the_later_row(write_rows):
    rows = [
        ["id", "score", "comment"],
        ["a1", "3", ""],
        ["b2", "9", "Great"],
        ["a1", "5", "Comment added later"],
    ]

    result = read_export(write_rows(rows))

    assert [(r.response_id, r.score) for r in result.responses] == [
        ("export:a1", 5),
        ("export:b2", 9),
    ]
    assert result.responses[0].comment == "Comment added later"
    assert result.duplicates == 1


def test_identical_rows_without_ids_are_duplicates(write_rows):
    rows = [["score", "comment"], ["1", "Broken"], ["1", "Broken"]]

    result = read_export(write_rows(rows))

    assert len(result.responses) == 1
    assert result.duplicates == 1


@pytest.mark.parametrize(
    ("cell", "comment"),
    [
        ("  Billing &amp; invoices &quot;wrong&quot;  ", 'Billing & invoices "wrong"'),
        ("Read the T&C &nothing else", "Read the T&C &nothing else"),
        ("line one\r\nline two\rline three", "line one\nline two\nline three"),
        ("first<br>second", "first\nsecond"),
        ("Crashes again 😤🔥", "Crashes again 😤🔥"),
        ("برنامج سيء 该条评论", "برنامج سيء 该条评论"),
        ("Was �50 over charged", "Was �50 over charged"),
        ("canâ€™t log in since the update", "can’t log in since the update"),
        ("Ã¼berhaupt kein Support", "überhaupt kein Support"),
        ("It’s “fine”, naïve ﬁx", "It’s “fine”, naïve ﬁx"),
        ("'=HYPERLINK is what I see", "=HYPERLINK is what I see"),
        ("'-- worst ever", "-- worst ever"),
        ("Can't pay", "Can't pay"),
        ("", ""),
    ],
    ids=[
        "entities",
        "bare-ampersands",
        "newlines",
        "html-break",
        "emoji",
        "non-latin",
        "replacement-char",
        "excel-mojibake",
        "mojibake-german",
        "typography-kept",
        "formula-guard",
        "formula-guard-dash",
        "apostrophe-kept",
        "empty",
    ],
)
def test_comments_are_cleaned_but_keep_what_the_customer_wrote(
    write_rows, cell, comment
):
    result = read_export(write_rows([["score", "comment"], ["2", cell]]))

    assert result.responses[0].comment == comment


def test_a_comment_over_twenty_thousand_characters_is_invalid(write_rows):
    rows = [["score", "comment"], ["2", "x" * 20_000], ["3", "y" * 20_001]]

    result = read_export(write_rows(rows))

    assert len(result.responses[0].comment) == 20_000
    assert result.invalid[0].row == 3
    assert result.invalid[0].reason == (
        "comment is 20,001 characters; the limit is 20,000"
    )


@pytest.mark.parametrize(
    ("cell", "email", "properties"),
    [
        (" Ann.Lee@Example.COM ", "ann.lee@example.com", {}),
        ("Ann Lee <ann@example.com>", "ann@example.com", {}),
        ("mailto:ann@example.com", "ann@example.com", {}),
        ("ann at example", None, {"invalid_email": "ann at example"}),
    ],
    ids=["mixed-case", "display-name", "mailto", "invalid"],
)
def test_emails_are_lowercased_and_bad_ones_kept_aside(
    write_rows, cell, email, properties
):
    result = read_export(write_rows([["score", "email"], ["2", cell]]))

    (response,) = result.responses
    assert response.customer.email == email
    assert response.properties == properties
