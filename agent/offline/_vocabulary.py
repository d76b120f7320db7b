"""The word lists the drafter reads a customer's words with, and word tests.

The lists live in `prompts/replies/voice.toml`, so a user can tune them the
way they tune a reply framework.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import prompts

FOLD = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "\\": "", "，": ",", "？": "?", "！": "!"}
)


@dataclass(frozen=True)
class Vocabulary:
    """The word lists of `replies/voice.toml`, by name."""

    swaps: dict[str, str]
    agreement: dict[str, str]
    words: dict[str, frozenset[str]]

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.words[name]


@lru_cache(maxsize=8)
def load_vocabulary(prompts_dir: Path | None) -> Vocabulary:
    """The drafter's word lists, from `prompts_dir` if it overrides them."""
    data = tomllib.loads(prompts.load_prompt("replies/voice.toml", prompts_dir))
    words = {name: frozenset(text.split()) for name, text in data["words"].items()}
    return Vocabulary(swaps=data["swaps"], agreement=data["agreement"], words=words)


def finite(word: str, vocabulary: Vocabulary) -> bool:
    """Whether `word` (lower case) is a verb that makes a clause: "is", "took"."""
    if word in vocabulary["finite"]:
        return True
    return len(word) > 4 and word.endswith("ed") and word not in vocabulary["not_verbs"]


def plain(word: str) -> str:
    """`word` in lower case without punctuation, for looking up in the lists."""
    return re.sub(r"[^a-z0-9']", "", word.lower().translate(FOLD)).strip("'")


def tokens(sentence: str) -> list[str]:
    """The words of `sentence` as `plain` looks them up, commas kept apart."""
    return [plain(word) or word for word in re.findall(r"[^\s,]+|,", sentence)]


def lower_first(text: str, source: str, vocabulary: Vocabulary) -> str:
    """`text` with its first word lower-cased to go mid-sentence, unless that
    word is a name or an acronym (as `source`, the customer's words, shows)."""
    first, _, rest = text.partition(" ")
    if not first or first[0].islower():
        return text
    if first.lower() in vocabulary["determiners"]:
        return first.lower() + text[len(first) :]
    acronym = len(first) > 1 and (first.isupper() or not first[1:].islower())
    named = rest[:1].isupper() and not rest.startswith("I ")
    proper = re.search(rf"[a-z,] {re.escape(first)}\b", source.translate(FOLD))
    if acronym or named or proper or plain(first) in vocabulary["proper_names"]:
        return text
    return f"{first[0].lower()}{first[1:]} {rest}".rstrip()


def closed(word: str, vocabulary: Vocabulary, lists: list[str]) -> bool:
    """Whether `word` is a verb or in one of the named `lists`."""
    return finite(word, vocabulary) or any(word in vocabulary[n] for n in lists)


# Names of lists in voice.toml, grouped by what the words cannot be.
GLUE = ["dangling", "subordinators", "lead_ins"]
"""Lists of words that cannot be part of a noun phrase."""
CLOSED = [
    *GLUE,
    *["finite", "question_words", "requests", "sentence_adverbs", "verb_adverbs"],
    *["it_is_before", "there_is_before", "base_verbs"],
]
"""Lists of words that cannot be a noun."""
OPENS = [*GLUE[1:], "question_words", "requests", "sentence_adverbs"]
OPENS += ["verb_adverbs", "base_verbs", "participles"]
"""Lists of words that cannot open a noun phrase."""
LINKS = ["object_after", "lead_ins", "determiners", "dangling", "subordinators"]
"""Lists of words that may come before "the" or "me" inside a noun phrase."""
_FUNCTION = [name for name in CLOSED if name != "base_verbs"]
_FUNCTION += ["pronouns", "determiners", "you_plural"]


def is_verb(word: str, after: str, vocabulary: Vocabulary) -> bool:
    """Whether `word`, after a subject, is its verb: "failed", "cancelled the"."""
    if word in vocabulary["thing_adjectives"]:  # "appointment cancelled twice"
        return after in vocabulary["determiners"] or after in vocabulary["objects"]
    if word in vocabulary["failing"]:  # "the order failed", "two failed orders"
        return not after.isalpha() or closed(after, vocabulary, CLOSED)
    return finite(word, vocabulary)


def content_stems(sentence: str, vocabulary: Vocabulary) -> set[str]:
    """The first five letters of each telling word of `sentence`."""
    words = (plain(word) for word in sentence.split())
    return {
        word[:5]
        for word in words
        if len(word) > 2
        and word.isalpha()
        and not closed(word, vocabulary, _FUNCTION)
        and word not in vocabulary.swaps
    }
