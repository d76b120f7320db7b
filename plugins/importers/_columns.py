"""Matching an export's columns (or a JSON object's keys) to response fields.

Names are compared case-insensitively with spaces, underscores and
punctuation ignored. A column whose name is a known alias beats one that only
mentions a telling word ("CUSTOMER_RESPONSE_DATE" mentions "response" and
"date"), and the layout's own knowledge (Qualtrics' `_NPS_GROUP` sibling)
beats both. When several columns could hold the score, their values decide.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC

from agent.errors import LayoutError
from plugins.importers._aliases import (
    CUSTOMER_ID,
    LOOSE_RANK,
    alias_rank,
    normalize,
    words,
)
from plugins.importers._dates import DateReader
from plugins.importers._values import is_score

FIELDS = (
    "id",
    "score",
    "comment",
    "email",
    "name",
    "first_name",
    "last_name",
    "date",
    "account",
)

# Fields are claimed in this order, so a broad field (comment) cannot take a
# column a narrow one (email, name) was looking for.
_ORDER = (
    "score", "id", "email", "first_name", "last_name", "name", CUSTOMER_ID,
    "account", "date", "comment",
)  # fmt: skip

_HINT_RANK = -1
_QUESTION_RANK = 200
_SAMPLE = 500
_DATE_SAMPLE = 50
_DATE_PROBE = DateReader(UTC, day_first=True)


@dataclass(frozen=True)
class Column:
    """One column of an export, or one key of a JSON object.

    `labels` are the texts that describe it (name, question text, sub-label);
    `hint` is the field the layout itself says it holds; `zone` is the time
    zone the layout states for its values.
    """

    index: int
    name: str
    labels: tuple[str, ...]
    hint: str | None = None
    zone: str | None = None


def _rank(field: str, column: Column) -> int | None:
    """How well a column fits a field: lower is better, None is no fit."""
    if column.hint == field:
        return _HINT_RANK
    if field == "score" and normalize(column.name).endswith("npsgroup"):
        return None
    ranks = [alias_rank(field, label) for label in column.labels]
    return min((rank for rank in ranks if rank is not None), default=None)


def match_fields(
    columns: Sequence[Column],
    values: Callable[[Column], list[str]],
    mapping: dict[str, str] | None = None,
) -> dict[str, Column]:
    """Chooses the column for each field; `mapping` entries win.

    `values` gives a column's non-blank values, used to pick the score
    column when several names qualify and the fullest comment column.

    Raises:
        LayoutError: a mapping names an unknown field or a missing column.
    """
    chosen = check_mapping(columns, mapping)
    taken = {column.index for column in chosen.values()}

    for field in _ORDER:
        if field in chosen:
            continue
        candidates = [
            (rank, column)
            for column in columns
            if column.index not in taken
            and (rank := _rank(field, column)) is not None
            and _plausible(field, rank, column, values)
        ]
        if field == "comment" and not candidates:
            candidates = [
                (_QUESTION_RANK, column)
                for column in columns
                if column.index not in taken and _free_text_question(column, values)
            ]
        if candidates:
            chosen[field] = _best(field, candidates, values)
            taken.add(chosen[field].index)
    return chosen


def _plausible(
    field: str, rank: int, column: Column, values: Callable[[Column], list[str]]
) -> bool:
    """Whether a column matched only loosely holds the field's kind of values.

    "survey_completed" may be a flag and "NPS_RATING" may hold "Promoter".
    """
    if field not in ("date", "score") or rank != LOOSE_RANK:
        return True
    sample = values(column)[:_DATE_SAMPLE]
    if field == "score":
        return not sample or _mostly_scores(sample)
    readable = sum(_DATE_PROBE.parse(value) is not None for value in sample)
    return not sample or readable * 2 > len(sample)


def _free_text_question(column: Column, values: Callable[[Column], list[str]]) -> bool:
    """An unnamed comment: a question column whose answers are sentences."""
    asked = any("?" in label or len(words(label)) >= 4 for label in column.labels)
    if not asked:
        return False
    found = values(column)
    return _mean_length(found) >= 10 and not _mostly_scores(found)


def _best(
    field: str,
    candidates: list[tuple[int, Column]],
    values: Callable[[Column], list[str]],
) -> Column:
    if field == "score" and len(candidates) > 1:
        return max(candidates, key=lambda c: (_mostly_scores(values(c[1])), -c[0]))[1]
    if field == "comment" and len(candidates) > 1:
        return min(candidates, key=lambda c: (c[0], -_mean_length(values(c[1]))))[1]
    return min(candidates, key=lambda c: c[0])[1]


def _mostly_scores(values: list[str]) -> bool:
    """Whether most of a column's values read as 0-10 scores."""
    sample = values[:_SAMPLE]
    return bool(sample) and sum(map(is_score, sample)) * 2 > len(sample)


def _mean_length(values: list[str]) -> float:
    sample = values[:_SAMPLE]
    return sum(map(len, sample)) / len(sample) if sample else 0.0


def check_mapping(
    columns: Sequence[Column], mapping: dict[str, str] | None
) -> dict[str, Column]:
    """The columns a `--map field=COLUMN` mapping names, by field.

    Raises:
        LayoutError: a mapping names an unknown field or a missing column.
    """
    pairs = list((mapping or {}).items())
    for field, _ in pairs:
        if field not in FIELDS:
            raise LayoutError(
                f"--map names an unknown field {field!r}; "
                f"the fields are: {', '.join(FIELDS)}",
                [column.name for column in columns],
            )
    return {field: find_column(columns, name) for field, name in pairs}


def suggests(field: str, label: str) -> bool:
    """Whether a label (a name or question text) reads like the field."""
    return alias_rank(field, label) is not None


def missing_score(where: str, names: Sequence[str], found: set[str]) -> LayoutError:
    """The error for an export in which no column holds the score."""
    missing = [field for field in FIELDS if field not in found and field != "score"]
    also = f"; also not found: {', '.join(missing)}" if missing else ""
    return LayoutError(
        f"{where}: cannot recognise the layout, no column holds the score. "
        f"Columns found: {describe(names)}. Missing: score{also}. "
        "Name the columns with --map score=COLUMN (and comment=COLUMN, "
        "email=COLUMN, name=COLUMN, date=COLUMN, id=COLUMN as needed).",
        list(names),
    )


def find_column(columns: Sequence[Column], name: str) -> Column:
    """The column a user named, by exact name first, then loosely.

    Raises:
        LayoutError: no column has that name.
    """
    for column in columns:
        if column.name == name:
            return column
    key = normalize(name)
    loose = [c for c in columns if key in {normalize(label) for label in c.labels}]
    if len(loose) == 1:
        return loose[0]

    names = [column.name for column in columns]
    raise LayoutError(
        f"--map names a column {name!r} that is not in the file. "
        f"Columns found: {describe(names)}",
        names,
    )


def describe(names: Sequence[str]) -> str:
    """A readable list of column names for error messages."""
    return ", ".join(repr(name) for name in names) if names else "(none)"
