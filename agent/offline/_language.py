"""Which language a comment is written in, as an ISO 639-1 code.

`langdetect` costs a few milliseconds a call and guesses badly on a few
words, so cheap rules come first. They count each language's *distinctive*
function words (words no other listed language shares). Text with no letters
is "und". Text of three words or fewer is the language whose function words
or category cues it uses ("muy lento", "zu teuer"), else "en" when written in
plain ASCII letters. Longer plain-ASCII text is "en" unless another
language's words outnumber the English ones, or it has no English function
word at all and two cues of one other language ("o aplicativo trava quando
tento pagar a fatura"); text that is almost all ASCII is
"en" when English words clearly dominate. Everything else goes to
`langdetect` (seeded, so the answer never changes, and fed lower case, which
it reads better), and "und" if it fails.
"""

from __future__ import annotations

import re

from langdetect import DetectorFactory, detect
from langdetect.lang_detect_exception import LangDetectException

from agent.offline._cues_intl import STOPWORDS
from agent.offline._lexicon import INTL_CUES

DetectorFactory.seed = 0

_MIN_CUES = 2

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
    best = max(counts, key=lambda lang: (counts[lang], lang == "en"))
    ascii_only = all(word.isascii() for word in words)

    if len(words) <= 3:
        _add_cue_counts(folded, counts)
        best = max(counts, key=lambda lang: (counts[lang], lang == "en"))
        if counts[best] > 0 and sorted(counts.values())[-2] < counts[best]:
            return best
        return "en" if ascii_only else _langdetect(folded)

    if ascii_only and counts["en"] >= other:
        if counts["en"] == 0:
            _add_cue_counts(folded, counts)
            best = max(counts, key=counts.__getitem__)
            if counts[best] >= _MIN_CUES and sorted(counts.values())[-2] < counts[best]:
                return best
        return "en"
    letters = sum(len(word) for word in words)
    foreign = sum(len(word) for word in words if not word.isascii())
    if counts["en"] >= max(2, 2 * other) and foreign <= 0.05 * letters:
        return "en"
    return _langdetect(folded)


def _add_cue_counts(folded: str, counts: dict[str, int]) -> None:
    for lang, cues in INTL_CUES.items():
        counts[lang] += sum(cue.search(folded) is not None for cue in cues)


def _langdetect(text: str) -> str:
    try:
        code = detect(text)
    except LangDetectException:
        return "und"
    return code.split("-")[0]
