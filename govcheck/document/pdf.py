"""PDF: the text layer (pypdf), page by page; each finding knows its page. Scans have no text."""

from __future__ import annotations

import io
import logging
from typing import Any

from govcheck.document import Document, DocumentError, Limits


def load_pdf(data: bytes, name: str, limits: Limits) -> Document:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - declared dependency
        raise DocumentError("GF003", name, "reading .pdf needs pypdf (pip install pypdf)") from None
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)  # pypdf warns about harmless oddities; keep document details out of logs
    try:
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    ok = reader.decrypt("")
                except Exception:  # noqa: BLE001 - unsupported crypto is just "encrypted"
                    ok = 0
                if not ok:
                    raise DocumentError("GF021", name, "the PDF is password-protected; remove the password first")
            n_pages = len(reader.pages)
        except DocumentError:
            raise
        except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError) as exc:
            raise DocumentError("GF022", name, f"not a readable PDF ({type(exc).__name__})") from None
        except Exception as exc:  # noqa: BLE001 - hostile input must never produce a traceback
            raise DocumentError("GF022", name, f"not a readable PDF ({type(exc).__name__})") from None
        if n_pages > limits.max_pages:
            raise DocumentError("GF002", name, f"too many pages ({n_pages}; the limit is {limits.max_pages})")
        pieces: list[str] = []
        starts: list[int] = []
        blocks: list[dict[str, Any]] = []
        pos = 0
        for i in range(n_pages):
            try:
                page_text = reader.pages[i].extract_text() or ""
            except Exception as exc:  # noqa: BLE001
                if type(exc).__name__ == "LimitReachedError":  # pypdf's bound on inflated stream sizes
                    raise DocumentError("GF011", name, f"refused: page {i + 1} inflates beyond pypdf's limits (decompression bomb?)") from None
                raise DocumentError("GF022", name, f"cannot read the text of page {i + 1} ({type(exc).__name__})") from None
            page_text = page_text.replace("\r\n", "\n").replace("\r", "\n")
            if pieces:
                pieces.append("\n")
                pos += 1
            starts.append(pos)
            blocks.append({"page": i + 1})
            pieces.append(page_text)
            pos += len(page_text)
            if pos > limits.max_chars:
                raise DocumentError("GF002", name, f"text too long (over {limits.max_chars:,} characters)")
    finally:
        log.setLevel(level)
    text = "".join(pieces)
    if not text.strip():
        raise DocumentError(
            "GF020", name, f"no text layer in {n_pages} page(s): a scanned PDF? Run OCR first, or check the source document"
        )
    return Document(text=text, format="pdf", name=name, block_starts=starts, blocks=blocks, meta={"pages": n_pages})
