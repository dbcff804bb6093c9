"""Character-mapping fixes that a regex replacement template cannot express.

``CharMapPattern`` finds spans with one regular expression (rule `data.regex`) and suggests the same
span with characters translated through `data.map` (a mapping of single characters). With
`data.original: true` the regex runs on the original text, which matters for width rules because the
matching view folds full-width digits to half-width. Two rules use it:

* NUM001: 二○二一年 / 二零二一年 / 二0二一年 → 二〇二一年 (GB/T 15835-2011 5.2.5: 〇 in numbering).
* NUM007: full-width digits ２０２２ → 2022 (GB/T 15835-2011 5.1: Arabic numerals take half a
  character's width).
"""

from __future__ import annotations

from typing import Iterable

import regex

from govcheck.rules.base import CheckContext, Hit, Rule


class CharMapPattern(Rule):
    def prepare(self) -> None:
        data = self.spec.data
        self._rx = regex.compile(data["regex"], regex.V1)
        table = data.get("map", {})
        self._table = str.maketrans({str(k): str(v) for k, v in table.items()})
        self._original = bool(data.get("original", False))

    def scan(self, ctx: CheckContext) -> Iterable[Hit]:
        text = ctx.view.original if self._original else ctx.text
        for m in self._rx.finditer(text):
            s, e = m.span()
            if s == e:
                continue
            fixed = m.group().translate(self._table)
            if fixed == m.group():
                continue
            span = (s, e)
            if self._original and not ctx.view.identical:
                span = ctx.view_span_of_original(s, e)
                if span is None:
                    continue
            yield Hit(start=span[0], end=span[1], suggestions=[fixed])
