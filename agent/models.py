"""Domain models: a survey response, what the agent concludes, and the case.

These are the contracts every surface shares. The serialized `RescueCase` is
the case JSON that the CLI, the MCP tools and any HTTP surface return, so a
change to a field name here is a versioned change (see `CASE_SCHEMA_VERSION`).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from agent._names import first_name

CASE_SCHEMA_VERSION = 1

DETRACTOR_MAX_SCORE = 6

Kind = Literal["fixable", "fundamental"]
Priority = Literal["P1", "P2", "P3", "P4"]
Playbook = Literal[
    "fix_and_follow_up",
    "expectation_reset",
    "alternative_solution",
    "graceful_exit",
    "ask_for_details",
]
Emotion = Literal[
    "anger",
    "frustration",
    "disappointment",
    "confusion",
    "worry",
    "sadness",
    "indifference",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Account(_Model):
    """What the CRM knows about the customer's company."""

    id: str
    name: str | None = None
    plan: str | None = None
    arr: float | None = Field(default=None, description="Annual recurring revenue.")
    renewal_date: date | None = None
    owner_name: str | None = None
    owner_email: str | None = None


class Customer(_Model):
    """The person who answered the survey."""

    id: str | None = None
    email: str | None = None
    name: str | None = None
    account: Account | None = None

    @property
    def first_name(self) -> str | None:
        """The first name to greet, when the name looks like a person's."""
        return first_name(self.name, self.email)


class NpsResponse(_Model):
    """One survey answer, normalized from any source.

    `response_id` is `<source>:<id at the source>` and is the idempotency key
    of everything that follows from the answer.
    """

    response_id: str
    source: str
    score: int = Field(ge=0, le=10)
    comment: str = ""
    customer: Customer = Field(default_factory=Customer)
    submitted_at: datetime | None = None
    properties: dict[str, str] = Field(default_factory=dict)

    @field_validator("submitted_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("submitted_at must carry a time zone")
        return value

    @property
    def is_detractor(self) -> bool:
        return self.score <= DETRACTOR_MAX_SCORE


class Evidence(_Model):
    """A verbatim quote from the comment that supports one label."""

    label: str = Field(description="What the quote supports, e.g. 'category'.")
    quote: str


class ModelUsage(_Model):
    """What the language model did for one step of a case, for accounting."""

    model: str
    method: str | None = Field(
        default=None,
        description="How structured output was asked for: json_schema, "
        "function_calling or json_mode.",
    )
    calls: int = 0
    latency_ms: float = 0.0
    input_tokens: int | None = Field(
        default=None, description="None when the server did not report usage."
    )
    output_tokens: int | None = None
    fallback: str | None = Field(
        default=None,
        description="Why the offline reasoner filled in, when it did.",
    )


class Analysis(_Model):
    """What went wrong and how the customer feels, read from the comment."""

    issue_summary: str = Field(
        description="The specific issue in the customer's own terms."
    )
    category: str
    secondary_categories: list[str] = Field(default_factory=list)
    product_area: str
    emotion: Emotion
    emotion_intensity: float = Field(ge=0.0, le=1.0)
    suggested_resolution: str | None = None
    kind: Kind
    language: str = Field(description="ISO 639-1 code, or 'und' if unknown.")
    evidence: list[Evidence] = Field(default_factory=list)
    is_vague: bool = Field(
        default=False,
        description="True when the comment names no specific problem.",
    )
    intends_to_leave: bool = Field(
        default=False,
        description="True when the customer says they are leaving or have left.",
    )
    reasoner: str = "offline"
    usage: ModelUsage | None = None


class Sender(_Model):
    """The person who signs a reply."""

    name: str
    email: str | None = None
    title: str | None = None


class Decision(_Model):
    """Who owns the case, how urgent it is, and what the reply may promise."""

    team: str
    priority: Priority
    playbook: Playbook
    respond_by: datetime
    follow_up_by: date
    needs_approval: bool
    reasons: list[str] = Field(default_factory=list)
    sender: Sender
    decided_at: datetime | None = Field(
        default=None,
        description="When the decision was made; SLA days count from here.",
    )

    @property
    def approval_reasons(self) -> list[str]:
        """Why a person must approve the reply, from the `approval: ` reasons."""
        prefix = "approval: "
        return [r.removeprefix(prefix) for r in self.reasons if r.startswith(prefix)]


class GuardrailCheck(_Model):
    """The result of one check on a draft."""

    name: str
    passed: bool
    detail: str = ""


class GuardrailReport(_Model):
    """Every check run on one draft."""

    checks: list[GuardrailCheck]

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    @property
    def failures(self) -> list[GuardrailCheck]:
        return [check for check in self.checks if not check.passed]


class Draft(_Model):
    """A reply to the customer, ready for a person or the messenger."""

    subject: str
    body: str
    sender: Sender
    language: str = "en"
    framework: str = Field(description="The reply framework file it came from.")
    guardrails: GuardrailReport | None = None
    revision: int = 0
    reasoner: str = "offline"
    usage: ModelUsage | None = None


class TaskRef(_Model):
    """The internal task opened for the owning team."""

    id: str
    team: str
    url: str | None = None
    system: str = "local"


class MessageRef(_Model):
    """The reply handed to the messenger."""

    id: str
    status: str
    system: str = "local"


class CaseStatus(StrEnum):
    """Where a case stands."""

    RECORDED = "recorded"
    """A passive or promoter answer: kept for outcomes, nothing to rescue."""
    AWAITING_APPROVAL = "awaiting_approval"
    """A task is open and the draft waits for a person."""
    REPLY_QUEUED = "reply_queued"
    """A task is open and the reply is with the messenger."""
    REJECTED = "rejected"
    """A person rejected the draft: no reply was sent; the task stays open."""
    TASK_RESOLVED = "task_resolved"
    """The reply went out and the team resolved the task: the follow-up is next."""
    PARKED = "parked"
    """An integration failed; the reason is in the events and a rerun resumes."""


class CaseEvent(_Model):
    """One timestamped step in a case's history."""

    at: datetime
    kind: str
    detail: str = ""


class Outcome(_Model):
    """How the customer's next answer compares with this one."""

    next_response_id: str
    next_score: int = Field(ge=0, le=10)
    result: Literal["recovered", "advocate", "unchanged", "worse"]
    at: datetime


class RescueCase(_Model):
    """One rescue: the response and everything the agent did about it."""

    schema_version: int = CASE_SCHEMA_VERSION
    response_id: str
    source: str
    score: int
    comment: str
    customer: Customer
    submitted_at: datetime | None
    properties: dict[str, str] = Field(default_factory=dict)
    status: CaseStatus
    analysis: Analysis | None = None
    decision: Decision | None = None
    draft: Draft | None = None
    task: TaskRef | None = None
    message: MessageRef | None = None
    follow_up_due: date | None = None
    events: list[CaseEvent] = Field(default_factory=list)
    outcome: Outcome | None = None

    @classmethod
    def recorded(cls, response: NpsResponse, at: datetime) -> RescueCase:
        """A case for an answer that needs no rescue."""
        return cls(
            response_id=response.response_id,
            source=response.source,
            score=response.score,
            comment=response.comment,
            customer=response.customer,
            submitted_at=response.submitted_at,
            properties=response.properties,
            status=CaseStatus.RECORDED,
            events=[CaseEvent(at=at, kind="recorded", detail="not a detractor")],
        )
