"""How the `local` plugin offers its integration: the same hook as anyone's."""

from __future__ import annotations

from plugins.hookspecs import Integration, Register, hookimpl
from plugins.local._integration import LocalIntegration, LocalSettings
from plugins.roles import ROLES

NAME = "local"


@hookimpl
def nps_rescue_register_integrations(register: Register) -> None:
    """Offer the embedded integration, which plays every role."""
    register(
        Integration(
            name=NAME,
            roles=frozenset(ROLES),
            settings_model=LocalSettings,
            factory=LocalIntegration.from_settings,
            description="Embedded: one SQLite file, no network.",
        )
    )
