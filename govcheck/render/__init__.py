"""Output formats. A format is a module here defining FORMAT (its name) and `render(results, **opts) -> str`."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from govcheck.models import Report


@dataclass
class FileResult:
    """One checked input: where it came from, the exact text checked, and its report."""

    path: str
    text: str
    report: Report
    #: Extra facts about the source (format, pages, paragraphs) for renderers that use them.
    meta: dict[str, Any] = field(default_factory=dict)
    #: Set when the input could not be checked (batch mode reports and skips it).
    error: Optional[str] = None


def renderers() -> dict[str, Callable[..., str]]:
    """Every available format, by name."""
    found: dict[str, Callable[..., str]] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        name = getattr(module, "FORMAT", None)
        if name and hasattr(module, "render"):
            found[name] = module.render
    return found
