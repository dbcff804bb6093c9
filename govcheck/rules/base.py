"""What every rule engine shares: the Hit it emits, the per-check context it reads, its base class.

A rule never builds a Finding itself. It yields Hits in *view* coordinates; the engine applies the
common fields (dates, context conditions, boundary, allowlist, severity overrides) and maps the
span back to the original text.
"""

from __future__ import annotations

import bisect
import datetime as _dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional

import regex

from govcheck.models import PackInfo, RuleInfo
from govcheck.normalize import View
from govcheck.rules.spec import ContextSpec, EntrySpec, RuleSpec

if TYPE_CHECKING:  # pragma: no cover
    from govcheck.segment import Segmenter


@dataclass
class Hit:
    """A candidate finding in view coordinates. None fields inherit from the rule."""

    start: int
    end: int
    suggestions: list[str] = field(default_factory=list)
    #: A fully formatted message; when None the rule's template is formatted with `fields`.
    message: Optional[str] = None
    severity: Optional[str] = None
    fix: Optional[str] = None
    #: Extra citation for this hit (appended to the rule's source).
    source: Optional[str] = None
    confidence: float = 1.0
    context: Optional[ContextSpec] = None
    boundary: Optional[str] = None
    valid_from: Optional[_dt.date] = None
    valid_until: Optional[_dt.date] = None
    fields: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_entry(cls, start: int, end: int, entry: EntrySpec, **fields: Any) -> "Hit":
        return cls(
            start=start,
            end=end,
            suggestions=list(entry.suggestions),
            message=None,
            severity=entry.severity,
            fix=entry.fix,
            source=entry.source,
            context=entry.context,
            boundary=entry.boundary,
            valid_from=entry.valid_from,
            valid_until=entry.valid_until,
            fields={"note": entry.note or "", **({"entry_message": entry.message} if entry.message else {}), **fields},
        )


_SENTENCE_END = regex.compile(r"[。！？；!?;\n]")
#: characters jieba keeps together in one block (its re_han_default); it segments each block on its
#: own, so a block's token edges do not depend on the rest of the sentence
_JIEBA_BLOCK_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-")


def _in_jieba_block(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fd5" or ch in _JIEBA_BLOCK_ASCII


_QUOTE_PAIRS = (("“", "”"), ("‘", "’"), ("「", "」"), ("『", "』"))
_BOOK_PAIRS = (("《", "》"), ("〈", "〉"))


class CheckContext:
    """Per-check state shared by all rules: the view, the date, lazy sentence segmentation."""

    def __init__(self, view: View, doc_date: _dt.date, segmenter: "Segmenter", config: Any = None) -> None:
        self.view = view
        self.text = view.text
        self.doc_date = doc_date
        self.segmenter = segmenter
        self.config = config
        #: Scratch space rules may share within one check (key by rule id or module name).
        self.cache: dict[str, Any] = {}
        self._sentence_ends: Optional[list[int]] = None
        self._boundaries: dict[int, frozenset[int]] = {}
        self._block_edges: dict[int, frozenset[int]] = {}

    def view_span_of_original(self, start: int, end: int) -> Optional[tuple[int, int]]:
        return self.view.from_original(start, end)

    # -- sentences ---------------------------------------------------------------------------
    def _ends(self) -> list[int]:
        if self._sentence_ends is None:
            self._sentence_ends = [m.end() for m in _SENTENCE_END.finditer(self.text)]
        return self._sentence_ends

    def sentence_span(self, pos: int) -> tuple[int, int]:
        """The sentence (up to 。！？；or a line break) containing view offset pos."""
        ends = self._ends()
        i = bisect.bisect_right(ends, pos)
        start = ends[i - 1] if i > 0 else 0
        end = ends[i] if i < len(ends) else len(self.text)
        return start, end

    def sentence(self, pos: int) -> str:
        s, e = self.sentence_span(pos)
        return self.text[s:e]

    def line_span(self, pos: int) -> tuple[int, int]:
        s = self.text.rfind("\n", 0, pos) + 1
        e = self.text.find("\n", pos)
        return s, (len(self.text) if e < 0 else e)

    # -- tokens ------------------------------------------------------------------------------
    def token_edges(self, pos: int) -> tuple[int, frozenset[int]]:
        """(sentence start, token edge offsets relative to it) for the sentence around pos."""
        s, e = self.sentence_span(pos)
        edges = self._boundaries.get(s)
        if edges is None:
            edges = self.segmenter.boundaries(self.text[s:e])
            self._boundaries[s] = edges
        return s, edges

    def on_token_edges(self, start: int, end: int) -> bool:
        """True when [start, end) begins and ends on jieba token edges of its sentence. A span inside
        one jieba block is answered from that block alone (the same edges, a shorter cut)."""
        text = self.text
        if start < end and all(map(_in_jieba_block, text[start:end])):
            a, b, n = start, end, len(text)
            while a > 0 and _in_jieba_block(text[a - 1]):
                a -= 1
            while b < n and _in_jieba_block(text[b]):
                b += 1
            edges = self._block_edges.get(a)
            if edges is None:
                edges = self._block_edges[a] = self.segmenter.boundaries(text[a:b])
            return (start - a) in edges and (end - a) in edges
        s, edges = self.token_edges(start)
        return (start - s) in edges and (end - s) in edges

    def tokens(self, pos: int) -> list[tuple[int, int]]:
        """Token spans (view coordinates) of the sentence around pos."""
        s, edges = self.token_edges(pos)
        cuts = sorted(edges)
        return [(s + a, s + b) for a, b in zip(cuts, cuts[1:])]

    # -- quotes ------------------------------------------------------------------------------
    def inside_pair(self, start: int, end: int, pairs: Iterable[tuple[str, str]], limit: int = 200) -> bool:
        """True when [start, end) lies inside one of the bracket pairs, looking back in its paragraph."""
        lo = max(0, start - limit)
        para_start = self.text.rfind("\n", lo, start) + 1
        before = self.text[max(lo, para_start) : start]
        para_end = self.text.find("\n", end)
        after = self.text[end : (len(self.text) if para_end < 0 else para_end)][:limit]
        for left, right in pairs:
            li = before.rfind(left)
            if li < 0:
                continue
            if before.rfind(right) > li:
                continue
            ri = after.find(right)
            nl = after.find(left)
            if ri >= 0 and (nl < 0 or ri < nl):
                return True
        if '"' in before and before.count('"') % 2 == 1 and '"' in after:
            return True
        return False

    def is_quoted(self, start: int, end: int) -> bool:
        return self.inside_pair(start, end, _QUOTE_PAIRS)

    def in_book_title(self, start: int, end: int) -> bool:
        return self.inside_pair(start, end, _BOOK_PAIRS)


class Rule:
    """Base engine. Subclasses implement `terms`/`on_term` (dictionary kinds) and/or `scan`."""

    def __init__(self, spec: RuleSpec, pack: PackInfo, base_dir: str, entries: list[EntrySpec]) -> None:
        self.spec = spec
        self.pack = pack
        self.base_dir = base_dir
        #: The rule's entries with its tables merged in.
        self.entries = entries
        self.prepare()

    # Hooks ------------------------------------------------------------------------------------
    def prepare(self) -> None:
        """Load-time work (compile patterns, build indexes). Never per check."""

    def terms(self) -> Iterable[tuple[str, Any]]:
        """Literal strings to add to the shared automaton, each with a payload for on_term."""
        return ()

    def on_term(self, ctx: CheckContext, start: int, end: int, payload: Any) -> Iterator[Hit]:
        return iter(())

    def scan(self, ctx: CheckContext) -> Iterable[Hit]:
        """Whole-text pass for pattern and code rules."""
        return ()

    def user_words(self) -> Iterable[str]:
        """Words the private tokenizer should know (defaults to the terms)."""
        return (t for t, _ in self.terms())

    # Description --------------------------------------------------------------------------------
    def info(self, file: str = "") -> RuleInfo:
        s = self.spec
        return RuleInfo(
            rule_id=s.rule_id,
            title=s.title,
            kind=s.kind,
            category=s.category,
            severity=s.severity,
            fix=s.fix,
            source=s.source,
            pack=self.pack.name,
            pack_version=self.pack.version,
            description=s.description,
            valid_from=s.valid_from,
            valid_until=s.valid_until,
            bad=s.examples.bad,
            good=s.examples.good,
            entry_count=len(self.entries) + len(s.patterns),
            file=file,
        )
