"""Recognising an export's layout from its header rows.

A layout says how many rows are headers and what the header cells mean:

- qualtrics: export names, then question text, then `{"ImportId": ...}` JSON;
  the score is the column with a `<name>_NPS_GROUP` sibling.
- surveymonkey: question text, then sub-labels ("Response",
  "Open-Ended Response"), with "Respondent ID" among the metadata columns.
- typeform: a `#` id column and "Submit Date (UTC)" / "Network ID".
- delighted: `Delighted ...` property columns or "Permalink" + "Survey Type".
- generic: anything else with one header row.

Vendor header strings are not all documented, so a layout only decides the
header rows and the hints; columns are then matched by alias like any other.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from plugins.importers._aliases import CUSTOMER_ID, normalize
from plugins.importers._columns import Column
from plugins.importers._csv import Row
from plugins.importers._records import RawRecord

QUALTRICS_TEXT = re.compile(r"^QID\d+(?:_\d+)?_TEXT$", re.IGNORECASE)
_QUALTRICS_META = {"responseid", "recordeddate", "startdate", "enddate"}
_SURVEYMONKEY_META = {"respondentid", "collectorid", "startdate", "enddate"}
_SUB_LABELS = {"", "response", "openendedresponse"}


@dataclass
class Table:
    """The answer rows of a CSV export and what its columns are."""

    layout: str
    header: list[str]
    columns: list[Column]
    rows: list[Row]
    _values: dict[int, list[str]] = field(default_factory=dict, repr=False)

    def values(self, column: Column) -> list[str]:
        """A column's non-blank values, trimmed."""
        if column.index not in self._values:
            found = (_cell(cells, column.index) for _, cells in self.rows)
            self._values[column.index] = [value for value in found if value]
        return self._values[column.index]

    def records(self, chosen: dict[str, Column]) -> list[RawRecord]:
        """Each answer row split into field values and other properties."""
        used = {column.index for column in chosen.values()}
        others = [column for column in self.columns if column.index not in used]
        date = chosen.get("date")

        records = []
        for number, cells in self.rows:
            properties = {
                column.name: value
                for column in others
                if (value := _cell(cells, column.index))
            }
            records.append(
                RawRecord(
                    row=number,
                    values={f: _raw(cells, c.index) for f, c in chosen.items()},
                    columns={f: c.name for f, c in chosen.items()},
                    properties=properties,
                    date_zone=date.zone if date else None,
                )
            )
        return records


def detect_layout(rows: list[Row]) -> Table:
    """Finds the header rows and the layout of a CSV export's rows."""
    if not rows:
        return Table("generic", [], [], [])

    header, rest = rows[0][1], rows[1:]
    keys = {normalize(cell) for cell in header}
    width = max(len(cells) for _, cells in rows)

    if _is_qualtrics(keys, rest[:2]):
        return _qualtrics(header, rest, width)
    if _is_surveymonkey(keys, header, rest[:1]):
        return _surveymonkey(header, rest, width)
    if "#" in keys or "networkid" in keys or {"startdateutc", "submitdateutc"} <= keys:
        return _plain("typeform", header, rest, width)
    if (
        any(k.startswith("delighted") for k in keys)
        or {"permalink", "surveytype"} <= keys
    ):
        return _plain("delighted", header, rest, width)
    return _plain("generic", header, rest, width)


def _plain(layout: str, header: list[str], rows: list[Row], width: int) -> Table:
    names = _unique_names(header, width)
    columns = [
        Column(i, name, (name,), zone="UTC" if _says_utc(name) else None)
        for i, name in enumerate(names)
    ]
    return Table(layout, list(header), _unlabelled(columns, len(header)), rows)


def _is_qualtrics(keys: set[str], following: list[Row]) -> bool:
    import_row = any(_import_id(cell) for _, cells in following for cell in cells)
    sibling = any(key.endswith("npsgroup") for key in keys)
    return import_row or sibling or {"responseid", "recordeddate"} <= keys


def _qualtrics(header: list[str], rest: list[Row], width: int) -> Table:
    metadata = _qualtrics_metadata(header, rest[:2])
    questions: list[str] = []
    imports: list[dict[str, str] | None] = []
    for _, cells in metadata:
        parsed = [_import_id(cell) for cell in cells]
        if any(parsed):
            imports = parsed
        else:
            questions = cells

    names = _unique_names(header, width)
    upper = {name.upper() for name in header}
    columns = []
    for i, name in enumerate(names):
        imported = imports[i] if i < len(imports) else None
        import_id = (imported or {}).get("ImportId", "")
        hint = None
        if f"{name.upper()}_NPS_GROUP" in upper:
            hint = "score"
        elif QUALTRICS_TEXT.match(str(import_id)):
            hint = "comment"
        elif normalize(name) == "externalreference":
            hint = CUSTOMER_ID
        question = _cell(questions, i)
        labels = (name, question) if question else (name,)
        zone = (imported or {}).get("timeZone")
        columns.append(Column(i, name, labels, hint=hint, zone=zone or None))

    body = rest[len(metadata) :]
    return Table("qualtrics", list(header), _unlabelled(columns, len(header)), body)


def _qualtrics_metadata(header: list[str], following: list[Row]) -> list[Row]:
    """The rows after the first that describe columns rather than answer."""
    for position, (_, cells) in enumerate(following):
        if any(_import_id(cell) for cell in cells):
            return following[: position + 1]
    if following and _labels_header(header, following[0][1]):
        return following[:1]
    return []


def _labels_header(header: list[str], cells: list[str]) -> bool:
    """A question-text row repeats the metadata names ("Response ID")."""
    return any(
        normalize(name) in _QUALTRICS_META and normalize(name) == normalize(cell)
        for name, cell in zip(header, cells, strict=False)
    )


def _import_id(cell: str) -> dict[str, str] | None:
    cell = cell.strip()
    if not (cell.startswith("{") and "importid" in cell.casefold()):
        return None
    try:
        data = json.loads(cell)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    return {key: str(value) for key, value in data.items()}


def _is_surveymonkey(keys: set[str], header: list[str], following: list[Row]) -> bool:
    if {"respondentid", "collectorid"} <= keys:
        return True
    return "respondentid" in keys and any(
        _is_sub_label_row(header, cells) for _, cells in following
    )


def _surveymonkey(header: list[str], rest: list[Row], width: int) -> Table:
    subs: list[str] = []
    if rest and _is_sub_label_row(header, rest[0][1]):
        subs, rest = rest[0][1], rest[1:]

    columns, question = [], ""
    for i in range(width):
        own = _cell(header, i)
        question = own or question
        sub = _cell(subs, i)
        if own and normalize(sub) in _SUB_LABELS:
            name, labels = own, (own, sub) if sub else (own,)
        elif own:
            name, labels = f"{own} - {sub}", (own, sub)
        elif sub:
            name, labels = f"{question} - {sub}", (sub,)
        else:
            name, labels = "", ()
        columns.append((i, name, labels))

    names = _unique_names([name for _, name, _ in columns], width)
    built = [
        Column(i, names[i], labels if i < len(header) else ())
        for i, _, labels in columns
    ]
    return Table("surveymonkey", list(header), built, rest)


def _is_sub_label_row(header: list[str], cells: list[str]) -> bool:
    """Sub-labels leave the metadata columns (Respondent ID...) blank."""
    meta = [i for i, name in enumerate(header) if normalize(name) in _SURVEYMONKEY_META]
    return bool(meta) and all(not _cell(cells, i) for i in meta)


def _unique_names(header: list[str], width: int) -> list[str]:
    """Column names usable as property keys: none blank, none repeated."""
    names: list[str] = []
    seen: set[str] = set()
    for i in range(width):
        name = _cell(header, i) or f"column {i + 1}"
        unique, copy = name, 2
        while unique in seen:
            unique, copy = f"{name} ({copy})", copy + 1
        seen.add(unique)
        names.append(unique)
    return names


def _unlabelled(columns: list[Column], header_width: int) -> list[Column]:
    """Cells beyond the header are kept as properties but never matched."""
    return [
        column if column.index < header_width else Column(column.index, column.name, ())
        for column in columns
    ]


def _says_utc(name: str) -> bool:
    return bool(re.search(r"\b(utc|gmt)\b", name, re.IGNORECASE))


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""


def _raw(cells: list[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""
