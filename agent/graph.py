"""The rescue graph: analyze, decide, draft, review, route, follow_up."""

from __future__ import annotations

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import RetryPolicy

from agent import nodes
from agent.errors import IntegrationError
from agent.state import RescueContext, RescueState

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

    graph.add_node("analyze", nodes.analyze)
    graph.add_node("decide", nodes.decide, retry_policy=_INTEGRATION_RETRY)
    graph.add_node("draft", nodes.draft)
    graph.add_node("review", nodes.review)
    graph.add_node("route", nodes.route, retry_policy=_INTEGRATION_RETRY)
    graph.add_node("follow_up", nodes.follow_up)

    graph.add_edge(START, "analyze")
    graph.add_edge("analyze", "decide")
    graph.add_edge("decide", "draft")
    graph.add_edge("draft", "review")
    graph.add_conditional_edges("review", nodes.after_review)
    graph.add_edge("route", "follow_up")
    graph.add_edge("follow_up", END)

    return graph.compile(checkpointer=checkpointer)
