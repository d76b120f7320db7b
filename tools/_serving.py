"""What every role's tool server shares: how it is built and how it fails."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from mcp.server import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations

from agent.errors import InputError, IntegrationError

SERVER_LOG_LEVEL = "WARNING"

ToolFn = TypeVar("ToolFn", bound=Callable[..., Any])


def new_server(role: str, instructions: str) -> MCPServer:
    """An empty MCP server for one role, named `nps-rescue-<role>`."""
    # MCPServer() calls logging.basicConfig(level=log_level) when the root
    # logger has no handler yet; WARNING keeps that from unmuting INFO.
    return MCPServer(
        f"nps-rescue-{role}",
        instructions=instructions,
        log_level=SERVER_LOG_LEVEL,
    )


def role_tool(
    server: MCPServer, *, read_only: bool = False
) -> Callable[[ToolFn], ToolFn]:
    """Register a function as a tool, its docstring as the description.

    Tools that write are idempotent by key and only ever add or update
    records, which the annotations tell clients.
    """

    def register(fn: ToolFn) -> ToolFn:
        annotations = (
            ToolAnnotations(read_only_hint=True)
            if read_only
            else ToolAnnotations(idempotent_hint=True, destructive_hint=False)
        )
        server.add_tool(
            fn,
            description=inspect.cleandoc(fn.__doc__ or ""),
            annotations=annotations,
        )
        return fn

    return register


@contextmanager
def reported_to_caller(role: str) -> Iterator[None]:
    """Turn the errors a role may raise into tool errors the caller can read.

    `InputError` and `IntegrationError` carry messages written for callers.
    Anything else is a bug: it propagates, the SDK logs the traceback and
    the caller sees only "Error executing tool <name>".
    """
    try:
        yield
    except InputError as exc:
        raise ToolError(str(exc)) from exc
    except IntegrationError as exc:
        raise ToolError(f"the {role} system failed: {exc}") from exc
