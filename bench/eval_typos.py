"""Score govcheck's typo findings layer by layer (a measurement script, not a test).

    python bench/eval_typos.py [--data ../shared/data] [--engine kenlm:/path/zh.arpa] [--limit N]
    python bench/eval_typos.py --folds 5 [--per-fold] [--show errors.txt]   # held-out scores
    python bench/eval_typos.py --layer L3 --opt threshold=10 --opt prior_bonus=4  # a TYP010 sweep

The shipped learned.tsv (TYP002) and char_confusions.tsv (TYP010's extra candidates and prior) were
learned from the same ECSpell train files, so the plain run's odw/law scores are in-sample. --folds K
splits each ECSpell file into K folds (grouped by corrected sentence, see fold_of); for every fold it learns those two tables
in memory from the other folds only (govcheck.typo.build_tables.learn_rows / char_confusions_rows,
same filters), swaps them into the Checker (TYP002's entries; TYP010's extra_pairs option) and scores
the held-out fold. Counts are pooled over folds. Nothing on disk is rewritten.

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
* speed: sentences per second of Checker.check (one thread, models loaded, every sentence a text
  of its own that the checker has not seen: see forget) for the layer's rule selection. A last line
  times L4 on the same sentences sent as documents of DOC_LINES lines (how a page or a file
  arrives), where the trigram model scores each text in one pass. Another gives the best of PASSES
  passes, each after forget (every sentence unseen again, in a process that has already checked
  text, as an editor's or a CMS's would be): on a shared machine the best pass is the one least
  disturbed by other work, which makes runs comparable.

Layers (rule selections):
  L1 dictionaries        TYP001–TYP009
  L2 +near-miss (freq)   + TYP010 with rank=freq: every candidate that completes a frequent word
  L3 +LM ranking         + TYP010 ranked by the unigram language model (the default)
  L4 +anomalies          every TYP rule (repeats, 的/地/得, traditional characters, artefacts)
  deep                   L4 with typo_engine set (only with --engine)
"""

from __future__ import annotations

import argparse
import json
import zlib
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


def forget(checker: Checker) -> None:
    """Empty TYP010's memory of texts (the layers share one model, which would otherwise still
    hold the previous layer's pass over the same sentences): the speed column counts sentences
    the checker has never seen."""
    rule = checker.rule("TYP010")
    engine = getattr(rule, "_engine", None) if rule is not None else None
    if engine is not None:
        engine.forget()


def counts(checker: Checker, rows: list[tuple[str, str]], show=None) -> dict[str, float]:
    """Raw counts (summable over folds); show(kind, src, tgt, findings) sees every error."""
    det_ok = det_flagged = det_overlap = n_err = 0
    c_tp = c_fp = c_fn = c_tn = 0
    clean = clean_fp = 0
    forget(checker)
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
        if show is not None and flags != gold:
            show("FP" if flags and not gold else ("MISS" if not flags else "WRONG"), src, tgt, typo)
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
    return {
        "n": len(rows), "det_ok": det_ok, "det_flagged": det_flagged, "det_overlap": det_overlap,
        "n_err": n_err, "c_tp": c_tp, "c_fp": c_fp, "c_fn": c_fn, "clean": clean, "clean_fp": clean_fp,
        "elapsed": elapsed,
    }


def add_counts(a: dict, b: dict) -> dict:
    return {k: a.get(k, 0) + b[k] for k in b}


def scores(c: dict) -> dict[str, float]:
    det_ok, det_flagged, det_overlap, n_err = c["det_ok"], c["det_flagged"], c["det_overlap"], c["n_err"]
    dp, dr, df = prf(det_ok, det_flagged - det_ok, n_err - det_ok)
    op, orr, of = prf(det_overlap, det_flagged - det_overlap, n_err - det_overlap)
    cp, cr, cf = prf(c["c_tp"], c["c_fp"], c["c_fn"])
    clean, clean_fp, elapsed = c["clean"], c["clean_fp"], c["elapsed"]
    return {
        "n": c["n"],
        "det_p": dp, "det_r": dr, "det_f1": df,
        "ovl_p": op, "ovl_r": orr, "ovl_f1": of,
        "cor_p": cp, "cor_r": cr, "cor_f1": cf,
        "fp_rate": clean_fp / clean if clean else 0.0,
        "sent_s": c["n"] / elapsed if elapsed else 0.0,
    }


def evaluate(checker: Checker, rows: list[tuple[str, str]], show=None) -> dict[str, float]:
    return scores(counts(checker, rows, show))


#: TYP010 options from --opt KEY=VALUE (threshold sweeps)
OPTS: dict = {}


def layers(engine: str | None, fold_opts: dict | None = None) -> list[tuple[str, Config]]:
    """Rule selections; fold_opts (k-fold mode) replaces TYP010's learned candidate pairs."""
    base = {**OPTS, **(fold_opts or {})}
    out = [
        ("L1 dictionaries", Config(select=("TYP00",))),
        ("L2 +near-miss(freq)", Config(select=("TYP00", "TYP010"), rule_options={"TYP010": {**base, "rank": "freq"}})),
        ("L3 +LM ranking", Config(select=("TYP00", "TYP010"), rule_options={"TYP010": base})),
        ("L4 +anomalies", Config(select=("TYP",), rule_options={"TYP010": base})),
    ]
    if engine:
        out.append((f"deep {engine.split(':')[0]}", Config(select=("TYP",), typo_engine=engine, rule_options={"TYP010": base})))
    return out


def context_files() -> list[tuple[str, int]]:
    """TYP010's context files and weights (typos.yaml, or --opt context=...)."""
    typ010 = Checker(Config(select=("TYP010",))).rule("TYP010")
    return [tuple(c) for c in {**typ010.spec.data, **OPTS}.get("context", [])]


def fold_of(target: str, k: int) -> int:
    """The fold of a row, decided by its corrected sentence: ECSpell repeats one correct sentence
    with different injected typos (865 of the 1,601 rows share their target with another row), so
    folds by row index would let a sentence's twin teach the model the answer. The held-out test
    sets were filtered to share no sentence with these files; grouping by target mirrors that."""
    return zlib.crc32(target.strip().encode("utf-8")) % k


def fold_tables(train: list[tuple[str, str, str]], tk, clean_text: str) -> tuple[list, list]:
    """What the shipped tables learn from ECSpell train, learned from `train` only (in memory):
    TYP002's phrase pairs (as table entries) and TYP010's character confusion pairs."""
    from govcheck.rules.spec import EntrySpec
    from govcheck.typo.build_tables import HERE, char_confusions_rows, learn_rows

    curated = {ln.split("\t")[0] for ln in (HERE / "curated.tsv").read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")}
    pairs = learn_rows(train, tk, clean_text)
    entries = [EntrySpec(term=w, suggestions=[r], note=src, source=src) for (w, r), src in sorted(pairs.items()) if w not in curated]
    chars = sorted(char_confusions_rows(train))
    return entries, chars


def row_line(m: dict, set_name: str, name: str) -> str:
    return (
        f"{set_name:<18} {name:<22} {m['det_p']:6.3f} {m['det_r']:6.3f} {m['det_f1']:6.3f} | "
        f"{m['ovl_p']:6.3f} {m['ovl_r']:6.3f} {m['ovl_f1']:6.3f} | {m['cor_p']:6.3f} {m['cor_r']:6.3f} "
        f"{m['cor_f1']:6.3f} | {100 * m['fp_rate']:5.1f} | {m['sent_s']:7.0f}"
    )


def make_show(out):
    def show(kind: str, src: str, tgt: str, findings) -> None:
        gold = "".join(f"{src[i]}→{tgt[i]}@{i} " for i in sorted(gold_positions(src, tgt)) if i < len(src) and i < len(tgt))
        got = " ".join(f"{f.rule_id}:{f.text}→{(f.suggestions or [''])[0]}@{f.start}({f.confidence:.2f})" for f in findings)
        print(f"{kind}\t{src}\tgold: {gold or '-'}\tgot: {got or '-'}", file=out)

    return show


def kfold(args, sets, header: str) -> None:
    """K-fold: for fold f, learn TYP002/TYP010's train-derived tables from the other folds of both
    ECSpell sets and score fold f. The shipped learned.tsv and char_confusions.tsv are not used."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    clean_dir = args.data / "clean_dev"
    clean_text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(clean_dir.glob("*.txt")))
    ecs = [(n, r) for n, r in sets if n.startswith("ecspell")]
    k = args.folds
    context = context_files()
    show_out = open(args.show, "w", encoding="utf-8") if args.show else None
    totals: dict[tuple[str, str], dict] = {}
    names = []
    for f in range(k):
        train = [(s, t, n.split("_")[1]) for n, rows in ecs for (s, t) in rows if fold_of(t, k) != f]
        entries, chars = fold_tables(train, tk, clean_text)
        print(f"fold {f + 1}/{k}: {len(entries)} learned phrase pairs, {len(chars)} character pairs from the other folds")
        # the context model counts the training folds' corrected sentences, not the shipped file
        # (which holds every ECSpell sentence); the other context files stay
        fold_opts = {
            "extra_confusions": ["shape_pairs.tsv"],
            "extra_pairs": chars,
            "context": [c for c in context if "ecspell" not in c[0]],
            "context_lines": list(dict.fromkeys(t for _, t, _ in train)) * sum(w for f, w in context if "ecspell" in f),
        }
        for name, cfg in layers(args.engine, fold_opts):
            if args.layer and args.layer not in name:
                continue
            if name not in names:
                names.append(name)
            checker = Checker(cfg)
            checker.warm_up()
            rule = checker.rule("TYP002")
            if rule is not None and checker.config.selects("TYP002"):
                rule.entries = entries
                checker._build_automaton()
            checker.check("预热：会议审议通过了总体方案。")
            for set_name, rows in ecs:
                held = [r for r in rows if fold_of(r[1], k) == f]
                if show_out is not None:
                    print(f"## fold {f + 1} {set_name} {name}", file=show_out)
                c = counts(checker, held, make_show(show_out) if show_out is not None else None)
                totals[(set_name, name)] = add_counts(totals.get((set_name, name), {}), c)
                if args.per_fold:
                    print(row_line(scores(c), f"{set_name[8:11]} fold{f + 1}", name))
    print()
    print(f"held-out ({k}-fold, pooled over folds)")
    print(header)
    print("-" * len(header))
    for name in names:
        both: dict = {}
        for set_name, _ in ecs:
            c = totals[(set_name, name)]
            both = add_counts(both, c)
            print(row_line(scores(c), set_name, name))
        print(row_line(scores(both), "ecspell both", name))
        print()
    if show_out is not None:
        show_out.close()


def clean_dev(args, k: int = 5) -> None:
    """Typo findings per 10,000 characters of clean_dev, every document held out: the shipped context
    model counts clean_dev's paragraphs, so each group of documents is checked by a model that counts
    only the other groups (documents are grouped by file name)."""
    folder = args.data / "clean_dev"
    docs = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
    context = context_files()
    show_out = open(args.show, "a" if args.folds else "w", encoding="utf-8") if args.show else None
    chars = found = 0
    for g in range(k):
        held = [n for n in docs if fold_of(n, k) == g]
        if not held:
            continue
        other = [ln.strip() for n, t in docs.items() if n not in held for ln in t.splitlines() if ln.strip()]
        opts = {**OPTS, "context": [c for c in context if "official_text" not in c[0]]}
        opts["context_lines"] = list(dict.fromkeys(other)) * sum(w for f, w in context if "official_text" in f)
        checker = Checker(Config(select=("TYP",), rule_options={"TYP010": opts}))
        for name in held:
            text = docs[name]
            hits = [f for f in checker.check(text).findings if f.category == "typo"]
            chars += len(text)
            found += len(hits)
            if show_out is not None:
                for f in hits:
                    print(f"CLEAN\t{name}\t{text[max(0, f.start - 12) : f.end + 12]}\t{f.rule_id}:{f.text}→{(f.suggestions or [''])[0]}", file=show_out)
    print(f"clean_dev (documents held out from the context model, {k} groups): {found} typo findings in {chars} characters = {found / chars * 1e4:.2f} per 10,000")
    if show_out is not None:
        show_out.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Layer-by-layer typo scores (see module docstring).")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--engine", default=None, help='optional typo_engine, e.g. "kenlm:/path/model.arpa"')
    ap.add_argument("--limit", type=int, default=0, help="score only the first N rows of each set")
    ap.add_argument("--folds", type=int, default=0, help="K >= 2: held-out K-fold scores on ECSpell (train-derived tables learned per fold)")
    ap.add_argument("--per-fold", action="store_true", help="with --folds: print every fold's scores too")
    ap.add_argument("--layer", default="", help="score only layers whose name contains this text")
    ap.add_argument("--show", default="", help="write every wrongly handled sentence (FP, MISS, WRONG) to this file")
    ap.add_argument("--clean-dev", action="store_true", help="also: typo findings per 10,000 characters of clean_dev (documents held out)")
    ap.add_argument("--opt", action="append", default=[], help="TYP010 option KEY=VALUE (JSON or text), e.g. threshold=8")
    args = ap.parse_args(argv)
    for kv in args.opt:
        key, _, val = kv.partition("=")
        try:
            OPTS[key] = json.loads(val)  # numbers, lists (context=[["context/x.txt.gz", 2]]), null
        except ValueError:
            OPTS[key] = val
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
    if args.folds >= 2:
        kfold(args, sets, header)
        if args.clean_dev:
            clean_dev(args)
        return 0
    print("tables as shipped (learned from all of ECSpell train: odw/law scores are not held-out)")
    print(header)
    print("-" * len(header))
    show_out = open(args.show, "w", encoding="utf-8") if args.show else None
    for name, cfg in layers(args.engine):
        if args.layer and args.layer not in name:
            continue
        checker = Checker(cfg)
        checker.warm_up()
        checker.check("预热：会议审议通过了总体方案。")
        for set_name, rows in sets:
            if show_out is not None:
                print(f"## {set_name} {name}", file=show_out)
            m = evaluate(checker, rows, make_show(show_out) if show_out is not None else None)
            print(row_line(m, set_name, name))
        print()
    if show_out is not None:
        show_out.close()
    if not args.layer or args.layer in "L4 +anomalies":
        print(document_speed(sets))
        print(best_pass_speed(sets))
    if args.clean_dev:
        clean_dev(args)
    return 0


#: Sentences per document in the document-speed line.
DOC_LINES = 50


#: Passes in the best-pass speed line.
PASSES = 3


def _l4_speed(sets, texts_of, passes: int) -> list[str]:
    """'set rate' for each set: sentences per second of L4 over texts_of(rows), the best of `passes`
    passes, the checker's memory of texts emptied before each."""
    checker = Checker(layers(None)[3][1])
    checker.warm_up()
    checker.check("预热：会议审议通过了总体方案。")
    parts = []
    for set_name, rows in sets:
        texts = texts_of(rows)
        best = None
        for _ in range(passes):
            forget(checker)
            t0 = time.perf_counter()
            for text in texts:
                checker.check(text)
            took = time.perf_counter() - t0
            best = took if best is None else min(best, took)
        parts.append(f"{set_name} {len(rows) / best:.0f}")
    return parts


def document_speed(sets) -> str:
    """L4's sentences per second when the sentences arrive as documents of DOC_LINES lines."""
    docs = lambda rows: ["\n".join(src for src, _ in rows[i : i + DOC_LINES]) for i in range(0, len(rows), DOC_LINES)]  # noqa: E731
    return f"L4 on the same sentences as documents of {DOC_LINES} lines, sentences/s: " + ", ".join(_l4_speed(sets, docs, 1))


def best_pass_speed(sets) -> str:
    """L4's sentences per second, one sentence per check, best of PASSES passes (see the module doc)."""
    parts = _l4_speed(sets, lambda rows: [src for src, _ in rows], PASSES)
    return f"L4, one sentence per check, best of {PASSES} passes (each after forget), sentences/s: " + ", ".join(parts)


if __name__ == "__main__":
    raise SystemExit(main())
