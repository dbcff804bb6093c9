"""Documents in: .txt/.md/.html/.docx/.pdf → the exact text checked, plus a map back to the source.

    >>> import govcheck
    >>> report = govcheck.check_file("draft.docx")          # a path (str or Path), or bytes
    >>> report.findings[0].location
    {'format': 'docx', 'part': 'body', 'paragraph': 3, 'run': 2, 'run_offset': 4, ...}

Every finding keeps its code-point offsets into the extracted text (`Document.text`) and gains a
`location` in the source: line/column for text, HTML source offsets for HTML, paragraph and run
for Word, page for PDF. Hostile or broken files raise `DocumentError` (one line, stable code),
never a traceback, and are refused before they can use unbounded time or memory.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

from govcheck.models import Report
from govcheck.textio import InputError

if TYPE_CHECKING:  # pragma: no cover
    from govcheck.config import Config
    from govcheck.engine import Checker

__all__ = [
    "Document",
    "DocumentError",
    "Limits",
    "FORMATS",
    "load_document",
    "from_text",
    "check_file",
    "check_document",
    "detect_format",
]

#: Formats we read, by file extension.
EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
FORMATS: tuple[str, ...] = ("txt", "md", "html", "docx", "pdf")
#: Extensions we recognise but cannot read, with what to do instead.
_UNSUPPORTED = {
    ".doc": "old binary Word format; save it as .docx",
    ".wps": "WPS binary format; save it as .docx",
    ".rtf": "RTF is not supported; save it as .docx",
    ".odt": "OpenDocument is not supported; save it as .docx",
    ".xlsx": "spreadsheets are not supported",
    ".pptx": "presentations are not supported",
}


class DocumentError(InputError):
    """A file that cannot be read. str() is `CODE name: problem` on one line; `code` is stable.

    Codes: GF001 not found / unreadable, GF002 too large, GF003 unsupported format,
    GF004 not text (binary or undecodable), GF005 would overwrite the input, GF006 cannot write an output, GF010 not a valid .docx, GF011 zip bomb,
    GF020 PDF without a text layer, GF021 encrypted PDF, GF022 broken PDF, GF030 broken HTML.
    """

    def __init__(self, code: str, name: str, message: str) -> None:
        self.code, self.name, self.message = code, name, message
        super().__init__(f"{code} {name}: {message}")


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile file from using unbounded time or memory."""

    #: Largest file (or byte string) accepted, any format.
    max_bytes: int = 50 * 1024 * 1024
    #: Largest extracted text, in code points (a long government report is ~100,000).
    max_chars: int = 5_000_000
    #: .docx: total declared uncompressed size of all zip members.
    max_unzipped: int = 300 * 1024 * 1024
    #: .docx: a member whose compression ratio exceeds this (and is larger than 1 MB) is a bomb.
    max_ratio: int = 200
    #: .docx: more members than this is not a Word document.
    max_members: int = 5000
    #: .pdf: pages read at most.
    max_pages: int = 3000
    #: .docx: nesting depth of tables within tables.
    max_depth: int = 32
    #: HTML: markup characters ("<") at most; real pages have far fewer, and parsing time grows with them.
    max_html_tags: int = 1_000_000


DEFAULT_LIMITS = Limits()


@dataclass
class Document:
    """The text govcheck checks and how to find any span of it in the source file."""

    text: str
    format: str
    name: str = "<input>"
    #: Facts about the source: encoding, pages, paragraphs, title...
    meta: dict[str, Any] = field(default_factory=dict)
    #: Sorted start offsets of blocks (lines, paragraphs, pages) and what each block is.
    block_starts: list[int] = field(default_factory=list)
    blocks: list[dict[str, Any]] = field(default_factory=list)
    #: Format-specific refinement: (start, end, block index, block) -> extra location fields.
    refine: Optional[Callable[[int, int, int, dict[str, Any]], dict[str, Any]]] = None

    def locate(self, start: int, end: int) -> dict[str, Any]:
        """Where [start, end) of `text` sits in the source document."""
        loc: dict[str, Any] = {"format": self.format}
        if self.name and not self.name.startswith("<"):
            loc["file"] = self.name
        if self.block_starts:
            i = max(0, bisect.bisect_right(self.block_starts, start) - 1)
            block = self.blocks[i]
            loc.update({k: v for k, v in block.items() if not k.startswith("_")})
            if self.refine is not None:
                loc.update(self.refine(start, end, i, block))
        return loc


Source = Union[str, bytes, bytearray, memoryview, "os.PathLike[str]"]


def detect_format(data: bytes, name: str = "") -> str:
    """The format of a file from its extension, else from its first bytes."""
    ext = os.path.splitext(name)[1].lower()
    if ext in EXTENSIONS:
        return EXTENSIONS[ext]
    if ext in _UNSUPPORTED:
        raise DocumentError("GF003", name or "<input>", _UNSUPPORTED[ext])
    head = bytes(data[:2048])
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError("GF003", name or "<input>", "old binary Office format (.doc); save it as .docx")
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith((b"<!doctype html", b"<html", b"<body", b"<div", b"<p>", b"<p ", b"<section", b"<article", b"<meta")):
        return "html"
    return "txt"


def _looks_like_path(s: str) -> bool:
    return "\n" not in s and 0 < len(s) < 1024 and os.path.isfile(s)


def _path_shaped(s: str) -> bool:
    """One short line ending in a document extension: meant as a path, even if the file is missing."""
    return "\n" not in s and 0 < len(s) < 1024 and os.path.splitext(s)[1].lower() in {**EXTENSIONS, **_UNSUPPORTED}


def load_document(
    source: Source,
    *,
    format: Optional[str] = None,
    name: Optional[str] = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Read a path (str or PathLike), bytes, or a text string into a Document.

    A `str` is taken as a path when it names an existing file, or (without `format`) when it is one
    short line ending in a document extension such as ".docx" (a missing file is then an error);
    otherwise it is the text itself (`format` says how to read it: "txt" by default, "html", "md").
    For untrusted strings use `from_text`, which never reads a file.
    """
    if format is not None and format not in FORMATS:
        raise DocumentError("GF003", name or "<input>", f"unknown format '{format}' (use one of {', '.join(FORMATS)})")
    if isinstance(source, str) and not (_looks_like_path(source) or (format is None and _path_shaped(source))):
        return from_text(source, format=format or "txt", name=name or "<text>", limits=limits)
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        label = name or "<bytes>"
        if len(data) > limits.max_bytes:
            raise DocumentError("GF002", label, f"too large ({_mb(len(data))}; the limit is {_mb(limits.max_bytes)})")
    else:
        path = Path(os.fspath(source))
        label = name or str(path)
        data = _read_file(path, label, limits)
    fmt = format or detect_format(data, label)
    return _from_bytes(data, fmt, label, limits)


def from_text(text: str, *, format: str = "txt", name: str = "<text>", limits: Limits = DEFAULT_LIMITS) -> Document:
    """A Document from a string that is always content, never a path (use this for untrusted input)."""
    if len(text) > limits.max_chars:
        raise DocumentError("GF002", name, f"text too long ({len(text):,} characters; the limit is {limits.max_chars:,})")
    if format not in ("txt", "md", "html"):
        raise DocumentError("GF003", name, f"a {format} document must be given as a path or bytes, not as text")
    return _from_text(text, format, name, limits)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _read_file(path: Path, label: str, limits: Limits) -> bytes:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DocumentError("GF001", label, "no such file") from None
    except OSError as exc:
        raise DocumentError("GF001", label, f"cannot read ({exc.strerror})") from None
    if path.is_dir():
        raise DocumentError("GF001", label, "is a directory")
    if st.st_size > limits.max_bytes:
        raise DocumentError("GF002", label, f"too large ({_mb(st.st_size)}; the limit is {_mb(limits.max_bytes)})")
    ext = path.suffix.lower()
    if ext in _UNSUPPORTED:
        raise DocumentError("GF003", label, _UNSUPPORTED[ext])
    try:
        with path.open("rb") as fh:
            data = fh.read(limits.max_bytes + 1)  # a file that grows while we read is still bounded
    except OSError as exc:
        raise DocumentError("GF001", label, f"cannot read ({exc.strerror})") from None
    if len(data) > limits.max_bytes:
        raise DocumentError("GF002", label, f"too large (over {_mb(limits.max_bytes)})")
    return data


def _from_bytes(data: bytes, fmt: str, label: str, limits: Limits) -> Document:
    if fmt == "docx":
        from govcheck.document.docx import load_docx

        return load_docx(data, label, limits)
    if fmt == "pdf":
        from govcheck.document.pdf import load_pdf

        return load_pdf(data, label, limits)
    from govcheck.document.text import decode

    if fmt == "html":
        from govcheck.document.html import decode_html

        text, encoding = decode_html(data, label)
    else:
        text, encoding = decode(data, label)
    if len(text) > limits.max_chars:
        raise DocumentError("GF002", label, f"text too long ({len(text):,} characters; the limit is {limits.max_chars:,})")
    doc = _from_text(text, fmt, label, limits)
    doc.meta["encoding"] = encoding
    return doc


def _from_text(text: str, fmt: str, label: str, limits: Limits) -> Document:
    if fmt == "html":
        from govcheck.document.html import load_html

        return load_html(text, label, limits)
    if fmt == "md":
        from govcheck.document.markdown import load_markdown

        return load_markdown(text, label, limits)
    from govcheck.document.text import load_text

    return load_text(text, fmt, label)


def check_document(
    doc: Document,
    *,
    doc_date: Optional[_dt.date] = None,
    config: Optional["Config"] = None,
    checker: Optional["Checker"] = None,
) -> Report:
    """Check a loaded Document; every finding gains its `location` in the source."""
    if checker is not None:
        report = checker.check(doc.text, doc_date=doc_date)
    else:
        import govcheck

        report = govcheck.check(doc.text, doc_date=doc_date, config=config)
    if not report.findings:
        return report
    located = [f.model_copy(update={"location": {**(f.location or {}), **doc.locate(f.start, f.end)}}) for f in report.findings]
    return report.model_copy(update={"findings": located})


def check_file(
    source: Source,
    *,
    format: Optional[str] = None,
    doc_date: Optional[_dt.date] = None,
    config: Optional["Config"] = None,
    checker: Optional["Checker"] = None,
    name: Optional[str] = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Report:
    """Proofread a file: a path, the file's bytes, or a text string (see `load_document`).

    Raises DocumentError (a subclass of govcheck.textio.InputError) for files that cannot be read.
    """
    doc = load_document(source, format=format, name=name, limits=limits)
    return check_document(doc, doc_date=doc_date, config=config, checker=checker)
