"""Traditional characters that have a different simplified form (總 → 总), for spotting traditional
text pasted into a simplified draft.

The map comes from the traditional-to-simplified table that pycorrector ships in
``pycorrector/utils/zh_wiki.py`` (Wikipedia's conversion table), read as data with ``ast`` (never
imported), keeping single characters only, and cached next to the typo lexicon. Characters that
are also normal in simplified text (乾坤, 狼藉, 大阪, 瞭望) are left out.
"""

from __future__ import annotations

import ast
import threading
from typing import Optional

#: Valid in simplified text as well.
_ALSO_SIMPLIFIED = frozenset("乾幺藉阪瞭徵夥麽覆蘋涌")

_lock = threading.Lock()
_map: Optional[dict[str, str]] = None


def _source():
    from govcheck.pycorrector_data import data_dir

    return data_dir().parent / "utils" / "zh_wiki.py"


def _build(path) -> dict[str, str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "zh2Hans":
            table = ast.literal_eval(node.value)
            return {
                k: v
                for k, v in table.items()
                if len(k) == 1 and len(v) == 1 and k != v and k not in _ALSO_SIMPLIFIED and "\u4e00" <= k <= "\u9fff"
            }
    return {}


def trad_to_simp() -> dict[str, str]:
    """{traditional character: simplified character}; empty when the table is unavailable."""
    global _map
    if _map is not None:
        return _map
    with _lock:
        if _map is None:
            _map = _load()
    return _map


def _load() -> dict[str, str]:
    from govcheck.cache import cached, source_key

    try:
        src = _source()
        key = source_key([src])
    except Exception:  # pycorrector missing or reorganised: the rule stays silent
        return {}

    def build() -> dict[str, str]:
        try:
            return _build(src)
        except (OSError, SyntaxError, ValueError):
            return {}

    return cached(f"trad-{key}-{len(_ALSO_SIMPLIFIED)}", build, valid=lambda v: isinstance(v, dict), prune="trad-")
