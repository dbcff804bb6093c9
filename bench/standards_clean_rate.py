"""False-alarm rate of the GB/T standards packs (FMT, PUN, NUM) on proofread official text.

    python bench/standards_clean_rate.py                 # clean_dev: findings per 10,000 characters
    python bench/standards_clean_rate.py --show          # ... and every finding (rule, text, context)
    python bench/standards_clean_rate.py --samples       # counts on the real drafts + examples
    python bench/standards_clean_rate.py --timing        # warm time per 3,000-character text

Each clean_dev document is checked as of its own date (clean_dev/SOURCES.md). Target: at most one
finding per 10,000 characters. Prints only counts and short snippets, never whole documents.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from collections import Counter
from pathlib import Path

from govcheck.config import Config
from govcheck.engine import Checker

SHARED = Path(__file__).resolve().parents[2] / "shared"
CLEAN = SHARED / "data" / "clean_dev"
SAMPLES = SHARED / "samples" / "real_drafts"
PREFIXES = ("FMT", "PUN", "NUM")


def clean_dates() -> dict[str, dt.date]:
    """file name → document date from SOURCES.md (YYYY-MM → the 1st of that month)."""
    dates = {}
    for line in (CLEAN / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|\s*(\S+\.txt)\s*\|\s*(\d{4})-(\d{2})(?:-(\d{2}))?\s*\|", line)
        if m:
            dates[m.group(1)] = dt.date(int(m.group(2)), int(m.group(3)), int(m.group(4) or 1))
    return dates


def snippet(text: str, start: int, end: int, width: int = 12) -> str:
    return (text[max(0, start - width) : start] + "【" + text[start:end] + "】" + text[end : end + width]).replace("\n", "⏎")


def run_clean(checker: Checker, show: bool) -> float:
    dates = clean_dates()
    total_chars = 0
    by_rule: Counter[str] = Counter()
    elapsed = 0.0
    for name, date in sorted(dates.items()):
        text = (CLEAN / name).read_text(encoding="utf-8")
        t0 = time.perf_counter()
        report = checker.check(text, doc_date=date)
        elapsed += time.perf_counter() - t0
        total_chars += len(text)
        for f in report.findings:
            by_rule[f.rule_id] += 1
            if show:
                print(f"  {name} {f.rule_id} {f.severity}: {snippet(text, f.start, f.end)} → {f.suggestions[:1]}")
    n = sum(by_rule.values())
    rate = n / total_chars * 10000
    print(f"clean_dev: {len(dates)} documents, {total_chars} characters, {n} findings "
          f"= {rate:.2f} per 10,000 characters (target ≤ 1.00); {elapsed * 1000:.0f} ms checking")
    for rid, c in sorted(by_rule.items()):
        print(f"  {rid}: {c}")
    return rate


def run_samples(checker: Checker, examples: int) -> None:
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        report = checker.check(text)
        cats = Counter(f.category for f in report.findings)
        rules = Counter(f.rule_id for f in report.findings)
        print(f"\n{path.name}: {len(text)} chars, {len(report.findings)} findings "
              f"({', '.join(f'{k} {v}' for k, v in sorted(cats.items()))}); doc_date {report.doc_date} ({report.doc_date_source})")
        print("  by rule: " + ", ".join(f"{k} {v}" for k, v in sorted(rules.items())))
        seen: Counter[str] = Counter()
        for f in report.findings:
            if seen[f.rule_id] >= examples:
                continue
            seen[f.rule_id] += 1
            print(f"    {f.rule_id} {f.severity} L{f.line}: {snippet(text, f.start, f.end)} → {f.suggestions[:1]}")


def run_timing(checker: Checker) -> None:
    """Best-of warm time of one check restricted to these packs on 3,000-character texts."""
    texts = {}
    clean = sorted(CLEAN.glob("reg_*.txt"))
    if clean:
        texts["clean " + clean[0].name] = clean[0].read_text(encoding="utf-8")[:3000]
    drafts = sorted(SAMPLES.glob("*.txt"), key=lambda p: p.stat().st_size)
    if drafts:
        texts["draft " + drafts[-1].name[:3]] = drafts[-1].read_text(encoding="utf-8")[:3000]
    date = dt.date(2024, 1, 1)
    for name, text in texts.items():
        for _ in range(5):
            checker.check(text, doc_date=date)
        best = float("inf")
        for _ in range(15):
            t0 = time.perf_counter()
            for _ in range(10):
                checker.check(text, doc_date=date)
            best = min(best, (time.perf_counter() - t0) / 10)
        print(f"timing: {name} ({len(text)} chars): {best * 1000:.2f} ms per check (best of 15×10, warm)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="print every clean_dev finding")
    ap.add_argument("--samples", action="store_true", help="also report on the real drafts")
    ap.add_argument("--examples", type=int, default=2, help="findings shown per rule per sample")
    ap.add_argument("--timing", action="store_true", help="also time one check on 3,000-character texts")
    args = ap.parse_args(argv)
    checker = Checker(Config(select=PREFIXES)).warm_up()
    rate = run_clean(checker, args.show)
    if args.samples:
        run_samples(checker, args.examples)
    if args.timing:
        run_timing(checker)
    return 0 if rate <= 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
