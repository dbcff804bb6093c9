"""The `govcheck` command line: a thin shell over the library.

Subcommands live in govcheck/commands/, one module each, discovered at start-up: a module defines
`register(subparsers)` which adds its parser and sets `func(args) -> exit code`.
Exit codes: 0 clean (or below --fail-on), 1 findings at or above --fail-on, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from typing import Optional, Sequence

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors: one line, exit 2
        self.print_usage(sys.stderr)
        print(f"govcheck: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_ERROR)


def build_parser() -> argparse.ArgumentParser:
    from govcheck import __version__, commands

    parser = _Parser(prog="govcheck", description="Offline proofreading of Chinese government drafts.")
    parser.add_argument("--version", action="version", version=f"govcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for mod in sorted(m.name for m in pkgutil.iter_modules(commands.__path__)):
        if mod.startswith("_") or mod.startswith("dict_"):
            continue
        module = importlib.import_module(f"govcheck.commands.{mod}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    from govcheck.config import ConfigError
    from govcheck.packs import DictionaryError
    from govcheck.textio import InputError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        return int(args.func(args) or 0)
    except (InputError, ConfigError, DictionaryError) as exc:
        print(f"govcheck: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
