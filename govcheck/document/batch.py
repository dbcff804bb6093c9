"""Check many files: walk folders, run across processes, keep going when one file is bad.

    from govcheck.document.batch import collect, check_paths
    paths, problems = collect(["site/"], recursive=True)
    results = check_paths(paths, jobs=2)          # [FileResult], in the order of `paths`

With jobs > 1 the checker is loaded once in this process and inherited by forked workers (on
Linux), so the dictionaries are not loaded again per worker; elsewhere each worker loads its own.
A file that cannot be read gives a FileResult with `error` set; the batch goes on.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Optional

from govcheck.document import DEFAULT_LIMITS, EXTENSIONS, Limits

if TYPE_CHECKING:  # pragma: no cover
    from govcheck.config import Config
    from govcheck.engine import Checker
    from govcheck.render import FileResult

#: Inside a worker: the checker and limits (inherited through fork or built by the initializer).
_worker_checker: Optional["Checker"] = None
_worker_limits: Limits = DEFAULT_LIMITS


#: Processes are used only for batches larger than this many files per job.
_MIN_FILES_PER_JOB = 4

#: A short notice that touches the lazily built parts of the rules before workers are forked.
_PRIME = (
    "关于做好2026年政务公开工作的通知\n国办发〔2026〕3号\n各单位：为深入学习贯彻习近平新时代中国特色社会主义思想，"
    "现将有关事项通知如下：一、截至12月31日，全县已有12个单位完成自查（占比85%）。联系电话：0591-87654321。\n"
    "某某县人民政府办公室\n2026年3月2日"
)


def collect(paths: Iterable[str], *, recursive: bool = False) -> tuple[list[str], list[tuple[str, str]]]:
    """Files to check (known extensions inside folders; any file named explicitly) and problems.

    A folder needs `recursive` (like grep -r); hidden folders and Office lock files (~$x.docx) are
    skipped. Each problem is (path, message).
    """
    files: list[str] = []
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(p: str, explicit: bool = True) -> None:
        key = os.path.abspath(p)
        if explicit or key not in seen:  # a file named twice is checked twice, as asked
            seen.add(key)
            files.append(p)

    for raw in paths:
        if raw == "-":
            add(raw)
            continue
        p = Path(raw)
        if p.is_dir():
            if not recursive:
                problems.append((raw, "is a directory (use --recursive to check the files in it)"))
                continue
            found = []
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in names:
                    if name.startswith((".", "~$")):
                        continue
                    if os.path.splitext(name)[1].lower() in EXTENSIONS:
                        found.append(os.path.join(root, name))
            for f in sorted(found):
                add(f, explicit=False)
        elif p.exists():
            add(raw)
        else:
            problems.append((raw, "no such file or directory"))
    return files, problems


def check_one(path: str, checker: "Checker", *, limits: Limits = DEFAULT_LIMITS, format: Optional[str] = None, data: Optional[bytes] = None) -> "FileResult":
    """Check one file into a FileResult; unreadable files give `error`, never an exception."""
    from govcheck.document import check_document, load_document
    from govcheck.render import FileResult
    from govcheck.textio import InputError

    label = "<stdin>" if path == "-" else path
    try:
        doc = load_document(data if data is not None else path, format=format, name=label, limits=limits)
        report = check_document(doc, checker=checker)
    except InputError as exc:
        return FileResult(path=label, text="", report=_empty_report(), error=_without_name(str(exc), label))
    except MemoryError:
        return FileResult(path=label, text="", report=_empty_report(), error="out of memory while checking this file")
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a batch; no document text in the message
        return FileResult(path=label, text="", report=_empty_report(), error=f"internal error ({type(exc).__name__})")
    return FileResult(path=label, text=doc.text, report=report, meta={"format": doc.format, **doc.meta})


def _without_name(message: str, label: str) -> str:
    """'GF010 a.docx: not a zip' → 'GF010 not a zip' (the path is shown next to it anyway)."""
    code, _, rest = message.partition(" ")
    if rest.startswith(label + ": "):
        return f"{code} {rest[len(label) + 2:]}"
    return message


def _empty_report():
    import datetime as dt

    from govcheck.models import Report

    return Report.build([], doc_date=dt.date.today())


def _init_worker(config: Optional["Config"], limits: Limits) -> None:
    global _worker_checker, _worker_limits
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: no worker tracebacks
    _worker_limits = limits
    if _worker_checker is None:  # not inherited through fork
        from govcheck.engine import Checker

        _worker_checker = Checker(config).warm_up()


def _work(path: str, format: Optional[str]) -> "FileResult":
    assert _worker_checker is not None
    return check_one(path, _worker_checker, limits=_worker_limits, format=format)


def check_paths(
    paths: list[str],
    *,
    config: Optional["Config"] = None,
    checker: Optional["Checker"] = None,
    jobs: int = 1,
    limits: Limits = DEFAULT_LIMITS,
    format: Optional[str] = None,
    on_result: Optional[Callable[["FileResult"], None]] = None,
) -> list["FileResult"]:
    """Check files, in parallel when jobs > 1; results come back in the order of `paths`."""
    global _worker_checker
    from govcheck.engine import Checker

    if checker is None:
        checker = Checker(config)
    jobs = max(1, min(jobs or (os.cpu_count() or 1), len(paths) or 1))
    results: list[Optional["FileResult"]] = [None] * len(paths)
    # A handful of files is checked faster here than by starting workers for it.
    if jobs == 1 or len(paths) <= _MIN_FILES_PER_JOB * jobs or any(p == "-" for p in paths):
        for i, p in enumerate(paths):
            results[i] = check_one(p, checker, limits=limits, format=format)
            if on_result:
                on_result(results[i])  # type: ignore[arg-type]
        return results  # type: ignore[return-value]
    methods = mp.get_all_start_methods()
    if "fork" in methods:
        ctx = mp.get_context("fork")
        checker.warm_up()  # load once here; forked workers share it copy-on-write
        checker.check(_PRIME)  # and fill the caches rules build on their first check
        _worker_checker = checker
        # Keep the garbage collector of the workers away from the inherited objects: a collection
        # writes to every object it visits, which would copy the shared pages into each worker.
        gc.freeze()
    else:  # pragma: no cover - Windows / macOS spawn
        ctx = mp.get_context("spawn")
        _worker_checker = None
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(checker.config, limits)) as pool:
            futures = {pool.submit(_work, p, format): i for i, p in enumerate(paths)}
            try:
                for fut in as_completed(futures):
                    i = futures[fut]
                    try:
                        res = fut.result()
                    except Exception as exc:  # noqa: BLE001 - a worker that died (e.g. killed for memory)
                        res = check_failed(paths[i], f"worker failed ({type(exc).__name__})")
                    results[i] = res
                    if on_result:
                        on_result(res)
            except KeyboardInterrupt:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    finally:
        _worker_checker = None
        gc.unfreeze()
    return results  # type: ignore[return-value]


def check_failed(path: str, message: str) -> "FileResult":
    from govcheck.render import FileResult

    return FileResult(path=path, text="", report=_empty_report(), error=message)
