"""Putting the customer's own words into a reply addressed to them.

The analysis states the issue in the customer's terms ("you took 3 months to
install my wifi"). A reply says it back to them ("we took 3 months to install
your wifi"), without any personal data or instruction the comment carried.
The word lists live in `prompts/replies/voice.toml`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import prompts
from agent.guardrails import find_personal_data, instruction_sentences

MAX_WORDS = 30
"""A restated issue longer than this is cut at a clause boundary."""

_LEADING_JUNK = re.compile(r"^(?:(?:and|but|or|so|also|then|,|;|-)\s+)+", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+|;\s*")
_WORD = re.compile(r"([A-Za-z][A-Za-z']*)")
_MASKED = re.compile(r"\[(?:email|link|number|phone|card)\]|https?://\S+|www\.\S+")
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


@dataclass(frozen=True)
class Restatement:
    """An issue said back to the customer, in two shapes."""

    text: str
    """The bare restatement, e.g. "we took 3 months to install your wifi"."""
    about: str
    """Ready after "you told us": "that we took ..." or "about the ..."."""


@dataclass(frozen=True)
class _Vocabulary:
    swaps: dict[str, str]
    agreement: dict[str, str]
    words: dict[str, frozenset[str]]

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.words[name]


def restate(
    summary: str,
    *,
    area: str | None,
    safe: bool = False,
    prompts_dir: Path | None = None,
) -> Restatement:
    """Say `summary` back to the customer, or fall back to naming the area.

    The safe form ("the problem with the mobile app") is used when asked for,
    or when nothing usable is left once personal data and instruction-like
    sentences are taken out.
    """
    vocabulary = _vocabulary(prompts_dir)
    text = "" if safe else address(summary, prompts_dir)
    if re.fullmatch(r"[a-z][a-z'-]+", text):
        # One word ("Expensive") is kept as a quote rather than made a sentence.
        said = f'{area or "what went wrong"}, which you summed up as "{text}"'
        return Restatement(text=said, about=f"about {said}")
    if len(text.split()) < 2:
        text = f"the problem with {area}" if area else "the problem you described"
    first, *rest = text.split()
    if first in vocabulary["it_is_before"]:
        text = f"it's {text}"
    elif first in vocabulary["there_is_before"] and rest[:1] != ["one"]:
        text = f"there's {text}"
    joiner = "that" if _is_clause(text, vocabulary) else "about"
    return Restatement(text=text, about=f"{joiner} {text}")


def address(words: str | None, prompts_dir: Path | None = None) -> str:
    """The customer's `words` turned to address them, scrubbed and trimmed."""
    if not words:
        return ""
    vocabulary = _vocabulary(prompts_dir)
    text = words.translate(_FOLD)
    for order in instruction_sentences(text, prompts_dir):
        text = text.replace(order, " ")
    for value in find_personal_data(text) + _MASKED.findall(text):
        text = _cut(text, value, vocabulary)

    found = [_tidy(_LEADING_JUNK.sub("", _tidy(s))) for s in _SENTENCE.split(text)]
    found = [sentence for sentence in found if sentence]
    if len(found) > 1:  # a one-word exclamation beside real sentences adds nothing
        found = [sentence for sentence in found if len(sentence.split()) > 1]
    kept = [_lower_first(_flip(s, vocabulary), words, vocabulary) for s in found[:2]]
    if len(kept) == 2 and len(" ".join(kept).split()) > MAX_WORDS:
        kept.pop()
    return _shorten(" and ".join(kept))


def area_phrase(product_area: str, prompts_dir: Path | None = None) -> str | None:
    """The product area as a phrase to use mid-sentence, or None if generic."""
    vocabulary = _vocabulary(prompts_dir)
    area = " ".join(product_area.replace("_", " ").split())
    area = _lower_first(area, "", vocabulary)
    if area.lower() in vocabulary["generic_areas"] or not area:
        return None
    last = area.split()[-1].lower()
    bare = last in vocabulary["mass_nouns"] or any(
        last.endswith(ending) for ending in vocabulary["mass_endings"]
    )
    if bare or area.lower().startswith(("the ", "your ", "our ")):
        return area
    return f"the {area}"


def format_date(day: date) -> str:
    """A date as a person writes it in a letter: "Tuesday 8 December"."""
    return f"{day:%A} {day.day} {day:%B}"


def _flip(sentence: str, vocabulary: _Vocabulary) -> str:
    parts = _WORD.split(sentence)
    words, gaps = [part.lower() for part in parts[1::2]], parts[0::2]
    out = [gaps[0]]
    subject = merge = False
    for index, word in enumerate(words):
        if merge:  # "you guys" was already said as one "we"
            out[-1], merge = gaps[index + 1], False
            continue
        joined = index + 1 < len(words) and not gaps[index + 1].strip()
        before = words[index - 1] if index and not gaps[index].strip() else ""
        after = words[index + 1] if joined else ""

        if word == "you":
            merge = after in vocabulary["you_plural"]
            ends = not after or after in vocabulary["clause_end"]
            objective = before in vocabulary["object_after"] or (ends and not merge)
            new = "us" if objective else "we"
        elif subject and word in vocabulary.agreement:
            new = vocabulary.agreement[word]
        else:
            new = vocabulary.swaps.get(word, parts[2 * index + 1])
        subject = word in {"i", "we", "you"} and new in {"you", "we"}
        out += [new, gaps[index + 1]]
    return "".join(out)


def _is_clause(text: str, vocabulary: _Vocabulary) -> bool:
    words = text.lower().split()
    if words and words[0] in vocabulary["subjects"]:
        return True
    for position, word in enumerate(words):
        if word in vocabulary["clause_cues"]:
            return True
        previous = words[position - 1] if position else "a"
        if word.endswith("ed") and previous not in vocabulary["determiners"]:
            return True
    return False


def _cut(text: str, value: str, vocabulary: _Vocabulary) -> str:
    start = text.find(value)
    if start < 0:
        return text
    before, after = text[:start].rstrip().split(" "), text[start + len(value) :]
    # "call me on <number>." leaves "call me on" dangling; "my card <number>
    # was charged" keeps "my card".
    next_word = after.split(maxsplit=1)[0].lower() if after.strip() else ""
    ends = next_word in vocabulary["clause_end"]
    if not next_word or next_word[0] in ".,;:!?)" or ends:
        while before and before[-1].lower().strip(":,") in vocabulary["glue"]:
            before.pop()
    return " ".join(before) + " " + after


def _tidy(text: str) -> str:
    text = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(text.split()))
    return text.strip(" \"'.!?;:,-()…")


def _lower_first(text: str, source: str, vocabulary: _Vocabulary) -> str:
    first, _, rest = text.partition(" ")
    if not first or first[0].islower():
        return text
    if first.lower() in vocabulary["determiners"]:
        return first.lower() + text[len(first) :]
    acronym = len(first) > 1 and (first.isupper() or not first[1:].islower())
    named = rest[:1].isupper() and not rest.startswith("I ")
    proper = re.search(rf"[a-z,] {re.escape(first)}\b", source.translate(_FOLD))
    if acronym or named or proper:
        return text
    return f"{first[0].lower()}{first[1:]} {rest}".rstrip()


def _shorten(text: str) -> str:
    words = text.split()
    if len(words) <= MAX_WORDS:
        return text
    head = " ".join(words[:MAX_WORDS])
    cut = max(head.rfind(","), head.rfind(" and "), head.rfind(" but "))
    return _tidy(head[:cut]) if cut > len(head) // 3 else _tidy(head)


@lru_cache(maxsize=8)
def _vocabulary(prompts_dir: Path | None) -> _Vocabulary:
    data = tomllib.loads(prompts.load_prompt("replies/voice.toml", prompts_dir))
    words = {name: frozenset(text.split()) for name, text in data["words"].items()}
    return _Vocabulary(swaps=data["swaps"], agreement=data["agreement"], words=words)
