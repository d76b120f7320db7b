from datetime import UTC, date, datetime

import pytest

from agent.business_days import add_business_days, follow_up_date, is_business_day
from agent.policy import load_policy

CALENDAR = load_policy().calendar


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        pytest.param(date(2026, 12, 3), 2, date(2026, 12, 7), id="thu-plus-2-is-mon"),
        pytest.param(date(2026, 12, 4), 2, date(2026, 12, 8), id="fri-plus-2-is-tue"),
        pytest.param(date(2026, 12, 5), 1, date(2026, 12, 7), id="sat-plus-1-is-mon"),
        pytest.param(date(2026, 12, 1), 5, date(2026, 12, 8), id="a-full-week"),
        pytest.param(date(2026, 12, 5), 0, date(2026, 12, 7), id="zero-from-weekend"),
        pytest.param(date(2026, 12, 3), 0, date(2026, 12, 3), id="zero-on-workday"),
    ],
)
def test_business_days_skip_weekends(start, days, expected):
    assert add_business_days(start, days, CALENDAR) == expected


def test_public_holidays_of_the_configured_country_are_skipped():
    us = CALENDAR.model_copy(update={"holiday_country": "US"})

    assert not is_business_day(date(2026, 12, 25), us)
    assert add_business_days(date(2026, 12, 24), 1, us) == date(2026, 12, 28)


def test_closed_dates_are_skipped():
    closed = CALENDAR.model_copy(update={"closed_dates": ["2026-12-07"]})

    assert add_business_days(date(2026, 12, 4), 1, closed) == date(2026, 12, 8)


def test_custom_working_week_counts_only_its_days():
    sun_to_thu = CALENDAR.model_copy(
        update={"working_days": ["sun", "mon", "tue", "wed", "thu"]}
    )

    assert add_business_days(date(2026, 12, 3), 1, sun_to_thu) == date(2026, 12, 6)


def test_follow_up_date_counts_from_the_local_day_of_the_team():
    tokyo = CALENDAR.model_copy(update={"timezone": "Asia/Tokyo"})
    # 20:00 UTC on Thursday is already Friday morning in Tokyo.
    now = datetime(2026, 12, 3, 20, 0, tzinfo=UTC)

    assert follow_up_date(now, 1, CALENDAR) == date(2026, 12, 4)
    assert follow_up_date(now, 1, tokyo) == date(2026, 12, 7)
