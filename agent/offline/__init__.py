"""The offline reasoner: deterministic, no network, the embedded default."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from agent.models import Analysis, Draft, NpsResponse
from agent.offline.analysis import analyze
from agent.offline.drafting import draft_reply
from agent.reasoners import DraftRequest

__all__ = ["OfflineReasoner", "analyze", "draft_reply"]


class OfflineReasoner:
    """Reads comments with cue lexicons and writes from reply frameworks."""

    name = "offline"

    def __init__(
        self,
        prompts_dir: Path | None = None,
        categories: Iterable[str] | None = None,
    ) -> None:
        self._prompts_dir = prompts_dir
        self._categories = tuple(categories) if categories is not None else None

    async def analyze(self, response: NpsResponse) -> Analysis:
        return analyze(response, self._categories)

    async def draft(self, request: DraftRequest) -> Draft:
        return draft_reply(request, self._prompts_dir)
