"""The public surface of `plugins.importers` and the errors it raises."""

from __future__ import annotations

from pathlib import Path

import pytest

import plugins.importers as importers
from agent.errors import ConfigError, InputError, LayoutError
from plugins.importers import FIELDS, read_export


def test_package_exports_exactly_the_public_api():
    assert sorted(importers.__all__) == [
        "FIELDS",
        "ImportResult",
        "InvalidRow",
        "read_export",
    ]
    for name in importers.__all__:
        assert getattr(importers, name) is not None


def test_fields_are_the_mappable_field_names():
    assert FIELDS == (
        "id",
        "score",
        "comment",
        "email",
        "name",
        "first_name",
        "last_name",
        "date",
        "account",
    )


def test_unrecognisable_layout_names_the_columns_the_missing_fields_and_map(
    write_export,
):
    path = write_export(
        """
        when,stars_given,what_they_said
        2025-01-01,3,Too slow
        """
    )

    with pytest.raises(LayoutError) as caught:
        read_export(path)

    message = str(caught.value)
    assert "'when', 'stars_given', 'what_they_said'" in message
    assert "Missing: score" in message
    assert "comment" in message
    assert "email" in message
    assert "--map score=COLUMN" in message
    assert caught.value.columns == ["when", "stars_given", "what_they_said"]


def test_mapping_names_columns_detection_cannot_recognise(write_export):
    path = write_export(
        """
        when,stars_given,what_they_said,who
        2025-01-01,3,Too slow,ann@example.com
        """
    )

    result = read_export(
        path,
        mapping={"score": "stars_given", "comment": "what_they_said", "date": "when"},
    )

    (response,) = result.responses
    assert response.score == 3
    assert response.comment == "Too slow"
    assert response.submitted_at is not None
    assert response.properties == {"who": "ann@example.com"}


def test_mapping_wins_over_a_column_detection_would_choose(write_export):
    path = write_export(
        """
        score,nps,comment
        9,2,Billing is wrong
        """
    )

    result = read_export(path, mapping={"score": "nps"})

    assert result.responses[0].score == 2
    assert result.responses[0].properties == {"score": "9"}


def test_mapping_matches_a_column_name_loosely(write_export):
    path = write_export(
        """
        Stars Given,Text
        4,Slow
        """
    )

    result = read_export(path, mapping={"score": "stars_given"})

    assert result.responses[0].score == 4


def test_mapping_to_a_missing_column_lists_the_real_columns(write_export):
    path = write_export(
        """
        score,comment
        4,Slow
        """
    )

    with pytest.raises(LayoutError) as caught:
        read_export(path, mapping={"score": "rating"})

    assert "'rating'" in str(caught.value)
    assert "'score', 'comment'" in str(caught.value)
    assert caught.value.columns == ["score", "comment"]


def test_mapping_an_unknown_field_is_a_layout_error(write_export):
    path = write_export("score,comment\n4,Slow\n")

    with pytest.raises(LayoutError, match="unknown field 'stars'"):
        read_export(path, mapping={"stars": "score"})


def test_source_overrides_the_response_id_prefix(write_export):
    path = write_export("id,score\nabc,4\n")

    result = read_export(path, source="zendesk")

    assert result.responses[0].response_id == "zendesk:abc"
    assert result.responses[0].source == "zendesk"


def test_generic_exports_default_to_the_export_source(write_export):
    path = write_export("id,score\nabc,4\n")

    assert read_export(path).responses[0].response_id == "export:abc"


@pytest.mark.parametrize("source", ["", "  ", "a:b"], ids=["empty", "blank", "colon"])
def test_a_source_that_cannot_prefix_ids_is_a_config_error(write_export, source):
    path = write_export("score\n4\n")

    with pytest.raises(ConfigError):
        read_export(path, source=source)


def test_an_unknown_time_zone_is_a_config_error(write_export):
    path = write_export("score\n4\n")

    with pytest.raises(ConfigError, match="Mars/Olympus_Mons"):
        read_export(path, timezone="Mars/Olympus_Mons")


def test_a_missing_file_is_an_input_error(tmp_path: Path):
    with pytest.raises(InputError, match=r"nope\.csv"):
        read_export(tmp_path / "nope.csv")


@pytest.mark.parametrize(
    "content", ["", "\n\n", "   "], ids=["empty", "newlines", "spaces"]
)
def test_an_empty_file_is_an_input_error_saying_so(write_export, content):
    with pytest.raises(InputError, match="is empty: there is nothing to import"):
        read_export(write_export(content))


def test_a_header_without_answers_imports_nothing(write_export):
    result = read_export(write_export("score,comment\n"))

    assert result.responses == []
    assert result.invalid == []
    assert result.rows_read == 0


def test_a_later_copy_of_an_answer_replaces_it_and_says_which_row(tmp_path):
    path = tmp_path / "dupes.csv"
    path.write_text(
        "id,score,comment,email\n"
        "E5,3,Slow exports,ana@example.org\n"
        "E5,2,Slow exports and now broken,ana@example.org\n"
    )

    result = read_export(path)

    (response,) = result.responses
    assert response.score == 2
    assert result.rows == {"export:E5": 3}
    assert [(n.row, n.reason) for n in result.notes] == [
        (2, "replaced by row 3, a later copy of it")
    ]


def test_the_same_id_for_another_customer_is_reported_not_swallowed(tmp_path):
    path = tmp_path / "collide.csv"
    path.write_text(
        "id,score,comment,email\n"
        "1,3,Slow exports,ana@example.org\n"
        "1,1,Login fails,bo@example.org\n"
    )

    result = read_export(path)

    assert [r.customer.email for r in result.responses] == ["ana@example.org"]
    (invalid,) = result.invalid
    assert invalid.row == 3
    assert invalid.response_id == "export:1"
    assert "already used by row 2 for another customer" in invalid.reason


def test_fields_without_a_column_are_listed(tmp_path):
    path = tmp_path / "bare.csv"
    path.write_text("Kunde;Punkte;Notiz\nAda;3;Zu langsam\n")

    result = read_export(path, mapping={"score": "Punkte"})

    assert result.missing_fields == ["id", "comment", "email", "name", "date"]


def test_german_french_and_spanish_headers_are_recognised(tmp_path):
    path = tmp_path / "de.csv"
    path.write_text(
        "Datum;Vorname;Nachname;E-Mail;Bewertung;Begründung\n"
        "03.12.2026;Jonas;Weber;jonas@example.de;2;Die App stürzt ab\n"
    )

    (response,) = read_export(path).responses

    assert response.score == 2
    assert response.comment == "Die App stürzt ab"
    assert response.customer.name == "Jonas Weber"
    assert response.customer.email == "jonas@example.de"
    assert response.submitted_at is not None
