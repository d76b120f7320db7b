"""A ticketing tool server over stdio, on the local plugin: a test fixture.

Usage: python stdio_ticketing_server.py <sqlite file>

Logs go to stderr only; stdout carries nothing but JSON-RPC (MCP-01).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import structlog


def main() -> None:
    """Serve the local plugin's ticketing role over stdio until stdin closes."""
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(message)s")
    structlog.configure(
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=False,
    )

    from plugins.local import LocalIntegration
    from tools import build_ticketing_server, quiet_mcp_logging

    quiet_mcp_logging()
    log = structlog.get_logger("stdio_ticketing_server")
    integration = LocalIntegration(Path(sys.argv[1]))
    log.info("ticketing_server_started", database=sys.argv[1])
    try:
        build_ticketing_server(integration).run("stdio")
    finally:
        integration.close()
        log.info("ticketing_server_stopped")


if __name__ == "__main__":
    main()
