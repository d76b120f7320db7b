"""The built-in `local` plugin: every role on one SQLite file, no network.

Registered by `PluginRegistry` through the same hook a third-party plugin
implements; this module is the plugin object.
"""

from plugins.local._integration import LocalIntegration, LocalSettings
from plugins.local._plugin import nps_rescue_register_integrations

__all__ = ["LocalIntegration", "LocalSettings", "nps_rescue_register_integrations"]
