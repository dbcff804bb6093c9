"""Loaders: every format's text and its map back to the source; hostile and broken files."""

from __future__ import annotations

import datetime as dt
import hashlib
import html as _html
import io
import logging
import re
import zipfile
from pathlib import Path

import pytest

from govcheck.document import DocumentError, Limits, check_file, from_text, load_document
from tests.test_document_helpers import make_docx, make_pdf

D = dt.date(2026, 11, 1)
BAD = "中华人民共合国"


def _check(source, demo_checker, **kw):
    return check_file(source, checker=demo_checker, doc_date=D, **kw)


# -- text ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, encoding",
    [
        ("纪念中华人民共合国成立".encode("utf-8"), "utf-8"),
        ("\ufeff纪念中华人民共合国成立".encode("utf-8"), "utf-8"),
        ("纪念中华人民共合国成立".encode("gb18030"), "gb18030"),
        ("纪念中华人民共合国成立".encode("gbk"), "gb18030"),
        (b"\xff\xfe" + "纪念中华人民共合国成立".encode("utf-16-le"), "utf-16-le (BOM)"),
    ],
)
def test_text_encodings(tmp_path, demo_checker, data, encoding):
    f = tmp_path / "draft.txt"
    f.write_bytes(data)
    doc = load_document(f)
    assert doc.text == "纪念中华人民共合国成立" and doc.meta["encoding"].startswith(encoding.split(" ")[0])
    (finding,) = _check(f, demo_checker).findings
    assert (finding.start, finding.end) == (2, 9)
    assert finding.location == {"format": "txt", "file": str(f), "line": 1, "column": 3, "end_line": 1, "end_column": 10}


def test_path_bytes_and_string_inputs_agree(tmp_path, demo_checker):
    text = "第一行。\n纪念中华人民共合国成立。"
    f = tmp_path / "a.md"
    f.write_text(text, encoding="utf-8")
    by_path = _check(f, demo_checker)
    by_str_path = _check(str(f), demo_checker)
    by_bytes = _check(text.encode(), demo_checker)
    by_text = _check(text, demo_checker)
    spans = {(x.start, x.end, x.rule_id) for x in by_path.findings}
    assert spans == {(7, 14, "DEM001")}
    for r in (by_str_path, by_bytes, by_text):
        assert {(x.start, x.end, x.rule_id) for x in r.findings} == spans
    assert by_path.findings[0].location["format"] == "md" and by_path.findings[0].location["line"] == 2
    # the public lazy name works too
    import govcheck

    assert govcheck.check_file(text, checker=demo_checker, doc_date=D).findings[0].rule_id == "DEM001"


def test_untrusted_text_is_never_a_path(tmp_path):
    f = tmp_path / "secret.txt"
    f.write_text("机密内容", encoding="utf-8")
    assert from_text(str(f)).text == str(f)


# -- html ---------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><title>关于&amp;通知</title>
<style>p { color: red } /* 中华人民共合国 */</style>
<script>var s = "<p>中华人民共合国</p>";</script></head>
<body><div class="nav">首页 &gt; 通知</div>
<!-- 中华人民共合国 in a comment -->
<p>纪念中华人民
   共合国成立&nbsp;七十五周年&#12290;</p>
<p>国办发[2021]12号&amp;台湾政府</p><noscript>中华人民共合国</noscript>
</body></html>"""


def test_html_visible_text_and_exact_source_offsets(demo_checker):
    doc = load_document(PAGE, format="html")
    assert doc.meta["title"] == "关于&通知"
    assert doc.text.count(BAD) == 1, "script, style, comments and noscript are skipped"
    assert "纪念中华人民共合国成立\u00a0七十五周年。" in doc.text, "the wrapped line joins without a space"
    assert "首页 > 通知" in doc.text
    report = _check(PAGE.encode("utf-8"), demo_checker, format="html")
    ids = sorted(f.rule_id for f in report.findings)
    assert ids == ["DEM001", "DEM003", "DEM005"]
    for f in report.findings:
        loc = f.location
        src = PAGE[loc["html_start"] : loc["html_end"]]
        # the source span, with its markup-free whitespace and entities decoded, is the finding's text
        assert "".join(_html.unescape(src).split()) == "".join(f.text.split()), (f.rule_id, src)
        line_start = PAGE.rfind("\n", 0, loc["html_start"]) + 1
        assert loc["line"] == PAGE.count("\n", 0, loc["html_start"]) + 1
        assert loc["column"] == loc["html_start"] - line_start + 1
    dem001 = next(f for f in report.findings if f.rule_id == "DEM001")
    assert PAGE[dem001.location["html_start"] : dem001.location["html_end"]] == "中华人民\n   共合国"


def test_html_entities_map_to_the_whole_entity():
    doc = load_document("<p>A&amp;B&#x4E2D;&#22269;</p>", format="html")
    assert doc.text == "A&B中国"
    assert doc.locate(1, 2)["html_start"] == 4 and doc.locate(1, 2)["html_end"] == 9
    assert doc.locate(3, 5)["html_start"] == 10 and doc.locate(3, 5)["html_end"] == 26


def test_html_meta_charset_gbk(tmp_path, demo_checker):
    page = '<html><head><meta charset="gbk"></head><body><p>纪念中华人民共合国</p></body></html>'
    f = tmp_path / "page.html"
    f.write_bytes(page.encode("gbk"))
    doc = load_document(f)
    assert doc.meta["encoding"].startswith("gb18030") and BAD in doc.text


def test_deeply_nested_html_is_linear_not_recursive():
    depth = 50_000
    page = "<div>" * depth + "<p>纪念中华人民共合国</p>" + "</div>" * depth
    doc = load_document(page, format="html")
    assert doc.text.strip() == "纪念中华人民共合国"
    with pytest.raises(DocumentError) as exc:  # parsing time grows with the markup: it is bounded too
        load_document(page, format="html", limits=Limits(max_html_tags=10_000))
    assert exc.value.code == "GF030" and "tags" in str(exc.value)


# -- docx ---------------------------------------------------------------------------------------


def test_docx_reading_order_paragraph_run_table_header(tmp_path, demo_checker):
    f = tmp_path / "draft.docx"
    make_docx(
        f,
        header="某部办公厅",
        body=["关于印发方案的通知", [("纪念中华人民", False), ("共合国", True), ("成立。", False)]],
        table=[["序号", "单位"], ["1", "台湾政府"]],
        footer="第1页",
    )
    doc = load_document(f)
    assert doc.text.split("\n") == ["关于印发方案的通知", "纪念中华人民共合国成立。", "序号", "单位", "1", "台湾政府", "某部办公厅", "第1页"]
    report = _check(f, demo_checker)
    by_id = {x.rule_id: x for x in report.findings}
    loc = by_id["DEM001"].location
    assert loc["part"] == "body" and loc["paragraph"] == 2 and loc["run"] == 1 and loc["run_offset"] == 2
    assert loc["paragraph_offset"] == 2
    cell = by_id["DEM005"].location
    assert (cell["table"], cell["row"], cell["cell"]) == ("1", 2, 2)
    assert report.findings[0].text == doc.text[report.findings[0].start : report.findings[0].end]


def test_docx_finding_in_a_later_run(demo_checker):
    data = make_docx(body=[[("关于", False), ("纪念", True), ("中华人民共合国", False)]])
    (f,) = _check(data, demo_checker).findings
    assert f.location["run"] == 3 and f.location["run_offset"] == 0


def test_docx_that_is_not_a_zip(tmp_path):
    f = tmp_path / "fake.docx"
    f.write_text("纪念中华人民共合国", encoding="utf-8")
    with pytest.raises(DocumentError) as exc:
        load_document(f)
    assert exc.value.code == "GF010" and "not a zip" in str(exc.value)
    assert "纪念" not in str(exc.value), "errors never quote the document"


def test_old_doc_and_other_formats_get_advice(tmp_path):
    f = tmp_path / "old.doc"
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(DocumentError) as exc:
        load_document(f)
    assert exc.value.code == "GF003" and ".docx" in str(exc.value)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_zip_bomb_is_refused_before_inflating():
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * (30 * 1024 * 1024)})
    assert len(bomb) < 100_000
    with pytest.raises(DocumentError) as exc:
        load_document(bomb, name="bomb.docx")
    assert exc.value.code == "GF011" and "zip bomb" in str(exc.value)


def test_too_much_uncompressed_data_and_too_many_members_are_refused():
    data = _zip({"[Content_Types].xml": b"<Types/>", **{f"word/media/{i}.bin": bytes(range(256)) * 4096 for i in range(3)}})
    with pytest.raises(DocumentError) as exc:
        load_document(data, name="big.docx", limits=Limits(max_unzipped=2 * 1024 * 1024))
    assert exc.value.code == "GF011" and "uncompressed" in str(exc.value)
    many = _zip({"[Content_Types].xml": b"<Types/>", **{f"word/{i}.xml": b"<a/>" for i in range(50)}})
    with pytest.raises(DocumentError) as exc:
        load_document(many, name="many.docx", limits=Limits(max_members=20))
    assert exc.value.code == "GF011"


def test_broken_docx_xml_is_a_clear_error():
    data = make_docx(body=["纪念"])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members["word/document.xml"] = b"<w:document><w:body><w:p>"  # truncated XML
    with pytest.raises(DocumentError) as exc:
        load_document(_zip(members), name="broken.docx")
    assert exc.value.code == "GF010"
    members.pop("word/document.xml")
    with pytest.raises(DocumentError) as exc:
        load_document(_zip(members), name="hollow.docx")
    assert exc.value.code == "GF010"


def test_deeply_nested_docx_tables_are_refused():
    import docx

    d = docx.Document()
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    for _ in range(8):
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].text = "最深处"
    buf = io.BytesIO()
    d.save(buf)
    assert load_document(buf.getvalue()).text.strip() == "最深处"
    with pytest.raises(DocumentError) as exc:
        load_document(buf.getvalue(), limits=Limits(max_depth=4))
    assert "nested" in str(exc.value)


# -- pdf ----------------------------------------------------------------------------------------


def test_pdf_page_numbers(tmp_path, demo_checker):
    f = tmp_path / "notice.pdf"
    make_pdf([["关于印发方案的通知", "第一页正文。"], ["第二页", "纪念中华人民共合国成立。"]], f)
    report = _check(f, demo_checker)
    (finding,) = report.findings
    assert finding.rule_id == "DEM001" and finding.location["page"] == 2 and finding.location["format"] == "pdf"


def test_scanned_pdf_without_text_layer(tmp_path):
    f = tmp_path / "scan.pdf"
    make_pdf([[], []], f)
    with pytest.raises(DocumentError) as exc:
        load_document(f)
    assert exc.value.code == "GF020" and "OCR" in str(exc.value)


def test_broken_and_encrypted_pdf(caplog):
    with pytest.raises(DocumentError) as exc:
        load_document(b"%PDF-1.7\n garbage that is not a pdf \n%%EOF", name="x.pdf")
    assert exc.value.code in ("GF020", "GF022")
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(make_pdf([["纪念中华人民共合国"]]))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(DocumentError) as exc:
        load_document(buf.getvalue(), name="locked.pdf")
    assert exc.value.code == "GF021" and "password" in str(exc.value)
    assert "中华" not in caplog.text


# -- limits -------------------------------------------------------------------------------------


def test_200_mb_text_is_refused_without_reading_it(tmp_path):
    f = tmp_path / "huge.txt"
    with open(f, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    with pytest.raises(DocumentError) as exc:
        load_document(f)
    assert exc.value.code == "GF002" and "200.0 MB" in str(exc.value) and "limit" in str(exc.value)
    with pytest.raises(DocumentError) as exc:
        load_document(b"x" * 2048, limits=Limits(max_bytes=1024))
    assert exc.value.code == "GF002"
    with pytest.raises(DocumentError):
        load_document("字" * 11, limits=Limits(max_chars=10))


def test_missing_file_directory_and_binary(tmp_path):
    with pytest.raises(DocumentError) as exc:
        load_document(tmp_path / "nope.docx")
    assert exc.value.code == "GF001"
    with pytest.raises(DocumentError) as exc:
        load_document(tmp_path)
    assert "directory" in str(exc.value)
    f = tmp_path / "blob.txt"
    f.write_bytes(b"\x00\x01binary\x00")
    with pytest.raises(DocumentError) as exc:
        load_document(f)
    assert exc.value.code == "GF004"


def test_loading_never_modifies_the_input(tmp_path, demo_checker):
    files = {
        "a.docx": make_docx(body=["纪念中华人民共合国"]),
        "b.pdf": make_pdf([["纪念中华人民共合国"]]),
        "c.html": PAGE.encode(),
        "d.txt": "纪念中华人民共合国".encode("gb18030"),
    }
    for name, data in files.items():
        p = tmp_path / name
        p.write_bytes(data)
        before = (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        assert _check(p, demo_checker).findings
        assert (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) == before


def test_document_error_is_an_input_error():
    from govcheck.textio import InputError

    assert issubclass(DocumentError, InputError)
    assert Path(__file__).exists()


# -- markdown -----------------------------------------------------------------------------------

POST = """---
title: "关于中华人民共合国的通知"
date: 2026-03-02T10:00:00+08:00
tags: [政务公开, 通知]
---

# 关于做好政务公开工作的通知 #

**各乡镇人民政府**，县直各单位：

- 认真学习《中华人民共合国政府信息公开条例》，详见[政府网站](http://www.gov.cn/a,b(c).htm)。
- 代码示例：`print("中华人民共合国")` 与 https://example.org/x,y 都不检查。
> 引文：台湾政府

```python
x = "中华人民共合国"
```

| 单位 | 完成情况 |
|---|---|
| 县教育局 | 国办发[2021]12号 |
"""


def test_markdown_prose_only_with_source_offsets(demo_checker):
    doc = load_document(POST, format="md")
    assert "title" not in doc.text and "2026-03-02" not in doc.text, "front matter is skipped"
    assert doc.text.count(BAD) == 1, "code blocks and inline code are skipped"
    assert "http" not in doc.text and "**" not in doc.text and "#" not in doc.text
    assert "详见政府网站。" in doc.text and "引文：台湾政府" in doc.text and "县教育局" in doc.text
    report = _check(POST, demo_checker, format="md")
    assert sorted(f.rule_id for f in report.findings) == ["DEM001", "DEM003", "DEM005"]
    for f in report.findings:
        loc = f.location
        assert POST[loc["source_start"] : loc["source_end"]] == f.text
        assert loc["line"] == POST.count("\n", 0, loc["source_start"]) + 1
    assert next(f for f in report.findings if f.rule_id == "DEM001").location["line"] == 11


def test_pdf_decompression_bomb_is_refused():
    import re
    import zlib

    data = make_pdf([["正常"]])
    z = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    bomb = b"".join(z.compress(chunk) for _ in range(80)) + z.flush()  # 80 MB of spaces in ~80 KB
    m = re.search(rb"(\d+) 0 obj\n<< /Length (\d+) /Filter /FlateDecode >>\nstream\n", data)
    end = m.end() + int(m.group(2))
    hostile = data[: m.start()] + m.group(1) + b" 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb + data[end:]
    with pytest.raises(DocumentError) as exc:
        load_document(hostile, name="bomb.pdf")
    assert exc.value.code == "GF011" and "bomb" in str(exc.value)


# -- every format, real rules: offsets and source locations stay exact ---------------------------


def _real_texts() -> list[str]:
    root = Path(__file__).resolve().parent.parent
    texts = [(root / "examples" / "notice.txt").read_text(encoding="utf-8")]
    drafts = root.parent / "shared" / "samples" / "real_drafts"
    if drafts.is_dir():
        texts += [p.read_text(encoding="utf-8", errors="replace")[:6000] for p in sorted(drafts.glob("*.txt"))]
    return texts


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx", "pdf"])
def test_real_text_in_every_format_keeps_exact_spans(core_checker, fmt):
    for text in _real_texts():
        lines = text.split("\n")
        if fmt == "txt":
            source, data = text, text.encode("gb18030")
        elif fmt == "md":
            source = "---\ntitle: 草稿\n---\n" + "\n\n".join(lines)
            data = source.encode()
        elif fmt == "html":
            source = "<html><body>" + "".join(f"<p>{_html.escape(l)}</p>\n" for l in lines) + "</body></html>"
            data = source.encode()
        elif fmt == "docx":
            source, data = None, make_docx(body=[l for l in lines])
        else:
            source, data = None, make_pdf([lines[i : i + 40] for i in range(0, len(lines), 40)])
        doc = load_document(data, format=fmt)
        report = check_file(data, format=fmt, checker=core_checker)
        assert report.findings, "the real drafts have problems in every format"
        for f in report.findings:
            assert doc.text[f.start : f.end] == f.text
            loc = f.location
            assert loc["format"] == fmt
            if fmt in ("md", "html"):
                span = source[loc["source_start"] : loc["source_end"]]  # a span across blocks holds their tags
                assert "".join(_html.unescape(re.sub(r"<[^>]+>", "", span)).split()) == "".join(f.text.split())
            elif fmt == "docx":
                assert loc["part"] == "body" and loc["paragraph"] >= 1 and loc["run"] >= 1
            elif fmt == "pdf":
                assert loc["page"] >= 1
