"""Find a document's own date, so an old page is judged as of its own date.

Evidence, strongest first (the first that yields a valid date wins):

1. a labelled 成文日期 (成文日期：2019年3月2日, 签发日期, 印发日期);
2. the 落款: a date-only line, or an issuer followed by a date on one line, among the last lines
   (GB/T 9704-2012 7.3.5.4), including 版记 lines such as “××办公室 2019年3月5日印发”; failing
   that, a date line right under an issuer line anywhere (a 落款 followed by long attachments);
3. a bracketed date right under the title: （2019年3月2日国务院令第709号）, （2016年3月5日）;
4. a page's publication label (发布日期 / 发布时间 / 发文日期: 2023-11-21 15:53);
5. a 落款 whose month or day was left unfilled (二〇一〇年x月二十六日): 1 January of that year;
6. the year of a summary, report or plan named in the title (2020年…工作总结): 1 December of that
   year for summaries and reports, 1 January for plans.

Chinese-numeral dates (二〇一九年三月二日, with 〇, ○, O or 零) and Traditional characters are read.
The returned reason is shown in Report.doc_date_source.
"""

from __future__ import annotations

import datetime as _dt
from typing import Optional

import regex

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "Ｏ": 0, "0": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZERO = "〇○零OＯ0"
_YEAR = r"(?P<y>(?:19|20)\d{2}|[一二][" + _ZERO + r"一二三四五六七八九]{3})"
_MONTH = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
_DATE = _YEAR + r"\s*年\s*" + _MONTH + r"\s*月\s*" + _DAY + r"\s*日"
_ISO = r"(?P<y>(?:19|20)\d{2})[-/.](?P<m>1[0-2]|0?[1-9])[-/.](?P<d>3[01]|[12]\d|0?[1-9])(?!\d)"

_SIGNED = regex.compile(r"(?:成文日期|成文时间|签发日期|印发日期)\s*[:：]\s*(?:" + _DATE + r"|" + _ISO.replace("?P<", "?P<i") + r")")
_PUBLISHED = regex.compile(
    r"(?:发布日期|发布时间|发文日期|发文时间|公布日期|发布于|發佈日期|發布日期|發布時間|發佈時間)\s*[:：]?\s*(?:"
    + _DATE
    + r"|"
    + _ISO.replace("?P<", "?P<i")
    + r")"
)
#: A 落款 line: only a date, or a short issuer name then the date (and maybe 印发 / 发布).
_SIGNATURE_LINE = regex.compile(
    r"^[ \t\u3000]*(?:(?P<issuer>[\p{Han}A-Za-z×（）()、·]{2,40}?)[ \t\u3000]+)?" + _DATE + r"[ \t\u3000]*(?:印发|发布|印發|發布)?[ \t\u3000]*$",
    regex.M,
)
#: A 落款 whose month or day is a placeholder (x, X, ×, ＿).
_PARTIAL_LINE = regex.compile(
    r"^[ \t\u3000]*(?:(?P<issuer>[\p{Han}A-Za-z×（）()、·]{2,40}?)[ \t\u3000]+)?" + _YEAR + r"\s*年\s*(?:[xX×＿_\s]{1,2}|" + _MONTH + r")\s*月\s*(?:[xX×＿_\s]{1,2}|" + _DAY + r")\s*日[ \t\u3000]*$",
    regex.M,
)
#: （2019年3月2日国务院令第709号） or （2016年3月5日在第十二届全国人民代表大会第四次会议上） under a title.
_UNDER_TITLE = regex.compile(r"^[ \t\u3000]*[（(]\s*" + _DATE + r"[^）)\n]{0,60}[）)][ \t\u3000]*$", regex.M)
#: A title line: “2020年…工作总结”, at most a bracketed note after the keyword.
_TITLE_YEAR = regex.compile(
    r"^[ \t\u3000]*(?:[^\n]{0,20}?[ \t\u3000>＞]\s*)?(?P<y>(?:19|20)\d{2})\s*年度?[^\n，。；]{0,30}?"
    r"(?P<k>总结|總結|报告|報告|计划|計劃|要点|要點|规划|規劃|方案)[ \t\u3000]*(?:[（(][^）)\n]{0,12}[）)])?[ \t\u3000]*$",
    regex.M,
)

#: Every kind of evidence holds a year: a text without one is answered by one search.
_ANY_YEAR = regex.compile(r"(?:19|20)\d{2}|[一二][" + _ZERO + r"一二三四五六七八九]{3}")

_TAIL_LINES = 15
_HEAD_LINES = 8


def _cn_number(s: str) -> int:
    if s.isdigit():
        return int(s)
    if "十" in s:
        left, _, right = s.partition("十")
        return (_CN_DIGITS[left] if left else 1) * 10 + (_CN_DIGITS[right] if right else 0)
    return int("".join(str(_CN_DIGITS[c]) for c in s))


def _to_date(m: regex.Match, prefix: str = "") -> Optional[_dt.date]:
    try:
        y, mo, d = m[prefix + "y"], m[prefix + "m"], m[prefix + "d"]
        if y is None:
            if prefix:
                return None
            return _to_date(m, "i")
        return _dt.date(_cn_number(y), _cn_number(mo), _cn_number(d))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _plausible(d: Optional[_dt.date]) -> bool:
    return d is not None and _dt.date(1949, 10, 1) <= d <= _dt.date.today() + _dt.timedelta(days=366)


def _tail_start(text: str, n: int) -> int:
    lines = text.rstrip().split("\n")
    if len(lines) <= n:
        return 0
    return len("\n".join(lines[:-n])) + 1


def _head_end(text: str, n: int) -> int:
    pos = 0
    for _ in range(n):
        i = text.find("\n", pos)
        if i < 0:
            return len(text)
        pos = i + 1
    return pos


def detect_document_date(text: str) -> Optional[tuple[_dt.date, str]]:
    """(date, why) from the document's own 成文日期 / 落款, or None when it states none."""
    if not isinstance(text, str) or not _ANY_YEAR.search(text):
        return None
    # 1. labelled 成文日期
    for m in _SIGNED.finditer(text):
        d = _to_date(m)
        if _plausible(d):
            return d, f"成文日期标注“{m.group(0).strip()}”"
    # 2. 落款 among the last lines (the last one wins: the signature follows any date in the body)
    tail = _tail_start(text, _TAIL_LINES)
    found = None
    for m in _SIGNATURE_LINE.finditer(text, tail):
        issuer = m["issuer"] or ""
        if issuer and not _looks_like_issuer(issuer):
            continue
        d = _to_date(m)
        if _plausible(d):
            found = (d, m)
    if found:
        return found[0], f"落款日期“{found[1].group(0).strip()}”"
    # 2b. a 落款 before attachments: a date line right under an issuer line, anywhere
    for m in _SIGNATURE_LINE.finditer(text, 0, tail):
        if m["issuer"]:
            continue
        prev = text[: m.start()].rstrip().rsplit("\n", 1)[-1].strip()
        if prev and len(prev) <= 30 and _looks_like_issuer(prev):
            d = _to_date(m)
            if _plausible(d):
                return d, f"落款日期“{prev} {m.group(0).strip()}”"
    # 3. a bracketed date under the title
    head = _head_end(text, _HEAD_LINES)
    for m in _UNDER_TITLE.finditer(text, 0, head):
        d = _to_date(m)
        if _plausible(d):
            return d, f"题注日期“{m.group(0).strip()}”"
    # 4. the page's publication label
    for m in _PUBLISHED.finditer(text):
        d = _to_date(m)
        if _plausible(d):
            return d, f"发布日期标注“{m.group(0).strip()}”"
    # 5. a 落款 with an unfilled month or day
    for m in _PARTIAL_LINE.finditer(text, tail):
        if not regex.search(r"[xX×＿_]", text[m.start("y") : m.end()]):
            continue
        if m["issuer"] and not _looks_like_issuer(m["issuer"]):
            continue
        try:
            y = _cn_number(m["y"])
        except (KeyError, ValueError):
            continue
        d = _dt.date(y, 1, 1) if 1949 < y <= _dt.date.today().year else None
        if _plausible(d):
            return d, f"落款年份“{m.group(0).strip()}”（月日未填，按该年1月1日）"
    # 6. the year of the summary / report / plan named in the title
    for m in _TITLE_YEAR.finditer(text, 0, head):
        y = int(m["y"])
        if not 1949 < y <= _dt.date.today().year:
            continue
        kind = m["k"]
        d = _dt.date(y, 1, 1) if kind in ("计划", "計劃", "要点", "要點", "规划", "規劃", "方案") else _dt.date(y, 12, 1)
        if _plausible(d):
            return d, f"标题年份“{m.group(0).strip()}”（按{d.isoformat()}）"
    return None


_ISSUER_END = regex.compile(
    r"(?:政府|委员会|委員會|办公室|辦公室|办公厅|辦公廳|局|厅|廳|部|委|院|会|會|中心|公司|集团|党委|党组|支部|总支|工委|署|处|處|所|站|队|隊|馆|館|校|学院|大学|协会|协会|联合会|法院|检察院|办|辦|室|科)\s*(?:（[^）]{1,20}）)?$"
)


def _looks_like_issuer(s: str) -> bool:
    return bool(_ISSUER_END.search(s.strip()))
