"""The rescue graph: analyze, decide, draft, review, route, approval, send, follow_up.

`approval` is the only node that pauses (a LangGraph interrupt): after the
task is open, before anything reaches the customer.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

import structlog
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.errors import GraphBubbleUp
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime
from langgraph.types import RetryPolicy

from agent import nodes
from agent.errors import IntegrationError
from agent.state import RescueContext, RescueState

log = structlog.get_logger(__name__)

Node = Callable[[RescueState, Runtime[RescueContext]], Awaitable[dict[str, Any]]]

RECURSION_LIMIT = 20
"""Explicit, because LangGraph's default is effectively unbounded."""

_INTEGRATION_RETRY = RetryPolicy(
    max_attempts=3, initial_interval=0.2, retry_on=IntegrationError
)


def build_graph(
    checkpointer: BaseCheckpointSaver | None = None,
) -> CompiledStateGraph:
    """Compile the rescue graph with the given checkpointer."""
    graph = StateGraph(RescueState, context_schema=RescueContext)

    graph.add_node("analyze", _logged("analyze", nodes.analyze))
    graph.add_node(
        "decide", _logged("decide", nodes.decide), retry_policy=_INTEGRATION_RETRY
    )
    graph.add_node("draft", _logged("draft", nodes.draft))
    graph.add_node("review", _logged("review", nodes.review))
    graph.add_node(
        "route", _logged("route", nodes.route), retry_policy=_INTEGRATION_RETRY
    )
    graph.add_node("approval", _logged("approval", nodes.approval))
    graph.add_node("send", _logged("send", nodes.send), retry_policy=_INTEGRATION_RETRY)
    graph.add_node(
        "follow_up",
        _logged("follow_up", nodes.follow_up),
        retry_policy=_INTEGRATION_RETRY,
    )

    graph.add_edge(START, "analyze")
    graph.add_edge("analyze", "decide")
    graph.add_edge("decide", "draft")
    graph.add_edge("draft", "review")
    graph.add_conditional_edges("review", nodes.after_review)
    graph.add_conditional_edges("route", nodes.after_route)
    graph.add_conditional_edges("approval", nodes.after_approval)
    graph.add_edge("send", "follow_up")
    graph.add_edge("follow_up", END)

    return graph.compile(checkpointer=checkpointer)


def _logged(name: str, node: Node) -> Node:
    """`node`, logging one event per run with its outcome and duration."""

    async def run(state: RescueState, runtime: Runtime[RescueContext]) -> dict:
        started = time.perf_counter()
        outcome = "error"
        try:
            update = await node(state, runtime)
            outcome = "ok"
            return update
        except GraphBubbleUp:
            outcome = "paused"
            raise
        finally:
            duration_ms = round((time.perf_counter() - started) * 1000, 3)
            log.info("node", node=name, outcome=outcome, duration_ms=duration_ms)

    run.__name__ = name
    return run
