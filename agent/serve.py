"""Serve the rescue agent to AI assistants over MCP: stdio or streamable HTTP.

One process holds one agent. Over stdio each assistant starts its own
process; over HTTP every session shares one. Either way the processes share
the store and the checkpoints in the data folder, and the idempotency keys
keep tasks and replies single when two of them act on one case.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import structlog

from agent.app import open_agent
from agent.desk import AgentDesk
from agent.settings import Settings
from tools import build_rescue_server, http_app, serve_http

log = structlog.get_logger(__name__)


async def serve_stdio(settings: Settings) -> None:
    """Serve over this process's stdin and stdout until stdin closes."""
    async with open_agent(settings) as agent:
        server = build_rescue_server(AgentDesk(agent), settings.prompts_dir)
        log.info("mcp_stdio_serving", data_dir=str(settings.data_dir))
        await server.run_stdio_async()


async def serve_streamable_http(
    settings: Settings,
    *,
    host: str,
    port: int,
    token: str | None,
    allowed_hosts: Sequence[str] = (),
    on_listening: Callable[[str], None] | None = None,
) -> None:
    """Serve at `http://host:port/mcp` until interrupted.

    Raises:
        ConfigError: the bind needs a token or host names it was not given,
            or the address cannot be bound.
    """
    async with open_agent(settings) as agent:
        server = build_rescue_server(AgentDesk(agent), settings.prompts_dir)
        app = http_app(server, host=host, token=token, allowed_hosts=allowed_hosts)
        await serve_http(app, host=host, port=port, on_listening=on_listening)
