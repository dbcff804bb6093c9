"""govcheck check FILE... | -"""

# READY-FOR-HANDOVER

from __future__ import annotations

import argparse
import sys

from govcheck.cli import EXIT_FINDINGS, EXIT_OK
from govcheck.commands import add_config_options, config_from_args
from govcheck.models import SEVERITY_RANK


def register(sub: argparse._SubParsersAction) -> None:
    from govcheck.render import renderers

    p = sub.add_parser("check", help="proofread files (or - for standard input)")
    p.add_argument("paths", nargs="+", metavar="FILE", help="text files (UTF-8 or GB18030), or - for standard input")
    p.add_argument("--format", default="text", choices=sorted(renderers()), help="output format (default: text)")
    p.add_argument(
        "--fail-on",
        default="blocker",
        choices=["blocker", "serious", "warning", "info", "never"],
        help="exit 1 when a finding of this severity or worse exists (default: blocker)",
    )
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour (default: on a terminal only)")
    add_config_options(p)
    p.set_defaults(func=run)


def _read(path: str) -> str:
    from govcheck.textio import decode_bytes, read_text_file

    if path == "-":
        return decode_bytes(sys.stdin.buffer.read(), "<stdin>")
    return read_text_file(path)


def run(args: argparse.Namespace) -> int:
    from govcheck.engine import Checker
    from govcheck.render import FileResult, renderers
    config = config_from_args(args)
    checker = Checker(config)
    results = []
    for path in args.paths:
        text = _read(path)  # raises InputError: one line, exit 2
        results.append(FileResult(path="<stdin>" if path == "-" else path, text=text, report=checker.check(text)))
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    out = renderers()[args.format](results, color=color)
    sys.stdout.write(out + ("\n" if not out.endswith("\n") else ""))
    if args.fail_on == "never":
        return EXIT_OK
    limit = SEVERITY_RANK[args.fail_on]
    worst = [f for r in results for f in r.report.findings if SEVERITY_RANK[f.severity] <= limit]
    return EXIT_FINDINGS if worst else EXIT_OK

