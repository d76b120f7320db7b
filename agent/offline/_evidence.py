"""Verbatim quotes from a comment, to back each label of an analysis.

Every quote is a slice of the original comment, so it is always a verbatim
substring of what the customer wrote, however messy the text.
"""

from __future__ import annotations

from agent.offline._text import SentenceIndex, Span, clause_around

QUOTE_LIMIT = 200


class Quoter:
    """Cuts quotes from one comment."""

    def __init__(self, text: str, sentences: SentenceIndex, focus: Span | None):
        self._text = text
        self._sentences = sentences
        self._focus = focus

    def span(self, span: Span | None) -> str | None:
        """The text of `span`, trimmed, or None when there is nothing to show."""
        if span is None:
            return None
        return self._text[span.start : span.end].strip() or None

    def at(self, position: int | None) -> str | None:
        """The clause around `position`, or the token there outside sentences."""
        if position is None:
            return None
        sentence = self._sentences.at(position)
        if sentence is not None:
            return self.span(clause_around(self._text, sentence, position, QUOTE_LIMIT))
        token = self._text[position:].split(maxsplit=1)
        return token[0][:40] if token else None

    def fallback(self) -> str | None:
        """What to quote for a label that no single cue supports."""
        if self._focus is not None:
            return self.span(self._focus)
        if self._sentences.spans:
            first = self._sentences.spans[0]
            return self.span(clause_around(self._text, first, first.start, QUOTE_LIMIT))
        return self._text.strip()[:QUOTE_LIMIT].rstrip() or None
