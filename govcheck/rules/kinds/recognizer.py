"""recognizer: Presidio-style detection = pattern + context words + validator.

A recognizer rule declares `patterns` (the candidate shapes), a `validator` (a name in
govcheck/rules/validators.py answering valid / invalid / unverifiable) and, in `data`, how each
answer and the surrounding words turn into a finding:

```yaml
data:
  context_words: [身份证, 证件号码]   # words that say "this number is what I think it is"
  context_window: 24                # characters searched before (and, half as many, after) the match
  table_context: true               # in a table row, a column header above naming the context counts
  forbid_before: [信用代码, 订单号]   # words right before the match that say it is something else
  forbid_context: "户名[:：]…局"      # a regex over the text before the match (forbid_context_window
                                    # characters, default 60): when it matches, the value is dropped
  header_context: [姓名]             # in a table, a header row naming any of these (a list of people)
                                    # counts as context too …
  header_exclude: [职务, 办公电话]    # … unless the header also names one of these
  trim_groups: true                 # an invalid grouped value is retried without its last group
  on_valid: blocker                 # severity (or "drop") per verdict …
  on_valid_no_context: blocker      # … and when no context word is present
  on_invalid: drop
  on_invalid_context: info
  on_unverifiable: drop
  on_unverifiable_context: serious
  person_words: [姓名, 联系人]       # a person's label nearby: raise one level (person_raise)
  list_raise: blocker               # severity when the text is a 公示 list (≥ list_min rows with hits)
  list_min: 3
  messages: {invalid: "…", valid: "…"}   # per-verdict message templates ({match} {reason} {expected})
  no_context_match: "^62"           # without context, report only values matching this
  mask: "6+4"                       # redaction style (govcheck.redact)
```

A verdict that maps to "drop" yields nothing, so a random 18-digit number with a wrong check digit
never fires. Hits carry the verdict in `fields` so messages can explain it.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional

import regex

from govcheck.models import SEVERITIES
from govcheck.rules import validators as V
from govcheck.rules.base import CheckContext, Hit
from govcheck.rules.kinds.pattern import PatternRule

_RAISE = {"info": "warning", "warning": "serious", "serious": "blocker", "blocker": "blocker"}
#: A table row: tab-separated, pipe-separated, or three or more cells split by spaces.
_ROW = regex.compile(r"\t|\||｜|[ \u3000]{2,}\S+[ \u3000]{2,}|\S[ \u3000]\S+[ \u3000]\S")
#: Words that make a text a list of people published for public notice.
LIST_WORDS = ("公示", "名单", "花名册", "一览表", "汇总表", "登记表", "明细表", "名册", "发放明细", "发放表", "清册")
#: Column headers that make a table a list of people.
PERSON_HEADERS = ("姓名", "户主姓名", "申请人")
#: A two-cell line (陈某 0591-87112233) counts as a row only under a two-cell header line.
_ROW2 = regex.compile(r"^[ \u3000]*[^\s]+[ \u3000]+[^\s]+[ \u3000]*$")


class RecognizerRule(PatternRule):
    def prepare(self) -> None:
        super().prepare()
        d = self.spec.data
        self.validate = V.get(self.spec.validator or "none")
        self.context_words: tuple[str, ...] = tuple(d.get("context_words", ()))
        self.window = int(d.get("context_window", 24))
        self.forbid_before: tuple[str, ...] = tuple(d.get("forbid_before", ()))
        self.forbid_window = int(d.get("forbid_window", 12))
        #: On an invalid verdict, retry without the last space/hyphen-separated group.
        self.trim_groups = bool(d.get("trim_groups", False))
        fc = d.get("forbid_context")
        self.forbid_context = regex.compile(fc) if fc else None
        self.forbid_context_window = int(d.get("forbid_context_window", 60))
        self.header_context: tuple[str, ...] = tuple(d.get("header_context", ()))
        self.header_exclude: tuple[str, ...] = tuple(d.get("header_exclude", ()))
        self.person_words: tuple[str, ...] = tuple(d.get("person_words", ()))
        self.list_raise: Optional[str] = d.get("list_raise")
        self.list_min = int(d.get("list_min", 3))
        #: A table column header above the row counts as context (default on).
        self.table_context = bool(d.get("table_context", True))
        self.messages: dict[str, str] = dict(d.get("messages", {}))
        #: Without a context word, report only values matching this (e.g. "^62" for UnionPay cards).
        ncm = d.get("no_context_match")
        self.no_context_match = regex.compile(ncm) if ncm else None
        sev = self.spec.severity
        self.policy = {
            ("valid", True): d.get("on_valid_context", d.get("on_valid", sev)),
            ("valid", False): d.get("on_valid_no_context", d.get("on_valid", sev)),
            ("invalid", True): d.get("on_invalid_context", d.get("on_invalid", "drop")),
            ("invalid", False): d.get("on_invalid", "drop"),
            ("unverifiable", True): d.get("on_unverifiable_context", d.get("on_unverifiable", sev)),
            ("unverifiable", False): d.get("on_unverifiable", sev),
        }
        for key, value in self.policy.items():
            if value != "drop" and value not in SEVERITIES:
                raise ValueError(f"{self.spec.rule_id}: data.on_{key[0]} must be a severity or 'drop', not {value!r}")
        #: Every verdict without context is dropped: a text naming none of the context words needs no scan.
        never = {V.VALID} if (self.spec.validator or "none") in V.STRUCTURE_ONLY else set()
        self.context_required = all(v == "drop" for (verdict, has), v in self.policy.items() if not has and verdict not in never)

    # -- helpers ---------------------------------------------------------------------------------
    def has_context(self, ctx: CheckContext, start: int, end: int) -> bool:
        if not self.context_words and not self.header_context:
            return False
        text = ctx.text
        before = text[max(0, start - self.window) : start]
        after = text[end : end + self.window // 2]
        if any(w in before or w in after for w in self.context_words):
            return True
        if self.table_context and self.context_words and self._under_header(ctx, start, self.context_words, "ctx"):
            return True
        return bool(self.header_context) and self._under_header(ctx, start, self.header_context, "hdr", self.header_exclude)

    def _under_header(self, ctx: CheckContext, start: int, words: tuple[str, ...], tag: str, exclude: tuple[str, ...] = ()) -> bool:
        """In a table row whose column header (a row-like line above) names one of `words` (身份证号码 …)."""
        ls, le = ctx.line_span(start)
        line = ctx.text[ls:le]
        two = False
        if not _ROW.search(line):
            if not _ROW2.match(line):
                return False
            two = True
        key = f"recognizer-headers:{self.spec.rule_id}:{tag}"
        headers = ctx.cache.get(key)
        if headers is None:
            headers = []
            pos = 0
            for line_ in ctx.text.split("\n"):
                if any(w in line_ for w in words) and not any(w in line_ for w in exclude):
                    if _ROW.search(line_):
                        headers.append((pos, False))
                    elif _ROW2.match(line_):
                        headers.append((pos, True))
                pos += len(line_) + 1
            ctx.cache[key] = headers
        # a two-cell row needs a two-cell header within the few lines above it
        if two:
            return any(is_two and 0 < ls - h <= 400 for h, is_two in headers)
        return any(0 <= ls - h <= 4000 for h, _ in headers)

    def forbidden(self, ctx: CheckContext, start: int) -> bool:
        if self.forbid_before:
            before = ctx.text[max(0, start - self.forbid_window) : start]
            if any(w in before for w in self.forbid_before):
                return True
        if self.forbid_context is not None:
            before = ctx.text[max(0, start - self.forbid_context_window) : start]
            if self.forbid_context.search(before):
                return True
        return False

    def person_near(self, ctx: CheckContext, start: int, end: int) -> bool:
        if not self.person_words:
            return False
        ls, le = ctx.line_span(start)
        lo = max(ls, start - 40)
        return any(w in ctx.text[lo:start] for w in self.person_words)

    def value_of(self, m, span_text: str) -> str:
        return span_text

    def _candidates(self, ctx: CheckContext) -> list[tuple[Any, Any, int, int, V.Result]]:
        key = f"recognizer:{self.spec.rule_id}"
        found = ctx.cache.get(key)
        if found is None:
            found = []
            for m, p, (s, e) in self.matches(ctx):
                result = self.validate(self.value_of(m, ctx.text[s:e]), ctx.doc_date)
                if result.verdict == V.INVALID and self.trim_groups:
                    # 6230 3600 1111 2229 320: the last group may be the next column of a table
                    cut = max(ctx.text.rfind(" ", s, e), ctx.text.rfind("-", s, e))
                    if cut > s:
                        shorter = self.validate(self.value_of(m, ctx.text[s:cut]), ctx.doc_date)
                        if shorter.verdict != V.INVALID:
                            e, result = cut, shorter
                found.append((m, p, s, e, result))
            ctx.cache[key] = found
        return found

    def in_list(self, ctx: CheckContext, found) -> bool:
        """A 公示 list: several lines carry a valid hit and the text says it is a list (公示, 名单 …)
        or the rows sit under a table header naming people (姓名)."""
        if not self.list_raise:
            return False
        lines = {ctx.line_span(s)[0] for _, _, s, _, r in found if r.verdict != V.INVALID}
        if len(lines) < self.list_min:
            return False
        if any(w in ctx.text for w in LIST_WORDS):
            return True
        first = min(lines)
        return self._under_header(ctx, first, PERSON_HEADERS, "list")

    # -- engine hook -------------------------------------------------------------------------------
    def scan(self, ctx: CheckContext) -> Iterable[Hit]:
        if self.context_required and not any(w in ctx.text for w in self.context_words + self.header_context):
            return
        found = self._candidates(ctx)
        if not found:
            return
        listed = None
        for m, p, s, e, result in found:
            if self.forbidden(ctx, s):
                continue
            context = self.has_context(ctx, s, e)
            if not context and self.no_context_match is not None and not self.no_context_match.search(ctx.text[s:e]):
                continue
            severity = self.policy[(result.verdict, context)]
            if severity == "drop":
                continue
            if p.severity and result.verdict != V.INVALID:
                severity = p.severity
            if result.verdict != V.INVALID:
                if listed is None:
                    listed = self.in_list(ctx, found)
                if listed and self.list_raise:
                    severity = min(severity, self.list_raise, key=SEVERITIES.index)
                elif self.person_near(ctx, s, e):
                    severity = _RAISE[severity] if self.spec.data.get("person_raise", True) else severity
            elif self.person_near(ctx, s, e):
                severity = _RAISE[severity]
            hit = self.hit_for(m, p, s, e)
            hit.severity = severity
            confidence = {V.VALID: 0.95, V.UNVERIFIABLE: 0.8, V.INVALID: 0.4}[result.verdict]
            hit.confidence = confidence if context or result.valid else confidence - 0.2
            hit.fields.update(
                {
                    "verdict": result.verdict,
                    "reason": result.reason,
                    "expected": result.data.get("expected", ""),
                    "context": context,
                }
            )
            template = self.messages.get(result.verdict)
            if template:
                hit.fields["entry_message"] = template
            yield hit
