"""--format text: linter-style lines an editor can read and jump from.

    draft.txt:3:5: blocker POL001 “中华人民共合国”是国名误写，应为“中华人民共和国”。 → 中华人民共和国
        …纪念中华人民共合国成立七十五周年…
"""

from __future__ import annotations

FORMAT = "text"

_COLOURS = {"blocker": "\033[1;31m", "serious": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET, _BOLD, _DIM = "\033[0m", "\033[1m", "\033[2m"
_CONTEXT = 12


def _context(text: str, start: int, end: int, color: bool) -> str:
    """The span with a little text on each side, on one line."""
    left = text[max(0, start - _CONTEXT) : start].split("\n")[-1]
    right = text[end : end + _CONTEXT].split("\n")[0]
    span = text[start:end].replace("\n", "⏎")
    lead = "…" if start - len(left) > 0 else ""
    tail = "…" if end + len(right) < len(text) else ""
    mid = f"{_BOLD}{span}{_RESET}" if color else f"【{span}】"
    return f"    {lead}{left}{mid}{right}{tail}"


def render(results, *, color: bool = False, **_: object) -> str:
    lines: list[str] = []
    total = 0
    for r in results:
        if r.error:
            lines.append(f"{r.path}: error: {r.error}")
            continue
        for f in r.report.findings:
            total += 1
            sev = f"{_COLOURS[f.severity]}{f.severity}{_RESET}" if color else f.severity
            arrow = f" → {' | '.join(f.suggestions)}" if f.suggestions else ""
            loc = f.location or {}
            # HTML and Markdown: point into the source file, where an editor jumps to
            line, column = (loc["line"], loc["column"]) if "source_start" in loc else (f.line, f.column)
            lines.append(f"{r.path}:{line}:{column}: {sev} {f.rule_id} {f.message}{arrow}")
            lines.append(_context(r.text, f.start, f.end, color))
    files = len(results)
    blockers = sum(r.report.counts_by_severity.get("blocker", 0) for r in results if not r.error)
    summary = f"{total} finding{'s' if total != 1 else ''} in {files} file{'s' if files != 1 else ''}"
    if blockers:
        summary += f", {blockers} blocker{'s' if blockers != 1 else ''}"
    lines.append(f"{_DIM}{summary}{_RESET}" if color else summary)
    return "\n".join(lines)
