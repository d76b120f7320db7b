"""Reasoners: what reads a comment and writes a reply.

The graph depends only on the `Reasoner` protocol. The offline reasoner is
deterministic and needs no network; an LLM reasoner can take its place.
"""

from agent.reasoners._protocol import DraftRequest, Reasoner

__all__ = ["DraftRequest", "Reasoner"]
