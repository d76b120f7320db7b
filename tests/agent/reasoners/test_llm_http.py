"""The LLM reasoner against OpenAI-compatible stub servers on 127.0.0.1.

Real HTTP through `ChatOpenAI` and the OpenAI SDK: a server that hangs, one
that rate-limits then answers, one that answers invalid JSON, one that omits
usage, and one that refuses json_schema the way llama.cpp does.
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
import uvicorn
from builders import make_response
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from agent.offline import OfflineReasoner
from agent.reasoners.llm import LlmReasoner
from agent.runner import ModelTotals
from agent.settings import LlmSettings

pytestmark = pytest.mark.timeout(60)

COMMENT = "The CSV export has failed every day this week and I need it for payroll."
ANALYSIS = {
    "issue_summary": "the CSV export has failed every day this week",
    "category": "product_bug",
    "secondary_categories": [],
    "product_area": "exports",
    "emotion": "frustration",
    "emotion_intensity": 0.5,
    "suggested_resolution": None,
    "kind": "fixable",
    "language": "en",
    "evidence": [{"label": "category", "quote": "CSV export has failed"}],
    "is_vague": False,
    "intends_to_leave": False,
}
USAGE = {"prompt_tokens": 210, "completion_tokens": 64, "total_tokens": 274}

Answer = Callable[[dict[str, Any]], Response]


@dataclass
class StubServer:
    """An OpenAI-compatible chat endpoint answering from a script."""

    answers: list[Answer] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    release: asyncio.Event = field(default_factory=asyncio.Event)
    url: str = ""

    async def chat(self, request: Request) -> Response:
        body = await request.json()
        self.requests.append(body)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if answer is HANG:
            await self.release.wait()
            return JSONResponse({}, status_code=503)
        return answer(body)


def HANG(body: dict[str, Any]) -> Response:
    raise AssertionError("never called")


@pytest.fixture
async def stub() -> AsyncIterator[StubServer]:
    server = StubServer()
    app = Starlette(
        routes=[Route("/v1/chat/completions", server.chat, methods=["POST"])]
    )
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    server.url = f"http://127.0.0.1:{sock.getsockname()[1]}/v1"
    uv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    task = asyncio.create_task(uv.serve(sockets=[sock]))

    yield server

    server.release.set()
    uv.should_exit = True
    await task
    sock.close()


def completion(
    content: str | None = None,
    *,
    tool_args: dict | None = None,
    usage: dict | None = USAGE,
    status: int = 200,
    headers: dict | None = None,
) -> Answer:
    def answer(body: dict[str, Any]) -> Response:
        message: dict[str, Any] = {"role": "assistant", "content": content}
        if tool_args is not None:
            name = body["tools"][0]["function"]["name"]
            message["tool_calls"] = [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": name, "arguments": json.dumps(tool_args)},
                }
            ]
        payload: dict[str, Any] = {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": 0,
            "model": body["model"],
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        }
        if usage is not None:
            payload["usage"] = usage
        return JSONResponse(payload, status_code=status, headers=headers)

    return answer


def error(status: int, headers: dict | None = None) -> Answer:
    def answer(body: dict[str, Any]) -> Response:
        payload = {"error": {"message": f"stub says {status}", "type": "stub"}}
        return JSONResponse(payload, status_code=status, headers=headers)

    return answer


@pytest.fixture
async def reasoner(policy) -> AsyncIterator[Callable[..., LlmReasoner]]:
    """Builds LLM reasoners for a stub URL and closes them after the test."""
    built: list[LlmReasoner] = []

    def build(url: str, **changes: Any) -> LlmReasoner:
        values = {"timeout_seconds": 2.0, "max_retries": 0, **changes}
        settings = LlmSettings(
            api_key="stub-key", base_url=url, model="stub-model", **values
        )
        offline = OfflineReasoner(categories=policy.categories)
        built.append(LlmReasoner(settings, offline, categories=policy.categories))
        return built[-1]

    yield build

    for llm in built:
        await llm.aclose()


async def test_a_server_that_hangs_times_out_and_the_offline_reasoner_fills_in(
    stub, reasoner
):
    stub.answers = [HANG]

    analysis = await reasoner(stub.url, timeout_seconds=0.5).analyze(
        make_response(COMMENT)
    )

    assert analysis.reasoner == "offline"
    assert analysis.usage.fallback == "model unavailable: timed out"
    assert len(stub.requests) == 1


async def test_a_429_then_200_is_retried_and_answered_by_the_model(stub, reasoner):
    stub.answers = [
        error(429, headers={"Retry-After": "0"}),
        completion(json.dumps(ANALYSIS)),
    ]

    analysis = await reasoner(stub.url, max_retries=2).analyze(make_response(COMMENT))

    assert analysis.reasoner == "llm"
    assert analysis.usage.method == "json_schema"
    assert (analysis.usage.input_tokens, analysis.usage.output_tokens) == (210, 64)
    assert len(stub.requests) == 2


async def test_a_429_that_outlasts_the_retries_falls_back(stub, reasoner):
    stub.answers = [error(429, headers={"Retry-After": "0"})]

    analysis = await reasoner(stub.url, max_retries=1).analyze(make_response(COMMENT))

    assert analysis.usage.fallback == "model unavailable: HTTP 429"
    assert len(stub.requests) == 2


async def test_invalid_json_from_every_method_falls_back_after_three_requests(
    stub, reasoner
):
    stub.answers = [completion('{"issue_summary": "the export')]

    analysis = await reasoner(stub.url).analyze(make_response(COMMENT))

    assert analysis.reasoner == "offline"
    assert analysis.usage.fallback.startswith("invalid output: json_schema: not JSON")
    assert analysis.usage.calls == 3
    kinds = [
        "tools" if "tools" in body else body["response_format"]["type"]
        for body in stub.requests
    ]
    assert kinds == ["json_schema", "tools", "json_object"]


async def test_a_response_body_that_is_not_json_falls_back(stub, reasoner):
    stub.answers = [lambda body: Response("<html>bad gateway", status_code=200)]

    analysis = await reasoner(stub.url).analyze(make_response(COMMENT))

    assert analysis.reasoner == "offline"
    assert analysis.usage.fallback is not None


async def test_a_server_that_omits_usage_leaves_tokens_unknown(stub, reasoner):
    stub.answers = [completion(json.dumps(ANALYSIS), usage=None)]

    analysis = await reasoner(stub.url).analyze(make_response(COMMENT))

    assert analysis.reasoner == "llm"
    assert analysis.usage.input_tokens is None
    totals = ModelTotals()
    totals.add(analysis.usage)
    assert (totals.calls, totals.unreported, totals.input_tokens) == (1, 1, 0)


async def test_a_500_to_json_schema_moves_on_to_function_calling(stub, reasoner):
    def llama_cpp(body: dict[str, Any]) -> Response:
        if body.get("response_format", {}).get("type") == "json_schema":
            return error(500)(body)
        return completion(None, tool_args=ANALYSIS)(body)

    stub.answers = [llama_cpp]
    llm = reasoner(stub.url)

    first = await llm.analyze(make_response(COMMENT))
    second = await llm.analyze(make_response(COMMENT, response_id="export:r2"))

    assert first.usage.method == "function_calling"
    assert first.reasoner == "llm"
    assert second.usage.calls == 1
    tool = stub.requests[1]["tools"][0]["function"]
    assert tool["strict"] is True
    assert tool["parameters"]["additionalProperties"] is False
    assert stub.requests[1]["tool_choice"]["function"]["name"] == tool["name"]


async def test_a_compatible_server_is_told_max_tokens_too(stub, reasoner):
    stub.answers = [completion(json.dumps(ANALYSIS))]

    await reasoner(stub.url, max_output_tokens=321).analyze(make_response(COMMENT))

    assert stub.requests[0]["max_tokens"] == 321
    assert stub.requests[0]["max_completion_tokens"] == 321
