"""Personal data out of text before it leaves the machine, and back after.

Emails, card numbers, phone numbers and street addresses in a comment are
replaced by numbered placeholders (`[EMAIL_1]`, `[CARD_1]`, ...). The model
only ever sees the placeholders. What comes back is restored locally: the
analysis gets every original value back, so evidence quotes stay verbatim;
a reply gets every value except card numbers, which never belong in one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agent.guardrails import find_personal_data

CARD_IN_REPLY = "[card number removed]"

_KINDS = ("EMAIL", "CARD", "ACCOUNT", "PHONE", "ADDRESS")
_PLACEHOLDER = re.compile(r"\[(EMAIL|CARD|ACCOUNT|PHONE|ADDRESS)_(\d+)\]")
_BANK = re.compile(r"^(?:[A-Z]{2}\d{2}[A-Z0-9 ]+|\d{2}-\d{2}-\d{2})$")
_STREET_WORDS = (
    r"street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|court|ct"
    r"|place|pl|terrace|close|crescent|highway|hwy|parkway|square|sq"
)
# Street addresses have no single shape; these cover the house-number forms
# of English, German, French and Spanish addresses that comments quote.
_ADDRESSES = (
    re.compile(
        rf"\b\d{{1,5}}[a-z]?,?(?:\s+[A-Z][\w'.-]*){{1,4}}\s+(?:{_STREET_WORDS})\b"
        r"(?:,?\s+(?:apt|apartment|suite|unit|flat)\.?\s*#?\w+)?",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|str\.|weg|platz|allee|gasse|ring)"
        r"\s+\d{1,4}\s?[a-z]?\b"
    ),
    re.compile(
        r"\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|bd|place|chemin"
        r"|allée|impasse|quai)\s+(?:(?:de|du|des|la|le|d'|l')\s*)*"
        r"[A-ZÉÈ][\w'’-]*(?:\s+[A-ZÉÈ][\w'’-]*){0,3}"
    ),
    re.compile(
        r"\b(?:calle|c/|avenida|avda\.?|plaza|paseo)\s+(?:(?:de|del|la|los|las)\s+)*"
        r"[A-ZÁÉÍÓÚÑ][\wáéíóúñ]*(?:\s+[A-ZÁÉÍÓÚÑ][\wáéíóúñ]*){0,3},?\s*(?:n[º°o]\.?\s*)?"
        r"\d{1,4}",
        re.IGNORECASE,
    ),
)


@dataclass
class Redaction:
    """The placeholders used for one text and the values they stand for."""

    values: dict[str, str] = field(default_factory=dict)

    def hide(self, text: str) -> str:
        """`text` with every piece of personal data replaced by its placeholder."""
        for kind, value in _personal_data(text):
            text = text.replace(value, self._placeholder(kind, value))
        return text

    def restore(self, text: str, *, cards: bool = True) -> str:
        """`text` with placeholders put back; card numbers only if `cards`."""

        def back(match: re.Match[str]) -> str:
            original = self.values.get(match[0])
            if original is None:
                return match[0]
            if match[1] == "CARD" and not cards:
                return CARD_IN_REPLY
            return original

        return _PLACEHOLDER.sub(back, text)

    def _placeholder(self, kind: str, value: str) -> str:
        for placeholder, known in self.values.items():
            if known == value:
                return placeholder
        number = sum(p.startswith(f"[{kind}_") for p in self.values) + 1
        placeholder = f"[{kind}_{number}]"
        self.values[placeholder] = value
        return placeholder


def _personal_data(text: str) -> list[tuple[str, str]]:
    """(kind, value) for each piece of personal data, longest first."""
    found: list[tuple[str, str]] = []
    for pattern in _ADDRESSES:
        found += [("ADDRESS", match[0].strip()) for match in pattern.finditer(text)]
    addresses = {value for _, value in found}
    for value in find_personal_data(text):
        digits = re.sub(r"\D", "", value)
        if value in addresses or any(value in address for address in addresses):
            continue
        if "@" in value:
            found.append(("EMAIL", value))
        elif _BANK.match(value):
            found.append(("ACCOUNT", value))
        elif re.search(r"[^\W\d_]", value):
            found.append(("ADDRESS", value))
        elif 13 <= len(digits) <= 19:
            found.append(("CARD", value))
        else:
            found.append(("PHONE", value))
    # Longest first, so a phone number inside an address goes with the address.
    found.sort(key=lambda item: (-len(item[1]), _KINDS.index(item[0])))
    return found
