"""govcheck schema: the JSON Schema of the report (for tools that consume --format json)."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of the report")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from govcheck.models import Report

    sys.stdout.write(json.dumps(Report.model_json_schema(), ensure_ascii=False, indent=2) + "\n")
    return 0
