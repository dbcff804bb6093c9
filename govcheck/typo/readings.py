"""Wider confusion sets for TYP010, beyond pycorrector's same_pinyin / same_stroke tables.

Those tables cover about 3,500 common characters by sound and a few hundred groups by shape. On the
ECSpell train splits a quarter of the real slips fall outside them, in three groups:

* rare characters (菅理 for 管理, 嗨关 for 海关, 掴发 for 国发): a GB2312 character the sound table
  does not list at all. ``rare_sound`` gives the common characters with one of its readings
  (pypinyin's character dictionary, tones ignored). Cheap: such characters are rare in edited text.
* near readings (推井 for 推进, 厂学研 for 产学研, 卫申 for 卫生): the usual regional mergers,
  zh/ch/sh = z/c/s, -ng = -n, l = n. ``near_sound`` gives common characters whose reading merges.
* one stroke apart (基木 for 基本, 淮确 for 准确, 丙容 for 内容): ``one_stroke`` gives common
  characters whose stroke sequence (pycorrector's stroke.txt: h, s, p, n, z) differs by one stroke
  added, dropped or changed.

* one component (锐务 for 税务, 过珵 for 过程, 公序良谷 for 公序良俗): ``sharing_part`` gives common
  characters with the same stroke tail (the component) and a different short head (the radical).

The tables are built once from the installed files (pypinyin's pinyin_dict, pycorrector's
stroke.txt and common_char_set.txt) and cached like the lexicon.
"""

from __future__ import annotations

import functools
import importlib.util
import threading
import unicodedata
from pathlib import Path
from typing import Optional

from govcheck.pycorrector_data import data_file

_FORMAT = 4
_LOCK = threading.Lock()
_TABLES: Optional[dict] = None


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _toneless(reading: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))
    return bare.replace("ü", "v")


def merge_reading(reading: str) -> str:
    """A toneless reading with the common mergers applied: zh/ch/sh -> z/c/s, -ng -> -n, l- -> n-."""
    r = reading
    for a, b in (("zh", "z"), ("ch", "c"), ("sh", "s")):
        if r.startswith(a):
            r = b + r[2:]
            break
    if r.endswith("ng") and len(r) > 2:
        r = r[:-1]
    if r.startswith("l"):
        r = "n" + r[1:]
    return r


def _pinyin_dict_path() -> Path:
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pypinyin is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "pinyin_dict.py"


def _sources() -> list[Path]:
    return [_pinyin_dict_path(), data_file("stroke.txt"), data_file("common_char_set.txt"), data_file("same_pinyin.txt")]


def _stroke_table() -> dict[str, str]:
    out = {}
    for line in data_file("stroke.txt").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 2 and len(cols[0]) == 1 and not line.startswith("#"):
            out[cols[0]] = cols[1].strip()
    return out


def _one_apart(strokes: dict[str, str], common: set[str]) -> dict[str, str]:
    """char -> common characters whose stroke sequence is one edit away (or identical), found with
    single-deletion keys: two sequences one substitution, insertion or deletion apart share a key."""
    by_key: dict[str, set[str]] = {}
    for ch in common:
        s = strokes.get(ch)
        if not s:
            continue
        for key in {s} | {s[:i] + s[i + 1 :] for i in range(len(s))}:
            by_key.setdefault(key, set()).add(ch)
    out = {}
    for ch, s in strokes.items():
        if not _is_han(ch) or len(s) < 2:
            continue
        near: set[str] = set()
        for key in {s} | {s[:i] + s[i + 1 :] for i in range(len(s))}:
            near.update(by_key.get(key, ()))
        near = {c for c in near if _one_edit(s, strokes[c])}
        near.discard(ch)
        if near:
            out[ch] = "".join(sorted(near))
    return out


#: the shortest stroke run counted as a shared component, and the most strokes the rest may have
PART_MIN = 5
SIDE_MAX = 6


def _sharing_part(strokes: dict[str, str], common: set[str]) -> dict[str, str]:
    """char -> common characters built on the same component: one is the other plus a radical
    (谷/俗, 甲/押, 吏/使), or both are one component with different radicals (锐/税, 珵/程, 债/绩).
    Stroke sequences stand in for a decomposition: the component is a shared tail of at least
    PART_MIN strokes, and what precedes it (the radical) has at most SIDE_MAX."""
    by_tail: dict[str, set[str]] = {}
    for ch in common:
        s = strokes.get(ch)
        if not s:
            continue
        for k in range(PART_MIN, len(s) + 1):
            by_tail.setdefault(s[-k:], set()).add(ch)
    out = {}
    for ch, s in strokes.items():
        if not _is_han(ch) or len(s) < PART_MIN:
            continue
        near: set[str] = set()
        for k in range(max(PART_MIN, len(s) - SIDE_MAX), len(s) + 1):
            head = s[: len(s) - k]
            for other in by_tail.get(s[-k:], ()):
                rest = len(strokes[other]) - k
                if rest <= SIDE_MAX and (rest or head) and strokes[other][:rest] != head:
                    near.add(other)
        near.discard(ch)
        if near:
            out[ch] = "".join(sorted(near))
    return out


def _one_edit(a: str, b: str) -> bool:
    """True when a and b are equal or one substitution, insertion or deletion apart."""
    if a == b:
        return True
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if abs(len(a) - len(b)) != 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def _in_gb2312(ch: str) -> bool:
    """Input methods offer GB2312's 6,763 characters first; a slip to a rarer one is rare, and
    leaving those out keeps the table small (3,400 entries instead of 17,500)."""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def build() -> dict[str, dict[str, str]]:
    from pypinyin.pinyin_dict import pinyin_dict  # only here: the build runs once per machine

    readings = {chr(k): {_toneless(r) for r in v.split(",")} for k, v in pinyin_dict.items() if 0x4E00 <= k <= 0x9FFF}
    listed = set()
    for line in data_file("same_pinyin.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            listed.add(line.split("\t")[0].strip())
    common = set(common_chars()) | {c for c in listed if len(c) == 1 and _is_han(c)}
    same: dict[str, set[str]] = {}
    merged: dict[str, set[str]] = {}
    for ch in common:
        for r in readings.get(ch, ()):
            same.setdefault(r, set()).add(ch)
            merged.setdefault(merge_reading(r), set()).add(ch)
    rare = {}
    for ch, rs in readings.items():
        if ch in listed or not _in_gb2312(ch):
            continue
        alts = set().union(*(same.get(r, set()) for r in rs)) - {ch}
        if alts:
            rare[ch] = "".join(sorted(alts))
    near = {}
    for ch in common:
        rs = readings.get(ch, ())
        alts = set().union(*(merged.get(merge_reading(r), set()) for r in rs)) if rs else set()
        alts -= set().union(*(same.get(r, set()) for r in rs)) if rs else set()
        alts.discard(ch)
        if alts:
            near[ch] = "".join(sorted(alts))
    strokes = _stroke_table()
    return {"rare": rare, "near": near, "stroke": _one_apart(strokes, common), "part": _sharing_part(strokes, common)}


@functools.lru_cache(maxsize=1)
def common_chars() -> frozenset:
    """pycorrector's common characters (common_char_set.txt: about 3,500)."""
    return frozenset(c for c in data_file("common_char_set.txt").read_text(encoding="utf-8") if _is_han(c))


def tables() -> dict[str, dict[str, str]]:
    global _TABLES
    if _TABLES is None:
        with _LOCK:
            if _TABLES is None:
                from govcheck.cache import cached, source_key

                key = source_key(_sources())
                _TABLES = cached(f"readings-{_FORMAT}-{key}", build, prune=f"readings-{_FORMAT}-")
    return _TABLES


def rare_sound(ch: str) -> str:
    """Common characters sharing a reading with ch, when pycorrector's sound table does not list ch."""
    return tables()["rare"].get(ch, "")


def near_sound(ch: str) -> str:
    """Common characters whose reading matches ch's after the zh/z, -ng/-n, l/n mergers (and is not
    the same reading)."""
    return tables()["near"].get(ch, "")


def one_stroke(ch: str) -> str:
    """Common characters one stroke apart from ch."""
    return tables()["stroke"].get(ch, "")


def sharing_part(ch: str) -> str:
    """Common characters built on the same component as ch (谷/俗, 锐/税)."""
    return tables()["part"].get(ch, "")
