"""Graph state and the per-run context the nodes receive.

State holds JSON-ready values only (dicts, lists, strings), so a checkpoint
round-trips to exactly what was written whatever the serializer does with
classes (see LG-07 in the research notes). Nodes validate what they read into
the domain models.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal, Self, TypedDict, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from agent.models import (
    Account,
    Analysis,
    CaseEvent,
    CaseStatus,
    Customer,
    Decision,
    Draft,
    MessageRef,
    NpsResponse,
    RescueCase,
    TaskRef,
)
from agent.policy import Policy
from agent.reasoners import Reasoner
from tools import ToolBox

_M = TypeVar("_M", bound=BaseModel)

MAX_REVISIONS = 1
"""How many times a draft that fails its guardrails is rewritten."""


class RescueState(TypedDict, total=False):
    """What the graph carries for one response, keyed by its response id."""

    response: dict[str, Any]
    account: dict[str, Any] | None
    analysis: dict[str, Any] | None
    decision: dict[str, Any] | None
    draft: dict[str, Any] | None
    task: dict[str, Any] | None
    message: dict[str, Any] | None
    follow_up_due: str
    status: str
    hold_reasons: list[str]
    approval: dict[str, Any] | None
    events: Annotated[list[dict[str, Any]], operator.add]


class ApprovalAnswer(BaseModel):
    """A person's answer to a draft that waits: the value a paused graph resumes with.

    An approval may carry an edited body, which must pass the same guardrails
    as a drafted one; a rejection must say why.
    """

    model_config = ConfigDict(extra="forbid")

    action: Literal["approve", "reject"]
    body: str | None = Field(default=None, description="The edited reply body.")
    reason: str | None = Field(default=None, description="Why it was rejected.")
    by: str | None = Field(default=None, description="Who answered.")

    @model_validator(mode="after")
    def _complete(self) -> Self:
        if self.action == "reject" and not (self.reason or "").strip():
            raise ValueError("a rejection needs a reason")
        if self.action == "reject" and self.body is not None:
            raise ValueError("a rejection cannot carry an edited body")
        if self.body is not None and not self.body.strip():
            raise ValueError("an edited body must not be empty")
        return self


@dataclass(frozen=True)
class RescueContext:
    """What every node may use; never checkpointed."""

    reasoner: Reasoner
    policy: Policy
    tools: ToolBox
    clock: Callable[[], datetime]
    prompts_dir: Path | None = None

    def event(self, kind: str, detail: str = "") -> dict[str, Any]:
        """A case event stamped with the context's clock, ready for state."""
        return CaseEvent(at=self.clock(), kind=kind, detail=detail).model_dump(
            mode="json"
        )


def dump(model: Any) -> dict[str, Any]:
    """A model as the JSON-ready dict the state stores."""
    return model.model_dump(mode="json")


def case_from_state(values: RescueState, status: CaseStatus) -> RescueCase:
    """The case record for a graph thread's current state."""
    response = NpsResponse.model_validate(values["response"])
    customer = response.customer
    if values.get("account"):
        account = Account.model_validate(values["account"])
        customer = Customer(**{**customer.model_dump(), "account": account})

    return RescueCase(
        response_id=response.response_id,
        source=response.source,
        score=response.score,
        comment=response.comment,
        customer=customer,
        submitted_at=response.submitted_at,
        properties=response.properties,
        status=status,
        analysis=_load(Analysis, values.get("analysis")),
        decision=_load(Decision, values.get("decision")),
        draft=_load(Draft, values.get("draft")),
        task=_load(TaskRef, values.get("task")),
        message=_load(MessageRef, values.get("message")),
        follow_up_due=(
            date.fromisoformat(values["follow_up_due"])
            if values.get("follow_up_due")
            else None
        ),
        events=[CaseEvent.model_validate(e) for e in values.get("events", [])],
    )


def _load(model: type[_M], value: dict[str, Any] | None) -> _M | None:
    return None if value is None else model.model_validate(value)
