"""The embedded integration: every role on one SQLite file, no network."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import SQLAlchemyError

from agent.errors import ConfigError
from plugins.hookspecs import PluginContext
from plugins.local._base import Clock, database_reason
from plugins.local._crm import LocalCrm
from plugins.local._database import open_engine
from plugins.local._inbox import LocalInbox
from plugins.local._outbox import LocalOutbox
from plugins.local._ticketing import LocalTicketing

DEFAULT_DATABASE_NAME = "local.sqlite"


class LocalSettings(BaseModel):
    """Settings of the `local` integration (`integrations.local.*`)."""

    model_config = ConfigDict(extra="forbid")

    database: Path | None = Field(
        default=None,
        description="SQLite file; default `<data_dir>/local.sqlite`.",
    )
    accounts_csv: Path | None = Field(
        default=None,
        description="CSV of accounts loaded into the local CRM at start.",
    )
    task_url_base: str | None = Field(
        default=None,
        description="Base URL of task links, e.g. https://tasks.example.com/t.",
    )


def _utc_now() -> datetime:
    return datetime.now(UTC)


class LocalIntegration(LocalInbox, LocalCrm, LocalTicketing, LocalOutbox):
    """Plays every role (NPS inbox, CRM, ticketing, messenger, notifier).

    Several processes may open the same file. Call `close` when done.
    """

    def __init__(
        self,
        database: Path,
        *,
        accounts_csv: Path | None = None,
        task_url_base: str | None = None,
        clock: Clock = _utc_now,
    ) -> None:
        try:
            engine = open_engine(database)
        except (OSError, SQLAlchemyError) as exc:
            reason = database_reason(exc) if isinstance(exc, SQLAlchemyError) else exc
            raise ConfigError(
                f"cannot open the local database {str(database)!r}: {reason}"
            ) from exc
        super().__init__(engine, clock, task_url_base)
        self.database = database
        if accounts_csv is not None:
            try:
                self.load_accounts(accounts_csv)
            except BaseException:
                engine.dispose()
                raise

    @classmethod
    def from_settings(
        cls, settings: LocalSettings, context: PluginContext
    ) -> LocalIntegration:
        """Build it as the plugin registry does."""
        return cls(
            settings.database or context.data_dir / DEFAULT_DATABASE_NAME,
            accounts_csv=settings.accounts_csv,
            task_url_base=settings.task_url_base,
        )

    def close(self) -> None:
        """Release the file's connections."""
        self._engine.dispose()
