"""Shared fixtures: settings on a temporary data dir, hand-built responses."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from agent.policy import Policy, load_policy
from agent.settings import Settings, load_settings

# Strict msgpack keeps checkpoint loading to allow-listed types (LG-08); the
# state holds only JSON-ready values, so it must work with it on.
os.environ.setdefault("LANGGRAPH_STRICT_MSGPACK", "true")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data")


@pytest.fixture
def policy() -> Policy:
    return load_policy()


@pytest.fixture
def now() -> datetime:
    return datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
