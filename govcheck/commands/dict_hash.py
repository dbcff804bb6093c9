"""govcheck dict hash LIST -o PACK: turn a plain secret-term list into a salted-hash pack."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path


def register_dict(dsub: argparse._SubParsersAction) -> None:
    p = dsub.add_parser(
        "hash",
        help="turn a plain term list (one per line, optional TAB severity) into a salted-hash pack",
    )
    p.add_argument("list", metavar="LIST", help="UTF-8 text file: one term per line, optionally TAB severity; # comments")
    p.add_argument("-o", "--output", required=True, metavar="PACK", help="new folder for the hashed pack")
    p.add_argument("--name", help="pack name (default: the folder's name)")
    p.add_argument("--prefix", required=True, help="the pack's rule-code prefix, e.g. ACM (capital letters)")
    p.add_argument("--rule-id", help="rule code (default: PREFIX001)")
    p.add_argument("--severity", default="blocker", choices=["blocker", "serious", "warning", "info"])
    p.add_argument("--category", default="secrecy", choices=["secrecy", "privacy", "political"])
    p.add_argument("--title", default="本单位涉密词")
    p.add_argument("--source", help="citation shown with findings (default: the pack's name)")
    p.add_argument("--version", default="1")
    p.add_argument("--buckets", type=int, default=64, help="character buckets (2–64; more = faster matching, more revealed; default 64)")
    p.set_defaults(func=run_hash)


def run_hash(args: argparse.Namespace) -> int:
    from govcheck.hashed import build_hashed_pack, read_plain_terms
    from govcheck.textio import InputError

    if not re.fullmatch(r"[A-Z][A-Z0-9]{1,5}", args.prefix or ""):
        raise InputError(f"--prefix {args.prefix!r}: use 2–6 capital letters or digits, starting with a letter (e.g. ACM)")
    rule_id = args.rule_id or f"{args.prefix}001"
    if not re.fullmatch(r"[A-Z][A-Z0-9]{1,5}\d{3}", rule_id) or not rule_id.startswith(args.prefix):
        raise InputError(f"--rule-id {rule_id!r}: must be the prefix followed by 3 digits (e.g. {args.prefix}001)")
    if not 2 <= args.buckets <= 64:
        raise InputError("--buckets: must be between 2 and 64")
    src = Path(args.list)
    out = Path(args.output)
    if out.resolve() == src.resolve() or (out.exists() and not out.is_dir()):
        raise InputError(f"{out}: must be a new folder, not a file")
    terms = read_plain_terms(src)  # DictionaryError → one line, exit 2
    if not terms:
        raise InputError(f"{src}: no terms found")
    name = (args.name or out.resolve().name).lower()
    name = re.sub(r"[^a-z0-9_.-]", "-", name).strip("-.") or "hashed"
    try:
        build_hashed_pack(
            terms, out, name=name, prefix=args.prefix, version=args.version, rule_id=rule_id, severity=args.severity,
            category=args.category, title=args.title, source=args.source, buckets=args.buckets,
        )
    except FileExistsError as exc:
        raise InputError(str(exc)) from None
    except OSError as exc:
        raise InputError(f"{out}: cannot write ({exc.strerror})") from None
    print(f"{out}: hashed pack {name} with {len(terms)} terms (rule {rule_id}); the plain list was not copied", file=sys.stderr)
    return 0
