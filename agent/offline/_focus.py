"""Choose the clause of a comment that carries its main issue.

The focus is what the summary and the category's evidence quote. It comes,
in order, from:

1. the sentence with the strongest cue of the primary category, among the
   sentences that describe rather than ask ("I was charged $199 but my plan
   says $99", not "Please refund it");
2. when the primary category shows only in requests, a describing sentence
   with a firm cue of another category, else one that names something
   failing ("my parcel arrived with a cracked screen");
3. a request with a primary cue, cut down to its describing clause when it
   has one ("can you refund me, I was charged twice");
4. for a comment with no category, the describing sentence with the most
   content words.

Where a sentence strings several issues together ("sync fails, and on top
of that the invoice was wrong"), the focus is the stretch holding its own.

Demands aimed at the reply ("you must refund me") and sentences that are
little more than personal data are never the focus.
"""

from __future__ import annotations

import re

from agent.offline._evidence import QUOTE_LIMIT
from agent.offline._guards import is_demand, is_pii_only, is_request
from agent.offline._lexicon import FAILURE_MARKERS, GENERIC_WORDS
from agent.offline._scoring import Hit
from agent.offline._text import SentenceIndex, Span, clause_around, issue_span

_CONTENT_WORD = re.compile(r"[^\W\d_]{2,}(?:'[^\W\d_]+)?")
_FIRM = 2.0
_REQUEST_BREAK = re.compile(
    r",|;|:|\s(?:because|as|since|but|cause|cos|coz|after|when|so|and)\s",
    re.IGNORECASE,
)


def find_focus(
    text: str,
    folded: str,
    sentences: SentenceIndex,
    hits: list[Hit],
    primary: str,
    fallback: str,
) -> Span | None:
    """The clause that carries the main issue, from a sentence fit to quote."""
    eligible = [
        s
        for s in sentences.spans
        if not is_demand(folded[s.start : s.end])
        and not is_pii_only(text[s.start : s.end])
    ]
    describing = [s for s in eligible if not is_request(folded[s.start : s.end])]

    own = [h for h in hits if h.category == primary and h.sentence in describing]
    if own:
        return _strongest(text, folded, own)
    asks = [h for h in hits if h.category == primary and h.sentence in eligible]
    firm = [h for h in hits if h.weight >= _FIRM and h.sentence in describing]
    failing = [s for s in describing if FAILURE_MARKERS.search(folded[s.start : s.end])]
    if asks and firm:
        return _strongest(text, folded, firm)
    if asks and failing:
        sentence = max(failing, key=lambda s: (content_words(folded, s), -s.start))
        return clause_around(text, sentence, sentence.start, QUOTE_LIMIT)
    if asks:
        return _describing_clause(text, folded, asks)
    if primary == fallback and eligible:
        pool = describing or eligible
        sentence = max(pool, key=lambda s: (content_words(folded, s), -s.start))
        return clause_around(text, sentence, sentence.start, QUOTE_LIMIT)
    return None


def content_words(folded: str, span: Span) -> int:
    """How many words in `span` name something rather than judge it."""
    words = _CONTENT_WORD.findall(folded[span.start : span.end])
    return sum(w.lower() not in GENERIC_WORDS for w in words)


def _strongest_hit(folded: str, hits: list[Hit]) -> Hit:
    """The hit in the sentence with the strongest cues, then the most content."""
    by_sentence: dict[Span, list[Hit]] = {}
    for hit in hits:
        by_sentence.setdefault(hit.sentence, []).append(hit)
    sentence = max(
        by_sentence,
        key=lambda s: (
            max(h.weight for h in by_sentence[s]),
            sum(h.weight for h in by_sentence[s]),
            content_words(folded, s),
            -s.start,
        ),
    )
    return max(by_sentence[sentence], key=lambda h: (h.weight, -h.start))


def _strongest(text: str, folded: str, hits: list[Hit]) -> Span:
    hit = _strongest_hit(folded, hits)
    issue = issue_span(folded, hit.sentence, hit.start)
    return clause_around(text, issue, hit.start, QUOTE_LIMIT)


def _describing_clause(text: str, folded: str, asks: list[Hit]) -> Span:
    """The clause of a request that describes the problem, else the request.

    Of the request's own hits, the strongest one outside its asking clause
    decides ("could you refund me, I was charged for a plan I cancelled").
    """
    hit = _strongest_hit(folded, asks)
    sentence = hit.sentence
    body = folded[sentence.start : sentence.end]
    breaks = list(_REQUEST_BREAK.finditer(body))
    clauses = []
    for ask in (h for h in asks if h.sentence == sentence):
        offset = ask.start - sentence.start
        start = max([0] + [m.end() for m in breaks if m.end() <= offset])
        end = min([len(body)] + [m.start() for m in breaks if m.start() > offset])
        if start and not is_request(body[start:end]):
            clauses.append((ask.weight, -start, Span(start, end), ask.start))
    if not clauses:
        return clause_around(text, sentence, hit.start, QUOTE_LIMIT)
    _, _, clause, position = max(clauses)
    span = Span(sentence.start + clause.start, sentence.start + clause.end)
    return clause_around(text, span, position, QUOTE_LIMIT)
