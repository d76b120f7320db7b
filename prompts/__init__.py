"""Prompt and reply-framework files, and the tiny loader that reads them.

A prompt is named by its path under this folder, e.g.
``"replies/fix/product_bug.md.j2"``. A user can point a setting at a folder of
their own: any file found there under the same name replaces the shipped one.
This package imports nothing from the rest of the project.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2

__all__ = [
    "PROMPTS_DIR",
    "PromptError",
    "has_prompt",
    "list_prompts",
    "load_prompt",
    "render",
]

PROMPTS_DIR = Path(__file__).parent
"""The folder holding the shipped prompt files."""

_NOT_PROMPTS = {".py", ".pyc"}


class PromptError(Exception):
    """A prompt file that cannot be rendered: missing, broken, or asking for a
    variable the code does not supply. The message names the file."""


def load_prompt(name: str, override_dir: Path | None = None) -> str:
    """Return the text of the prompt `name`, from `override_dir` if it has it.

    Raises:
        FileNotFoundError: no prompt has that name.
    """
    return _path(name, override_dir).read_text(encoding="utf-8")


def has_prompt(name: str, override_dir: Path | None = None) -> bool:
    """Whether a prompt called `name` exists, shipped or in `override_dir`."""
    try:
        _path(name, override_dir)
    except FileNotFoundError:
        return False
    return True


def list_prompts(override_dir: Path | None = None) -> list[str]:
    """The names of every prompt, shipped or added in `override_dir`, sorted."""
    names = set(_names_under(PROMPTS_DIR))
    if override_dir is not None and override_dir.is_dir():
        names.update(_names_under(override_dir))
    return sorted(names)


def render(name: str, override_dir: Path | None = None, **variables: Any) -> str:
    """Render the Jinja2 template `name` with `variables`.

    Every variable the template uses must be supplied: a missing one is an
    error, never an empty string in a customer's reply.

    Raises:
        PromptError: no template has that name, it is not valid Jinja2, or it
            uses a variable not supplied.
    """
    try:
        return _environment(override_dir).get_template(name).render(**variables)
    except jinja2.TemplateNotFound as exc:
        raise PromptError(f"no prompt called {exc.name!r}") from exc
    except jinja2.UndefinedError as exc:
        supplied = ", ".join(sorted(variables))
        raise PromptError(
            f"prompt {name!r} uses an unknown variable ({exc.message}); "
            f"the variables are: {supplied}"
        ) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise PromptError(
            f"prompt {exc.name or name!r} line {exc.lineno}: {exc.message}"
        ) from exc


@lru_cache(maxsize=16)
def _environment(override_dir: Path | None) -> jinja2.Environment:
    # One environment per override folder, so compiled templates are cached.
    searchpath = [PROMPTS_DIR] if override_dir is None else [override_dir, PROMPTS_DIR]
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(searchpath, encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _path(name: str, override_dir: Path | None) -> Path:
    relative = PurePosixPath(name)
    if (
        relative.is_absolute()
        or ".." in relative.parts
        or not relative.parts
        or relative.suffix in _NOT_PROMPTS
    ):
        raise FileNotFoundError(f"not a prompt name: {name!r}")
    for folder in (override_dir, PROMPTS_DIR):
        if folder is not None and (folder / relative).is_file():
            return folder / relative
    raise FileNotFoundError(f"no prompt called {name!r}")


def _names_under(folder: Path) -> list[str]:
    return [
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix not in _NOT_PROMPTS
        and path.name != "README.md"
        and "__pycache__" not in path.parts
    ]
