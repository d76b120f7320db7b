"""The hooks an nps-rescue plugin implements.

A plugin is a module or object with functions marked `@hookimpl`. The
built-in `local` plugin registers through these hooks exactly as a
third-party package does; a package makes its plugin known by naming it in
the `nps_rescue.plugins` entry-point group::

    [project.entry-points."nps_rescue.plugins"]
    zendesk = "nps_rescue_zendesk.plugin"
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pluggy
from pydantic import BaseModel

PROJECT_NAME = "nps_rescue"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@dataclass(frozen=True)
class PluginContext:
    """What the application hands every integration it builds."""

    data_dir: Path
    """Folder an embedded integration may keep files in."""


@dataclass(frozen=True)
class Integration:
    """One integration a plugin offers: its roles, settings and builder."""

    name: str
    """The key users configure it under, e.g. `integrations.local`."""

    roles: frozenset[str]
    """Role names from `plugins.roles.ROLES` the built object implements."""

    settings_model: type[BaseModel]
    """Validates the user's settings for this integration."""

    factory: Callable[[Any, PluginContext], object]
    """Builds the integration from validated settings and the context."""

    description: str = ""


Register = Callable[[Integration], None]
"""The callback a plugin calls once per integration it offers."""


@hookspec
def nps_rescue_register_integrations(register: Register) -> None:
    """Offer integrations by calling `register(Integration(...))` for each.

    Implemented by every plugin that brings an integration, built-in or third
    party. Called once per registry, when integrations are first needed; the
    return value is ignored. Nothing is built here: the registry calls an
    integration's `factory` only when the user's settings select it, so this
    hook must be cheap and free of I/O.
    """
