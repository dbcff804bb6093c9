"""Run rules' own examples (bad ones must be flagged, good ones must not): tests and `dict validate`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional


@dataclass
class ExampleFailure:
    rule_id: str
    kind: str  # "bad" or "good"
    text: str
    problem: str
    file: str = ""

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        return f"{where}{self.rule_id} {self.kind} example {self.text!r}: {self.problem}"


def check_example(checker, rule_id: str, kind: str, example) -> Optional[str]:
    """None when the example behaves as declared, else what went wrong."""
    report = checker.check(example.text, doc_date=example.doc_date)
    mine = [f for f in report.findings if f.rule_id == rule_id]
    if kind == "good":
        if mine:
            return f"unexpected finding on “{mine[0].text}”: {mine[0].message}"
        return None
    if not mine:
        others = ", ".join(sorted({f.rule_id for f in report.findings})) or "none"
        return f"not flagged (other findings: {others})"
    if example.span is not None and not any(f.text == example.span for f in mine):
        return f"expected span “{example.span}”, got {[f.text for f in mine]}"
    if example.suggestion is not None and not any(f.suggestions[:1] == [example.suggestion] for f in mine):
        return f"expected suggestion “{example.suggestion}”, got {[f.suggestions[:1] for f in mine]}"
    for f in mine:
        if example.text[f.start : f.end] != f.text:
            return "finding offsets do not match its text"
    return None


def iter_examples(checker) -> Iterable[tuple[str, str, object, str]]:
    for info in checker.rule_infos():
        for ex in info.bad:
            yield info.rule_id, "bad", ex, info.file
        for ex in info.good:
            yield info.rule_id, "good", ex, info.file


def run_examples(checker) -> list[ExampleFailure]:
    failures = []
    for rule_id, kind, ex, file in iter_examples(checker):
        problem = check_example(checker, rule_id, kind, ex)
        if problem:
            failures.append(ExampleFailure(rule_id, kind, ex.text, problem, file))
    return failures
