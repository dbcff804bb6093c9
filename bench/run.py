"""Speed and memory of govcheck, as ratios against a baseline measured in the same run.

    python bench/run.py            # a table
    python bench/run.py --json     # {"ratio_vs_jieba": …, "warm_ms_3000": …, "import_s": …,
                                   #  "cold_first_check_s": …, "peak_rss_mb": …}

Targets (issue 2): ratio ≥ 1.0 (checking costs no more than segmenting the text once with
jieba.lcut), warm ≤ 30 ms for a 3,000-character notice, import ≤ 0.3 s, cold first check ≤ 1.5 s,
peak RSS ≤ 250 MB. Cold figures run in fresh subprocesses; the corpus is ../shared/data/clean_dev
when present (proofread official text), else examples/.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT.parent / "shared" / "data" / "clean_dev", ROOT / "examples"]


def corpus_text(limit_chars: int = 200_000) -> str:
    for folder in CORPORA:
        files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
        if files:
            parts, total = [], 0
            for f in files:
                t = f.read_text(encoding="utf-8")
                parts.append(t)
                total += len(t)
                if total >= limit_chars:
                    break
            return "\n".join(parts)[:limit_chars]
    raise SystemExit("bench: no corpus found (../shared/data/clean_dev or examples/*.txt)")


def notice_3000(text: str) -> str:
    return text[:3000]


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def _subprocess_json(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(ROOT), check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def cold_figures(notice: str) -> dict:
    imp = _subprocess_json(
        "import time, json\nt=time.perf_counter()\nimport govcheck\nprint(json.dumps({'s': time.perf_counter()-t}))"
    )
    first = _subprocess_json(
        "import time, json\nt=time.perf_counter()\nimport govcheck\n"
        f"govcheck.check({notice!r})\nprint(json.dumps({{'s': time.perf_counter()-t}}))"
    )
    return {"import_s": imp["s"], "cold_first_check_s": first["s"]}


def peak_rss(text: str) -> float:
    """Peak resident memory of a fresh process that checks the corpus three times.

    Read from VmHWM: on Linux ru_maxrss of a child started from this (large) process keeps the
    parent's high-water mark across exec, which would charge the baseline's memory to govcheck."""
    code = (
        "import json, resource, govcheck\n"
        f"text = open({str(_tmp_corpus(text))!r}, encoding='utf-8').read()\n"
        "for _ in range(3): govcheck.check(text)\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')]\n"
        "kb = int(hwm[0].split()[1]) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(json.dumps({'kb': kb}))"
    )
    return _subprocess_json(code)["kb"] / 1024


def _tmp_corpus(text: str) -> Path:
    import tempfile

    path = Path(tempfile.gettempdir()) / "govcheck_bench_corpus.txt"
    path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    import jieba

    import govcheck

    jieba.setLogLevel(60)
    text = corpus_text()
    notice = notice_3000(text)
    cold = cold_figures(notice)

    jieba.lcut(text[:100])  # load jieba's dictionary outside the timing
    govcheck.check(notice)  # load packs and the tokenizer outside the timing
    t_jieba = best_of(lambda: jieba.lcut(text), args.repeat)
    t_check = best_of(lambda: govcheck.check(text), args.repeat)
    warm = [best_of(lambda: govcheck.check(notice), 1) for _ in range(max(5, args.repeat * 3))]
    result = {
        "ratio_vs_jieba": round(t_jieba / t_check, 3),
        "warm_ms_3000": round(statistics.median(warm) * 1000, 2),
        "import_s": round(cold["import_s"], 3),
        "cold_first_check_s": round(cold["cold_first_check_s"], 3),
        "peak_rss_mb": round(peak_rss(text), 1),
    }
    if args.json:
        print(json.dumps(result))
        return
    chars = len(text)
    print(f"corpus: {chars:,} characters")
    print(f"jieba.lcut        {t_jieba * 1000:9.1f} ms  ({chars / t_jieba:,.0f} chars/s)")
    print(f"govcheck.check    {t_check * 1000:9.1f} ms  ({chars / t_check:,.0f} chars/s)")
    targets = {
        "ratio_vs_jieba": ("≥", 1.0),
        "warm_ms_3000": ("≤", 30),
        "import_s": ("≤", 0.3),
        "cold_first_check_s": ("≤", 1.5),
        "peak_rss_mb": ("≤", 250),
    }
    for key, value in result.items():
        op, target = targets[key]
        ok = value >= target if op == "≥" else value <= target
        print(f"{key:20s} {value:>10}   target {op} {target}   {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
