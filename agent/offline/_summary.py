"""Turn a quoted clause into an issue summary, and find the customer's own fix.

A summary keeps the customer's words and pronouns. Cleaning only removes what
carries no issue: lead-ins ("Because", "The reason is", "I gave a 3 because"),
trailing talk about the score, HTML leftovers, runs of punctuation, and
personal data, which is masked. It is cut to 160 characters at a word.
"""

from __future__ import annotations

import html
import re

from agent.offline._text import Span, is_injection, mask_pii

SUMMARY_LIMIT = 160

_NUMBER = r"(?:\d{1,2}|zero|one|two|three|four|five|six)"
_LEAD_INS = (
    re.compile(
        r"^(?:(?:mainly|simply|purely|only|just|partly|largely)\s+)?"
        r"(?:because|becouse|becuase|cos|coz|cause|'cause|bc|due to)(?:\s+of)?\b"
        r"[\s,:]*",
        re.I,
    ),
    re.compile(
        r"^(?:the\s+|my\s+)?(?:main\s+)?reasons?\s+(?:for\s+(?:my|the|this)\s+"
        r"(?:low\s+)?(?:score|rating|mark)\s+)?(?:is|are|was|being)"
        r"(?:\s+that|\s+because)?[\s,:]*",
        re.I,
    ),
    re.compile(
        rf"^i\s+(?:gave|give|scored|rated|put|marked|chose)\s+(?:you\s+|it\s+|"
        rf"this\s+|company\s+|the\s+\w+\s+)?(?:a\s+|an\s+)?(?:score\s+of\s+|"
        rf"rating\s+of\s+|low\s+score\s+)?(?:{_NUMBER}\s*(?:/\s*10|out\s+of\s+10)?"
        r"\s*)?(?:because|as|since|due to|,|-)?[\s,:]*",
        re.I,
    ),
    re.compile(
        rf"^(?:a\s+)?(?:low\s+)?(?:score|rating|mark)(?:\s+of\s+{_NUMBER})?\s+"
        r"(?:is\s+)?(?:because|as|due to)[\s,:]*",
        re.I,
    ),
    re.compile(r"^(?:well|so|honestly|tbh|basically|ok|okay|um+|er+)[\s,:]+", re.I),
    re.compile(r"^(?:10|\d)(?:\s*/\s*10)?(?:\s*[-:.,]\s*|\s{2,})(?=\w)"),
)
_TRAILING_SCORE = (
    re.compile(
        r"[\s,;.\-]*(?:(?:hence|so|that's why|which is why|thus|therefore|and that's"
        r" why)\s+)?(?:the\s+|my\s+|a\s+|this\s+|such a\s+)?(?:low\s+)?"
        rf"(?:score|rating|mark)(?:\s+of\s+{_NUMBER})?(?:\s*/\s*10)?\s*[.!]*$",
        re.I,
    ),
    re.compile(rf"[\s,;.\-]*(?:hence|so|therefore)\s+(?:the\s+|a\s+)?{_NUMBER}\b.*$"),
    re.compile(r"\s*\(?\b\d{1,2}\s*(?:/|out of)\s*10\)?\s*[.!]*$", re.I),
)
_TAG = re.compile(r"<[^<>]{1,40}>")
_RUNS = re.compile(r"([!?.,])\1+")

_FIX_VERBS = (
    r"(?:add|fix|bring|make|let|allow|give|refund|sort|call|contact|get|stop|"
    r"provide|include|update|change|improve|consider|return|reinstate|restore|"
    r"reduce|lower|offer|remove|send|credit|compensate|reimburse|cancel|"
    r"reconnect|put|enable|support|reply|respond|ring|email|speak|resolve|"
    r"explain|revert|go back|hire|train|honou?r|pay|lower|listen|answer|tell)"
)
_RESOLUTIONS = (
    re.compile(
        rf"\b(?:please|pls|plz|kindly|por favor|bitte|s'il vous pla[iî]t|svp|"
        rf"per favore|alstublieft)\s*,?\s+(?:just\s+|can you\s+|could you\s+)?"
        rf"{_FIX_VERBS}\b",
        re.I,
    ),
    re.compile(
        r"\b(?:would|it'd)\s+(?:be\s+)?(?:really\s+|so\s+|much\s+|very\s+)?"
        r"(?:nice|great|good|helpful|useful|better|lovely|ideal|appreciated)\s+"
        r"(?:if|to\s+have|to\s+be\s+able\s+to|to\s+see)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:i|we)\s+(?:really\s+|just\s+)?wish\s+(?:it|you|there|they)", re.I
    ),
    re.compile(r"(?:^|\b(?:just|simply)\s+)let\s+(?:me|us|users|people)\s+\w+", re.I),
    re.compile(
        r"\b(?:bring back|add back|give (?:me|us) (?:back|the option|an option|a way)"
        r"|allow (?:me|us|users|people) to|make it (?:possible|easier|simpler))",
        re.I,
    ),
    re.compile(
        rf"\b(?:(?:you|they|it|someone|company|we|the \w+)\s+)?(?:should|could|"
        rf"need to|needs to|ought to|must)\s+(?!have\b|'ve\b|of\b)(?:just\s+|"
        rf"really\s+|seriously\s+)?(?:{_FIX_VERBS}|be able)\b",
        re.I,
    ),
    re.compile(r"\bif (?:you|they|company|someone) (?:could|would|can|just)\b", re.I),
    re.compile(
        r"\b(?:i|we)(?:'d| would)? (?:like|want|need) (?:you to|a refund|my money"
        r"|our money|to (?:speak|talk|cancel|be (?:compensated|refunded)))",
        re.I,
    ),
    re.compile(
        rf"^(?:just\s+)?(?:{_FIX_VERBS}|bring back|get rid of)\s+(?!up\b)\w+", re.I
    ),
    re.compile(
        r"\b(?:deber[ií]an|sollten|devriez|devraient|deveriam|zouden moeten|"
        r"dovreste)\b",
        re.I,
    ),
)


def clean_summary(raw: str) -> str:
    """Tidy one clause of the comment into a summary in the customer's words."""
    text = _TAG.sub(" ", html.unescape(raw))
    text = re.sub(r"(?<=\w)\ufffd(?=\w)", "'", text).replace("\ufffd", "")
    text = " ".join(text.split())

    stripped = False
    for _ in range(3):
        before = text
        for pattern in _LEAD_INS:
            text = pattern.sub("", text, count=1)
        stripped = stripped or text != before
        if text == before:
            break
    for pattern in _TRAILING_SCORE:
        text = pattern.sub("", text)

    text = _RUNS.sub(r"\1", text).strip(" \t,;:-\"'()[]")
    text = text.rstrip(".!?,;: ")
    if stripped and text[:1].islower():
        text = text[0].upper() + text[1:]
    return cut(mask_pii(text), SUMMARY_LIMIT)


def cut(text: str, limit: int) -> str:
    """Shorten `text` to `limit` characters at a word boundary."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:-") + "\u2026"


def find_resolution(
    text: str, folded: str, sentences: list[Span]
) -> tuple[Span, str] | None:
    """The first clause where the customer proposes their own fix."""
    for sentence in sentences:
        body = folded[sentence.start : sentence.end]
        if is_injection(body):
            continue
        for pattern in _RESOLUTIONS:
            match = pattern.search(body)
            if not match:
                continue
            start = sentence.start + match.start()
            end = _clause_end(folded, start, sentence.end)
            words = re.findall(r"\w+", folded[start:end])
            if len(words) >= 3 or (len(words) == 2 and match.re is not _RESOLUTIONS[0]):
                quote = Span(start, end)
                return quote, cut(_tidy(text[start:end]), SUMMARY_LIMIT)
    return None


def _clause_end(folded: str, start: int, limit: int) -> int:
    """End of the clause that starts at `start`, within its sentence."""
    match = re.compile(r"[.!?;\n]|\s(?:but|or else|otherwise)\s").search(
        folded, start, limit
    )
    end = match.start() if match else limit
    while end > start and folded[end - 1] in " ,:-":
        end -= 1
    return end


def _tidy(raw: str) -> str:
    text = " ".join(html.unescape(raw).replace("\ufffd", "").split())
    return mask_pii(text.rstrip(".!?,;: "))
