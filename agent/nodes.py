"""The graph's nodes: plain async functions from state to a partial update.

Side effects live only in `route` (task, CRM note) and `send` (the reply).
Neither holds an interrupt; the one interrupt, in `approval`, sits between
them. Each call passes the response id as its idempotency key, so a rerun,
a resume or a duplicate response never creates a second task or message.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any, Literal

from langgraph.runtime import Runtime
from langgraph.types import interrupt

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
    TaskRef,
)
from agent.reasoners import DraftRequest
from agent.state import (
    MAX_REVISIONS,
    ApprovalAnswer,
    RescueContext,
    RescueState,
    dump,
)
from plugins.roles import (
    AccountLookup,
    CreatedTask,
    LoggedActivity,
    SentMessage,
    TaskInfo,
)


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
    """Open the team's task, log it on the account, hold the reply if it must wait."""
    ctx = runtime.context
    response = NpsResponse.model_validate(state["response"])
    analysis = Analysis.model_validate(state["analysis"])
    decision = Decision.model_validate(state["decision"])
    account = _load_account(state)
    key = response.response_id
    if not response.customer.email and not decision.needs_approval:
        decision = _hold(decision, "the response has no email address to reply to")

    task_text = _task_text(response, analysis, decision, account, ctx)
    fields = {
        "team": decision.team,
        "title": task_text["title"],
        "body": task_text["body"],
        "priority": decision.priority,
        "due_date": decision.follow_up_by.isoformat(),
        "labels": ["nps-detractor", analysis.category, decision.playbook],
    }
    created = await ctx.tools.call(
        "ticketing",
        "create_task",
        {"idempotency_key": f"{key}#task", **fields},
        result_model=CreatedTask,
    )
    task = created.task
    if created.created:
        events = [ctx.event("task_opened", f"{task.id} for {decision.team}")]
    else:
        # The task predates this run: a resume, or a changed answer whose new
        # analysis may move it to another team.
        updated = await ctx.tools.call(
            "ticketing",
            "update_task",
            {"task_id": task.id, **fields},
            result_model=TaskInfo,
        )
        task = updated.task
        events = [ctx.event("task_updated", f"{task.id} for {task.team}")]

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
                f"(task {task.id}, {decision.priority})",
            },
            result_model=LoggedActivity,
        )

    update: dict[str, Any] = {
        "task": dump(task),
        "decision": dump(decision),
        "events": events,
    }
    if decision.needs_approval:
        events.append(
            ctx.event("awaiting_approval", "; ".join(decision.approval_reasons))
        )
        update["status"] = CaseStatus.AWAITING_APPROVAL.value
    return update


def after_route(state: RescueState) -> Literal["approval", "send"]:
    """A draft that needs a person waits for one; any other is sent."""
    decision = Decision.model_validate(state["decision"])
    return "approval" if decision.needs_approval else "send"


async def approval(state: RescueState, runtime: Runtime[RescueContext]) -> dict:
    """Wait for a person to approve, edit or reject the draft.

    The graph pauses here until it is resumed with an `ApprovalAnswer`. On
    resume this node runs again from its first line, so nothing before the
    interrupt has an effect; the reply is sent by `send`, after it.

    An edited body is checked by the same guardrails as a drafted one. One
    that fails, or an approval of a reply with no address to go to, is
    refused: nothing is sent, the draft is kept, and the case waits again
    with the reason in its events.
    """
    ctx = runtime.context
    response = NpsResponse.model_validate(state["response"])
    decision = Decision.model_validate(state["decision"])
    reply = Draft.model_validate(state["draft"])

    answer = interrupt(
        {
            "response_id": response.response_id,
            "reasons": decision.approval_reasons,
            "subject": reply.subject,
            "body": reply.body,
        },
        response_schema=ApprovalAnswer,
    )
    by = f"by {answer.by}" if answer.by else "by a person"

    if answer.action == "reject":
        return {
            "approval": {"outcome": "rejected", "by": answer.by},
            "status": CaseStatus.REJECTED.value,
            "events": [ctx.event("rejected", f"{by}: {answer.reason}")],
        }
    edited = answer.body is not None and answer.body != reply.body
    if edited:
        reply = _edited(reply, answer.body or "", state, ctx)
    problem = _refusal(reply, response, edited)
    if problem:
        return {
            "approval": {"outcome": "refused", "by": answer.by, "reason": problem},
            "events": [ctx.event("approval_refused", problem)],
        }
    return {
        "approval": {"outcome": "approved", "by": answer.by, "edited": edited},
        "draft": dump(reply),
        "events": [ctx.event("approved", f"{by}, edited" if edited else by)],
    }


def after_approval(state: RescueState) -> Literal["approval", "send", "follow_up"]:
    """Send an approved reply, wait again after a refusal, skip a rejected one."""
    outcome = (state.get("approval") or {}).get("outcome")
    if outcome == "approved":
        return "send"
    if outcome == "rejected":
        return "follow_up"
    return "approval"


async def send(state: RescueState, runtime: Runtime[RescueContext]) -> dict:
    """Hand the reply to the messenger, once per response id."""
    ctx = runtime.context
    response = NpsResponse.model_validate(state["response"])
    reply = Draft.model_validate(state["draft"])
    key = response.response_id
    # `route` holds a reply with no address for a person, who cannot approve it.
    assert response.customer.email, f"{key}: no email address reached `send`"

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
    return {
        "message": dump(sent.message),
        "status": CaseStatus.REPLY_QUEUED.value,
        "events": [ctx.event("reply_queued", sent.message.id)],
    }


async def follow_up(state: RescueState, runtime: Runtime[RescueContext]) -> dict:
    """Schedule the close-the-loop step for the follow-up date.

    A case that waited for approval may have had its task resolved in the
    meantime; it is then marked so the follow-up step picks it up.
    """
    ctx = runtime.context
    decision = Decision.model_validate(state["decision"])
    task = TaskRef.model_validate(state["task"])
    status = CaseStatus(state["status"])

    if state.get("approval") and status == CaseStatus.REPLY_QUEUED:
        info = await ctx.tools.call(
            "ticketing", "get_task", {"task_id": task.id}, result_model=TaskInfo
        )
        if info.status == "resolved":
            status = CaseStatus.TASK_RESOLVED

    detail = f"check task {task.id} and write back by {decision.follow_up_by}"
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


def _edited(reply: Draft, body: str, state: RescueState, ctx: RescueContext) -> Draft:
    """The draft with a person's body, and the guardrails' report on it."""
    edited = reply.model_copy(update={"body": body, "guardrails": None})
    report = check_draft(
        edited,
        response=NpsResponse.model_validate(state["response"]),
        analysis=Analysis.model_validate(state["analysis"]),
        decision=Decision.model_validate(state["decision"]),
        policy=ctx.policy,
        prompts_dir=ctx.prompts_dir,
    )
    return edited.model_copy(update={"guardrails": report})


def _refusal(reply: Draft, response: NpsResponse, edited: bool) -> str | None:
    """Why an approval cannot be carried out, or None when it can."""
    if not response.customer.email:
        return (
            "the response has no email address, so the reply cannot be sent; "
            "reach the customer another way and reject the draft with a reason"
        )
    if edited and reply.guardrails and not reply.guardrails.passed:
        failures = "; ".join(f"{c.name}: {c.detail}" for c in reply.guardrails.failures)
        return f"the edited reply fails the guardrails ({failures}); nothing was sent"
    return None


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
