"""govcheck dict validate PATH (and the other dict_* subcommands found beside this module)."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dict", help="work with dictionary packs")
    dsub = p.add_subparsers(dest="dict_command", metavar="SUBCOMMAND", parser_class=type(p))
    v = dsub.add_parser("validate", help="validate a pack and run its rule examples")
    v.add_argument("path", help="pack folder (with pack.yaml)")
    v.set_defaults(func=run_validate)
    from govcheck import commands

    for info in pkgutil.iter_modules(commands.__path__):
        if info.name.startswith("dict_"):
            module = importlib.import_module(f"govcheck.commands.{info.name}")
            if hasattr(module, "register_dict"):
                module.register_dict(dsub)
    p.set_defaults(func=lambda args: (p.print_help(sys.stderr), 2)[1])


def run_validate(args: argparse.Namespace) -> int:
    from govcheck.config import Config
    from govcheck.engine import Checker
    from govcheck.examples import run_examples
    from govcheck.packs import load_pack

    pack = load_pack(args.path)  # DictionaryError → one line, exit 2
    checker = Checker(Config(builtin_packs=False, packs=(str(args.path),)))
    failures = run_examples(checker)
    n_examples = sum(len(r.spec.examples.bad) + len(r.spec.examples.good) for r in pack.rules)
    for f in failures:
        print(f"{f}", file=sys.stderr)
    status = "FAILED" if failures else "ok"
    print(f"{args.path}: pack {pack.header.name} {pack.header.version}: {len(pack.rules)} rules, {n_examples} examples, {len(failures)} failing: {status}")
    return 1 if failures else 0
