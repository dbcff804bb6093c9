"""Batch checking as a library: collecting files, processes, order, one bad file among many."""

from __future__ import annotations

import os

from govcheck import Config
from govcheck.document.batch import check_paths, collect
from govcheck.engine import Checker
from tests.conftest import DEMO_PACK
from tests.test_document_helpers import make_docx


def _config():
    return Config(builtin_packs=False, packs=(str(DEMO_PACK),), doc_date="2026-11-01")


def _tree(root):
    (root / "a").mkdir()
    (root / "a" / "b").mkdir()
    (root / ".hidden").mkdir()
    (root / "one.txt").write_text("纪念中华人民共合国", encoding="utf-8")
    (root / "a" / "two.html").write_text("<p>台湾政府</p>", encoding="utf-8")
    make_docx(root / "a" / "b" / "three.docx", body=["国办发[2021]12号"])
    (root / "a" / "bad.docx").write_bytes(b"not a zip")
    (root / ".hidden" / "x.txt").write_text("中华人民共合国", encoding="utf-8")
    (root / "a" / "image.png").write_bytes(b"\x89PNG")
    (root / "a" / "~$lock.docx").write_bytes(b"x")


def test_collect(tmp_path):
    _tree(tmp_path)
    files, problems = collect([str(tmp_path)], recursive=True)
    rel = [os.path.relpath(f, tmp_path) for f in files]
    assert rel == ["a/b/three.docx", "a/bad.docx", "a/two.html", "one.txt"]
    files, problems = collect([str(tmp_path), str(tmp_path / "missing.txt"), str(tmp_path / "a" / "image.png")])
    assert files == [str(tmp_path / "a" / "image.png")], "a file named explicitly is checked whatever its extension"
    assert [p for p, _ in problems] == [str(tmp_path), str(tmp_path / "missing.txt")]
    twice, _ = collect([str(tmp_path / "one.txt"), str(tmp_path / "one.txt")])
    assert len(twice) == 2
    again, _ = collect([str(tmp_path / "one.txt"), str(tmp_path)], recursive=True)
    assert len(again) == 4, "a walked file already named is not checked twice"


def test_processes_give_the_same_results_in_order(tmp_path):
    _tree(tmp_path)
    for i in range(8):
        (tmp_path / f"n{i}.txt").write_text("纪念中华人民共合国。" * (i + 1), encoding="utf-8")
    files, _ = collect([str(tmp_path)], recursive=True)
    checker = Checker(_config())
    seen = []
    assert len(files) > 8, "enough files for the batch to use processes"
    serial = check_paths(files, checker=checker, jobs=1)
    parallel = check_paths(files, checker=checker, jobs=2, on_result=lambda r: seen.append(r.path))
    assert [r.path for r in parallel] == files and sorted(seen) == sorted(files)
    for a, b in zip(serial, parallel):
        assert a.error == b.error
        assert [f.model_dump() for f in a.report.findings] == [f.model_dump() for f in b.report.findings]
        assert a.text == b.text and a.meta == b.meta
    bad = [r for r in parallel if r.error]
    assert len(bad) == 1 and bad[0].path.endswith("bad.docx") and bad[0].error.startswith("GF010")
    counts = {os.path.basename(r.path): len(r.report.findings) for r in parallel if r.path.startswith(str(tmp_path / "n"))}
    assert counts == {f"n{i}.txt": i + 1 for i in range(8)}


def test_empty_batch_and_jobs_zero(tmp_path):
    assert check_paths([], config=_config(), jobs=2) == []
    (tmp_path / "x.txt").write_text("中华人民共合国", encoding="utf-8")
    (res,) = check_paths([str(tmp_path / "x.txt")], config=_config(), jobs=0)
    assert res.report.findings[0].rule_id == "DEM001"


def test_work_really_runs_in_worker_processes(tmp_path, monkeypatch):
    import govcheck.document.batch as batch

    real = batch.check_one

    def tagged(path, checker, **kw):
        res = real(path, checker, **kw)
        res.meta["pid"] = os.getpid()
        return res

    monkeypatch.setattr(batch, "check_one", tagged)
    for i in range(12):
        (tmp_path / f"f{i}.txt").write_text("纪念中华人民共合国", encoding="utf-8")
    files, _ = collect([str(tmp_path)], recursive=True)
    results = check_paths(files, config=_config(), jobs=2)
    pids = {r.meta["pid"] for r in results}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2
    few = check_paths(files[:3], config=_config(), jobs=2)
    assert {r.meta["pid"] for r in few} == {os.getpid()}, "a handful of files is checked in this process"
