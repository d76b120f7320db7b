"""Reading export files: bytes to text, the delimiter, and numbered rows.

Exports come from Excel as often as from the platform itself, so nothing about
the file is trusted: the encoding is tried in order, the delimiter is measured
rather than read from the extension, and rows are numbered the way a
spreadsheet shows them so an error report points at the right line.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import re
from pathlib import Path

from agent.errors import InputError

DELIMITERS = (",", ";", "\t")

# Large enough for any real comment; the 20,000-character limit is enforced
# per row so an oversized comment is reported, not a parser crash.
_FIELD_SIZE_LIMIT = 64 * 1024 * 1024
_SNIFF_ROWS = 50
_SEP_HINT = re.compile(r"^sep=(.)\r?\n", re.IGNORECASE)

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

Row = tuple[int, list[str]]


def read_text(path: Path) -> str:
    """Reads a file as text, whatever encoding the exporting tool chose.

    UTF-8 (with or without a byte order mark) and UTF-16 with a byte order
    mark are decoded as such; anything else falls back to Windows-1252 and
    then Latin-1, which decodes every byte.

    Raises:
        InputError: the file cannot be read.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {str(path)!r}: {error.strerror}") from error

    if data.startswith((_ZIP, _OLE)):
        raise InputError(
            f"{path.name!r} is an Excel workbook, not a CSV file: "
            "save it as CSV (UTF-8) and import that"
        )
    text = decode(data).replace("\x00", "")
    if not text.strip():
        raise InputError(f"{path.name!r} is empty: there is nothing to import")
    return text


def decode(data: bytes) -> str:
    """Decodes export bytes, trying the encodings spreadsheets actually write.

    A UTF-8 file with a few damaged bytes stays UTF-8 (the damage becomes
    U+FFFD); a file that is mostly not UTF-8 is read as Windows-1252, or as
    Latin-1 when even that fails.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass

    lenient = data.decode("utf-8-sig", errors="replace")
    damaged = lenient.count("\ufffd") - data.count("\ufffd".encode())
    readable = sum(1 for char in lenient if ord(char) > 127) - damaged
    if readable > 2 * damaged:
        return lenient
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def looks_like_json(path: Path, text: str) -> bool:
    """Tells whether a file holds JSON (lines or a document) rather than CSV."""
    if path.suffix.lower() in {".jsonl", ".ndjson", ".json"}:
        return True

    lines = [line.strip() for line in text.split("\n") if line.strip()][:20]
    if not lines or not lines[0].startswith(("{", "[")):
        return False
    if lines[0] in ("[", "{") or lines[0].startswith("[{") or _parses(text):
        return True
    objects = sum(line.startswith("{") and _parses(line) for line in lines)
    return objects * 2 > len(lines)


def read_rows(text: str) -> list[Row]:
    """Splits CSV text into rows numbered as a spreadsheet would number them.

    A quoted multi-line comment is one row. Rows whose cells are all empty
    are dropped, but still count toward the numbering of the rows after them.

    Raises:
        InputError: the text is not CSV the csv module can read.
    """
    csv.field_size_limit(_FIELD_SIZE_LIMIT)
    delimiter, text = _delimiter_hint(text)
    delimiter = delimiter or sniff_delimiter(text)

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    try:
        for number, cells in enumerate(reader, start=1):
            if any(cell.strip() for cell in cells):
                rows.append((number, cells))
    except csv.Error as error:
        message = f"line {reader.line_num}: the file is not valid CSV: {error}"
        raise InputError(message) from error
    return rows


def sniff_delimiter(text: str) -> str:
    """Picks the delimiter among comma, semicolon and tab that splits the rows.

    The winner gives the header several columns and the most rows with the
    same number of cells as the header; the extension is never consulted.
    """
    best, best_key = ",", (False, 0.0, 0)
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            sample = [row for row in itertools.islice(reader, _SNIFF_ROWS) if row]
        except csv.Error:
            continue
        if not sample:
            continue
        width = len(sample[0])
        body = sample[1:] or sample
        steady = sum(len(row) == width for row in body) / len(body)
        key = (width > 1, steady, width)
        if key > best_key:
            best, best_key = delimiter, key
    return best


def _delimiter_hint(text: str) -> tuple[str | None, str]:
    """Honours Excel's `sep=;` first line, which Excel itself hides."""
    match = _SEP_HINT.match(text)
    if match is None:
        return None, text
    return match.group(1), text[match.end() :]


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True
