"""The offline drafter: a personal reply written from the playbook's framework.

The framework (a Jinja2 file under `prompts/replies/`) holds the wording; this
module supplies what is particular to one customer: their name, their issue
said back to them, the owning team, the follow-up date and who signs. Each
slot of a framework offers several phrasings, and `Phrasing` picks one per
customer, so replies to different customers do not read as one template.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import prompts
from agent.models import Draft
from agent.offline._items import list_items
from agent.offline._voice import address, area_phrase, format_date, restate
from agent.reasoners import DraftRequest

SUBJECT = "replies/subject.md.j2"
FALLBACK_FRAMEWORK = "replies/fix/other.md.j2"
MAX_ALSO = 2
"""At most this many other problems are said back besides the main one."""
MAX_ALSO_WORDS = 16

_REWORD_AFTER = frozenset({"personal_data", "injection", "names_issue"})
"""Failed checks that make a revision restate the issue the safe way."""

CANCELLING = re.compile(
    r"\b(?:cancel|terminat|close|closing|end|leav|switch|quit)\w*\b"
    r"(?:\s+(?:my|our|the|this|your)?\s*(?P<thing>account|contract|subscription|"
    r"service|membership|plan|direct debit))?",
    re.IGNORECASE,
)
"""A customer saying they cancel or leave: "cancel my account", "I'm leaving"."""

PRICE_CHANGE = re.compile(
    r"\b(?:renew\w*|notice|(?:went|gone|goes|go|going) up|increas\w*|rise|risen|"
    r"raised?|hike\w*|doubled|tripled)\b",
    re.IGNORECASE,
)
"""A customer telling of a price change ("went up 30% at renewal")."""

_NO_SHOW = re.compile(
    r"\b(?:did\s*n[o']?t|didnt|never|failed to|no ?one|nobody|no-one)\s+(?:even\s+)?"
    r"(?:turn(?:ed)?\s+up|show(?:ed)?(?:\s+up)?|c[oa]me|arrived?|attend(?:ed)?)\b"
    r"|\bno[- ]shows?\b|\bstood\s+(?:me|us)\s+up\b"
    r"|\bmissed\s+(?:the\s+|my\s+|our\s+)?(?:appointment|visit|install\w*|booking)",
    re.IGNORECASE,
)
_VISIT = re.compile(
    r"\b(?:engineers?|technicians?|installers?|fitters?|surveyors?|appointments?|"
    r"visits?|install\w*|someone|anyone|nobody|no ?one|booking|tech)\b",
    re.IGNORECASE,
)
_COST = re.compile(
    r"\b(?:i|we)\s+(?P<verb>took|had to take|booked|wasted|lost|used)\s+"
    r"(?P<what>(?:a|an|one|two|three|four|five|\d+|half a|the|several)\s+"
    r"(?:whole\s+|full\s+)?(?:days?|mornings?|afternoons?|hours?)(?:\s+off)?"
    r"(?:\s+(?:work|of (?:leave|holiday|annual leave)))?|time off(?:\s+work)?)"
    r"|\b(?:i|we)\s+(?P<wait>waited in|stayed (?:in|home|at home))"
    r"(?P<long>\s+(?:all day|all morning|all afternoon|for \w+ hours?))?",
    re.IGNORECASE,
)


def missed_visit(comment: str) -> bool:
    """Whether the comment tells of a visit or appointment nobody came to."""
    return bool(_NO_SHOW.search(comment)) and bool(_VISIT.search(comment))


def visit_cost(comment: str) -> str | None:
    """What waiting for a missed visit cost the customer, said to them.

    "I took two days off work" becomes "you took two days off work"; None
    when the comment names no cost or tells of no missed visit.
    """
    found = _COST.search(comment) if missed_visit(comment) else None
    if not found:
        return None
    if found["wait"]:
        return f"you {found['wait'].lower()}{(found['long'] or '').lower()}"
    return f"you {found['verb'].lower()} {found['what'].lower()}"


_OR = re.compile(r"^[ \t]*\|\|[ \t]*$", re.MULTILINE)
_CATEGORY = re.compile(r"[a-z0-9_]+")


def draft_reply(request: DraftRequest, prompts_dir: Path | None = None) -> Draft:
    """Write the reply `request.decision` calls for, from its framework."""
    decision = request.decision
    framework = framework_for(decision.playbook, request.analysis.category, prompts_dir)
    variables = template_variables(request, prompts_dir)

    body = _layout(prompts.render(framework, prompts_dir, **variables))
    subject = " ".join(prompts.render(SUBJECT, prompts_dir, **variables).split())

    return Draft(
        subject=subject,
        body=body,
        sender=decision.sender,
        language="en",
        framework=framework,
        revision=request.revision,
    )


def framework_for(playbook: str, category: str, prompts_dir: Path | None = None) -> str:
    """The framework file for a playbook and the issue category.

    Fixes have one framework per category (`replies/fix/<category>`); another
    playbook may have one for a category (`replies/expectation_reset/pricing`)
    and otherwise uses its own (`replies/expectation_reset`).
    """
    folder = "fix" if playbook == "fix_and_follow_up" else playbook
    name = f"replies/{folder}/{category}.md.j2"
    if _CATEGORY.fullmatch(category) and prompts.has_prompt(name, prompts_dir):
        return name
    if playbook != "fix_and_follow_up":
        return f"replies/{playbook}.md.j2"
    return FALLBACK_FRAMEWORK


def template_variables(
    request: DraftRequest, prompts_dir: Path | None = None
) -> dict[str, Any]:
    """Every variable a reply framework may use, for one request."""
    response, analysis, decision = request.response, request.analysis, request.decision
    reword = request.revision > 0 and any(
        check.name in _REWORD_AFTER and not check.passed
        for check in request.failed_checks
    )
    area = area_phrase(analysis.product_area, prompts_dir)
    if decision.playbook == "ask_for_details" or analysis.is_vague:
        area = None  # no problem was named, so no area is either
    issue = restate(
        analysis.issue_summary,
        area=area,
        safe=reword,
        english=analysis.language == "en",
        prompts_dir=prompts_dir,
    )
    suggestion = None if reword else address(analysis.suggested_resolution, prompts_dir)
    also = None if reword else _also(request, prompts_dir)
    team = request.policy.teams.get(decision.team)
    team_name = team.display_name if team else f"{decision.team} team".replace("_", " ")

    cancel = CANCELLING.search(response.comment) if analysis.intends_to_leave else None
    thing = ((cancel and cancel["thing"]) or "").lower()
    reason_given = not _only_leaving(analysis.issue_summary)
    # A missed visit leads the reply only when it is the main issue or opens
    # the comment; one told of in passing is in the task with the rest.
    opening = _SENTENCE_END.split(response.comment.strip(), maxsplit=1)[0]
    missed = missed_visit(response.comment) and any(
        _NO_SHOW.search(text) for text in (analysis.issue_summary, opening)
    )
    return {
        "cancelling": cancel is not None,
        "price_change": bool(PRICE_CHANGE.search(response.comment)),
        "missed_visit": missed,
        "cost": visit_cost(response.comment) if missed else None,
        "cancel_what": f"your {thing}" if thing else "",
        "reason_given": reason_given,
        "first_name": response.customer.first_name,
        "issue": issue.text,
        "about_issue": issue.about,
        "area": area,
        "suggestion": suggestion or None,
        "also": also,
        "team": team_name,
        "follow_up": format_date(decision.follow_up_by),
        "score": response.score,
        "sender": decision.sender,
        "pick": Phrasing(response.response_id, request.revision),
    }


class Phrasing:
    """Picks one of a slot's phrasings, the same way every time for a customer.

    The choice hashes the response id with the slot name, so different
    customers get different combinations. A revision shifts every slot on by
    one, so a rewrite never repeats the wording that failed.
    """

    def __init__(self, response_id: str, revision: int = 0) -> None:
        self._response_id = response_id
        self._revision = revision

    def __call__(self, slot: str, phrasings: str) -> str:
        """One of `phrasings` (separated by lines holding only `||`), on one line."""
        choices = [" ".join(text.split()) for text in _OR.split(phrasings)]
        choices = [choice for choice in choices if choice]
        if not choices:
            return ""
        key = f"{self._response_id}\x1f{slot}".encode()
        number = int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big")
        return choices[(number + self._revision) % len(choices)]


def _also(request: DraftRequest, prompts_dir: Path | None) -> str | None:
    """The other problems the comment raises, said back after "you told us".

    A comment written as a list gives its other items; otherwise the
    evidence for each secondary category does. At most `MAX_ALSO` are said,
    each as a clause ("that reminder texts go out at 3am") or a thing; one
    that can only be quoted or has nothing left once personal data is out is
    left to the task, which holds the whole comment.
    """
    analysis, comment = request.analysis, request.response.comment
    items = [comment[s.start : s.end] for s in list_items(comment)]
    if not items:
        # Only a whole sentence is said back: a clause cut out of one
        # ("giving confusing info and, at present") does not read.
        sentences = {_words(s) for s in _SENTENCE_END.split(comment)}
        quotes = {e.label: e.quote for e in analysis.evidence}
        items = [
            quote
            for c in analysis.secondary_categories
            if (quote := quotes.get(f"category:{c}")) and _words(quote) in sentences
        ]
    main = _words(analysis.issue_summary)
    said: list[str] = []
    for item in items:
        words = _words(item)
        if not words or words <= main or main <= words:
            continue  # the main issue, already said back
        about = restate(item, area=None, prompts_dir=prompts_dir).about
        short = len(about.split()) <= MAX_ALSO_WORDS and about not in said
        if short and about.startswith(("that ", "about ")) and not _LOOSE.search(about):
            said.append(about)
        if len(said) == MAX_ALSO:
            break
    return " and ".join(said) or None


_LOOSE = re.compile(r"\(|,\s*(?:[\w']+\s*){1,3}$|^about \w+ed\b|\band,")
"""A restatement that trails off ("..., at present") or starts on a verb."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]{3,}", text.lower()))


def _only_leaving(summary: str) -> bool:
    """Whether the issue is nothing but the customer's wish to leave."""
    rest = CANCELLING.sub(" ", summary)
    rest = re.sub(
        r"(?i)\b(?:please|pls|i|we|want|would|like|to|just|and|me|my)\b", " ", rest
    )
    return len(re.findall(r"[^\W\d_]{3,}", rest)) < 2


def _layout(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    text = re.sub(r"(?<=\w) +(?=[,.](?:\s|$))", "", text)  # an empty slot
    # A quote that ends a sentence with its own "?" or "…" takes no full stop.
    return re.sub(r'([?!…])"\.', r'\1"', text)
