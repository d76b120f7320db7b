"""The LLM reasoner over langchain-core's fake chat model: every branch."""

from __future__ import annotations

import jinja2
import jinja2.meta
import pytest
from builders import make_analysis, make_response
from chat_fakes import (
    SETTINGS,
    as_json,
    as_text,
    as_tool_call,
    rate_limited,
    scripted,
    timed_out,
)

import prompts
from agent.decide import decide
from agent.offline import OfflineReasoner
from agent.reasoners import DraftRequest
from agent.reasoners._outputs import AnalysisOutput, ReplyOutput
from agent.reasoners._structured import strict_schema
from agent.reasoners.llm import LlmReasoner

pytestmark = pytest.mark.timeout(30)

COMMENT = "The CSV export has failed every day this week and I need it for payroll."


def analysis_output(**changes) -> dict:
    values = {
        "issue_summary": "the CSV export fails every day",
        "category": "product_bug",
        "secondary_categories": [],
        "product_area": "exports",
        "emotion": "frustration",
        "emotion_intensity": 0.6,
        "suggested_resolution": None,
        "kind": "fixable",
        "language": "en",
        "evidence": [{"label": "category", "quote": "CSV export has failed"}],
        "is_vague": False,
        "intends_to_leave": False,
    }
    return {**values, **changes}


def reasoner(policy, analysis_model=None, draft_model=None, **settings):
    return LlmReasoner(
        SETTINGS.model_copy(update=settings),
        OfflineReasoner(categories=policy.categories),
        categories=policy.categories,
        analysis_model=analysis_model or scripted(),
        draft_model=draft_model or scripted(),
    )


async def test_analysis_comes_from_json_schema_when_the_server_accepts_it(policy):
    model = scripted(as_json(analysis_output(), input=120, output=40))

    analysis = await reasoner(policy, model).analyze(make_response(COMMENT))

    assert analysis.reasoner == "llm"
    assert analysis.category == "product_bug"
    assert analysis.usage.method == "json_schema"
    assert (analysis.usage.calls, analysis.usage.input_tokens) == (1, 120)
    assert analysis.usage.output_tokens == 40
    assert analysis.usage.fallback is None
    sent = model.requests[0]["response_format"]["json_schema"]
    assert sent["strict"] is True
    assert sent["schema"]["properties"]["category"]["enum"] == list(policy.categories)


async def test_a_server_that_refuses_json_schema_gets_function_calling(policy):
    model = scripted(
        as_tool_call("analysisoutput", analysis_output()),
        as_tool_call("analysisoutput", analysis_output()),
        refuse={"json_schema": 500},
    )
    llm = reasoner(policy, model)

    first = await llm.analyze(make_response(COMMENT))
    second = await llm.analyze(make_response(COMMENT, response_id="export:r2"))

    assert first.usage.method == "function_calling"
    assert first.usage.calls == 2
    assert second.usage.calls == 1, "a refused method is not asked for again"
    assert [r["method"] for r in model.requests] == [
        "json_schema",
        "function_calling",
        "function_calling",
    ]
    assert model.requests[1]["tools"][0]["function"]["strict"] is True


async def test_json_mode_is_used_when_both_other_methods_are_refused(policy):
    model = scripted(
        as_json(analysis_output()),
        refuse={"json_schema": 400, "function_calling": 400},
    )

    analysis = await reasoner(policy, model).analyze(make_response(COMMENT))

    assert analysis.usage.method == "json_mode"
    assert '"issue_summary"' in model.prompts()[-1], "the schema is in the prompt"


async def test_the_configured_method_is_tried_first(policy):
    model = scripted(as_tool_call("analysisoutput", analysis_output()))

    llm = reasoner(policy, model, structured_output="function_calling")
    analysis = await llm.analyze(make_response(COMMENT))

    assert analysis.usage.method == "function_calling"
    assert [r["method"] for r in model.requests] == ["function_calling"]


async def test_an_ignored_response_format_moves_on_to_the_next_method(policy):
    model = scripted(
        as_json({"answer": "not the schema"}),
        as_tool_call("analysisoutput", analysis_output()),
    )

    analysis = await reasoner(policy, model).analyze(make_response(COMMENT))

    assert analysis.usage.method == "function_calling"
    assert analysis.usage.calls == 2


async def test_invalid_output_from_every_method_falls_back_to_offline(policy):
    model = scripted(as_text("{not json"), as_text(""), as_text("[]"))

    analysis = await reasoner(policy, model).analyze(make_response(COMMENT))

    assert analysis.reasoner == "offline"
    assert analysis.category == "product_bug"
    assert analysis.usage.calls == 3
    assert analysis.usage.fallback.startswith("invalid output: json_schema: not JSON")


async def test_a_rate_limit_after_the_retries_falls_back_to_offline(policy):
    model = scripted(rate_limited())

    analysis = await reasoner(policy, model).analyze(make_response(COMMENT))

    assert analysis.reasoner == "offline"
    assert analysis.usage.fallback == "model unavailable: HTTP 429"


async def test_a_category_outside_the_policy_is_rejected(policy):
    model = scripted(*[as_json(analysis_output(category="weather"))] * 3)

    analysis = await reasoner(policy, model).analyze(make_response(COMMENT))

    assert analysis.reasoner == "offline"
    assert "unknown category 'weather'" in analysis.usage.fallback


async def test_evidence_that_is_not_a_verbatim_quote_is_dropped(policy):
    evidence = [
        {"label": "category", "quote": "CSV export has failed"},
        {"label": "emotion", "quote": "the customer is annoyed"},
        {"label": "kind", "quote": "csv EXPORT has failed"},
    ]
    model = scripted(as_json(analysis_output(evidence=evidence)))

    analysis = await reasoner(policy, model).analyze(make_response(COMMENT))

    assert [e.quote for e in analysis.evidence] == ["CSV export has failed"]


async def test_personal_data_never_reaches_the_model_and_comes_back_in_quotes(
    policy,
):
    comment = (
        "You charged card 4111 1111 1111 1111 twice. Call me on +44 20 7946 0958 "
        "or write to dana@example.com, I live at 12 Harbour Street."
    )
    evidence = [
        {"label": "category", "quote": "charged card [CARD_1] twice"},
        {"label": "suggested_resolution", "quote": "Call me on [PHONE_1]"},
    ]
    model = scripted(
        as_json(
            analysis_output(
                category="pricing",
                issue_summary="charged twice on [CARD_1]",
                suggested_resolution="call [PHONE_1]",
                evidence=evidence,
            )
        )
    )

    analysis = await reasoner(policy, model).analyze(make_response(comment))

    sent = model.prompts()[0]
    for secret in ("4111", "7946", "dana@example.com", "12 Harbour Street"):
        assert secret not in sent
    assert "[ADDRESS_1]" in sent
    assert [e.quote for e in analysis.evidence] == [
        "charged card 4111 1111 1111 1111 twice",
        "Call me on +44 20 7946 0958",
    ]
    assert analysis.suggested_resolution == "call +44 20 7946 0958"


async def test_redaction_can_be_turned_off(policy):
    model = scripted(as_json(analysis_output()))
    comment = "Write to dana@example.com, the export failed."

    llm = reasoner(policy, model, redact_personal_data=False)
    await llm.analyze(make_response(comment))

    assert "dana@example.com" in model.prompts()[0]


def draft_request(policy, now, comment=COMMENT, **analysis_changes):
    response = make_response(comment)
    analysis = make_analysis(**analysis_changes)
    decision = decide(response, analysis, None, policy, now)
    return DraftRequest(
        response=response, analysis=analysis, decision=decision, policy=policy
    )


async def test_the_draft_prompt_carries_the_decision_and_sla_date(policy, now):
    request = draft_request(policy, now)
    reply = {"subject": "Your CSV export", "body": "Hi Dana", "language": "en"}
    model = scripted(as_json(reply, input=300, output=90))

    draft = await reasoner(policy, draft_model=model).draft(request)

    prompt = model.prompts()[0]
    follow_up = request.decision.follow_up_by
    assert f"{follow_up:%A} {follow_up.day} {follow_up:%B}" in prompt
    assert policy.teams[request.decision.team].display_name in prompt
    assert request.decision.sender.name in prompt
    assert f"<comment>\n{COMMENT}\n</comment>" in prompt
    assert (draft.reasoner, draft.usage.input_tokens) == ("llm", 300)
    assert draft.framework == f"llm:{request.decision.playbook}"
    assert draft.sender == request.decision.sender


async def test_a_draft_puts_personal_data_back_but_never_a_card_number(policy, now):
    comment = "Card 4111 1111 1111 1111 was charged twice, ship it to 3 Elm Road."
    request = draft_request(policy, now, comment, category="pricing")
    body = "We will look at the charge on [CARD_1] and post to [ADDRESS_1]."
    model = scripted(as_json({"subject": "Billing", "body": body, "language": "en"}))

    draft = await reasoner(policy, draft_model=model).draft(request)

    assert "4111" not in model.prompts()[0]
    assert draft.body == (
        "We will look at the charge on [card number removed] and post to 3 Elm Road."
    )


async def test_a_failed_check_is_fed_back_to_the_revision(policy, now):
    request = draft_request(policy, now)
    failed = {"name": "greeting", "passed": False, "detail": "greeting 'Hello'"}
    request = request.model_copy(
        update={"revision": 1, "failed_checks": [failed], "account": None}
    )
    reply = {"subject": "Your export", "body": "Hi Dana", "language": "en"}
    model = scripted(as_json(reply))

    await reasoner(policy, draft_model=model).draft(request)

    assert "- greeting: greeting 'Hello'" in model.prompts()[0]


async def test_an_empty_draft_falls_back_to_the_offline_drafter(policy, now):
    request = draft_request(policy, now)
    empty = {"subject": "", "body": " ", "language": "en"}
    model = scripted(as_json(empty))

    draft = await reasoner(policy, draft_model=model).draft(request)

    assert draft.reasoner == "offline"
    assert draft.usage.fallback == "invalid output: empty subject or body"
    assert draft.framework.startswith("replies/")


async def test_a_model_that_never_answers_in_time_falls_back(policy, now):
    request = draft_request(policy, now)
    model = scripted(timed_out())

    draft = await reasoner(policy, draft_model=model).draft(request)

    assert draft.reasoner == "offline"
    assert draft.usage.fallback == "model unavailable: timed out"


def test_the_output_schemas_are_strict_mode_compatible():
    for output in (AnalysisOutput, ReplyOutput):
        schema = strict_schema(output)
        for node in _objects(schema):
            assert node["additionalProperties"] is False
            assert sorted(node["required"]) == sorted(node["properties"])
        text = str(schema)
        for keyword in ("'default'", "'minimum'", "'maximum'", "'format'"):
            assert keyword not in text


def test_the_model_prompts_use_exactly_the_variables_the_reasoner_supplies():
    environment = jinja2.Environment()
    for name, supplied in _SUPPLIED.items():
        parsed = environment.parse(prompts.load_prompt(name))
        assert jinja2.meta.find_undeclared_variables(parsed) == supplied, name


_SUPPLIED = {
    "llm/analyze_system.md.j2": {"categories"},
    "llm/analyze_user.md.j2": {"score", "properties", "comment"},
    "llm/draft_system.md.j2": {"language", "min_words", "max_words", "promises"},
    "llm/draft_user.md.j2": {
        "first_name",
        "score",
        "analysis",
        "team",
        "playbook",
        "playbook_guide",
        "follow_up",
        "follow_up_iso",
        "account",
        "signature",
        "comment",
        "failed_checks",
    },
}


def _objects(node):
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for item in node:
            yield from _objects(item)


async def test_a_server_refusing_every_method_is_asked_afresh_next_time(policy):
    model = scripted(
        as_json(analysis_output()),
        refuse={"json_schema": 500, "function_calling": 500, "json_mode": 500},
    )
    llm = reasoner(policy, model)

    first = await llm.analyze(make_response(COMMENT))
    model.refuse.clear()
    second = await llm.analyze(make_response(COMMENT, response_id="export:r2"))

    assert first.usage.fallback.startswith("model unavailable: json_schema: server")
    assert first.usage.calls == 3
    assert second.reasoner == "llm"
