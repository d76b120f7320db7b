"""The `messenger` role as an MCP server: hand a reply to the customer."""

from __future__ import annotations

from typing import Annotated

from mcp.server import MCPServer
from pydantic import Field

from plugins.roles import MESSENGER, Messenger, SentMessage
from tools._serving import new_server, reported_to_caller, role_tool


def build_messenger_server(messenger: Messenger) -> MCPServer:
    """An MCP server whose tools call `messenger`."""
    server = new_server(MESSENGER, "Replies to customers, sent once per key.")

    @role_tool(server)
    async def send_message(
        idempotency_key: Annotated[
            str,
            Field(min_length=1, description="The same key never sends twice."),
        ],
        response_id: Annotated[str, Field(description="The answer being replied to.")],
        to_email: Annotated[str, Field(min_length=3)],
        subject: Annotated[str, Field(min_length=1)],
        body: Annotated[str, Field(min_length=1)],
        sender_name: Annotated[str, Field(min_length=1, description="Who signs.")],
        to_name: str | None = None,
        sender_email: str | None = None,
    ) -> SentMessage:
        """Send or queue a reply, or return the one already sent with this key."""
        with reported_to_caller(MESSENGER):
            return await messenger.send_message(
                idempotency_key=idempotency_key,
                response_id=response_id,
                to_email=to_email,
                to_name=to_name,
                subject=subject,
                body=body,
                sender_name=sender_name,
                sender_email=sender_email,
            )

    return server
