"""The rescue policy: who owns what, how fast, and what may be promised.

The shipped `default_policy.toml` is always loaded; a user's file is merged
over it key by key, so a team can change one SLA without restating the rest.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from agent.errors import ConfigError, describe_invalid
from agent.models import Sender

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CalendarPolicy(_Strict):
    timezone: str = "UTC"
    working_days: list[Weekday] = Field(min_length=1)
    holiday_country: str = ""
    closed_dates: list[str] = Field(default_factory=list)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class TeamPolicy(_Strict):
    display_name: str
    sla_business_days: int = Field(ge=0, le=60)
    sender: Sender


class PriorityPolicy(_Strict):
    high_value_arr: float = Field(ge=0)
    renewal_window_days: int = Field(ge=0)
    high_intensity: float = Field(ge=0, le=1)


class ApprovalPolicy(_Strict):
    auto_send: bool
    fundamental: bool
    high_value: bool
    near_renewal: bool
    high_intensity: bool
    guardrail_failure: bool
    non_english: bool


class PromisePolicy(_Strict):
    refunds: bool
    credits: bool
    discounts: bool
    feature_commitments: bool


class Policy(_Strict):
    """The whole policy, validated."""

    response_target_hours: float = Field(gt=0)
    calendar: CalendarPolicy
    categories: dict[str, str]
    teams: dict[str, TeamPolicy]
    priority: PriorityPolicy
    approval: ApprovalPolicy
    promises: PromisePolicy

    @model_validator(mode="after")
    def _check_references(self) -> Policy:
        for category, team in self.categories.items():
            if team not in self.teams:
                raise ValueError(
                    f"category {category!r} is routed to team {team!r}, "
                    f"which is not defined under [teams]"
                )
        if "other" not in self.categories:
            raise ValueError("[categories] must route 'other'")
        try:
            ZoneInfo(self.calendar.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.calendar.timezone!r}") from exc
        country = self.calendar.holiday_country
        if country and country not in holidays.list_supported_countries():
            raise ValueError(f"unknown holiday_country {country!r}")
        return self

    def team_for(self, category: str) -> str:
        return self.categories.get(category, self.categories["other"])


def load_policy(path: Path | None = None) -> Policy:
    """Load the shipped policy, merged with the file at `path` if given.

    Raises:
        ConfigError: the file is unreadable or the merged policy is invalid.
    """
    default_text = resources.files("agent").joinpath("default_policy.toml")
    data = tomllib.loads(default_text.read_text(encoding="utf-8"))
    origin = "the default policy"

    if path is not None:
        try:
            override = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read policy file {str(path)!r}: {exc}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"policy file {str(path)!r} is not TOML: {exc}") from exc
        data = _merge(data, override)
        origin = f"policy file {str(path)!r}"

    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{origin} is invalid: {describe_invalid(exc)}") from exc


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged
