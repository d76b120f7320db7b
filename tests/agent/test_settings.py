from pathlib import Path

import pytest

from agent.errors import ConfigError
from agent.settings import load_settings


def test_embedded_default_needs_no_file_and_no_environment(monkeypatch):
    monkeypatch.delenv("NPS_RESCUE_DATA_DIR", raising=False)

    settings = load_settings()

    assert settings.store_url.startswith("sqlite:///")
    assert settings.store_url.endswith("rescue.sqlite")
    assert settings.policy_file is None


def test_environment_overrides_the_file_and_nested_keys_use_double_underscore(
    tmp_path: Path, monkeypatch
):
    config = tmp_path / "settings.toml"
    config.write_text('log_level = "info"\ntool_timeout_seconds = 3\n')
    monkeypatch.setenv("NPS_RESCUE_LOG_LEVEL", "debug")
    monkeypatch.setenv("NPS_RESCUE_INTEGRATIONS__LOCAL__TASK_URL_BASE", "https://t")

    settings = load_settings(config)

    assert settings.log_level == "debug"
    assert settings.tool_timeout_seconds == 3
    assert settings.integrations["local"]["task_url_base"] == "https://t"


def test_relative_paths_in_the_file_are_taken_from_its_folder(tmp_path: Path):
    folder = tmp_path / "conf"
    folder.mkdir()
    config = folder / "settings.toml"
    config.write_text(
        'policy_file = "policy.toml"\nprompts_dir = "prompts"\n'
        '[integrations.local]\naccounts_csv = "accounts.csv"\n'
    )

    settings = load_settings(config)

    assert settings.policy_file == folder / "policy.toml"
    assert settings.prompts_dir == folder / "prompts"
    assert settings.integrations["local"]["accounts_csv"] == str(
        folder / "accounts.csv"
    )


def test_missing_config_file_is_a_config_error(tmp_path: Path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml")


def test_invalid_value_names_the_setting(tmp_path: Path):
    config = tmp_path / "settings.toml"
    config.write_text("tool_timeout_seconds = -1\n")

    with pytest.raises(ConfigError, match="tool_timeout_seconds"):
        load_settings(config)
