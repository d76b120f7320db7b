"""Text plumbing for the offline analysis: sentences, clauses and negation.

Every position here indexes the original comment, so any quote cut with a
span is a verbatim substring of what the customer wrote. Matching runs on a
"folded" copy of the same length (lower case, curly quotes made straight,
U+FFFD read as an apostrophe), which keeps the positions valid.

Sentences end at the usual punctuation, line breaks, dashes and semicolons,
and before each item of an inline list ("1) sync fails 2) reminders...",
"• one • two"), so each listed problem is read on its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

MAX_CUE_CHARS = 4000
"""Only this much of a comment is read for cues; longer text is rarely new."""

_FOLD = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u00b4": "'",
        "`": "'",
        "\ufffd": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u2013": "-",
        "\u2014": "-",
    }
)

_SENTENCE_END = re.compile(
    r"[.!?\u2026]+[\"')\]]*(?=\s|$)|\n+|\s[-\u2013\u2014]+\s"
    r"|(?<!&amp)(?<!&lt)(?<!&gt)(?<!&quot)(?<!&#39)(?<!&nbsp);+"
)
_LIST_ITEM = re.compile(r"\s(?=\(?\d{1,2}\)\s*\w|[\u2022\u25aa\u25e6\u2023]\s*\w)")
_NUMBERED = re.compile(r"(?:^|\s)\(?1[.)]\s*\w.*\s\(?2[.)]\s*\w", re.DOTALL)
_NUMBERED_ITEM = re.compile(r"\s(?=\(?\d{1,2}[.)]\s*[^\W\d_])")
_CLAUSE_BREAK = re.compile(
    r",|:|\s(?:but|however|although|though|whereas|and then|so|also|plus|"
    r"(?:and )?on top of (?:that|this|it)|not to mention|besides|apart from that|"
    r"as well as|another thing is)\s",
    re.IGNORECASE,
)
NOT = (
    r"(?:not|never|cannot|(?:do|does|did|is|was|are|were|wo|ca|could|would|should|"
    r"have|has|had|ai|must|need)(?:n't|nt))"
)
"""A regex for a negating word, apostrophe or not ("doesn't", "doesnt")."""

_NEGATOR = re.compile(
    rf"(?:\b(?:no|nothing|none|without|hardly|barely|nor|zero)|\b{NOT})"
    r"\s+(?:[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)
_ISSUE_BREAK = re.compile(
    r"(?:,\s*|\s)(?:and\s+|but\s+)?(?:on top of (?:that|this|it)|not to mention|"
    r"apart from that|another thing|and then there's)[\s,]"
    r"|(?:[,:]\s*|\s(?:and|but)\s+)(?:also|plus|adem[aá]s|au[sß]erdem|aussi|"
    r"inoltre|ook|tamb[eé]m)[\s,]",
    re.IGNORECASE,
)
_PERSON = re.compile(
    r"\b(?:support|agents?|staff|they|you|u|nobody|no one|no-one|company|team|reps?|"
    r"representatives?|anyone|anybody|someone|somebody|engineers?|technicians?|"
    r"advis[oe]rs?|managers?|he|she|customer service|help ?desk|operators?|"
    r"people|crew|drivers?|courier|doctors?|receptionists?|nurses?|sales|"
    r"employees?|workers?|person|guy|lady|man|woman|airline|bank|store|shop|"
    r"provider|insurer|clinic|practice|carrier|business)\b(?:\s+[\w'-]+){0,2}\s*$"
)
_POSITIVE = re.compile(
    r"(?<!be )(?<!been )(?<![\"'])\b(?:excellent|great|good|helpful|friendly|lovely|"
    r"brilliant|fantastic|amazing|superb|quick|efficient|polite|nice|perfect|"
    r"pleasant|best|fine)\b(?![\"'])(?! (?:to know|time to|if|luck))",
    re.IGNORECASE,
)
"""Praise, but not praise in quotes or a wish ("would be nice if")."""
_NEGATIVE_MARK = re.compile(
    r"\b(?:not|no|never|poor|bad|terrible|awful|horrible|rude|slow|worst|useless|"
    r"rubbish|unhelpful|shocking|appalling)\b|n't",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of character positions in the original comment."""

    start: int
    end: int

    def contains(self, position: int) -> bool:
        return self.start <= position < self.end


class SentenceIndex:
    """The readable sentences of a comment, searchable by position."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans
        self._starts = [span.start for span in spans]

    def at(self, position: int) -> Span | None:
        """The sentence holding `position`, if it is a readable one."""
        index = bisect_right(self._starts, position) - 1
        if index >= 0 and self.spans[index].contains(position):
            return self.spans[index]
        return None

    def matches(
        self, matches: Iterable[re.Match[str]]
    ) -> Iterator[tuple[re.Match[str], Span]]:
        """The `matches` that lie wholly inside one readable sentence."""
        for match in matches:
            sentence = self.at(match.start())
            if sentence is not None and match.end() <= sentence.end:
                yield match, sentence


def fold(text: str) -> str:
    """A lower-case, same-length copy of `text` that cues can match directly."""
    folded = text.translate(_FOLD)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in folded)


def sentence_spans(text: str) -> list[Span]:
    """Split `text` into sentence spans, trimmed of surrounding whitespace."""
    items = _NUMBERED_ITEM if _NUMBERED.search(text) else _LIST_ITEM
    ends = {m.end() for m in _SENTENCE_END.finditer(text)}
    ends |= {m.start() for m in items.finditer(text)}
    spans: list[Span] = []
    start = 0
    for end in sorted(ends):
        _append_trimmed(spans, text, start, end)
        start = end
    _append_trimmed(spans, text, start, len(text))
    return spans


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if any(ch.isalnum() for ch in text[start:end]):
        spans.append(Span(start, end))


def clause_around(text: str, sentence: Span, position: int, limit: int) -> Span:
    """The clause of `sentence` holding `position`, grown to at most `limit`."""
    if sentence.end - sentence.start <= limit:
        return sentence

    cuts = [sentence.start]
    body = text[sentence.start : sentence.end]
    cuts += [sentence.start + m.start() for m in _CLAUSE_BREAK.finditer(body)]
    cuts.append(sentence.end)
    index = max(i for i, cut in enumerate(cuts[:-1]) if cut <= position)
    start, end = cuts[index], cuts[index + 1]
    while index + 2 < len(cuts) and cuts[index + 2] - start <= limit:
        index += 1
        end = cuts[index + 1]

    if end - start > limit:
        start = max(start, position - limit // 4)
        end = start + limit
    return _word_trim(text, start, min(end, sentence.end))


def _word_trim(text: str, start: int, end: int) -> Span:
    """Shrink a window so it neither starts nor ends in the middle of a word."""
    first, last = start, end
    if first > 0 and text[first - 1].isalnum():
        while first < last and text[first].isalnum():
            first += 1
    if last < len(text) and text[last].isalnum():
        while last > first and text[last - 1].isalnum():
            last -= 1
    while first < last and not text[first].isalnum():
        first += 1
    while last > first and text[last - 1] in " ,:;-\u2013\u2014":
        last -= 1
    return Span(first, last) if last > first else Span(start, end)


def negated(folded: str, position: int) -> bool:
    """True when a negation word sits just before `position` in its clause."""
    window = folded[max(0, position - 40) : position]
    for mark in ",;.!?":
        window = window.rsplit(mark, 1)[-1]
    return bool(_NEGATOR.search(window))


def person_subject(folded: str, position: int) -> bool:
    """True when a person ("support", "the engineer", "they") acts just before."""
    window = folded[max(0, position - 40) : position]
    for mark in ",;.!?":
        window = window.rsplit(mark, 1)[-1]
    return bool(_PERSON.search(window))


def clause_span(folded: str, sentence: Span, position: int) -> Span:
    """The clause of `sentence` that holds `position`."""
    body = folded[sentence.start : sentence.end]
    offset = position - sentence.start
    cuts = [0, *(m.start() for m in _CLAUSE_BREAK.finditer(body)), len(body)]
    start = max(cut for cut in cuts if cut <= offset)
    end = min((cut for cut in cuts if cut > offset), default=len(body))
    return Span(sentence.start + start, sentence.start + end)


def issue_span(folded: str, sentence: Span, position: int) -> Span:
    """The part of `sentence` holding `position` that raises one issue.

    Unlike a clause, it runs across commas and contrasts ("the app closes,
    when I open an invoice") and stops only where the customer adds another
    issue ("also", "plus", "on top of that").
    """
    body = folded[sentence.start : sentence.end]
    offset = position - sentence.start
    breaks = list(_ISSUE_BREAK.finditer(body))
    start = max([0] + [m.end() for m in breaks if m.end() <= offset])
    end = min([len(body)] + [m.start() for m in breaks if m.start() > offset])
    return Span(sentence.start + start, sentence.start + end)


def positive_clause(folded: str, sentence: Span, position: int) -> bool:
    """True when the clause around `position` praises and complains of nothing."""
    clause = clause_span(folded, sentence, position)
    text = folded[clause.start : clause.end]
    return bool(_POSITIVE.search(text)) and not _NEGATIVE_MARK.search(text)


def blank(folded: str, spans: list[Span]) -> str:
    """`folded` with the given spans replaced by spaces, keeping its length."""
    for span in spans:
        width = span.end - span.start
        folded = folded[: span.start] + " " * width + folded[span.end :]
    return folded
