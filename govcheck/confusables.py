"""Characters easily confused with one another: same or similar sound, similar shape.

Built once from pycorrector's shipped tables (same_pinyin.txt, same_stroke.txt) and used by every
near-miss check (protected names, fixed formulations, the typo lexicon).
"""

from __future__ import annotations

from functools import lru_cache

from govcheck.pycorrector_data import data_file


@lru_cache(maxsize=1)
def _sound_table() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for line in data_file("same_pinyin.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        ch = cols[0].strip()
        if len(ch) != 1:
            continue
        same = set(cols[1].strip()) if len(cols) > 1 else set()
        near = set(cols[2].strip()) if len(cols) > 2 else set()
        table.setdefault(ch, set()).update(same | near)
    return {k: frozenset(v - {k}) for k, v in table.items()}


@lru_cache(maxsize=1)
def _sound_same_tone_table() -> dict[str, frozenset[str]]:
    table: dict[str, frozenset[str]] = {}
    for line in data_file("same_pinyin.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) > 1 and len(cols[0].strip()) == 1:
            table[cols[0].strip()] = frozenset(cols[1].strip()) - {cols[0].strip()}
    return table


@lru_cache(maxsize=1)
def _shape_table() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for line in data_file("same_stroke.txt").read_text(encoding="utf-8").splitlines():
        chars = [c for c in line.replace("\t", "").replace(" ", "") if not c.isspace()]
        for c in chars:
            table.setdefault(c, set()).update(chars)
    return {k: frozenset(v - {k}) for k, v in table.items()}


def similar_sound(ch: str, same_tone_only: bool = False) -> frozenset[str]:
    """Characters read alike (same pinyin; with same_tone_only, also the same tone)."""
    table = _sound_same_tone_table() if same_tone_only else _sound_table()
    return table.get(ch, frozenset())


def similar_shape(ch: str) -> frozenset[str]:
    """Characters that look alike."""
    return _shape_table().get(ch, frozenset())


def similar(ch: str) -> frozenset[str]:
    """Characters confusable with ch by sound or by shape."""
    return similar_sound(ch) | similar_shape(ch)
