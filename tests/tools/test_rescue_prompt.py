"""The triage prompt's template asks only for what the server supplies."""

from __future__ import annotations

import jinja2
from jinja2 import meta

import prompts


def test_triage_prompt_uses_only_the_since_and_cases_variables():
    source = prompts.load_prompt("mcp/triage_detractors.md.j2")

    used = meta.find_undeclared_variables(jinja2.Environment().parse(source))

    assert used == {"since", "cases"}


def test_triage_prompt_without_cases_offers_a_longer_window():
    text = prompts.render("mcp/triage_detractors.md.j2", since="2026-12-04", cases=[])

    assert "No detractor cases were submitted since 2026-12-04" in text
