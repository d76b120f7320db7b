"""File importers: NPS exports (CSV or JSON lines) to `NpsResponse` objects.

`read_export` recognises the generic, Delighted, Typeform, SurveyMonkey,
Qualtrics and JSON-lines layouts from the file itself. Rows that cannot be
used are reported in `ImportResult.invalid` with their spreadsheet row (or
line) number and a reason; the rest are still imported.
"""

from __future__ import annotations

from pathlib import Path

from agent.errors import ConfigError, LayoutError
from plugins.importers._columns import FIELDS, Column, match_fields, missing_score
from plugins.importers._csv import Row, looks_like_json, read_rows, read_text
from plugins.importers._dates import prefers_month_first, resolve_zone
from plugins.importers._jsonl import read_json_records
from plugins.importers._layouts import Table, detect_layout
from plugins.importers._records import ImportResult, InvalidRow, assemble

__all__ = ["FIELDS", "ImportResult", "InvalidRow", "read_export"]

_GENERIC_SOURCE = "export"
_VENDOR_LAYOUTS = {"delighted", "typeform", "surveymonkey", "qualtrics"}
_MAX_TITLE_ROWS = 3


def read_export(
    path: Path,
    *,
    source: str | None = None,
    mapping: dict[str, str] | None = None,
    timezone: str = "UTC",
) -> ImportResult:
    """Reads an NPS export file into responses and a list of invalid rows.

    Args:
        path: A CSV (comma, semicolon or tab separated) or JSON-lines file.
        source: The response-id prefix; by default the vendor layout's name,
            or "export" for generic CSV and JSON lines.
        mapping: Field name to column (or JSON key) name, from `--map`;
            overrides detection. The fields are listed in `FIELDS`.
        timezone: IANA zone for timestamps that carry none.

    Raises:
        InputError: the file cannot be read or is not CSV or JSON.
        LayoutError: no column holds the score, or `mapping` names a field
            or column that does not exist.
        ConfigError: `timezone` or `source` is not usable.
    """
    path = Path(path)
    zone = resolve_zone(timezone)
    content = read_text(path)

    if looks_like_json(path, content):
        layout = "jsonl"
        columns, records = read_json_records(content, mapping)
    else:
        table, chosen = _recognise(read_rows(content), mapping, path.name)
        layout, columns = table.layout, table.header
        records = table.records(chosen)

    return assemble(
        layout,
        columns,
        records,
        source=_source(source, layout),
        zone=zone,
        month_first=prefers_month_first(layout, timezone),
        vendor_prefixes=source is None,
    )


def _recognise(
    rows: list[Row], mapping: dict[str, str] | None, name: str
) -> tuple[Table, dict[str, Column]]:
    """The table and its field columns, looking past a title line or two.

    Raises:
        LayoutError: no header row gives a score column; the error is the one
            for the first row, where the header normally is.
    """
    errors: list[LayoutError] = []
    for skip in range(_MAX_TITLE_ROWS + 1):
        if skip and (skip >= len(rows) or not _title(rows[skip - 1][1])):
            break
        table = detect_layout(rows[skip:])
        try:
            chosen = match_fields(table.columns, table.values, mapping)
        except LayoutError as error:
            errors.append(error)
            continue
        if "score" in chosen:
            return table, chosen
        errors.append(missing_score(name, table.header, set(chosen)))
    raise errors[0]


def _title(cells: list[str]) -> bool:
    """A line above the header such as "NPS survey - exported 3 Dec 2026"."""
    return sum(bool(cell.strip()) for cell in cells) <= 2


def _source(source: str | None, layout: str) -> str:
    if source is None:
        return layout if layout in _VENDOR_LAYOUTS else _GENERIC_SOURCE
    name = source.strip()
    if not name or ":" in name:
        raise ConfigError(
            f"source {source!r} cannot prefix response ids: "
            "it must be non-empty and contain no ':'"
        )
    return name
