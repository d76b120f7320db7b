"""The offline analysis over every row of the real telecom NPS export."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from agent.models import Analysis, NpsResponse
from agent.offline.analysis import DEFAULT_CATEGORIES, analyze

TELECOM = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "data"
    / "public"
    / "telecom_nps_verbatims.csv"
)

pytestmark = pytest.mark.skipif(
    not TELECOM.exists(), reason="the shared telecom export is not checked out"
)


@pytest.fixture(scope="module")
def analysed() -> list[tuple[str, Analysis, int]]:
    with TELECOM.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    results = []
    for number, row in enumerate(rows):
        score = row["NPS_SCORE"].strip()
        response = NpsResponse(
            response_id=f"telecom:{number}",
            source="telecom",
            score=int(score) if score.isdigit() else 0,
            comment=row["text"],
            properties={"SURVEY_SUB_TYPE": row["SURVEY_SUB_TYPE"]},
        )
        results.append((row["text"], analyze(response), response.score))
    return results


def test_every_row_of_the_export_is_analysed(analysed):
    assert len(analysed) == 2385


def test_every_evidence_quote_is_a_verbatim_substring_of_its_comment(analysed):
    for comment, analysis, _ in analysed:
        for evidence in analysis.evidence:
            assert evidence.quote, (comment, evidence)
            assert evidence.quote in comment, (comment, evidence)


def test_every_comment_with_text_backs_its_category_emotion_and_kind(analysed):
    for comment, analysis, _ in analysed:
        if not comment.strip():
            continue
        labels = {evidence.label for evidence in analysis.evidence}
        assert f"category:{analysis.category}" in labels, comment
        assert f"emotion:{analysis.emotion}" in labels, comment
        assert f"kind:{analysis.kind}" in labels, comment


def test_no_category_falls_outside_the_default_taxonomy(analysed):
    for _, analysis, _ in analysed:
        assert analysis.category in DEFAULT_CATEGORIES
        assert set(analysis.secondary_categories) <= set(DEFAULT_CATEGORIES)
        assert analysis.category not in analysis.secondary_categories


def test_every_summary_is_short_and_never_a_category_name(analysed):
    names = {c.replace("_", " ") for c in DEFAULT_CATEGORIES} | set(DEFAULT_CATEGORIES)
    for _, analysis, _ in analysed:
        assert 0 < len(analysis.issue_summary) <= 160
        assert analysis.issue_summary.lower() not in names
        assert "\ufffd" not in analysis.issue_summary


def test_most_detractor_comments_name_a_specific_issue(analysed):
    detractors = [a for comment, a, score in analysed if score <= 6 and comment]
    named = [a for a in detractors if a.category != "other" and not a.is_vague]

    assert len(named) / len(detractors) > 0.7
