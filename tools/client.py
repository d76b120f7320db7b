"""The graph's only way to reach an integration: MCP tool calls per role.

`ToolBox` keeps one client session per role for its whole life. All sessions
are entered in one `AsyncExitStack` and closed in reverse order by one owner
task, which is what the SDK's task groups require (MCP-02).
Every call is bounded by a timeout, because a stalled server otherwise hangs
the caller forever (MCP-03).
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Mapping
from contextlib import AsyncExitStack
from types import TracebackType
from typing import Any, Self, TypeAlias, TypeVar

import structlog
from mcp import Client, MCPError, StdioServerParameters
from mcp.server import MCPServer, Server
from mcp.types import REQUEST_TIMEOUT, CallToolResult, TextContent
from pydantic import BaseModel, ValidationError
from pydantic_core import to_jsonable_python

from agent.errors import ConfigError, IntegrationError

log = structlog.get_logger(__name__)

ServerTarget: TypeAlias = MCPServer | Server[Any] | StdioServerParameters | str
"""An in-process server, a command to run over stdio, or a streamable-HTTP URL."""

ModelT = TypeVar("ModelT", bound=BaseModel)

_INPUT_ECHO = re.compile(r"input_value=.*?, input_type=")


class ToolBox:
    """Long-lived MCP sessions, one per role, and a bounded `call`.

    Use it as an async context manager. The sessions live in one owner task
    that enters them in order and closes them in reverse (MCP-02), so the
    toolbox may be opened, called and closed from different tasks of one
    event loop, as pytest fixtures and graph nodes do.
    """

    def __init__(self, servers: Mapping[str, ServerTarget], *, timeout: float) -> None:
        if timeout <= 0:
            raise ConfigError(f"tool timeout {timeout!r} must be positive")
        self._targets = dict(servers)
        self._timeout = timeout
        self._clients: dict[str, Client] = {}
        self._owner: asyncio.Task[None] | None = None
        self._closing = asyncio.Event()

    @classmethod
    def in_process(cls, servers: Mapping[str, MCPServer], timeout: float) -> ToolBox:
        """Sessions over the in-memory transport to servers in this process."""
        return cls(servers, timeout=timeout)

    @property
    def roles(self) -> frozenset[str]:
        """The roles this toolbox has a server for."""
        return frozenset(self._targets)

    @property
    def timeout(self) -> float:
        """Seconds any one call may take."""
        return self._timeout

    async def __aenter__(self) -> Self:
        """Connect to every server.

        Raises:
            IntegrationError: A server could not be reached or started.
        """
        if self._owner is not None:
            raise RuntimeError("this ToolBox is already open")

        ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._closing = asyncio.Event()
        owner = asyncio.create_task(self._hold_sessions(ready), name="toolbox")
        self._owner = owner
        try:
            await ready
        except BaseException:
            self._owner = None
            self._closing.set()
            owner.cancel()
            await asyncio.wait([owner])
            if not owner.cancelled():
                owner.exception()  # retrieved: the caller sees the error already
            raise
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        owner, self._owner = self._owner, None
        if owner is None:
            return
        self._closing.set()
        # wait() rather than gather(): a cancelled caller must not cancel the
        # owner half-way through closing the sessions.
        await asyncio.wait([owner])
        if not owner.cancelled() and owner.exception() is not None:
            log.warning(
                "tool_sessions_closed_with_error", error=repr(owner.exception())
            )

    async def call(
        self,
        role: str,
        tool: str,
        arguments: Mapping[str, Any],
        *,
        result_model: type[ModelT],
    ) -> ModelT:
        """Call `tool` of the `role` server and validate its structured result.

        `arguments` may hold pydantic models, dates and datetimes; they are
        sent as JSON.

        Raises:
            IntegrationError: The tool reported an error, timed out, the
                connection failed, or the result is not a `result_model`.
            ConfigError: No server was configured for `role`.
        """
        client = self._client(role, tool)
        payload = to_jsonable_python(dict(arguments))
        started = time.perf_counter()
        outcome = "failed"

        try:
            async with asyncio.timeout(self._timeout):
                result = await client.call_tool(tool, payload)
            outcome = "tool_error" if result.is_error else "bad_result"
            value = _result_value(result, role, tool, result_model)
            outcome = "ok"
            return value
        except TimeoutError as exc:
            outcome = "timeout"
            raise self._timed_out(role, tool) from exc
        except MCPError as exc:
            if exc.code == REQUEST_TIMEOUT:
                outcome = "timeout"
                raise self._timed_out(role, tool) from exc
            outcome = "protocol_error"
            raise _failure(role, tool, exc.message) from exc
        except IntegrationError:
            raise
        except Exception as exc:
            # The boundary to an integration: a broken pipe, a result that
            # breaks the tool's schema, an HTTP failure all reach the caller
            # as one IntegrationError, and are logged below.
            outcome = "failed"
            raise _failure(role, tool, _scrub(_reason(exc))) from exc
        finally:
            duration_ms = round((time.perf_counter() - started) * 1000, 3)
            emit = log.info if outcome == "ok" else log.warning
            emit(
                "tool_call",
                role=role,
                tool=tool,
                outcome=outcome,
                duration_ms=duration_ms,
            )

    async def _hold_sessions(self, ready: asyncio.Future[None]) -> None:
        """Own every session: open them in order, wait, close them in reverse."""
        try:
            async with AsyncExitStack() as stack:
                for role, target in self._targets.items():
                    self._clients[role] = await self._connect(stack, role, target)
                ready.set_result(None)
                await self._closing.wait()
        except BaseException as exc:
            if not ready.done():
                ready.set_exception(exc)
                return
            raise
        finally:
            self._clients.clear()

    async def _connect(
        self, stack: AsyncExitStack, role: str, target: ServerTarget
    ) -> Client:
        if isinstance(target, MCPServer | Server):
            # The legacy handshake runs the real JSON-RPC session in memory.
            client = Client(target, mode="legacy", read_timeout_seconds=self._timeout)
        else:
            client = Client(target, read_timeout_seconds=self._timeout)
        try:
            return await stack.enter_async_context(client)
        except Exception as exc:
            # Spawning, the handshake and HTTP can fail in many ways, often
            # wrapped in exception groups; the caller needs one error.
            raise IntegrationError(
                f"cannot connect to the {role} tool server: {_reason(exc)}"
            ) from exc

    def _client(self, role: str, tool: str) -> Client:
        if self._owner is None:
            raise RuntimeError("open the ToolBox with `async with` before calling")
        if role not in self._targets:
            known = ", ".join(sorted(self._targets)) or "none"
            raise ConfigError(f"no tool server for role {role!r}; configured: {known}")
        if role not in self._clients:
            raise _failure(role, tool, "the tool sessions have closed")
        return self._clients[role]

    def _timed_out(self, role: str, tool: str) -> IntegrationError:
        return _failure(role, tool, f"no answer within {self._timeout:g}s")


def _result_value(
    result: CallToolResult, role: str, tool: str, model: type[ModelT]
) -> ModelT:
    if result.is_error:
        text = " ".join(
            block.text for block in result.content if isinstance(block, TextContent)
        )
        reason = text.removeprefix(f"Error executing tool {tool}: ") or "no reason"
        raise _failure(role, tool, _scrub(reason))
    if result.structured_content is None:
        raise _failure(role, tool, "the result has no structured content")
    try:
        return model.model_validate(result.structured_content)
    except ValidationError as exc:
        raise _failure(
            role, tool, f"the result is not a {model.__name__}: {_scrub(str(exc))}"
        ) from exc


def _failure(role: str, tool: str, reason: str) -> IntegrationError:
    return IntegrationError(f"{role} tool {tool!r} failed: {reason}", tool=tool)


def _reason(exc: BaseException) -> str:
    """What went wrong, with exception groups flattened to their leaves."""
    if isinstance(exc, BaseExceptionGroup):
        return "; ".join(_reason(inner) for inner in exc.exceptions)
    if isinstance(exc, MCPError):
        return exc.message
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _scrub(text: str) -> str:
    """Drop echoed input values (a comment, an email) and doc links from a reason."""
    lines = [
        _INPUT_ECHO.sub("input_type=", line).strip()
        for line in text.splitlines()
        if "errors.pydantic.dev" not in line
    ]
    return "; ".join(line for line in lines if line)
