"""formula: fixed political formulations (固定提法) checked against their canonical wording and order.

One rule holds any number of formulations; each is an entry whose `term` is the formulation's name
(它不会被匹配) and whose `data` says how to check it. Every mechanism is optional and declared as data:

``canonical``
    The exact wording (used as the suggestion and by `variants` / `fuzzy`).
``deviations``
    Known wrong forms: a list of entries in the usual entry shape
    (``{wrong: X, right: Y, severity, message, note, valid_from, valid_until, context, boundary}``).
    They join the shared automaton; a hit is a finding with the entry's fields.
``variants: true``
    Every one-character similar-sound/similar-shape substitution of the canonical wording (and of the
    strings in ``variants_of``) is a finding (习近平新时代中国特色社会主意 → …主义). ``accept`` lists
    variants that are real, correct text; ``skip_positions`` leaves characters alone.
``fuzzy: {anchors: [...], max_edits: 2, targets: [...]}``
    Insertions and deletions inside a long wording (习近平近新时代中国特色社会主义思想): where an anchor
    occurs, the canonical text is aligned against the text around it (approximate substring match);
    an alignment with 1..max_edits edits is a finding. ``accept`` strings found there are correct;
    ``defer`` lists parts another rule owns (a leader's name): a difference only there is left to it.
``items: [...]`` (an ordered list; an item may be ``[main, alias, …]``)
    Enumerations of the formulation's items: wherever at least ``min_items`` of them stand in one list
    (separated by text matching ``gap``), the list is judged for items out of order, an unknown item in
    place of a missing one (replaced, if it matches ``item_pattern``), an extra item, and a missing
    item (when ``missing: true`` and exactly one is missing). ``label``: words one of which must occur
    in the sentence for the list to be judged (for generic items such as 创新、协调). ``checks`` limits
    the judgements (``order``, ``replaced``, ``extra``, ``missing``).

Entry-level ``severity``, ``valid_from``/``valid_until``, ``context`` and ``source`` apply to every
finding of the formulation; a deviation's own fields override them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Optional

import regex

from govcheck.normalize import fold_term
from govcheck.rules.base import CheckContext, Hit, Rule
from govcheck.rules.spec import ContextSpec, EntrySpec

_DEFAULT_GAP = r"[、，,；;]|和|与|及|以及|、以及"
_CHECKS = frozenset({"order", "replaced", "extra", "missing"})


class FormulaDataError(ValueError):
    pass


@dataclass
class _Formula:
    index: int
    entry: EntrySpec
    name: str
    canonical: str
    items: list[list[str]] = field(default_factory=list)
    gap: Optional[Any] = None
    unknown_between: Optional[Any] = None
    unknown_after: Optional[Any] = None
    unknown_before: Optional[Any] = None
    min_items: int = 2
    label: list[str] = field(default_factory=list)
    checks: frozenset = _CHECKS
    missing: bool = False
    edge_extra: bool = False
    accept: list[str] = field(default_factory=list)
    fuzzy_targets: list[str] = field(default_factory=list)
    max_edits: int = 1
    item_message: Optional[str] = None
    not_items: frozenset = frozenset()
    defer: list = field(default_factory=list)


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


class FormulaRule(Rule):
    """Runs every formulation of one rule; see the module docstring for the data shape."""

    def prepare(self) -> None:
        self._formulas: list[_Formula] = []
        self._terms: list[tuple[str, Any]] = []
        self._key = f"formula:{self.spec.rule_id}"
        for i, entry in enumerate(self.entries):
            try:
                self._formulas.append(self._prepare_entry(i, entry))
            except (FormulaDataError, ValueError, TypeError, regex.error) as exc:
                from govcheck.packs import DictionaryError

                raise DictionaryError(
                    "GD032", self.base_dir, None, f"{self.spec.rule_id} formulation '{entry.term}': {exc}"
                ) from None
        self._has_scan_work = any(f.items or f.fuzzy_targets for f in self._formulas)

    # -- load time --------------------------------------------------------------------------------
    def _prepare_entry(self, index: int, entry: EntrySpec) -> _Formula:
        data = dict(entry.data)
        known = {
            "canonical", "deviations", "variants", "variants_of", "accept", "skip_positions", "fuzzy", "items",
            "gap", "item_pattern", "min_items", "label", "checks", "missing", "edge_extra", "item_message",
            "sound_only", "not_items", "defer",
        }
        unknown = set(data) - known
        if unknown:
            raise FormulaDataError(f"unknown data field(s): {', '.join(sorted(unknown))}")
        canonical = fold_term(str(data.get("canonical", "")))
        f = _Formula(index=index, entry=entry, name=entry.term, canonical=canonical)
        f.accept = [fold_term(a) for a in _as_list(data.get("accept"))]
        f.defer = [fold_term(d) for d in _as_list(data.get("defer"))]

        # Known wrong forms.
        for raw in _as_list(data.get("deviations")):
            dev = EntrySpec.model_validate(raw)
            self._terms.append((fold_term(dev.term), ("dev", index, dev)))

        # One-character substitutions of the canonical wording.
        if data.get("variants"):
            from govcheck.confusables import similar, similar_sound

            pool_of = similar_sound if data.get("sound_only") else similar
            skip = set(_as_list(data.get("skip_positions")))
            bases = [fold_term(b) for b in _as_list(data.get("variants_of"))] or ([canonical] if canonical else [])
            if not bases:
                raise FormulaDataError("variants: true needs canonical or variants_of")
            accepted = set(f.accept) | set(bases)
            seen: set[str] = set()
            for base in bases:
                for pos, ch in enumerate(base):
                    if pos in skip or not ("\u4e00" <= ch <= "\u9fff"):
                        continue
                    for alt in pool_of(ch):
                        variant = base[:pos] + alt + base[pos + 1 :]
                        if variant in accepted or variant in seen:
                            continue
                        seen.add(variant)
                        self._terms.append((variant, ("var", index, base, pos)))

        # Approximate matching around anchors (insertions, deletions).
        fuzzy = data.get("fuzzy")
        if fuzzy:
            if not isinstance(fuzzy, dict) or not fuzzy.get("anchors"):
                raise FormulaDataError("fuzzy needs {anchors: [...], max_edits: N}")
            f.fuzzy_targets = [fold_term(t) for t in _as_list(fuzzy.get("targets"))] or ([canonical] if canonical else [])
            if not f.fuzzy_targets:
                raise FormulaDataError("fuzzy needs canonical or targets")
            f.max_edits = int(fuzzy.get("max_edits", 1))
            if not 1 <= f.max_edits <= 3:
                raise FormulaDataError("fuzzy.max_edits must be 1..3")
            for anchor in _as_list(fuzzy["anchors"]):
                anchor = fold_term(anchor)
                if not any(anchor in t for t in f.fuzzy_targets):
                    raise FormulaDataError(f"fuzzy anchor '{anchor}' is not part of a target")
                self._terms.append((anchor, ("anchor", index)))

        # Ordered item lists.
        items = data.get("items")
        if items:
            f.items = [[fold_term(a) for a in _as_list(it)] for it in items]
            if len(f.items) < 2:
                raise FormulaDataError("items needs at least two items")
            gap = data.get("gap", _DEFAULT_GAP)
            f.gap = regex.compile(rf"(?:{gap})", regex.V1)
            pattern = data.get("item_pattern")
            if pattern:
                unk = rf"((?:{pattern}))"
                f.unknown_between = regex.compile(rf"(?:{gap}){unk}(?:(?:{gap}){unk})?(?:{gap})", regex.V1)
                f.unknown_after = regex.compile(rf"(?:{gap}){unk}(?!\p{{Han}})", regex.V1)
                f.unknown_before = regex.compile(rf"{unk}(?:{gap})", regex.V1)
            f.min_items = int(data.get("min_items", 2))
            f.label = [fold_term(x) for x in _as_list(data.get("label"))]
            checks = set(_as_list(data.get("checks"))) or set(_CHECKS)
            if checks - _CHECKS:
                raise FormulaDataError(f"unknown checks: {sorted(checks - _CHECKS)}")
            f.checks = frozenset(checks)
            f.missing = bool(data.get("missing", False))
            f.edge_extra = bool(data.get("edge_extra", False))
            f.item_message = data.get("item_message")
            f.not_items = frozenset(fold_term(x) for x in _as_list(data.get("not_items")))
            if not f.canonical:
                f.canonical = "、".join(it[0] for it in f.items)
            for n, aliases in enumerate(f.items):
                for a in aliases:
                    self._terms.append((a, ("item", index, n)))
        return f

    def terms(self) -> Iterable[tuple[str, Any]]:
        return list(self._terms)

    def user_words(self) -> Iterable[str]:
        """Only short all-Han canonical wordings: never the generated variants or punctuated lists."""
        return [f.canonical for f in self._formulas if f.canonical and len(f.canonical) <= 10 and all(_is_han(c) for c in f.canonical)]

    # -- check time --------------------------------------------------------------------------------
    def _hit(self, f: _Formula, start: int, end: int, suggestions: list[str], kind: str, **fields: Any) -> Hit:
        e = f.entry
        extra = {"name": f.name, "canonical": f.canonical, "problem": kind, **fields}
        hit = Hit.from_entry(start, end, e, **extra)
        hit.suggestions = [s for s in suggestions if s is not None]
        return hit

    def on_term(self, ctx: CheckContext, start: int, end: int, payload: Any) -> Iterator[Hit]:
        tag = payload[0]
        if tag == "dev":
            _, index, dev = payload
            f = self._formulas[index]
            hit = Hit.from_entry(start, end, dev, name=f.name, canonical=f.canonical, problem="known deviation")
            # A deviation inherits the formulation's fields it does not set itself.
            e = f.entry
            hit.severity = dev.severity or e.severity
            hit.source = dev.source or e.source
            hit.context = dev.context or e.context
            hit.valid_from = dev.valid_from or e.valid_from
            hit.valid_until = dev.valid_until or e.valid_until
            hit.boundary = dev.boundary or e.boundary
            if not dev.message and e.message:
                hit.fields["entry_message"] = e.message
            self._state(ctx)["dev_spans"].append((start, end))
            yield hit
            return
        if tag == "var":
            _, index, base, pos = payload
            f = self._formulas[index]
            if any(self._accepted_at(ctx.text, start, end, a) for a in f.accept):
                return
            self._state(ctx)["dev_spans"].append((start, end))
            yield self._hit(
                f, start, end, [base], "near-miss character",
                wrong_char=ctx.text[start + pos], right_char=base[pos], expected=base,
            )
            return
        state = self._state(ctx)
        if tag == "anchor":
            state["anchors"].append((payload[1], start, end))
        elif tag == "item":
            state["items"].setdefault(payload[1], []).append((start, end, payload[2]))

    def _state(self, ctx: CheckContext) -> dict:
        st = ctx.cache.get(self._key)
        if st is None:
            st = {"dev_spans": [], "anchors": [], "items": {}}
            ctx.cache[self._key] = st
        return st

    @staticmethod
    def _accepted_at(text: str, start: int, end: int, accepted: str) -> bool:
        """True when an occurrence of `accepted` covers [start, end)."""
        lo = max(0, end - len(accepted))
        i = text.find(accepted, lo, start + len(accepted))
        while i >= 0 and i <= start:
            if i + len(accepted) >= end:
                return True
            i = text.find(accepted, i + 1, start + len(accepted))
        return False

    def scan(self, ctx: CheckContext) -> Iterable[Hit]:
        st = ctx.cache.get(self._key)
        if not st or not self._has_scan_work:
            return ()
        out: list[Hit] = []
        dev_spans = st["dev_spans"]
        seen: set[tuple[int, int]] = set()
        for index, s, e in st["anchors"]:
            hit = self._fuzzy(ctx, self._formulas[index], s, e, dev_spans)
            if hit is not None and (hit.start, hit.end) not in seen:
                seen.add((hit.start, hit.end))
                out.append(hit)
        for index, hits in st["items"].items():
            out.extend(self._judge_lists(ctx, self._formulas[index], hits, dev_spans))
        return out

    # -- fuzzy alignment ---------------------------------------------------------------------------
    def _fuzzy(self, ctx: CheckContext, f: _Formula, s: int, e: int, dev_spans: list) -> Optional[Hit]:
        text = ctx.text
        anchor = text[s:e]
        for target in f.fuzzy_targets:
            off = target.find(anchor)
            if off >= 0 and s - off >= 0 and text.startswith(target, s - off):
                return None  # the canonical wording itself
        best = None
        for target in f.fuzzy_targets:
            off = target.find(anchor)
            if off < 0:
                continue
            lo = max(0, s - off - f.max_edits)
            hi = min(len(text), s - off + len(target) + f.max_edits)
            window = text[lo:hi]
            if any(a in window for a in f.accept):
                if any(self._accepted_at(text, s, e, a) for a in f.accept):
                    return None
            if _missing_chars(target, window) > f.max_edits:
                continue  # cheap lower bound: more target characters absent than edits allowed
            dist, a0, a1 = _approx_substring(target, window)
            if dist == 0 or dist > f.max_edits:
                continue
            start, end = lo + a0, lo + a1
            # A punctuation mark aligned against the wording's last character is not part of it.
            while end > e and not _is_han(text[end - 1]) and _is_han(target[-1]):
                end -= 1
            # The aligned span must contain the anchor and stay inside one sentence.
            if start > s or end < e or regex.search(r"[。！？；\n]", text[start:end]):
                continue
            if any(ds < end and start < de for ds, de in dev_spans):
                return None
            if self._deferred(f, target, text[start:end]):
                return None
            if best is None or dist < best[0]:
                best = (dist, start, end, target)
        if best is None:
            return None
        dist, start, end, target = best
        return self._hit(f, start, end, [target], "insertion/deletion", expected=target, edits=dist)

    @staticmethod
    def _deferred(f: _Formula, target: str, aligned: str) -> bool:
        """True when the text differs from the target only inside a part another rule owns (a name)."""
        if len(aligned) != len(target):
            return False
        for part in f.defer:
            p = target.find(part)
            if p >= 0 and aligned[:p] + part + aligned[p + len(part) :] == target:
                return True
        return False

    # -- enumerations ------------------------------------------------------------------------------
    def _judge_lists(self, ctx: CheckContext, f: _Formula, hits: list, dev_spans: list) -> list[Hit]:
        text = ctx.text
        hits = sorted(hits, key=lambda h: (h[0], -(h[1] - h[0])))
        kept = []
        last = -1
        for h in hits:
            if h[0] >= last:
                kept.append(h)
                last = h[1]
        # Group into runs: consecutive items joined by a gap, or by one/two unknown items.
        runs: list[list[tuple[int, int, Optional[int]]]] = []
        cur: list[tuple[int, int, Optional[int]]] = []
        for h in kept:
            if cur:
                prev_end = cur[-1][1]
                between = text[prev_end : h[0]]
                if len(between) <= 40 and f.gap.fullmatch(between):
                    cur.append(h)
                    continue
                m = f.unknown_between.fullmatch(between) if f.unknown_between is not None and len(between) <= 40 else None
                if m:
                    for g in (1, 2):
                        if m.group(g):
                            cur.append((prev_end + m.start(g), prev_end + m.end(g), None))
                    cur.append(h)
                    continue
                runs.append(cur)
            cur = [h]
        if cur:
            runs.append(cur)
        out: list[Hit] = []
        n = len(f.items)
        for run in runs:
            known = [x for x in run if x[2] is not None]
            if len({x[2] for x in known}) < f.min_items:
                continue
            if f.label:
                sentence = ctx.sentence(run[0][0])
                if not any(lbl in sentence for lbl in f.label):
                    continue
            if any(ds < run[-1][1] and run[0][0] < de for ds, de in dev_spans):
                continue
            present0 = {x[2] for x in known}
            if f.unknown_after is not None and (f.edge_extra or len(present0) < n):
                m = f.unknown_after.match(text, run[-1][1])
                if m and len(run) < n + 2 and m.group(1) not in f.not_items:
                    run = run + [(m.start(1), m.end(1), None)]
            if f.unknown_before is not None and len(present0) < n and run[0][2] is not None and run[0][2] > 0:
                rs0 = run[0][0]
                for b in range(rs0 - 2, max(-1, rs0 - 18), -1):
                    m = f.unknown_before.fullmatch(text, b, rs0)
                    if m:
                        if m.group(1) not in f.not_items:
                            run = [(m.start(1), m.end(1), None)] + run
                        break
            unknown = [x for x in run if x[2] is None]
            present = {x[2] for x in known}
            missing = [i for i in range(n) if i not in present]
            order = [x[2] for x in known]
            rs, re_ = run[0][0], run[-1][1]
            if "order" in f.checks and any(b < a for a, b in zip(order, order[1:])) and not unknown:
                sugg = self._reordered(text, run, f)
                out.append(self._hit(
                    f, rs, re_, [sugg], "order",
                    entry_message=f.item_message or "“{match}”的顺序与规范表述不一致，应为“{suggestion}”（{name}）。",
                ))
                continue
            replaced_ok = len(present) >= 2 and len(present) + len(unknown) >= n and len(present) >= n - 2
            if unknown and missing and "replaced" in f.checks and replaced_ok:
                for u in unknown:
                    guess = self._guess_missing(run, u, missing, f)
                    word = text[u[0] : u[1]]
                    out.append(self._hit(
                        f, u[0], u[1], [guess] if guess else [], "replaced",
                        entry_message=f.item_message
                        or ("“{match}”不是“{name}”的规范表述项，" + ("应为“{suggestion}”" if guess else "规范表述为“{canonical}”") + "。"),
                        item=word,
                    ))
                continue
            if unknown and not missing and "extra" in f.checks:
                for u in unknown:
                    out.append(self._hit(
                        f, u[0], u[1], [], "extra",
                        entry_message=f.item_message or "“{match}”不属于“{name}”，规范表述为“{canonical}”，请删除或改写。",
                    ))
                continue
            if not unknown and f.missing and "missing" in f.checks and len(missing) == 1 and len(present) == n - 1:
                sentence = ctx.sentence(rs)
                if any(a in sentence for a in f.items[missing[0]]):
                    continue  # the item is named elsewhere in the sentence (…放在突出地位，融入…各方面)
                sugg = self._with_missing(text, run, f, missing[0])
                out.append(self._hit(
                    f, rs, re_, [sugg] if sugg else [], "missing",
                    entry_message=f.item_message or "“{name}”漏写“{item}”，规范表述为“{canonical}”。",
                    item=f.items[missing[0]][0],
                ))
        return out

    @staticmethod
    def _reordered(text: str, run: list, f: _Formula) -> str:
        """The run with its item slots refilled in canonical order, keeping the writer's separators."""
        slots = [(s, e) for s, e, _ in run]
        words = [text[s:e] for s, e, _ in sorted(run, key=lambda x: x[2])]
        out = []
        pos = slots[0][0]
        for (s, e), w in zip(slots, words):
            out.append(text[pos:s])
            out.append(w)
            pos = e
        return "".join(out)

    @staticmethod
    def _guess_missing(run: list, u: tuple, missing: list[int], f: _Formula) -> Optional[str]:
        if len(missing) == 1:
            return f.items[missing[0]][0]
        # Position-based guess: the slot index of the unknown within the run.
        slot = run.index(u)
        if slot in missing:
            return f.items[slot][0]
        return None

    @staticmethod
    def _with_missing(text: str, run: list, f: _Formula, m: int) -> Optional[str]:
        """Insert the missing item with the separator the writer used."""
        if len(run) < 2:
            return None
        sep = text[run[0][1] : run[1][0]]
        parts = [text[s:e] for s, e, _ in run]
        idxs = [i for _, _, i in run]
        pos = sum(1 for i in idxs if i < m)
        parts.insert(pos, f.items[m][0])
        if pos == len(parts) - 1 and sep not in ("、", "，", ","):
            sep = "、"
        # Keep the writer's own last joiner (…和…) at the end when there was one.
        last_sep = text[run[-2][1] : run[-1][0]]
        if last_sep != sep and len(parts) >= 2:
            return sep.join(parts[:-1]) + last_sep + parts[-1]
        return sep.join(parts)


def _missing_chars(target: str, window: str) -> int:
    """How many of target's characters (with multiplicity) the window lacks: a lower bound on edits."""
    missing = 0
    for ch in set(target):
        d = target.count(ch) - window.count(ch)
        if d > 0:
            missing += d
    return missing


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _approx_substring(pattern: str, text: str) -> tuple[int, int, int]:
    """Best approximate occurrence of pattern in text (Sellers): (edits, start, end) in text.

    Aligning a punctuation mark or other non-Han character against a Han character of the pattern,
    or inserting one, costs 3, so an alignment does not run across a clause boundary.
    """
    m = len(pattern)
    n = len(text)
    INF = m + n + 1
    # prev[j]: distance of pattern[:i] against a substring of text ending at j; start[j]: where it began.
    prev = [0] * (n + 1)
    start = list(range(n + 1))
    for i in range(1, m + 1):
        cur = [i] + [INF] * n
        cur_start = [0] * (n + 1)
        pc = pattern[i - 1]
        for j in range(1, n + 1):
            tc = text[j - 1]
            sub = prev[j - 1] + (0 if tc == pc else (1 if _is_han(tc) or not _is_han(pc) else 3))
            best, bs = sub, start[j - 1]
            d = prev[j] + 1  # pattern char deleted
            if d < best:
                best, bs = d, start[j]
            ins = cur[j - 1] + (1 if _is_han(text[j - 1]) else 3)  # extra text char (punctuation: costly)
            if ins < best:
                best, bs = ins, cur_start[j - 1]
            cur[j] = best
            cur_start[j] = bs
        prev, start = cur, cur_start
    best_j = min(range(n + 1), key=lambda j: (prev[j], abs((j - start[j]) - m)))
    return prev[best_j], start[best_j], best_j
