"""A data folder holding the example export's cases, one fresh copy per test."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from builders import EXAMPLES
from rescue_servers import COMMAND, server_env


@pytest.fixture(scope="module")
def example_data(tmp_path_factory) -> Path:
    """The example export run once: some replies queued, some waiting."""
    data_dir = tmp_path_factory.mktemp("example") / "data"
    subprocess.run(
        [
            str(COMMAND),
            "run",
            str(EXAMPLES / "nps_export.csv"),
            "--accounts",
            str(EXAMPLES / "accounts.csv"),
        ],
        env=server_env(NPS_RESCUE_DATA_DIR=str(data_dir)),
        capture_output=True,
        timeout=180,
        check=True,
    )
    return data_dir


@pytest.fixture
def data_dir(example_data: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(example_data, copy)
    return copy
