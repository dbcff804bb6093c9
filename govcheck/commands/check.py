"""govcheck check FILE|DIR... | -

Inputs: .txt/.md (UTF-8, GB18030/GBK), .html, .docx, .pdf, folders with --recursive, or - (stdin).
Outputs (--format): text, json, sarif, html, languagetool. --annotate OUT.docx writes a copy of a
.docx input with a Word comment on each finding. --jobs N checks files in N processes; on a
terminal a progress bar runs and a summary table follows. A file that cannot be read is reported
(one line on stderr) and skipped; the exit code is then 2.
"""

# READY-FOR-HANDOVER

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, Optional

from govcheck.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from govcheck.commands import add_config_options, config_from_args
from govcheck.models import SEVERITIES, SEVERITY_RANK


def register(sub: argparse._SubParsersAction) -> None:
    from govcheck.render import renderers

    p = sub.add_parser(
        "check",
        help="proofread files or folders (or - for standard input)",
        description="Proofread .txt/.md/.html/.docx/.pdf files, folders (--recursive) or standard input (-).",
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files (.txt .md .html .docx .pdf; text in UTF-8 or GB18030), folders with --recursive, or - for stdin",
    )
    p.add_argument("--format", default="text", choices=sorted(renderers()), help="output format (default: text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument(
        "--fail-on",
        default="blocker",
        choices=["blocker", "serious", "warning", "info", "never"],
        help="exit 1 when a finding of this severity or worse exists (default: blocker)",
    )
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour (default: on a terminal only)")
    p.add_argument("-r", "--recursive", action="store_true", help="check the supported files inside folders, recursively")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="check files in N processes (0: one per CPU; default 1)")
    p.add_argument(
        "--input-format",
        choices=["auto", "txt", "md", "html", "docx", "pdf"],
        default="auto",
        help="how to read the inputs (default: from the file extension; standard input is sniffed)",
    )
    p.add_argument(
        "--annotate",
        metavar="OUT.docx",
        help="write a copy of the (single) .docx input with a Word comment on each finding; the input is untouched",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    p.add_argument("--summary", choices=["auto", "always", "never"], default="auto", help="summary table on stderr (auto: several files)")
    add_config_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from govcheck.document import DocumentError
    from govcheck.document.batch import check_one, check_paths, collect
    from govcheck.engine import Checker
    from govcheck.render import renderers

    config = config_from_args(args)
    paths, problems = collect(args.paths, recursive=args.recursive)
    for path, message in problems:
        print(f"govcheck: error: {path}: {message}", file=sys.stderr)
    if args.annotate and (len(paths) != 1 or paths[0] == "-"):
        raise DocumentError("GF003", args.annotate, "--annotate needs exactly one .docx file as input")
    checker = Checker(config)
    fmt = None if args.input_format == "auto" else args.input_format
    if args.jobs < 0:
        print("govcheck: error: --jobs must be 0 or more", file=sys.stderr)
        return EXIT_ERROR
    progress = _Progress(len(paths), enabled=not args.no_progress and len(paths) > 1 and sys.stderr.isatty())
    try:
        if "-" in paths:
            results = []
            for p in paths:
                data = sys.stdin.buffer.read() if p == "-" else None
                results.append(check_one(p, checker, format=fmt, data=data))
                progress.advance(results[-1])
        else:
            results = check_paths(paths, checker=checker, jobs=args.jobs, format=fmt, on_result=progress.advance)
    finally:
        progress.stop()

    errors = [r for r in results if r.error]
    for r in errors:
        print(f"govcheck: error: {r.path}: {r.error}", file=sys.stderr)
    good = [r for r in results if not r.error]

    if args.annotate:
        if errors:
            return EXIT_ERROR
        _annotate(paths[0], good[0], args.annotate)

    shown = results if args.format != "text" else good
    if shown:
        color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and not args.output)
        opts: dict[str, Any] = {"color": color}
        if args.format == "sarif":
            opts["rules"] = {i.rule_id: i for i in checker.rule_infos()}
        out = renderers()[args.format](shown, **opts)
        out += "" if out.endswith("\n") else "\n"
        if args.output:
            try:
                with open(args.output, "w", encoding="utf-8") as fh:
                    fh.write(out)
            except OSError as exc:
                raise DocumentError("GF006", args.output, f"cannot write the report ({exc.strerror})") from None
        else:
            sys.stdout.write(out)

    many = len(results) + len(problems) > 1
    if args.summary == "always" or (args.summary == "auto" and many):
        _summary(results, len(problems), sys.stderr)

    if errors or problems:
        return EXIT_ERROR
    if args.fail_on == "never":
        return EXIT_OK
    limit = SEVERITY_RANK[args.fail_on]
    worst = [f for r in good for f in r.report.findings if SEVERITY_RANK[f.severity] <= limit]
    return EXIT_FINDINGS if worst else EXIT_OK


def _annotate(source: str, result, out: str) -> None:
    from govcheck.document import DocumentError
    from govcheck.render.docx_comments import write_annotated

    if result.meta.get("format") != "docx":
        raise DocumentError("GF003", source, "--annotate works on .docx inputs only")
    try:
        res = write_annotated(source, result.report.findings, out)
    except OSError as exc:
        raise DocumentError("GF006", out, f"cannot write ({exc.strerror})") from None
    extra = f", {res.moved} moved from headers/footers to the body" if res.moved else ""
    print(f"govcheck: wrote {out} with {res.comments} comment{'s' if res.comments != 1 else ''}{extra}", file=sys.stderr)


class _Progress:
    """A rich progress bar on stderr, started on the first result (after worker processes fork)."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled = total, enabled
        self.bar: Optional[Any] = None
        self.task: Any = None

    def advance(self, result) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            try:
                from rich.console import Console
                from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
            except ImportError:  # pragma: no cover - rich is optional
                self.enabled = False
                return
            self.bar = Progress(
                TextColumn("[bold]检查"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                TextColumn("{task.fields[name]}", style="dim"),
                console=Console(file=sys.stderr),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("check", total=self.total, name="")
        self.bar.update(self.task, advance=1, name=os.path.basename(result.path)[-40:])

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def _summary(results, missing: int, stream) -> None:
    """Files, findings by severity, errors: a rich table on a terminal, plain columns otherwise."""
    rows = []
    totals = {s: 0 for s in SEVERITIES}
    for r in results:
        if r.error:
            rows.append((r.path, None, r.error))
            continue
        c = r.report.counts_by_severity
        for s in SEVERITIES:
            totals[s] += c.get(s, 0)
        rows.append((r.path, c, ""))
    checked = sum(1 for r in results if not r.error)
    failed = len(results) - checked + missing
    header = ["file", *SEVERITIES, "total"]
    if stream.isatty():
        try:
            from rich.console import Console
            from rich.table import Table

            table = Table(title=f"govcheck: {checked} checked, {failed} failed", show_footer=True)
            table.add_column("file", footer="total")
            for s in SEVERITIES:
                table.add_column(s, justify="right", footer=str(totals[s]))
            table.add_column("total", justify="right", footer=str(sum(totals.values())))
            for path, c, err in rows:
                if c is None:
                    table.add_row(path, "[red]error[/red]", "", "", "", err[:60])
                else:
                    table.add_row(path, *[str(c.get(s, 0) or "") for s in SEVERITIES], str(sum(c.values())))
            Console(file=stream).print(table)
            return
        except ImportError:  # pragma: no cover
            pass
    width = min(60, max([len(header[0])] + [len(p) for p, _, _ in rows]))
    lines = [f"{'file':<{width}}  " + "  ".join(f"{h:>7}" for h in header[1:])]
    for path, c, err in rows:
        name = path if len(path) <= width else "…" + path[-(width - 1):]
        if c is None:
            lines.append(f"{name:<{width}}  error: {err}")
        else:
            lines.append(f"{name:<{width}}  " + "  ".join(f"{c.get(s, 0):>7}" for s in SEVERITIES) + f"  {sum(c.values()):>7}")
    lines.append(f"{'total':<{width}}  " + "  ".join(f"{totals[s]:>7}" for s in SEVERITIES) + f"  {sum(totals.values()):>7}")
    lines.append(f"{checked} file{'s' if checked != 1 else ''} checked, {failed} failed")
    print("\n".join(lines), file=stream)
