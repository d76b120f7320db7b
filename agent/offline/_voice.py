"""Putting the customer's own words into a reply addressed to them.

The analysis states the issue in the customer's terms ("you took 3 months to
install my wifi"). A reply says it back to them ("we took 3 months to install
your wifi"), without any personal data or instruction the comment carried.
What cannot be said back as correct English (a fragment with no subject, a
question, a request) is quoted as they wrote it, cut at a whole clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from agent.guardrails import find_personal_data, instruction_sentences
from agent.offline._grammar import ELIDED, LEADING_JUNK, shape
from agent.offline._guards import mask_pii, strip_formula
from agent.offline._pronouns import WORD, flip
from agent.offline._vocabulary import (
    FOLD,
    Vocabulary,
    content_stems,
    load_vocabulary,
    lower_first,
    plain,
)

MAX_WORDS = 30
"""A restated issue longer than this is cut at a clause boundary."""

# Sentences end at . ! ? ; … and line breaks, and where a customer left out
# the space ("the site.why is", "signing in againNo one knows").
_SENTENCE = re.compile(
    r"(?<=[.!?])\s+|(?<=[a-z][.!?])(?=[A-Z])|(?<=[a-z]{3}[.!?])(?=[a-z])|\n+|;\s*"
    r"|…\s*(?=\w)|(?<=[a-z]{3})(?=(?:No|I|The|It|This|My|We|They|But|So|Then)\s)"
)
_BOUNDARY = re.compile(r",\s|\s-\s|\s(?=(?:and|but|so|because|which|then|or)\s)")
_MASKED = re.compile(
    r"\[(?:email|link|number|phone|card|address|postcode)\]|https?://\S+|www\.\S+"
    r"|\{\{[^}]*\}\}"
)
# The pieces a comment is taken apart at to drop the ones that held personal
# data: commas, dashes, "and"/"or"/"but", sentence ends and line breaks.
_PIECES = re.compile(r"(,\s+|\s-\s|\s(?=(?:and|or|but|so|then)\s)|[.!?;]\s+|\n+)")
_CONTACT_VERBS = frozenset({
    "call", "ring", "phone", "mail", "email", "e-mail", "text", "contact", "reach",
    "write", "message", "dm",
})  # fmt: skip
_DATA_LABELS = frozenset({
    "account", "acct", "acc", "number", "no", "num", "nr", "sort", "code", "iban",
    "card", "bank", "my", "our", "the", "and", "with", "details",
})  # fmt: skip
_VALUE_LABELS = frozenset({
    "number", "no", "code", "iban", "ref", "reference", "is", "#", ":", "num", "nr",
})  # fmt: skip
_ASIDE = re.compile(r"（[^）]*）|^[\u3000-\u9fff\uff00-\uffef]+|[\u200d\ufe0f]")


@dataclass(frozen=True)
class Restatement:
    """An issue said back to the customer, in two shapes."""

    text: str
    """The bare restatement: "we took 3 months to install your wifi", or the
    customer's words in quotes."""
    about: str
    """Ready after "you told us": "that we took ...", "about the ...", or
    "about the problem you described ("...")"."""


def restate(
    summary: str,
    *,
    area: str | None,
    safe: bool = False,
    english: bool = True,
    prompts_dir: Path | None = None,
) -> Restatement:
    """Say `summary` back to the customer, or fall back to naming the area.

    A clause is said back with its pronouns turned ("that we took ..."), a
    noun phrase after "about"; anything else is quoted. The safe form ("the
    problem with the mobile app") is used when asked for, or when nothing
    usable is left once personal data and instructions are taken out.
    """
    vocabulary = load_vocabulary(prompts_dir)
    problem = f"the problem with {area}" if area else "the problem you described"
    found = [] if safe else _sentences(summary, vocabulary, prompts_dir)
    sentences = [sentence for sentence in found if WORD.search(sentence)]
    if not sentences:
        return Restatement(text=problem, about=f"about {problem}")

    # One word ("Expensive") is quoted rather than made a sentence.
    many = len(" ".join(sentences).split()) > 1
    shaped = shape(sentences[0], vocabulary) if english and many else None
    if shaped and _keeps_enough(shaped[1], sentences[0], vocabulary):
        joiner, text = shaped
        parts = [_say(text, summary, vocabulary)]
        second = shape(sentences[1], vocabulary) if len(sentences) > 1 else None
        short = len(text.split()) < MAX_WORDS // 2
        turns = second and flip(second[1], vocabulary) is not None
        if short and joiner == "that" and turns and second[0] == "that":
            parts.append(_say(second[1], summary, vocabulary))
        said = _fit(" and ".join(parts), vocabulary)
        return Restatement(text=said, about=f"{joiner} {said}")

    quote = _quote(sentences, vocabulary, summary)
    return Restatement(text=quote, about=f"about {problem} ({quote})")


def address(words: str | None, prompts_dir: Path | None = None) -> str:
    """The customer's `words` turned to address them, scrubbed and trimmed."""
    vocabulary = load_vocabulary(prompts_dir)
    found = _sentences(words or "", vocabulary, prompts_dir)
    kept = [
        _say(sentence, words or "", vocabulary)
        if flip(sentence, vocabulary) is not None
        else _quote([sentence], vocabulary, words or "")
        for sentence in found[:2]
    ]
    if len(kept) == 2 and len(" ".join(kept).split()) > MAX_WORDS:
        kept.pop()
    return _fit(" and ".join(kept), vocabulary)


def area_phrase(product_area: str, prompts_dir: Path | None = None) -> str | None:
    """The product area as a phrase to use mid-sentence, or None if generic."""
    vocabulary = load_vocabulary(prompts_dir)
    area = " ".join(product_area.replace("_", " ").split())
    area = lower_first(area, "", vocabulary)
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


def _sentences(
    words: str, vocabulary: Vocabulary, prompts_dir: Path | None
) -> list[str]:
    """The customer's sentences, without personal data, orders or shouting."""
    text = _ASIDE.sub(" ", words.translate(FOLD))
    text = WORD.sub(
        lambda m: ELIDED if m[0].lower() in vocabulary["profanity"] else m[0], text
    )
    # Swearing masked with symbols: "f***", "f@@k", "sh#t" (not an address).
    text = re.sub(r"\S*\*{2,}\S*|\S*[^\W\d_](?:[*#$%]+|@{2,})[^\W\d_]\S*", ELIDED, text)
    truncated = text.rstrip().endswith(("…", "..."))
    for order in instruction_sentences(text, prompts_dir):
        text = text.replace(order, " ")
    text = mask_pii(strip_formula(text))
    for value in find_personal_data(text):
        text = text.replace(value, "[number]")
    without = _without_personal_data(text, vocabulary)
    if without is None:
        return []  # the data was part of what they said: name the area instead
    text = without

    found = [_tidy(LEADING_JUNK.sub("", _tidy(s))) for s in _SENTENCE.split(text)]
    found = [_calm(sentence, vocabulary) for sentence in found if sentence]
    if len(found) > 1:  # a one-word exclamation beside real sentences adds nothing
        found = [sentence for sentence in found if len(sentence.split()) > 1]
    if truncated and found:
        found[-1] = _complete(found[-1], vocabulary)
    return [sentence for sentence in found if sentence]


def _keeps_enough(text: str, sentence: str, vocabulary: Vocabulary) -> bool:
    """Whether `text`, said back, keeps enough of `sentence` to stand for it.

    A clause cut down to its first few words, or one whose only telling word
    was "company" (said back as "we"), says too little, and "you were told"
    reads as arguing the point: the caller quotes the customer instead.
    """
    words = [plain(word) for word in text.split()]
    for subject, verb, told in zip(words, words[1:], words[2:], strict=False):
        said_to = subject in {"i", "we"} and verb in {"was", "were"}
        if said_to and told in vocabulary["reported"]:
            return False
    turned = flip(text, vocabulary)
    if turned is None:
        return False  # "worst company ever" has no "we" or "our" form
    flipped = {word[:5] for word in WORD.findall(turned.lower())}
    said = content_stems(sentence, vocabulary)
    kept = sum(stem in flipped for stem in said)
    return kept >= min(2, len(said)) and (kept >= len(said) // 2 or kept > 4)


def _quote(sentences: list, vocabulary: Vocabulary, summary: str) -> str:
    """The customer's words as a quote: verbatim, scrubbed, cut at a clause."""
    text = sentences[0]
    if len(text.split()) < 5 and len(sentences) > 1:
        text = f"{text}. {sentences[1]}"
    asks = _is_question(text, vocabulary)
    cut = summary.rstrip().endswith(("…", "...")) and text.endswith(sentences[-1])
    if len(text.split()) > MAX_WORDS:
        cut = True
    text = re.sub(r"\bi\b", "I", _fit(text, vocabulary).replace('"', "'"))
    # The customer's own brackets and swearing must not break the reply's.
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "")
    text = re.sub(rf"(?:{re.escape(ELIDED)}\s*)+", f"{ELIDED} ", text).strip()
    mark = "…" if cut else ("?" if asks else "")
    return f'"{text[0].upper()}{text[1:]}{mark}"'


def _is_question(sentence: str, vocabulary: Vocabulary) -> bool:
    """Whether `sentence` asks ("why can't I ...", "can you add ...")."""
    low = [plain(word) for word in sentence.split()] + [""]
    asking = ("auxiliaries", "pronouns")
    if low[0] in vocabulary["question_words"]:
        return any(low[1] in vocabulary[name] for name in asking)
    return low[0] in vocabulary["auxiliaries"] and low[1] in vocabulary["pronouns"]


def _say(text: str, source: str, vocabulary: Vocabulary) -> str:
    """A clause or thing in the customer's words, turned to address them."""
    if text.count('"') % 2:  # a quote the summary cut in half
        text = text.replace('"', "")
    turned = flip(text, vocabulary)
    return lower_first(text if turned is None else turned, source, vocabulary)


def _fit(text: str, vocabulary: Vocabulary) -> str:
    """`text` cut to `MAX_WORDS` at a clause boundary, never on a loose word."""
    words = text.split()
    if len(words) <= MAX_WORDS:
        return _trim(text, vocabulary, "never_last")
    head = " ".join(words[:MAX_WORDS])
    cut = max((match.start() for match in _BOUNDARY.finditer(head)), default=0)
    return _trim(head[:cut] if cut > len(head) // 3 else head, vocabulary)


def _complete(sentence: str, vocabulary: Vocabulary) -> str:
    """A sentence cut off mid-clause, taken back to its last whole clause."""
    for match in reversed(list(_BOUNDARY.finditer(sentence))):
        if len(sentence[: match.start()].split()) >= 3:
            return _trim(sentence[: match.start()], vocabulary)
    return _trim(sentence, vocabulary)


def _trim(text: str, vocabulary: Vocabulary, loose: str = "dangling") -> str:
    """`text` without the loose words at its end ("and", "the")."""
    words = _tidy(text).split()
    while len(words) > 1 and plain(words[-1]) in vocabulary[loose]:
        words.pop()
    return _tidy(" ".join(words))


def _calm(sentence: str, vocabulary: Vocabulary) -> str:
    """`sentence` with shouting lower-cased; acronyms like "BT" are kept."""
    words = WORD.findall(sentence)
    loud = [len(word) > 1 and word.isupper() for word in words] + [False]
    everything = len(words) > 1 and sum(loud) >= 0.6 * len(words)
    at = iter(range(len(words)))

    def calm(match: re.Match[str]) -> str:
        index, word, low = next(at), match[0], match[0].lower()
        run = everything or loud[index - 1] or loud[index + 1]  # "NEVER LOADS"
        if word == "A" and run:
            return "a"
        if not loud[index] or not (
            run or low in vocabulary["shouted"] or len(word) > 3
        ):
            return word
        if not re.search("[AEIOUY]", word):
            return word  # an acronym: "BT", "TV"
        if low in vocabulary["proper_names"]:
            return word[0] + low[1:]
        return "I" + low[1:] if low in vocabulary["joined_subjects"] else low

    return WORD.sub(calm, sentence)


def _without_personal_data(text: str, vocabulary: Vocabulary) -> str | None:
    """`text` with every piece of personal data gone, or None if that breaks it.

    A piece that only gives contact details ("call me on <phone>", "or mail
    me at <email>") is dropped whole. Data standing for a thing the sentence
    goes on about ("my card <number> was charged") is cut out. Data that is
    the value of a label the sentence is about ("account number <number>
    was debited") leaves no sentence: the caller names the area instead.
    """
    pieces = _PIECES.split(text)
    kept: list[str] = []
    for index in range(0, len(pieces), 2):
        piece, gap = pieces[index], (pieces[index + 1 : index + 2] or [""])[0]
        if not _MASKED.search(piece):
            kept += [piece, gap]
            continue
        rest = _MASKED.sub(" ", piece)
        words = [plain(word) for word in rest.split()]
        words = [word for word in words if word and word not in {"and", "or", "but"}]
        telling = [
            word
            for word in words
            if word not in vocabulary["glue"]
            and word not in _CONTACT_VERBS
            and word not in vocabulary["pronouns"]
        ]
        contact = bool(words) and words[0] in _CONTACT_VERBS
        if len(telling) < 2 or contact:
            if kept and not gap.strip():
                kept[-1] = gap or kept[-1]  # the piece's own joint goes with it
            continue
        for match in list(_MASKED.finditer(piece))[::-1]:
            label = plain(
                piece[: match.start()].split()[-1:][0]
                if piece[: match.start()].split()
                else ""
            )
            after = [plain(word) for word in piece[match.end() :].split()]
            after = [word for word in after if word and word not in vocabulary["glue"]]
            if label in _VALUE_LABELS and after:
                subject = _data_subject(piece[: match.end()])
                if subject is None:
                    return None
                piece = subject + piece[match.end() :]
                break
            piece = _cut(piece, match[0], vocabulary)
        kept += [piece, gap]
    return "".join(kept)


def _data_subject(head: str) -> str | None:
    """What a subject made only of bank or card details was about, or None.

    "Account number <n> sort code <n>" (was debited twice) was about "my
    account"; "card no. <n>" about "my card".
    """
    words = {plain(word) for word in _MASKED.sub(" ", head).split()} - {""}
    if not words or not words <= _DATA_LABELS:
        return None
    return "my card" if "card" in words else "my account"


def _cut(text: str, value: str, vocabulary: Vocabulary) -> str:
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
    text = re.sub(r"(?<=[a-z]),(?=[a-z])", ", ", text)
    return text.strip(" \"'.!?;:,-()…")
