"""The plugin registry: discovery through the hook, settings, building."""

from __future__ import annotations

import inspect
import sys
import textwrap
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

import plugins
from agent.errors import ConfigError
from plugins import (
    NOTIFIER,
    Integration,
    Notified,
    PluginContext,
    PluginRegistry,
    hookimpl,
)
from plugins.local import LocalIntegration, LocalSettings


class _EchoSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    prefix: str = "echo"


class _EchoNotifier:
    def __init__(self, settings: _EchoSettings, context: PluginContext) -> None:
        self.settings = settings
        self.context = context

    async def notify(self, team: str, text: str, idempotency_key: str) -> Notified:
        return Notified(id=f"{self.settings.prefix}-{idempotency_key}", created=True)


class _EchoPlugin:
    """A third-party plugin as pluggy sees it: an object with a hookimpl."""

    def __init__(self, integration: Integration) -> None:
        self.integration = integration

    @hookimpl
    def nps_rescue_register_integrations(self, register) -> None:
        register(self.integration)


def _echo(name: str = "echo", **overrides) -> Integration:
    values = {
        "name": name,
        "roles": frozenset({NOTIFIER}),
        "settings_model": _EchoSettings,
        "factory": _EchoNotifier,
    }
    return Integration(**(values | overrides))


@pytest.fixture
def registry() -> PluginRegistry:
    return PluginRegistry(load_entry_points=False)


def test_local_integration_is_offered_through_the_hook(registry):
    (local,) = registry.integrations()

    assert local.name == "local"
    assert local.roles == frozenset(plugins.ROLES)
    assert local.settings_model is LocalSettings


def test_plugin_registered_with_pluggy_is_discovered(registry):
    registry.register(_EchoPlugin(_echo()), name="echo-plugin")

    names = [integration.name for integration in registry.integrations()]
    built = registry.create("echo", {"prefix": "hi"}, PluginContext(Path(".")))

    assert names == ["echo", "local"]
    assert isinstance(built, _EchoNotifier)
    assert built.settings.prefix == "hi"


def test_create_builds_local_integration_in_the_data_dir(registry, tmp_path):
    built = registry.create("local", {}, PluginContext(data_dir=tmp_path / "data"))

    try:
        assert isinstance(built, LocalIntegration)
        assert built.database == tmp_path / "data" / "local.sqlite"
        assert built.database.exists()
    finally:
        built.close()


def test_unknown_settings_key_error_names_the_plugin_and_the_key(registry, tmp_path):
    with pytest.raises(ConfigError, match=r"plugin 'local'.*databse"):
        registry.create("local", {"databse": "x.sqlite"}, PluginContext(tmp_path))


def test_bad_settings_value_error_names_the_plugin_and_the_key(registry, tmp_path):
    with pytest.raises(ConfigError, match=r"plugin 'local'.*task_url_base"):
        registry.create("local", {"task_url_base": 5}, PluginContext(tmp_path))


def test_unknown_integration_error_lists_the_known_ones(registry, tmp_path):
    with pytest.raises(ConfigError, match=r"'zendesk'.*known: local"):
        registry.create("zendesk", {}, PluginContext(tmp_path))


def test_two_integrations_with_one_name_are_refused(registry):
    registry.register(_EchoPlugin(_echo("local")), name="impostor")

    with pytest.raises(ConfigError, match=r"two plugins register .*'local'"):
        registry.integrations()


@pytest.mark.parametrize(
    "roles", [frozenset({"payments"}), frozenset()], ids=["unknown-role", "no-role"]
)
def test_integration_with_unknown_or_no_roles_is_refused(registry, roles):
    registry.register(_EchoPlugin(_echo(roles=roles)))

    with pytest.raises(ConfigError, match="unknown or no roles"):
        registry.integrations()


def test_factory_whose_object_lacks_a_declared_role_is_refused(registry, tmp_path):
    liar = _echo(roles=frozenset({NOTIFIER, "ticketing"}))
    registry.register(_EchoPlugin(liar))

    with pytest.raises(ConfigError, match=r"does not implement .*ticketing"):
        registry.create("echo", {}, PluginContext(tmp_path))


@pytest.fixture
def installed_plugin(tmp_path, monkeypatch):
    """A third-party distribution on sys.path that names its plugin module."""
    site = tmp_path / "site"
    dist_info = site / "nps_rescue_echo-0.1.dist-info"
    dist_info.mkdir(parents=True)
    (dist_info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: nps-rescue-echo\nVersion: 0.1\n"
    )
    (dist_info / "entry_points.txt").write_text(
        "[nps_rescue.plugins]\necho = nps_rescue_echo_plugin\n"
    )
    (site / "nps_rescue_echo_plugin.py").write_text(
        textwrap.dedent(
            """
            from pydantic import BaseModel

            from plugins import Integration, hookimpl


            class Settings(BaseModel):
                pass


            @hookimpl
            def nps_rescue_register_integrations(register):
                register(
                    Integration(
                        name="echo",
                        roles=frozenset({"notifier"}),
                        settings_model=Settings,
                        factory=lambda settings, context: object(),
                    )
                )
            """
        )
    )
    monkeypatch.syspath_prepend(str(site))
    yield "nps_rescue_echo_plugin"
    sys.modules.pop("nps_rescue_echo_plugin", None)


def test_entry_point_plugins_load_lazily_when_integrations_are_needed(
    installed_plugin,
):
    registry = PluginRegistry()
    assert installed_plugin not in sys.modules

    first = [integration.name for integration in registry.integrations()]
    second = [integration.name for integration in registry.integrations()]

    assert first == second == ["echo", "local"]
    assert installed_plugin in sys.modules


def test_plugins_exports_exactly_its_public_names():
    public = {
        name
        for name, value in vars(plugins).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }

    assert public == set(plugins.__all__)
