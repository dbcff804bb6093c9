"""pattern: regular expressions (the `regex` module) with replacement templates."""

from __future__ import annotations

from typing import Iterable

import regex

from govcheck.rules.base import CheckContext, Hit, Rule

_FLAGS = {"IGNORECASE": regex.IGNORECASE, "MULTILINE": regex.MULTILINE, "DOTALL": regex.DOTALL, "VERBOSE": regex.VERBOSE}


class PatternRule(Rule):
    def prepare(self) -> None:
        self._compiled = []
        for p in self.spec.patterns:
            flags = regex.V1
            for f in p.flags:
                flags |= _FLAGS[f]
            self._compiled.append((regex.compile(p.regex, flags), p))
        #: Per pattern: literals of which one must occur for it to run (empty: always), and whether
        #: they compare case-insensitively. Plain pattern rules have none; see rules/builtin/fmt_gates.py.
        self._gates: list[tuple[tuple[str, ...], bool]] = [((), False)] * len(self._compiled)

    def matches(self, ctx: CheckContext):
        """(match, pattern spec, span) for every match; spans are in view coordinates."""
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

    def scan(self, ctx: CheckContext) -> Iterable[Hit]:
        for m, p, (s, e) in self.matches(ctx):
            yield self.hit_for(m, p, s, e)

    def hit_for(self, m, p, s: int, e: int) -> Hit:
        suggestions = []
        if p.suggestion is not None:
            suggestions = [m.expand(p.suggestion)]
        groups = {k: (v or "") for k, v in m.groupdict().items()}
        return Hit(
            start=s,
            end=e,
            suggestions=suggestions,
            severity=p.severity,
            fix=p.fix,
            fields={"groups": groups, **groups, **({"entry_message": p.message} if p.message else {})},
        )
