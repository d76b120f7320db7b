"""Build the MCP server of any role, or of every role one integration plays."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mcp.server import MCPServer

from agent.errors import ConfigError
from plugins.roles import (
    CRM,
    MESSENGER,
    NOTIFIER,
    NPS,
    ROLE_PROTOCOLS,
    ROLES,
    TICKETING,
)
from tools.crm_server import build_crm_server
from tools.messenger_server import build_messenger_server
from tools.notifier_server import build_notifier_server
from tools.nps_server import build_nps_server
from tools.ticketing_server import build_ticketing_server

_BUILDERS: dict[str, Callable[[Any], MCPServer]] = {
    NPS: build_nps_server,
    CRM: build_crm_server,
    TICKETING: build_ticketing_server,
    MESSENGER: build_messenger_server,
    NOTIFIER: build_notifier_server,
}


def build_role_server(role: str, impl: object) -> MCPServer:
    """The MCP server of `role`, calling `impl`.

    Raises:
        ConfigError: The role is unknown or `impl` does not implement it.
    """
    if role not in _BUILDERS:
        raise ConfigError(f"unknown role {role!r}; known: {', '.join(ROLES)}")
    if not isinstance(impl, ROLE_PROTOCOLS[role]):
        raise ConfigError(f"{type(impl).__name__} does not implement the {role!r} role")
    return _BUILDERS[role](impl)


def build_local_servers(impl: object) -> dict[str, MCPServer]:
    """One MCP server per role `impl` plays, keyed by role name.

    Meant for the embedded `local` integration, which plays every role; the
    result goes straight to `ToolBox.in_process`.
    """
    servers = {
        role: _BUILDERS[role](impl)
        for role in ROLES
        if isinstance(impl, ROLE_PROTOCOLS[role])
    }
    if not servers:
        raise ConfigError(f"{type(impl).__name__} implements no role")
    return servers
