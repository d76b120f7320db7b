"""Turning a customer's pronouns round, so their words address them.

"I" becomes "you" and "you" (the company) becomes "we"; our brand, which the
exports write as "company", becomes "we", "us" or "our". The word lists live in
`prompts/replies/voice.toml`.
"""

from __future__ import annotations

import re

from agent.offline._vocabulary import Vocabulary, finite

WORD = re.compile(r"([A-Za-z][A-Za-z']*)")


def flip(sentence: str, vocabulary: Vocabulary) -> str:
    """`sentence` with its pronouns turned to address the customer."""
    parts = WORD.split(sentence)
    words, gaps = [part.lower() for part in parts[1::2]], parts[0::2]
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


def _brand(word: str, before: str, after: str, vocabulary: Vocabulary) -> str:
    """Our brand, which the exports write as "company", said as we, us or our."""
    if word.endswith("'s"):
        return "our"
    if finite(after, vocabulary) or after in vocabulary["verb_adverbs"]:
        return "we"
    closed = ("clause_end", "determiners", "subordinators", "lead_ins", "object_after")
    noun = after and not after.endswith(("ing", "ly")) and after != "and"
    if noun and not any(after in vocabulary[name] for name in closed):
        return "our"
    if before == "at":
        return "our end"
    return "us" if before else "we"
