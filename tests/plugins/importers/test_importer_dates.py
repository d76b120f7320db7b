"""Submission timestamps: formats, day/month order and time zones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from plugins.importers import read_export

LONDON_SUMMER = timezone(timedelta(hours=1))


def _dates(path, **options) -> list[datetime | None]:
    return [r.submitted_at for r in read_export(path, **options).responses]


def _column(write_rows, *cells: str):
    return write_rows([["date", "score"], *[[cell, "3"] for cell in cells]])


def test_a_first_part_above_twelve_makes_the_column_day_first(write_rows):
    path = _column(write_rows, "01/05/2018 20:23", "13/05/2018 09:00")

    assert _dates(path)[0] == datetime(2018, 5, 1, 20, 23, tzinfo=UTC)


def test_a_second_part_above_twelve_makes_the_column_month_first(write_rows):
    path = _column(write_rows, "01/05/2018 20:23", "05/13/2018 09:00")

    assert _dates(path) == [
        datetime(2018, 1, 5, 20, 23, tzinfo=UTC),
        datetime(2018, 5, 13, 9, 0, tzinfo=UTC),
    ]


def test_an_undecidable_column_is_read_day_first(write_rows):
    path = _column(write_rows, "01/05/2018 20:23", "02/06/2018 09:00")

    assert _dates(path)[0] == datetime(2018, 5, 1, 20, 23, tzinfo=UTC)


def test_an_undecidable_column_in_a_us_time_zone_is_read_month_first(write_rows):
    path = _column(write_rows, "01/05/2018 20:23")

    (moment,) = _dates(path, timezone="America/New_York")

    assert (moment.month, moment.day) == (1, 5)
    assert moment.utcoffset() == timedelta(hours=-5)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2025-01-01T09:01:30Z", datetime(2025, 1, 1, 9, 1, 30, tzinfo=UTC)),
        ("2025-01-01T09:01:30.512+00:00", datetime(2025, 1, 1, 9, 1, 30, 512000, UTC)),
        ("2016-08-04 13:57:26 -0700", datetime(2016, 8, 4, 20, 57, 26, tzinfo=UTC)),
        ("1735693200", datetime(2025, 1, 1, 1, 0, tzinfo=UTC)),
        ("1735693200000", datetime(2025, 1, 1, 1, 0, tzinfo=UTC)),
        ("2018-07-31 10:00", datetime(2018, 7, 31, 9, 0, tzinfo=UTC)),
        ("24-02-2015 11:35", datetime(2015, 2, 24, 11, 35, tzinfo=UTC)),
        ("22-04-15", datetime(2015, 4, 22, tzinfo=LONDON_SUMMER)),
        ("31-Jul-18", datetime(2018, 7, 31, tzinfo=LONDON_SUMMER)),
        ("Jan 5, 2025 3:04 PM PST", datetime(2025, 1, 5, 23, 4, tzinfo=UTC)),
    ],
    ids=[
        "iso-z",
        "iso-offset-fraction",
        "wootric-offset",
        "unix-seconds",
        "unix-milliseconds",
        "naive-iso",
        "dd-mm-yyyy-hh-mm",
        "dd-mm-yy",
        "dd-mon-yy",
        "zone-abbreviation",
    ],
)
def test_timestamps_are_read_in_their_many_formats(write_rows, cell, expected):
    (moment,) = _dates(_column(write_rows, cell), timezone="Europe/London")

    assert moment == expected
    assert moment.tzinfo is not None


def test_naive_timestamps_take_the_given_time_zone(write_rows):
    (moment,) = _dates(
        _column(write_rows, "2025-07-01 12:00"), timezone="Europe/Berlin"
    )

    assert moment.isoformat() == "2025-07-01T12:00:00+02:00"


def test_iso_dates_with_a_zone_name_stay_year_month_day_in_a_day_first_column(
    write_rows,
):
    path = _column(
        write_rows, "13/01/2025 08:00", "2025-01-02 10:00:00 UTC", "2025/03/04 09:30"
    )

    assert _dates(path)[1:] == [
        datetime(2025, 1, 2, 10, 0, tzinfo=UTC),
        datetime(2025, 3, 4, 9, 30, tzinfo=UTC),
    ]


def test_excel_serial_dates_are_read_as_days_since_1899(write_rows):
    (moment,) = _dates(_column(write_rows, "45658.75"))

    assert moment == datetime(2025, 1, 1, 18, 0, tzinfo=UTC)


@pytest.mark.parametrize("cell", ["last Tuesday", "March", "123", "Q1"], ids=str)
def test_an_unreadable_date_keeps_the_row_and_the_raw_value(write_rows, cell):
    result = read_export(write_rows([["date", "score"], [cell, "3"]]))

    (response,) = result.responses
    assert response.submitted_at is None
    assert response.properties == {"date": cell}
