"""Party congresses and Central Committee plenums, judged against dated data.

Tables next to the YAML: congress_central_committees.tsv (ordinal, congress dates, number of plenums
held; empty while the term runs) and congress_plenums.tsv (cc, plenum, start, end, source). The rule
`data.latest_known` states the date the tables are complete to: a plenum of the running term that is
not in the table is only reported for documents dated on or before that date (after it we simply do
not know), so the data can be updated without touching code.

The automaton delivers 中全会 / 次全体会议 / N大; each rule parses a short window before the hit with
one anchored expression, so no rule scans the whole text.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable, Iterator, Optional

import regex

from govcheck.rules.base import CheckContext, Hit, Rule
from govcheck.rules.builtin.pol_a_tables import cn_numeral, cn_ordinal, parse_date, rows

_NUM = "[一二三四五六七八九十]"
#: …(第)十九届(中央委员会)三中、四中全会  — window text ends right before 中全会
#: a numeral as written in plenum names: 十九 or, in informal copy, 19 / １９ (never part of a longer number)
_ORD = r"(?:[一二三四五六七八九十]{1,3}|(?<![0-9０-９])[0-9０-９]{1,2})"
_PLENUM_SHORT = regex.compile(
    rf"(?:第)?(?P<cc>{_ORD})(?P<sep>届|屆|大)(?P<list>(?:{_ORD}中(?:全会)?[、，,和及与]{{1,2}})*)(?P<k>{_ORD})$"
)
#: 十九届中央委员会第四次全体会议 — window ends right before 次全体会议
_PLENUM_LONG = regex.compile(rf"(?:第)?(?P<cc>{_ORD})(?P<sep>届|屆)中央委员会第(?P<k>{_ORD})$")
_LIST_ITEM = regex.compile(rf"({_ORD})中")
_YEAR_BEFORE = regex.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:胜利)?(?:召开|举行)?(?:的)?(?:党的|中共|中国共产党)?(?:第)?$"
)
#: …全会于2014年召开 / 十九大于2017年10月在北京召开 — a year written after the name (matched at its end)
_YEAR_AFTER = regex.compile(
    r"(?:精神)?(?:是|已)?(?:于|在)\s*(?P<y>(?:19|20)\d{2})\s*年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:至\d{1,2}日)?(?:在北京|在京)?(?:胜利|隆重)?(?:召开|举行|开幕|闭幕)"
)
_FUTURE_WORDS = ("即将", "将于", "将要", "筹备", "迎接", "前夕", "决定召开", "拟于", "定于", "召开前", "会前", "预计", "决定，", "决定中国共产党", "月在北京召开", "月召开", "将审议", "将研究", "将召开", "将举行", "将听取")


class _Facts:
    """The congress and plenum tables, loaded once per rule."""

    def __init__(self, base_dir: str, data: dict) -> None:
        self.congress: dict[int, tuple[_dt.date, _dt.date, Optional[int], str]] = {}
        for n, cols, path in rows(base_dir, data.get("committees", "congress_central_committees.tsv"), 4):
            cc = int(cols[0])
            count = int(cols[3]) if cols[3] else None
            self.congress[cc] = (parse_date(cols[1], path, n), parse_date(cols[2], path, n), count, cols[4] if len(cols) > 4 else "")
        self.plenums: dict[tuple[int, int], tuple[_dt.date, _dt.date, str]] = {}
        for n, cols, path in rows(base_dir, data.get("plenums", "congress_plenums.tsv"), 4):
            self.plenums[(int(cols[0]), int(cols[1]))] = (parse_date(cols[2], path, n), parse_date(cols[3], path, n), cols[4] if len(cols) > 4 else "")
        latest = data.get("latest_known")
        self.latest_known: _dt.date = latest if isinstance(latest, _dt.date) else _dt.date.fromisoformat(str(latest))
        self.first_cc = min(self.congress)
        self.by_year: dict[int, int] = {v[0].year: k for k, v in self.congress.items()}


class Plenum:
    __slots__ = ("start", "end", "cc", "sep", "ks", "cc_start", "text")

    def __init__(self, start: int, end: int, cc: int, sep: str, ks: list[int], cc_start: int) -> None:
        self.start, self.end, self.cc, self.sep, self.ks, self.cc_start = start, end, cc, sep, ks, cc_start


def parse_plenum(ctx: CheckContext, s: int, e: int, long_form: bool) -> Optional[Plenum]:
    key = ("pol_a_plenum", s)
    if key in ctx.cache:
        return ctx.cache[key]
    lo = max(0, s - 40)
    m = (_PLENUM_LONG if long_form else _PLENUM_SHORT).search(ctx.text, lo, s)
    result = None
    if m:
        cc = cn_ordinal(m["cc"])
        ks = [cn_ordinal(x) for x in _LIST_ITEM.findall(m["list"] or "")] if not long_form else []
        ks.append(cn_ordinal(m["k"]))
        if cc and all(ks):
            result = Plenum(m.start(), e, cc, m["sep"], ks, m.start("cc"))
    ctx.cache[key] = result
    return result


class _PlenumRule(Rule):
    def prepare(self) -> None:
        self.facts = _Facts(self.base_dir, self.spec.data)

    def terms(self) -> Iterable[tuple[str, Any]]:
        yield "中全会", False
        yield "中全會", False
        yield "次全体会议", True

    def user_words(self) -> Iterable[str]:
        return ()

    def on_term(self, ctx: CheckContext, start: int, end: int, payload: Any) -> Iterator[Hit]:
        p = parse_plenum(ctx, start, end, payload)
        if p is not None:
            yield from self.judge(ctx, p)

    def judge(self, ctx: CheckContext, p: Plenum) -> Iterator[Hit]:  # pragma: no cover - abstract
        return iter(())


class PlenumExistsRule(_PlenumRule):
    """POL030: a plenum number beyond the plenums a finished Central Committee held."""

    def judge(self, ctx: CheckContext, p: Plenum) -> Iterator[Hit]:
        info = self.facts.congress.get(p.cc)
        if info is None or info[2] is None:
            return
        count = info[2]
        bad = [k for k in p.ks if k > count]
        if not bad:
            return
        names = "、".join(f"{cn_numeral(p.cc)}届{cn_numeral(k)}中全会" for k in bad)
        yield Hit(
            start=p.start, end=p.end,
            message=f"“{names}”不存在：第{cn_numeral(p.cc)}届中央委员会共召开{cn_numeral(count)}次全体会议（一中至{cn_numeral(count)}中全会）。",
            source=info[3] or None,
        )


class CongressPlenumFormRule(_PlenumRule):
    """POL031: 二十大三中全会 → 二十届三中全会."""

    def judge(self, ctx: CheckContext, p: Plenum) -> Iterator[Hit]:
        if p.sep != "大":
            return
        span = ctx.text[p.start : p.end]
        i = p.cc_start - p.start + len(cn_numeral(p.cc))
        fixed = span[:i] + "届" + span[i + 1 :]
        yield Hit(start=p.start, end=p.end, suggestions=[fixed], fields={"expected": fixed})


class PlenumNotYetRule(_PlenumRule):
    """POL033: a plenum that had not been held on the document's date (or is not known to the data)."""

    def judge(self, ctx: CheckContext, p: Plenum) -> Iterator[Hit]:
        d = ctx.doc_date
        sentence = ctx.sentence(p.start)
        if any(w in sentence for w in _FUTURE_WORDS):
            return
        f = self.facts
        for k in p.ks:
            known = f.plenums.get((p.cc, k))
            name = f"{cn_numeral(p.cc)}届{cn_numeral(k)}中全会"
            if known is not None:
                if d < known[0]:
                    yield Hit(start=p.start, end=p.end,
                              message=f"文件日期{d.isoformat()}早于{name}召开日期（{known[0].isoformat()}），请核实日期或表述。")
                    return
                continue
            info = f.congress.get(p.cc)
            if info is not None and info[2] is not None:
                continue  # finished term: POL030 judges numbers beyond its count
            if p.cc < f.first_cc:
                continue
            if d <= f.latest_known:
                yield Hit(start=p.start, end=p.end,
                          message=(f"据截至{f.latest_known.isoformat()}的资料，{name}在文件日期{d.isoformat()}"
                                   "尚未召开，请人工核实。"))
                return


class EventYearRule(Rule):
    """POL032: a year written before a congress or plenum that does not match it (2017年召开的党的二十大)."""

    def prepare(self) -> None:
        self.facts = _Facts(self.base_dir, self.spec.data)

    def terms(self) -> Iterable[tuple[str, Any]]:
        for cc in self.facts.congress:
            yield cn_numeral(cc) + "大", ("congress", cc)
        yield "中全会", ("plenum", False)
        yield "中全會", ("plenum", False)
        yield "次全体会议", ("plenum", True)

    def user_words(self) -> Iterable[str]:
        return ()

    def _year_before(self, ctx: CheckContext, pos: int) -> Optional[regex.Match]:
        return _YEAR_BEFORE.search(ctx.text, max(0, pos - 24), pos)

    @staticmethod
    def _year_after(ctx: CheckContext, pos: int) -> Optional[regex.Match]:
        return _YEAR_AFTER.match(ctx.text, pos, min(len(ctx.text), pos + 32))

    def on_term(self, ctx: CheckContext, start: int, end: int, payload: Any) -> Iterator[Hit]:
        what, arg = payload
        f = self.facts
        if what == "congress":
            if start > 0 and ctx.text[start - 1] in "一二三四五六七八九十":
                return  # 二十一大 seen as 十一大
            m = self._year_before(ctx, start)
            after = None if m else self._year_after(ctx, end)
            if not m and not after:
                return
            year = int((m or after)["y"])
            real = f.congress[arg][0].year
            if year == real:
                return
            right = f.by_year.get(year)
            sugg = []
            if right is not None and m:
                sugg = [ctx.text[m.start() : start] + cn_numeral(right) + "大"]
            yield Hit(start=m.start() if m else start, end=end if m else after.end(), suggestions=sugg,
                      message=(f"年份与届次不符：党的{cn_numeral(arg)}大于{real}年召开"
                               + (f"，{year}年召开的是党的{cn_numeral(right)}大" if right else "") + "。"))
            return
        p = parse_plenum(ctx, start, end, arg)
        if p is None or p.sep == "大" or len(p.ks) != 1:
            return
        known = f.plenums.get((p.cc, p.ks[0]))
        if known is None:
            return
        m = self._year_before(ctx, p.start)
        after = None if m else self._year_after(ctx, p.end)
        if not m and not after:
            return
        year = int((m or after)["y"])
        if year in (known[0].year, known[1].year):
            return
        yield Hit(start=m.start() if m else p.start, end=p.end if m else after.end(),
                  message=f"年份与届次不符：{cn_numeral(p.cc)}届{cn_numeral(p.ks[0])}中全会于{known[0].isoformat()}召开，不是{year}年。")


_CONGRESS_BEFORE = regex.compile(rf"(?P<n>{_NUM}{{1,3}})大(?:精神)?(?:和|及|以及|、|与)(?:党的)?$")


class CongressPlenumTermRule(_PlenumRule):
    """POL034: 党的十九大和十八届三中、四中全会 — a congress joined with plenums of another term."""

    def judge(self, ctx: CheckContext, p: Plenum) -> Iterator[Hit]:
        if p.sep == "大":
            return
        m = _CONGRESS_BEFORE.search(ctx.text, max(0, p.start - 12), p.start)
        if not m:
            return
        n = cn_ordinal(m["n"])
        if n is None or n == p.cc:
            return
        ks = "、".join(cn_numeral(k) + "中" for k in p.ks)
        if n > p.cc:
            msg = (f"党的{cn_numeral(n)}大与{cn_numeral(p.cc)}届{ks}全会并列，届次不一致：{cn_numeral(n)}大之后应学习贯彻"
                   f"{cn_numeral(n)}届历次全会精神，疑为沿用旧模板，请核实。")
        else:
            msg = f"党的{cn_numeral(n)}大之后不可能有{cn_numeral(p.cc)}届全会与之并列，届次有误，请核实。"
        yield Hit(start=m.start(), end=p.end, message=msg)


_NPC_AFTER = regex.compile(rf"(?P<k>{_NUM}{{1,2}})次(?:会议|全体会议)")
_TERM_BEFORE = regex.compile(rf"(?:第)?(?P<n>{_NUM}{{1,3}})届$")
_TERM_AFTER = regex.compile(rf"(?P<n>{_NUM}{{1,3}})届(?P<k>{_NUM}{{1,2}})次(?:会议|全体会议)")


class SessionNameRule(Rule):
    """POL035: 十四届全国人大四次会议 / 全国政协十四届四次会议 — the word order of each, and the year."""

    def prepare(self) -> None:
        d = self.spec.data
        #: first year of each NPC/CPPCC term: {term ordinal: year}; session k meets in year + k - 1
        self.first_year = {int(k): int(v) for k, v in (d.get("term_first_year") or {}).items()}

    def terms(self) -> Iterable[tuple[str, Any]]:
        yield "全国人大", "npc"
        yield "全国政协", "cppcc"

    def user_words(self) -> Iterable[str]:
        return ()

    def _year_check(self, ctx: CheckContext, start: int, end: int, n: int, k: int, name: str) -> Iterator[Hit]:
        first = self.first_year.get(n)
        if first is None:
            return
        m = _YEAR_BEFORE.search(ctx.text, max(0, start - 24), start)
        if not m:
            return
        year, right = int(m["y"]), first + k - 1
        if year != right:
            yield Hit(start=m.start(), end=end, severity="serious",
                      message=f"年份与会次不符：{name}于{right}年召开，不是{year}年。")

    def on_term(self, ctx: CheckContext, start: int, end: int, payload: Any) -> Iterator[Hit]:
        text = ctx.text
        if payload == "npc":
            if text.startswith("常委会", end):
                return
            before = _TERM_BEFORE.search(text, max(0, start - 5), start)
            after_k = _NPC_AFTER.match(text, end)
            if before and after_k:  # 十四届全国人大四次会议: the standard order
                n, k = cn_ordinal(before["n"]), cn_ordinal(after_k["k"])
                if n and k:
                    yield from self._year_check(ctx, before.start(), after_k.end(), n, k,
                                                f"{before['n']}届全国人大{after_k['k']}次会议")
                return
            m = _TERM_AFTER.match(text, end)
            if m:  # 全国人大十四届四次会议
                fixed = f"{m['n']}届全国人大{m['k']}次会议"
                yield Hit(start=start, end=m.end(), suggestions=[fixed], fields={"expected": fixed})
            return
        # 全国政协
        m = _TERM_AFTER.match(text, end)
        if m:  # 全国政协十四届四次会议: the standard order
            n, k = cn_ordinal(m["n"]), cn_ordinal(m["k"])
            if n and k:
                yield from self._year_check(ctx, start, m.end(), n, k, f"全国政协{m['n']}届{m['k']}次会议")
            return
        before = _TERM_BEFORE.search(text, max(0, start - 5), start)
        after_k = _NPC_AFTER.match(text, end)
        if before and after_k:  # 十四届全国政协四次会议
            fixed = f"全国政协{before['n']}届{after_k['k']}次会议"
            s = before.start() + (1 if text[before.start()] == "第" else 0)
            yield Hit(start=s, end=after_k.end(), suggestions=[fixed], fields={"expected": fixed})
