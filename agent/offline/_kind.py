"""Whether a detractor's problem can be fixed or is a poor fit at heart.

A detractor is *fundamental* when the product does not meet their need:

- they say it is not a fit, not what they need, or they were forced into it;
- the main issue is pricing and they judge the value (too expensive, not
  worth it, a price rise, cheaper elsewhere) rather than report a billing
  mistake (charged twice, wrong bill, a refund owed);
- the main issue is a missing capability they call essential, or they are
  leaving over it;
- they are leaving and the main issue is the relationship or nothing
  concrete.

Everything else is *fixable*: a concrete problem someone can solve. Leaving
because of a bug, an outage or poor support is still fixable.
"""

from __future__ import annotations

from dataclasses import dataclass

from agent.offline._lexicon import KIND_CUES
from agent.offline._text import SentenceIndex, negated


@dataclass(frozen=True, slots=True)
class KindReading:
    """The kind, where the cue that decided it sits, and where they say they leave."""

    kind: str
    position: int | None
    leaving: int | None


def read_kind(folded: str, sentences: SentenceIndex, primary: str) -> KindReading:
    """Decide fixable or fundamental from kind cues and the primary category."""
    found: dict[str, int] = {}
    for cue in KIND_CUES:
        for match, _ in sentences.matches(cue.finditer(folded)):
            position = match.start()
            if cue.negatable and negated(folded, position):
                continue
            found[cue.label] = min(position, found.get(cue.label, position))
            break

    leaving = found.get("leave")
    if "fit" in found:
        return KindReading("fundamental", found["fit"], leaving)
    if primary == "pricing" and "value" in found and "billing_error" not in found:
        return KindReading("fundamental", found["value"], leaving)
    if primary == "missing_feature":
        for label in ("core_gap", "leave"):
            if label in found:
                return KindReading("fundamental", found[label], leaving)
    if primary in {"relationship", "other"} and leaving is not None:
        return KindReading("fundamental", leaving, leaving)
    return KindReading("fixable", None, leaving)
