"""Small readers for the political fact tables (TSV next to the rule YAML), shared by the POL code rules.

Every reader raises `DictionaryError` with file and line on a malformed row, so a broken table fails
at load time, never during a check.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Iterator, Optional

from govcheck.packs import DictionaryError


def parse_date(value: str, path: Path, line: int) -> Optional[_dt.date]:
    value = value.strip()
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise DictionaryError("GD011", str(path), line, f"bad date '{value}' (want YYYY-MM-DD)") from None


def rows(base_dir: str, name: str, min_cols: int) -> Iterator[tuple[int, list[str], Path]]:
    """(line number, columns, path) for every data row of a TSV table; '#' lines are comments."""
    path = Path(base_dir) / name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DictionaryError("GD010", str(path), None, "table file not found") from None
    except UnicodeDecodeError:
        raise DictionaryError("GD001", str(path), None, "table is not UTF-8") from None
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < min_cols or not cols[0]:
            raise DictionaryError("GD011", str(path), n, f"expected at least {min_cols} tab-separated columns")
        yield n, cols, path


_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_ordinal(s: str) -> Optional[int]:
    """一 … 九十九 as written in 十八届, 二十一大, 十二中全会; None when not a plain numeral."""
    if not s:
        return None
    if s.isdigit():  # 19届8中全会 in informal copy (ASCII or full-width digits)
        try:
            return int(s)
        except ValueError:
            return None
    if s == "十":
        return 10
    if "十" in s:
        left, _, right = s.partition("十")
        if len(left) > 1 or len(right) > 1:
            return None
        tens = _CN.get(left, None) if left else 1
        ones = _CN.get(right, None) if right else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    if len(s) == 1:
        return _CN.get(s)
    return None


def cn_numeral(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
