"""govcheck rules: a table of every rule, filterable."""

from __future__ import annotations

import argparse
import json
import sys

from govcheck.commands import config_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rules", help="list all rules")
    p.add_argument("--category", help="only this category (political, typo, secrecy, privacy, format, punctuation, number)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--config", metavar="PATH", help="include the packs named in this config")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from govcheck.engine import Checker

    infos = Checker(config_from_args(args)).rule_infos()
    if args.category:
        infos = [i for i in infos if i.category == args.category]
    if args.format == "json":
        sys.stdout.write(json.dumps([i.model_dump(mode="json") for i in infos], ensure_ascii=False, indent=2) + "\n")
        return 0
    rows = [("CODE", "CATEGORY", "SEVERITY", "KIND", "FIX", "ENTRIES", "TITLE")]
    rows += [(i.rule_id, i.category, i.severity, i.kind, i.fix, str(i.entry_count), i.title) for i in infos]
    widths = [max(len(r[c]) for r in rows) for c in range(6)]
    for r in rows:
        sys.stdout.write("  ".join(r[c].ljust(widths[c]) for c in range(6)) + "  " + r[6] + "\n")
    sys.stdout.write(f"{len(infos)} rules\n")
    return 0
