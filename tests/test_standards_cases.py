"""Case set for the GB/T 9704 (FMT), GB/T 15834 (PUN) and GB/T 15835 (NUM) packs.

`tests/data/standards_cases.tsv` holds realistic lines from government drafts: positives for every rule
family and at least as many look-alike correct lines. The catch rate (a `flag` line gets a finding
with its expected code) and the false-alarm rate (a `clean` line gets any FMT/PUN/NUM finding of
severity blocker/serious/warning) are computed here from the file, never hard-coded.

    python tests/test_standards_cases.py     # prints the rates and every miss / false alarm
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from govcheck import Config
from govcheck.engine import Checker

CASES = Path(__file__).parent / "data" / "standards_cases.tsv"
PREFIXES = ("FMT", "PUN", "NUM")
ALARM = {"blocker", "serious", "warning"}
DOC_DATE = dt.date(2024, 7, 1)
_CHECKER: Checker | None = None


def checker() -> Checker:
    global _CHECKER
    if _CHECKER is None:
        _CHECKER = Checker(Config(select=PREFIXES))
    return _CHECKER


def _unescape(s: str) -> str:
    return s.replace("\\n", "\n").replace("\\t", "\t")


def load_cases() -> list[tuple[str, str, str, str]]:
    rows = []
    for lineno, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("expect\t"):
            continue
        parts = line.split("\t")
        assert len(parts) == 4, f"{CASES.name}:{lineno}: expected 4 tab-separated columns"
        expect, code, text, note = parts
        assert expect in ("flag", "clean"), f"{CASES.name}:{lineno}: bad expect {expect!r}"
        assert (code == "-") == (expect == "clean"), f"{CASES.name}:{lineno}: code/expect mismatch"
        rows.append((expect, code, _unescape(text), note))
    return rows


def evaluate():
    """→ (catch rate, false-alarm rate, misses, false alarms, counts)."""
    chk = checker()
    misses, alarms = [], []
    n_flag = n_clean = 0
    for expect, code, text, note in load_cases():
        findings = chk.check(text).findings
        for f in findings:
            assert text[f.start : f.end] == f.text
        if expect == "flag":
            n_flag += 1
            if not any(f.rule_id == code for f in findings):
                misses.append((code, text, note, [f.rule_id for f in findings]))
        else:
            n_clean += 1
            bad = [f for f in findings if f.severity in ALARM]
            if bad:
                alarms.append((text, note, [(f.rule_id, f.text) for f in bad]))
    catch = 1 - len(misses) / n_flag
    false_alarm = len(alarms) / n_clean
    return catch, false_alarm, misses, alarms, (n_flag, n_clean)


def test_case_file_is_large_and_balanced():
    rows = load_cases()
    flags = [r for r in rows if r[0] == "flag"]
    cleans = [r for r in rows if r[0] == "clean"]
    assert len(rows) >= 250
    assert len(cleans) >= len(flags)
    # every rule family is represented by positives
    families = {r[1][:3] for r in flags}
    assert families == {"FMT", "PUN", "NUM"}
    assert {"FMT001", "FMT002", "FMT003", "FMT010", "FMT011", "FMT020", "FMT030", "FMT040", "FMT050",
            "PUN001", "PUN003", "PUN007", "PUN009", "NUM001", "NUM002", "NUM003", "NUM004", "NUM006",
            "NUM007"} <= {r[1] for r in flags}


def test_catch_and_false_alarm_rates():
    catch, false_alarm, misses, alarms, _ = evaluate()
    assert catch >= 0.95, misses
    assert false_alarm <= 0.02, alarms


if __name__ == "__main__":
    catch, fa, misses, alarms, (nf, nc) = evaluate()
    print(f"flag lines {nf}, clean lines {nc}: catch {catch:.3f}, false alarms {fa:.3f}")
    for m in misses:
        print("MISS", m)
    for a in alarms:
        print("FALSE", a)
