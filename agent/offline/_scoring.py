"""Score the categories a comment raises from the cues that fire in it.

Each cue that fires is a *hit*. A category's score is the sum of its hits,
where hits that overlap count once at the strongest weight. Two rules keep
words that merely mention something from steering the result:

- a cue short of naming a problem outright (below 3) counts a third in a
  clause that praises and complains of nothing ("the engineer was lovely",
  "installation was fine");
- a topic mention (2 or below) counts a third in the same stretch of a
  sentence as a bug cue of 2.5 or more, up to an "also", "plus" or "on top
  of that", since it only names the thing that failed ("the app closes when
  I open an invoice" is a bug, not billing; "order search misses..." is a
  bug, not ordering). A delay or a wait does not make a topic yield: "a 6
  hour wait for customer service" is still about support.

A category is *secondary* when it is not the primary and, counting only its
hits that do not overlap the primary's (the same words read two ways),
scores at least 2 and either has a hit of 2.5 or more or scores 3 from
separate mentions: a real second problem rather than a passing word.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from agent.offline._lexicon import CATEGORY_CUES, INTL_CUES, TOPIC_WEIGHT
from agent.offline._text import (
    SentenceIndex,
    Span,
    issue_span,
    negated,
    positive_clause,
)

MIN_SCORE = 1.0
_SECONDARY_SCORE = 2.0
_STRONG = 2.5
_OUTRIGHT = 3.0
_SEPARATE_MENTIONS = 3.0
_DAMPED = 0.3
_FAULT = "product_bug"


@dataclass(frozen=True, slots=True)
class Hit:
    """One cue that fired: its category, where, how strongly, in which sentence."""

    category: str
    start: int
    end: int
    weight: float
    sentence: Span


def category_hits(
    folded: str, sentences: SentenceIndex, language: str, allowed: tuple[str, ...]
) -> list[Hit]:
    """Every category cue that fires in the readable sentences, weighed."""
    cues = CATEGORY_CUES + INTL_CUES.get(language, ())
    hits: list[Hit] = []
    for cue in cues:
        # Most cues never fire; one plain search is far cheaper than the
        # boundary-checked generator below.
        if cue.label not in allowed or not cue.regex.search(folded):
            continue
        for match, sentence in sentences.matches(cue.finditer(folded)):
            start = match.start()
            if cue.negatable and negated(folded, start):
                continue
            weight = cue.weight
            if weight < _OUTRIGHT and positive_clause(folded, sentence, start):
                weight *= _DAMPED
            hits.append(Hit(cue.label, start, match.end(), weight, sentence))
    return _yield_to_faults(folded, hits)


def _yield_to_faults(folded: str, hits: list[Hit]) -> list[Hit]:
    """Damp the topic mentions that only name the thing a fault happened to."""
    faults = [
        issue_span(folded, h.sentence, h.start)
        for h in hits
        if h.category == _FAULT and h.weight >= _STRONG
    ]
    if not faults:
        return hits
    return [
        replace(hit, weight=hit.weight * _DAMPED)
        if hit.weight <= TOPIC_WEIGHT
        and hit.category != _FAULT
        and any(clause.contains(hit.start) for clause in faults)
        else hit
        for hit in hits
    ]


def rank(hits: list[Hit]) -> list[tuple[str, float]]:
    """Categories by score, strongest first; overlapping cues count once."""
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    for category in dict.fromkeys(hit.category for hit in hits):
        own = sorted((h for h in hits if h.category == category), key=lambda h: h.start)
        total, group_end, group_best = 0.0, -1, 0.0
        for hit in own:
            if hit.start < group_end:
                group_best = max(group_best, hit.weight)
                group_end = max(group_end, hit.end)
                continue
            total += group_best
            group_end, group_best = hit.end, hit.weight
        scores[category] = total + group_best
        first[category] = own[0].start
    ranked = sorted(scores, key=lambda c: (-scores[c], first[c]))
    return [(c, scores[c]) for c in ranked if scores[c] >= MIN_SCORE]


def secondary(
    ranked: list[tuple[str, float]], hits: list[Hit], primary: str
) -> list[str]:
    """Every other category the comment raises as a problem of its own."""
    taken = [h for h in hits if h.category == primary]
    own = [
        h
        for h in hits
        if h.category != primary
        and not any(h.start < t.end and t.start < h.end for t in taken)
    ]
    scores = dict(rank(own))
    strongest: dict[str, float] = {}
    for hit in own:
        strongest[hit.category] = max(hit.weight, strongest.get(hit.category, 0.0))
    return [
        category
        for category, _ in ranked
        if scores.get(category, 0.0) >= _SECONDARY_SCORE
        and (strongest[category] >= _STRONG or scores[category] >= _SEPARATE_MENTIONS)
    ]


def best_hit(hits: list[Hit], category: str) -> Hit | None:
    """The strongest hit of `category`, the earliest among equals."""
    own = [h for h in hits if h.category == category]
    return max(own, key=lambda h: (h.weight, -h.start)) if own else None
