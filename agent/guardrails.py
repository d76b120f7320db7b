"""Guardrails: the checks every draft passes before a customer can see it.

Each check returns one `GuardrailCheck` whose detail names the offending phrase
or value; the phrase lists are data, in `prompts/guardrails/phrases.toml`. The
drafter uses the same finders to keep personal data and instructions out.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial
from pathlib import Path

import prompts
from agent.business_days import follow_up_date
from agent.models import (
    Account,
    Analysis,
    Decision,
    Draft,
    GuardrailCheck,
    GuardrailReport,
    NpsResponse,
)
from agent.policy import Policy

__all__ = ["CHECK_NAMES", "check_draft", "find_personal_data", "instruction_sentences"]

MIN_WORDS, MAX_WORDS = 50, 200
FUNDAMENTAL_PLAYBOOKS = {"expectation_reset", "alternative_solution", "graceful_exit"}
_MONEY = ("refunds", "credits", "discounts", "feature_commitments")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NUMBER = re.compile(r"(?<![\w+])\+?\(?\d[\d ().-]{5,}\d(?!\w)")
_SORT_CODE = re.compile(r"(?<![\w-])\d{2}-\d{2}-\d{2}(?![\w-])")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
_STREET = re.compile(
    r"\b\d{1,5}[A-Za-z]?,? (?:[A-Z][\w'-]+ ){1,3}"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Close"
    r"|Court|Ct|Place|Pl|Terrace|Crescent|Gardens|Square|Sq|Highway|Hwy)\b\.?"
)
_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_digits = partial(re.compile(r"\D").sub, "")
_QUOTED = re.compile(r"[\"“']([^\"”']{6,})[\"”']")
_PRONOUN = re.compile(
    r"\b(?:(?:i|me|my|mine|we|us|our|ours|you|your|yours)(?:'(?:m|re|ve|ll|d))?"
    r"|am|are|is|was|were)\b"
)
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec"
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY, _YEAR = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?", r"(?:,? (?P<year>\d{4}))?"
_DATES = (
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(rf"\b{_DAY}(?: of)? {_MONTH}\.?{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\.? {_DAY}{_YEAR}\b", re.I),
)


@dataclass(frozen=True)
class _Case:
    draft: Draft
    response: NpsResponse
    analysis: Analysis
    decision: Decision
    policy: Policy
    phrases: dict[str, re.Pattern[str]]
    text: str
    customer: str


def check_draft(
    draft: Draft,
    *,
    response: NpsResponse,
    analysis: Analysis,
    decision: Decision,
    policy: Policy,
    prompts_dir: Path | None = None,
    account: Account | None = None,
) -> GuardrailReport:
    """Run every check in `CHECK_NAMES` on `draft` and report each result.

    A model's draft also runs the checks in `MODEL_CHECK_NAMES`.
    """
    said = [response.comment, analysis.issue_summary, analysis.suggested_resolution]
    text = _fold(f"{draft.subject}\n{draft.body}")
    customer = f" {_gist(_fold(' | '.join(s for s in said if s)))} "
    phrases = _phrases(prompts_dir)
    case = _Case(draft, response, analysis, decision, policy, phrases, text, customer)
    checks = [check(case) for check in _CHECKS.values()]
    if draft.reasoner != "offline":
        # Imported here: the model checks use the offline language detector,
        # and the offline package imports this module.
        from agent.model_guardrails import check_model_draft

        checks += check_model_draft(
            draft,
            response=response,
            analysis=analysis,
            decision=decision,
            policy=policy,
            account=account,
        )
    return GuardrailReport(checks=checks)


def find_personal_data(text: str) -> list[str]:
    """Personal data in `text`, in order of kind.

    Email addresses, IBANs, card, phone and account numbers (7-19 digits),
    bank sort codes and street addresses.
    """
    found = _EMAIL.findall(text)
    found += [match[0] for match in _IBAN.finditer(text)]
    for match in _NUMBER.finditer(text):
        value = match[0].strip(" .-()")
        if any(value in iban for iban in found):
            continue
        if 7 <= len(_digits(value)) <= 19 and not _DATE_LIKE.fullmatch(value):
            found.append(value)
    found += [m[0] for m in _SORT_CODE.finditer(text) if not _in_date(m[0], text)]
    found += [match[0].rstrip(".") for match in _STREET.finditer(text)]
    return found


def instruction_sentences(text: str, prompts_dir: Path | None = None) -> list[str]:
    """The sentences of `text` that speak to the system instead of about it."""
    instructions = _phrases(prompts_dir)["instructions"]
    parts = (part.strip() for part in _SENTENCE.split(text))
    return [part for part in parts if part and instructions.search(_fold(part))]


def _phrase_check(
    name: str, case: _Case, *families: str, excuse: bool = True
) -> GuardrailCheck:
    for family in families or (name,):
        for match in case.phrases[family].finditer(case.text):
            if not (excuse and _quoting(match, case)):
                return _fail(name, f"{family.replace('_', ' ')}: {match[0]!r}")
    return _pass(name)


def _promises(case: _Case) -> GuardrailCheck:
    allowed = case.policy.promises.model_dump()
    families = [family for family in _MONEY if not allowed[family]]
    if case.decision.playbook in FUNDAMENTAL_PLAYBOOKS:
        families.append("fixes")
    # Saying the customer's own words back is no promise, unless the comment
    # tried to instruct the reply: then an echo is the attack succeeding.
    excuse = not instruction_sentences(case.response.comment)
    return _phrase_check("promises", case, *families, "timeframes", excuse=excuse)


def _follow_up_date(case: _Case) -> GuardrailCheck:
    due = case.decision.follow_up_by
    found = _dates_in(case.draft.body, near=due)
    for text, when in found:
        said = f" {_gist(_fold(text))} " in case.customer
        if (when is None or when > due) and not said:
            return _fail("follow_up_date", f"names a date after {due}: {text!r}")
    if due not in {when for _, when in found}:
        return _fail("follow_up_date", f"does not give the follow-up date {due}")
    decided_at = case.decision.decided_at
    if decided_at is not None:
        team = case.policy.teams[case.decision.team]
        sla_date = follow_up_date(
            decided_at, team.sla_business_days, case.policy.calendar
        )
        if due != sla_date:
            return _fail(
                "follow_up_date",
                f"{due} is not the {case.decision.team} team's SLA date {sla_date}",
            )
    return _pass("follow_up_date", f"gives {due}")


def _names_issue(case: _Case) -> GuardrailCheck:
    summary = case.analysis.issue_summary
    if case.analysis.is_vague:
        return _pass("names_issue", "vague comment: asks instead of restating")
    stems = {word[:5] for word in re.findall(r"[a-z']+", case.text)}
    words = set(re.findall(r"[a-z']{3,}", _fold(summary)))
    words = {word for word in words if not case.phrases["stopwords"].fullmatch(word)}
    named = sorted(word for word in words if word[:5] in stems)
    if len(named) >= min(2, len(words)):
        return _pass("names_issue", f"names {', '.join(named) or 'the issue'}")
    return _fail("names_issue", f"names too little of {summary!r}")


def _personal_data(case: _Case) -> GuardrailCheck:
    body = case.draft.body
    for value in find_personal_data(case.response.comment):
        digits = _digits(value)
        if value.lower() in case.text or (digits and digits in _digits(body)):
            return _fail("personal_data", f"repeats {_mask(value)!r} from the comment")
        if _echoes_mailbox(value, case):
            return _fail("personal_data", f"repeats part of {_mask(value)!r}")
    for value in find_personal_data(body):
        if len(_digits(value)) >= 13:
            return _fail("personal_data", f"has a card-like number {_mask(value)!r}")
    return _pass("personal_data")


def _echoes_mailbox(value: str, case: _Case) -> bool:
    """Whether the draft repeats the mailbox name of an email in the comment.

    "mail you at bob" leaks half of bob@example.com; a mailbox that is the
    customer's own name is fine, since the greeting uses it.
    """
    if "@" not in value:
        return False
    name = (case.response.customer.name or "").lower()
    rest = _fold(case.response.comment).lower().replace(value.lower(), " ")
    words = set(re.split(r"[._+-]", value.split("@")[0].lower()))
    return any(
        len(word) >= 3
        and word not in name
        and re.search(rf"\b{re.escape(word)}\b", case.text)
        and not re.search(rf"\b{re.escape(word)}\b", rest)
        for word in words
    )


def _in_date(value: str, text: str) -> bool:
    """Whether a dd-dd-dd match is really part of a longer date."""
    return bool(
        re.search(rf"\d[-/.]{re.escape(value)}|{re.escape(value)}[-/.]\d", text)
    )


def _injection(case: _Case) -> GuardrailCheck:
    body = f" {_gist(case.text)} "
    orders = instruction_sentences(case.response.comment)
    for sentence in orders:
        words = _gist(_fold(sentence)).split()
        pieces = [" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))]
        pieces += [_gist(_fold(quote)) for quote in _QUOTED.findall(sentence)]
        if any(f" {piece} " in body for piece in pieces if piece):
            return _fail("injection", f"repeats the instruction {sentence!r}")
    for family in ["compliance", *(_MONEY if orders else ())]:
        match = case.phrases[family].search(case.text)
        if match:
            return _fail("injection", f"goes along with an instruction: {match[0]!r}")
    return _pass("injection", f"{len(orders)} instruction(s) in the comment ignored")


def _greeting(case: _Case) -> GuardrailCheck:
    first = next((line.strip() for line in case.draft.body.splitlines() if line), "")
    name = case.response.customer.first_name
    placeholder = case.phrases["placeholders"].search(case.draft.body.lower())
    if placeholder:
        return _fail("greeting", f"leftover placeholder {placeholder[0]!r}")
    if case.phrases["greetings"].search(_fold(first)):
        return _fail("greeting", f"generic or empty greeting {first!r}")
    if name and not re.search(rf"\b{re.escape(name)}\b", first, re.I):
        return _fail("greeting", f"greeting {first!r} does not use {name!r}")
    if not name and re.search(r"[@\d]", first):
        return _fail("greeting", f"greeting {first!r} uses an address or number")
    return _pass("greeting", first)


def _signature(case: _Case) -> GuardrailCheck:
    name = case.decision.sender.name
    tail = [line.strip() for line in case.draft.body.splitlines() if line.strip()]
    if any(name in line for line in tail[-3:]):
        return _pass("signature", name)
    return _fail("signature", f"not signed by {name!r}")


def _length(case: _Case) -> GuardrailCheck:
    words = len(case.draft.body.split())
    passed = MIN_WORDS <= words <= MAX_WORDS
    detail = f"{words} words, allowed {MIN_WORDS}-{MAX_WORDS}"
    return GuardrailCheck(name="length", passed=passed, detail=detail)


_CHECKS: dict[str, Callable[[_Case], GuardrailCheck]] = {
    "boilerplate": partial(_phrase_check, "boilerplate"),
    "arguing": partial(_phrase_check, "arguing"),
    "promises": _promises,
    "follow_up_date": _follow_up_date,
    "names_issue": _names_issue,
    "personal_data": _personal_data,
    "injection": _injection,
    "machine_tells": partial(_phrase_check, "machine_tells"),
    "greeting": _greeting,
    "signature": _signature,
    "length": _length,
}
CHECK_NAMES: tuple[str, ...] = tuple(_CHECKS)
"""The name of every check `check_draft` runs, in order."""


def _quoting(match: re.Match[str], case: _Case) -> bool:
    # A phrase that only appears because the reply restates the customer's own
    # words ("you were told to wait") is not the reply arguing or stalling.
    after = re.split(r"[.!?\n,;:]", case.text[match.end() :], maxsplit=1)[0]
    after_words = after.split()[:3]
    need = 3 - len(match[0].split()) - len(after_words)
    before = case.text[: match.start()].split()[-need:] if need > 0 else []
    gist = _gist(" ".join([*before, match[0], *after_words]))
    return len(gist.split()) >= 3 and f" {gist} " in case.customer


@lru_cache(maxsize=8)
def _phrases(prompts_dir: Path | None) -> dict[str, re.Pattern[str]]:
    data = tomllib.loads(prompts.load_prompt("guardrails/phrases.toml", prompts_dir))
    commit = data["promises"].pop("commit")
    alternatives = {
        family: "|".join(patterns).replace("{commit}", commit)
        for section in data.values()
        for family, patterns in section.items()
    }
    return {
        family: re.compile(rf"(?<![a-z0-9])(?:{pattern})(?![a-z0-9])")
        for family, pattern in alternatives.items()
    }


def _dates_in(text: str, near: date) -> list[tuple[str, date | None]]:
    # A date without a year is the one nearest `near`; an impossible one, None.
    found: list[tuple[str, date | None]] = []
    taken: set[int] = set()
    for match in (m for pattern in _DATES for m in pattern.finditer(text)):
        if taken.isdisjoint(range(*match.span())):
            taken.update(range(*match.span()))
            found.append((match[0], _to_date(match, near)))
    return found


def _to_date(match: re.Match[str], near: date) -> date | None:
    month = match["month"].lower()
    number = int(month) if month.isdigit() else _MONTHS.index(month[:3]) // 3 + 1
    given = match["year"]
    years = [int(given)] if given else [near.year - 1, near.year, near.year + 1]
    candidates = []
    for year in years:
        try:
            candidates.append(date(year, number, int(match["day"])))
        except ValueError:
            continue
    return min(candidates, key=lambda d: abs(d - near), default=None)


def _fold(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text.translate(_FOLD).lower())


def _gist(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9'· ]+", " ", _PRONOUN.sub("·", text)).split())


def _mask(value: str) -> str:
    if "@" in value:
        return "***@" + value.split("@", 1)[1]
    return "*" * max(0, len(value) - 4) + value[-4:]


def _pass(name: str, detail: str = "") -> GuardrailCheck:
    return GuardrailCheck(name=name, passed=True, detail=detail)


def _fail(name: str, detail: str) -> GuardrailCheck:
    return GuardrailCheck(name=name, passed=False, detail=detail)
