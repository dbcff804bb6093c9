"""Leader name ↔ title, judged by tenure dates against the document's date.

The tenure table (person, post, from, until, source) and the title table (title string → canonical
posts, and whether it stands before or after a name) are data next to the rule YAML. The automaton
delivers every known leader name; the rule looks only at the few characters around the hit for a
title written directly before the name (国务院总理李强) or after it (李强总理). When the person does
not hold that post on the document's date (with a grace of a few weeks around changeovers), it is a
finding, unless the text marks the mention as historical: 原/前/时任/曾任 before the title, a
retrospective word in the sentence (生前, 当时 …), or a year in the sentence during which the person
did hold the post. Weaker signs of the past (曾, 先后, 多次到 …; rule data `weak_past_words`) excuse a
title only when the person really held it before the document's date (温家宝总理曾到我村考察), never a
title they never held (国务院总理丁薛祥曾强调).
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from typing import Any, Iterable, Iterator, Optional

import regex

from govcheck.rules.base import CheckContext, Hit, Rule
from govcheck.rules.builtin.pol_a_tables import parse_date, rows

_YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})(?=年|[—\-－～至到]|\s*年)")
_DEFAULT_PAST_MARKERS = ("原", "前", "时任", "曾任", "已故", "首任", "历任", "老", "离任", "卸任")
_DEFAULT_PAST_WORDS = ("时任", "曾任", "生前", "当年", "当时", "那时", "任内", "任上", "逝世", "去世", "追悼",
                       "缅怀", "回忆", "历任", "曾经", "昔日")
#: Weaker signs of a past event (温家宝总理曾到我村考察): accepted only for a title the person really
#: held before the document's date, so 国务院总理丁薛祥曾强调 is still a finding.
_DEFAULT_WEAK_PAST_WORDS = ("曾", "先后", "多次到", "多次来", "视察过", "考察过", "来过", "到过")
#: Characters after a title that show it is not a title of the name (主席团, 总理府 …).
_NOT_TITLE_AFTER = frozenset("团府处办台")


class Tenure:
    __slots__ = ("post", "start", "end", "source")

    def __init__(self, post: str, start: Optional[_dt.date], end: Optional[_dt.date], source: str) -> None:
        self.post, self.start, self.end, self.source = post, start, end, source

    def holds(self, d: _dt.date, grace: _dt.timedelta = _dt.timedelta(0)) -> bool:
        if self.start and d < self.start - grace:
            return False
        if self.end and d >= self.end + grace:
            return False
        return True

    def holds_in_year(self, year: int) -> bool:
        y0 = self.start.year if self.start else 1900
        y1 = self.end.year if self.end else 9999
        return y0 <= year <= y1

    def span_text(self) -> str:
        a = self.start.isoformat() if self.start else "?"
        b = self.end.isoformat() if self.end else "今"
        return f"{self.post}（{a}至{b}）"


def load_tenures(base_dir: str, name: str) -> dict[str, list[Tenure]]:
    out: dict[str, list[Tenure]] = defaultdict(list)
    for n, cols, path in rows(base_dir, name, 3):
        person, post = cols[0], cols[1]
        start = parse_date(cols[2], path, n)
        end = parse_date(cols[3], path, n) if len(cols) > 3 else None
        out[person].append(Tenure(post, start, end, cols[4] if len(cols) > 4 else ""))
    return dict(out)


def load_titles(base_dir: str, name: str) -> tuple[list[tuple[str, tuple[str, ...]]], list[tuple[str, tuple[str, ...], bool]]]:
    """(prefix titles longest first, suffix titles longest first with a 'three-character names only' flag)."""
    pre: list[tuple[str, tuple[str, ...]]] = []
    suf: list[tuple[str, tuple[str, ...], bool]] = []
    for _n, cols, _path in rows(base_dir, name, 3):
        title, posts, where = cols[0], tuple(p for p in cols[1].split("|") if p), cols[2].split()
        if "pre" in where:
            pre.append((title, posts))
        if "suf" in where or "suf3" in where:
            suf.append((title, posts, "suf3" in where and "suf" not in where))
    pre.sort(key=lambda t: -len(t[0]))
    suf.sort(key=lambda t: -len(t[0]))
    return pre, suf


#: Short forms used after a name (李强总理) for the canonical posts.
SHORT_TITLE = {
    "国务院总理": "总理",
    "国务院副总理": "副总理",
    "全国人大常委会委员长": "委员长",
    "全国政协主席": "主席",
    "国家主席": "主席",
    "国家副主席": "副主席",
    "中共中央总书记": "总书记",
    "中央军委主席": "主席",
    "中央军委副主席": "副主席",
}


class TitleNameRule(Rule):
    """POL010: a leader named with a title they do not hold on the document's date."""

    def prepare(self) -> None:
        d = self.spec.data
        self.tenures = load_tenures(self.base_dir, d.get("tenures", "people_tenures.tsv"))
        self.pre, self.suf = load_titles(self.base_dir, d.get("titles", "people_titles.tsv"))
        self.grace = _dt.timedelta(days=int(d.get("grace_days", 31)))
        self.past_markers = tuple(d.get("past_markers", _DEFAULT_PAST_MARKERS))
        self.past_words = tuple(d.get("past_words", _DEFAULT_PAST_WORDS))
        self.weak_past_words = tuple(d.get("weak_past_words", _DEFAULT_WEAK_PAST_WORDS))
        self.max_pre = max((len(t) for t, _ in self.pre), default=0)
        latest = d.get("latest_known")
        self.latest_known = None
        if latest is not None:
            self.latest_known = latest if isinstance(latest, _dt.date) else _dt.date.fromisoformat(str(latest))
        #: Beyond latest_known + this many days the tables may miss appointments: findings drop to
        #: `stale_severity` and ask for a person to check.
        self.stale_after = _dt.timedelta(days=int(d.get("stale_after_days", 365)))
        self.stale_severity = d.get("stale_severity", "serious")

    def terms(self) -> Iterable[tuple[str, Any]]:
        for person in self.tenures:
            yield person, person

    def user_words(self) -> Iterable[str]:
        return list(self.tenures)

    # -- helpers ---------------------------------------------------------------------------------
    def _find_title(self, ctx: CheckContext, start: int, end: int, person: str):
        text = ctx.text
        before = text[max(0, start - self.max_pre) : start]
        for title, posts in self.pre:
            if before.endswith(title):
                # 副委员长 / 常务副总理 written with a shorter alias inside: a different post, not judged
                if before[: -len(title)].endswith("副") and not title.startswith("副"):
                    return None
                return start - len(title), end, title, posts, "pre"
        after = text[end : end + 8]
        for title, posts, three_only in self.suf:
            if three_only and len(person) < 3:
                continue
            if after.startswith(title):
                nxt = after[len(title) : len(title) + 1]
                if nxt and nxt in _NOT_TITLE_AFTER:
                    continue
                return start, end + len(title), title, posts, "suf"
        return None

    def _historical(self, ctx: CheckContext, span_start: int, name_start: int, tenures: list[Tenure],
                    weak: bool = True) -> bool:
        text = ctx.text
        lead = text[max(0, span_start - 4) : span_start]
        if lead.endswith(self.past_markers):
            return True
        # 国务院原总理 / 全国政协原主席: a past marker inside the title
        inner = text[span_start:name_start]
        if any(m in inner for m in ("原", "前任", "时任")):
            return True
        sentence = ctx.sentence(span_start)
        if any(w in sentence for w in self.past_words):
            return True
        held_before = weak and any(t.start and t.start <= ctx.doc_date for t in tenures)
        if held_before and any(w in sentence for w in self.weak_past_words):
            return True
        for m in _YEAR.finditer(sentence):
            year = int(m.group(1))
            if year < ctx.doc_date.year and any(t.holds_in_year(year) for t in tenures):
                return True
        return False

    def on_term(self, ctx: CheckContext, start: int, end: int, payload: Any) -> Iterator[Hit]:
        person = payload
        found = self._find_title(ctx, start, end, person)
        if found is None:
            return
        span_start, span_end, title, posts, form = found
        tenures = self.tenures[person]
        d = ctx.doc_date
        if any(t.post in posts and t.holds(d, self.grace) for t in tenures):
            return
        relevant = [t for t in tenures if t.post in posts]
        if self._historical(ctx, span_start, start, relevant or tenures, weak=bool(relevant)):
            return
        current = [t for t in tenures if t.holds(d)]
        suggestions: list[str] = []
        if current:
            for t in current:
                if form == "pre":
                    suggestions.append(t.post + person)
                else:
                    suggestions.append(person + SHORT_TITLE.get(t.post, t.post))
            why = "任" + "、".join(t.post for t in current)
        else:
            past = [t for t in relevant if t.end and t.end <= d]
            if past and form == "pre":
                suggestions.append("原" + ctx.text[span_start:start] + person)
            elif past:
                suggestions.append("原" + past[-1].post + person)
            why = "已不任该职" if past else "未任该职"
        held = "；".join(t.span_text() for t in (relevant or tenures)) or "无记录"
        future = [t for t in relevant if t.start and t.start > d]
        if future:
            why = "尚未就任该职" + ("，" + why if current else "")
        message = (
            f"称谓与任职不符：按文件日期{d.isoformat()}，{person}{why}，不能称“{title}”"
            f"（任职记录：{held}）。如为历史表述，请加“原”“时任”。"
        )
        severity = None
        if self.latest_known is not None and d > self.latest_known + self.stale_after:
            severity = self.stale_severity
            message += f"任职资料截至{self.latest_known.isoformat()}，请人工核实。"
        yield Hit(start=span_start, end=span_end, suggestions=suggestions, message=message, severity=severity,
                  source=next((t.source for t in relevant), None))
