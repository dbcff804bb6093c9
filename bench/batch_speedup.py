"""Batch speed-up of `govcheck check DIR --recursive --jobs N` against --jobs 1, in one run.

    python bench/batch_speedup.py                 # 400 files, jobs 1 vs 2, a table
    python bench/batch_speedup.py --files 800 --jobs 2 --repeat 3 --json

It writes a batch of mixed documents (.txt, .html, .docx; about 3,000 characters each, cut from
../shared/data/clean_dev when present, else examples/) into a temporary folder, then times the whole
command line, start-up and dictionary loading included, as a user sees it: `govcheck check DIR -r
--format json -o /dev/null --fail-on never --jobs N`. Runs alternate between the job counts and the
best of --repeat is kept, so a busy machine hurts both sides alike. Target (issue 6): ≥ 1.8× with
2 jobs on 2 cores. The machine's CPU count and load average are printed with the result, because
the figure means little on a loaded machine.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT.parent / "shared" / "data" / "clean_dev", ROOT / "examples"]


def source_text() -> str:
    for folder in CORPORA:
        files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
        if files:
            return "\n".join(f.read_text(encoding="utf-8") for f in files)
    raise SystemExit("bench: no corpus found (../shared/data/clean_dev or examples/*.txt)")


def write_batch(folder: Path, n_files: int, chars: int = 3000) -> int:
    """n_files documents cut from the corpus, cycling .txt / .html / .docx; returns total characters."""
    import docx

    text = source_text()
    total = 0
    for i in range(n_files):
        start = (i * 7919 * 13) % max(1, len(text) - chars)
        piece = text[start : start + chars]
        total += len(piece)
        sub = folder / f"dept{i % 10:02d}"
        sub.mkdir(exist_ok=True)
        kind = ("txt", "html", "docx")[i % 3]
        path = sub / f"doc{i:05d}.{kind}"
        if kind == "txt":
            path.write_text(piece, encoding="utf-8")
        elif kind == "html":
            body = "".join(f"<p>{line}</p>\n" for line in piece.split("\n") if line.strip())
            path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title></head><body>{body}</body></html>", encoding="utf-8")
        else:
            d = docx.Document()
            for line in piece.split("\n"):
                if line.strip():
                    d.add_paragraph(line)
            buf = io.BytesIO()
            d.save(buf)
            path.write_bytes(buf.getvalue())
    return total


def run_cli(folder: Path, jobs: int) -> float:
    cmd = [sys.executable, "-m", "govcheck", "check", str(folder), "-r", "--format", "json", "-o", os.devnull,
           "--fail-on", "never", "--jobs", str(jobs), "--summary", "never", "--no-progress"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=folder)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"bench: govcheck failed (exit {proc.returncode}): {proc.stderr.strip()[:500]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--jobs", type=int, default=2, help="the parallel side (default 2)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govcheck-batch-") as tmp:
        folder = Path(tmp)
        chars = write_batch(folder, args.files)
        load_before = os.getloadavg()
        times: dict[int, list[float]] = {1: [], args.jobs: []}
        run_cli(folder, 1)  # warm the OS file cache and Python's bytecode cache once, untimed
        for _ in range(args.repeat):
            for jobs in (1, args.jobs):
                times[jobs].append(run_cli(folder, jobs))
        load_after = os.getloadavg()
    best1, bestn = min(times[1]), min(times[args.jobs])
    result = {
        "files": args.files,
        "characters": chars,
        "jobs": args.jobs,
        "seconds_jobs_1": round(best1, 2),
        f"seconds_jobs_{args.jobs}": round(bestn, 2),
        "speedup": round(best1 / bestn, 2),
        "all_runs_s": {str(k): [round(t, 2) for t in v] for k, v in times.items()},
        "cpu_count": os.cpu_count(),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in load_after],
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"batch: {args.files} files (.txt/.html/.docx), {chars:,} characters, {os.cpu_count()} CPUs")
    print(f"  --jobs 1         {best1:7.2f} s   ({args.files / best1:6.1f} files/s)")
    print(f"  --jobs {args.jobs:<9} {bestn:7.2f} s   ({args.files / bestn:6.1f} files/s)")
    print(f"  speed-up         {best1 / bestn:7.2f}×   (target ≥ 1.8× with 2 jobs on 2 cores)")
    print(f"  load average     before {load_before[0]:.2f}, after {load_after[0]:.2f} (other work on the machine skews this)")


if __name__ == "__main__":
    main()
