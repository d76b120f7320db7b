"""Cue tables for the offline analysis, compiled once at import.

A raw cue is `(pattern, weight)`: a lower-case regex matched on whole words
of the lowered text. A leading `~` marks a cue that a nearby negation cancels
("not slow"); a leading `@` marks a cue about a *thing* that a person as its
subject cancels ("the button does nothing" but not "support did nothing").
A literal space matches any run of whitespace. Category weights: 3 names a
problem outright, 2.5 strongly suggests one, and 2 or below is a topic
mention ("bill", "engineer"). Any cue below 3 counts a third as much when
its clause praises and complains of nothing ("installation was fine"), and
a topic mention does too when a fault in the same stretch of the sentence
makes it merely the object that failed ("the app closes when I open an
invoice").

The category tables live in `_cues_bugs`, `_cues_service`, `_cues_money`,
`_cues_people`, `_cues_product` and `_cues_intl`; the smaller tables that
decide *kind* and vagueness live here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from agent.offline._cues_bugs import BUG_CUES
from agent.offline._cues_intl import INTL_CATEGORY_CUES
from agent.offline._cues_money import MONEY_CUES
from agent.offline._cues_people import PEOPLE_CUES
from agent.offline._cues_product import PRODUCT_CUES
from agent.offline._cues_service import SERVICE_CUES
from agent.offline._text import NOT, person_subject

RawCues = Mapping[str, Sequence[tuple[str, float]]]

TOPIC_WEIGHT = 2.0
"""Cues this light or lighter are topic mentions rather than complaints."""


@dataclass(frozen=True, slots=True)
class Cue:
    """One compiled cue pointing at a label.

    The regex carries no leading word-boundary assertion, so the engine can
    skip ahead on the first letter; `finditer` checks the boundary instead.
    It expects text lowered by `_text.fold`.
    """

    label: str
    regex: re.Pattern[str]
    weight: float
    negatable: bool
    thing_only: bool = False

    def finditer(self, folded: str) -> Iterator[re.Match[str]]:
        """Matches that start at a word boundary, left to right.

        A cue about a thing yields no match where a person is the subject.
        """
        position = 0
        while match := self.regex.search(folded, position):
            start = match.start()
            position = max(match.end(), start + 1)
            if start and _is_word(folded[start - 1]) and _is_word(folded[start]):
                position = start + 1
                continue
            if self.thing_only and person_subject(folded, start):
                continue
            yield match

    def search(self, folded: str) -> re.Match[str] | None:
        """The first match that starts at a word boundary."""
        return next(self.finditer(folded), None)


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def compile_cues(raw: RawCues) -> tuple[Cue, ...]:
    """Compile a `{label: [(pattern, weight), ...]}` table into cues."""
    cues = []
    for label, entries in raw.items():
        for pattern, weight in entries:
            flags = pattern[: len(pattern) - len(pattern.lstrip("~@"))]
            body = _spaces(pattern[len(flags) :])
            regex = re.compile(rf"(?:{body})(?!\w)")
            cues.append(Cue(label, regex, weight, "~" in flags, "@" in flags))
    return tuple(cues)


def _spaces(pattern: str) -> str:
    """Let a literal space in a cue match any run of whitespace."""
    pattern = pattern.replace(" ?", r"\s*").replace("[- ]", r"[-\s]")
    return pattern.replace(" ", r"\s+")


CATEGORY_CUES = compile_cues(
    {**BUG_CUES, **SERVICE_CUES, **MONEY_CUES, **PEOPLE_CUES, **PRODUCT_CUES}
)
INTL_CUES = {lang: compile_cues(raw) for lang, raw in INTL_CATEGORY_CUES.items()}

KIND_CUES = compile_cues(
    {
        "fit": (
            (r"not (?:a |the )?(?:good |right )?fit(?: for)?", 3),
            (r"wrong (?:product|tool|solution|choice|fit)", 3),
            (
                r"(?:doesn't|does not|didn't|did not|don't|do not)\s+"
                r"(?:meet|suit|fit)\s+(?:our|my|the)\s+(?:needs|requirements|"
                r"use|workflow|business|purpose)",
                3,
            ),
            (
                r"not (?:fit|suitable|suited|designed|built|made|right) for "
                r"(?:my|our|purpose|us|me|what|the way)",
                3,
            ),
            (r"(?:doesn't|does not|can't|cannot) do what (?:we|i) need", 3),
            (r"not what (?:we|i) (?:need|needed|were looking for|was looking for)", 3),
            (
                r"outgr[eo]wn|forced (?:into|to use)|"
                r"never (?:wanted|needed) (?:it|this)",
                3,
            ),
            (r"(?:isn't|is not|wasn't|was not) (?:for|meant for) (?:us|me)", 3),
        ),
        "value": (
            (r"~(?:too |so |very |ridiculously |far too |way too )?expensive", 3),
            (r"~(?:overpriced|over-priced|pricey|pricy)", 3),
            (rf"{NOT} worth|(?:poor|bad|no|terrible|low) value", 3),
            (r"waste of money|(?:can't|cannot) afford|rip[- ]?off", 3),
            (r"cheaper (?:elsewhere|rate|deal|option|alternative|with|from|than)", 3),
            (
                r"(?:price|cost|bill|tariff|fee)s? (?:\w+ ){0,2}(?:increase|rise|hike|"
                r"doubled|tripled)",
                3,
            ),
            (r"(?:price|cost|bill|tariff|fee)s? (?:\w+ ){0,2}(?:went|gone) up", 3),
            (r"cost(?:s)? (?:too much|a fortune)", 3),
            (
                rf"(?:{NOT}|just not|but not) (?:at|for) (?:that|this|such a|these|"
                r"those|the (?:current|new)) (?:price|cost|money|rate|fee)s?",
                3,
            ),
            (r"teuer|trop cher|muy caro|muito caro|troppo caro|te duur", 3),
        ),
        "billing_error": (
            (r"(?:over|double|twice|wrongly|incorrectly)[- ]?charg\w+", 3),
            (r"charg(?:ed|ing) (?:me |us )?(?:twice|double|extra|wrong)", 3),
            (
                r"wrong (?:bill|amount|charge|price|invoice)|billing (?:error|mistake)",
                3,
            ),
            (r"refund|money back|(?:extra|hidden|unexpected) (?:charges?|fees?)", 3),
            (r"more than (?:what was |i was )?(?:quoted|discussed|agreed|promised)", 3),
        ),
        "core_gap": (
            (
                r"deal[- ]?breaker|must[- ]have|essential|basic (?:features?|function)",
                3,
            ),
            (r"core (?:feature|functionality|need)|useless without", 3),
            (r"(?:can't|cannot) (?:work|use it) without", 3),
        ),
        "leave": (
            (
                r"(?:cancel+(?:ing|ed)?|terminat(?:e|ing|ed)|end(?:ing)?|leav(?:e|ing)|"
                r"left|quit(?:ting)?)\s+(?:my\s+|our\s+|the\s+)?(?:contract|account|"
                r"subscription|membership|service|plan)",
                3,
            ),
            (
                r"(?:switch(?:ed|ing)?|mov(?:ed|ing)|chang(?:ed|ing)|port(?:ed|ing)?)"
                r"(?: over)? to (?:a |another )?(?:\w+ )?(?:competitor|provider|"
                r"supplier|vendor|alternative|different (?:provider|supplier|company|"
                r"app|bank|airline|network))",
                2,
            ),
            (r"(?:went|going|gone|moved|moving|switched|switching) back to", 2),
            (
                r"(?:will|going to|gonna|about to|ready to|want to|planning to|"
                r"thinking of|considering)\s+(?:be\s+)?(?:leav\w+|cancel\w*|switch\w*|"
                r"mov(?:e|ing) (?:to|away)|quit\w*)",
                3,
            ),
            (r"take (?:my|our) business elsewhere|(?:looking|shopping) around", 3),
            (r"(?:won't|will not|not) (?:be )?renew(?:ing)?", 3),
            (
                r"(?:close|closing|shut(?:ting)? down)\s+(?:my|our|the)\s+(?:account|"
                r"contract|subscription|membership)"
                r"|^\W*(?:i'm |i am |we're |we are )?(?:cancel+(?:ing|ed)?|leaving)\W*$"
                r"|\b(?:i'm|i am|we're|we are) (?:leaving|off|out|done|cancel+ing)\b",
                3,
            ),
            (r"(?:should|wish i|wish we) (?:had|have) stayed with", 3),
            (r"never (?:using|use|buying|buy|flying|fly|ordering) (?:\w+ )?again", 2),
        ),
    }
)

VAGUE_MARKERS = re.compile(
    r"too (?:early|soon) to (?:say|tell|assess|judge|comment|rate)|no comment|"
    r"nothing (?:to (?:add|say)|else to say)|\bn/?a\b|see (?:above|previous|my "
    r"(?:last|previous))|(?:explanation|reason) is in|(?:already )?(?:told|said) "
    r"(?:you|it) (?:before|already)|haven't used it (?:yet|much)|(?:can't|cannot) "
    r"(?:really )?(?:comment|say|judge|rate)|only just started|(?:look at|check|read|"
    r"see) (?:the |my )?(?:notes|records?|account|history|case|file)",
    re.IGNORECASE,
)

FAILURE_MARKERS = re.compile(
    rf"\b(?:{NOT}|never|no longer|stopped|still no|no working)\s+(?:\w+\s+)?"
    r"(?!(?:satisfied|impressed|pleased|amused|bothered|interested|interesting|"
    r"happy|sure|great|good|bad|worth|recommend\w*|expected|needed|used)\b)"
    r"(?:\w+ing|\w+ed|work|load|open|save|send|sync|start|play|print|show|"
    r"respond|display|appear|update|connect|arrive|come|turn up|ring)\b"
    r"|\b(?:broken|fail(?:s|ed)?|missing|lost|wrong|stopped|cancell?ed|changed|"
    r"late|faulty|dead|double[- ]?(?:booked|charged)|twice|disappeared)\b",
    re.IGNORECASE,
)
"""Something named as failing: a negated action, or a word like "broken"."""

_GENERIC = """
    a about absolutely all also always am an and any are as at awful bad
    be been being better but by can company completely could did do does
    done dont don't even ever everything experience extremely fine for from
    get good got great had has have hate i i'm im in is it it's its just
    like meh more most much my no not nothing of ok okay on or overall
    pathetic poor pretty product quite rather really rubbish service so
    some still terrible than that the their them there they thing things
    this to too totally truly use useless utterly very was way we well were
    what when which who why will with worst would you your shocking
    horrible disgusting appalling dreadful atrocious abysmal garbage trash
    crap disappointing disappointed average mediocre okayish alright
    incompetent joke disgrace experience company's general generally bit
    lot lots could've should be improve improved improvement improvements
    need needs
"""
GENERIC_WORDS = frozenset(_GENERIC.split())
"""Words that judge without naming anything, so they make nothing specific."""
