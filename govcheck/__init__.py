"""govcheck: offline proofreading of Chinese government drafts.

    >>> import govcheck
    >>> report = govcheck.check("中华人民共合国成立七十五周年。")
    >>> [(f.rule_id, f.text, f.suggestions) for f in report.findings]

Importing is cheap: dictionaries, jieba and the matcher load on the first check and are reused.
"""

from __future__ import annotations

import datetime as _dt
import threading
from typing import TYPE_CHECKING, Any, Optional


__version__ = "0.1.0"
__all__ = ["check", "Checker", "Config", "ConfigError", "Finding", "Report", "RuleInfo", "PackInfo", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from govcheck.config import Config, ConfigError
    from govcheck.engine import Checker
    from govcheck.models import Finding, PackInfo, Report, RuleInfo

#: Public names and the modules that define them; imported on first use so `import govcheck` is cheap.
_LAZY = {
    "Config": "govcheck.config",
    "ConfigError": "govcheck.config",
    "Finding": "govcheck.models",
    "PackInfo": "govcheck.models",
    "Report": "govcheck.models",
    "RuleInfo": "govcheck.models",
    "Checker": "govcheck.engine",
    "check_file": "govcheck.document",
    "redact": "govcheck.redaction",
}

_default: Optional["Checker"] = None
_default_lock = threading.Lock()


def default_checker() -> "Checker":
    """The shared Checker used by check() when no config is given (loaded once per process)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                from govcheck.config import Config
                from govcheck.engine import Checker

                _default = Checker(Config())
    return _default


def check(text: str, *, doc_date: Optional[_dt.date] = None, config: Optional[Config] = None) -> Report:
    """Proofread one text. doc_date: the date the document speaks from (default: its own 成文日期, else today)."""
    if config is None:
        return default_checker().check(text, doc_date=doc_date)
    return _checker_for(config).check(text, doc_date=doc_date)


_by_config: dict[str, Any] = {}


def _checker_for(config: Config) -> "Checker":
    with _default_lock:
        key = config.model_dump_json()
        chk = _by_config.get(key)
        if chk is None:
            from govcheck.engine import Checker

            chk = Checker(config)
            if len(_by_config) > 8:
                _by_config.clear()
            _by_config[key] = chk
        return chk


def __getattr__(name: str) -> Any:
    """Expose the public names lazily (PEP 562)."""
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'govcheck' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
