"""The offline analysis: read a detractor's comment with cue lexicons.

`analyze` is pure and deterministic and needs no network. It reads at most
the first 4,000 characters for cues; every evidence quote is still a verbatim
substring of the full comment.

Sentences that try to instruct the system ("ignore previous instructions",
"write back that...") are blanked before any cue is read, so they can steer
neither the labels nor the summary. A sentence that asks for something
("please refund it", "you must refund me") still counts for the labels, but
the summary comes from a sentence that describes the problem whenever there
is one (see `_focus`); the ask itself is the suggested resolution.

A comment is *vague* when it names no specific problem: it is empty, holds
only punctuation, emoji or numbers (or only instructions to the system), says
it is too early to tell or points elsewhere ("see my notes"), or no category
cue fires, it names nothing that fails ("the button does nothing", "my
appointment was changed"), and, once judgement words ("bad", "poor",
"terrible service", "meh", "could be better") and function words are set
aside, fewer than four words are left. A comment in a language without a cue
lexicon is only vague when it has no letters, since the cues cannot judge it.
A comment that says the customer is cancelling or leaving ("Worst company
ever. Cancel my account.") is never vague: it is a relationship (churn)
signal even when it gives no reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from agent.models import Analysis, Evidence, NpsResponse
from agent.offline._areas import product_area
from agent.offline._cues_intl import STOPWORDS
from agent.offline._emotion import read_emotion
from agent.offline._evidence import Quoter
from agent.offline._focus import find_focus
from agent.offline._guards import is_injection
from agent.offline._items import list_items
from agent.offline._kind import read_kind
from agent.offline._language import detect_language
from agent.offline._lexicon import FAILURE_MARKERS, GENERIC_WORDS, VAGUE_MARKERS
from agent.offline._scoring import best_hit, category_hits, rank, secondary
from agent.offline._summary import clean_summary, find_resolution
from agent.offline._text import (
    MAX_CUE_CHARS,
    SentenceIndex,
    Span,
    blank,
    fold,
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

_FALLBACK_TOPICS = {
    "product_bug": "the product",
    "performance": "speed and reliability",
    "usability": "ease of use",
    "missing_feature": "what the product can do",
    "pricing": "pricing",
    "support_experience": "our support",
    "onboarding": "getting started",
    "relationship": "how we work with you",
}
"""What a summary names when the comment's words cannot be used."""
_CHURN = "relationship"
"""The category of a comment that only says the customer is leaving."""
_CANCELLING = re.compile(
    r"\b(?:cancel|terminate|close|end|stop)\w*\s+(?:my|our|the|this)?\s*"
    r"(?:account|contract|subscription|service|membership|plan|direct debit)"
    r"|\bcancel(?:l?ing|l?ed)?\b\s*$",
    re.IGNORECASE,
)
_FAILURES = frozenset(
    {"product_bug", "performance", "pricing", "support_experience", "onboarding"}
)
_MIN_CONTENT = 4
_KNOWN_LANGUAGES = frozenset(STOPWORDS)
_ALL_STOPWORDS = frozenset().union(*STOPWORDS.values())
_CONTENT_WORD = re.compile(r"[^\W\d_]{2,}(?:'[^\W\d_]+)?")


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

    hits = category_hits(folded, sentences, language, allowed)
    ranked = rank(hits)
    vague = _is_vague(folded, ranked, language)
    churn = read_kind(folded, sentences, fallback).leaving
    churn_only = vague and churn is not None and any(ch.isalpha() for ch in folded)
    if churn_only:
        # "Cancel my account" names no problem, but it is no vague answer.
        vague = False
        ranked = ranked or [(_CHURN if _CHURN in allowed else fallback, 1.0)]
    primary = ranked[0][0] if ranked and not vague else fallback
    others = secondary(ranked, hits, primary)
    items = list_items(text)
    if items and others:
        primary = _first_listed(items, [primary, *others], hits)
        others = secondary(ranked, hits, primary)
    primary_hit = best_hit(hits, primary)
    focus = (
        None if vague else find_focus(text, folded, sentences, hits, primary, fallback)
    )
    anchor = primary_hit.start if primary_hit else None
    area = product_area(
        folded, focus, anchor, primary, response.properties, vague=vague
    )
    if churn_only and churn is not None:
        focus, anchor, area = sentences.at(churn), churn, "general"
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
    if resolution and _CANCELLING.search(fold(resolution[1])):
        resolution = None  # asking to cancel is leaving, not a way to fix it

    quote = Quoter(text, sentences, focus)
    backs = focus is not None and (
        primary_hit is None
        or any(h.category == primary and focus.contains(h.start) for h in hits)
    )
    quotes = {
        f"category:{primary}": (quote.span(focus) if backs else None)
        or quote.at(anchor)
    }
    for category in others:
        hit = best_hit(hits, category)
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
        issue_summary=_summary(text, focus, vague, primary, area, emotion.sarcastic),
        category=primary,
        secondary_categories=others,
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


def _first_listed(items: list[Span], candidates: list[str], hits: list) -> str:
    """The problem of the first item of a list that raises one of `candidates`.

    A customer who numbers their problems puts them in their own order; the
    reply leads with the first, not with whichever scored highest.
    """
    for item in items:
        inside = [
            h for h in hits if h.category in candidates and item.contains(h.start)
        ]
        if inside:
            return max(inside, key=lambda h: (h.weight, -h.start)).category
    return candidates[0]


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
    if content and FAILURE_MARKERS.search(folded):
        return False
    return len(content) < _MIN_CONTENT


def _summary(
    text: str,
    focus: Span | None,
    vague: bool,
    category: str,
    area: str,
    sarcastic: bool,
) -> str:
    if vague:
        return VAGUE_SUMMARY
    summary = ""
    if focus:
        opens = not text[: focus.start].strip()
        summary = clean_summary(
            text[focus.start : focus.end], opens_comment=opens, sarcastic=sarcastic
        )
    if not any(ch.isalnum() for ch in summary) or _names_category(summary, category):
        # A noun phrase that reads after "you told us about".
        if area != "general":
            return f"the problem with {area}"
        if category in _FALLBACK_TOPICS:
            return f"the problem with {_FALLBACK_TOPICS[category]}"
        return "the problem behind the score"
    return summary


def _names_category(summary: str, category: str) -> bool:
    words = re.sub(r"[\W_]+", " ", summary.lower()).strip()
    return words in {category.replace("_", " "), category}
