"""Settings, built once at the edge and passed in.

Sources, highest first: explicit arguments, environment variables with the
`NPS_RESCUE_` prefix (nested keys joined by `__`), then an optional TOML file.
The embedded default needs none of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from agent.errors import ConfigError, describe_invalid

StructuredMethod = Literal["json_schema", "function_calling", "json_mode"]


class LlmSettings(BaseModel):
    """The language model behind the LLM reasoner: OpenAI or a compatible server.

    Without an API key the offline reasoner runs. Servers that need no key
    (Ollama, a local vLLM or llama.cpp) take any placeholder key.
    """

    model_config = ConfigDict(extra="forbid")

    model: str = "gpt-4o-mini"
    base_url: str | None = Field(
        default=None,
        description="An OpenAI-compatible endpoint, e.g. http://localhost:11434/v1.",
    )
    api_key: SecretStr | None = None
    timeout_seconds: float = Field(default=30.0, gt=0)
    max_retries: int = Field(default=2, ge=0, le=10)
    temperature: float = Field(default=0.3, ge=0, le=2)
    max_output_tokens: int = Field(default=1200, gt=0)
    analysis_model: str | None = Field(
        default=None, description="Model for the analyze node; default `model`."
    )
    draft_model: str | None = Field(
        default=None, description="Model for the draft node; default `model`."
    )
    structured_output: StructuredMethod | None = Field(
        default=None,
        description="The method to try first; the others follow when the "
        "server rejects it. Default: json_schema.",
    )
    redact_personal_data: bool = Field(
        default=True,
        description="Replace emails, phone, card numbers and street addresses "
        "with placeholders before text leaves the machine.",
    )

    @property
    def enabled(self) -> bool:
        """Whether a key is set, so the LLM reasoner should run."""
        return bool(self.api_key and self.api_key.get_secret_value().strip())

    def step_deadline_seconds(self, methods: int) -> float:
        """The longest one analyze or draft step may wait for the model."""
        return self.timeout_seconds * (self.max_retries + 1) * methods + 5.0


class Settings(BaseSettings):
    """Everything an nps-rescue process can be told."""

    model_config = SettingsConfigDict(
        env_prefix="NPS_RESCUE_",
        env_nested_delimiter="__",
        extra="forbid",
        toml_file=None,
    )

    data_dir: Path = Field(
        default_factory=lambda: Path(platformdirs.user_data_dir("nps-rescue")),
        description="Folder holding the embedded SQLite file.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the case store; default is data_dir.",
    )
    policy_file: Path | None = Field(
        default=None,
        description="TOML file merged over the shipped default policy.",
    )
    prompts_dir: Path | None = Field(
        default=None,
        description="Folder whose files override the shipped prompts.",
    )
    integrations: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Per-plugin settings, e.g. integrations.local.accounts_csv.",
    )
    tool_timeout_seconds: float = Field(default=10.0, gt=0)
    llm: LlmSettings = Field(
        default_factory=LlmSettings,
        description="The language model; unset means the offline reasoner.",
    )
    log_level: Literal["debug", "info", "warning", "error"] = "warning"
    log_format: Literal["console", "json"] = "console"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return init_settings, env_settings, _TomlFile(settings_cls)

    @property
    def sqlite_path(self) -> Path:
        """The embedded SQLite file for checkpoints and cases."""
        return self.data_dir / "rescue.sqlite"

    @property
    def store_url(self) -> str:
        return self.database_url or f"sqlite:///{self.sqlite_path}"


class _TomlFile(TomlConfigSettingsSource):
    """The TOML settings file, with relative paths taken from its folder.

    A config file that says `policy_file = "policy.toml"` means the policy
    beside it, wherever the command is run from.
    """

    _PATHS = ("data_dir", "policy_file", "prompts_dir")
    _PLUGIN_PATHS = ("accounts_csv", "database")

    def __call__(self) -> dict[str, Any]:
        data = super().__call__()
        toml_file = self.config.get("toml_file")
        if not data or toml_file is None:
            return data
        folder = Path(toml_file).resolve().parent

        for key in self._PATHS:
            if isinstance(data.get(key), str):
                data[key] = str(folder / Path(data[key]).expanduser())
        for plugin in (data.get("integrations") or {}).values():
            for key in self._PLUGIN_PATHS:
                if isinstance(plugin, dict) and isinstance(plugin.get(key), str):
                    plugin[key] = str(folder / Path(plugin[key]).expanduser())
        return data


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build settings from an optional TOML file, the environment and overrides.

    Raises:
        ConfigError: the file is missing or a value is invalid.
    """
    settings_cls = Settings
    if config_file is not None:
        if not config_file.is_file():
            raise ConfigError(f"config file {str(config_file)!r} does not exist")
        config = SettingsConfigDict({**Settings.model_config, "toml_file": config_file})
        settings_cls = type("FileSettings", (Settings,), {"model_config": config})

    try:
        return settings_cls(**{k: v for k, v in overrides.items() if v is not None})
    except ValueError as exc:
        raise ConfigError(f"invalid settings: {describe_invalid(exc)}") from exc
