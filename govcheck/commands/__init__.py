"""CLI subcommands, one module each (see govcheck/cli.py)."""

from __future__ import annotations

import argparse


def add_config_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by the commands that run checks."""
    parser.add_argument("--config", metavar="PATH", help="govcheck.toml or pyproject.toml (default: discovered from the current folder)")
    parser.add_argument("--doc-date", metavar="YYYY-MM-DD", help="judge the documents as of this date")
    parser.add_argument("--select", metavar="CODES", help="comma-separated codes or prefixes to run (e.g. POL,SEC001)")
    parser.add_argument("--ignore", metavar="CODES", help="comma-separated codes or prefixes to skip")
    parser.add_argument("--min-severity", choices=["blocker", "serious", "warning", "info"], help="drop findings below this")


def config_from_args(args: argparse.Namespace):
    """Config from the file (given or discovered) with command-line overrides applied."""
    import datetime as dt

    from govcheck.config import Config, ConfigError

    cfg = Config.from_file(args.config) if getattr(args, "config", None) else Config.discover()
    updates = {}
    if getattr(args, "doc_date", None):
        try:
            updates["doc_date"] = dt.date.fromisoformat(args.doc_date)
        except ValueError:
            raise ConfigError(f"--doc-date: '{args.doc_date}' is not a date like 2024-07-01") from None
    for name in ("select", "ignore"):
        value = getattr(args, name, None)
        if value:
            updates[name] = tuple(v.strip() for v in value.split(",") if v.strip())
    if getattr(args, "min_severity", None):
        updates["min_severity"] = args.min_severity
    return cfg.model_copy(update=updates) if updates else cfg
