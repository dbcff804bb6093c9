"""Scoring for tests/data/political_cases.tsv and political_cases_2.tsv (tests/test_political_cases.py, by hand).

A positive is caught when a political finding whose rule_id starts with one of the expected
prefixes (``POL2|POL4``) is reported; when the note's first word occurs in the sentence, the finding
must also overlap that text (the erroneous span). A clean sentence is a false alarm when any political
finding of severity blocker/serious/warning is reported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

CASES = Path(__file__).parent / "data" / "political_cases.tsv"
CASES_2 = Path(__file__).parent / "data" / "political_cases_2.tsv"
CASES_3 = Path(__file__).parent / "data" / "political_cases_3.tsv"
ALARM = {"blocker", "serious", "warning"}


@dataclass
class Case:
    line: int
    expect: str
    codes: tuple[str, ...]
    doc_date: dt.date
    text: str
    note: str


def load_cases(path: Path = CASES) -> list[Case]:
    cases = []
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) < 4:
            raise ValueError(f"{path.name}:{no}: expected at least 4 tab-separated columns")
        expect, code, date, text = parts[:4]
        note = parts[4] if len(parts) > 4 else ""
        if expect not in ("flag", "clean"):
            raise ValueError(f"{path.name}:{no}: expect must be flag or clean")
        codes = tuple(c for c in code.split("|") if c and c != "-")
        cases.append(Case(no, expect, codes, dt.date.fromisoformat(date), text, note))
    return cases


def _target_span(case: Case):
    word = case.note.split(" ")[0].split("（")[0] if case.note else ""
    if len(word) >= 2 and word in case.text:
        i = case.text.index(word)
        return i, i + len(word)
    return None


def evaluate(check, cases: list[Case] | None = None):
    cases = load_cases() if cases is None else cases
    misses, alarms = [], []
    pos = neg = 0
    for c in cases:
        rep = check(c.text, doc_date=c.doc_date)
        pol = [f for f in rep.findings if f.category == "political"]
        if c.expect == "flag":
            pos += 1
            span = _target_span(c)
            ok = any(
                f.rule_id.startswith(c.codes)
                and (span is None or (f.start < span[1] and f.end > span[0]))
                for f in pol
            )
            if not ok:
                misses.append((c, pol))
        else:
            neg += 1
            bad = [f for f in pol if f.severity in ALARM]
            if bad:
                alarms.append((c, bad))
    return {
        "positives": pos,
        "negatives": neg,
        "misses": misses,
        "alarms": alarms,
        "catch_rate": (pos - len(misses)) / pos if pos else 1.0,
        "false_alarm_rate": len(alarms) / neg if neg else 0.0,
    }


def describe(result) -> str:
    out = [
        f"catch {result['catch_rate']:.3f} ({result['positives'] - len(result['misses'])}/{result['positives']}), "
        f"false alarms {result['false_alarm_rate']:.3f} ({len(result['alarms'])}/{result['negatives']})"
    ]
    for c, pol in result["misses"]:
        got = ", ".join(f"{f.rule_id}:{f.text}" for f in pol) or "nothing"
        out.append(f"MISS  l{c.line} [{'|'.join(c.codes)}] {c.doc_date} {c.text}  ({c.note}) -> {got}")
    for c, bad in result["alarms"]:
        got = ", ".join(f"{f.rule_id}/{f.severity}:{f.text}" for f in bad)
        out.append(f"ALARM l{c.line} {c.doc_date} {c.text}  ({c.note}) -> {got}")
    return "\n".join(out)


if __name__ == "__main__":
    import sys

    import govcheck

    for arg in sys.argv[1:] or [str(CASES), str(CASES_2), str(CASES_3)]:
        print(f"== {arg}")
        print(describe(evaluate(govcheck.check, load_cases(Path(arg)))))
