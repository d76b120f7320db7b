"""The contract between the graph and a reasoner."""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

from agent.models import (
    Account,
    Analysis,
    Decision,
    Draft,
    GuardrailCheck,
    NpsResponse,
)
from agent.policy import Policy


class DraftRequest(BaseModel):
    """Everything a reasoner may use to write one reply, and nothing else."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    response: NpsResponse
    analysis: Analysis
    decision: Decision
    policy: Policy
    account: Account | None = Field(
        default=None, description="The CRM account, when the lookup found one."
    )
    revision: int = 0
    failed_checks: list[GuardrailCheck] = Field(
        default_factory=list,
        description="Checks the previous draft failed, for a revision.",
    )


class Reasoner(Protocol):
    """Reads a detractor's comment and writes the reply."""

    name: str

    async def analyze(self, response: NpsResponse) -> Analysis:
        """Work out what went wrong and how the customer feels."""
        ...

    async def draft(self, request: DraftRequest) -> Draft:
        """Write a reply that follows the decision."""
        ...
