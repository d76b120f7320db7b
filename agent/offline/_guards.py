"""Guards on what a comment may steer: instructions, demands, requests, PII.

A sentence that instructs the system is blanked before any cue is read. A
sentence that demands or requests something ("you must refund me", "please
sort it out", "can you call me") still counts for the labels, but it is the
customer's ask rather than their problem, so it is the summary only when no
other sentence describes one. Personal data is masked wherever text is shown.
"""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w/])\+?\d[\d ()-]{7,}\d(?![\w/])")
_CARD_OR_ACCOUNT = re.compile(r"\b\d(?:[ -]?\d){11,18}\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")
_SORT_CODE = re.compile(
    r"(\bsort\s*code[\s:.#]{0,3})\d{2}[- ]?\d{2}[- ]?\d{2}(?![\w-])", re.IGNORECASE
)
_LABELLED_NUMBER = re.compile(
    r"(\b(?:account|acct|acc|customer|reference|ref|membership|policy|sort code|"
    r"iban|card|no|number)[\s:.#]{1,3})\d[\d -]{4,}\d\b",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_POSTCODE = re.compile(r"\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b", re.IGNORECASE)
_STREET = re.compile(
    r"\b\d{1,4}\s+(?:[a-z]+\s+){1,3}(?:road|rd|street|st|avenue|ave|lane|close|"
    r"drive|way|crescent|court|place|terrace|grove|gardens)\b",
    re.IGNORECASE,
)
_PII = (
    (_EMAIL, "[email]"),
    (_URL, "[link]"),
    (_IBAN, "[number]"),
    (_CARD_OR_ACCOUNT, "[number]"),
    (_SORT_CODE, r"\1[number]"),
    (_STREET, "[address]"),
    (_POSTCODE, "[postcode]"),
    (_PHONE, "[phone]"),
    (_LABELLED_NUMBER, r"\1[number]"),
)
_PII_FILLER = re.compile(
    r"\b(?:my|me|on|at|is|number|no|phone|mobile|tel|email|e-mail|call|ring|"
    r"contact|reach|address|account|ref|reference|details?|please|pls|plz|"
    r"or|and|the|you|can|i|am|it's|its|here|mail)\b",
    re.IGNORECASE,
)

_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+)?"
    r"(?:previous|prior|above|earlier|preceding|system|original)?\s*"
    r"(?:instructions?|prompts?|rules|guidelines)"
    r"|\b(?:system|developer)\s+(?:prompt|message|instructions?)"
    r"|\byou\s+are\s+(?:now\s+)?(?:an?\s+)?(?:ai|assistant|bot|language model|gpt)"
    r"|\bas\s+an\s+ai\b|\bnew\s+instructions?\b|\bjailbreak"
    r"|\bpretend\s+(?:to\s+be|you\s+are)"
    r"|\b(?:write|reply|respond|answer)\s+back\s+(?:to\s+me\s+)?(?:that|saying)\b"
    r"|\bin\s+your\s+(?:reply|response|answer|email)\s*,?\s+(?:say|promise|"
    r"include|confirm|tell)"
    r"|\b(?:repeat|print|output|reveal|show)\s+(?:me\s+)?(?:your|the)\s+"
    r"(?:prompt|instructions)"
    r"|<\|?\s*(?:system|im_start|assistant)|\[/?inst\]"
    r"|\b(?:classify|categori[sz]e|label|route|tag|mark)\s+(?:this|it|me)\s+"
    r"(?:as|to)\s+(?:an?\s+)?(?:p[1-4]\b|priority|urgent|[a-z]+_[a-z]+|pricing|"
    r"billing|other|fundamental|fixable|promoter)",
    re.IGNORECASE,
)
_DEMAND = re.compile(
    r"\byou\s+(?:must|have\s+to|will|shall|need\s+to|are\s+required\s+to)\s+"
    r"(?:now\s+|immediately\s+)?(?:give|refund|send|pay|credit|approve|promise|"
    r"offer|reply|respond|write|include|grant|compensate)"
    r"|\bi\s+(?:demand|insist)\b",
    re.IGNORECASE,
)

_REQUEST = re.compile(
    r"^\W*(?:(?:so|and|but|now|just|again|also|ok|okay)\s*,?\s+)*(?:"
    r"please|pls|plz|kindly|(?:can|could|would|will)\s+(?:you|someone|somebody|"
    r"anyone|u)\b|(?:i|we)\s+(?:really\s+|just\s+)?(?:want|need|expect|demand|"
    r"insist|would like|'d like|wish)\s+(?:you|a|an|my|our|the|to|it|them|this|"
    r"that|someone|somebody|some|compensation|money)\b|"
    r"(?:refund|reimburse|compensate|credit|give|send|call|ring|contact|sort|fix|"
    r"cancel|resolve|get\s+(?:this|it|me))\s+(?:me|us|it|this|that|my|our|the|"
    r"out)\b|"
    r"por favor|bitte|s'il vous pla[iî]t|svp|merci de|per favore|alstublieft|"
    r"graag|(?:quiero|quisiera|necesito|exijo|ich (?:will|m[öo]chte|erwarte)|"
    r"je (?:veux|voudrais|demande|exige)|(?:eu )?(?:quero|gostaria)|vorrei|"
    r"voglio|ik wil)\b)",
    re.IGNORECASE,
)


def is_injection(text: str) -> bool:
    """True for text that tries to instruct the system rather than give feedback."""
    return bool(_INJECTION.search(text))


def is_demand(text: str) -> bool:
    """True for a sentence that orders the reply to say or grant something."""
    return bool(_DEMAND.search(text))


def is_request(text: str) -> bool:
    """True for a sentence that asks for something rather than describes a problem.

    A demand counts as a request too.
    """
    return bool(_REQUEST.search(text)) or is_demand(text)


def has_pii(text: str) -> bool:
    """True when the text carries contact details, an address or an account number."""
    return any(pattern.search(text) for pattern, _ in _PII)


def is_pii_only(text: str) -> bool:
    """True when the text is personal data with little else around it."""
    if not has_pii(text):
        return False
    rest = mask_pii(text)
    rest = re.sub(r"\[(?:email|phone|number|link|address|postcode)\]", " ", rest)
    rest = _PII_FILLER.sub(" ", rest)
    return len(re.findall(r"[^\W\d_]{2,}", rest)) < 3


# A spreadsheet formula or the quote that guards against one, which some
# exports put in front of a comment: "=HYPERLINK(...)", "'=1+1", "'text".
_FORMULA = re.compile(
    r"^\s*'?\s*[=+@]\s*(?:[A-Za-z_][\w.]*\((?:[^()]|\([^()]*\))*\)?|\S+)\s+"
    r"|^\s*'(?=\S)"
)


def strip_formula(text: str) -> str:
    """`text` without a leading spreadsheet formula or its guard quote."""
    return _FORMULA.sub("", text, count=1)


def mask_pii(text: str) -> str:
    """Replace emails, links, account numbers, addresses and phones with tags."""
    for pattern, tag in _PII:
        text = pattern.sub(tag, text)
    return text
