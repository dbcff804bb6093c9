"""--format sarif: SARIF 2.1.0 for code-scanning UIs and CI (one run, a rules[] entry per code).

Regions count columns in code points (`columnKind: unicodeCodePoints`), matching govcheck's
offsets. For HTML and Markdown the region is in the source file (from each finding's location); for .docx and
.pdf, whose bytes have no lines, it is in the extracted text (one line per paragraph), and the
paragraph/run or page is given as a logical location and in the result's properties.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePath
from typing import Any, Optional
from urllib.parse import quote

from govcheck.models import Finding

FORMAT = "sarif"
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://pypi.org/project/govcheck/"
LEVEL = {"blocker": "error", "serious": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    if path in ("-", "<stdin>"):
        return "stdin"
    return quote(PurePath(path).as_posix(), safe="/:._-~")


def _rule_entry(rule_id: str, f: Finding, info: Any = None) -> dict[str, Any]:
    title = (info.title if info is not None else f.title) or rule_id
    source = info.source if info is not None else f.source
    severity = info.severity if info is not None else f.severity
    category = info.category if info is not None else f.category
    entry: dict[str, Any] = {
        "id": rule_id,
        "name": rule_id,
        "shortDescription": {"text": title},
        "fullDescription": {"text": (getattr(info, "description", "") or title)},
        "help": {"text": f"{title}。依据：{source}"},
        "defaultConfiguration": {"level": LEVEL[severity]},
        "properties": {"category": category, "severity": severity, "tags": [category], "source": source},
    }
    if info is not None:
        entry["properties"]["fix"] = info.fix
    return entry


def _region(text: str, f: Finding, starts_cache: dict[int, list[int]]) -> dict[str, Any]:
    loc = f.location or {}
    snippet = {"text": f.text}
    if "source_start" in loc:  # HTML and Markdown: the region is in the source file
        return {
            "startLine": loc["line"],
            "startColumn": loc["column"],
            "charOffset": loc["source_start"],
            "charLength": loc["source_end"] - loc["source_start"],
            "snippet": snippet,
        }
    key = id(text)
    starts = starts_cache.get(key)
    if starts is None:
        starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        starts_cache.clear()
        starts_cache[key] = starts
    import bisect

    last = max(f.start, f.end - 1)
    j = bisect.bisect_right(starts, last) - 1
    return {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": j + 1,
        "endColumn": f.end - starts[j] + 1,
        "charOffset": f.start,
        "charLength": f.end - f.start,
        "snippet": snippet,
    }


def _logical(loc: dict[str, Any]) -> Optional[list[dict[str, Any]]]:
    fmt = loc.get("format")
    if fmt == "docx" and "paragraph" in loc:
        name = f"{loc.get('part', 'body')}/paragraph[{loc['paragraph']}]"
        if "table" in loc:
            name = f"{loc.get('part', 'body')}/table[{loc['table']}]/row[{loc['row']}]/cell[{loc['cell']}]/paragraph[{loc['paragraph']}]"
        if "run" in loc:
            name += f"/run[{loc['run']}]"
        return [{"fullyQualifiedName": name, "kind": "element"}]
    if fmt == "pdf" and "page" in loc:
        return [{"fullyQualifiedName": f"page[{loc['page']}]", "kind": "page"}]
    return None


def _fingerprint(f: Finding, text: str) -> str:
    ctx = text[max(0, f.start - 8) : f.end + 8]
    return hashlib.sha256(f"{f.rule_id}\0{ctx}".encode("utf-8")).hexdigest()[:32]


def render(results, *, rules: Optional[dict[str, Any]] = None, **_: object) -> str:
    """`rules`: optional {rule_id: RuleInfo} for richer rule descriptions."""
    from govcheck import __version__

    rule_index: dict[str, int] = {}
    rule_entries: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    cache: dict[int, list[int]] = {}
    for r in results:
        uri = _uri(r.path)
        if r.error:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{r.path}: {r.error}"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                }
            )
            continue
        art_index = len(artifacts)
        artifact: dict[str, Any] = {"location": {"uri": uri}, "length": -1}
        if r.meta.get("format"):
            artifact["mimeType"] = {
                "txt": "text/plain",
                "md": "text/markdown",
                "html": "text/html",
                "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "pdf": "application/pdf",
            }.get(r.meta["format"], "application/octet-stream")
        artifacts.append(artifact)
        for f in r.report.findings:
            if f.rule_id not in rule_index:
                rule_index[f.rule_id] = len(rule_entries)
                rule_entries.append(_rule_entry(f.rule_id, f, (rules or {}).get(f.rule_id)))
            physical = {"artifactLocation": {"uri": uri, "index": art_index}, "region": _region(r.text, f, cache)}
            location: dict[str, Any] = {"physicalLocation": physical}
            logical = _logical(f.location or {})
            if logical:
                location["logicalLocations"] = logical
            res: dict[str, Any] = {
                "ruleId": f.rule_id,
                "ruleIndex": rule_index[f.rule_id],
                "level": LEVEL[f.severity],
                "message": {"text": f.message + (f" 建议：{' / '.join(f.suggestions)}" if f.suggestions else "")},
                "locations": [location],
                "partialFingerprints": {"govcheckSpan/v1": _fingerprint(f, r.text)},
                "properties": {
                    "severity": f.severity,
                    "category": f.category,
                    "confidence": f.confidence,
                    "fix": f.fix,
                    "source": f.source,
                },
            }
            if f.location:
                res["properties"]["location"] = f.location
            if f.suggestions and f.fix != "none" and (f.location or {}).get("format", "txt") in ("txt", "md", "html"):
                res["fixes"] = [
                    {
                        "description": {"text": f"替换为“{f.suggestions[0]}”" + ("" if f.fix == "safe" else "（需人工确认）")},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": uri, "index": art_index},
                                "replacements": [
                                    {
                                        "deletedRegion": {k: v for k, v in physical["region"].items() if k != "snippet"},
                                        "insertedContent": {"text": f.suggestions[0]},
                                    }
                                ],
                            }
                        ],
                    }
                ]
            sarif_results.append(res)
    run = {
        "tool": {
            "driver": {
                "name": "govcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFO_URI,
                "rules": rule_entries,
            }
        },
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": sarif_results,
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2)
