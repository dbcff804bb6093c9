"""Word .docx: paragraphs, tables, headers and footers in reading order, each finding tied to its run.

The extracted text is every paragraph's runs joined, paragraphs separated by "\\n": the body
first (tables cell by cell, row by row), then the page headers, then the footers. The same walk is
used to load, to annotate (Word comments) and to fix, so an offset means the same run everywhere.

The archive is inspected before python-docx opens it: not a zip, too many members, a declared
uncompressed size beyond the limits, or a compression ratio typical of zip bombs are refused.
(`zipfile` never inflates a member past its declared size, so the declared sizes bound memory.)
"""

from __future__ import annotations

import bisect
import copy
import io
import zipfile
from dataclasses import dataclass
from typing import Any, Iterator, Optional

from govcheck.document import Document, DocumentError, Limits

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = "{%s}" % W_NS
_NSMAP = {"w": W_NS, "r": R_NS}
#: Runs directly in a paragraph or inside inline wrappers (hyperlinks, tracked insertions, fields).
_RUNS_XPATH = (
    "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r | ./w:fldSimple/w:r"
    " | ./w:sdt/w:sdtContent/w:r | ./w:hyperlink/w:ins/w:r | ./w:ins/w:hyperlink/w:r"
)
#: Children that may appear in a run we can split or rewrite without losing anything.
_PLAIN_CHILDREN = frozenset(
    _W + t for t in ("rPr", "t", "tab", "br", "cr", "noBreakHyphen", "ptab", "lastRenderedPageBreak", "softHyphen")
)
_XML_MEMBER_LIMIT = 64 * 1024 * 1024


@dataclass
class Para:
    """One paragraph of the walk: where its text starts in the document text, and its runs."""

    element: Any
    part: str  # "body", "header" or "footer"
    index: int  # 1-based within its part
    start: int  # offset of its first character in the document text
    runs: list[Any]
    run_starts: list[int]  # absolute offsets, one per run
    text: str
    where: dict[str, Any]


def check_archive(data: bytes, name: str, limits: Limits) -> None:
    """Refuse what is not a sane .docx before any XML is parsed."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DocumentError("GF010", name, "not a .docx (not a zip archive; is it an old .doc or a renamed file?)") from None
    except (OSError, ValueError, EOFError) as exc:
        raise DocumentError("GF010", name, f"not a .docx (broken zip archive: {type(exc).__name__})") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_members:
            raise DocumentError("GF011", name, f"refused: {len(infos)} archive members (limit {limits.max_members})")
        total = 0
        names = set()
        for info in infos:
            names.add(info.filename)
            total += info.file_size
            if info.file_size > 1024 * 1024 and info.file_size > limits.max_ratio * max(1, info.compress_size):
                raise DocumentError(
                    "GF011", name, f"refused: member {info.filename!r} expands {info.file_size // max(1, info.compress_size)}× (zip bomb?)"
                )
            if info.filename.endswith((".xml", ".rels")) and info.file_size > _XML_MEMBER_LIMIT:
                raise DocumentError("GF011", name, f"refused: member {info.filename!r} is {info.file_size // 2**20} MB of XML")
        if total > limits.max_unzipped:
            raise DocumentError("GF011", name, f"refused: {total // 2**20} MB uncompressed (limit {limits.max_unzipped // 2**20} MB)")
        if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
            raise DocumentError("GF010", name, "not a Word document (a zip archive without word/ content)")


def open_docx(data: bytes, name: str, limits: Limits):
    """A python-docx Document for bytes already known to be a sane archive."""
    check_archive(data, name, limits)
    try:
        import docx
    except ImportError:  # pragma: no cover - declared dependency
        raise DocumentError("GF003", name, "reading .docx needs python-docx (pip install python-docx)") from None
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - hostile input: any parser failure is "broken file"
        detail = str(exc).split("\n")[0][:120] if "depth" in str(exc).lower() else type(exc).__name__
        raise DocumentError("GF010", name, f"not a valid Word document ({detail})") from None


def _story_parts(document) -> tuple[list[Any], list[Any]]:
    """Header and footer parts in the order the sections reference them, each once."""
    headers: list[Any] = []
    footers: list[Any] = []
    seen: set[str] = set()
    body = document.element.body
    related = document.part.related_parts
    for ref in body.xpath(".//w:sectPr/w:headerReference | .//w:sectPr/w:footerReference"):
        rid = ref.get("{%s}id" % R_NS)
        part = related.get(rid) if rid else None
        if part is None or str(part.partname) in seen:
            continue
        seen.add(str(part.partname))
        (headers if ref.tag.endswith("headerReference") else footers).append(part)
    return headers, footers


def _blocks(container: Any, where: dict[str, Any], depth: int, max_depth: int, name: str) -> Iterator[tuple[Any, dict[str, Any]]]:
    """Paragraph elements of a body, cell, header or footer, in reading order."""
    if depth > max_depth:
        raise DocumentError("GF010", name, f"refused: tables nested more than {max_depth} deep")
    table_no = 0
    for child in container.iterchildren():
        tag = child.tag
        if tag == _W + "p":
            yield child, where
        elif tag == _W + "tbl":
            table_no += 1
            for r, tr in enumerate(child.iterchildren(_W + "tr"), 1):
                for c, tc in enumerate(tr.iterchildren(_W + "tc"), 1):
                    cell = {**where, "table": where.get("table", ()) + (table_no,), "row": r, "cell": c}
                    yield from _blocks(tc, cell, depth + 1, max_depth, name)
        elif tag == _W + "sdt":
            for content in child.iterchildren(_W + "sdtContent"):
                yield from _blocks(content, where, depth + 1, max_depth, name)
        elif tag == _W + "customXml":
            yield from _blocks(child, where, depth + 1, max_depth, name)


def run_text(r: Any) -> str:
    return r.text or ""


def walk(document, name: str = "<docx>", limits: Optional[Limits] = None) -> tuple[str, list[Para]]:
    """(document text, paragraphs): the body in reading order, then headers, then footers."""
    max_depth = (limits or Limits()).max_depth
    headers, footers = _story_parts(document)
    # The body first: rules that read a document's structure (title, 发文字号, 落款) see it as it
    # is; page headers and footers (running titles, page numbers) follow it.
    stories: list[tuple[str, Any]] = [("body", document.element.body)]
    stories += [("header", p.element) for p in headers]
    stories += [("footer", p.element) for p in footers]
    paras: list[Para] = []
    pieces: list[str] = []
    pos = 0
    counters = {"header": 0, "body": 0, "footer": 0}
    for part, root in stories:
        for p, where in _blocks(root, {}, 0, max_depth, name):
            counters[part] += 1
            if paras:
                pieces.append("\n")
                pos += 1
            runs = p.xpath(_RUNS_XPATH)
            starts = []
            texts = []
            q = pos
            for r in runs:
                starts.append(q)
                t = run_text(r)
                texts.append(t)
                q += len(t)
            text = "".join(texts)
            info = dict(where)
            if "table" in info:
                info["table"] = ".".join(map(str, info["table"]))
            paras.append(Para(p, part, counters[part], pos, runs, starts, text, info))
            pieces.append(text)
            pos += len(text)
    return "".join(pieces), paras


def load_docx(data: bytes, name: str, limits: Limits) -> Document:
    document = open_docx(data, name, limits)
    try:
        text, paras = walk(document, name, limits)
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001 - malformed XML structure
        raise DocumentError("GF010", name, f"cannot read the document structure ({type(exc).__name__})") from None
    if len(text) > limits.max_chars:
        raise DocumentError("GF002", name, f"text too long ({len(text):,} characters; the limit is {limits.max_chars:,})")
    block_starts = [p.start for p in paras]
    blocks = [{"part": p.part, "paragraph": p.index, **p.where, "_runs": p.run_starts} for p in paras]

    def refine(start: int, end: int, i: int, block: dict[str, Any]) -> dict[str, Any]:
        run_starts = block["_runs"]
        para_start = block_starts[i]
        out: dict[str, Any] = {"paragraph_offset": start - para_start}
        if run_starts:
            k = max(0, bisect.bisect_right(run_starts, start) - 1)
            # skip empty runs sitting at the same offset (the run that holds the character)
            while k + 1 < len(run_starts) and run_starts[k + 1] == run_starts[k] and run_starts[k + 1] <= start:
                k += 1
            out["run"] = k + 1
            out["run_offset"] = start - run_starts[k]
        return out

    meta = {
        "paragraphs": len(paras),
        "body_paragraphs": sum(1 for p in paras if p.part == "body"),
        "headers_footers": sum(1 for p in paras if p.part != "body"),
    }
    title = (document.core_properties.title or "").strip()
    if title:
        meta["title"] = title[:200]
    return Document(text=text, format="docx", name=name, block_starts=block_starts, blocks=blocks, refine=refine, meta=meta)


# -- editing helpers shared by annotation and fixing ----------------------------------------------


def is_plain_run(r: Any) -> bool:
    """A run with only text-like content (no drawings, fields, page breaks): safe to split or rewrite."""
    for child in r.iterchildren():
        if child.tag not in _PLAIN_CHILDREN:
            return False
        if child.tag == _W + "br" and child.get(_W + "type") not in (None, "textWrapping"):
            return False
    return True


def split_runs(para: Para, cuts: list[int]) -> list[tuple[Any, int, int]]:
    """Split the paragraph's runs at the given absolute offsets; returns (run, start, end) spans.

    A run that cannot be split safely stays whole (an anchor then covers the whole run).
    """
    spans = [(r, s, s + len(run_text(r))) for r, s in zip(para.runs, para.run_starts)]
    for cut in sorted(set(cuts)):
        for i, (r, s, e) in enumerate(spans):
            if s < cut < e:
                if not is_plain_run(r):
                    break
                text = run_text(r)
                k = cut - s
                tail = copy.deepcopy(r)
                r.text = text[:k]
                tail.text = text[k:]
                r.addnext(tail)
                spans[i : i + 1] = [(r, s, cut), (tail, cut, e)]
                break
    return spans


def runs_for_span(spans: list[tuple[Any, int, int]], start: int, end: int) -> list[tuple[Any, int, int]]:
    """The runs a span covers: exactly, when the runs were split at its edges, else those it touches."""
    inside = [(r, s, e) for r, s, e in spans if start <= s and e <= end and e > s]
    if inside and inside[0][1] == start and inside[-1][2] == end:
        return inside
    return [(r, s, e) for r, s, e in spans if s < end and e > start]

