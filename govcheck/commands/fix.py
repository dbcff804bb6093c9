"""govcheck fix FILE: write a corrected copy, applying safe fixes only (unsafe ones with --unsafe)."""

from __future__ import annotations

import argparse
import os
import sys

from govcheck.cli import EXIT_OK
from govcheck.commands import add_config_options, config_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "fix",
        help="write a corrected copy of a file (.txt .md .html .docx), applying safe fixes",
        description="Write a corrected copy applying each finding's first suggestion when its fix is safe "
        "(with --unsafe also the fixes a person should confirm). The input file is never changed.",
    )
    p.add_argument("path", metavar="FILE", help=".txt, .md, .html or .docx")
    p.add_argument("-o", "--output", metavar="OUT", help="where to write the copy (default: NAME.fixed.EXT next to the input)")
    p.add_argument("--unsafe", action="store_true", help="also apply fixes marked unsafe (political wording, names): review the result")
    p.add_argument("--dry-run", action="store_true", help="list the fixes without writing anything")
    add_config_options(p)
    p.set_defaults(func=run)


def default_output(path: str) -> str:
    stem, ext = os.path.splitext(path)
    return f"{stem}.fixed{ext}"


def run(args: argparse.Namespace) -> int:
    from govcheck.document import DocumentError
    from govcheck.document.fix import fix_file
    from govcheck.engine import Checker

    config = config_from_args(args)
    out = args.output or default_output(args.path)
    if not args.dry_run and os.path.exists(out) and os.path.exists(args.path) and os.path.samefile(out, args.path):
        raise DocumentError("GF005", out, "refusing to overwrite the input; choose another --output")
    result = fix_file(args.path, unsafe=args.unsafe, checker=Checker(config))
    for f in result.applied:
        print(f"{args.path}:{f.line}:{f.column}: fixed {f.rule_id} “{f.text}” → “{f.suggestions[0]}”")
    for f, why in result.skipped:
        print(f"{args.path}:{f.line}:{f.column}: left {f.rule_id} “{f.text}”: {why}")
    n = len(result.applied)
    if args.dry_run:
        print(f"{n} fix{'es' if n != 1 else ''} would be applied (dry run, nothing written)", file=sys.stderr)
        return EXIT_OK
    tmp = out + ".tmp"
    try:
        with open(tmp, "wb") as fh:
            fh.write(result.data)
        os.replace(tmp, out)
    except OSError as exc:
        raise DocumentError("GF006", out, f"cannot write ({exc.strerror})") from None
    print(f"govcheck: wrote {out} ({n} fix{'es' if n != 1 else ''} applied, {len(result.skipped)} left for review)", file=sys.stderr)
    return EXIT_OK
