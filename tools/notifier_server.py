"""The `notifier` role as an MCP server: tell a team something needs them."""

from __future__ import annotations

from typing import Annotated

from mcp.server import MCPServer
from pydantic import Field

from plugins.roles import NOTIFIER, Notified, Notifier
from tools._serving import new_server, reported_to_caller, role_tool


def build_notifier_server(notifier: Notifier) -> MCPServer:
    """An MCP server whose tools call `notifier`."""
    server = new_server(NOTIFIER, "Notifications to teams, sent once per key.")

    @role_tool(server)
    async def notify(
        team: Annotated[str, Field(min_length=1)],
        text: Annotated[str, Field(min_length=1)],
        idempotency_key: Annotated[
            str,
            Field(min_length=1, description="The same key never notifies twice."),
        ],
    ) -> Notified:
        """Notify a team, or return the notification already sent with this key."""
        with reported_to_caller(NOTIFIER):
            return await notifier.notify(team, text, idempotency_key)

    return server
