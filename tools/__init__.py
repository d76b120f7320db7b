"""Every MCP surface of nps-rescue, and the client the graph calls them with.

Each role (`nps`, `crm`, `ticketing`, `messenger`, `notifier`) is served by
its own MCP server wrapping any object that implements the role's protocol.
The graph reaches them only through `ToolBox`: in process over the memory
transport, as a subprocess over stdio, or at a streamable-HTTP URL.

`build_rescue_server` serves the agent itself to AI assistants, and
`serve_http` runs any of these servers over streamable HTTP.
"""

from tools._http import BearerToken, http_app, is_loopback, serve_http
from tools._logging import quiet_mcp_logging
from tools._role_servers import build_local_servers, build_role_server
from tools.client import ServerTarget, ToolBox
from tools.crm_server import build_crm_server
from tools.messenger_server import build_messenger_server
from tools.notifier_server import build_notifier_server
from tools.nps_server import build_nps_server
from tools.rescue_server import RescueDesk, build_rescue_server
from tools.ticketing_server import build_ticketing_server

__all__ = [
    "BearerToken",
    "RescueDesk",
    "ServerTarget",
    "ToolBox",
    "build_crm_server",
    "build_local_servers",
    "build_messenger_server",
    "build_notifier_server",
    "build_nps_server",
    "build_rescue_server",
    "build_role_server",
    "build_ticketing_server",
    "http_app",
    "is_loopback",
    "quiet_mcp_logging",
    "serve_http",
]
