"""--format json: the Report as JSON (one object per input; an array for several inputs)."""

from __future__ import annotations

import json

FORMAT = "json"


def render(results, **_: object) -> str:
    docs = []
    for r in results:
        if r.error:
            docs.append({"path": r.path, "error": r.error})
            continue
        doc = {"path": r.path}
        doc.update(json.loads(r.report.model_dump_json()))
        docs.append(doc)
    payload = docs[0] if len(docs) == 1 else docs
    return json.dumps(payload, ensure_ascii=False, indent=2)
