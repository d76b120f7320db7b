"""Turning matched rows into `NpsResponse` objects, invalid rows and a result.

Both the CSV and the JSON readers hand over `RawRecord`s: the raw value of
each field plus the row's other columns. Everything after that (parsing,
ids, duplicates) is the same whatever the file looked like.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import tzinfo

from pydantic import BaseModel, ConfigDict, Field

from agent.models import Customer, NpsResponse
from plugins.importers._aliases import CUSTOMER_ID
from plugins.importers._dates import DateReader, infer_day_first, known_zone
from plugins.importers._values import (
    RowProblem,
    clean_comment,
    content_id,
    full_name,
    parse_email,
    parse_id,
    parse_score,
    text,
    unescape,
)


class InvalidRow(BaseModel):
    """A row that could not become a response, and why."""

    model_config = ConfigDict(extra="forbid")

    row: int = Field(description="Spreadsheet row (header rows count) or line.")
    response_id: str | None = None
    reason: str


class ImportResult(BaseModel):
    """Everything read from one export file."""

    model_config = ConfigDict(extra="forbid")

    layout: str
    columns: list[str]
    responses: list[NpsResponse] = Field(default_factory=list)
    invalid: list[InvalidRow] = Field(default_factory=list)
    rows_read: int = 0
    duplicates: int = 0
    rows: dict[str, int] = Field(
        default_factory=dict, description="The row each kept response came from."
    )
    notes: list[InvalidRow] = Field(
        default_factory=list,
        description="Rows that were read but replaced by a later row.",
    )
    missing_fields: list[str] = Field(
        default_factory=list,
        description="Optional fields no column or key was found for.",
    )


@dataclass
class RawRecord:
    """One answer row before parsing: raw field values and the other columns.

    `columns` names the column (or key) each field came from, so a value that
    cannot be parsed can be kept under its own name; `date_zone` is a time
    zone the file states for its date column; `vendor` names the platform
    whose shape a JSON record has.
    """

    row: int
    values: dict[str, object]
    columns: dict[str, str]
    properties: dict[str, str] = field(default_factory=dict)
    date_zone: str | None = None
    vendor: str | None = None


def assemble(
    layout: str,
    columns: list[str],
    records: list[RawRecord | InvalidRow],
    *,
    source: str,
    zone: tzinfo,
    month_first: bool,
    vendor_prefixes: bool = True,
) -> ImportResult:
    """Parses every record, keeping one response per id.

    A response id seen twice for the same customer counts as a duplicate and
    the later row wins: in an export the later row is the newer state of the
    same answer. The same id for a different customer is a collision, so the
    later row is reported invalid instead of silently replacing the first.
    """
    readers = _date_readers(records, zone, month_first=month_first)
    kept: dict[str, NpsResponse] = {}
    rows: dict[str, int] = {}
    invalid: list[InvalidRow] = []
    notes: list[InvalidRow] = []
    duplicates = 0

    for record in records:
        if isinstance(record, InvalidRow):
            invalid.append(record)
            continue
        prefix = record.vendor if vendor_prefixes and record.vendor else source
        try:
            response = _response(record, prefix, readers)
        except RowProblem as problem:
            invalid.append(_invalid(record, prefix, str(problem)))
            continue

        response_id = response.response_id
        earlier = kept.get(response_id)
        if earlier is not None and not _same_customer(earlier, response):
            reason = (
                f"id already used by row {rows[response_id]} for another "
                "customer; give every answer its own id (or drop the id column)"
            )
            invalid.append(
                InvalidRow(row=record.row, response_id=response_id, reason=reason)
            )
            continue
        if earlier is not None:
            duplicates += 1
            notes.append(
                InvalidRow(
                    row=rows[response_id],
                    response_id=response_id,
                    reason=f"replaced by row {record.row}, a later copy of it",
                )
            )
        kept[response_id] = response
        rows[response_id] = record.row

    return ImportResult(
        layout=layout,
        columns=columns,
        responses=list(kept.values()),
        invalid=invalid,
        rows_read=len(records),
        duplicates=duplicates,
        rows=rows,
        notes=notes,
        missing_fields=_missing_fields(records),
    )


def _same_customer(first: NpsResponse, second: NpsResponse) -> bool:
    """False only when both rows name a customer and the names differ."""
    a, b = first.customer, second.customer
    if a.email and b.email:
        return a.email == b.email
    if a.name and b.name:
        return a.name.casefold() == b.name.casefold()
    return True


_OPTIONAL_FIELDS = ("id", "comment", "email", "name", "date")


def _missing_fields(records: list[RawRecord | InvalidRow]) -> list[str]:
    found: set[str] = set()
    for record in records:
        if isinstance(record, RawRecord):
            found.update(record.columns)
    if {"first_name", "last_name"} & found:
        found.add("name")
    return [field for field in _OPTIONAL_FIELDS if field not in found]


_ReaderKey = tuple[str | None, str | None]


def _date_readers(
    records: list[RawRecord | InvalidRow], zone: tzinfo, *, month_first: bool
) -> dict[_ReaderKey, DateReader]:
    samples: dict[_ReaderKey, list[object]] = defaultdict(list)
    for record in records:
        if isinstance(record, RawRecord) and "date" in record.values:
            key = (record.columns.get("date"), record.date_zone)
            samples[key].append(record.values["date"])

    return {
        key: DateReader(
            known_zone(key[1]) or zone,
            day_first=infer_day_first(values, month_first=month_first),
        )
        for key, values in samples.items()
    }


def _response(
    record: RawRecord, source: str, readers: dict[_ReaderKey, DateReader]
) -> NpsResponse:
    values = record.values
    properties = dict(record.properties)

    score = parse_score(values.get("score"))
    comment = clean_comment(values.get("comment"))

    email, rejected = parse_email(values.get("email"))
    if rejected:
        properties["invalid_email"] = rejected
    account = unescape(text(values.get("account")))
    if account:
        properties["account"] = account

    raw_date = text(values.get("date"))
    submitted_at = None
    if raw_date:
        reader = readers[(record.columns.get("date"), record.date_zone)]
        submitted_at = reader.parse(values["date"])
        if submitted_at is None:
            properties[record.columns["date"]] = raw_date

    source_id = _source_id(record, properties)
    if source_id is None:
        source_id = content_id(text(values.get("email")), raw_date, score, comment)

    customer = Customer(
        id=text(values.get(CUSTOMER_ID)) or None,
        email=email,
        name=full_name(
            values.get("name"), values.get("first_name"), values.get("last_name")
        ),
    )
    return NpsResponse(
        response_id=f"{source}:{source_id}",
        source=source,
        score=score,
        comment=comment,
        customer=customer,
        submitted_at=submitted_at,
        properties=properties,
    )


def _source_id(record: RawRecord, properties: dict[str, str]) -> str | None:
    """The row's own id; a damaged one is kept in properties, not used."""
    raw = text(record.values.get("id"))
    source_id = parse_id(record.values.get("id"))
    if raw and source_id is None:
        properties[record.columns["id"]] = raw
    return source_id


def _invalid(record: RawRecord, source: str, reason: str) -> InvalidRow:
    source_id = parse_id(record.values.get("id"))
    response_id = f"{source}:{source_id}" if source_id else None
    return InvalidRow(row=record.row, response_id=response_id, reason=reason)
