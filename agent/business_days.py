"""Business-day arithmetic for follow-up dates a team can keep."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays

from agent.policy import CalendarPolicy

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def is_business_day(day: date, calendar: CalendarPolicy) -> bool:
    """True when the team works on `day` under `calendar`."""
    if _WEEKDAYS[day.weekday()] not in calendar.working_days:
        return False
    if day.isoformat() in calendar.closed_dates:
        return False
    return day not in _public_holidays(calendar.holiday_country, day.year)


def add_business_days(start: date, days: int, calendar: CalendarPolicy) -> date:
    """The date `days` business days after `start`.

    `start` itself never counts, so a 2-day SLA decided on a Friday lands on
    Tuesday. Zero days means the next business day from `start` on, counting
    `start` if it is one.
    """
    current = start
    if days == 0:
        while not is_business_day(current, calendar):
            current += timedelta(days=1)
        return current

    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_business_day(current, calendar):
            remaining -= 1
    return current


def follow_up_date(now: datetime, sla_days: int, calendar: CalendarPolicy) -> date:
    """The follow-up date for a case decided at `now`, in the team's zone."""
    local_day = now.astimezone(calendar.zone).date()
    return add_business_days(local_day, sla_days, calendar)


@lru_cache(maxsize=64)
def _public_holidays(country: str, year: int) -> holidays.HolidayBase | frozenset[date]:
    if not country:
        return frozenset()
    return holidays.country_holidays(country, years=year)
