"""FMT011: a 成文日期 line written in Chinese numerals, with its Arabic form as the fix.

The rule's `patterns` (as for a `pattern` rule) find the date; this class adds the suggestion:
二〇二一年六月二十六日 → 2021年6月26日 (GB/T 9704-2012 7.3.5.4). A date with a placeholder (x月) gets
no suggestion: FMT020 reports the placeholder.
"""

from __future__ import annotations

from typing import Optional

import regex

from govcheck.rules.base import Hit
from govcheck.rules.kinds.pattern import PatternRule

_DIGIT = {"〇": 0, "○": 0, "零": 0, "0": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_PARTS = regex.compile(r"^(?P<y>[^年]{4})年(?P<m>[^月]{1,3})月(?P<d>[^日]{1,3})日$")


def _small(s: str) -> Optional[int]:
    """一..九, 十, 十一..十九, 二十.., 三十一 → int; None when not a Chinese number up to 99."""
    if "十" in s:
        left, _, right = s.partition("十")
        if len(left) > 1 or len(right) > 1:
            return None
        tens = _DIGIT.get(left, None) if left else 1
        ones = _DIGIT.get(right, None) if right else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    if len(s) == 1 and s in _DIGIT:
        return _DIGIT[s]
    return None


def arabic_date(chinese: str) -> Optional[str]:
    m = _PARTS.match(chinese)
    if not m:
        return None
    digits = [_DIGIT.get(c) for c in m["y"]]
    if any(d is None for d in digits):
        return None
    year = int("".join(str(d) for d in digits))
    month, day = _small(m["m"]), _small(m["d"])
    if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year}年{month}月{day}日"


class ChineseDateLine(PatternRule):
    def hit_for(self, m, p, s: int, e: int) -> Hit:
        hit = super().hit_for(m, p, s, e)
        fixed = arabic_date(m.group("d"))
        if fixed:
            hit.suggestions = [fixed]
        return hit
