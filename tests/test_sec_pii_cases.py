"""The hand-written SEC/PII case set (tests/data/sec_pii_cases.tsv) as a measured gate.

* caught        — a `flag` case gets a finding with the expected rule code at the expected severity;
* false alarm   — a `clean` case (a look-alike correct sentence) gets any SEC/PII finding at
                  warning or above (info-level notes are allowed: they ask, they do not alarm).

The rates are computed from the checker's output; the thresholds are the issue's targets.
Run `python tests/test_sec_pii_cases.py` for the numbers and every miss / alarm.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

CASES = Path(__file__).parent / "data" / "sec_pii_cases.tsv"
#: The second QA pass's cases (other portal styles; notes start with the batch, e.g. "b1:").
CASES_2 = Path(__file__).parent / "data" / "sec_pii_cases_2.tsv"
MINE = ("SEC", "PII")
LOUD = ("blocker", "serious", "warning")
_ESC = re.compile(r"\\(.)")


@dataclass(frozen=True)
class Case:
    line: int
    expect: str
    code: str
    severity: str
    doc_date: Optional[dt.date]
    text: str
    note: str


def _unescape(cell: str) -> str:
    return _ESC.sub(lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)), cell)


def load_cases(path: Path = CASES) -> list[Case]:
    cases = []
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[:5] == ["expect", "code", "severity", "doc_date", "text"], "bad header"
    for no, raw in enumerate(lines[1:], start=2):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        assert len(cells) >= 5, f"{path.name}:{no}: expected ≥5 columns"
        expect, code, severity, date, text = cells[:5]
        note = cells[5] if len(cells) > 5 else ""
        assert expect in ("flag", "clean"), f"{path.name}:{no}: expect must be flag|clean"
        doc_date = dt.date.fromisoformat(date) if date not in ("", "-") else None
        cases.append(Case(no, expect, code, severity, doc_date, _unescape(text), note))
    return cases


def evaluate(checker, cases: list[Case]) -> dict:
    flags = [c for c in cases if c.expect == "flag"]
    cleans = [c for c in cases if c.expect == "clean"]
    misses, alarms = [], []
    caught = 0
    for c in flags:
        found = [f for f in checker.check(c.text, doc_date=c.doc_date).findings if f.rule_id.startswith(MINE)]
        if any(f.rule_id == c.code and f.severity == c.severity for f in found):
            caught += 1
        else:
            misses.append(f"line {c.line} [{c.note}] want {c.code}/{c.severity} got {[(f.rule_id, f.severity, f.text) for f in found]} in {c.text[:60]!r}")
    false_alarms = 0
    for c in cleans:
        found = [f for f in checker.check(c.text, doc_date=c.doc_date).findings if f.rule_id.startswith(MINE) and f.severity in LOUD]
        if found:
            false_alarms += 1
            alarms.append(f"line {c.line} [{c.note}] {[(f.rule_id, f.severity, f.text) for f in found]} in {c.text[:60]!r}")
    return {
        "flag": len(flags),
        "clean": len(cleans),
        "caught": caught,
        "catch_rate": caught / len(flags) if flags else 1.0,
        "false_alarms": false_alarms,
        "false_alarm_rate": false_alarms / len(cleans) if cleans else 0.0,
        "misses": misses,
        "alarms": alarms,
    }


def test_case_file_is_substantial():
    cases = load_cases()
    flags = sum(c.expect == "flag" for c in cases)
    assert len(cases) >= 300 and len(cases) - flags >= flags * 0.9


def test_catch_rate_and_false_alarms(core_checker):
    r = evaluate(core_checker, load_cases())
    detail = "\n".join(["misses:"] + r["misses"] + ["false alarms:"] + r["alarms"])
    assert r["catch_rate"] >= 0.95, f"catch rate {r['catch_rate']:.3f} ({r['caught']}/{r['flag']})\n{detail}"
    assert r["false_alarm_rate"] <= 0.02, f"false-alarm rate {r['false_alarm_rate']:.3f} ({r['false_alarms']}/{r['clean']})\n{detail}"


def test_second_case_file_is_balanced():
    cases = load_cases(CASES_2)
    flags = sum(c.expect == "flag" for c in cases)
    assert len(cases) >= 150 and len(cases) - flags >= flags * 0.9


def test_second_case_file_catch_rate_and_false_alarms(core_checker):
    r = evaluate(core_checker, load_cases(CASES_2))
    detail = "\n".join(["misses:"] + r["misses"] + ["false alarms:"] + r["alarms"])
    assert r["catch_rate"] >= 0.95, f"catch rate {r['catch_rate']:.3f} ({r['caught']}/{r['flag']})\n{detail}"
    assert r["false_alarm_rate"] <= 0.02, f"false-alarm rate {r['false_alarm_rate']:.3f} ({r['false_alarms']}/{r['clean']})\n{detail}"


if __name__ == "__main__":
    from govcheck.engine import Checker

    checker = Checker()
    for path in (CASES, CASES_2):
        result = evaluate(checker, load_cases(path))
        for line in result["misses"]:
            print("MISS ", line)
        for line in result["alarms"]:
            print("ALARM", line)
        print(
            f"{path.name}: flag {result['flag']}  caught {result['caught']}  catch rate {result['catch_rate']:.3f}  |  "
            f"clean {result['clean']}  false alarms {result['false_alarms']}  rate {result['false_alarm_rate']:.3f}"
        )
