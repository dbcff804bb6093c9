"""--format languagetool: the JSON a LanguageTool server answers on /v2/check, so its clients work.

Offsets and lengths are in UTF-16 code units, as LanguageTool (Java strings) and browser editors
count; govcheck's own offsets are code points, so characters outside the BMP (rare Han characters
such as 𠮷) shift everything after them. One input gives one response object; several give a
JSON array of {"path": ..., <response>}.
"""

from __future__ import annotations

import bisect
import json
from typing import Any, Optional

from govcheck.models import CATEGORY_NAMES, Finding, Report

FORMAT = "languagetool"

#: LanguageTool's issue types (ITS 2.0 localization-quality issue types).
_ISSUE_TYPE = {
    "political": "terminology",
    "typo": "misspelling",
    "secrecy": "legal",
    "privacy": "legal",
    "format": "style",
    "punctuation": "typographical",
    "number": "typographical",
}
_CONTEXT = 40
_BUILD_DATE = "2026-11-23"
_SENTENCE_END = "。！？；!?;\n"


class Utf16:
    """Code-point offset → UTF-16 offset for one text, in O(log n) per lookup."""

    def __init__(self, text: str) -> None:
        self.astral = [i for i, c in enumerate(text) if ord(c) > 0xFFFF] if not text.isascii() else []

    def __call__(self, i: int) -> int:
        return i + bisect.bisect_left(self.astral, i) if self.astral else i


def _sentence(text: str, start: int, end: int) -> str:
    s = max(text.rfind(c, 0, start) for c in _SENTENCE_END) + 1
    ends = [j for j in (text.find(c, end) for c in _SENTENCE_END) if j >= 0]
    e = min(ends) + 1 if ends else len(text)
    return text[s:e].strip()


def match(text: str, f: Finding, u16: Optional[Utf16] = None, base: int = 0) -> dict[str, Any]:
    """One LanguageTool match; `base` shifts offsets (UTF-16) when text is part of a larger input."""
    u16 = u16 or Utf16(text)
    cs = max(0, f.start - _CONTEXT)
    ce = min(len(text), f.end + _CONTEXT)
    lead = "..." if cs > 0 else ""
    tail = "..." if ce < len(text) else ""
    ctx_text = lead + text[cs:ce].replace("\n", " ") + tail
    start16, end16 = u16(f.start), u16(f.end)
    return {
        "message": f.message,
        "shortMessage": f.title or f.rule_id,
        "replacements": [{"value": s} for s in f.suggestions],
        "offset": base + start16,
        "length": end16 - start16,
        "context": {"text": ctx_text, "offset": len(lead) + (start16 - u16(cs)), "length": end16 - start16},
        "sentence": _sentence(text, f.start, f.end),
        "type": {"typeName": "UnknownWord" if f.category == "typo" else "Other"},
        "rule": {
            "id": f.rule_id,
            "description": f.title or f.rule_id,
            "issueType": _ISSUE_TYPE.get(f.category, "uncategorized"),
            "category": {"id": f.category.upper(), "name": CATEGORY_NAMES.get(f.category, f.category)},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
        # govcheck's own facts, under a key LanguageTool clients ignore
        "govcheck": {"severity": f.severity, "fix": f.fix, "confidence": f.confidence, "source": f.source, "location": f.location},
    }


def response(text: str, report: Report, matches: Optional[list[dict[str, Any]]] = None) -> dict[str, Any]:
    """The whole /v2/check response body for one text."""
    from govcheck import __version__

    if matches is None:
        u16 = Utf16(text)
        matches = [match(text, f, u16) for f in report.findings]
    return {
        "software": {
            "name": "govcheck",
            "version": __version__,
            "buildDate": _BUILD_DATE,  # a string: strict clients (e.g. Rust's) refuse null
            "apiVersion": 1,
            "premium": False,
            "status": "",
        },
        "warnings": {"incompleteResults": False},
        "language": {
            "name": "Chinese",
            "code": "zh-CN",
            "detectedLanguage": {"name": "Chinese", "code": "zh-CN", "confidence": 1.0},
        },
        "matches": matches,
    }


def render(results, **_: object) -> str:
    docs = []
    for r in results:
        if r.error:
            docs.append({"path": r.path, "error": r.error})
            continue
        docs.append({"path": r.path, **response(r.text, r.report)} if len(results) > 1 else response(r.text, r.report))
    payload = docs[0] if len(docs) == 1 else docs
    return json.dumps(payload, ensure_ascii=False, indent=2)
