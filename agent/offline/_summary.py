"""Turn a quoted clause into an issue summary, and find the customer's own fix.

A summary keeps the customer's words and pronouns. Cleaning only removes what
carries no issue: lead-ins ("Because", "The reason is", "I gave a 3 because"),
trailing talk about the score, HTML leftovers, emoji and emoticons, runs of
punctuation, a cut-off word fragment at the very start, and personal data,
which is masked. In a sarcastic comment the mock praise in front of the chore
goes too ("I just love typing my address in twice" becomes "Typing my address
in twice"). It is cut to 160 characters at a word.

A suggested fix is the first clause that proposes one ("please add...", "just
let me...", "you should refund...", "would be nice if...", "bring back...",
"if you could...", "can you...", "I wish..."), up to the next comma or full
stop, tidied the same way.
"""

from __future__ import annotations

import html
import re
import unicodedata

from agent.offline._cues_intl import STOPWORDS
from agent.offline._guards import mask_pii, strip_formula
from agent.offline._text import Span

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
    re.compile(
        r"^(?:(?:well|so|ok|okay)\s*[,:]|honestly|tbh|basically|um+|er+)[\s,:]*", re.I
    ),
    re.compile(
        r"^(?:and\s+|but\s+)?(?:also|plus|(?:on top of (?:that|this|it))|"
        r"not to mention|as well as|another thing(?: is)?|besides)\b[\s,:]*",
        re.I,
    ),
    re.compile(r"^(?:10|\d)(?:\s*/\s*10)?(?:\s*[-:.,]\s*|\s{2,})(?=\w)"),
    re.compile(r"^(?:\(?\d{1,2}\)|[\u2022\u25aa\u25e6\u2023*])\s*(?=\w)"),
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
_MOCK_PRAISE = re.compile(
    r"^(?:(?:oh|wow|yeah|well)\s*,?\s+)?(?:(?:(?:i|we)\s+)?(?:just\s+|really\s+|"
    r"absolutely\s+|simply\s+|sure\s+|do\s+|totally\s+)*(?:love|loving|adore|"
    r"enjoy|enjoying)\s+(?:it\s+when\s+|how\s+|that\s+)?|thanks?\s+(?:you\s+)?for\s+|(?:great|brilliant|fantastic|wonderful|"
    r"lovely|perfect|awesome|super|nice|love)\s*[,.!\u2026]+\s*|(?:just\s+)?(?:great|"
    r"brilliant|fantastic|wonderful|lovely|perfect|awesome|nice)\s+(?:that|how|"
    r"when)\s+)",
    re.I,
)
_TAG = re.compile(r"<[^<>]{1,40}>")
_CLAUSE_END = re.compile(
    r"[,;!?\n]|\.(?![\w-])|\s(?:but|or else|otherwise|because|as)\s"
)
_MIN_WORDS = 2
_SYMBOLS = frozenset({"So", "Sk", "Cs", "Co"})
_FRAGMENT = re.compile(r"([a-z]{1,3})\b[,.]?\s+(?=\w)")
_SHORT = "a an i as if by or up us oh ok no yes new old bad app bit lot day pay fee tv"
_SHORT += " box set use far few one two got get put yet let ask try"
_SHORT_WORDS = STOPWORDS["en"] | frozenset(_SHORT.split())
_EMOTICON = re.compile(r"(?<!\w)>?[:;=][-']?[()\[\]\\/|dpvo3]+(?!\w)", re.I)
_RUNS = re.compile(r"([!?.,])\1+")

_FIX_VERBS = (
    r"(?:add|fix|bring|make|let|allow|give|refund|sort|call|contact|get|stop|"
    r"provide|include|update|change|improve|consider|return|reinstate|restore|"
    r"reduce|lower|offer|remove|send|credit|compensate|reimburse|cancel|"
    r"reconnect|put|enable|support|reply|respond|ring|email|speak|resolve|"
    r"explain|revert|go back|hire|train|honou?r|pay|lower|listen|answer|tell)"
)
_IMPERATIVES = (
    r"fix|add|bring back|refund|compensate|sort|give|make|let|allow|stop|reduce|"
    r"lower|improve|hire|train|restore|reinstate|provide|contact|call|reconnect|"
    r"credit|remove|get rid of|cancel|reimburse|honou?r"
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
        r"\b(?:(?:i|we)\s+(?:really\s+|just\s+)?)?wish\s+(?:it|you|there|they)",
        re.I,
    ),
    re.compile(r"(?:^|\b(?:just|simply)\s+)let\s+(?:me|us|users|people)\s+\w+", re.I),
    re.compile(
        r"\b(?:bring back|add back|give (?:me|us) (?:back|the option|an option|a way)"
        r"|allow (?:me|us|users|people) to|make it (?:possible|easier|simpler))",
        re.I,
    ),
    re.compile(
        rf"\b(?:(?:you|they|it|someone|company|we|the \w+)\s+)?(?:should|"
        rf"need to|needs to|ought to|must)\s+(?!have\b|'ve\b|of\b)(?:just\s+|"
        rf"really\s+|seriously\s+)?(?:{_FIX_VERBS}|be able)\b",
        re.I,
    ),
    re.compile(r"\bif (?:you|they|company|someone) (?:could|would|can|just)\b", re.I),
    re.compile(
        rf"\b(?:can|could|would|will)\s+(?:you|someone|somebody|u)\s+(?:please\s+)?"
        rf"(?:just\s+)?{_FIX_VERBS}\b",
        re.I,
    ),
    re.compile(
        r"\b(?:i|we)\s+(?:expect|demand|want|deserve)\s+(?:a\s+|an\s+|my\s+|our\s+|"
        r"some\s+)?(?:full\s+)?(?:refund|compensation|credit|apology|money back|"
        r"call ?back)",
        re.I,
    ),
    re.compile(
        r"\b(?:i|we)(?:'d| would)? (?:like|want|need) (?:you to|a refund|my money"
        r"|our money|to (?:speak|talk|cancel|be (?:compensated|refunded)))",
        re.I,
    ),
    re.compile(
        rf"(?:^|(?<=[,;:]\s))(?:just\s+)?(?:{_IMPERATIVES})\s+"
        r"(?!up\b|of\b|with\b|down\b|cent(?:re|er)\b|backs?\b)\w+",
        re.I,
    ),
    re.compile(
        r"\b(?:deber[ií]an|sollten|devriez|devraient|deveriam|zouden moeten|"
        r"dovreste)\b",
        re.I,
    ),
)


def clean_summary(
    raw: str, *, opens_comment: bool = False, sarcastic: bool = False
) -> str:
    """Tidy one clause of the comment into a summary in the customer's words.

    `opens_comment` says the clause starts the comment, where a cut-off
    fragment of a word ("ted, then the engineer...") is dropped; `sarcastic`
    says its praise is mock praise, which is dropped.
    """
    text = _EMOTICON.sub(" ", _TAG.sub(" ", html.unescape(strip_formula(raw))))
    text = re.sub(r"(?<=\w)\ufffd(?=\w)", "'", text).replace("\ufffd", "")
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _SYMBOLS)
    text = " ".join(text.split())
    fragment = _FRAGMENT.match(text) if opens_comment else None
    if fragment and fragment.group(1) not in _SHORT_WORDS:
        text = text[fragment.end() :]

    stripped = False
    lead_ins = (_MOCK_PRAISE, *_LEAD_INS) if sarcastic else _LEAD_INS
    for _ in range(3):
        before = text
        for pattern in lead_ins:
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
        starts = sorted(
            sentence.start + match.start()
            for pattern in _RESOLUTIONS
            if (match := pattern.search(body))
        )
        for start in starts:
            end = _clause_end(folded, start, sentence.end)
            if len(re.findall(r"\w+", folded[start:end])) >= _MIN_WORDS:
                return Span(start, end), cut(_tidy(text[start:end]), SUMMARY_LIMIT)
    return None


def _clause_end(folded: str, start: int, limit: int) -> int:
    """End of the clause that starts at `start`, within its sentence.

    A comma ends the clause too, unless that would leave fewer than three
    words ("please, please add...").
    """
    end = limit
    for match in _CLAUSE_END.finditer(folded, start, limit):
        if (
            match.group() in {",", ";"}
            and len(folded[start : match.start()].split()) < 3
        ):
            continue
        end = match.start()
        break
    while end > start and folded[end - 1] in " ,:-":
        end -= 1
    return end


def _tidy(raw: str) -> str:
    text = " ".join(html.unescape(raw).replace("\ufffd", "").split())
    return mask_pii(text.rstrip(".!?,;: "))
