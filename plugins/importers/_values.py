"""Reading one cell: scores, response ids, comments, emails and names.

Each reader either returns a clean value or raises `RowProblem` whose message
is the sentence shown to the user for that row, naming the value.
"""

from __future__ import annotations

import hashlib
import html
import json
import re

import ftfy

COMMENT_LIMIT = 20_000

_SCORE = re.compile(
    r"""^(?P<number>[+-]?\d+(?:[.,]\d+)?)
    \s*(?:(?:/|out\s+of)\s*10)?                  # "7/10", "10 out of 10"
    (?:\s*[-–—:=(]\s*[^\d\s].*)?$                # "10 - Extremely likely"
    """,
    re.IGNORECASE | re.VERBOSE,
)
# The scale's end labels, which some exports write instead of the number.
_ANCHORS = {"not at all likely": 0, "not likely at all": 0, "extremely likely": 10}
_MONTH = r"(?:jan|feb|m[aä]r|mrz|apr|ma[iy]|jun|jul|aug|sept?|o[ck]t|nov|de[cz])[a-z]*"
_EXCEL_DATE = re.compile(
    rf"""^(?:\d{{1,2}}[-/\s]{_MONTH}(?:[-/\s]\d{{2,4}})?   # 07-Oct, 7-Oct-25
    |{_MONTH}[-/\s]\d{{1,4}}                              # Oct-07
    |\d{{4}}-\d{{1,2}}-\d{{1,2}}(?:[T\s].*)?              # 2025-10-07
    |\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}(?:\s.*)?)$       # 10/7/2025
    """,
    re.IGNORECASE | re.VERBOSE,
)
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d+)?e[+-]?\d+$", re.IGNORECASE)
_ENTITY = re.compile(
    r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.IGNORECASE
)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_NEWLINES = re.compile(r"\r\n|[\r\u2028\u2029]")
_EMAIL = re.compile(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;.]+")
_SPACES = re.compile(r"\s+")
# Excel's guard against formula injection: a quote before a leading = + - @.
_FORMULA_GUARD = re.compile(r"^'(?=[=+\-@])")
# Only undo encoding damage (UTF-8 read as Windows-1252 and saved again, as
# Excel does); quotes, widths and ligatures stay as the customer typed them.
_MOJIBAKE = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    fix_line_breaks=False,
    normalization=None,
    explain=False,
)


class RowProblem(ValueError):
    """A value that makes one row unusable; the message says which and why."""


def text(value: object) -> str:
    """A raw cell or JSON value as trimmed text ("" for nothing)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(_scalar(item) for item in value):
        return ", ".join(text(item) for item in value if text(item))
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False) if value else ""
    return str(value).strip()


def _scalar(value: object) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _shown(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:40] + "...")


def parse_score(value: object) -> int:
    """Reads a 0-10 score from an int, a float or text such as "7/10".

    Raises:
        RowProblem: the score is blank, not a number, fractional, out of
            range, or a date that Excel made out of a score.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        shown, number = text(value), float(value)
    else:
        shown = text(value)
        if not shown:
            raise RowProblem("score is blank")
        if _EXCEL_DATE.match(shown):
            raise RowProblem(
                f"score {_shown(shown)} is a date, probably made by Excel from "
                "a score; the original score is lost"
            )
        match = _SCORE.match(shown)
        anchor = _ANCHORS.get(" ".join(shown.casefold().split()))
        if match is None and anchor is None:
            raise RowProblem(f"score {_shown(shown)} is not a number from 0 to 10")
        number = float(match.group("number").replace(",", ".") if match else anchor)

    if not number.is_integer():
        raise RowProblem(f"score {_shown(shown)} is not a whole number")
    if not 0 <= number <= 10:
        raise RowProblem(f"score {_shown(shown)} is out of range 0-10")
    return int(number)


def is_score(value: object) -> bool:
    """Whether a value reads as a valid 0-10 score."""
    try:
        parse_score(value)
    except RowProblem:
        return False
    return True


def parse_id(value: object) -> str | None:
    """The response id at the source, or None when there is none to trust.

    Excel rewrites long numeric ids as `5.70306E+17`, which many rows then
    share; such an id identifies nothing, so it is treated as missing.
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    raw = text(value)
    if not raw or _SCIENTIFIC.match(raw):
        return None
    return raw


def clean_comment(value: object) -> str:
    """The comment as the customer meant it.

    HTML entities are decoded, newlines unified, text that Excel double-encoded
    ("canâ€™t") repaired and Excel's formula guard quote removed.

    Raises:
        RowProblem: the comment is longer than 20,000 characters.
    """
    raw = value if isinstance(value, str) else text(value)
    comment = _NEWLINES.sub("\n", raw)
    comment = _BREAK.sub("\n", comment)
    comment = repair(unescape(comment)).strip()
    comment = _FORMULA_GUARD.sub("", comment)

    if len(comment) > COMMENT_LIMIT:
        raise RowProblem(
            f"comment is {len(comment):,} characters; the limit is {COMMENT_LIMIT:,}"
        )
    return comment


def unescape(value: str) -> str:
    """Decodes HTML entities that web survey tools write into exports.

    Only `;`-terminated entities are decoded: "T&C" or "&nothing" stay as typed.
    """
    return _ENTITY.sub(lambda match: html.unescape(match.group(0)), value)


def repair(value: str) -> str:
    """Undoes mojibake: UTF-8 text that was decoded as Windows-1252 and saved."""
    return ftfy.fix_text(value, _MOJIBAKE)


def parse_email(value: object) -> tuple[str | None, str | None]:
    """Splits a value into (email, rejected text); at most one is set."""
    raw = text(value)
    if not raw:
        return None, None

    bracketed = re.search(r"<([^<>]+)>", raw)
    candidate = bracketed.group(1) if bracketed else raw
    candidate = candidate.strip().removeprefix("mailto:").lower()
    if _EMAIL.fullmatch(candidate):
        return candidate, None
    return None, raw


def full_name(name: object, first: object, last: object) -> str | None:
    """The respondent's name, from a name column or first and last names."""
    whole = text(name) or " ".join(p for p in (text(first), text(last)) if p)
    return _SPACES.sub(" ", repair(unescape(whole))).strip() or None


def content_id(email: str, date: str, score: int, comment: str) -> str:
    """A stable id for a row that has none: the same answer gets the same id."""
    parts = (email.strip().lower(), date, str(score), comment)
    normal = "\x1f".join(_SPACES.sub(" ", part).strip() for part in parts)
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]
