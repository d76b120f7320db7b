import os
from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlalchemy
from builders import make_analysis, make_response

from agent.models import CaseStatus, RescueCase
from agent.store import CaseStore

POSTGRES_URL = os.environ.get(
    "NPS_RESCUE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
AT = datetime(2026, 12, 3, tzinfo=UTC)


def _case(response_id: str, status=CaseStatus.AWAITING_APPROVAL, **analysis):
    case = RescueCase.recorded(make_response(response_id=response_id), AT)
    return case.model_copy(
        update={"status": status, "analysis": make_analysis(**analysis)}
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        store = CaseStore(f"sqlite:///{tmp_path}/cases.sqlite")
    else:
        store = _postgres_store()
    yield store
    store.close()


def _postgres_store() -> CaseStore:
    engine = sqlalchemy.create_engine(POSTGRES_URL)
    try:
        with engine.begin() as conn:
            conn.execute(sqlalchemy.text("DROP TABLE IF EXISTS rescue_cases"))
    except sqlalchemy.exc.OperationalError as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no PostgreSQL at {POSTGRES_URL}: {exc}")
    finally:
        engine.dispose()
    return CaseStore(POSTGRES_URL)


def test_saved_case_reads_back_equal(store):
    case = _case("export:a")

    store.save(case)

    assert store.get("export:a") == case


def test_saving_the_same_response_twice_keeps_one_case(store):
    store.save(_case("export:a"))
    store.save(_case("export:a", status=CaseStatus.REPLY_QUEUED))

    assert store.count() == 1
    assert store.get("export:a").status == CaseStatus.REPLY_QUEUED


def test_find_filters_by_status_and_category(store):
    store.save(_case("export:a", category="pricing"))
    store.save(_case("export:b", status=CaseStatus.REPLY_QUEUED))
    store.save(_case("export:c", category="pricing", status=CaseStatus.REPLY_QUEUED))

    found = store.find(status=CaseStatus.REPLY_QUEUED, category="pricing")

    assert [c.response_id for c in found] == ["export:c"]


def test_unknown_response_id_reads_as_none(store):
    assert store.get("export:missing") is None


def test_since_compares_times_not_text_across_offsets(store):
    early = _case("csv:early").model_copy(
        update={"submitted_at": datetime(2026, 12, 3, 8, 0, tzinfo=UTC)}
    )
    # 09:30 at UTC+2 is 07:30 UTC: before 07:45 UTC although its text sorts after.
    plus_two = timezone(timedelta(hours=2))
    offset = _case("csv:offset").model_copy(
        update={"submitted_at": datetime(2026, 12, 3, 9, 30, tzinfo=plus_two)}
    )
    undated = _case("csv:undated").model_copy(update={"submitted_at": None})
    for case in (early, offset, undated):
        store.save(case)

    found = store.find(since=datetime(2026, 12, 3, 7, 45, tzinfo=UTC))

    assert [case.response_id for case in found] == ["csv:early"]
