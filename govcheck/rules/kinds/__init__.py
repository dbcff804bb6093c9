"""One engine module per rule kind; `ENGINES` maps a kind to the class that runs it."""

from __future__ import annotations

import importlib

ENGINES: dict[str, str] = {
    "existence": "govcheck.rules.kinds.terms:TermRule",
    "substitution": "govcheck.rules.kinds.terms:TermRule",
    "pattern": "govcheck.rules.kinds.pattern:PatternRule",
    "formula": "govcheck.rules.kinds.formula:FormulaRule",
    "sequence": "govcheck.rules.kinds.sequence:SequenceRule",
    "recognizer": "govcheck.rules.kinds.recognizer:RecognizerRule",
    "near_miss": "govcheck.rules.kinds.near_miss:NearMissRule",
    "code": "govcheck.rules.kinds.code:resolve_code_rule",
}


def load_object(dotted: str, package: str | None = None):
    """Import "module:attr"; a module name without dots is looked up under `package`."""
    module_name, _, attr = dotted.partition(":")
    if package and "." not in module_name:
        module_name = f"{package}.{module_name}"
    return getattr(importlib.import_module(module_name), attr)


def engine_for(kind: str):
    return load_object(ENGINES[kind])
