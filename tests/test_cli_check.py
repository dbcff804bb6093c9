"""`govcheck check` with documents, formats, --annotate, -o, and `govcheck fix` / `govcheck serve --help`."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest

from govcheck.cli import main
from tests.conftest import DEMO_PACK
from tests.test_document_helpers import make_docx, make_pdf


@pytest.fixture()
def cfg(tmp_path):
    path = tmp_path / "govcheck.toml"
    path.write_text(f'builtin_packs = false\npacks = ["{DEMO_PACK}"]\ndoc_date = 2026-11-01\n', encoding="utf-8")
    return str(path)


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "html", "languagetool"])
def test_every_format_on_a_docx(tmp_path, capsys, cfg, fmt):
    f = tmp_path / "draft.docx"
    make_docx(f, body=["关于通知", "纪念中华人民共合国成立，国办发[2021]12号。"])
    code, out, err = run(capsys, "check", f, "--config", cfg, "--format", fmt)
    assert code == 1 and err == ""
    if fmt == "text":
        assert out.startswith(f"{f}:2:3: blocker DEM001 ")
    elif fmt == "json":
        doc = json.loads(out)
        assert doc["findings"][0]["location"]["paragraph"] == 2
    elif fmt == "sarif":
        assert json.loads(out)["runs"][0]["results"][0]["ruleId"] == "DEM001"
    elif fmt == "html":
        assert out.startswith("<!DOCTYPE html>") and '<mark class="blocker"' in out
    else:
        assert {m["rule"]["id"] for m in json.loads(out)["matches"]} == {"DEM001", "DEM003"}


def test_output_file_and_stdin_html(tmp_path, capsys, cfg, monkeypatch):
    f = tmp_path / "page.html"
    f.write_text("<p>纪念中华人民共合国</p>", encoding="utf-8")
    report = tmp_path / "report.html"
    code, out, _ = run(capsys, "check", f, "--config", cfg, "--format", "html", "-o", report)
    assert code == 1 and out == "" and "中华人民共合国</mark>" in report.read_text(encoding="utf-8")
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("<p>中华人民共合国</p>".encode())))
    code, out, _ = run(capsys, "check", "-", "--config", cfg, "--input-format", "html", "--format", "json")
    (finding,) = json.loads(out)["findings"]
    assert finding["location"]["html_start"] == 3


def test_annotate(tmp_path, capsys, cfg):
    f = tmp_path / "draft.docx"
    make_docx(f, body=["纪念中华人民共合国成立", "台湾政府"])
    before = hashlib.sha256(f.read_bytes()).hexdigest()
    out_docx = tmp_path / "draft.commented.docx"
    code, out, err = run(capsys, "check", f, "--config", cfg, "--annotate", out_docx)
    assert code == 1 and "wrote" in err and "2 comments" in err
    assert hashlib.sha256(f.read_bytes()).hexdigest() == before
    with zipfile.ZipFile(out_docx) as z:
        assert z.read("word/comments.xml").count(b'w:author="govcheck"') == 2
    code, _, err = run(capsys, "check", f, "--config", cfg, "--annotate", f)
    assert code == 2 and "overwrite" in err
    txt = tmp_path / "a.txt"
    txt.write_text("中华人民共合国", encoding="utf-8")
    code, _, err = run(capsys, "check", txt, "--config", cfg, "--annotate", tmp_path / "x.docx")
    assert code == 2 and ".docx" in err and "Traceback" not in err
    code, _, err = run(capsys, "check", txt, f, "--config", cfg, "--annotate", tmp_path / "x.docx")
    assert code == 2 and "exactly one" in err


def test_broken_files_are_one_line_errors(tmp_path, capsys, cfg):
    cases = {
        "fake.docx": b"this is not a zip",
        "scan.pdf": make_pdf([[]]),
        "bomb.docx": None,
    }
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))
    cases["bomb.docx"] = buf.getvalue()
    expected = {"fake.docx": "GF010", "scan.pdf": "GF020", "bomb.docx": "GF011"}
    for name, data in cases.items():
        f = tmp_path / name
        f.write_bytes(data)
        code, out, err = run(capsys, "check", f, "--config", cfg)
        assert code == 2 and out == "", name
        assert err.count("\n") == 1 and expected[name] in err and str(f) in err and "Traceback" not in err


def test_directory_needs_recursive_and_batch_goes_on(tmp_path, capsys, cfg):
    site = tmp_path / "site"
    (site / "news" / "2026").mkdir(parents=True)
    (site / ".git").mkdir()
    (site / ".git" / "x.txt").write_text("中华人民共合国", encoding="utf-8")
    (site / "index.html").write_text("<p>纪念中华人民共合国</p>", encoding="utf-8")
    (site / "news" / "a.md").write_text("# 标题\n台湾政府", encoding="utf-8")
    make_docx(site / "news" / "2026" / "b.docx", body=["国办发[2021]12号"])
    make_pdf([["干净的文本"]], site / "news" / "2026" / "c.pdf")
    (site / "news" / "broken.docx").write_bytes(b"nope")
    (site / "news" / "~$b.docx").write_bytes(b"lock file")
    (site / "logo.png").write_bytes(b"\x89PNG")
    code, out, err = run(capsys, "check", site, "--config", cfg)
    assert code == 2 and "--recursive" in err and out == ""
    code, out, err = run(capsys, "check", site, "-r", "--config", cfg, "--format", "json")
    docs = json.loads(out)
    paths = [d["path"] for d in docs]
    assert [p.split("site/")[1] for p in paths] == ["index.html", "news/2026/b.docx", "news/2026/c.pdf", "news/a.md", "news/broken.docx"]
    errors = [d for d in docs if "error" in d]
    assert len(errors) == 1 and errors[0]["error"].startswith("GF010")
    assert code == 2, "a file that could not be read makes the run fail, after the others were checked"
    ids = {d["path"].split("site/")[1]: [f["rule_id"] for f in d["findings"]] for d in docs if "error" not in d}
    assert ids == {"index.html": ["DEM001"], "news/2026/b.docx": ["DEM003"], "news/2026/c.pdf": [], "news/a.md": ["DEM005"]}
    # the summary table (stderr) lists every file and the failure
    assert "news/broken.docx" in err and "4 files checked, 1 failed" in err and "total" in err
    assert err.count("govcheck: error:") == 1


def test_jobs_gives_the_same_results(tmp_path, capsys, cfg):
    for i in range(10):  # more than 4 files per job: processes are used
        (tmp_path / f"d{i}.txt").write_text("纪念中华人民共合国\n" * (i + 1), encoding="utf-8")
    code1, out1, _ = run(capsys, "check", tmp_path, "-r", "--config", cfg, "--format", "json", "--jobs", "1")
    code2, out2, err2 = run(capsys, "check", tmp_path, "-r", "--config", cfg, "--format", "json", "--jobs", "2")
    strip = lambda out: [{k: v for k, v in d.items() if k != "elapsed_ms"} for d in json.loads(out)]  # noqa: E731
    assert code1 == code2 == 1 and strip(out1) == strip(out2)
    assert sorted(len(d["findings"]) for d in json.loads(out2)) == list(range(1, 11))
    assert "10 files checked, 0 failed" in err2


def test_progress_bar_and_rich_summary_on_a_terminal(tmp_path, cfg):
    import os
    import pty
    import subprocess
    import sys

    for i in range(3):
        (tmp_path / f"d{i}.txt").write_text("纪念中华人民共合国", encoding="utf-8")
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "govcheck", "check", str(tmp_path), "-r", "--config", cfg, "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=follower,
        env={**os.environ, "COLUMNS": "120", "TERM": "xterm"},
    )
    os.close(follower)
    stdout, _ = proc.communicate(timeout=120)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    tty = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 1 and len(json.loads(stdout)) == 3, "stdout stays machine-readable"
    assert "govcheck: 3 checked, 0 failed" in tty and "blocker" in tty, "rich summary table on the terminal"
    assert "检查" in tty and "3/3" in tty, "a progress bar was drawn (and completed)"


def test_fix_command(tmp_path, capsys, cfg):
    f = tmp_path / "draft.txt"
    f.write_text("纪念中华人民共合国成立，国办发[2021]12号。", encoding="utf-8")
    code, out, err = run(capsys, "fix", f, "--config", cfg)
    assert code == 0 and "fixed DEM003" in out and "left DEM001" in out
    fixed = tmp_path / "draft.fixed.txt"
    assert fixed.read_text(encoding="utf-8") == "纪念中华人民共合国成立，国办发〔2021〕12号。"
    assert f.read_text(encoding="utf-8") == "纪念中华人民共合国成立，国办发[2021]12号。"
    code, out, err = run(capsys, "fix", f, "--config", cfg, "--unsafe", "-o", tmp_path / "all.txt")
    assert (tmp_path / "all.txt").read_text(encoding="utf-8") == "纪念中华人民共和国成立，国办发〔2021〕12号。"
    code, out, err = run(capsys, "fix", f, "--config", cfg, "--dry-run", "-o", tmp_path / "none.txt")
    assert code == 0 and not (tmp_path / "none.txt").exists() and "dry run" in err
    code, _, err = run(capsys, "fix", f, "--config", cfg, "-o", f)
    assert code == 2 and "overwrite" in err


def test_serve_help(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["serve", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "--port" in out and "--token" in out and "--block-on" in out


def test_text_format_points_into_html_and_markdown_sources(tmp_path, capsys, cfg):
    page = tmp_path / "page.html"
    page.write_text("<html>\n<body>\n  <p>纪念中华人民共合国</p>\n</body></html>", encoding="utf-8")
    code, out, _ = run(capsys, "check", page, "--config", cfg)
    assert out.startswith(f"{page}:3:8: blocker DEM001")
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: x\n---\n# 标题\n\n**纪念**中华人民共合国\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", post, "--config", cfg)
    assert out.startswith(f"{post}:6:7: blocker DEM001")
