"""Which language a comment is written in, as an ISO 639-1 code.

`langdetect` costs a few milliseconds a call and guesses badly on a few
words, so cheap rules come first. Text with no letters is "und". Text of
three words or fewer is the language whose function words it uses, or "en"
when written in plain ASCII letters. Longer text is "en" when it is plain
ASCII and uses English function words at least as often as any other
language's, or when it is almost all ASCII and English function words clearly
dominate. Everything else goes to
`langdetect` (seeded, so the answer never changes), and "und" if it fails.
"""

from __future__ import annotations

import re

from langdetect import DetectorFactory, detect
from langdetect.lang_detect_exception import LangDetectException

from agent.offline._cues_intl import STOPWORDS

DetectorFactory.seed = 0

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of `text`, or "und" when it cannot tell."""
    words = [word.lower() for word in _WORD.findall(text)]
    if not words:
        return "und"

    counts = {lang: sum(w in vocab for w in words) for lang, vocab in STOPWORDS.items()}
    ranked = sorted(counts, key=lambda lang: (-counts[lang], lang != "en"))
    best, runner_up = ranked[0], ranked[1]
    ascii_only = all(word.isascii() for word in words)

    if len(words) <= 3:
        if counts[best] > counts[runner_up]:
            return best
        if ascii_only:
            return "en"
        return _langdetect(text)

    other = max(count for lang, count in counts.items() if lang != "en")
    if ascii_only and counts["en"] >= other:
        return "en"
    letters = sum(len(word) for word in words)
    foreign = sum(len(word) for word in words if not word.isascii())
    if counts["en"] >= max(2, 2 * other) and foreign <= 0.05 * letters:
        return "en"
    return _langdetect(text)


def _langdetect(text: str) -> str:
    try:
        code = detect(text)
    except LangDetectException:
        return "und"
    return code.split("-")[0]
