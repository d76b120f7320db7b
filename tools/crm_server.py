"""The `crm` role as an MCP server: find the account, log what was done."""

from __future__ import annotations

from typing import Annotated

from mcp.server import MCPServer
from pydantic import Field

from plugins.roles import CRM, AccountLookup, Crm, LoggedActivity
from tools._serving import new_server, reported_to_caller, role_tool

IdempotencyKey = Annotated[
    str,
    Field(min_length=1, description="The same key never logs a second activity."),
]


def build_crm_server(crm: Crm) -> MCPServer:
    """An MCP server whose tools call `crm`."""
    server = new_server(CRM, "Customer accounts and their activity log.")

    @role_tool(server, read_only=True)
    async def lookup_account(
        email: Annotated[str, Field(min_length=3, description="The customer's email.")],
    ) -> AccountLookup:
        """Find the account an email belongs to; `found` is false when none does."""
        with reported_to_caller(CRM):
            return await crm.lookup_account(email)

    @role_tool(server)
    async def log_activity(
        idempotency_key: IdempotencyKey,
        kind: Annotated[str, Field(min_length=1, description="e.g. 'nps_rescue'.")],
        text: Annotated[str, Field(description="The note to add.")],
        email: Annotated[str | None, Field(description="The customer's email.")] = None,
        account_id: Annotated[str | None, Field(description="The CRM account.")] = None,
    ) -> LoggedActivity:
        """Add a note to the customer's CRM record, once per idempotency key."""
        with reported_to_caller(CRM):
            return await crm.log_activity(
                idempotency_key=idempotency_key,
                email=email,
                account_id=account_id,
                kind=kind,
                text=text,
            )

    return server
