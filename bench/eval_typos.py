"""Score govcheck's typo findings layer by layer (a measurement script, not a test).

    python bench/eval_typos.py [--data ../shared/data] [--engine kenlm:/path/zh.arpa] [--limit N]

Data sets: ECSpell odw and law train splits (../shared/data) and pycorrector's shipped
sighan2015_test.tsv. Scoring follows ../shared/data/README.md:

* only findings with category "typo" count;
* detection: a finding flags the characters its first suggestion changes (the whole span when it
  has no suggestion of the same length). Sentence level: a sentence is detected correctly when the
  flagged set equals the gold set {i : source[i] != target[i]}. Precision = correctly detected /
  sentences with any flag; recall = correctly detected / sentences with errors (SIGHAN-style).
  "overlap" is the looser variant (any flagged position is a gold position);
* correction (pycorrector's evaluate_utils): apply the first suggestion of every typo finding; on an
  erroneous sentence the result must equal the target (TP, else FN); on an error-free sentence any
  change is a FP (else TN); P = TP/(TP+FP), R = TP/(TP+FN);
* FP rate: the share of error-free sentences with any typo finding;
* speed: sentences per second of Checker.check (warm, one thread) for the layer's rule selection.

Layers (rule selections):
  L1 dictionaries        TYP001–TYP009
  L2 +near-miss (freq)   + TYP010 with rank=freq: every candidate that completes a frequent word
  L3 +LM ranking         + TYP010 ranked by the unigram language model (the default)
  L4 +anomalies          every TYP rule (repeats, 的/地/得, traditional characters, artefacts)
  deep                   L4 with typo_engine set (only with --engine)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govcheck.config import Config  # noqa: E402
from govcheck.engine import Checker  # noqa: E402


def load_tsv(path: Path, three_cols: bool) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if three_cols and len(cols) == 3:
            rows.append((cols[1], cols[2]))
        elif not three_cols and len(cols) == 2:
            rows.append((cols[0].strip(), cols[1].strip()))
    return rows


def gold_positions(src: str, tgt: str) -> set[int]:
    n = min(len(src), len(tgt))
    pos = {i for i in range(n) if src[i] != tgt[i]}
    pos.update(range(n, max(len(src), len(tgt))))
    return pos


def flagged_positions(findings) -> set[int]:
    pos: set[int] = set()
    for f in findings:
        sugg = f.suggestions[0] if f.suggestions else None
        if sugg is not None and len(sugg) == f.end - f.start:
            changed = {f.start + i for i, (a, b) in enumerate(zip(f.text, sugg)) if a != b}
            pos.update(changed or range(f.start, f.end))
        else:
            pos.update(range(f.start, f.end))
    return pos


def apply_first(src: str, findings) -> str:
    out, last = [], 0
    for f in sorted(findings, key=lambda f: (f.start, -(f.end - f.start))):
        if f.start < last or not f.suggestions:
            continue
        out.append(src[last : f.start])
        out.append(f.suggestions[0])
        last = f.end
    out.append(src[last:])
    return "".join(out)


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(checker: Checker, rows: list[tuple[str, str]]) -> dict[str, float]:
    det_ok = det_flagged = det_overlap = n_err = 0
    c_tp = c_fp = c_fn = c_tn = 0
    clean = clean_fp = 0
    t0 = time.perf_counter()
    reports = [checker.check(src) for src, _ in rows]
    elapsed = time.perf_counter() - t0
    for (src, tgt), rep in zip(rows, reports):
        typo = [f for f in rep.findings if f.category == "typo"]
        gold = gold_positions(src, tgt)
        flags = flagged_positions(typo)
        if gold:
            n_err += 1
        else:
            clean += 1
            clean_fp += bool(typo)
        if flags:
            det_flagged += 1
            if flags == gold:
                det_ok += 1
            if gold and flags <= gold:
                det_overlap += 1
        pred = apply_first(src, typo)
        if src == tgt:
            if pred == tgt:
                c_tn += 1
            else:
                c_fp += 1
        else:
            if pred == tgt:
                c_tp += 1
            else:
                c_fn += 1
    dp, dr, df = prf(det_ok, det_flagged - det_ok, n_err - det_ok)
    op, orr, of = prf(det_overlap, det_flagged - det_overlap, n_err - det_overlap)
    cp, cr, cf = prf(c_tp, c_fp, c_fn)
    return {
        "n": len(rows),
        "det_p": dp, "det_r": dr, "det_f1": df,
        "ovl_p": op, "ovl_r": orr, "ovl_f1": of,
        "cor_p": cp, "cor_r": cr, "cor_f1": cf,
        "fp_rate": clean_fp / clean if clean else 0.0,
        "sent_s": len(rows) / elapsed if elapsed else 0.0,
    }


def layers(engine: str | None) -> list[tuple[str, Config]]:
    out = [
        ("L1 dictionaries", Config(select=("TYP00",))),
        ("L2 +near-miss(freq)", Config(select=("TYP00", "TYP010"), rule_options={"TYP010": {"rank": "freq"}})),
        ("L3 +LM ranking", Config(select=("TYP00", "TYP010"))),
        ("L4 +anomalies", Config(select=("TYP",))),
    ]
    if engine:
        out.append((f"deep {engine.split(':')[0]}", Config(select=("TYP",), typo_engine=engine)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Layer-by-layer typo scores (see module docstring).")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--engine", default=None, help='optional typo_engine, e.g. "kenlm:/path/model.arpa"')
    ap.add_argument("--limit", type=int, default=0, help="score only the first N rows of each set")
    args = ap.parse_args(argv)
    from govcheck.pycorrector_data import data_file

    sets = [
        ("ecspell_odw_train", load_tsv(args.data / "ecspell_odw_train.tsv", True)),
        ("ecspell_law_train", load_tsv(args.data / "ecspell_law_train.tsv", True)),
        ("sighan2015_test", load_tsv(data_file("sighan2015_test.tsv"), False)),
    ]
    if args.limit:
        sets = [(n, r[: args.limit]) for n, r in sets]
    header = (
        f"{'set':<18} {'layer':<22} {'det P':>6} {'det R':>6} {'det F1':>6} | {'ovl P':>6} {'ovl R':>6} "
        f"{'ovl F1':>6} | {'cor P':>6} {'cor R':>6} {'cor F1':>6} | {'FP%':>5} | {'sent/s':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, cfg in layers(args.engine):
        checker = Checker(cfg)
        checker.warm_up()
        checker.check("预热：会议审议通过了总体方案。")
        for set_name, rows in sets:
            m = evaluate(checker, rows)
            print(
                f"{set_name:<18} {name:<22} {m['det_p']:6.3f} {m['det_r']:6.3f} {m['det_f1']:6.3f} | "
                f"{m['ovl_p']:6.3f} {m['ovl_r']:6.3f} {m['ovl_f1']:6.3f} | {m['cor_p']:6.3f} {m['cor_r']:6.3f} "
                f"{m['cor_f1']:6.3f} | {100 * m['fp_rate']:5.1f} | {m['sent_s']:7.0f}"
            )
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
