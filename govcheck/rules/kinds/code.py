"""code: a rule whose logic needs Python; its declaration (title, source, examples) stays in data."""

from __future__ import annotations

from govcheck.rules.kinds import load_object


def resolve_code_rule(spec, pack, base_dir, entries):
    cls = load_object(spec.impl, package="govcheck.rules.builtin")
    return cls(spec, pack, base_dir, entries)
