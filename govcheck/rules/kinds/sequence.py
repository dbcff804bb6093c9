"""sequence: items of an official roster written together must keep the roster's order.

Each entry is one roster: `term` names it, `data.members` lists the items in official order, and the
entry's `valid_from`/`valid_until` give the period it describes. Several rosters of one rule may share
members in different orders (the 19th and 20th Standing Committees); when a roster in force on the
document's date contains all the written items it alone decides, otherwise a written list is
accepted when it follows the order of any roster that contains all its items, and is judged against
the latest roster that began before the document's date. Leaving items out is fine;
only a reordering is a finding.

A *list* is two or more members joined only by separators (rule `data.gap_tokens`, default
、，, 和 及 与 以及 spaces); `data.attach_tokens` (default 同志; a leader roster adds 总书记, 总理 …)
may follow a member and move with it, so 李强总理、习近平总书记 becomes 习近平总书记、李强总理. Members are matched as literal strings through the shared automaton, so the kind costs
nothing per check beyond the hits.

Rule `data` options: `gap_tokens`, `attach_tokens` (lists), `max_gap` (characters, default 8),
`mixed_list_min` (default 2): a run of fewer members than this that sits inside a longer 、-list of
other names (王强同志、李希同志、赵乐际同志: a local list where two names happen to match) is not
judged. Entry `severity`/`message` override the rule's for that roster.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Iterable, Iterator, Optional

from govcheck.normalize import fold_term
from govcheck.packs import DictionaryError
from govcheck.rules.base import CheckContext, Hit, Rule
from govcheck.rules.spec import EntrySpec

DEFAULT_GAP_TOKENS = ("、", "，", ",", "和", "及", "与", "以及", " ", "\u3000", "；")
#: Tokens that belong to the item before them (李强同志, 李强总理) and move with it when reordered.
DEFAULT_ATTACH_TOKENS = ("同志",)
#: Years named near a list (…出席了2018年的会议) let the roster of that year judge it.
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_YEAR_WINDOW = 40


class Roster:
    __slots__ = ("entry", "members", "rank", "start", "end")

    def __init__(self, entry: EntrySpec, members: list[str]) -> None:
        self.entry = entry
        self.members = members
        self.rank = {m: i for i, m in enumerate(members)}
        self.start: Optional[_dt.date] = entry.valid_from
        self.end: Optional[_dt.date] = entry.valid_until

    def in_force(self, d: _dt.date) -> bool:
        return (self.start is None or d >= self.start) and (self.end is None or d < self.end)

    def in_year(self, y: int) -> bool:
        return (self.start is None or self.start.year <= y) and (self.end is None or y <= self.end.year)


class SequenceRule(Rule):
    def prepare(self) -> None:
        self.rosters: list[Roster] = []
        for entry in self.entries:
            members = entry.data.get("members")
            if not isinstance(members, list) or len(members) < 2 or not all(isinstance(m, str) and m for m in members):
                raise DictionaryError("GD032", self.base_dir, None,
                                      f"{self.spec.rule_id}: roster '{entry.term}' needs data.members, a list of 2+ strings")
            members = [fold_term(m) for m in members]
            if len(set(members)) != len(members):
                raise DictionaryError("GD032", self.base_dir, None,
                                      f"{self.spec.rule_id}: roster '{entry.term}' lists a member twice")
            self.rosters.append(Roster(entry, members))
        self.members: set[str] = {m for r in self.rosters for m in r.members}
        # Longest first so that a member that is a prefix of another does not cut a list short.
        self.by_first: dict[str, list[str]] = {}
        for m in sorted(self.members, key=len, reverse=True):
            self.by_first.setdefault(m[0], []).append(m)
        gap = self.spec.data.get("gap_tokens")
        attach = self.spec.data.get("attach_tokens")
        self.sep_tokens = tuple(sorted(gap if gap else DEFAULT_GAP_TOKENS, key=len, reverse=True))
        self.attach_tokens = tuple(sorted(attach if attach is not None else DEFAULT_ATTACH_TOKENS, key=len, reverse=True))
        self.gap_tokens = tuple(sorted(set(self.sep_tokens) | set(self.attach_tokens), key=len, reverse=True))
        self.max_gap = int(self.spec.data.get("max_gap", 8))
        self.mixed_list_min = int(self.spec.data.get("mixed_list_min", 2))

    def terms(self) -> Iterable[tuple[str, Any]]:
        for m in self.members:
            yield m, m

    def user_words(self) -> Iterable[str]:
        return sorted(self.members)

    # -- list reading ------------------------------------------------------------------------------
    def _member_at(self, text: str, pos: int) -> Optional[str]:
        for m in self.by_first.get(text[pos : pos + 1], ()):
            if text.startswith(m, pos):
                return m
        return None

    def _skip_gap(self, text: str, pos: int, tokens: Optional[tuple[str, ...]] = None) -> int:
        """Position after the gap tokens starting at pos (pos itself when there are none)."""
        limit = min(len(text), pos + self.max_gap)
        while pos < limit:
            for tok in tokens or self.gap_tokens:
                if text.startswith(tok, pos):
                    pos += len(tok)
                    break
            else:
                break
        return pos

    def _preceded_by_member(self, text: str, start: int) -> bool:
        """True when a gap and then a member end right before start (start is not a list's first item)."""
        lo = max(0, start - self.max_gap - max(len(m) for m in self.members))
        for m in self.members:
            i = text.rfind(m, lo, start)
            while i >= 0:
                j = i + len(m)
                if j < start and self._skip_gap(text, j) == start:
                    return True
                i = text.rfind(m, lo, i)
        return False

    def _read_list(self, text: str, start: int, first: str) -> list[tuple[int, int, int, str]]:
        """Items as (start, name end, unit end incl. attached tokens, name)."""
        items: list[tuple[int, int, int, str]] = []
        pos, name = start, first
        while True:
            name_end = pos + len(name)
            unit_end = self._skip_gap(text, name_end, self.attach_tokens) if self.attach_tokens else name_end
            items.append((pos, name_end, unit_end, name))
            nxt = self._skip_gap(text, unit_end, self.sep_tokens)
            if nxt == name_end:
                break
            m = self._member_at(text, nxt)
            if m is None or any(m == it[3] for it in items):
                break
            pos, name = nxt, m
        return items

    @staticmethod
    def _is_han(ch: str) -> bool:
        return "\u4e00" <= ch <= "\u9fff"

    def _in_mixed_list(self, text: str, items: list[tuple[int, int, int, str]]) -> bool:
        """True when the run continues a 、-list of non-members before its first or after its last item."""
        start, end = items[0][0], items[-1][2]
        if start >= 2 and text[start - 1] == "、" and self._is_han(text[start - 2]):
            return True
        if end + 1 < len(text) and text[end] == "、" and self._is_han(text[end + 1]):
            return True
        return False

    # -- judging -------------------------------------------------------------------------------------
    def _judge(self, names: list[str], d: _dt.date, years: tuple[int, ...] = ()) -> Optional[Roster]:
        """The roster the list breaks, or None when the list is in an accepted order.

        `years`: years named in the sentence around the list (王沪宁、赵乐际出席了2018年的会议): a
        roster in force during one of them is as good as the one in force on the document's date.
        """
        candidates = [r for r in self.rosters if all(n in r.rank for n in names)]
        if not candidates:
            return None
        # A roster in force on the document's date (or in a year the sentence names) that contains
        # every name decides: in 2024 王沪宁、赵乐际 breaks the 20th order though it was the 19th's.
        current = [r for r in candidates if r.in_force(d) or any(r.in_year(y) for y in years)]
        if current:
            candidates = current
        for r in candidates:
            ranks = [r.rank[n] for n in names]
            if ranks == sorted(ranks):
                return None
        in_force = [r for r in candidates if r.in_force(d)]
        if in_force:
            return in_force[0]
        earlier = [r for r in candidates if r.start is None or r.start <= d]
        if earlier:
            return max(earlier, key=lambda r: r.start or _dt.date.min)
        return None

    def on_term(self, ctx: CheckContext, start: int, end: int, payload: Any) -> Iterator[Hit]:
        text = ctx.text
        if self._preceded_by_member(text, start):
            return
        items = self._read_list(text, start, payload)
        if len(items) < 2:
            return
        if len(items) < self.mixed_list_min and self._in_mixed_list(text, items):
            return
        names = [it[3] for it in items]
        lo, hi = max(0, items[0][0] - _YEAR_WINDOW), min(len(text), items[-1][2] + _YEAR_WINDOW)
        years = tuple(int(y) for y in _YEAR.findall(text, lo, hi))
        roster = self._judge(names, ctx.doc_date, years)
        if roster is None:
            return
        units = {it[3]: text[it[0] : it[2]] for it in items}
        ordered = sorted(names, key=lambda n: roster.rank[n])
        # Rebuild the span with the units (name + attached 同志/title) in order and the original separators.
        parts = []
        for k, it in enumerate(items):
            parts.append(units[ordered[k]])
            if k + 1 < len(items):
                parts.append(text[it[2] : items[k + 1][0]])
        suggestion = "".join(parts)
        expected = "、".join(n for n in roster.members if n in set(names))
        hit = Hit.from_entry(items[0][0], items[-1][2], roster.entry, roster=roster.entry.term,
                             expected=expected, official="、".join(roster.members))
        # The roster's dates chose it already; do not let them filter the finding again.
        hit.valid_from = hit.valid_until = None
        hit.suggestions = [suggestion]
        yield hit
