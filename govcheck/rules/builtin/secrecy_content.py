"""Indicators of classified or unpublishable content: military locations, precise coordinates near
military words, and self-declared unpublished material. These ask a person to review; they never
claim the text *is* secret, so they stay at `serious` with “请人工核实”.

Law and regulation text talks about the same things in general terms (军事禁区的范围由…划定), so a
sentence that reads like a norm (应当, 不得, 依照…规定, 本条例) is skipped.
"""

from __future__ import annotations

from typing import Iterable

import regex

from govcheck.rules.base import CheckContext, Hit, Rule

NORMATIVE = ("应当", "不得", "禁止", "依照", "依法", "按照", "规定", "本法", "本条例", "本办法", "条例", "法律", "可以", "有权", "负责")


def normative(sentence: str) -> bool:
    return any(w in sentence for w in NORMATIVE)


def _window(ctx: CheckContext, s: int, e: int, size: int) -> str:
    return ctx.text[max(0, s - size) : e + size]


class Coordinates(Rule):
    """SEC005: precise coordinates (seconds, or ≥4 decimals) near military words."""

    _DMS = r"(?:[东西南北]经|[东西]经|北纬|南纬|[NSEWnsew]\s*)?\s*\d{1,3}(?:\.\d+)?\s*[°度]\s*\d{1,2}(?:\.\d+)?\s*[′'分]\s*\d{1,2}(?:\.\d+)?\s*[″\"秒]"
    _DEC = r"(?:北纬|南纬|东经|西经)\s*\d{1,3}\.\d{4,}\s*°?|(?<![\d.])\d{1,3}\.\d{4,}\s*°?\s*[NSEW]?\s*[,，、/]\s*\d{1,3}\.\d{4,}\s*°?\s*[NSEW]?(?![\d.])"

    def prepare(self) -> None:
        self._rx = regex.compile(f"{self._DMS}|{self._DEC}")
        self._words = tuple(self.spec.data.get("military_words", ()))

    def scan(self, ctx: CheckContext) -> Iterable[Hit]:
        text = ctx.text
        if not any(c in text for c in "°度.") or not any(w in text for w in self._words):
            return
        for m in self._rx.finditer(text):
            s, e = m.span()
            window = _window(ctx, s, e, 60)
            if any(w in window for w in self._words) and not normative(ctx.sentence(s)):
                yield Hit(start=s, end=e)


class MilitaryFacility(Rule):
    """SEC006: a military facility or deployment named together with where it is."""

    def prepare(self) -> None:
        d = self.spec.data
        self._facility = regex.compile("|".join(regex.escape(w) for w in d.get("facilities", [])))
        self._location = tuple(d.get("location_words", ()))
        #: words right before a facility that make it civilian (天气雷达站, 防汛现场指挥所)
        self._civilian = tuple(d.get("civilian_before", ()))

    def scan(self, ctx: CheckContext) -> Iterable[Hit]:
        text = ctx.text
        for m in self._facility.finditer(text):
            s, e = m.span()
            if self._civilian and any(w in text[max(0, s - 8) : s] for w in self._civilian):
                continue
            sentence = ctx.sentence(s)
            if normative(sentence) or ctx.in_book_title(s, e) or ctx.is_quoted(s, e):
                continue
            if any(w in sentence for w in _HISTORIC):
                continue  # 弹药库遗址, 旧址: a historic site, public by design
            if any(w in sentence for w in self._location) or regex.search(r"\d+(?:\.\d+)?\s*(?:米|公里|千米|km)", sentence):
                yield Hit(start=s, end=e)


_HISTORIC = ("遗址", "旧址", "纪念馆", "文物保护单位", "革命遗迹")


class UnpublishedContent(Rule):
    """SEC007: the text declares itself unreleased (（尚未公布）, 以下内容暂不对外, 已脱密, 为内部数据 …).

    data.terms fire in brackets or in a sentence pointing at the material itself (data.self_words);
    data.always fire anywhere; data.declare is a regex of declarations (为内部数据). Quotes, book
    titles and normative sentences (应当, 不得, 依照…) never fire.
    """

    def prepare(self) -> None:
        d = self.spec.data
        self._terms = regex.compile("|".join(regex.escape(w) for w in sorted(d.get("terms", []), key=len, reverse=True)) or "$^")
        self._always = regex.compile("|".join(regex.escape(w) for w in d.get("always", [])) or "$^")
        self._declare = regex.compile(d.get("declare") or "$^")
        self._self = tuple(d.get("self_words", ()))
        self._quiet = tuple(d.get("quiet_words", ()))

    def _silent(self, ctx: CheckContext, s: int, e: int) -> bool:
        return ctx.is_quoted(s, e) or ctx.in_book_title(s, e) or normative(ctx.sentence(s))

    def scan(self, ctx: CheckContext) -> Iterable[Hit]:
        text = ctx.text
        seen: set[int] = set()
        for rx in (self._always, self._declare):
            for m in rx.finditer(text):
                s, e = m.span()
                if not self._silent(ctx, s, e):
                    seen.add(s)
                    yield Hit(start=s, end=e)
        for m in self._terms.finditer(text):
            s, e = m.span()
            if s in seen or self._silent(ctx, s, e):
                continue
            sentence = ctx.sentence(s)
            if any(w in sentence for w in self._quiet):
                continue
            if _in_brackets(text, s, e) or any(w in sentence for w in self._self):
                yield Hit(start=s, end=e)


def _in_brackets(text: str, s: int, e: int, reach: int = 16) -> bool:
    """Inside a short bracket pair: （尚未公布）, （初步核算，尚未公布）."""
    before = text[max(0, s - reach) : s]
    i = max(before.rfind("（"), before.rfind("("))
    if i < 0 or any(c in before[i + 1 :] for c in "）)\n。"):
        return False
    after = text[e : e + reach]
    j = min((k for k in (after.find("）"), after.find(")")) if k >= 0), default=-1)
    return j >= 0 and not any(c in after[:j] for c in "（(\n。")
