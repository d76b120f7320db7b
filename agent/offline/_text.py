"""Text plumbing for the offline analysis: spans, negation, guards.

Every position here indexes the original comment, so any quote cut with a
span is a verbatim substring of what the customer wrote. Matching runs on a
"folded" copy of the same length (lower case, curly quotes made straight,
U+FFFD read as an apostrophe), which keeps the positions valid.
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
_CLAUSE_BREAK = re.compile(
    r",|:|\s(?:but|however|although|though|whereas|and then|so)\s", re.IGNORECASE
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
_POSITIVE = re.compile(
    r"\b(?:excellent|great|good|helpful|friendly|lovely|brilliant|fantastic|"
    r"amazing|superb|quick|efficient|polite|nice|perfect|pleasant|best|fine)\b",
    re.IGNORECASE,
)
_NEGATIVE_MARK = re.compile(
    r"\b(?:not|no|never|poor|bad|terrible|awful|horrible|rude|slow|worst|useless|"
    r"rubbish|unhelpful|shocking|appalling)\b|n't",
    re.IGNORECASE,
)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w/])\+?\d[\d ()-]{7,}\d(?![\w/])")
_CARD_OR_ACCOUNT = re.compile(r"\b(?:\d[ -]?){12,19}\b")
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_POSTCODE = re.compile(r"\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b", re.IGNORECASE)
_STREET = re.compile(
    r"\b\d{1,4}\s+(?:[a-z]+\s+){1,3}(?:road|rd|street|st|avenue|ave|lane|close|"
    r"drive|way|crescent|court|place|terrace|grove|gardens)\b",
    re.IGNORECASE,
)
_PII = (
    (_EMAIL, "[email]"),
    (_URL, "[link]"),
    (_CARD_OR_ACCOUNT, "[number]"),
    (_STREET, "[address]"),
    (_POSTCODE, "[postcode]"),
    (_PHONE, "[phone]"),
)
_PII_FILLER = re.compile(
    r"\b(?:my|me|on|at|is|number|no|phone|mobile|tel|email|e-mail|call|ring|"
    r"contact|reach|address|account|ref|reference|details?|please|pls|plz|"
    r"or|and|the|you|can|i|am|it's|its|here|mail)\b",
    re.IGNORECASE,
)

_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+)?"
    r"(?:previous|prior|above|earlier|preceding|system|original)?\s*"
    r"(?:instructions?|prompts?|rules|guidelines)"
    r"|\b(?:system|developer)\s+(?:prompt|message|instructions?)"
    r"|\byou\s+are\s+(?:now\s+)?(?:an?\s+)?(?:ai|assistant|bot|language model|gpt)"
    r"|\bas\s+an\s+ai\b|\bnew\s+instructions?\b|\bjailbreak"
    r"|\bpretend\s+(?:to\s+be|you\s+are)"
    r"|\b(?:write|reply|respond|answer)\s+back\s+(?:to\s+me\s+)?(?:that|saying)\b"
    r"|\bin\s+your\s+(?:reply|response|answer|email)\s*,?\s+(?:say|promise|"
    r"include|confirm|tell)"
    r"|\b(?:repeat|print|output|reveal|show)\s+(?:me\s+)?(?:your|the)\s+"
    r"(?:prompt|instructions)"
    r"|<\|?\s*(?:system|im_start|assistant)|\[/?inst\]"
    r"|\b(?:classify|categori[sz]e|label|route|tag|mark)\s+(?:this|it|me)\s+"
    r"(?:as|to)\s+(?:an?\s+)?(?:p[1-4]\b|priority|urgent|[a-z]+_[a-z]+|pricing|"
    r"billing|other|fundamental|fixable|promoter)",
    re.IGNORECASE,
)
_DEMAND = re.compile(
    r"\byou\s+(?:must|have\s+to|will|shall|need\s+to|are\s+required\s+to)\s+"
    r"(?:now\s+|immediately\s+)?(?:give|refund|send|pay|credit|approve|promise|"
    r"offer|reply|respond|write|include|grant|compensate)"
    r"|\bi\s+(?:demand|insist)\b",
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
    spans: list[Span] = []
    start = 0
    for boundary in _SENTENCE_END.finditer(text):
        _append_trimmed(spans, text, start, boundary.end())
        start = boundary.end()
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


def positive_clause(folded: str, sentence: Span, position: int) -> bool:
    """True when the clause around `position` praises and complains of nothing."""
    body = folded[sentence.start : sentence.end]
    offset = position - sentence.start
    cuts = [0, *(m.start() for m in _CLAUSE_BREAK.finditer(body)), len(body)]
    start = max(cut for cut in cuts if cut <= offset)
    end = min((cut for cut in cuts if cut > offset), default=len(body))
    clause = body[start:end]
    return bool(_POSITIVE.search(clause)) and not _NEGATIVE_MARK.search(clause)


def blank(folded: str, spans: list[Span]) -> str:
    """`folded` with the given spans replaced by spaces, keeping its length."""
    for span in spans:
        width = span.end - span.start
        folded = folded[: span.start] + " " * width + folded[span.end :]
    return folded


def is_injection(text: str) -> bool:
    """True for text that tries to instruct the system rather than give feedback."""
    return bool(_INJECTION.search(text))


def is_demand(text: str) -> bool:
    """True for a sentence that orders the reply to say or grant something."""
    return bool(_DEMAND.search(text))


def has_pii(text: str) -> bool:
    """True when the text carries contact details, an address or an account number."""
    return any(pattern.search(text) for pattern, _ in _PII)


def is_pii_only(text: str) -> bool:
    """True when the text is personal data with little else around it."""
    if not has_pii(text):
        return False
    rest = mask_pii(text)
    rest = re.sub(r"\[(?:email|phone|number|link|address|postcode)\]", " ", rest)
    rest = _PII_FILLER.sub(" ", rest)
    return len(re.findall(r"[^\W\d_]{2,}", rest)) < 3


def mask_pii(text: str) -> str:
    """Replace emails, links, account numbers, addresses and phones with tags."""
    for pattern, tag in _PII:
        text = pattern.sub(tag, text)
    return text
