"""A pre-publish hook that calls govcheck in-process (no service): for Python CMSs and scripts.

    from examples.python_hook import before_publish
    ok, problems = before_publish(article_html, fmt="html")
    if not ok:
        refuse(problems)

Or from a shell / CI step, for files:

    python examples/python_hook.py page.html draft.docx --block-on serious   # exit 1 when blocked
"""

from __future__ import annotations

import argparse
import sys
from typing import Optional

import govcheck
from govcheck.document import DocumentError, check_document, from_text, load_document
from govcheck.models import SEVERITY_RANK, Finding

_checker = None


def _get_checker():
    """One Checker per process: the dictionaries load once, then each check takes milliseconds."""
    global _checker
    if _checker is None:
        _checker = govcheck.Checker(govcheck.Config.discover())
    return _checker


def before_publish(content: str | bytes, *, fmt: Optional[str] = None, block_on: str = "blocker") -> tuple[bool, list[Finding]]:
    """(allowed, blocking findings) for an article given as text/HTML (str) or a file's bytes."""
    if isinstance(content, str):
        doc = from_text(content, format=fmt or "txt")  # a string is content here, never a path
    else:
        doc = load_document(content, format=fmt)
    return verdict(doc, block_on)


def verdict(doc, block_on: str = "blocker") -> tuple[bool, list[Finding]]:
    report = check_document(doc, checker=_get_checker())
    limit = SEVERITY_RANK[block_on]
    blocking = [f for f in report.findings if SEVERITY_RANK[f.severity] <= limit]
    return not blocking, blocking


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Refuse files with blocking govcheck findings.")
    parser.add_argument("files", nargs="+")
    parser.add_argument("--block-on", default="blocker", choices=list(SEVERITY_RANK))
    args = parser.parse_args(argv)
    blocked = False
    for path in args.files:
        try:
            ok, problems = verdict(load_document(path), args.block_on)  # format from the extension
        except DocumentError as exc:
            print(f"{path}: cannot check: {exc}", file=sys.stderr)
            blocked = True
            continue
        for f in problems:
            hint = f" → {f.suggestions[0]}" if f.suggestions else ""
            print(f"{path}: {f.severity} {f.rule_id} “{f.text}” {f.message}{hint}")
        blocked |= not ok
    return 1 if blocked else 0


if __name__ == "__main__":
    sys.exit(main())
