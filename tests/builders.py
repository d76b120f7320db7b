"""Hand-built domain objects for tests that must not depend on the reasoner."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from agent.models import Account, Analysis, Customer, Evidence, NpsResponse
from agent.offline.analysis import analyze

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data" / "public"
EXAMPLES = REPO / "examples"


def make_response(
    comment: str = "The CSV export has failed every day this week.",
    *,
    score: int = 3,
    response_id: str = "export:r1",
    email: str | None = "dana.okafor@example.com",
    name: str | None = "Dana Okafor",
    submitted_at: datetime | None = datetime(2026, 12, 3, 9, 0, tzinfo=UTC),
) -> NpsResponse:
    return NpsResponse(
        response_id=response_id,
        source=response_id.split(":", 1)[0],
        score=score,
        comment=comment,
        customer=Customer(email=email, name=name),
        submitted_at=submitted_at,
    )


def make_analysis(**changes) -> Analysis:
    values = {
        "issue_summary": "the CSV export has failed every day this week",
        "category": "product_bug",
        "product_area": "exports",
        "emotion": "frustration",
        "emotion_intensity": 0.5,
        "suggested_resolution": None,
        "kind": "fixable",
        "language": "en",
        "evidence": [Evidence(label="category:product_bug", quote="export has failed")],
    }
    return Analysis(**{**values, **changes})


def make_account(**changes) -> Account:
    values = {"id": "acc-1", "name": "Harbor Freight Lines", "plan": "Team"}
    return Account(**{**values, **changes})


def read(comment: str, score: int = 3, **properties: str) -> Analysis:
    """The offline analysis of a comment."""
    response = NpsResponse(
        response_id="test:1",
        source="test",
        score=score,
        comment=comment,
        properties=properties,
    )
    return analyze(response)


def assert_verbatim(analysis: Analysis, comment: str) -> None:
    """Every evidence quote is a non-empty verbatim piece of the comment."""
    for evidence in analysis.evidence:
        assert evidence.quote, evidence
        assert evidence.quote in comment, evidence
