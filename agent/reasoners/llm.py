"""The LLM reasoner: analysis and drafting by a chat model, offline as fallback.

Any OpenAI-compatible server works through `langchain-openai`. Every call has
a timeout and bounded retries; whatever goes wrong (timeout, HTTP error, rate
limit after the retries, invalid or empty output) the offline reasoner fills
in and the result says why, so the case waits for a person. A step never
waits longer than `LlmSettings.step_deadline_seconds`.
"""

from __future__ import annotations

import asyncio
import re
import tomllib
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import httpx
import structlog
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel

import prompts
from agent.guardrails import MAX_WORDS, MIN_WORDS
from agent.models import (
    Analysis,
    Draft,
    ModelUsage,
    NpsResponse,
)
from agent.offline._voice import format_date
from agent.reasoners._outputs import (
    LANGUAGE_CODE,
    AnalysisOutput,
    ReplyOutput,
    to_analysis,
)
from agent.reasoners._protocol import DraftRequest, Reasoner
from agent.reasoners._redaction import Redaction
from agent.reasoners._structured import (
    METHODS,
    CallLog,
    ModelOutputInvalid,
    ModelUnavailable,
    StructuredCaller,
    strict_schema,
)
from agent.settings import LlmSettings

__all__ = ["LlmReasoner", "chat_model"]

log = structlog.get_logger(__name__)

_M = TypeVar("_M", bound=BaseModel)
_OPENAI_HOSTS = re.compile(r"//[^/]*(?:openai\.com|openai\.azure\.com)(?::\d+)?/")


def chat_model(
    settings: LlmSettings,
    model: str | None = None,
    client: httpx.AsyncClient | None = None,
) -> BaseChatModel:
    """A `ChatOpenAI` for `settings`, with its timeout and retries set."""
    from langchain_openai import ChatOpenAI

    # langchain-openai sends only `max_completion_tokens`; compatible servers
    # that predate it (llama.cpp's Python server, older vLLM) read `max_tokens`.
    extra_body = None
    if settings.base_url and not _OPENAI_HOSTS.search(settings.base_url):
        extra_body = {"max_tokens": settings.max_output_tokens}
    return ChatOpenAI(
        model=model or settings.model,
        base_url=settings.base_url,
        api_key=settings.api_key,
        timeout=settings.timeout_seconds,
        max_retries=settings.max_retries,
        temperature=settings.temperature,
        max_completion_tokens=settings.max_output_tokens,
        extra_body=extra_body,
        http_async_client=client,
    )


class LlmReasoner:
    """Analyzes and drafts with a chat model; the offline reasoner backs it up."""

    name = "llm"

    def __init__(
        self,
        settings: LlmSettings,
        offline: Reasoner,
        *,
        categories: Iterable[str],
        prompts_dir: Path | None = None,
        analysis_model: BaseChatModel | None = None,
        draft_model: BaseChatModel | None = None,
    ) -> None:
        self._settings = settings
        self._offline = offline
        self._categories = tuple(categories)
        self._prompts_dir = prompts_dir
        instruction = prompts.load_prompt("llm/json_mode.md.j2", prompts_dir)
        # One connection pool per reasoner, closed with it, instead of the
        # process-wide pool langchain-openai would otherwise keep open.
        self._client = httpx.AsyncClient(timeout=settings.timeout_seconds)
        self._models = {
            "analyze": settings.analysis_model or settings.model,
            "draft": settings.draft_model or settings.model,
        }
        self._analyst = StructuredCaller(
            analysis_model
            or chat_model(settings, self._models["analyze"], self._client),
            first=settings.structured_output,
            json_mode_instruction=instruction,
        )
        self._writer = StructuredCaller(
            draft_model or chat_model(settings, self._models["draft"], self._client),
            first=settings.structured_output,
            json_mode_instruction=instruction,
        )
        schema = strict_schema(AnalysisOutput)
        schema["properties"]["category"]["enum"] = list(self._categories)
        schema["properties"]["secondary_categories"]["items"]["enum"] = list(
            self._categories
        )
        self._analysis_schema = schema
        self._reply_schema = strict_schema(ReplyOutput)

    async def aclose(self) -> None:
        """Close the connections to the model server."""
        await self._client.aclose()

    async def analyze(self, response: NpsResponse) -> Analysis:
        """The model's analysis, or the offline one with the reason it failed."""
        redaction = self._redaction()
        comment = redaction.hide(response.comment)
        messages = [
            SystemMessage(
                self._render("llm/analyze_system.md.j2", categories=self._categories)
            ),
            HumanMessage(
                self._render(
                    "llm/analyze_user.md.j2",
                    score=response.score,
                    comment=comment,
                    properties={
                        key: redaction.hide(value)
                        for key, value in response.properties.items()
                    },
                )
            ),
        ]
        calls = CallLog()

        try:
            output = await self._ask(
                self._analyst, messages, AnalysisOutput, self._analysis_schema, calls
            )
            analysis = to_analysis(output, response, redaction, self._categories)
        except (ModelUnavailable, ModelOutputInvalid, ValueError) as exc:
            fallback = await self._offline.analyze(response)
            usage = self._usage("analyze", calls, fallback=_reason(exc))
            log.warning("model_fallback", step="analyze", reason=usage.fallback)
            return fallback.model_copy(update={"usage": usage})

        usage = self._usage("analyze", calls)
        log.info("model_step", step="analyze", **_fields(usage))
        return analysis.model_copy(update={"usage": usage})

    async def draft(self, request: DraftRequest) -> Draft:
        """The model's reply, or the offline one with the reason it failed."""
        redaction = self._redaction()
        messages = [
            SystemMessage(
                self._render(
                    "llm/draft_system.md.j2",
                    language=_language(request.analysis.language),
                    min_words=MIN_WORDS,
                    max_words=MAX_WORDS,
                    promises=_allowed_promises(request),
                )
            ),
            HumanMessage(
                self._render(
                    "llm/draft_user.md.j2", **self._draft_inputs(request, redaction)
                )
            ),
        ]
        calls = CallLog()

        try:
            output = await self._ask(
                self._writer, messages, ReplyOutput, self._reply_schema, calls
            )
            if not output.body.strip() or not output.subject.strip():
                raise ModelOutputInvalid("empty subject or body")
        except (ModelUnavailable, ModelOutputInvalid) as exc:
            fallback = await self._offline.draft(request)
            usage = self._usage("draft", calls, fallback=_reason(exc))
            log.warning("model_fallback", step="draft", reason=usage.fallback)
            return fallback.model_copy(update={"usage": usage})

        usage = self._usage("draft", calls)
        log.info("model_step", step="draft", **_fields(usage))
        return Draft(
            subject=" ".join(redaction.restore(output.subject, cards=False).split()),
            body=redaction.restore(output.body, cards=False).strip(),
            sender=request.decision.sender,
            language=_language(output.language.strip().lower()),
            framework=f"llm:{request.decision.playbook}",
            revision=request.revision,
            reasoner=self.name,
            usage=usage,
        )

    async def _ask(
        self,
        caller: StructuredCaller,
        messages: list[BaseMessage],
        output: type[_M],
        schema: dict[str, Any],
        calls: CallLog,
    ) -> _M:
        deadline = self._settings.step_deadline_seconds(len(METHODS))
        try:
            async with asyncio.timeout(deadline):
                return await caller.ask(messages, output, schema, calls)
        except TimeoutError as exc:
            raise ModelUnavailable(f"no answer within {deadline:.0f} s") from exc
        except (ModelUnavailable, ModelOutputInvalid):
            raise
        except Exception as exc:
            # The boundary between the graph and a remote model: whatever a
            # server or client library does wrong must not crash the run.
            log.warning("model_error", error=type(exc).__name__)
            raise ModelUnavailable(f"unexpected {type(exc).__name__}") from exc

    def _usage(
        self, step: str, calls: CallLog, fallback: str | None = None
    ) -> ModelUsage:
        return ModelUsage(
            model=self._models[step],
            method=calls.method,
            calls=calls.calls,
            latency_ms=round(calls.latency_ms, 1),
            input_tokens=calls.input_tokens,
            output_tokens=calls.output_tokens,
            fallback=fallback,
        )

    def _draft_inputs(
        self, request: DraftRequest, redaction: Redaction
    ) -> dict[str, object]:
        decision, analysis = request.decision, request.analysis
        team = request.policy.teams.get(decision.team)
        hidden = analysis.model_copy(
            update={
                "issue_summary": redaction.hide(analysis.issue_summary),
                "suggested_resolution": (
                    redaction.hide(analysis.suggested_resolution)
                    if analysis.suggested_resolution
                    else None
                ),
            }
        )
        signature = prompts.render(
            "replies/_signature.md.j2", self._prompts_dir, sender=decision.sender
        )
        return {
            "first_name": request.response.customer.first_name,
            "score": request.response.score,
            "analysis": hidden,
            "team": team.display_name if team else decision.team,
            "playbook": decision.playbook,
            "playbook_guide": _playbooks(self._prompts_dir)[decision.playbook],
            "follow_up": format_date(decision.follow_up_by),
            "follow_up_iso": decision.follow_up_by.isoformat(),
            "account": request.account,
            "signature": signature.strip(),
            "comment": redaction.hide(request.response.comment),
            "failed_checks": request.failed_checks,
        }

    def _redaction(self) -> Redaction:
        return Redaction() if self._settings.redact_personal_data else _Visible()

    def _render(self, name: str, **variables: object) -> str:
        return prompts.render(name, self._prompts_dir, **variables).strip()


class _Visible(Redaction):
    """No redaction: what a team that turned it off gets."""

    def hide(self, text: str) -> str:
        return text


@cache
def _playbooks(prompts_dir: Path | None) -> dict[str, str]:
    return tomllib.loads(prompts.load_prompt("llm/playbooks.toml", prompts_dir))


def _allowed_promises(request: DraftRequest) -> str:
    allowed = request.policy.promises.model_dump()
    return ", ".join(name.replace("_", " ") for name, ok in allowed.items() if ok)


def _language(code: str) -> str:
    return code if LANGUAGE_CODE.fullmatch(code) else "en"


def _reason(exc: Exception) -> str:
    invalid = isinstance(exc, ModelOutputInvalid | ValueError)
    kind = "invalid output" if invalid else "model unavailable"
    return f"{kind}: {exc}"[:300]


def _fields(usage: ModelUsage) -> dict[str, object]:
    return usage.model_dump(exclude={"fallback"})
