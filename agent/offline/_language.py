"""Which language a comment is written in, as an ISO 639-1 code.

Statistical detectors guess badly on a few words ("bad support" reads as
Swedish), so cheap rules come first. They count each language's
*distinctive* function words (words no other listed language shares). Text
with no letters is "und". Text of three words or fewer is the language whose
function words or category cues it uses ("muy lento", "zu teuer"), else "en"
when written in plain ASCII letters. Longer text goes to `lingua`, limited to
the languages customers commonly answer surveys in, unless English function
words clearly dominate: plain-ASCII German or Dutch ("die Rechnung war
doppelt so hoch") is common, so ASCII alone never decides. When lingua is
unsure, English words or the function-word counts decide; failing both, the
answer is "und".
"""

from __future__ import annotations

import re
from functools import cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from agent.offline._cues_intl import STOPWORDS
from agent.offline._lexicon import INTL_CUES

_MIN_CUES = 2
_SURE = 0.9
"""Lingua's confidence above which its answer overrides the word counts."""

_LANGUAGES = [
    *("AR", "CA", "CS", "DA", "DE", "EL", "EN", "ES", "FI", "FR", "HE", "HI"),
    *("HU", "ID", "IT", "JA", "KO", "MS", "NB", "NL", "PL", "PT", "RO", "RU"),
    *("SK", "SV", "TH", "TR", "UK", "VI", "ZH"),
]

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_DISTINCT = {
    lang: words - frozenset().union(*(v for k, v in STOPWORDS.items() if k != lang))
    for lang, words in STOPWORDS.items()
}


def detect_language(folded: str) -> str:
    """The ISO 639-1 code of a folded comment, or "und" when it cannot tell."""
    words = _WORD.findall(folded)
    if not words:
        return "und"

    counts = {lang: sum(w in vocab for w in words) for lang, vocab in _DISTINCT.items()}
    other = max(count for lang, count in counts.items() if lang != "en")
    ascii_only = all(word.isascii() for word in words)

    if len(words) <= 3:
        _add_cue_counts(folded, counts)
        best = max(counts, key=lambda lang: (counts[lang], lang == "en"))
        if counts[best] > 0 and sorted(counts.values())[-2] < counts[best]:
            return best
        return "en" if ascii_only else _lingua(folded, fallback="und")

    letters = sum(len(word) for word in words)
    foreign = sum(len(word) for word in words if not word.isascii())
    if counts["en"] >= max(2, 2 * other) and foreign <= 0.05 * letters:
        return "en"

    guess = _lingua(folded, fallback="")
    if guess:
        return guess
    _add_cue_counts(folded, counts)
    best = max(counts, key=lambda lang: (counts[lang], lang == "en"))
    if best != "en" and counts[best] >= _MIN_CUES and counts[best] > counts["en"]:
        return best
    if ascii_only:
        return "en"
    return _lingua(folded, fallback="und", threshold=0.0)


def _add_cue_counts(folded: str, counts: dict[str, int]) -> None:
    for lang, cues in INTL_CUES.items():
        counts[lang] += sum(cue.search(folded) is not None for cue in cues)


def _lingua(text: str, *, fallback: str, threshold: float = _SURE) -> str:
    """Lingua's best language when its confidence reaches `threshold`."""
    values = _detector().compute_language_confidence_values(text)
    if not values or values[0].value <= 0 or values[0].value < threshold:
        return fallback
    return values[0].language.iso_code_639_1.name.lower()


@cache
def _detector() -> LanguageDetector:
    languages = [
        Language.from_iso_code_639_1(getattr(IsoCode639_1, code)) for code in _LANGUAGES
    ]
    return (
        LanguageDetectorBuilder.from_languages(*languages)
        .with_low_accuracy_mode()
        .build()
    )
