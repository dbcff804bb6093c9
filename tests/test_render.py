"""Output formats (sarif, html, languagetool), Word comments, and `fix` copies."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import shutil
import subprocess
import zipfile

import pytest

from govcheck.document import check_file, load_document
from govcheck.render import FileResult, renderers
from tests.test_document_helpers import make_docx

D = dt.date(2026, 11, 1)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "关于通知\n纪念中华人民共合国成立，国办发[2021]12号。\n𠮷台湾政府的说法。"


@pytest.fixture()
def result(demo_checker):
    report = check_file(TEXT, checker=demo_checker, doc_date=D)
    return FileResult(path="docs/通知 1.txt", text=TEXT, report=report, meta={"format": "txt"})


def test_all_formats_are_registered():
    assert {"text", "json", "sarif", "html", "languagetool"} <= set(renderers())


def test_sarif_structure(result, demo_checker):
    rules = {i.rule_id: i for i in demo_checker.rule_infos()}
    doc = json.loads(renderers()["sarif"]([result], rules=rules))
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    (run,) = doc["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    ids = [r["id"] for r in driver["rules"]]
    assert sorted(ids) == ["DEM001", "DEM003", "DEM005"] and len(ids) == len(set(ids))
    assert run["artifacts"][0]["location"]["uri"] == "docs/%E9%80%9A%E7%9F%A5%201.txt"
    by_rule = {r["ruleId"]: r for r in run["results"]}
    dem001 = by_rule["DEM001"]
    assert driver["rules"][dem001["ruleIndex"]]["id"] == "DEM001"
    assert dem001["level"] == "error" and by_rule["DEM003"]["level"] == "warning"
    region = dem001["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (2, 3, 2, 10)
    assert TEXT[region["charOffset"] : region["charOffset"] + region["charLength"]] == "中华人民共合国"
    assert region["snippet"]["text"] == "中华人民共合国"
    fix = by_rule["DEM003"]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert fix["insertedContent"]["text"] == "〔2021〕"
    assert all(r["partialFingerprints"] for r in run["results"])
    assert run["invocations"][0]["executionSuccessful"] is True


def test_sarif_reports_unreadable_files_as_notifications(result):
    bad = FileResult(path="broken.docx", text="", report=result.report, error="GF010 not a .docx")
    run = json.loads(renderers()["sarif"]([result, bad]))["runs"][0]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["level"] == "error" and "broken.docx" in notes[0]["message"]["text"]
    assert run["invocations"][0]["executionSuccessful"] is False


def test_sarif_docx_region_and_logical_location(tmp_path, demo_checker):
    f = tmp_path / "d.docx"
    make_docx(f, body=["第一段", "纪念中华人民共合国"])
    report = check_file(f, checker=demo_checker, doc_date=D)
    text = load_document(f).text
    run = json.loads(renderers()["sarif"]([FileResult(str(f), text, report, {"format": "docx"})]))["runs"][0]
    (res,) = run["results"]
    assert res["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "body/paragraph[2]/run[1]"
    assert res["properties"]["location"]["paragraph"] == 2
    assert "fixes" not in res, "binary formats get no text replacements"


def test_html_report_is_standalone_and_highlights(result):
    page = renderers()["html"]([result])
    assert page.startswith("<!DOCTYPE html>") and "</html>" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page), "no external assets"
    assert "<script src" not in page and "<link" not in page
    marks = re.findall(r'<mark class="(\w+)" data-f="([^"]+)" title="([^"]*)">([^<]*)</mark>', page)
    by_text = {m[3]: m for m in marks}
    assert by_text["中华人民共合国"][0] == "blocker" and by_text["台湾政府"][0] == "serious"
    assert by_text["[2021]"][0] == "warning"
    assert "DEM001" in by_text["中华人民共合国"][2] and "中华人民共和国" in by_text["中华人民共合国"][2]
    # summary by category and severity, and a card per finding with its suggestion
    assert '<table class="summary">' in page and "政治表述" in page and "公文格式" in page
    assert page.count('<li id="f-0-') == 3 and "建议：中华人民共和国" in page
    # the text is escaped, so a document cannot inject markup
    evil = FileResult("x.txt", "<script>alert(1)</script>中华人民共合国", result.report.model_copy(update={"findings": []}))
    assert "<script>alert(1)" not in renderers()["html"]([evil])


def test_html_overlapping_findings_split_into_segments(result):
    from govcheck.models import Finding
    from govcheck.render.html import highlight

    def f(start, end, sev, rid):
        return Finding(
            rule_id=rid, category="typo", severity=sev, start=start, end=end, text="abcdef"[start:end],
            message="m", source="s", line=1, column=start + 1,
        )

    out = highlight("abcdef", [f(0, 4, "warning", "A001"), f(2, 6, "blocker", "B001")], "p")
    assert out.startswith('<mark class="warning" data-f="p0"')
    assert '<mark class="blocker" data-f="p0 p1"' in out and ">cd</mark>" in out
    assert out.endswith('data-f="p1" title="B001 m">ef</mark>')


def test_languagetool_utf16_offsets(result):
    doc = json.loads(renderers()["languagetool"]([result]))
    assert doc["software"]["name"] == "govcheck" and doc["language"]["code"] == "zh-CN"
    matches = {m["rule"]["id"]: m for m in doc["matches"]}
    utf16 = TEXT.encode("utf-16-le")
    for m in doc["matches"]:
        span = utf16[2 * m["offset"] : 2 * (m["offset"] + m["length"])].decode("utf-16-le")
        assert span == next(f.text for f in result.report.findings if f.rule_id == m["rule"]["id"])
        ctx = m["context"]
        assert ctx["text"][ctx["offset"] : ctx["offset"] + ctx["length"]] == span or "𠮷" in ctx["text"]
    taiwan = matches["DEM005"]
    code_point_start = TEXT.index("台湾政府")
    assert taiwan["offset"] == code_point_start + 1, "the astral 𠮷 before it counts as two UTF-16 units"
    assert matches["DEM001"]["replacements"] == [{"value": "中华人民共和国"}]
    assert matches["DEM001"]["rule"]["category"] == {"id": "POLITICAL", "name": "政治表述"}
    assert matches["DEM001"]["rule"]["issueType"] and matches["DEM001"]["type"]["typeName"]


# -- Word comments ------------------------------------------------------------------------------


def _anchored_texts(docx_bytes: bytes) -> tuple[dict[str, str], dict[str, str]]:
    """({comment id: text between its range markers}, {comment id: comment text}) from the XML."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        comments = etree.fromstring(z.read("word/comments.xml"))
    open_ids: set[str] = set()
    anchored: dict[str, str] = {}
    for el in body.iter():
        if el.tag == W + "commentRangeStart":
            open_ids.add(el.get(W + "id"))
            anchored.setdefault(el.get(W + "id"), "")
        elif el.tag == W + "commentRangeEnd":
            open_ids.discard(el.get(W + "id"))
        elif el.tag == W + "t" and el.text:
            for cid in open_ids:
                anchored[cid] += el.text
        elif el.tag == W + "p":
            for cid in open_ids:
                anchored[cid] += "\n" if anchored[cid] else ""
    texts = {
        c.get(W + "id"): "".join(t.text or "" for t in c.iter(W + "t"))
        for c in comments.iter(W + "comment")
        if c.get(W + "author") == "govcheck"
    }
    return anchored, texts


def test_annotated_docx_comment_count_and_anchoring(tmp_path, demo_checker):
    from govcheck.render.docx_comments import write_annotated

    src = tmp_path / "draft.docx"
    make_docx(
        src,
        header="页眉中华人民共合国",
        body=["关于印发方案的通知", [("纪念中华人民", False), ("共合国", True), ("成立，国办发[2021]12号。", False)]],
        table=[["单位"], ["台湾政府"]],
    )
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    report = check_file(src, checker=demo_checker, doc_date=D)
    assert len(report.findings) == 4
    out = tmp_path / "draft.annotated.docx"
    res = write_annotated(src, report.findings, out)
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before, "the input is untouched"
    assert res.comments == 4 and res.moved == 1 and res.approximate == 0
    anchored, texts = _anchored_texts(out.read_bytes())
    assert len(texts) == 4 and len(anchored) == 4
    spans = sorted(anchored.values())
    assert spans == sorted(["关于印发方案的通知", "中华人民共合国", "[2021]", "台湾政府"]), "exact spans; the header one sits on the first body run"
    assert any(t.startswith("[页眉] DEM001") for t in texts.values())
    body_comment = next(t for cid, t in texts.items() if anchored[cid] == "中华人民共合国")
    assert body_comment == "DEM001 “中华人民共合国”是国名误写，应为“中华人民共和国”。 建议：中华人民共和国"
    # formatting survives the split: 共合国 is still bold, the text of the document is unchanged
    assert load_document(out).text == load_document(src).text
    import docx

    runs = [(r.text, r.bold) for r in docx.Document(str(out)).paragraphs[1].runs if r.text]
    assert ("共合国", True) in runs and ("纪念", False) in runs and ("[2021]", False) in runs
    with pytest.raises(Exception) as exc:
        write_annotated(src, report.findings, src)
    assert "overwrite" in str(exc.value)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed; the XML test above covers anchoring")
def test_libreoffice_opens_the_annotated_docx(tmp_path, demo_checker):
    from govcheck.render.docx_comments import write_annotated

    src = tmp_path / "draft.docx"
    make_docx(src, body=["纪念中华人民共合国成立"])
    write_annotated(src, check_file(src, checker=demo_checker, doc_date=D).findings, tmp_path / "out.docx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "out.docx")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert (tmp_path / "out.pdf").stat().st_size > 0


# -- fix ----------------------------------------------------------------------------------------


def test_fix_plan_applies_safe_only_unless_asked(demo_checker):
    from govcheck.document.fix import apply_to_text, plan_fixes

    report = check_file(TEXT, checker=demo_checker, doc_date=D)
    safe, left = plan_fixes(report.findings)
    assert [f.rule_id for f in safe] == ["DEM003"]
    assert {f.rule_id for f, _ in left} == {"DEM001", "DEM005"}
    assert "〔2021〕" in apply_to_text(TEXT, safe) and "共合国" in apply_to_text(TEXT, safe)
    both, _ = plan_fixes(report.findings, unsafe=True)
    fixed = apply_to_text(TEXT, both)
    assert "中华人民共和国" in fixed and "台湾当局" in fixed and "〔2021〕" in fixed


def test_fix_file_keeps_encoding_and_format(tmp_path, demo_checker):
    from govcheck.document.fix import fix_file

    gbk = tmp_path / "legacy.txt"
    gbk.write_bytes(TEXT.replace("𠮷", "").encode("gb18030"))
    res = fix_file(gbk, checker=demo_checker, unsafe=True)
    assert res.data.decode("gb18030") == res.text and "中华人民共和国" in res.text
    page = tmp_path / "p.html"
    page.write_text("<p>纪念中华人民共合国，国办发[2021]12号&amp;</p><p>中华<b>人民</b>共合国</p>", encoding="utf-8")
    res = fix_file(page, checker=demo_checker, unsafe=True)
    out = res.data.decode("utf-8")
    assert out == "<p>纪念中华人民共和国，国办发〔2021〕12号&amp;</p><p>中华<b>人民</b>共合国</p>"
    assert [why for _, why in res.skipped] == ["the span crosses HTML markup"]
    d = tmp_path / "d.docx"
    make_docx(d, body=[[("纪念中华人民", False), ("共合国", True), ("成立。", False)]])
    before = d.read_bytes()
    res = fix_file(d, checker=demo_checker, unsafe=True)
    assert d.read_bytes() == before
    assert load_document(res.data).text == "纪念中华人民共和国成立。"
    with pytest.raises(Exception) as exc:
        fix_file(make_pdf_path(tmp_path), checker=demo_checker)
    assert "cannot write" in str(exc.value)


def make_pdf_path(tmp_path):
    from tests.test_document_helpers import make_pdf

    p = tmp_path / "x.pdf"
    make_pdf([["纪念中华人民共合国"]], p)
    return p


def test_fix_markdown_edits_the_source_only_where_safe(tmp_path, demo_checker):
    from govcheck.document.fix import fix_file

    md = tmp_path / "post.md"
    source = "---\ntitle: 中华人民共合国\n---\n# 标题\n\n纪念**中华人民共合国**，国办发[2021]12号。\n\n纪念中华**人民**共合国。\n"
    md.write_text(source, encoding="utf-8")
    res = fix_file(md, checker=demo_checker, unsafe=True)
    out = res.data.decode("utf-8")
    assert out == source.replace("纪念**中华人民共合国**", "纪念**中华人民共和国**").replace("[2021]", "〔2021〕")
    assert [why for _, why in res.skipped] == ["the span crosses Markdown markup"]
    assert "title: 中华人民共合国" in out, "front matter is not touched"
