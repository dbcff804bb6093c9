"""govcheck redact FILE [-o OUT]: mask personal information into a new file (never the input)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from govcheck.commands import add_config_options, config_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("redact", help="mask personal information (ID, mobile, bank card …) into a new file")
    p.add_argument("path", metavar="FILE", help="text file (UTF-8 or GB18030)")
    p.add_argument("-o", "--output", metavar="OUT", help="where to write (default: FILE's name + .redacted + suffix)")
    p.add_argument("--force", action="store_true", help="replace OUT if it already exists (never the input)")
    p.add_argument(
        "--mask",
        action="append",
        default=[],
        metavar="RULE=STYLE",
        help="mask style for a rule, e.g. PII001=6+4, PII003=3+4, PII005=0+4, PII006=email (repeatable)",
    )
    p.add_argument("--mask-char", default="*", help="masking character (default: *)")
    p.add_argument("--skip-uncertain", action="store_true", help="leave numbers reported only as likely typos (info) unmasked")
    p.add_argument("--quiet", action="store_true", help="print nothing on success")
    add_config_options(p)
    p.set_defaults(func=run)


def default_output(path: Path) -> Path:
    suffix = path.suffix or ".txt"
    return path.with_name(f"{path.stem}.redacted{suffix}")


def run(args: argparse.Namespace) -> int:
    from govcheck.redaction import mask_value, redact
    from govcheck.textio import InputError, read_text_file

    src = Path(args.path)
    out = Path(args.output) if args.output else default_output(src)
    styles = {}
    for item in args.mask:
        rule, sep, style = item.partition("=")
        if not sep or not rule.strip() or not style.strip():
            raise InputError(f"--mask {item!r}: expected RULE=STYLE, e.g. PII001=6+4")
        try:
            mask_value("1234567890", style.strip())
        except ValueError as exc:
            raise InputError(f"--mask {item!r}: {exc}") from None
        styles[rule.strip().upper()] = style.strip()
    if len(args.mask_char) != 1:
        raise InputError(f"--mask-char {args.mask_char!r}: must be one character")
    text = read_text_file(src)  # one-line InputError for missing/binary/undecodable input
    try:
        same = out.exists() and os.path.samefile(out, src)
    except OSError:
        same = False
    if same or out.resolve() == src.resolve():
        raise InputError(f"{out}: is the input file; redaction writes a new file, never the input")
    if out.exists() and not args.force:
        raise InputError(f"{out}: already exists (use --force to replace it)")
    config = config_from_args(args)
    masked, findings = redact(
        text, config=config, styles=styles, mask_char=args.mask_char, include_invalid=not args.skip_uncertain
    )
    try:
        out.write_text(masked, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{out}: cannot write ({exc.strerror})") from None
    if not args.quiet:
        by_rule: dict[str, int] = {}
        for f in findings:
            by_rule[f.rule_id] = by_rule.get(f.rule_id, 0) + 1
        detail = ", ".join(f"{k} {v}" for k, v in sorted(by_rule.items())) or "nothing to mask"
        print(f"{out}: {len(findings)} masked ({detail})", file=sys.stderr)
    return 0
