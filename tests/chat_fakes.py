"""A scripted chat model on langchain-core's fake, for the LLM reasoner tests.

It answers from a script, records every request (messages and the structured
output method asked for), and refuses the methods it is told to refuse the
way a server does: with the OpenAI SDK's HTTP error.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import openai
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field

from agent.settings import LlmSettings

SETTINGS = LlmSettings(api_key="test-key", model="scripted")
_URL = "http://model.test/v1/chat/completions"


class ScriptedChatModel(GenericFakeChatModel):
    """Answers from `messages`; raises for a method in `refuse`."""

    refuse: dict[str, int] = Field(default_factory=dict)
    """Method name to the HTTP status the server answers it with."""
    requests: list[dict[str, Any]] = Field(default_factory=list)
    script: list[Any] = Field(default_factory=list)

    def bind_tools(self, tools: list, *, tool_choice: Any = None, **kwargs: Any):
        return self.bind(tools=tools, tool_choice=tool_choice, **kwargs)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: Any = None,
        **kwargs: Any,
    ) -> ChatResult:
        method = _method(kwargs)
        self.requests.append({"method": method, "messages": messages, **kwargs})
        if method in self.refuse:
            raise _status_error(self.refuse[method])
        if not self.script:
            raise AssertionError("the scripted model ran out of answers")
        answer = self.script.pop(0)
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            answer = answer("\n".join(str(m.content) for m in messages))
        return ChatResult(generations=[ChatGeneration(message=answer)])

    def prompts(self) -> list[str]:
        """Every text sent to the model, one string per request."""
        return [
            "\n".join(str(m.content) for m in request["messages"])
            for request in self.requests
        ]


def scripted(*answers: Any, refuse: dict[str, int] | None = None) -> ScriptedChatModel:
    """A fake answering from `answers` in turn.

    An answer is an AIMessage, an exception to raise, or a function from the
    prompt text to an AIMessage.
    """
    return ScriptedChatModel(
        messages=iter(()), script=list(answers), refuse=refuse or {}
    )


def as_json(data: dict[str, Any], **usage: int) -> AIMessage:
    """An answer whose content is `data` as JSON, with token usage if given."""
    return AIMessage(content=json.dumps(data), usage_metadata=_usage(usage))


def as_tool_call(name: str, data: dict[str, Any], **usage: int) -> AIMessage:
    """An answer that calls the tool `name` with `data`."""
    return AIMessage(
        content="",
        tool_calls=[{"name": name, "args": data, "id": "call_1"}],
        usage_metadata=_usage(usage),
    )


def as_text(text: str) -> AIMessage:
    """An answer with plain text content."""
    return AIMessage(content=text)


def rate_limited() -> openai.RateLimitError:
    """What the SDK raises when the server still answers 429 after retries."""
    return _status_error(429)


def timed_out() -> openai.APITimeoutError:
    """What the SDK raises when the server does not answer within the timeout."""
    return openai.APITimeoutError(request=httpx.Request("POST", _URL))


def _usage(usage: dict[str, int]) -> Any:
    if not usage:
        return None
    return {
        "input_tokens": usage["input"],
        "output_tokens": usage["output"],
        "total_tokens": usage["input"] + usage["output"],
    }


def _method(kwargs: dict[str, Any]) -> str:
    if "tools" in kwargs:
        return "function_calling"
    kind = (kwargs.get("response_format") or {}).get("type")
    return {"json_schema": "json_schema", "json_object": "json_mode"}.get(kind, "text")


def _status_error(status: int) -> openai.APIStatusError:
    response = httpx.Response(status, request=httpx.Request("POST", _URL))
    errors = {
        400: openai.BadRequestError,
        429: openai.RateLimitError,
        500: openai.InternalServerError,
    }
    error = errors.get(status, openai.APIStatusError)
    return error(f"HTTP {status}", response=response, body=None)
