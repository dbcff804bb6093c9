"""Derived data kept between processes (parsed packs, word tables), so later starts are fast.

Files live in $GOVCHECK_CACHE_DIR, else $XDG_CACHE_HOME/govcheck or ~/.cache/govcheck. A name
carries a key derived from the sources' sizes and modification times, so a changed source builds a
new file. Unreadable, damaged or unwritable caches only cost speed: the data is rebuilt.
"""

from __future__ import annotations

import gc
import marshal
import os
import pickle
import threading
from pathlib import Path
from typing import Any, Callable, Iterable, Optional


class paused_gc:
    """Hold the cyclic garbage collector while long-lived tables are built: loading creates millions
    of objects that live as long as the process, and each collection on the way would walk all of
    them for nothing. The collector's previous state is restored (nesting is safe)."""

    def __enter__(self) -> "paused_gc":
        self.was_enabled = gc.isenabled()
        gc.disable()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.was_enabled:
            gc.enable()


def cache_dir() -> Optional[Path]:
    env = os.environ.get("GOVCHECK_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "govcheck"


def source_key(paths: Iterable[Path]) -> str:
    """Sizes and modification times of the sources, as a file-name-safe key."""
    parts = []
    for p in paths:
        st = Path(p).stat()
        parts.append(f"{st.st_size}-{int(st.st_mtime)}")
    return "_".join(parts)


def cached(
    name: str,
    build: Callable[[], Any],
    *,
    codec: str = "marshal",
    valid: Callable[[Any], bool] = lambda v: True,
    prune: str = "",
) -> Any:
    """The value stored under `name`, or `build()` stored there for next time.

    codec "marshal" is fastest and takes only built-in containers, str, int and float; "pickle"
    also takes dates and other plain objects. With `prune`, other files whose names start with it
    (stale versions of the same data) are removed after a rebuild.
    """
    folder = cache_dir()
    path = folder / f"{name}.{codec}" if folder else None
    loads = marshal.loads if codec == "marshal" else pickle.loads
    dumps = marshal.dumps if codec == "marshal" else (lambda v: pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL))
    if path is not None and path.is_file():
        try:
            value = loads(path.read_bytes())  # one read: much faster than unmarshalling from a file handle
            if valid(value):
                return value
        except Exception:  # damaged or from another Python: rebuild
            pass
    value = build()
    if path is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.tmp{os.getpid()}.{threading.get_ident()}")
            tmp.write_bytes(dumps(value))
            os.replace(tmp, path)
            if prune:
                for old in folder.glob(f"{prune}*.{codec}"):
                    if old != path:
                        old.unlink(missing_ok=True)
        except (OSError, ValueError, pickle.PicklingError):
            pass
    return value
