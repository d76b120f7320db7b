"""The `nps` role as an MCP server: record answers and read respondent history."""

from __future__ import annotations

from typing import Annotated

from mcp.server import MCPServer
from pydantic import AwareDatetime, Field

from agent.models import NpsResponse
from plugins.roles import NPS, NpsInbox, RecordedResponse, ResponseList
from tools._serving import new_server, reported_to_caller, role_tool

ResponseId = Annotated[
    str,
    Field(min_length=1, description="`<source>:<id at the source>`, e.g. 'csv:42'."),
]


def build_nps_server(inbox: NpsInbox) -> MCPServer:
    """An MCP server whose tools call `inbox`."""
    server = new_server(NPS, "Survey answers: record them and read their history.")

    @role_tool(server)
    async def record_response(
        response: Annotated[NpsResponse, Field(description="The normalized answer.")],
    ) -> RecordedResponse:
        """Store a survey answer; a known response_id is updated, not added twice.

        `created` is true for a new answer; `changed` is true when a known
        answer differed and was updated.
        """
        with reported_to_caller(NPS):
            return await inbox.record_response(response)

    @role_tool(server, read_only=True)
    async def get_response(response_id: ResponseId) -> NpsResponse:
        """Fetch one survey answer by id; an unknown id is an error."""
        with reported_to_caller(NPS):
            return await inbox.get_response(response_id)

    @role_tool(server, read_only=True)
    async def list_responses(
        email: Annotated[
            str | None, Field(description="Only answers from this respondent.")
        ] = None,
        since: Annotated[
            AwareDatetime | None, Field(description="Only answers at or after this.")
        ] = None,
        limit: Annotated[
            int, Field(ge=1, le=1000, description="At most this many.")
        ] = 50,
    ) -> ResponseList:
        """List survey answers, newest first: a respondent's history."""
        with reported_to_caller(NPS):
            found = await inbox.list_responses(email=email, since=since, limit=limit)
        return ResponseList(responses=found)

    return server
