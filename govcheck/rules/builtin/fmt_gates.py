"""Pattern rules whose patterns only run when a cheap literal is present.

Most drafts contain no web debris or secrecy mark at all, yet a line-anchored regular expression
still walks the whole text. ``GatedPatterns`` behaves exactly like a `pattern` rule, except that the
rule's ``data.gates`` (one entry per pattern, in order) lists literals of which at least one must
occur in the text for that pattern to run; ``null`` or an empty list means "always run". The gates
are only a shortcut: each literal must be something every match of its pattern contains. For a
pattern with the IGNORECASE flag the gates are compared case-insensitively.
"""

from __future__ import annotations

import regex

from govcheck.rules.base import CheckContext
from govcheck.rules.kinds.pattern import PatternRule


class GatedPatterns(PatternRule):
    def prepare(self) -> None:
        super().prepare()
        gates = self.spec.data.get("gates") or []
        if len(gates) != len(self._compiled):
            raise ValueError(
                f"{self.spec.rule_id}: data.gates has {len(gates)} entries for {len(self._compiled)} patterns"
            )
        self._gates = []
        for (rx, _p), gate in zip(self._compiled, gates):
            fold = bool(rx.flags & regex.IGNORECASE)
            lits = tuple(str(g).lower() if fold else str(g) for g in gate) if gate else ()
            self._gates.append((lits, fold))

    def matches(self, ctx: CheckContext):
        """As PatternRule.matches, skipping the patterns whose gate literals are all absent."""
        lowered: dict[bool, str] = {}
        for (rx, p), (gate, fold) in zip(self._compiled, self._gates):
            text = ctx.view.original if p.original else ctx.text
            if gate:
                hay = text
                if fold:
                    hay = lowered.get(p.original)
                    if hay is None:
                        hay = lowered[p.original] = text.lower()
                if not any(g in hay for g in gate):
                    continue
            for m in rx.finditer(text):
                span = m.span(p.group) if p.group is not None else m.span()
                if span[0] < 0 or span[0] == span[1]:
                    continue
                if p.original and not ctx.view.identical:
                    span = ctx.view_span_of_original(*span)
                    if span is None:
                        continue
                yield m, p, span
