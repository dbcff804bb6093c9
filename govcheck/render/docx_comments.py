"""Word with comments: a copy of a .docx with a native comment (批注) on each finding's exact span.

Runs are split at the span edges (formatting kept), so the comment covers exactly the reported
characters. Word allows comments in the main document only: findings in headers and footers are
attached to the first body run, their text prefixed with [页眉]/[页脚]. The input is never written.
"""

from __future__ import annotations

import bisect
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Union

from govcheck.document import DEFAULT_LIMITS, DocumentError, Limits
from govcheck.models import Finding

AUTHOR = "govcheck"
INITIALS = "GC"
_PART_LABEL = {"header": "[页眉] ", "footer": "[页脚] "}


@dataclass
class AnnotateResult:
    data: bytes
    comments: int = 0
    #: Findings whose comment sits on a whole run because the run could not be split safely.
    approximate: int = 0
    #: Findings whose comment was moved to the body (headers, footers).
    moved: int = 0
    #: Findings that did not match the document text (checked against another version?).
    skipped: list[str] = field(default_factory=list)


def comment_text(f: Finding) -> str:
    text = f"{f.rule_id} {f.message}"
    if f.suggestions:
        text += f" 建议：{' / '.join(f.suggestions[:3])}"
    return text


def _read(source: Union[bytes, str, "os.PathLike[str]"], limits: Limits) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), "<docx>"
    from govcheck.document import _read_file

    path = Path(os.fspath(source))
    return _read_file(path, str(path), limits), str(path)


def annotate_docx(
    source: Union[bytes, str, "os.PathLike[str]"],
    findings: Iterable[Finding],
    *,
    author: str = AUTHOR,
    initials: str = INITIALS,
    limits: Limits = DEFAULT_LIMITS,
) -> AnnotateResult:
    """Return the bytes of an annotated copy of `source` (a .docx path or bytes)."""
    from govcheck.document.docx import open_docx, run_text, runs_for_span, split_runs, walk

    data, name = _read(source, limits)
    document = open_docx(data, name, limits)
    text, paras = walk(document, name, limits)
    starts = [p.start for p in paras]
    result = AnnotateResult(data=b"")
    todo: list[tuple[Finding, int, int]] = []
    cuts: dict[int, list[int]] = {}
    for f in findings:
        if f.end <= f.start or text[f.start : f.end] != f.text:
            result.skipped.append(f.rule_id)
            continue
        i = bisect.bisect_right(starts, f.start) - 1
        j = bisect.bisect_right(starts, f.end - 1) - 1
        todo.append((f, i, j))
        if paras[i].part == "body" and paras[j].part == "body":  # header/footer runs stay as they are
            cuts.setdefault(i, []).append(f.start)
            cuts.setdefault(j, []).append(f.end)
    spans = {i: split_runs(paras[i], c) for i, c in cuts.items()}
    first_body = next((p for p in paras if p.part == "body" and any(len(run_text(r)) for r in p.runs)), None)

    from docx.text.run import Run

    for f, i, j in todo:
        para = paras[i]
        label = ""
        if para.part != "body" or paras[j].part != "body":
            if first_body is None:
                result.skipped.append(f.rule_id)
                continue
            label = _PART_LABEL.get(para.part, "")
            anchor = [r for r in first_body.runs if len(run_text(r))][:1]
            result.moved += 1
        else:
            chain: list[tuple[Any, int, int]] = []
            for k in range(i, j + 1):
                chain.extend(spans.get(k) or [(r, s, s + len(run_text(r))) for r, s in zip(paras[k].runs, paras[k].run_starts)])
            covered = runs_for_span(chain, f.start, f.end)
            if not covered:
                result.skipped.append(f.rule_id)
                continue
            if covered[0][1] != f.start or covered[-1][2] != f.end:
                result.approximate += 1
            anchor = [covered[0][0], covered[-1][0]]
        # only the run elements matter to add_comment (it marks the range around them)
        document.add_comment([Run(r, None) for r in anchor], text=label + comment_text(f), author=author, initials=initials)
        result.comments += 1
    out = io.BytesIO()
    document.save(out)
    result.data = out.getvalue()
    return result


def write_annotated(
    source: Union[str, "os.PathLike[str]"], findings: Iterable[Finding], out: Union[str, "os.PathLike[str]"], **kw: Any
) -> AnnotateResult:
    """Annotate the .docx at `source` into the file `out` (refusing to overwrite the input)."""
    src, dst = Path(os.fspath(source)), Path(os.fspath(out))
    if dst.exists() and src.exists() and os.path.samefile(src, dst):
        raise DocumentError("GF005", str(dst), "refusing to overwrite the input document; choose another --annotate path")
    result = annotate_docx(src, findings, **kw)
    tmp = dst.with_name(dst.name + ".tmp")
    tmp.write_bytes(result.data)
    os.replace(tmp, dst)
    return result
