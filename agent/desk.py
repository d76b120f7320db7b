"""The rescue desk: what a person or an AI assistant can do with cases.

The MCP rescue server and the `approve` / `reject` commands both call this
class, so a case approved from Claude Desktop and one approved from a shell
take the same path through the graph.
"""

from __future__ import annotations

from datetime import datetime, time

from agent.app import RescueAgent
from agent.errors import InputError
from agent.metrics import RescueMetrics, compute_metrics
from agent.models import Analysis, CaseStatus, NpsResponse, RescueCase

UNSCORED = 6
"""The score an unscored comment is read with: the mildest detractor, so the
intensity comes from the words rather than the number."""


class AgentDesk:
    """The desk over one open `RescueAgent`."""

    def __init__(self, agent: RescueAgent) -> None:
        self._agent = agent

    async def analyze(self, comment: str, score: int | None = None) -> Analysis:
        """Read a comment as the graph would, storing nothing.

        Raises:
            InputError: the comment is empty.
        """
        if not comment.strip():
            raise InputError("the comment is empty; give the customer's words")
        response = NpsResponse(
            response_id="adhoc:analysis",
            source="adhoc",
            score=UNSCORED if score is None else score,
            comment=comment,
        )
        return await self._agent.context.reasoner.analyze(response)

    async def rescue(self, response: NpsResponse) -> RescueCase:
        """Run one answer through the graph, once per response id.

        Raises:
            InputError: the id does not start with its source, or it already
                belongs to another customer's answer.
        """
        if not response.response_id.startswith(f"{response.source}:"):
            raise InputError(
                f"response_id {response.response_id!r} must be "
                f"'<source>:<id at the source>', e.g. '{response.source}:1042'"
            )
        return (await self._agent.process(response)).case

    def find(
        self,
        *,
        status: CaseStatus | None = None,
        team: str | None = None,
        category: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
    ) -> list[RescueCase]:
        """Cases matching every filter, newest submission first."""
        return self._agent.store.find(
            status=status,
            team=team.strip().lower() if team else None,
            category=category.strip().lower() if category else None,
            since=since,
            limit=limit,
        )

    def get(self, case_id: str) -> RescueCase:
        """The case with this id.

        Raises:
            CaseNotFound: no case has this id.
        """
        return self._agent.get(case_id)

    async def approve(
        self, case_id: str, body: str | None = None, by: str | None = None
    ) -> RescueCase:
        """Send the waiting reply, edited when `body` is given (see `RescueAgent`)."""
        return await self._agent.approve(case_id, body=body, by=by)

    async def reject(
        self, case_id: str, reason: str, by: str | None = None
    ) -> RescueCase:
        """Drop the waiting reply with a reason (see `RescueAgent`)."""
        return await self._agent.reject(case_id, reason, by=by)

    async def resolve_task(self, case_id: str, note: str | None = None) -> RescueCase:
        """Mark the case's task resolved (see `RescueAgent`)."""
        return await self._agent.resolve_task(case_id, note)

    def metrics(self, since: datetime | None = None) -> RescueMetrics:
        """Response speed, resolution and rescue rates of cases since a time."""
        cases = self._agent.store.find(since=since)
        return compute_metrics(cases, since=since, now=self._agent.context.clock())

    def start_of_today(self) -> datetime:
        """Midnight today in the policy's time zone."""
        zone = self._agent.context.policy.calendar.zone
        today = self._agent.context.clock().astimezone(zone).date()
        return datetime.combine(today, time(), tzinfo=zone)
