"""The integration contract and the built-in plugins.

An integration plays one or more roles (`NpsInbox`, `Crm`, `Ticketing`,
`Messenger`, `Notifier`). Plugins offer integrations through the
`nps_rescue_register_integrations` hook; `PluginRegistry` finds them and
builds the ones the settings select.
"""

from plugins.hookspecs import Integration, PluginContext, Register, hookimpl
from plugins.registry import ENTRY_POINT_GROUP, PluginRegistry
from plugins.roles import (
    CRM,
    MESSENGER,
    NOTIFIER,
    NPS,
    ROLE_PROTOCOLS,
    ROLES,
    TICKETING,
    AccountLookup,
    CreatedTask,
    Crm,
    LoggedActivity,
    Messenger,
    Notified,
    Notifier,
    NpsInbox,
    RecordedResponse,
    ResponseList,
    SentMessage,
    TaskInfo,
    TaskList,
    Ticketing,
)

__all__ = [
    "CRM",
    "ENTRY_POINT_GROUP",
    "MESSENGER",
    "NOTIFIER",
    "NPS",
    "ROLES",
    "ROLE_PROTOCOLS",
    "TICKETING",
    "AccountLookup",
    "CreatedTask",
    "Crm",
    "Integration",
    "LoggedActivity",
    "Messenger",
    "Notified",
    "Notifier",
    "NpsInbox",
    "PluginContext",
    "PluginRegistry",
    "RecordedResponse",
    "Register",
    "ResponseList",
    "SentMessage",
    "TaskInfo",
    "TaskList",
    "Ticketing",
    "hookimpl",
]
