"""existence and substitution: flag a dictionary term, optionally with its replacement."""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from govcheck.normalize import fold_term
from govcheck.rules.base import CheckContext, Hit, Rule


class TermRule(Rule):
    def terms(self) -> Iterable[tuple[str, Any]]:
        for entry in self.entries:
            yield fold_term(entry.term), entry

    def on_term(self, ctx: CheckContext, start: int, end: int, payload: Any) -> Iterator[Hit]:
        yield Hit.from_entry(start, end, payload)
