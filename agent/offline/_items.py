"""The items of a comment written as a list of problems.

"Three problems: 1. Calendar sync fails. 2. Reminder texts go out at 3am.
3. Nobody answers the chat." lists three problems; each item is one. A list
is numbered ("1.", "2)", "(3)") or bulleted ("-", "*", "•") at the start of
its lines, or numbered in a row inside one line ("1) ... 2) ..."). A header
before the first item ("Three problems:") is no item.
"""

from __future__ import annotations

import re

from agent.offline._text import Span

_LINE_MARK = re.compile(
    r"^[ \t]*(?:\(?\d{1,2}[.)]|[-*\u2022\u25aa\u25e6\u2023])[ \t]+(?=\S)", re.MULTILINE
)
_INLINE_NUMBER = re.compile(r"(?:^|(?<=\s))\(?(\d{1,2})[.)]\s+(?=[^\W\d_])")
_INLINE_BULLET = re.compile(r"[\u2022\u25aa\u25e6\u2023]\s*(?=\S)")
_MIN_ITEMS = 2


def list_items(text: str) -> list[Span]:
    """The items of `text` if it lists problems, in order; otherwise none."""
    for marks in (
        list(_LINE_MARK.finditer(text)),
        _counted(text),
        list(_INLINE_BULLET.finditer(text)),
    ):
        if len(marks) >= _MIN_ITEMS:
            return _spans(text, marks)
    return []


def _counted(text: str) -> list[re.Match[str]]:
    """Inline numbers that count up from 1: "1) ... 2) ... 3) ..."."""
    found: list[re.Match[str]] = []
    for match in _INLINE_NUMBER.finditer(text):
        if int(match[1]) == len(found) + 1:
            found.append(match)
    return found


def _spans(text: str, marks: list[re.Match[str]]) -> list[Span]:
    ends = [mark.start() for mark in marks[1:]] + [len(text)]
    spans = []
    for mark, end in zip(marks, ends, strict=True):
        start = mark.end()
        while end > start and text[end - 1] in " \t\r\n":
            end -= 1
        if any(ch.isalpha() for ch in text[start:end]):
            spans.append(Span(start, end))
    return spans if len(spans) >= _MIN_ITEMS else []
