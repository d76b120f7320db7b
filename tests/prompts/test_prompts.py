import ast
import re
import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

import jinja2
import pytest
from builders import make_analysis, make_response
from jinja2 import meta

import prompts
from agent.models import Decision
from agent.offline.drafting import SUBJECT, template_variables
from agent.policy import Policy, load_policy
from agent.reasoners import DraftRequest

CATEGORIES = list(load_policy().categories)
FRAMEWORKS = [
    *(f"replies/fix/{category}.md.j2" for category in CATEGORIES),
    "replies/expectation_reset.md.j2",
    "replies/expectation_reset/pricing.md.j2",
    "replies/alternative_solution.md.j2",
    "replies/graceful_exit.md.j2",
    "replies/ask_for_details.md.j2",
]


def used_variables(name: str) -> set[str]:
    """Variables a template and the templates it includes take from outside."""
    tree = jinja2.Environment().parse(prompts.load_prompt(name))
    found = set(meta.find_undeclared_variables(tree))
    for included in meta.find_referenced_templates(tree):
        found |= used_variables(included)
    return found


def supplied(policy: Policy, **analysis) -> dict:
    decision = Decision(
        team="support",
        priority="P3",
        playbook="fix_and_follow_up",
        respond_by=datetime(2026, 12, 3, 13, 0, tzinfo=UTC),
        follow_up_by=date(2026, 12, 8),
        needs_approval=False,
        sender=policy.teams["support"].sender,
    )
    request = DraftRequest(
        response=make_response(),
        analysis=make_analysis(**analysis),
        decision=decision,
        policy=policy,
    )
    return template_variables(request)


def test_every_reply_framework_is_shipped():
    names = prompts.list_prompts()

    assert set(FRAMEWORKS) | {SUBJECT, "guardrails/phrases.toml"} <= set(names)
    assert names == sorted(names)


@pytest.mark.parametrize("name", [*FRAMEWORKS, SUBJECT])
def test_template_uses_only_variables_the_drafter_supplies(policy, name):
    assert used_variables(name) <= set(supplied(policy))


def test_every_variable_the_drafter_supplies_is_used_by_some_template(policy):
    used = set().union(*(used_variables(name) for name in [*FRAMEWORKS, SUBJECT]))

    assert used == set(supplied(policy))


@pytest.mark.parametrize("name", [*FRAMEWORKS, SUBJECT])
@pytest.mark.parametrize(
    "analysis",
    [
        {},
        {"suggested_resolution": "let me schedule exports"},
        {"product_area": "general"},
    ],
    ids=["plain", "with-suggestion", "generic-area"],
)
def test_framework_renders_with_the_supplied_variables(policy, name, analysis):
    text = prompts.render(name, **supplied(policy, **analysis))

    assert text.strip()
    assert "{" not in text


@pytest.mark.parametrize("name", FRAMEWORKS)
def test_framework_refuses_to_render_without_a_variable_it_uses(policy, name):
    # A framework may use a variable on one branch only (graceful exit words a
    # cancellation request its own way, a fix a missed visit), so every branch
    # is rendered.
    branches = [
        supplied(policy),
        {**supplied(policy), "cancelling": True},
        {**supplied(policy), "missed_visit": True},
    ]
    for missing in used_variables(name):
        refused = 0
        for variables in branches:
            partial = {key: value for key, value in variables.items() if key != missing}
            try:
                prompts.render(name, **partial)
            except prompts.PromptError as error:
                refused += "unknown variable" in str(error)
        assert refused, f"{name} renders without {missing}"


def test_load_prompt_reads_the_shipped_file():
    text = prompts.load_prompt("replies/fix/product_bug.md.j2")

    assert text == (prompts.PROMPTS_DIR / "replies/fix/product_bug.md.j2").read_text()


def test_a_file_in_the_override_dir_replaces_the_shipped_one(tmp_path: Path):
    (tmp_path / "replies").mkdir()
    (tmp_path / "replies" / "subject.md.j2").write_text("Hello {{ who }}\n")

    assert prompts.load_prompt("replies/subject.md.j2", tmp_path) == "Hello {{ who }}\n"
    assert prompts.render("replies/subject.md.j2", tmp_path, who="you") == "Hello you\n"
    assert prompts.has_prompt("replies/graceful_exit.md.j2", tmp_path)


def test_files_missing_from_the_override_dir_come_from_the_shipped_ones(tmp_path):
    shipped = prompts.load_prompt("replies/graceful_exit.md.j2")

    assert prompts.load_prompt("replies/graceful_exit.md.j2", tmp_path) == shipped


def test_list_prompts_adds_files_from_the_override_dir(tmp_path: Path):
    (tmp_path / "replies" / "fix").mkdir(parents=True)
    (tmp_path / "replies" / "fix" / "shipping.md.j2").write_text("x\n")

    assert "replies/fix/shipping.md.j2" in prompts.list_prompts(tmp_path)
    assert "replies/fix/shipping.md.j2" not in prompts.list_prompts()


def test_render_fails_on_a_variable_that_is_not_supplied():
    with pytest.raises(prompts.PromptError, match="unknown variable"):
        prompts.render("replies/subject.md.j2")


@pytest.mark.parametrize(
    "name",
    ["../agent/models.py", "/etc/passwd", "replies/missing.md.j2", "", "__init__.py"],
    ids=["parent-dir", "absolute", "missing", "empty", "the-loader-itself"],
)
def test_a_name_outside_the_prompt_files_is_not_found(name):
    with pytest.raises(FileNotFoundError):
        prompts.load_prompt(name)
    assert not prompts.has_prompt(name)


def test_the_prompts_package_imports_nothing_from_the_project():
    tree = ast.parse((prompts.PROMPTS_DIR / "__init__.py").read_text())
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }

    assert imported <= {"__future__", "functools", "pathlib", "typing", "jinja2"}


def test_prompts_export_exactly_their_public_names():
    public = {
        name
        for name, value in vars(prompts).items()
        if not name.startswith("_")
        and (getattr(value, "__module__", None) == "prompts" or name.isupper())
    }

    assert public == set(prompts.__all__)


def test_every_guardrail_phrase_is_a_valid_pattern():
    data = tomllib.loads(prompts.load_prompt("guardrails/phrases.toml"))
    commit = data["promises"].pop("commit")

    for section in data.values():
        for patterns in section.values():
            for pattern in patterns:
                re.compile(pattern.replace("{commit}", commit))


def test_the_voice_word_lists_name_every_list_the_drafter_reads():
    data = tomllib.loads(prompts.load_prompt("replies/voice.toml"))

    assert {"swaps", "agreement", "words"} <= set(data)
    assert data["swaps"]["my"] == "your"
    assert data["swaps"]["your"] == "our"
