"""Find a document's own date (成文日期 / 落款 line), so an old page is judged as of its own date."""

from __future__ import annotations

import datetime as _dt
from typing import Optional

import regex

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "0": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_YEAR = r"(?P<y>(?:19|20)\d{2}|[一二][〇○零0一二三四五六七八九]{3})"
_MONTH = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
_DATE = _YEAR + r"\s*年\s*" + _MONTH + r"\s*月\s*" + _DAY + r"\s*日"
#: A line that is only a date, or a labelled date (成文日期：…, 发布日期：…, 日期：…).
_DATE_LINE = regex.compile(r"^\s*(?:(?:成文|发布|印发|发文)?日期\s*[:：]\s*)?" + _DATE + r"\s*$", regex.M)
_LABELLED = regex.compile(r"(?:成文日期|发布日期|印发日期|发文日期)\s*[:：]\s*" + _DATE)


def _cn_number(s: str) -> int:
    if s.isdigit():
        return int(s)
    if "十" in s:
        left, _, right = s.partition("十")
        return (_CN_DIGITS[left] if left else 1) * 10 + (_CN_DIGITS[right] if right else 0)
    return int("".join(str(_CN_DIGITS[c]) for c in s))


def _to_date(m: regex.Match) -> Optional[_dt.date]:
    try:
        return _dt.date(_cn_number(m["y"]), _cn_number(m["m"]), _cn_number(m["d"]))
    except (ValueError, KeyError):
        return None


def detect_document_date(text: str) -> Optional[tuple[_dt.date, str]]:
    """(date, why) from a labelled date anywhere, or a date-only line in the last 15 lines."""
    m = _LABELLED.search(text)
    if m and (d := _to_date(m)):
        return d, f"document label “{m.group(0).strip()}”"
    tail_start = 0
    lines = text.rstrip().split("\n")
    if len(lines) > 15:
        tail_start = len("\n".join(lines[:-15])) + 1
    found = None
    for m in _DATE_LINE.finditer(text, tail_start):
        found = m
    if found and (d := _to_date(found)):
        return d, f"落款 date line “{found.group(0).strip()}”"
    return None
