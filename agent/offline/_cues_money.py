"""Cues for money: prices, charges, bills and refunds.

Data for `_lexicon`; see its docstring for the pattern and weight rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from agent.offline._text import NOT

RawCues = Mapping[str, Sequence[tuple[str, float]]]

MONEY_CUES: RawCues = {
    "pricing": (
        (r"~(?:too |so |very |really |far too |way too |ridiculously )?expensive", 3),
        (r"~(?:overpriced|over-priced|pricey|pricy|costly)", 3),
        (r"rip[- ]?off|ripped off|daylight robbery|extortionate", 3),
        (r"(?:over|double|twice|wrongly|incorrectly)[- ]?charg\w+", 3),
        (r"charg(?:ed|ing|es?) (?:me |us )?(?:twice|double|extra|more|wrong)", 3),
        (
            r"(?:billed|invoiced|debited|taken|came out|come out|went out) (?:me |us )?"
            r"(?:twice|double|two times)|(?:double|twice)[- ]billed",
            3,
        ),
        (
            r"(?:extra|hidden|additional|unexpected|exit|cancellation|late|admin|"
            r"termination|setup|set up)\s+(?:charges?|fees?|costs?)",
            3,
        ),
        (
            r"charg(?<!in\scharg)(?<!won't\scharg)(?<!wont\scharg)(?<!not\scharg)"
            r"(?<!stopped\scharg)(?<!battery\scharg)(?<!wireless\scharg)"
            r"(?<!fast\scharg)(?<!hold\scharg)(?<!holds\scharg)(?:e|es|ed|ing)"
            r"(?! (?:port|cable|case|station|pad|point|speed|cord|lead|properly|fully)"
            r"\b)|fees?",
            1.5,
        ),
        (
            r"(?:bill|invoice|charge|statement)s?\s+(?:\w+\s+){0,2}?(?:was|is|were|"
            r"are|has been|looks)\s+(?:\w+\s+)?(?:wrong|incorrect|too high|higher|"
            r"inaccurate)",
            3,
        ),
        (r"bill(?:s|ing|ed)?|invoice[sd]?|direct debit|statement", 1.5),
        (r"refund(?:s|ed)?|money back|reimburse\w*", 2.5),
        (r"compensat\w+|credit check|deposit", 2),
        (r"(?:messed|screwed|mucked) up (?:my |our |the )?bill\w*", 3),
        (r"payments?|paid (?:for|twice|extra|more|too much)", 1.5),
        (
            r"(?:price|cost|bill|tariff|subscription|fee|premium|rate)s?\s+"
            r"(?:\w+\s+){0,2}(?:increase[sd]?|rise|rose|risen|hike|went up|"
            r"gone up|going up|doubled|higher)",
            3,
        ),
        (r"(?:increase|rise|hike)s? in (?:the )?(?:price|cost|bill|fee)s?", 3),
        (rf"{NOT} worth (?:it|the (?:money|price|cost))", 3),
        (
            rf"(?:{NOT}|just not|but not) (?:at|for) (?:that|this|such a|these|"
            r"those|the (?:current|new)) (?:price|cost|money|rate|fee)s?",
            3,
        ),
        (r"(?:poor|bad|no|terrible|awful|low) value(?: for money)?", 3),
        (r"value (?:for money )?(?:is|was) (?:not good|poor|bad|terrible|awful)", 3),
        (r"waste of money|(?:can't|cannot|can not) afford", 3),
        (r"cheaper (?:elsewhere|rate|deal|option|alternative|with|from|than)", 2.5),
        (
            r"(?:more|higher) than (?:what was |what i was |i was |we were )?"
            r"(?:quoted|discussed|agreed|promised|told|advertised)",
            3,
        ),
        (r"wrong (?:bill|amount|charge|price|invoice)", 3),
        (r"billing (?:error|mistake|issue|problem|system|department)", 3),
        (r"prices?|pricing|tariffs?|costs?|costing|value for money", 1.5),
        (r"loyalty (?:penalty|discount)|price match", 2),
        (
            r"(?:onerous|restrictive|unfair|long) contract|(?:tied|locked) in(?:to)?|"
            r"\d+[- ]month contract",
            2.5,
        ),
        (r"[£$€]\s?\d", 1),
    ),
}
