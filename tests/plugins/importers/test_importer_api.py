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


def test_an_empty_file_is_a_layout_error(write_export):
    with pytest.raises(LayoutError, match="Columns found: \\(none\\)"):
        read_export(write_export(""))


def test_a_header_without_answers_imports_nothing(write_export):
    result = read_export(write_export("score,comment\n"))

    assert result.responses == []
    assert result.invalid == []
    assert result.rows_read == 0
