"""Accounts for the local CRM: read from a CSV file, matched by email or domain."""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import structlog

from agent.errors import ConfigError

log = structlog.get_logger(__name__)

ACCOUNT_COLUMNS = (
    "account_id",
    "account_name",
    "domain",
    "email",
    "plan",
    "arr",
    "renewal_date",
    "owner_name",
    "owner_email",
)

_FREE_MAIL_DOMAINS = frozenset(
    {
        "126.com",
        "163.com",
        "aim.com",
        "fastmail.com",
        "free.fr",
        "googlemail.com",
        "gmail.com",
        "hey.com",
        "hushmail.com",
        "icloud.com",
        "laposte.net",
        "mac.com",
        "mail.com",
        "mail.ru",
        "me.com",
        "msn.com",
        "orange.fr",
        "pm.me",
        "proton.me",
        "protonmail.com",
        "qq.com",
        "rocketmail.com",
        "t-online.de",
        "tutanota.com",
        "web.de",
        "ymail.com",
        "zoho.com",
    }
)
"""Domains anyone can sign up at: a shared one says nothing about the account."""

_FREE_MAIL_PROVIDERS = frozenset(
    {"aol", "gmx", "hotmail", "live", "outlook", "yahoo", "yandex"}
)
"""Providers with a domain per country (gmx.de, yahoo.co.uk): any suffix counts."""


def is_free_mail(domain: str) -> bool:
    """Whether `domain` belongs to a free email provider."""
    domain = domain.lower().strip().rstrip(".")
    if domain in _FREE_MAIL_DOMAINS:
        return True
    provider, _, suffix = domain.partition(".")
    # A country suffix is short ("de", "co.uk"); "live.acme.com" is a company.
    labels = suffix.split(".")
    return (
        provider in _FREE_MAIL_PROVIDERS
        and len(labels) <= 2
        and all(0 < len(label) <= 3 for label in labels)
    )


def email_domain(email: str) -> str | None:
    """The lowercased domain of an email address, or None if it has none."""
    _, at, domain = email.strip().rpartition("@")
    domain = domain.lower().rstrip(".")
    return domain if at and "." in domain else None


def read_accounts(path: Path) -> Iterator[dict[str, Any]]:
    """Yield one row per valid account in the CSV file at `path`.

    Rows are numbered as a spreadsheet shows them, the header being row 1. A
    row with a bad `arr` or `renewal_date`, or no `account_id`, is skipped
    with a warning naming its number and the reason.

    Raises:
        ConfigError: The file cannot be read or lacks a required column.
    """
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            reader = csv.DictReader(file)
            columns = [name.strip() for name in reader.fieldnames or []]
            missing = [name for name in ACCOUNT_COLUMNS if name not in columns]
            if missing:
                raise ConfigError(
                    f"accounts file {str(path)!r} lacks column(s): {', '.join(missing)}"
                )
            reader.fieldnames = columns
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError(f"cannot read accounts file {str(path)!r}: {exc}") from exc

    for number, raw in enumerate(rows, start=2):
        try:
            yield _account_row(raw)
        except ValueError as exc:
            log.warning(
                "account_row_skipped", path=str(path), row=number, reason=str(exc)
            )


def _account_row(raw: dict[str, Any]) -> dict[str, Any]:
    cells = {name: (raw.get(name) or "").strip() for name in ACCOUNT_COLUMNS}
    if not cells["account_id"]:
        raise ValueError("account_id is empty")
    return {
        "account_id": cells["account_id"],
        "account_name": cells["account_name"] or None,
        "domain": _domain(cells["domain"]),
        "email": cells["email"].lower() or None,
        "plan": cells["plan"] or None,
        "arr": _arr(cells["arr"]),
        "renewal_date": _date(cells["renewal_date"]),
        "owner_name": cells["owner_name"] or None,
        "owner_email": cells["owner_email"] or None,
    }


def _domain(value: str) -> str | None:
    value = value.lower().removeprefix("https://").removeprefix("http://")
    value = value.removeprefix("www.").split("/")[0].rstrip(".")
    return value or None


def _arr(value: str) -> float | None:
    if not value:
        return None
    try:
        arr = float(value.replace(",", "").replace("_", ""))
    except ValueError:
        raise ValueError(f"arr {value!r} is not a number") from None
    if not math.isfinite(arr) or arr < 0:
        raise ValueError(f"arr {value!r} is not a non-negative amount")
    return arr


def _date(value: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"renewal_date {value!r} is not a YYYY-MM-DD date") from None
