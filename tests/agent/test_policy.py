from pathlib import Path

import pytest

from agent.errors import ConfigError
from agent.policy import load_policy


def test_default_policy_routes_every_default_category_to_a_defined_team():
    policy = load_policy()

    assert set(policy.categories) == {
        "product_bug",
        "performance",
        "usability",
        "missing_feature",
        "pricing",
        "support_experience",
        "onboarding",
        "relationship",
        "other",
    }
    assert {policy.team_for(c) for c in policy.categories} == set(policy.teams)
    assert policy.response_target_hours == 4


def test_user_file_overrides_one_key_and_keeps_the_rest(tmp_path: Path):
    path = tmp_path / "policy.toml"
    path.write_text("[teams.support]\nsla_business_days = 1\n")

    policy = load_policy(path)

    assert policy.teams["support"].sla_business_days == 1
    assert policy.teams["support"].sender.name == "Sam Rivera"
    assert policy.teams["billing"].sla_business_days == 3


def test_unknown_category_falls_back_to_the_team_owning_other():
    assert load_policy().team_for("shipping") == "customer_success"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param('[categories]\npricing = "finance"\n', "'finance'", id="team"),
        pytest.param('[calendar]\ntimezone = "Mars/Base"\n', "Mars/Base", id="zone"),
        pytest.param('[calendar]\nholiday_country = "XX"\n', "'XX'", id="country"),
        pytest.param("response_target_hours = = 4\n", "not TOML", id="syntax"),
        pytest.param('[approval]\nauto_send = "maybe"\n', "auto_send", id="type"),
    ],
)
def test_invalid_policy_file_fails_with_the_file_and_the_bad_value(
    tmp_path: Path, text: str, message: str
):
    path = tmp_path / "bad.toml"
    path.write_text(text)

    with pytest.raises(ConfigError, match=r"bad\.toml") as info:
        load_policy(path)

    assert message in str(info.value)


def test_missing_policy_file_is_a_config_error(tmp_path: Path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_policy(tmp_path / "nope.toml")


def test_invalid_policy_message_names_each_key_and_value_without_links(
    tmp_path: Path,
):
    path = tmp_path / "bad.toml"
    path.write_text(
        '[teams.support]\nsla_business_days = "two"\n[approval]\nauto_send = "maybe"\n'
    )

    with pytest.raises(ConfigError) as info:
        load_policy(path)

    message = str(info.value)
    assert "teams.support.sla_business_days: " in message
    assert "(got 'two')" in message
    assert "approval.auto_send: " in message
    assert "errors.pydantic.dev" not in message
