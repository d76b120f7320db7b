"""Turning a customer's pronouns round, so their words address them.

"I" becomes "you" and "you" (the company) becomes "we"; our brand, which the
exports write as "company", becomes "we", "us" or "our" only where that reads
as English: as the subject before its verb ("company cancelled" -> "we
cancelled"), as an object after a verb or preposition ("call company" ->
"call us"), or before a noun it owns ("company engineers" -> "our
engineers"). Anywhere else ("worst company ever", "at company") the sentence
cannot be turned and `flip` returns None, so the caller quotes the customer.
A sentence that talks about "company" in the third person and also has
"you" as a subject uses "you" for someone other than us ("everybody you
spoke to at company"), so it is not turned either. The word lists live in
`prompts/replies/voice.toml`.
"""

from __future__ import annotations

import re

from agent.offline._vocabulary import CLOSED, Vocabulary, closed, finite

WORD = re.compile(r"([A-Za-z][A-Za-z']*)")
_JOINS = frozenset({"and", "but", "or", "so", "then"})
_PLACES = frozenset({"at", "in", "on", "into"})
"""After these, "company" is a place ("at company"): "us" would not read."""
_NOT_NOUNS = [*CLOSED, "determiners", "clause_end", "object_after", "pronouns"]
_NOT_NOUNS += ["counts", "shouted"]


def flip(sentence: str, vocabulary: Vocabulary) -> str | None:
    """`sentence` with its pronouns turned to address the customer.

    None when it cannot be turned into correct English (see the module
    docstring); the caller then quotes the customer's words instead.
    """
    parts = WORD.split(sentence)
    words, gaps = [part.lower() for part in parts[1::2]], parts[0::2]
    if {"company", "company's"} & set(words) and _someone_elses_you(words, vocabulary):
        return None
    out = [gaps[0]]
    subject = merge = speaker = False
    actor = ""
    for index, word in enumerate(words):
        if merge:  # "you guys" was already said as one "we"
            out[-1], merge = gaps[index + 1], False
            continue
        joined = index + 1 < len(words) and not gaps[index + 1].strip()
        before = words[index - 1] if index and not gaps[index].strip() else ""
        after = words[index + 1] if joined else ""
        # What a thing does to "you" ("it won't let you in") it did to them.
        done_by_thing = actor == "thing"

        if word == "you":
            merge = after in vocabulary["you_plural"]
            ends = not after or after in vocabulary["clause_end"]
            objective = before in vocabulary["object_after"] or (ends and not merge)
            new = "us" if objective else "we"
            new = "you" if objective and done_by_thing else new
        elif word == "your" and after in vocabulary["user_things"]:
            new = "your"
        elif word in {"company", "company's"} and (
            before not in vocabulary["company_nouns_after"]
        ):
            new = _brand(word, before, after, vocabulary)
            if new is None:
                return None
        elif (subject or after == "i") and word in vocabulary.agreement:
            new = vocabulary.agreement[word]
        elif speaker and before in {"and", "but"} and word in {"was", "wasn't"}:
            new = vocabulary.agreement[word]  # "I called and was told ..."
        elif word == "am" and not re.search(r"\d\s*$", gaps[index]):
            new = "are"
        else:
            new = vocabulary.swaps.get(word, parts[2 * index + 1])

        subject = word in {"i", "we", "you", "company"} and new in {"you", "we"}
        speaker = (subject and new == "you") or (speaker and not subject)
        if word in vocabulary["thing_subjects"]:
            actor = "thing"
        elif word in {"i", "we", "he", "she", "they", "company"} or new == "we":
            actor = "person"
        out += [new, gaps[index + 1]]
    return "".join(out)


def _someone_elses_you(words: list[str], vocabulary: Vocabulary) -> bool:
    """Whether a "you" beside a third-person "company" is not us.

    "been with you" is an object and means us; "everybody you spoke to at
    company" makes "you" a subject that cannot be us, since "company" is.
    """
    for index, word in enumerate(words):
        before = words[index - 1] if index else ""
        if (
            word in {"you", "you're", "you've"}
            and before not in vocabulary["object_after"]
        ):
            return True
    return False


def _brand(word: str, before: str, after: str, vocabulary: Vocabulary) -> str | None:
    """Our brand, which the exports write as "company", as we, us or our.

    None where none of them reads as English ("worst company ever").
    """
    noun = bool(after) and not closed(after, vocabulary, _NOT_NOUNS)
    noun = noun and after.isalpha() and not after.endswith(("ing", "ly"))
    if word.endswith("'s"):
        return "our" if noun else None
    opens = not before or before in vocabulary["subordinators"] or before in _JOINS
    verb = finite(after, vocabulary) or after in vocabulary["verb_adverbs"]
    if opens and verb:
        return "we"
    if noun and (opens or before in vocabulary["object_after"]):
        return "our"  # "company engineers", "from company staff"
    object_ = before in vocabulary["object_after"] and before not in _PLACES
    if object_ and not noun:
        return "us"  # "call company", "rang company twice"
    return None
