"""Reading submission timestamps into time-zone-aware datetimes.

`01/05/2018` is the 1st of May in London and January 5th in New York, and a
file never says which. The order is therefore decided once per column from
all of its values: a first part above 12 means day-first, a second part
above 12 means month-first. When no value settles it, the column is read
day-first (ISO and most of the world), except for SurveyMonkey exports and
files whose time zone is a United States zone, which are read month-first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser

from agent.errors import ConfigError

_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})\b")
_NUMERIC_STAMP = re.compile(
    r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
)
_UNIX_SECONDS = re.compile(r"^\d{9,10}(?:\.\d+)?$")
_UNIX_MILLISECONDS = re.compile(r"^\d{12,13}$")
_YEAR_FIRST = re.compile(r"^\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}\b")
_EXCEL_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
# Excel stores dates as days since 1899-12-30; 20000-80000 spans 1954-2119,
# far from any plausible score, id or Unix time.
_EXCEL_EPOCH = datetime(1899, 12, 30)
_EXCEL_DAYS = (20_000, 80_000)
_US_ZONES = {
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Anchorage", "America/Detroit", "America/Boise",
    "America/Juneau", "America/Sitka", "America/Nome", "America/Yakutat",
    "America/Adak", "America/Metlakatla", "America/Menominee", "Pacific/Honolulu",
    "EST5EDT", "CST6CDT", "MST7MDT", "PST8PDT",
}  # fmt: skip
_US_ZONE_PREFIXES = (
    "US/",
    "America/Indiana/",
    "America/Kentucky/",
    "America/North_Dakota/",
)
_ZONE_NAMES = {
    "UTC": 0, "UT": 0, "GMT": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
    "PST": -8, "PDT": -7,
}  # fmt: skip
# Two different defaults show whether a value carried its own year, month
# and day: dateutil silently fills missing parts from the default.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))


def resolve_zone(name: str) -> tzinfo:
    """The time zone named by an IANA name such as "Europe/London".

    Raises:
        ConfigError: no such time zone.
    """
    if name.strip().upper() in {"UTC", "Z", "GMT"}:
        return UTC
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ConfigError(
            f"unknown time zone {name!r}; use an IANA name such as 'Europe/London'"
        ) from error


def known_zone(name: str | None) -> tzinfo | None:
    """The zone a file states for a column, or None when it states none we know."""
    if not name:
        return None
    try:
        return resolve_zone(name)
    except ConfigError:
        return None


def prefers_month_first(layout: str, zone_name: str) -> bool:
    """Whether undecidable numeric dates should be read month-first."""
    zone_name = zone_name.strip()
    return (
        layout == "surveymonkey"
        or zone_name in _US_ZONES
        or zone_name.startswith(_US_ZONE_PREFIXES)
    )


def infer_day_first(values: Iterable[object], *, month_first: bool) -> bool:
    """Whether a column's numeric dates put the day before the month."""
    day_evidence = month_evidence = False
    for value in values:
        match = _NUMERIC_DATE.match(value) if isinstance(value, str) else None
        if match is None:
            continue
        first, second = int(match.group(1)), int(match.group(2))
        day_evidence |= first > 12 >= second
        month_evidence |= second > 12 >= first

    if day_evidence != month_evidence:
        return day_evidence
    return not month_first


class DateReader:
    """Reads one column's timestamps the same way for every row."""

    def __init__(self, zone: tzinfo, *, day_first: bool) -> None:
        self.zone = zone
        self.day_first = day_first

    def parse(self, value: object) -> datetime | None:
        """The timestamp as an aware datetime, or None when it cannot be read."""
        if isinstance(value, bool) or value is None:
            return None
        if isinstance(value, (int, float)):
            return _from_unix(value)

        raw = str(value).strip()
        if _UNIX_SECONDS.match(raw):
            return _from_unix(float(raw))
        if _UNIX_MILLISECONDS.match(raw):
            return _from_unix(int(raw) / 1000)
        if _EXCEL_SERIAL.match(raw) and _EXCEL_DAYS[0] <= float(raw) < _EXCEL_DAYS[1]:
            moment = _EXCEL_EPOCH + timedelta(days=float(raw))
            return moment.replace(tzinfo=self.zone)

        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            numeric = _NUMERIC_STAMP.match(raw)
            moment = self._numeric(numeric) if numeric else self._parse_loosely(raw)
        if moment is None:
            return None
        return moment if moment.tzinfo else moment.replace(tzinfo=self.zone)

    def _numeric(self, match: re.Match[str]) -> datetime | None:
        """`31/12/2025 23:59`, the commonest spreadsheet form, without dateutil."""
        first, second, year, hour, minute, second_of_minute = (
            int(part or 0) for part in match.groups()
        )
        day, month = (first, second) if self.day_first else (second, first)
        if month > 12:
            day, month = month, day
        try:
            return datetime(year, month, day, hour, minute, second_of_minute)
        except ValueError:
            return None

    def _parse_loosely(self, raw: str) -> datetime | None:
        # A leading four-digit year is ISO order whatever the column's habit:
        # dateutil would otherwise read 2025-01-02 day-first as 1 February.
        day_first = self.day_first and not _YEAR_FIRST.match(raw)
        try:
            first, second = (
                parser.parse(
                    raw, dayfirst=day_first, default=default, tzinfos=_zone_for
                )
                for default in _DEFAULTS
            )
        except (ValueError, OverflowError):
            return None
        return first if first.date() == second.date() else None


def _zone_for(name: str | None, offset: int | None) -> tzinfo | None:
    """Resolves zone abbreviations dateutil meets; unknown ones mean "none"."""
    if name and name.upper() in _ZONE_NAMES:
        return timezone(timedelta(hours=_ZONE_NAMES[name.upper()]))
    if offset is not None:
        return timezone(timedelta(seconds=offset))
    return None


def _from_unix(seconds: float) -> datetime | None:
    if seconds > 1e11:
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
