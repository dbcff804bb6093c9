"""Officials under investigation or expelled (落马), presented positively after the announced date.

Data: officials_investigated.tsv (name, former posts, event, date, official, needs, source). A mention
is a finding when the document is dated on or after the event, the sentence presents the person
positively (同志, 讲话, 指示, 出席 …) and says nothing of the case (违纪, 审查, 开除, 警示 …). For a
name that could be an ordinary person's, `needs` lists words one of which must be in the sentence.
Officially announced facts are reported at the rule's severity; others at `unofficial_severity` with
a request for human review.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable, Iterator

from govcheck.rules.base import CheckContext, Hit, Rule
from govcheck.rules.builtin.pol_a_tables import parse_date, rows

_POSITIVE = ("同志", "讲话", "指示", "批示", "强调", "指出", "要求", "亲切", "关怀", "看望", "慰问", "调研", "视察",
             "考察", "出席", "主持", "会见", "带领", "领导下", "部署", "重要", "嘱托", "号召", "勉励", "题词", "致信",
             "贺信", "回信", "表扬", "肯定", "称赞", "高度评价")
_NEGATIVE = ("违纪", "违法", "审查", "调查", "开除", "落马", "查处", "受贿", "行贿", "腐败", "判处", "被查", "双开", "案",
             "警示", "反面", "教训", "处分", "罢免", "移送", "起诉", "追认", "通报", "典型", "肃清", "流毒", "余毒", "恶劣",
             "贪", "犯罪", "严惩", "打虎", "老虎", "清除", "终止", "剥夺", "免去", "撤销", "问题")


class Official:
    __slots__ = ("name", "posts", "event", "date", "official", "needs", "source")

    def __init__(self, cols: list[str], date: _dt.date) -> None:
        self.name, self.posts, self.event = cols[0], cols[1], cols[2]
        self.date = date
        self.official = cols[4].lower() in ("yes", "y", "是", "true") if len(cols) > 4 else False
        self.needs = tuple(w for w in (cols[5].split("|") if len(cols) > 5 else []) if w)
        self.source = cols[6] if len(cols) > 6 else ""


class FallenOfficialRule(Rule):
    def prepare(self) -> None:
        d = self.spec.data
        self.officials: dict[str, Official] = {}
        for n, cols, path in rows(self.base_dir, d.get("table", "officials_investigated.tsv"), 5):
            date = parse_date(cols[3], path, n)
            if date is None:
                from govcheck.packs import DictionaryError

                raise DictionaryError("GD011", str(path), n, "every official needs a date")
            self.officials[cols[0]] = Official(cols, date)
        self.positive = tuple(d.get("positive_words", _POSITIVE))
        self.negative = tuple(d.get("negative_words", _NEGATIVE))
        self.unofficial_severity = d.get("unofficial_severity", "serious")

    def terms(self) -> Iterable[tuple[str, Any]]:
        for name, o in self.officials.items():
            yield name, o

    def on_term(self, ctx: CheckContext, start: int, end: int, payload: Any) -> Iterator[Hit]:
        o: Official = payload
        if ctx.doc_date < o.date:
            return
        sentence = ctx.sentence(start)
        if o.needs and not any(w in sentence for w in o.needs):
            return
        if not any(w in sentence for w in self.positive):
            return
        if any(w in sentence for w in self.negative):
            return
        review = "" if o.official else "，请人工核实"
        message = (f"{o.name}（{o.posts}）已于{o.date.isoformat()}被通报{o.event}，"
                   f"文中作正面表述，请删除或改写{review}。")
        yield Hit(start=start, end=end, message=message, source=o.source or None,
                  severity=None if o.official else self.unofficial_severity)
