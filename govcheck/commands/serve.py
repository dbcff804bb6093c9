"""govcheck serve: the HTTP pre-publish gate, LanguageTool endpoint and editor page (extra `server`)."""

from __future__ import annotations

import argparse
import os
import sys

from govcheck.commands import add_config_options, config_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="run the HTTP service: /v1/check, /v1/gate, /v2/check (LanguageTool), the editor page at /",
        description="Run the govcheck HTTP service (needs: pip install 'govcheck[server]').",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8765, help="port (default: 8765)")
    p.add_argument(
        "--token",
        default=None,
        help="require 'Authorization: Bearer TOKEN' on /v1 and /v2 (default: $GOVCHECK_TOKEN if set)",
    )
    p.add_argument(
        "--block-on",
        choices=["blocker", "serious", "warning", "info"],
        default="blocker",
        help="/v1/gate refuses publication on findings at or above this severity (default: blocker)",
    )
    p.add_argument("--max-bytes", type=int, default=10 * 1024 * 1024, help="largest request body (default: 10 MB)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds a check may take before 504 (default: 30)")
    add_config_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from govcheck.textio import InputError

    try:
        import uvicorn

        from govcheck.server import create_app
    except ImportError as exc:
        raise InputError(f"govcheck serve needs the server extra: pip install 'govcheck[server]' ({exc.name} is missing)") from None
    config = config_from_args(args)
    token = args.token or os.environ.get("GOVCHECK_TOKEN") or None
    if args.host not in ("127.0.0.1", "localhost", "::1") and not token:
        print(f"govcheck: warning: listening on {args.host} without --token; anyone who can reach it can use it", file=sys.stderr)
    app = create_app(config, token=token, max_bytes=args.max_bytes, timeout=args.timeout, block_on=args.block_on)
    print(f"govcheck: serving on http://{args.host}:{args.port}/ (editor), /docs (API)", file=sys.stderr)
    # access_log: request lines only (method, path, status); bodies are never logged
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", access_log=True)
    return 0
