"""govcheck explain CODE: what a rule checks, why, its source and its examples."""

from __future__ import annotations

import argparse
import sys

from govcheck.commands import config_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("explain", help="explain one rule (e.g. govcheck explain POL001)")
    p.add_argument("code", help="rule code")
    p.add_argument("--config", metavar="PATH", help="include the packs named in this config")
    p.set_defaults(func=run)


def explain_text(info) -> str:
    lines = [f"{info.rule_id}: {info.title}", ""]
    lines.append(f"category: {info.category}    severity: {info.severity}    kind: {info.kind}    fix: {info.fix}")
    if info.valid_from or info.valid_until:
        lines.append(f"applies to documents dated: {info.valid_from or '…'} to {info.valid_until or '…'}")
    lines.append(f"pack: {info.pack} {info.pack_version}    entries: {info.entry_count}")
    if info.description:
        lines += ["", "## Why", info.description.strip()]
    lines += ["", "## Source", info.source]
    if info.bad:
        lines += ["", "## Flagged"] + [f"  ✗ {e.text}" + (f"   (as of {e.doc_date})" if e.doc_date else "") for e in info.bad]
    if info.good:
        lines += ["", "## Not flagged"] + [f"  ✓ {e.text}" + (f"   (as of {e.doc_date})" if e.doc_date else "") for e in info.good]
    safety = {"safe": "safe: applied by `govcheck fix`", "unsafe": "unsafe: a person must confirm", "none": "no automatic fix"}
    lines += ["", "## Fix", safety[info.fix]]
    if info.file:
        lines += ["", f"defined in {info.file}"]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from govcheck.engine import Checker

    code = args.code.strip().upper()
    infos = {i.rule_id: i for i in Checker(config_from_args(args)).rule_infos()}
    info = infos.get(code)
    if info is None:
        near = [c for c in infos if c.startswith(code[:3])][:10]
        hint = f" (codes with this prefix: {', '.join(near)})" if near else ""
        print(f"govcheck: error: no rule {code}{hint}", file=sys.stderr)
        return 2
    sys.stdout.write(explain_text(info) + "\n")
    return 0
