"""Structured output from any OpenAI-compatible server, whatever it supports.

OpenAI honours `response_format: json_schema`; many compatible servers
reject it (llama.cpp answers 500), some ignore it. Each method is asked for
in turn (json_schema, then function calling, then JSON mode) and the first
that yields output valid against the schema wins. A method the server
refuses is not asked for again by the same `StructuredCaller`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import openai
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, SystemMessage
from pydantic import BaseModel, ValidationError

from agent.errors import InputError, IntegrationError
from agent.settings import StructuredMethod

METHODS: tuple[StructuredMethod, ...] = ("json_schema", "function_calling", "json_mode")

_M = TypeVar("_M", bound=BaseModel)

# Statuses that mean "this server does not take this kind of request", so the
# next method may work. Any other status is the server failing, not the method.
_REJECTED = {400, 404, 405, 415, 422, 500, 501}


class ModelUnavailable(IntegrationError):
    """The model could not be reached or refused every request."""


class ModelOutputInvalid(InputError):
    """Every method answered, but never with output valid against the schema."""


@dataclass
class CallLog:
    """What the model calls of one step cost; filled in as calls are made."""

    calls: int = 0
    latency_ms: float = 0.0
    input_tokens: int | None = None
    output_tokens: int | None = None
    method: StructuredMethod | None = None
    problems: list[str] = field(default_factory=list)

    def add(self, message: AIMessage | None, started: float) -> None:
        self.calls += 1
        self.latency_ms += round((time.perf_counter() - started) * 1000, 3)
        usage = message.usage_metadata if message is not None else None
        if usage:
            self.input_tokens = (self.input_tokens or 0) + usage["input_tokens"]
            self.output_tokens = (self.output_tokens or 0) + usage["output_tokens"]


def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON schema of `model` in the subset OpenAI's strict mode accepts.

    Every property is required (optional ones are nullable instead), no
    object allows extra properties, and no keyword strict mode rejects
    (defaults, numeric bounds, formats) remains.
    """
    schema = model.model_json_schema()
    _make_strict(schema)
    return schema


def _make_strict(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _make_strict(item)
        return
    if not isinstance(node, dict):
        return
    for key in ("default", "minimum", "maximum", "format", "minLength", "maxLength"):
        node.pop(key, None)
    if node.get("type") == "object" and "properties" in node:
        node["additionalProperties"] = False
        node["required"] = list(node["properties"])
    for value in node.values():
        _make_strict(value)


class StructuredCaller:
    """Asks one chat model for output in one schema, by the best method it takes."""

    def __init__(
        self,
        model: BaseChatModel,
        *,
        first: StructuredMethod | None = None,
        json_mode_instruction: str,
    ) -> None:
        self._model = model
        order = list(METHODS)
        if first is not None:
            order.remove(first)
            order.insert(0, first)
        self._order = order
        self._refused: set[StructuredMethod] = set()
        self._json_mode_instruction = json_mode_instruction

    async def ask(
        self,
        messages: Sequence[BaseMessage],
        output: type[_M],
        schema: dict[str, Any],
        log: CallLog,
    ) -> _M:
        """The model's answer to `messages`, validated into `output`.

        Raises:
            ModelUnavailable: the server timed out, rate-limited past the
                retries, failed, or refused every method.
            ModelOutputInvalid: every method answered with invalid output.
        """
        for method in [m for m in self._order if m not in self._refused]:
            started = time.perf_counter()
            try:
                message = await self._call(method, messages, output, schema)
            except openai.APIStatusError as exc:
                log.add(None, started)
                if exc.status_code not in _REJECTED:
                    raise ModelUnavailable(_status(exc)) from exc
                self._refused.add(method)
                log.problems.append(f"{method}: server refused ({_status(exc)})")
                continue
            except openai.APIError as exc:
                log.add(None, started)
                raise ModelUnavailable(_describe(exc)) from exc
            log.add(message, started)

            try:
                parsed = _parse(method, message, output)
            except (ValueError, ValidationError) as exc:
                log.problems.append(f"{method}: {_first_line(exc)}")
                continue
            log.method = method
            self._promote(method)
            return parsed

        if all(m in self._refused for m in self._order):
            # Refusing everything is the server failing, not a capability:
            # the next case asks afresh.
            self._refused.clear()
            raise ModelUnavailable("; ".join(log.problems))
        raise ModelOutputInvalid("; ".join(log.problems))

    async def _call(
        self,
        method: StructuredMethod,
        messages: Sequence[BaseMessage],
        output: type[BaseModel],
        schema: dict[str, Any],
    ) -> AIMessage:
        name = output.__name__.lower()
        if method == "json_schema":
            response_format = {
                "type": "json_schema",
                "json_schema": {"name": name, "schema": schema, "strict": True},
            }
            bound = self._model.bind(response_format=response_format)
        elif method == "function_calling":
            tool = {
                "type": "function",
                "function": {
                    "name": name,
                    "description": output.__doc__ or name,
                    "parameters": schema,
                    "strict": True,
                },
            }
            bound = self._model.bind_tools([tool], tool_choice=name)
        else:
            instruction = self._json_mode_instruction.replace(
                "{schema}", json.dumps(schema)
            )
            messages = [*messages, SystemMessage(instruction)]
            bound = self._model.bind(response_format={"type": "json_object"})
        message = await bound.ainvoke(list(messages))
        if not isinstance(message, AIMessage):
            raise ModelOutputInvalid(f"{method}: not a chat answer")
        return message

    def _promote(self, method: StructuredMethod) -> None:
        # The method that worked is tried first from now on.
        self._order.remove(method)
        self._order.insert(0, method)


def _parse(method: str, message: AIMessage, output: type[_M]) -> _M:
    if method == "function_calling" and message.tool_calls:
        return output.model_validate(message.tool_calls[0]["args"])
    text = message.text.strip() if isinstance(message.text, str) else ""
    if not text:
        raise ValueError("empty answer")
    # Some servers wrap JSON in a Markdown fence even in JSON mode.
    if text.startswith("```"):
        text = text.strip("`").removeprefix("json").strip()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at {exc.pos})") from exc
    return output.model_validate(data)


def _status(exc: openai.APIStatusError) -> str:
    return f"HTTP {exc.status_code}"


def _describe(exc: openai.APIError) -> str:
    if isinstance(exc, openai.APITimeoutError):
        return "timed out"
    if isinstance(exc, openai.APIConnectionError):
        return "could not connect"
    return type(exc).__name__


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
