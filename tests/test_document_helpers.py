"""Builders of sample documents for the document, render, server and batch tests (plus their own checks)."""

from __future__ import annotations

import io
import zlib
from pathlib import Path
from typing import Optional, Sequence


def make_docx(path: Optional[Path] = None, *, header: str = "", body: Sequence = (), table: Sequence[Sequence[str]] = (), footer: str = "") -> bytes:
    """A .docx: body items are strings (one run) or lists of (text, bold) runs; an optional table."""
    import docx

    d = docx.Document()
    if header:
        d.sections[0].header.paragraphs[0].text = header
    if footer:
        d.sections[0].footer.paragraphs[0].text = footer
    for item in body:
        p = d.add_paragraph()
        if isinstance(item, str):
            p.add_run(item)
        else:
            for text, bold in item:
                p.add_run(text).bold = bold
    if table:
        t = d.add_table(rows=len(table), cols=max(len(r) for r in table))
        for i, row in enumerate(table):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


def make_pdf(pages: Sequence[Sequence[str]], path: Optional[Path] = None) -> bytes:
    """A minimal PDF whose text layer holds the given lines (CJK via Identity-H + ToUnicode).

    pages=[[]] gives a page without text, like a scan.
    """
    objs: dict[int, bytes] = {}
    n_pages = len(pages)
    font_id, cid_id, desc_id, cmap_id = 3, 4, 5, 6
    page_ids = [10 + 2 * i for i in range(n_pages)]
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % p for p in page_ids), n_pages)
    objs[font_id] = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
        b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid_id, cmap_id)
    )
    objs[cid_id] = (
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 >>" % desc_id
    )
    objs[desc_id] = (
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>"
    )
    highs = sorted({ord(c) >> 8 for lines in pages for line in lines for c in line}) or [0]
    ranges = b"\n".join(b"<%02X00> <%02XFF> <%02X00>" % (h, h, h) for h in highs)
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        b"%d beginbfrange\n" % len(highs) + ranges + b"\nendbfrange\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    objs[cmap_id] = b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream"
    for i, lines in enumerate(pages):
        ops = []
        y = 780
        for line in lines:
            hexed = "".join(f"{ord(c):04X}" for c in line).encode()
            ops.append(b"BT /F1 12 Tf 40 %d Td <%s> Tj ET" % (y, hexed))
            y -= 20
        content = zlib.compress(b"\n".join(ops))
        objs[page_ids[i] + 1] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream"
        objs[page_ids[i]] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (font_id, page_ids[i] + 1)
        )
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = out.tell()
        out.write(b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n")
    xref = out.tell()
    top = max(objs) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % top)
    for num in range(1, top):
        if num in offsets:
            out.write(b"%010d 00000 n \n" % offsets[num])
        else:
            out.write(b"0000000000 65535 f \n")
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (top, xref))
    data = out.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


def test_make_pdf_text_layer_roundtrip():
    from govcheck.document import load_document

    doc = load_document(make_pdf([["第一页中华人民共和国"], ["第二页", "通知"]]))
    assert doc.format == "pdf" and doc.meta["pages"] == 2
    assert "第一页中华人民共和国" in doc.text and "第二页" in doc.text and "通知" in doc.text


def test_make_docx_structure():
    from govcheck.document import load_document

    doc = load_document(make_docx(header="页眉", body=["正文一", [("加", False), ("粗", True)]], table=[["甲", "乙"]], footer="页脚"))
    assert doc.text.split("\n") == ["正文一", "加粗", "甲", "乙", "页眉", "页脚"]
