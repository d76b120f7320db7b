"""Find the integrations plugins offer and build the ones settings select."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pluggy
from pydantic import ValidationError

from agent.errors import ConfigError
from plugins import hookspecs, local
from plugins.hookspecs import PROJECT_NAME, Integration, PluginContext
from plugins.roles import ROLE_PROTOCOLS

ENTRY_POINT_GROUP = "nps_rescue.plugins"

_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")


class PluginRegistry:
    """The plugins of one process and the integrations they offer.

    The built-in `local` plugin is registered at construction, through the
    same hook a third-party plugin implements. Third-party plugins are loaded
    from the `nps_rescue.plugins` entry-point group the first time an
    integration is needed, and only once.
    """

    def __init__(self, *, load_entry_points: bool = True) -> None:
        self._manager = pluggy.PluginManager(PROJECT_NAME)
        self._manager.add_hookspecs(hookspecs)
        self._manager.register(local, name="local")
        self._entry_points_pending = load_entry_points
        self._integrations: dict[str, Integration] | None = None

    def register(self, plugin: object, name: str | None = None) -> None:
        """Add a plugin object or module that implements the hooks."""
        self._manager.register(plugin, name=name)
        self._integrations = None

    def integrations(self) -> list[Integration]:
        """Every integration on offer, sorted by name."""
        return sorted(self._collect().values(), key=lambda item: item.name)

    def get(self, name: str) -> Integration:
        """The integration called `name`.

        Raises:
            ConfigError: No plugin offers an integration of that name.
        """
        integrations = self._collect()
        if name not in integrations:
            known = ", ".join(sorted(integrations)) or "none"
            raise ConfigError(f"no integration named {name!r}; known: {known}")
        return integrations[name]

    def create(
        self,
        name: str,
        settings: Mapping[str, Any] | None,
        context: PluginContext,
    ) -> object:
        """Validate `settings` for integration `name` and build it.

        Raises:
            ConfigError: The integration is unknown, its settings are invalid,
                or what its factory built does not implement its roles.
        """
        integration = self.get(name)
        try:
            validated = integration.settings_model.model_validate(dict(settings or {}))
        except ValidationError as exc:
            raise ConfigError(_settings_message(name, exc)) from exc

        built = integration.factory(validated, context)

        missing = [
            role
            for role in sorted(integration.roles)
            if not isinstance(built, ROLE_PROTOCOLS[role])
        ]
        if missing:
            raise ConfigError(
                f"integration {name!r} built {type(built).__name__}, which does "
                f"not implement the role(s) it declares: {', '.join(missing)}"
            )
        return built

    def _collect(self) -> dict[str, Integration]:
        if self._entry_points_pending:
            self._entry_points_pending = False
            self._load_entry_points()
            self._integrations = None
        if self._integrations is None:
            found: dict[str, Integration] = {}
            self._manager.hook.nps_rescue_register_integrations(
                register=lambda integration: _add(found, integration)
            )
            self._integrations = found
        return self._integrations

    def _load_entry_points(self) -> None:
        try:
            self._manager.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
        except Exception as exc:
            # Third-party import code can fail in any way; name the group.
            raise ConfigError(
                f"could not load the plugins of entry-point group "
                f"{ENTRY_POINT_GROUP!r}: {exc}"
            ) from exc


def _add(found: dict[str, Integration], integration: Integration) -> None:
    name = integration.name
    if not _NAME.match(name):
        raise ConfigError(
            f"integration name {name!r} must be lowercase letters, digits, "
            "'-' or '_', starting with a letter"
        )
    if name in found:
        raise ConfigError(f"two plugins register an integration named {name!r}")
    unknown = sorted(set(integration.roles) - set(ROLE_PROTOCOLS))
    if unknown or not integration.roles:
        raise ConfigError(
            f"integration {name!r} declares unknown or no roles: {unknown or '[]'}; "
            f"known roles: {', '.join(ROLE_PROTOCOLS)}"
        )
    found[name] = integration


def _settings_message(name: str, error: ValidationError) -> str:
    problems = []
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"]) or "(settings)"
        problems.append(f"{key}: {item['msg']}")
    return f"invalid settings for plugin {name!r}: " + "; ".join(problems)
