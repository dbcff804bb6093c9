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
