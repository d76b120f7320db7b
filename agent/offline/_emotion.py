"""How the customer feels, and how strongly, read from cues and the score.

Each emotion collects the weights of its cues (negated cues do not count);
profanity, regulator or lawyer threats, sarcasm and a comment written in
capitals add to anger; a threat to leave adds to frustration. From a
detractor, praise for a chore ("I just love typing my address in twice",
"great to be kept waiting") is mock praise and adds to frustration. The strongest
emotion wins; ties go to the stronger feeling in `_ORDER`. With no cue at all
the emotion is frustration for a 0-4 that reports a failure (a bug, an
outage, a billing or setup problem, poor support), otherwise disappointment;
an empty comment reads as indifference.

Intensity starts from the score (0 gives 0.45, 6 gives 0.15) and rises with
cue weight, profanity, legal threats, threats to leave, shouting in capitals,
repeated exclamation marks, intensifiers, sarcasm or mock praise and angry
emoji. It is
capped at 1 and, for indifference, at 0.3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.models import DETRACTOR_MAX_SCORE
from agent.offline._cues_intl import INTL_EMOTION_CUES
from agent.offline._lexicon import compile_cues
from agent.offline._text import negated

_ORDER = (
    "anger",
    "frustration",
    "disappointment",
    "worry",
    "sadness",
    "confusion",
    "indifference",
)

_EMOTION_CUES = compile_cues(
    {
        "anger": (
            (r"~(?:angry|anger|furious|livid|fuming|outraged|outrageous|seething)", 3),
            (r"disgust\w*|disgrace\w*|appall\w*|unacceptable|shambles|scandal\w*", 2.5),
            (r"criminal|thie(?:f|ves)|robbery|scam\w*|con artists|cowboys|liars?", 2.5),
            (r"pathetic|useless|incompetent|joke|worst|hate[sd]?|despise|loathe", 2),
            (r"rubbish|crap|garbage|trash|atrocious|abysmal|diabolical|shocking", 1.5),
            (r"awful|horrible|terrible|dreadful|ridiculous|how dare|sort it out", 1),
        ),
        "frustration": (
            (r"~(?:frustrat\w*|annoy\w*|irritat\w*|exasperat\w*)", 3),
            (r"fed up|sick (?:and tired )?of|tired of|had enough|enough is enough", 3),
            (
                r"again and again|over and over|yet again|once again|"
                r"every (?:single )?time",
                2,
            ),
            (r"still (?:not|no|waiting|haven't|have not|hasn't|nothing|having)", 1.5),
            (r"(?:\d+|numerous|several|many|multiple|countless) times", 1.5),
            (r"waste of (?:my |our )?time|wasted (?:\w+ )?(?:time|hours|days?)", 2.5),
            (r"nightmare|hassle|farce|argh+|ugh+|grr+|how hard can it be", 2),
            (r"keeps? (?:\w+ing)|constantly|took a day off|time off work", 1),
        ),
        "disappointment": (
            (r"~disappoint\w*|let down|letdown|underwhelm\w*|unimpressed", 3),
            (r"expected (?:more|better)|not what (?:i|we) expected", 2.5),
            (r"used to (?:be|love|like)|gone downhill|going downhill|shame|pity", 2),
            (
                r"could (?:be|do) better|not (?:great|good|impressed|happy|satisfied)",
                1.5,
            ),
            (r"mediocre|below (?:par|expectations)|average at best|unfortunately", 1.5),
        ),
        "confusion": (
            (r"~confus\w*|baffl\w*|puzzl\w*|bewilder\w*|perplex\w*", 3),
            (r"(?:don't|do not|didn't|did not) understand|makes no sense", 3),
            (
                r"no idea (?:what|how|why|where|when)|unclear|"
                r"not sure (?:how|what|why)",
                2,
            ),
            (r"how (?:do|can|am) (?:i|we)|why (?:is|does|do|can't|won't)", 1),
        ),
        "worry": (
            (
                r"~(?:worried|worry|worrying|anxious|nervous|afraid|scared|frightened)",
                3,
            ),
            (r"~concern(?:ed|ing)?|what if|hopefully|fear\w*", 2),
            (r"security|privacy|data (?:leak|breach)|hacked|fraud\w*|vulnerable", 2),
            (r"urgent\w*|asap|elderly|disabled|medical|hospital|homework", 1.5),
            (
                r"work from home|wfh|my (?:job|business|clients)|lost (?:work|wages)",
                1.5,
            ),
        ),
        "sadness": (
            (r"~(?:sad|sadly|saddens|heartbroken|devastated|gutted|depress\w*)", 3),
            (r"~(?:upset|unhappy|miserable)|crying|cried|tears", 2),
            (r"mental health|ruin(?:ed|ing|s)|lonely|miss (?:the|how|my)", 2),
        ),
        "indifference": (
            (r"meh|whatever|so-so|nothing special|no opinion|not bothered", 2.5),
            (
                r"(?:it's|its|it is|it was|was|is) (?:just )?"
                r"(?:ok|okay|alright|average)",
                1,
            ),
            (r"does the job|neutral|no strong feelings", 1.5),
        ),
    }
)
_INTL_EMOTION_CUES = compile_cues(INTL_EMOTION_CUES)

PROFANITY = re.compile(
    r"(?<!\w)(?:f(?:u|[*@#%$!.\-_]){1,3}c?k\w*|f[*@#%$!]{2,4}(?:ing|in|ed)?"
    r"|fu?c?k(?:ing|in|ed|er|ers|s)?|feck\w*|fcuk\w*|sh[i1!*@]t\w*|\$h[i1!*]t\w*"
    r"|bullsh\w*|bollocks|b[o0*]ll[o0*]cks|piss(?:ed|ing)?|arse(?:hole)?s?|a\$\$|"
    r"assholes?|damn\w*|bloody|bastards?|b[i1!*]tch\w*|wtf|ffs|stfu|omfg|"
    r"prick|twats?|wank\w*|cunts?|c\*nt|cr@p|\*{3,})(?![\w*])",
    re.IGNORECASE,
)
_LEGAL = re.compile(
    r"\b(?:ombudsman|lawyers?|solicitors?|attorneys?|legal action|court|sue|suing|"
    r"small claims|trading standards|ofcom|fca|cfpb|bbb|regulator|watchdog|"
    r"chargeback|report (?:you|this) to)\b",
    re.IGNORECASE,
)
SARCASM = re.compile(
    r"\byeah,? right\b|\bthanks? (?:a lot|a bunch|for nothing)\b|\bcheers for nothing"
    r"|\bsurprise,? surprise\b|\bshock,? horror\b|(?<!\w)/s\b|\bnot!|\bwhat a joke\b"
    r"|\b(?:oh|just|how) (?:great|wonderful|brilliant|lovely|fantastic|perfect)\b"
    r"|^\s*(?:great|brilliant|fantastic|wonderful|perfect|lovely|awesome|super)"
    r"\s*[,.!\u2026]|\blove (?:how|it when|the way)\b|\bsaid no one ever\b"
    r"|\bso much for\b|\bwhat a (?:surprise|shock)\b"
    r"|(?<!\w)['\"](?:help|support|service|escalated|fixed|resolved|priority|"
    r"fast|unlimited|superfast|quick|customer service)['\"](?!\w)",
    re.IGNORECASE | re.MULTILINE,
)
MOCK_PRAISE = re.compile(
    r"\b(?:love|loving|adore|enjoy|enjoying|like|great|fantastic|brilliant|"
    r"wonderful|lovely|nice|awesome|perfect|amazing|fun)\s+(?:\w+\s+)?(?:"
    r"having to|being (?:put|kept|made|told|asked|charged|forced|sent|"
    r"transferred|cut off|ignored|left|passed)|(?:re-?)?(?:typing|entering)|"
    r"waiting|filling (?:in|out)|repeating|explaining|chasing|paying (?:twice|"
    r"again|extra|more)|logging (?:in|back in) (?:again|every)|clicking|"
    r"scrolling|spending|sitting|getting (?:charged|cut off|kicked|logged|"
    r"disconnected|transferred)|starting (?:over|again|from scratch)|"
    r"doing (?:it|this|everything) (?:again|twice)|to (?:have to|be kept|wait|"
    r"pay|spend|sit|repeat))"
    r"|\bthanks? (?:you )?for (?:making me|wasting|charging|ignoring|losing|"
    r"cutting|keeping me|leaving me)",
    re.IGNORECASE,
)
_INTENSIFIER = re.compile(
    r"\b(?:very|so|extremely|absolutely|totally|completely|utterly|really|"
    r"incredibly|ridiculously|seriously|never|ever|worst|beyond)\b",
    re.IGNORECASE,
)
_EMOJI = {
    "anger": "😡🤬😤👿💢🖕😠🤢🤮",
    "sadness": "😞😢😭☹😔💔😥😿",
    "confusion": "🤔😕🤨❓😵",
    "worry": "😟😰😨😱😬",
    "frustration": "😩😫🙄😒🤦",
    "indifference": "😐😑🤷",
}
_SHOUT = 0.15
_ACRONYMS = frozenset({"BT", "UK", "TV", "WIFI", "ISP", "SMS", "PC", "IT", "OK"})


@dataclass(frozen=True, slots=True)
class EmotionReading:
    """The emotion, its intensity and where in the comment it shows."""

    emotion: str
    intensity: float
    position: int | None
    sarcastic: bool = False


def read_emotion(
    text: str,
    folded: str,
    score: int,
    language: str,
    *,
    failure: bool,
    leaving: int | None,
) -> EmotionReading:
    """Read the customer's emotion and its intensity from the comment."""
    weights = dict.fromkeys(_ORDER, 0.0)
    positions: dict[str, int] = {}
    cues = _EMOTION_CUES + (_INTL_EMOTION_CUES if language != "en" else ())
    for cue in cues:
        for match in cue.finditer(folded):
            if cue.negatable and negated(folded, match.start()):
                continue
            weights[cue.label] += cue.weight
            positions.setdefault(cue.label, match.start())

    profanity = PROFANITY.search(folded)
    legal = _LEGAL.search(folded)
    sarcasm = SARCASM.search(folded)
    mock = MOCK_PRAISE.search(folded) if score <= DETRACTOR_MAX_SCORE else None
    for mark, label, weight in (
        (profanity, "anger", 3.0),
        (legal, "anger", 2.5),
        (sarcasm, "anger", 2.5),
        (mock, "frustration", 3.0),
    ):
        if mark:
            weights[label] += weight
            positions.setdefault(label, mark.start())
    if leaving is not None:
        weights["frustration"] += 1.0
        positions.setdefault("frustration", leaving)
    shouting = _shouting(text)
    if shouting >= _SHOUT:
        weights["anger"] += 2.0
        positions.setdefault(
            "anger", next(i for i, ch in enumerate(text) if ch.isalpha())
        )
    for label, symbols in _EMOJI.items():
        count = sum(text.count(symbol) for symbol in symbols)
        if count:
            weights[label] += 2.0 + 0.5 * min(count, 4)
            positions.setdefault(label, min(text.find(s) for s in symbols if s in text))

    best = max(_ORDER, key=lambda label: (weights[label], -_ORDER.index(label)))
    if weights[best] == 0:
        if not text.strip():
            best = "indifference"
        else:
            best = "frustration" if failure and score <= 4 else "disappointment"

    intensity = 0.45 - 0.05 * score
    intensity += min(0.3, 0.06 * weights[best])
    intensity += 0.2 if profanity else 0.0
    intensity += 0.2 if legal else 0.0
    intensity += 0.1 if leaving is not None else 0.0
    intensity += 0.1 if sarcasm or mock else 0.0
    intensity += shouting + _exclaiming(text)
    intensity += min(0.12, 0.03 * len(_INTENSIFIER.findall(folded)))
    intensity += min(0.2, 0.05 * sum(text.count(s) for s in _EMOJI["anger"]))
    cap = 0.3 if best == "indifference" else 1.0
    intensity = round(min(cap, max(0.05, intensity)), 2)

    sarcastic = bool(sarcasm or mock)
    return EmotionReading(best, intensity, positions.get(best), sarcastic)


def _shouting(text: str) -> float:
    words = re.findall(r"[^\W\d_]{2,}", text)
    caps = [w for w in words if w.isupper() and w not in _ACRONYMS]
    if len(words) >= 4 and len(caps) >= 0.6 * len(words):
        return _SHOUT
    return min(0.09, 0.03 * len(caps))


def _exclaiming(text: str) -> float:
    runs = re.findall(r"!{2,}|\?!|!\?|\u203c", text)
    singles = text.count("!")
    return min(0.15, 0.05 * len(runs) + 0.01 * singles)
