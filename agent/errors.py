"""The errors nps-rescue raises, under one base class.

Three families, each handled differently by callers:

- `InputError`: a customer's answer, an export or a model's output was wrong.
  Report it, naming the record, and carry on with the rest.
- `IntegrationError`: a tool server or remote system failed. Retry where it
  is safe, then park the case with the reason.
- `ConfigError`: the code or its configuration is wrong. Fail at start-up.
"""

from __future__ import annotations


class RescueError(Exception):
    """Base class of every error nps-rescue raises on purpose."""


class InputError(RescueError):
    """Input that cannot be used: the message names the record and why."""


class LayoutError(InputError):
    """An export whose columns cannot be matched to the fields we need."""

    def __init__(self, message: str, columns: list[str]) -> None:
        super().__init__(message)
        self.columns = columns


class IntegrationError(RescueError):
    """A tool call or remote system failed."""

    def __init__(self, message: str, *, tool: str | None = None) -> None:
        super().__init__(message)
        self.tool = tool


class ConfigError(RescueError):
    """Settings, policy or prompt files that cannot work."""


class CaseNotFound(InputError):
    """No case has the id a caller gave."""

    def __init__(self, response_id: str) -> None:
        super().__init__(f"no case with id {response_id!r}")
        self.response_id = response_id


def describe_invalid(error: ValueError) -> str:
    """A pydantic validation error as one line a person can act on.

    Each problem reads `key: message (got value)`; other errors keep their
    own text.
    """
    if not hasattr(error, "errors"):
        return str(error)
    problems = []
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"])
        message = item["msg"].removeprefix("Value error, ")
        got = item.get("input")
        shown = "" if isinstance(got, dict) or not key else f" (got {got!r})"
        problems.append(f"{key + ': ' if key else ''}{message}{shown}")
    return "; ".join(problems)
