"""The graph's nodes: plain async functions from state to a partial update.

Side effects live only in `route`, which has no interrupt before it and
passes the response id as the idempotency key of every call, so a rerun,
a resume or a duplicate response never creates a second task or message.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any, Literal

from langgraph.runtime import Runtime

import prompts
from agent.decide import decide as decide_case
from agent.guardrails import check_draft, find_personal_data
from agent.models import (
    Account,
    Analysis,
    CaseStatus,
    Decision,
    Draft,
    GuardrailReport,
    NpsResponse,
)
from agent.reasoners import DraftRequest
from agent.state import MAX_REVISIONS, RescueContext, RescueState, dump
from plugins.roles import AccountLookup, CreatedTask, LoggedActivity, SentMessage


async def analyze(state: RescueState, runtime: Runtime[RescueContext]) -> dict:
    """Read the comment: what went wrong and how the customer feels."""
    ctx = runtime.context
    response = NpsResponse.model_validate(state["response"])

    analysis = await ctx.reasoner.analyze(response)

    detail = f"{analysis.category}, {analysis.emotion} ({analysis.reasoner})"
    if analysis.usage and analysis.usage.fallback:
        detail += f"; the model failed, {analysis.usage.fallback}"
    return {"analysis": dump(analysis), "events": [ctx.event("analyzed", detail)]}


async def decide(state: RescueState, runtime: Runtime[RescueContext]) -> dict:
    """Look up the account and decide team, priority, playbook and dates."""
    ctx = runtime.context
    response = NpsResponse.model_validate(state["response"])
    analysis = Analysis.model_validate(state["analysis"])

    account: Account | None = None
    if response.customer.email:
        lookup = await ctx.tools.call(
            "crm",
            "lookup_account",
            {"email": response.customer.email},
            result_model=AccountLookup,
        )
        account = lookup.account
    decision = decide_case(response, analysis, account, ctx.policy, ctx.clock())
    for reason in state.get("hold_reasons") or []:
        decision = _hold(decision, reason)
    if analysis.usage and analysis.usage.fallback:
        decision = _hold(decision, f"offline analysis: {analysis.usage.fallback}")

    detail = f"{decision.team}, {decision.priority}, {decision.playbook}"
    return {
        "account": dump(account) if account else None,
        "decision": dump(decision),
        "events": [ctx.event("decided", detail)],
    }


async def draft(state: RescueState, runtime: Runtime[RescueContext]) -> dict:
    """Write the reply, or rewrite it when the last one failed a check."""
    ctx = runtime.context
    previous = Draft.model_validate(state["draft"]) if state.get("draft") else None
    revision = previous.revision + 1 if previous else 0
    failed = previous.guardrails.failures if previous and previous.guardrails else []

    request = DraftRequest(
        response=NpsResponse.model_validate(state["response"]),
        analysis=Analysis.model_validate(state["analysis"]),
        decision=Decision.model_validate(state["decision"]),
        policy=ctx.policy,
        account=_load_account(state),
        revision=revision,
        failed_checks=failed,
    )
    reply = await ctx.reasoner.draft(request)

    kind = "redrafted" if revision else "drafted"
    return {"draft": dump(reply), "events": [ctx.event(kind, reply.framework)]}


async def review(state: RescueState, runtime: Runtime[RescueContext]) -> dict:
    """Run the guardrails; a draft still failing after its rewrite waits."""
    ctx = runtime.context
    reply = Draft.model_validate(state["draft"])
    decision = Decision.model_validate(state["decision"])

    report = check_draft(
        reply,
        response=NpsResponse.model_validate(state["response"]),
        analysis=Analysis.model_validate(state["analysis"]),
        decision=decision,
        policy=ctx.policy,
        prompts_dir=ctx.prompts_dir,
        account=_load_account(state),
    )
    reply = reply.model_copy(update={"guardrails": report})
    update: dict[str, Any] = {"draft": dump(reply)}
    if reply.usage and reply.usage.fallback:
        decision = _hold(decision, f"offline draft: {reply.usage.fallback}")
        update["decision"] = dump(decision)

    if report.passed:
        update["events"] = [ctx.event("reviewed", "all guardrails passed")]
    elif reply.revision >= MAX_REVISIONS:
        failures = "; ".join(f"{c.name}: {c.detail}" for c in report.failures)
        update["events"] = [ctx.event("review_failed", failures)]
        if ctx.policy.approval.guardrail_failure:
            update["decision"] = dump(_hold_for_approval(decision, report))
    else:
        names = ", ".join(c.name for c in report.failures)
        update["events"] = [ctx.event("revision_requested", names)]
    return update


def after_review(state: RescueState) -> Literal["draft", "route"]:
    """Send a failing first draft back for one rewrite."""
    reply = Draft.model_validate(state["draft"])
    assert reply.guardrails is not None
    if not reply.guardrails.passed and reply.revision < MAX_REVISIONS:
        return "draft"
    return "route"


async def route(state: RescueState, runtime: Runtime[RescueContext]) -> dict:
    """Open the team's task, log it on the account, hand over the reply."""
    ctx = runtime.context
    response = NpsResponse.model_validate(state["response"])
    analysis = Analysis.model_validate(state["analysis"])
    decision = Decision.model_validate(state["decision"])
    reply = Draft.model_validate(state["draft"])
    account = _load_account(state)
    key = response.response_id

    task_text = _task_text(response, analysis, decision, account, ctx)
    created = await ctx.tools.call(
        "ticketing",
        "create_task",
        {
            "idempotency_key": f"{key}#task",
            "team": decision.team,
            "title": task_text["title"],
            "body": task_text["body"],
            "priority": decision.priority,
            "due_date": decision.follow_up_by.isoformat(),
            "labels": ["nps-detractor", analysis.category, decision.playbook],
        },
        result_model=CreatedTask,
    )
    events = [ctx.event("task_opened", f"{created.task.id} for {decision.team}")]

    if response.customer.email or account:
        await ctx.tools.call(
            "crm",
            "log_activity",
            {
                "idempotency_key": f"{key}#crm",
                "email": response.customer.email,
                "account_id": account.id if account else None,
                "kind": "nps_detractor",
                "text": f"NPS {response.score}: {analysis.issue_summary} "
                f"(task {created.task.id}, {decision.priority})",
            },
            result_model=LoggedActivity,
        )

    message = None
    if decision.needs_approval:
        events.append(ctx.event("awaiting_approval", "; ".join(_approval(decision))))
    elif response.customer.email:
        sent = await ctx.tools.call(
            "messenger",
            "send_message",
            {
                "idempotency_key": f"{key}#reply",
                "response_id": key,
                "to_email": response.customer.email,
                "to_name": response.customer.name,
                "subject": reply.subject,
                "body": reply.body,
                "sender_name": reply.sender.name,
                "sender_email": reply.sender.email,
            },
            result_model=SentMessage,
        )
        message = sent.message
        events.append(ctx.event("reply_queued", message.id))
    else:
        decision = _hold(decision, "the response has no email address to reply to")
        events.append(ctx.event("awaiting_approval", "no email address"))

    return {
        "task": dump(created.task),
        "message": dump(message) if message else None,
        "decision": dump(decision),
        "events": events,
    }


async def follow_up(state: RescueState, runtime: Runtime[RescueContext]) -> dict:
    """Schedule the close-the-loop step for the follow-up date."""
    ctx = runtime.context
    decision = Decision.model_validate(state["decision"])
    task_id = state["task"]["id"]

    status = (
        CaseStatus.AWAITING_APPROVAL
        if decision.needs_approval
        else CaseStatus.REPLY_QUEUED
    )
    detail = f"check task {task_id} and write back by {decision.follow_up_by}"
    return {
        "follow_up_due": decision.follow_up_by.isoformat(),
        "status": status.value,
        "events": [ctx.event("follow_up_scheduled", detail)],
    }


def _hold_for_approval(decision: Decision, report: GuardrailReport) -> Decision:
    names = ", ".join(check.name for check in report.failures)
    return _hold(decision, f"guardrails failed after a rewrite: {names}")


def _load_account(state: RescueState) -> Account | None:
    return Account.model_validate(state["account"]) if state.get("account") else None


def _hold(decision: Decision, reason: str) -> Decision:
    if f"approval: {reason}" in decision.reasons:
        return decision
    return decision.model_copy(
        update={
            "needs_approval": True,
            "reasons": [*decision.reasons, f"approval: {reason}"],
        }
    )


def _approval(decision: Decision) -> list[str]:
    return [
        r.removeprefix("approval: ")
        for r in decision.reasons
        if r.startswith("approval: ")
    ]


def _task_text(
    response: NpsResponse,
    analysis: Analysis,
    decision: Decision,
    account: Account | None,
    ctx: RescueContext,
) -> dict[str, str]:
    team = ctx.policy.teams[decision.team]
    customer = response.customer
    variables = {
        "priority": decision.priority,
        "score": response.score,
        "customer_label": customer.name or customer.email or "an anonymous customer",
        "email": customer.email,
        "issue_summary": analysis.issue_summary,
        "team_name": team.display_name,
        "response_id": response.response_id,
        "submitted_at": (
            response.submitted_at.isoformat() if response.submitted_at else None
        ),
        "account": account,
        "category": analysis.category,
        "secondary_categories": analysis.secondary_categories,
        "product_area": analysis.product_area,
        "emotion": analysis.emotion,
        "emotion_intensity": analysis.emotion_intensity,
        "kind": analysis.kind,
        "suggested_resolution": analysis.suggested_resolution,
        "comment": _without_card_numbers(response.comment),
        "evidence": [
            e.model_copy(update={"quote": _without_card_numbers(e.quote)})
            for e in analysis.evidence
        ],
        "playbook": decision.playbook,
        "next_step": _next_steps(ctx)[decision.playbook],
        "respond_by": decision.respond_by.isoformat(timespec="minutes"),
        "follow_up_by": decision.follow_up_by.isoformat(),
        "reply_status": (
            "waiting for approval" if decision.needs_approval else "queued to send"
        ),
        "reasons": decision.reasons,
    }
    title = prompts.render("tasks/task_title.txt.j2", ctx.prompts_dir, **variables)
    body = prompts.render("tasks/task_body.md.j2", ctx.prompts_dir, **variables)
    return {"title": title.strip()[:200], "body": body}


def _without_card_numbers(text: str) -> str:
    """`text` with card numbers blanked: they never belong in a ticket."""
    for value in find_personal_data(text):
        if 13 <= sum(ch.isdigit() for ch in value) <= 19:
            text = text.replace(value, "[card number removed]")
    return text


def _next_steps(ctx: RescueContext) -> dict[str, str]:
    return _parse_next_steps(
        prompts.load_prompt("tasks/next_steps.toml", ctx.prompts_dir)
    )


@cache
def _parse_next_steps(text: str) -> dict[str, str]:
    return tomllib.loads(text)
