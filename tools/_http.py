"""Serve an MCP server over streamable HTTP, safely by default.

On a loopback address only local clients can connect; the Host header is
still checked, so a web page cannot reach the server through DNS rebinding.
Bound beyond loopback, a bearer token is required on every request, and
only the host names given may appear in the Host header.
"""

from __future__ import annotations

import hmac
import ipaddress
import socket
from collections.abc import Callable, Sequence

import structlog
import uvicorn
from mcp.server import MCPServer
from mcp.server.transport_security import TransportSecuritySettings
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from agent.errors import ConfigError

log = structlog.get_logger(__name__)

MCP_PATH = "/mcp"

_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
_WILDCARDS = ("0.0.0.0", "::", "")


def is_loopback(host: str) -> bool:
    """Whether `host` is an address only this machine can reach."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def http_app(
    server: MCPServer,
    *,
    host: str,
    token: str | None,
    allowed_hosts: Sequence[str] = (),
) -> ASGIApp:
    """The ASGI app serving `server` at `/mcp`, with its checks in place.

    Raises:
        ConfigError: the bind reaches beyond loopback without a token, or a
            wildcard bind names no host clients will use.
    """
    if not is_loopback(host) and not token:
        raise ConfigError(
            f"serving MCP on {host!r} reaches beyond this machine; set a bearer "
            "token with --token or NPS_RESCUE_MCP_TOKEN"
        )
    if host in _WILDCARDS and not allowed_hosts:
        raise ConfigError(
            f"serving MCP on {host!r} accepts any interface; name the host names "
            "clients use with --allowed-host so the Host header can be checked"
        )
    names = [*_LOOPBACK_NAMES, *allowed_hosts]
    if host not in _WILDCARDS and not is_loopback(host):
        names.append(f"[{host}]" if ":" in host else host)
    security = TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=[pattern for name in names for pattern in (name, f"{name}:*")],
        allowed_origins=[
            f"{scheme}://{name}{port}"
            for name in names
            for scheme in ("http", "https")
            for port in ("", ":*")
        ],
    )
    app = server.streamable_http_app(
        streamable_http_path=MCP_PATH, transport_security=security, host=host
    )
    return BearerToken(app, token) if token else app


class BearerToken:
    """ASGI middleware: every HTTP request must carry `Authorization: Bearer`."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self._expected = f"Bearer {token}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self._authorized(scope):
            log.warning("mcp_http_unauthorized", path=scope.get("path"))
            response = JSONResponse(
                {"error": "a valid bearer token is required"},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _authorized(self, scope: Scope) -> bool:
        given = dict(scope.get("headers") or []).get(b"authorization", b"")
        return hmac.compare_digest(given, self._expected)


async def serve_http(
    app: ASGIApp,
    *,
    host: str,
    port: int,
    on_listening: Callable[[str], None] | None = None,
) -> None:
    """Serve `app` until interrupted; port 0 picks a free port.

    `on_listening` receives the endpoint URL once the socket accepts
    connections.

    Raises:
        ConfigError: the address cannot be bound.
    """
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc

    bound = sock.getsockname()[1]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    url = f"http://{shown}:{bound}{MCP_PATH}"
    # log_config=None: uvicorn logs through the root logger, which is stderr.
    config = uvicorn.Config(app, log_config=None, access_log=False, lifespan="on")
    log.info("mcp_http_listening", url=url)
    if on_listening:
        on_listening(url)
    await uvicorn.Server(config).serve(sockets=[sock])
