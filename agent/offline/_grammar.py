"""Reading how a customer built a sentence, so it can be said back to them.

A sentence is said back as a clause ("that we took 3 months ..."), as a
thing ("about awful customer service"), or, when neither would read as
correct English, quoted. Deciding which takes a subject and a verb, so this
module finds them with the word lists in `prompts/replies/voice.toml`.
"""

from __future__ import annotations

import re

from agent.offline._vocabulary import (
    CLOSED,
    GLUE,
    LINKS,
    OPENS,
    Vocabulary,
    closed,
    finite,
    is_verb,
    lower_first,
    plain,
    tokens,
)

LEADING_JUNK = re.compile(
    r"^(?:(?:and|but|or|also|then|plus|yes|yeah|well|ok|okay|lol|tbh|oh|sorry|h+m+"
    r"|\d+[.)]"
    r"|so(?=\s+(?:i|we|you|they|it|the|my|our)\b)|,|;|-)[\s,]+)+",
    re.I,
)
ELIDED = "[…]"
"""Stands in a quote for a word we would not repeat ("***", swearing)."""

_SIDE = {"if", "when", "whenever", "unless", "because", "although", "while", "once"}
_INSIDE = {"of", "a", "an", "the"}


def shape(sentence: str, vocabulary: Vocabulary) -> tuple[str, str] | None:
    """How `sentence` can follow "you told us": ("that"|"about", text), or None."""
    words = sentence.split()
    low = tokens(sentence)
    first, second = low[0], (low[1:2] or [""])[0]
    asks = ("question_words", "requests")
    if any(first in vocabulary[name] for name in asks) or ELIDED in sentence:
        return None
    if _generic_you(low, vocabulary) or _asks(low, vocabulary):
        return None
    if first in vocabulary["auxiliaries"] and (
        second in vocabulary["clause_subjects"] or second in vocabulary["determiners"]
    ):
        return None  # "can you add ...", "is the app ..."
    if first == "because" and len(words) > 2:
        if second == "of":
            return _thing(" ".join(words[2:]), vocabulary)
        rest = shape(" ".join(words[1:]), vocabulary)
        return rest if rest and rest[0] == "that" else None
    if _subject_at(low, 0, vocabulary):
        if _bare_noun(low, vocabulary):  # "app freezes" -> "the app freezes"
            words = ["the", *lower_first(sentence, "", vocabulary).split()]
        return "that", _clause(words, vocabulary)
    if _main_clause(low, vocabulary):
        return "that", _clause(words, vocabulary)
    if first == "as" and _subject_at(low, 1, vocabulary, bare=False):
        return "that", _clause(words[1:], vocabulary)  # "as I was never told"
    return _fragment(words, low, vocabulary)


def _main_clause(low: list, vocabulary: Vocabulary) -> bool:
    """Whether a lead-in ("after the update, ...") is followed by a clause."""
    first = low[0]
    if first in vocabulary["sentence_adverbs"]:
        at = 1
        while at < len(low) - 1 and low[at] in vocabulary["sentence_adverbs"]:
            at += 1
        return _subject_at(low, at, vocabulary, bare=False)
    if first not in vocabulary["lead_ins"] and first not in vocabulary["subordinators"]:
        return False
    for index in range(1, min(len(low), 24)):
        side = low[index - 1] in vocabulary["subordinators"]
        if not side and _subject_at(low, index, vocabulary, bare=False):
            return True
    return False


def _fragment(words: list, low: list, vocabulary: Vocabulary) -> tuple | None:
    """A subject where one is plainly missing, a thing, or None for a quote."""
    at = 0
    while at < len(low) - 1 and low[at] in vocabulary["verb_adverbs"]:
        at += 1
    verb, after = low[at], (low[at + 1 : at + 2] or [""])[0]
    subject = None
    asked = next((word for word in low[at + 1 : at + 3] if word != "not"), "")
    if verb in {"don't", "dont", "do"} and asked in vocabulary["base_verbs"]:
        subject = None  # "do not download this app" asks; it is quoted
    elif verb in vocabulary["you_before"]:
        subject = "I"
    elif verb in vocabulary["it_before"]:
        subject = "it"
    elif verb in {"was", "wasn't", "wasnt"}:
        if after in vocabulary["person_participles"]:
            subject = "I"  # "was sold the wrong package"
        elif after in vocabulary["determiners"]:
            subject = "it"  # "was a fiasco"
    elif verb == "been":
        subject = "I've"  # "been waiting six weeks"
    elif verb in {"didn't", "didnt", "never"} or (verb.endswith("ing") and at):
        doing = verb.endswith("ing")  # "still waiting", "still not working"
        what = verb if doing else after
        if what in vocabulary["person_verbs"]:
            subject = "I'm" if doing else "I"
        elif what in vocabulary["thing_verbs"]:
            subject = "it's" if doing else "it"
    elif verb in vocabulary["person_past"]:
        guard = re.search(r"\band (?:still|now|not|no|\w+ing)\b", " ".join(low))
        guard = guard and not guard[0].endswith("thing")
        subject = None if guard else "I"
    if subject:
        rest = lower_first(" ".join(words), "", vocabulary)
        return "that", _clause([subject, *rest.split()], vocabulary)

    lowered = lower_first(" ".join(words), "", vocabulary)
    if _verbless(words, vocabulary) and len(words) > 1:
        if low[0] in vocabulary["feelings"]:
            return "that", f"I'm {lowered}"  # "unable to log in"
        if low[0] in vocabulary["it_is_before"]:
            feeling = any(word in vocabulary["feelings"] for word in low[1:3])
            opener = "I'm" if feeling else "it's"
            return "that", f"{opener} {lowered}"
        if low[0] in vocabulary["there_is_before"] and low[1] != "one":
            return "that", f"there's {lowered}"
    if verb.endswith("ing") and not at and verb in vocabulary["thing_verbs"]:
        return "that", f"it's {lowered}"  # "crashing all the time"
    return _thing(" ".join(words), vocabulary)


def _thing(text: str, vocabulary: Vocabulary) -> tuple[str, str] | None:
    """A noun phrase, or a list of them, to follow "about"; None if not one."""
    chunks = re.split(r",\s*", text)
    for chunk in chunks:
        low = [plain(word) for word in chunk.split()]
        if not low or ":" in chunk or not _is_thing(low, vocabulary):
            return None  # "very poor service, still not connected": a quote
    items = [chunk for chunk in chunks if chunk]
    if len(items[0].split()) < 2:
        return None
    if len(items) > 1 and not re.search(r"\b(?:and|or)\b", items[-1]):
        items[-2:] = [f"{items[-2]} and {items[-1]}"]
    return "about", ", ".join(items)


def _is_thing(low: list, vocabulary: Vocabulary) -> bool:
    """Whether `low`, one comma-separated part, is a noun phrase, not a clause."""
    first = low[0]
    adjectives = vocabulary["thing_adjectives"] | vocabulary["failing"]
    if first.endswith("ed") and first not in adjectives:
        return False  # "placed order online" is something done
    opens = any(first in vocabulary[name] for name in [*OPENS, "finite"])
    if first in {"but", "company"} or len(low) > 10 or opens:
        return False
    relative = False
    for index, word in enumerate(low[1:], start=1):
        before = low[index - 1]
        if word in vocabulary["pronouns"] or word in vocabulary["joined_subjects"]:
            return False  # "box in the hallway which they insisted on"
        verb = finite(word, vocabulary) and word not in adjectives
        if word in _SIDE or (verb and not relative):
            return False
        relative = relative or word in {"who", "which", "that"}
        object_ = word in vocabulary["determiners"] or word in vocabulary["objects"]
        # "to get a line" and "in installing my router" are things still.
        lead = (low[index - 2 : index - 1] or [""])[0]
        linked = lead == "to" or closed(before, vocabulary, LINKS)
        if (
            object_
            and not linked
            and not (before.endswith("ing") and lead in vocabulary["lead_ins"])
        ):
            return False  # "spend the money", "send you work": a verb before it
    return True


def _subject_at(low: list, at: int, vocabulary: Vocabulary, bare=True) -> bool:
    """Whether a subject and then its verb start at word `at`."""
    word = low[at] if at < len(low) else ""
    if word in vocabulary["joined_subjects"]:
        return True
    if word in vocabulary["determiners"] or word == "company":
        nouns = 3  # "the app", "company engineers" ("our engineers")
    elif word in vocabulary["clause_subjects"] or word == "there":
        nouns = 0
    elif bare and word.isalpha() and not closed(word, vocabulary, CLOSED):
        nouns = 1 + word.endswith("ing")  # "getting connected was ..."
    else:
        return False
    for index in range(at + 1, len(low)):
        next_word, after = low[index], (low[index + 1 : index + 2] or [""])[0]
        if next_word in vocabulary["verb_adverbs"] or next_word in _INSIDE:
            continue  # "it just works", "the placing of an order was"
        if _verb_after_adverb(low, index, at, vocabulary):
            return True  # "the invoice PDF never downloads"
        if _verb_after_plural(low, index, at, vocabulary):
            return True  # "reminder texts go out at 3am"
        if is_verb(next_word, after, vocabulary) and not word.endswith("ing"):
            return True
        if next_word in vocabulary["finite"]:
            return True
        if word in vocabulary["pronouns"]:  # "it rings", "I hate": a verb
            return next_word.isalpha() and not closed(next_word, vocabulary, GLUE)
        if not nouns or not next_word.isalnum():
            return False
        if closed(next_word, vocabulary, GLUE):
            return False
        nouns -= 1
    return False


def _verb_after_adverb(low: list, index: int, at: int, vocabulary: Vocabulary) -> bool:
    """Whether `low[index]` is a verb because an adverb of time sits before it.

    After a noun phrase, "never", "still" or "always" is followed by its verb
    even when the verb is not in the lists: "the invoice PDF never downloads".
    """
    word = low[index]
    if index - 1 <= at or low[index - 1] not in vocabulary["verb_adverbs"]:
        return False
    plural = word.endswith("s") and not word.endswith("ss")
    return plural and word.isalpha() and not closed(word, vocabulary, CLOSED)


def _verb_after_plural(low: list, index: int, at: int, vocabulary: Vocabulary) -> bool:
    """Whether `low[index]` is the present-tense verb of a plural noun before it."""
    noun = low[index - 1] if index > at else ""
    plural = noun.endswith("s") and not noun.endswith(("ss", "us", "is"))
    plural = plural and not closed(noun, vocabulary, CLOSED)
    verbs = vocabulary["base_verbs"] | vocabulary["thing_verbs"]
    return plural and low[index] in verbs and noun not in vocabulary["determiners"]


def _bare_noun(low: list, vocabulary: Vocabulary) -> bool:
    """A lone singular noun as the subject ("app freezes"), which wants "the"."""
    first = low[0]
    taken = ("clause_subjects", "joined_subjects", "determiners", "proper_names")
    if any(first in vocabulary[name] for name in taken) or first == "there":
        return False
    if len(low) < 2:
        return False
    mass = first in vocabulary["mass_nouns"] or first.endswith(
        tuple(vocabulary["mass_endings"])
    )
    verb = next(
        word for word in [*low[1:], ""] if word not in vocabulary["verb_adverbs"]
    )
    return finite(verb, vocabulary) and not mass and not first.endswith("s")


def _verbless(words: list, vocabulary: Vocabulary) -> bool:
    """Whether `words` have no verb before their first joint: "too slow, ..."."""
    for word in words:
        if plain(word) in {"and", "but", "so", "because", "which", "who", "that"}:
            return True
        if finite(plain(word), vocabulary) or word.endswith(","):
            return not finite(plain(word), vocabulary)
    return True


def _clause(words: list, vocabulary: Vocabulary) -> str:
    """`words` up to the first comma-separated part that reads as a fragment."""
    parts = re.split(r"(?<=,)\s+", " ".join(words))
    kept = parts[:1]
    for part in parts[1:]:
        low = [plain(word) for word in LEADING_JUNK.sub("", part).split()]
        if not low or not _goes_on(low, vocabulary):
            break
        kept.append(part)
    return " ".join(kept).rstrip(",")


def _goes_on(low: list, vocabulary: Vocabulary) -> bool:
    """Whether a part after a comma carries the clause on: "..., it freezes"."""
    if _subject_at(low, 0, vocabulary, bare=False) or _main_clause(low, vocabulary):
        return True
    if finite(low[0], vocabulary) or low[1:2] in (["and"], ["or"]):
        return True  # "it crashes, freezes and logs me out", "it's laggy, slow"
    if _is_thing(low, vocabulary):
        return True
    joins = low[0] in vocabulary["subordinators"] or low[0] in vocabulary["lead_ins"]
    rest = low[1:]  # ", until it crashes", ", despite me ringing twice"
    return (
        joins
        and bool(rest)
        and (_subject_at(low, 1, vocabulary, bare=False) or _is_thing(rest, vocabulary))
    )


def _asks(low: list, vocabulary: Vocabulary) -> bool:
    """Whether a question or request sits inside: "... can you add ..."."""
    for index, word in enumerate(low[:-2]):
        if word in vocabulary["requests"]:
            return True
        if word in vocabulary["auxiliaries"] and low[index + 1] in {"you", "u"}:
            return True
        if word in vocabulary["question_words"] and index:
            aux, subject = low[index + 1 : index + 3]
            if aux in vocabulary["auxiliaries"] and subject in vocabulary["pronouns"]:
                return True
    return False


def _generic_you(low: list, vocabulary: Vocabulary) -> bool:
    """Whether "you" means people in general ("if you restart it ...")."""
    for index, word in enumerate(low):
        before = low[index - 1] if index else ""
        after = low[index + 1] if index + 1 < len(low) else ""
        if not word.startswith("you") or word in {"your", "yours", "yourself"}:
            continue
        if before in vocabulary["generic_you_after"]:
            return True
        if word == "you" and after in vocabulary["generic_you_next"]:
            return True
        if word in {"you'd", "you"} and after in {"think", "expect", "would"}:
            return True
    return False
