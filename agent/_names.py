"""Telling a person's name from a company's, a team's or a shared mailbox."""

from __future__ import annotations

_ORG_WORDS = frozenset({
    "accounts", "accounting", "admin", "administration", "all", "billing", "co",
    "company", "corp", "corporation", "customer", "customers", "department",
    "dept", "everyone", "finance", "gmbh", "group", "hello", "help", "inc",
    "info", "limited", "llc", "llp", "ltd", "office", "operations", "payroll",
    "plc", "pty", "sa", "sales", "service", "services", "shop", "staff",
    "store", "support", "team", "the",
})  # fmt: skip
_SUFFIXES = frozenset({
    "jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "mba", "cpa", "dds",
})  # fmt: skip
_PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "da", "di", "del", "della", "dos", "das",
    "du", "la", "le", "st", "st.", "bin", "al", "el", "ter", "ten", "mac",
})  # fmt: skip
_SHARED_MAILBOXES = _ORG_WORDS | {"contact", "noreply", "no-reply", "ap"}
_HONORIFICS = frozenset({
    "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "sir", "dame", "herr", "frau",
    "sr", "sra", "srta", "mme", "mlle",
})  # fmt: skip


def first_name(name: str | None, email: str | None) -> str | None:
    """The first name to greet someone by, or None for a neutral greeting.

    Company or team names ("Harbor Finch Accounts"), shared mailboxes
    (billing@...), initials and e-mail addresses give no first name;
    honorifics are skipped and ALL-CAPS or lower-case names are capitalized.
    A name written surname first ("Smith, John") is greeted by the part after
    the comma; one with a suffix after it ("Dana Okafor, PhD") by the first.
    """
    if not name or _shared_mailbox(email):
        return None
    words = _given_first(name).split()
    while words and words[0].casefold().strip(".") in _HONORIFICS:
        words = words[1:]
    if not words or any(w.casefold().strip(".") in _ORG_WORDS for w in words):
        return None

    first = words[0].strip(".")
    if len(first) < 2 or any(not ch.isalpha() and ch not in "-'" for ch in first):
        return None
    if first.isupper() or first.islower():
        first = first.capitalize()
    return first


def _given_first(name: str) -> str:
    """`name` with a "Last, First" order turned round, and commas gone."""
    surname, comma, given = name.partition(",")
    given_words = given.replace(",", " ").split()
    if not comma or not given_words:
        return name.replace(",", " ")
    suffix = given_words[0].casefold().strip(".") in _SUFFIXES
    named = [w for w in surname.split() if w.casefold() not in _PARTICLES]
    if len(named) == 1 and not suffix:
        return " ".join(given_words)
    return f"{surname} {' '.join(given_words)}"


def _shared_mailbox(email: str | None) -> bool:
    if not email or "@" not in email:
        return False
    return email.split("@", 1)[0].casefold() in _SHARED_MAILBOXES
