"""Locate pycorrector's shipped data files without importing pycorrector (its import pulls torch)."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path


class MissingDataError(RuntimeError):
    """pycorrector's data files are not installed."""


@lru_cache(maxsize=1)
def data_dir() -> Path:
    spec = importlib.util.find_spec("pycorrector")
    if spec is None or not spec.submodule_search_locations:
        raise MissingDataError("pycorrector is not installed; run: pip install pycorrector")
    path = Path(list(spec.submodule_search_locations)[0]) / "data"
    if not path.is_dir():
        raise MissingDataError(f"pycorrector data folder not found at {path}")
    return path


def data_file(name: str) -> Path:
    """Path of one shipped file: same_pinyin.txt, same_stroke.txt, word_freq.txt, person_name.txt,
    place_name.txt, common_char_set.txt, sighan2015_test.tsv."""
    path = data_dir() / name
    if not path.is_file():
        raise MissingDataError(f"pycorrector data file missing: {path}")
    return path
