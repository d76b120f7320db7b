"""Cues for the product itself: how usable it is and what it lacks.

Data for `_lexicon`; see its docstring for the pattern and weight rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from agent.offline._text import NOT

RawCues = Mapping[str, Sequence[tuple[str, float]]]


PRODUCT_CUES: RawCues = {
    "usability": (
        (r"~confus(?:ing|ed|es)|unclear", 2.5),
        (
            r"(?:hard|difficult|impossible|tricky|awkward|a pain|painful)\s+to\s+"
            r"(?:use|find|navigate|understand|follow|read|figure|work out|see|"
            r"locate|change|access|set|learn)",
            3,
        ),
        (
            rf"(?:{NOT}|no longer)\s+(?:very\s+|that\s+|so\s+|particularly\s+)?"
            r"(?:intuitive|user[- ]friendly|easy to (?:use|find|navigate)|"
            r"straightforward|self[- ]explanatory)",
            3,
        ),
        (r"unintuitive|counter[- ]?intuitive|non[- ]intuitive|user[- ]unfriendly", 3),
        (r"~(?:clunky|cumbersome|fiddly|convoluted|cluttered|over-?complicated)", 3),
        (r"~(?:complicated|complex|messy)", 2),
        (
            r"(?:can't|cannot|couldn't|could not|unable to|can never|could never)\s+"
            r"(?:even\s+)?"
            r"(?:find|figure out|work out|locate)",
            3,
        ),
        (r"where (?:is|are|do i find|can i find)", 1.5),
        (
            r"(?:bad|poor|awful|terrible|horrible|ugly|confusing|clunky|outdated|"
            r"dated)\s+(?:ui|ux|interface|design|layout|navigation|menus?|"
            r"user (?:interface|experience)|redesign)",
            3,
        ),
        (r"new (?:ui|ux|interface|design|layout|navigation|menus?|redesign)", 2),
        (
            r"(?:re-?)?(?:typ(?:e|es|ed|ing)|enter(?:s|ed|ing)?|input(?:s|ted|ting)?|"
            r"fill(?:s|ed|ing)? (?:in|out))\s+(?:\w+\s+){0,3}?(?:in\s+|out\s+)?"
            r"(?:twice|again|every (?:single )?time|each time|over and over|"
            r"(?:multiple|several|\d+|two|three|four|five) times|from scratch|"
            r"all over again)",
            2.5,
        ),
        (
            r"(?:have|had|has|having|need|needs) to (?:log ?in|sign ?in|re-?enter|"
            r"re-?type|type|enter|verify|confirm|click|scroll|select|set) "
            r"(?:\w+ ){0,3}?(?:every (?:single )?time|each time|again|twice|"
            r"over and over)",
            2.5,
        ),
        (
            r"(?:ui|ux|interface|design|layout|navigation|menus?)\s+(?:is|are|was|"
            r"were)\s+(?:bad|poor|awful|terrible|horrible|ugly|confusing|clunky|"
            r"outdated|a mess)",
            3,
        ),
        (r"too many (?:clicks|steps|screens|menus|options|buttons|taps|hoops)", 3),
        (r"(?:tiny|small) (?:buttons?|text|font|icons?)", 2),
        (r"(?:update|redesign|new version) (?:\w+ ){0,3}(?:ruined|messed)", 2),
        (r"accessib(?:le|ility)", 2),
    ),
    "missing_feature": (
        (r"wish (?:it|you|there|they|the app|i could|we could)", 2.5),
        (
            r"(?:would|it'd) (?:be )?(?:\w+ )?(?:nice|great|good|helpful|useful|"
            r"better) (?:if|to have|to be able)",
            2.5,
        ),
        (
            r"(?:no|any|not an?|there's no|there is no|without (?:an?|the|any))\s+"
            r"(?:way|option|ability|setting|feature|button|function\w*)\s+to",
            3,
        ),
        (
            r"(?:doesn't|does not|don't|do not|can't|cannot|won't|didn't)\s+"
            r"(?:even\s+)?(?:support|offer|integrate|sync with|allow|have (?:an? )?"
            r"(?:option|feature|way|setting|mode))",
            3,
        ),
        (r"(?:doesn't|does not|don't) let (?:me|you|us|users)", 2.5),
        (r"(?:just|simply) let (?:me|us|users)|(?:want|like) to be able to", 2.5),
        (
            r"(?:can't|cannot|doesn't|does not|unable to) (?:cope|handle|deal) with|"
            r"(?:no|lack of|without) support for",
            2.5,
        ),
        (r"lack(?:s|ing)? (?:of )?(?:\w+ )?(?:features?|functionality|options?)", 3),
        (r"missing (?:features?|functionality|options?|integrations?|the ability)", 3),
        (r"(?:features?|functionality|option|integration) (?:is |are )?missing", 3),
        (r"feature (?:request|gap|parity)|please add|add (?:an? |the )?option", 3),
        (r"add (?:back|support for|dark mode)|bring back", 2.5),
        (
            r"(?:removed|took away|got rid of|taken away)\s+(?:the\s+|a\s+|my\s+)?"
            r"(?:\w+\s+)?(?:feature|option|ability|function|button)",
            2.5,
        ),
        (r"no longer (?:has|have|supports?|offers?|lets?|allows?)", 2.5),
        (r"need(?:s|ed)? (?:an? )?(?:option|feature|way|setting|integration)", 2.5),
        (
            r"no (?:dark mode|offline mode|api|export|search|filter|calendar|"
            r"desktop|web version|landscape|split screen|integration)",
            3,
        ),
        (r"not (?:available|supported) (?:on|in|for)|only works on", 2.5),
        (r"integrat(?:e|ion|ions) with", 1.5),
        (r"dark mode|feature", 1.5),
    ),
}
