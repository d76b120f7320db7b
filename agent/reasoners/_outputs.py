"""What the model is asked to return, and how its answer becomes an analysis.

The output models are the schemas sent to the server (made strict-mode
compatible by `strict_schema`); the domain models stay free of fields only a
model needs and of checks only a model's output needs.
"""

from __future__ import annotations

import re

import structlog
from pydantic import BaseModel, ConfigDict

from agent.models import Analysis, Emotion, Evidence, Kind, NpsResponse
from agent.offline._language import detect_language
from agent.reasoners._redaction import Redaction
from agent.reasoners._structured import ModelOutputInvalid

log = structlog.get_logger(__name__)

LANGUAGE_CODE = re.compile(r"[a-z]{2}")


class EvidenceOutput(BaseModel):
    """One label and the verbatim quote from the comment that supports it."""

    model_config = ConfigDict(extra="forbid")

    label: str
    quote: str


class AnalysisOutput(BaseModel):
    """The analysis of one NPS comment."""

    model_config = ConfigDict(extra="forbid")

    issue_summary: str
    category: str
    secondary_categories: list[str]
    product_area: str
    emotion: Emotion
    emotion_intensity: float
    suggested_resolution: str | None
    kind: Kind
    language: str
    evidence: list[EvidenceOutput]
    is_vague: bool
    intends_to_leave: bool


class ReplyOutput(BaseModel):
    """An email reply to the customer."""

    model_config = ConfigDict(extra="forbid")

    subject: str
    body: str
    language: str


def to_analysis(
    output: AnalysisOutput,
    response: NpsResponse,
    redaction: Redaction,
    categories: tuple[str, ...],
) -> Analysis:
    """The model's output as an `Analysis` of `response`, checked and restored.

    Quotes that are not verbatim pieces of the comment are dropped; a category
    outside the policy makes the whole output invalid.

    Raises:
        ModelOutputInvalid: the category is not one of `categories`.
    """
    if output.category not in categories:
        raise ModelOutputInvalid(f"unknown category {output.category!r}")
    evidence = []
    for item in output.evidence:
        quote = redaction.restore(item.quote.strip())
        if quote and quote in response.comment:
            evidence.append(Evidence(label=item.label, quote=quote))
        else:
            log.info("evidence_rejected", label=item.label)
    language = output.language.strip().lower()
    if not LANGUAGE_CODE.fullmatch(language):
        language = detect_language(response.comment.lower())

    return Analysis(
        issue_summary=redaction.restore(output.issue_summary).strip(),
        category=output.category,
        secondary_categories=[
            c
            for c in dict.fromkeys(output.secondary_categories)
            if c in categories and c != output.category
        ],
        product_area=output.product_area.strip() or "general",
        emotion=output.emotion,
        emotion_intensity=output.emotion_intensity,
        suggested_resolution=(
            redaction.restore(output.suggested_resolution).strip() or None
            if output.suggested_resolution
            else None
        ),
        kind=output.kind,
        language=language,
        evidence=evidence,
        is_vague=output.is_vague,
        intends_to_leave=output.intends_to_leave,
        reasoner="llm",
    )
