"""Fixtures that write export files into a temporary folder."""

from __future__ import annotations

import csv
import io
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

WriteExport = Callable[..., Path]


@pytest.fixture
def write_export(tmp_path: Path) -> WriteExport:
    """Writes an export file and returns its path.

    Text is dedented and encoded (UTF-8 unless told otherwise); bytes are
    written as they are.
    """

    def write(
        content: str | bytes, name: str = "export.csv", encoding: str = "utf-8"
    ) -> Path:
        path = tmp_path / name
        if isinstance(content, str):
            content = textwrap.dedent(content).lstrip("\n").encode(encoding)
        path.write_bytes(content)
        return path

    return write


WriteRows = Callable[..., Path]


@pytest.fixture
def write_rows(write_export: WriteExport) -> WriteRows:
    """Writes rows as CSV (quoted where needed) and returns the path."""

    def write(
        rows: list[list[str]],
        name: str = "export.csv",
        delimiter: str = ",",
        encoding: str = "utf-8",
    ) -> Path:
        buffer = io.StringIO(newline="")
        csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
        return write_export(buffer.getvalue().encode(encoding), name)

    return write
