"""The offline analysis: read a detractor's comment with cue lexicons.

`analyze` is pure and deterministic and needs no network. It reads at most
the first 4,000 characters for cues; every evidence quote is still a verbatim
substring of the full comment.

Sentences that try to instruct the system ("ignore previous instructions",
"write back that...") are blanked before any cue is read, so they can steer
neither the labels nor the summary; a sentence that only demands something
("you must refund me") or only holds personal data still counts for the
labels but is never the summary.

A comment is *vague* when it names no specific problem: it is empty, holds
only punctuation, emoji or numbers (or only instructions to the system), says
it is too early to tell or points elsewhere ("see my notes"), or no category
cue fires and, once judgement words ("bad", "poor", "terrible service",
"meh", "could be better") and function words are set aside, fewer than four
words are left. A comment in a language without a cue lexicon is only vague
when it has no letters, since the cues cannot judge it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from agent.models import Analysis, Evidence, NpsResponse
from agent.offline._areas import product_area
from agent.offline._cues_intl import STOPWORDS
from agent.offline._emotion import read_emotion
from agent.offline._evidence import QUOTE_LIMIT, Quoter
from agent.offline._kind import read_kind
from agent.offline._language import detect_language
from agent.offline._lexicon import (
    CATEGORY_CUES,
    GENERIC_WORDS,
    INTL_CUES,
    TOPIC_WEIGHT,
    VAGUE_MARKERS,
)
from agent.offline._summary import clean_summary, find_resolution
from agent.offline._text import (
    MAX_CUE_CHARS,
    SentenceIndex,
    Span,
    blank,
    clause_around,
    fold,
    is_demand,
    is_injection,
    is_pii_only,
    negated,
    positive_clause,
    sentence_spans,
)

__all__ = ["DEFAULT_CATEGORIES", "VAGUE_SUMMARY", "analyze"]

DEFAULT_CATEGORIES = (
    "product_bug",
    "performance",
    "usability",
    "missing_feature",
    "pricing",
    "support_experience",
    "onboarding",
    "relationship",
    "other",
)
VAGUE_SUMMARY = "no specific issue given"

_FAILURES = frozenset(
    {"product_bug", "performance", "pricing", "support_experience", "onboarding"}
)
_MIN_SCORE = 1.0
_SECONDARY_SCORE = 2.0
_MAX_SECONDARY = 3
_KNOWN_LANGUAGES = frozenset(STOPWORDS)
_ALL_STOPWORDS = frozenset().union(*STOPWORDS.values())
_CONTENT_WORD = re.compile(r"[^\W\d_]{2,}(?:'[^\W\d_]+)?")


@dataclass(frozen=True, slots=True)
class _Hit:
    category: str
    start: int
    end: int
    weight: float
    sentence: Span


def analyze(response: NpsResponse, categories: Iterable[str] | None = None) -> Analysis:
    """Read one detractor's comment and say what went wrong and how they feel.

    Args:
        response: The survey answer; its comment, score and properties are read.
        categories: The configured taxonomy. No category outside it is ever
            returned; when nothing fits the result is "other", or the last
            configured category when "other" is not among them.
    """
    allowed = tuple(categories) if categories is not None else DEFAULT_CATEGORIES
    fallback = "other" if "other" in allowed or not allowed else allowed[-1]
    text = response.comment[:MAX_CUE_CHARS]
    folded = fold(text)
    spans = sentence_spans(text)
    injected = [s for s in spans if is_injection(folded[s.start : s.end])]
    language = detect_language(folded)
    folded = blank(folded, injected)
    sentences = SentenceIndex([s for s in spans if s not in injected])

    hits = _category_hits(folded, sentences, language, allowed)
    ranked = _rank(hits)
    vague = _is_vague(folded, ranked, language)
    primary = ranked[0][0] if ranked and not vague else fallback
    secondary = [c for c, score in ranked if score >= _SECONDARY_SCORE]
    secondary = [c for c in secondary if c != primary][:_MAX_SECONDARY]
    primary_hit = _best_hit(hits, primary)
    focus = None if vague else _focus(text, folded, sentences, hits, primary, fallback)
    anchor = primary_hit.start if primary_hit else None
    area = product_area(folded, focus, anchor, primary, response.properties)
    kind = read_kind(folded, sentences, primary)
    emotion = read_emotion(
        text,
        folded,
        response.score,
        language,
        failure=primary in _FAILURES,
        leaving=kind.leaving,
    )
    resolution = find_resolution(text, folded, sentences.spans)

    quote = Quoter(text, sentences, focus)
    quotes = {f"category:{primary}": quote.span(focus) or quote.at(anchor)}
    for category in secondary:
        hit = _best_hit(hits, category)
        quotes[f"category:{category}"] = quote.at(hit.start if hit else None)
    quotes[f"emotion:{emotion.emotion}"] = quote.at(emotion.position)
    quotes[f"kind:{kind.kind}"] = quote.at(kind.position)
    if resolution:
        quotes["suggested_resolution"] = quote.span(resolution[0])
    if kind.leaving is not None:
        quotes["intends_to_leave"] = quote.at(kind.leaving)
    evidence = [
        Evidence(label=label, quote=found)
        for label, cue_quote in quotes.items()
        if (found := cue_quote or quote.fallback())
    ]

    return Analysis(
        issue_summary=_summary(text, focus, vague, primary, area),
        category=primary,
        secondary_categories=secondary,
        product_area=area,
        emotion=emotion.emotion,
        emotion_intensity=emotion.intensity,
        suggested_resolution=resolution[1] if resolution else None,
        kind=kind.kind,
        language=language,
        evidence=evidence,
        is_vague=vague,
        intends_to_leave=kind.leaving is not None,
        reasoner="offline",
    )


def _category_hits(
    folded: str, sentences: SentenceIndex, language: str, allowed: tuple[str, ...]
) -> list[_Hit]:
    """Every category cue that fires in the readable sentences."""
    cues = CATEGORY_CUES + INTL_CUES.get(language, ())
    hits: list[_Hit] = []
    for cue in cues:
        if cue.label not in allowed:
            continue
        for match, sentence in sentences.matches(cue.finditer(folded)):
            start = match.start()
            if cue.negatable and negated(folded, start):
                continue
            weight = cue.weight
            if weight <= TOPIC_WEIGHT and positive_clause(folded, sentence, start):
                weight *= 0.3
            hits.append(_Hit(cue.label, start, match.end(), weight, sentence))
    return hits


def _rank(hits: list[_Hit]) -> list[tuple[str, float]]:
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
    return [(c, scores[c]) for c in ranked if scores[c] >= _MIN_SCORE]


def _is_vague(folded: str, ranked: list[tuple[str, float]], language: str) -> bool:
    """Apply the vagueness rule in the module docstring."""
    if not any(ch.isalpha() for ch in folded):
        return True
    if ranked:
        return False
    if VAGUE_MARKERS.search(folded):
        return True
    if language not in _KNOWN_LANGUAGES:
        return False
    words = (w.lower() for w in _CONTENT_WORD.findall(folded))
    content = [w for w in words if w not in GENERIC_WORDS and w not in _ALL_STOPWORDS]
    return len(content) < 4


def _focus(
    text: str,
    folded: str,
    sentences: SentenceIndex,
    hits: list[_Hit],
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
    own = [h for h in hits if h.category == primary and h.sentence in eligible]
    if own:
        by_sentence: dict[Span, list[_Hit]] = {}
        for hit in own:
            by_sentence.setdefault(hit.sentence, []).append(hit)
        sentence = max(
            by_sentence,
            key=lambda s: (
                max(h.weight for h in by_sentence[s]),
                sum(h.weight for h in by_sentence[s]),
                _content_words(folded, s),
                -s.start,
            ),
        )
        strongest = max(by_sentence[sentence], key=lambda h: (h.weight, -h.start))
        return clause_around(text, sentence, strongest.start, QUOTE_LIMIT)
    if primary == fallback and eligible:
        sentence = max(eligible, key=lambda s: (_content_words(folded, s), -s.start))
        return clause_around(text, sentence, sentence.start, QUOTE_LIMIT)
    return None


def _content_words(folded: str, span: Span) -> int:
    words = _CONTENT_WORD.findall(folded[span.start : span.end])
    return sum(w.lower() not in GENERIC_WORDS for w in words)


def _summary(
    text: str, focus: Span | None, vague: bool, category: str, area: str
) -> str:
    if vague:
        return VAGUE_SUMMARY
    summary = ""
    if focus:
        opens = not text[: focus.start].strip()
        summary = clean_summary(text[focus.start : focus.end], opens_comment=opens)
    if not any(ch.isalnum() for ch in summary) or _names_category(summary, category):
        subject = area if area != "general" else category.replace("_", " ")
        return f"issue with {subject}"
    return summary


def _names_category(summary: str, category: str) -> bool:
    words = re.sub(r"[\W_]+", " ", summary.lower()).strip()
    return words in {category.replace("_", " "), category}


def _best_hit(hits: list[_Hit], category: str) -> _Hit | None:
    own = [h for h in hits if h.category == category]
    return max(own, key=lambda h: (h.weight, -h.start)) if own else None
