"""Apply suggestions: a corrected copy of a text, HTML page or .docx, never touching the original.

Only findings whose fix is "safe" are applied unless `unsafe=True` (then "unsafe" ones too; "none"
never). Overlapping fixes: the first by position wins, the others are left for a person. A fix
is also skipped when it cannot be applied without damaging the file: an HTML span that crosses a
tag, or a Word span inside a run that holds a drawing or a field.
"""

from __future__ import annotations

import html as _html
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Optional

from govcheck.document import DEFAULT_LIMITS, Document, DocumentError, Limits, Source, check_document, load_document
from govcheck.models import Finding

if TYPE_CHECKING:  # pragma: no cover
    from govcheck.config import Config
    from govcheck.engine import Checker


@dataclass
class FixResult:
    data: bytes
    format: str
    applied: list[Finding] = field(default_factory=list)
    #: (finding, why it was not applied)
    skipped: list[tuple[Finding, str]] = field(default_factory=list)
    #: The corrected extracted text (what a re-check would see).
    text: str = ""


def plan_fixes(findings: Iterable[Finding], *, unsafe: bool = False) -> tuple[list[Finding], list[tuple[Finding, str]]]:
    """The fixes to apply (non-overlapping, by position) and the ones left out with a reason."""
    allowed = {"safe", "unsafe"} if unsafe else {"safe"}
    chosen: list[Finding] = []
    left: list[tuple[Finding, str]] = []
    last_end = -1
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if not f.suggestions:
            continue
        if f.fix not in allowed:
            left.append((f, "unsafe fix: needs --unsafe" if f.fix == "unsafe" else "no automatic fix"))
            continue
        if f.start < last_end:
            left.append((f, "overlaps another fix"))
            continue
        chosen.append(f)
        last_end = f.end
    return chosen, left


def apply_to_text(text: str, fixes: list[Finding]) -> str:
    """Replace each fix's span with its first suggestion (fixes must not overlap)."""
    out: list[str] = []
    pos = 0
    for f in sorted(fixes, key=lambda f: f.start):
        out.append(text[pos : f.start])
        out.append(f.suggestions[0])
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


def _encode(text: str, encoding: str) -> bytes:
    enc, _, how = encoding.partition(" ")
    data = text.encode(enc)
    if how == "(BOM)":
        bom = "\ufeff".encode(enc)
        data = bom + data
    return data


def fix_file(
    source: Source,
    *,
    unsafe: bool = False,
    format: Optional[str] = None,
    doc_date=None,
    config: Optional["Config"] = None,
    checker: Optional["Checker"] = None,
    limits: Limits = DEFAULT_LIMITS,
) -> FixResult:
    """Check `source` and return the bytes of a corrected copy (same format and encoding)."""
    if isinstance(source, str) and "\n" not in source and not os.path.isfile(source):
        raise DocumentError("GF001", source, "no such file")
    doc = load_document(source, format=format, limits=limits)
    report = check_document(doc, doc_date=doc_date, config=config, checker=checker)
    chosen, skipped = plan_fixes(report.findings, unsafe=unsafe)
    if doc.format == "txt":
        new_text = apply_to_text(doc.text, chosen)
        return FixResult(_encode(new_text, doc.meta.get("encoding", "utf-8")), doc.format, chosen, skipped, new_text)
    if doc.format in ("html", "md"):
        return _fix_source(source, doc, chosen, skipped, limits)
    if doc.format == "docx":
        return _fix_docx(source, doc, chosen, skipped, limits)
    raise DocumentError("GF003", doc.name, f"cannot write a corrected {doc.format}; fix the source document instead")


def _raw(source: Source, doc: Document, limits: Limits) -> bytes:
    from govcheck.document import _read_file
    from pathlib import Path

    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    return _read_file(Path(os.fspath(source)), doc.name, limits)


def _fix_source(source: Source, doc: Document, chosen: list[Finding], skipped: list, limits: Limits) -> FixResult:
    """HTML and Markdown: edit the source at each finding's source span, leaving markup alone."""
    from govcheck.document.html import decode_html
    from govcheck.document.text import decode

    if isinstance(source, str) and not os.path.isfile(source):
        src, encoding = source, "utf-8"
    elif doc.format == "html":
        src, encoding = decode_html(_raw(source, doc, limits), doc.name)
    else:
        src, encoding = decode(_raw(source, doc, limits), doc.name)
    applied: list[Finding] = []
    edits: list[tuple[int, int, str]] = []
    for f in chosen:
        loc = doc.locate(f.start, f.end)
        s, e = loc["source_start"], loc["source_end"]
        if doc.format == "html":
            if "<" in src[s:e]:
                skipped.append((f, "the span crosses HTML markup"))
                continue
            replacement = _html.escape(f.suggestions[0], quote=False)
        else:
            if src[s:e] != f.text:
                skipped.append((f, "the span crosses Markdown markup"))
                continue
            replacement = f.suggestions[0]
        edits.append((s, e, replacement))
        applied.append(f)
    out: list[str] = []
    pos = 0
    for s, e, rep in sorted(edits):
        out.append(src[pos:s])
        out.append(rep)
        pos = e
    out.append(src[pos:])
    new_src = "".join(out)
    return FixResult(_encode(new_src, encoding.split(" (meta)")[0]), doc.format, applied, skipped, apply_to_text(doc.text, applied))


def _fix_docx(source: Source, doc: Document, chosen: list[Finding], skipped: list, limits: Limits) -> FixResult:
    import bisect
    import io

    from govcheck.document.docx import is_plain_run, open_docx, runs_for_span, split_runs, walk

    data = _raw(source, doc, limits)
    document = open_docx(data, doc.name, limits)
    text, paras = walk(document, doc.name, limits)
    starts = [p.start for p in paras]
    by_para: dict[int, list[Finding]] = {}
    for f in chosen:
        i = bisect.bisect_right(starts, f.start) - 1
        if text[f.start : f.end] != f.text or "\n" in f.text or i < 0:
            skipped.append((f, "the span crosses paragraphs"))
            continue
        by_para.setdefault(i, []).append(f)
    applied: list[Finding] = []
    for i, fs in by_para.items():
        spans = split_runs(paras[i], [x for f in fs for x in (f.start, f.end)])
        for f in fs:
            covered = runs_for_span(spans, f.start, f.end)
            exact = covered and covered[0][1] == f.start and covered[-1][2] == f.end
            if not exact or not all(is_plain_run(r) for r, _, _ in covered):
                skipped.append((f, "the span shares a Word run with a drawing or field"))
                continue
            covered[0][0].text = f.suggestions[0]
            for r, _, _ in covered[1:]:
                r.text = ""
            applied.append(f)
    out = io.BytesIO()
    document.save(out)
    return FixResult(out.getvalue(), "docx", applied, skipped, apply_to_text(doc.text, applied))
