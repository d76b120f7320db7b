"""The extra checks a model's draft passes, on top of every draft's checks.

A model can write in the wrong language, run long or short, and state facts
nobody gave it (a price, a date, a ticket number, a link). The offline
drafter cannot do any of that, so these checks run only on model drafts.
"""

from __future__ import annotations

import re

from agent.models import Account, Analysis, Decision, Draft, GuardrailCheck, NpsResponse
from agent.offline._language import detect_language
from agent.policy import Policy

__all__ = ["MODEL_CHECK_NAMES", "check_model_draft"]

MODEL_CHECK_NAMES = ("language", "subject_length", "unsupported_facts")
MAX_SUBJECT_CHARS = 120

_NUMBER = re.compile(r"\d+")
_LINK = re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ALWAYS_SAID = {"0", "10", "24"}
"""Numbers a reply may use without an input: the NPS scale, "24 hours"."""


def check_model_draft(
    draft: Draft,
    *,
    response: NpsResponse,
    analysis: Analysis,
    decision: Decision,
    policy: Policy,
    account: Account | None = None,
) -> list[GuardrailCheck]:
    """Run every check in `MODEL_CHECK_NAMES` on a model's `draft`."""
    inputs = _inputs(response, analysis, decision, policy, account)
    return [
        _language(draft, analysis),
        _subject_length(draft),
        _unsupported_facts(draft, inputs, decision),
    ]


def _language(draft: Draft, analysis: Analysis) -> GuardrailCheck:
    expected = analysis.language
    written = detect_language(_without_signature(draft).lower())
    if expected == "und" or written == "und":
        return GuardrailCheck(name="language", passed=True, detail="not decidable")
    passed = written == expected
    detail = f"written in {written!r}, the comment is in {expected!r}"
    return GuardrailCheck(name="language", passed=passed, detail=detail)


def _subject_length(draft: Draft) -> GuardrailCheck:
    length = len(draft.subject)
    passed = 3 <= length <= MAX_SUBJECT_CHARS
    detail = f"{length} characters, allowed 3-{MAX_SUBJECT_CHARS}"
    return GuardrailCheck(name="subject_length", passed=passed, detail=detail)


def _unsupported_facts(draft: Draft, inputs: str, decision: Decision) -> GuardrailCheck:
    text = f"{draft.subject}\n{draft.body}"
    folded_inputs = inputs.casefold()
    for pattern in (_LINK, _EMAIL):
        for match in pattern.finditer(text):
            if match[0].casefold().rstrip(".,)") not in folded_inputs:
                return _fact(f"{match[0]!r} is not in the inputs")

    said = set(_NUMBER.findall(inputs)) | _ALWAYS_SAID
    for when in (decision.follow_up_by, decision.respond_by.date()):
        said |= {str(when.year), str(when.month), str(when.day)}
        said |= {f"{when.month:02d}", f"{when.day:02d}"}
    for number in _NUMBER.findall(text):
        if number not in said:
            return _fact(f"the number {number!r} is not in the inputs")
    return GuardrailCheck(name="unsupported_facts", passed=True)


def _fact(detail: str) -> GuardrailCheck:
    return GuardrailCheck(name="unsupported_facts", passed=False, detail=detail)


def _inputs(
    response: NpsResponse,
    analysis: Analysis,
    decision: Decision,
    policy: Policy,
    account: Account | None,
) -> str:
    """Everything the drafter was told, as one text to look facts up in."""
    account = account or response.customer.account
    parts = [
        response.comment,
        str(response.score),
        analysis.issue_summary,
        analysis.product_area,
        analysis.suggested_resolution or "",
        decision.sender.model_dump_json(),
        *(team.display_name for team in policy.teams.values()),
        account.model_dump_json() if account else "",
        response.customer.name or "",
    ]
    return "\n".join(parts)


def _without_signature(draft: Draft) -> str:
    name = draft.sender.name
    lines = [line for line in draft.body.splitlines() if name not in line]
    return "\n".join(lines)
