"""The same agent on PostgreSQL: case store and graph checkpoints."""

from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy
from builders import make_response

from agent.app import open_agent
from agent.settings import load_settings

POSTGRES_URL = os.environ.get(
    "NPS_RESCUE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture
def pg_settings(tmp_path):
    engine = sqlalchemy.create_engine(POSTGRES_URL)
    try:
        with engine.connect():
            pass
    except sqlalchemy.exc.OperationalError as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no PostgreSQL at {POSTGRES_URL}: {exc}")
    finally:
        engine.dispose()
    return load_settings(data_dir=tmp_path / "data", database_url=POSTGRES_URL)


async def test_detractor_is_checkpointed_and_stored_in_postgres(pg_settings):
    response = make_response(
        "Invoices have shown the wrong VAT rate since March.",
        score=2,
        response_id=f"pgtest:{uuid.uuid4().hex}",
    )

    async with open_agent(pg_settings) as agent:
        first = await agent.process(response)
        again = await agent.process(response)
        config = {"configurable": {"thread_id": response.response_id}}
        snapshot = await agent.graph.aget_state(config)
        stored = agent.store.get(response.response_id)

    assert first.action == "rescued"
    assert again.action == "unchanged"
    assert snapshot.values["response"]["response_id"] == response.response_id
    assert snapshot.next == ()
    assert stored == first.case
    assert not (pg_settings.data_dir / "rescue.sqlite").exists()
