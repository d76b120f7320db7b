"""CSV files as spreadsheets and survey tools really write them."""

from __future__ import annotations

import codecs

import pytest

from agent.errors import InputError
from plugins.importers import read_export

ROWS = [
    ["response_id", "score", "comment"],
    ["r1", "3", "Slow, very slow; and buggy"],
    ["r2", "9", "Fine"],
]


def test_a_utf8_byte_order_mark_does_not_hide_the_first_column(write_export):
    path = write_export(codecs.BOM_UTF8 + b"score,comment\n4,Slow\n")

    result = read_export(path)

    assert result.columns == ["score", "comment"]
    assert result.responses[0].score == 4


def test_a_file_that_is_not_utf8_is_decoded_as_windows_1252(write_export):
    path = write_export("score,comment\n2,“Overcharged” by £50\n", encoding="cp1252")

    result = read_export(path)

    assert result.responses[0].comment == "“Overcharged” by £50"


def test_an_excel_unicode_text_export_is_read(write_export):
    path = write_export("score\tcomment\n2\tÜberteuert\n", encoding="utf-16")

    result = read_export(path)

    assert result.responses[0].comment == "Überteuert"


@pytest.mark.parametrize(
    ("delimiter", "name"),
    [
        (",", "export.csv"),
        (";", "export.csv"),
        ("\t", "export.csv"),
        ("\t", "export.tsv"),
        (";", "export.txt"),
    ],
    ids=["comma", "semicolon", "tab-named-csv", "tab", "semicolon-named-txt"],
)
def test_the_delimiter_is_sniffed_never_taken_from_the_extension(
    write_rows, delimiter, name
):
    path = write_rows(ROWS, name=name, delimiter=delimiter)

    result = read_export(path)

    assert result.columns == ["response_id", "score", "comment"]
    assert [r.comment for r in result.responses] == [
        "Slow, very slow; and buggy",
        "Fine",
    ]


def test_a_semicolon_export_with_decimal_commas_keeps_its_columns(write_export):
    path = write_export(
        """
        score;comment;revenue
        4;Too slow, honestly;1234,50
        8;OK;99,00
        """
    )

    result = read_export(path)

    assert result.responses[0].properties == {"revenue": "1234,50"}


def test_a_quoted_multi_line_comment_is_one_row(write_rows):
    path = write_rows(
        [
            ["score", "comment"],
            ["2", "Three problems:\r\n1. sync\r\n2. reminders at 3am"],
            ["", "blank score"],
        ]
    )

    result = read_export(path)

    assert (
        result.responses[0].comment == "Three problems:\n1. sync\n2. reminders at 3am"
    )
    assert result.invalid[0].row == 3
    assert result.rows_read == 2


def test_blank_lines_are_skipped_but_keep_their_row_numbers(write_export):
    path = write_export(
        """
        score,comment

        4,Slow
        ,,
        x,Broken
        """
    )

    result = read_export(path)

    assert result.rows_read == 2
    assert len(result.responses) == 1
    assert result.invalid[0].row == 5


def test_excels_sep_line_sets_the_delimiter_and_is_not_a_row(write_export):
    path = write_export("sep=;\nscore;comment\n4;Slow, and more\n")

    result = read_export(path)

    assert result.responses[0].comment == "Slow, and more"
    assert result.rows_read == 1


def test_cells_beyond_the_header_are_kept_as_properties(write_export):
    path = write_export("score,comment\n4,Slow,extra note\n")

    result = read_export(path)

    assert result.responses[0].properties == {"column 3": "extra note"}


def test_a_comment_over_the_csv_modules_default_field_limit_is_reported(
    write_rows,
):
    path = write_rows([["score", "comment"], ["1", "x" * 200_000], ["2", "short"]])

    result = read_export(path)

    assert result.invalid[0].reason == (
        "comment is 200,000 characters; the limit is 20,000"
    )
    assert [r.comment for r in result.responses] == ["short"]


def test_title_lines_above_the_header_are_skipped(write_export):
    path = write_export(
        """
        NPS survey export,3 Dec 2026

        score,comment
        4,Slow
        x,Broken
        """
    )

    result = read_export(path)

    assert result.columns == ["score", "comment"]
    assert result.rows_read == 2
    assert result.invalid[0].row == 5


@pytest.mark.parametrize(
    "magic",
    [b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"],
    ids=["xlsx", "xls"],
)
def test_an_excel_workbook_is_refused_with_a_way_forward(write_export, magic):
    path = write_export(magic + b"\x00" * 64, name="export.xlsx")

    with pytest.raises(InputError, match="save it as CSV"):
        read_export(path)


def test_a_utf8_file_with_a_damaged_byte_stays_utf8(write_export):
    accented = "Café crème brûlée in São Paulo, Zürich and Kraków"
    content = f'score,comment\n2,"{accented}"\n3,Was \xa350 over\n'.encode()
    path = write_export(content.replace(b"\xc2\xa350", b"\xa350"))

    result = read_export(path)

    assert result.responses[0].comment == accented
    assert result.responses[1].comment == "Was \ufffd50 over"
