"""Logging settings the MCP SDK needs from whoever configures logging."""

from __future__ import annotations

import logging


def quiet_mcp_logging(level: int = logging.WARNING) -> None:
    """Raise the `mcp` loggers to `level` (MCP-06).

    The SDK logs every failed tool call at INFO and, on some paths, every
    request. Call this where logging is configured, once; a tool call still
    gets one event of our own from `ToolBox`.
    """
    logging.getLogger("mcp").setLevel(level)
