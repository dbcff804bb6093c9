"""--format html: one standalone page (no external assets) to read a report in a browser.

Each input's text is shown with every finding's span highlighted by severity; hovering shows the
message, clicking opens the finding's card (message, suggestions, source). A summary table counts
findings by category and severity. Overlapping findings split the text into segments, each coloured
by the most severe finding covering it.
"""

from __future__ import annotations

import datetime as _dt
import html
from typing import Any

from govcheck.models import CATEGORIES, CATEGORY_NAMES, SEVERITIES, SEVERITY_RANK, Finding

FORMAT = "html"

SEVERITY_NAMES = {"blocker": "严重", "serious": "重要", "warning": "一般", "info": "提示"}

_CSS = """
:root{--blocker:#c62828;--serious:#ef6c00;--warning:#f9a825;--info:#1e88e5;--bg:#fafafa;--fg:#212121}
*{box-sizing:border-box}body{margin:0;font:15px/1.7 "Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;
color:var(--fg);background:var(--bg)}header{background:#263238;color:#fff;padding:12px 24px}
header h1{margin:0;font-size:20px}header p{margin:2px 0 0;font-size:13px;opacity:.8}main{padding:16px 24px;max-width:1200px}
table.summary{border-collapse:collapse;margin:8px 0 16px;background:#fff}table.summary th,table.summary td{border:1px solid #ccc;
padding:4px 10px;text-align:center}table.summary th:first-child,table.summary td:first-child{text-align:left}
section.file{background:#fff;border:1px solid #ddd;border-radius:6px;margin:16px 0;padding:12px 16px}
section.file h2{font-size:16px;margin:0 0 8px;word-break:break-all}.doc{white-space:pre-wrap;word-break:break-all;
border:1px solid #eee;padding:12px;background:#fffdf7;max-height:70vh;overflow:auto}
mark{background:none;border-bottom:3px solid;cursor:pointer;padding:0 1px;color:inherit}
mark.blocker{border-color:var(--blocker);background:#ffebee}mark.serious{border-color:var(--serious);background:#fff3e0}
mark.warning{border-color:var(--warning);background:#fffde7}mark.info{border-color:var(--info);background:#e3f2fd}
mark.active{outline:2px solid #263238}.badge{display:inline-block;min-width:3.5em;text-align:center;color:#fff;border-radius:3px;
padding:0 6px;font-size:12px}.badge.blocker{background:var(--blocker)}.badge.serious{background:var(--serious)}
.badge.warning{background:var(--warning);color:#000}.badge.info{background:var(--info)}ol.findings{padding-left:0;list-style:none}
ol.findings li{padding:6px 8px;border-bottom:1px solid #eee;cursor:pointer}ol.findings li.active{background:#eceff1}
.code{font-family:monospace;font-weight:bold}.sugg{color:#2e7d32}.src{color:#607d8b;font-size:12px}.loc{color:#607d8b;font-size:12px}
.error{color:var(--blocker)}.clean{color:#2e7d32}
"""

_JS = """
document.addEventListener('click',function(ev){
  var m=ev.target.closest('mark[data-f]'), li=ev.target.closest('li[data-f]');
  document.querySelectorAll('.active').forEach(function(e){e.classList.remove('active')});
  if(m){var ids=m.dataset.f.split(' ');ids.forEach(function(id){var x=document.getElementById('f-'+id);
    if(x){x.classList.add('active');}});var first=document.getElementById('f-'+ids[0]);
    if(first){first.scrollIntoView({block:'nearest'});}m.classList.add('active');}
  if(li){var id=li.dataset.f;li.classList.add('active');document.querySelectorAll('mark[data-f]').forEach(function(e){
    if(e.dataset.f.split(' ').indexOf(id)>=0){e.classList.add('active');}});
    var mk=document.querySelector('mark.active');if(mk){mk.scrollIntoView({block:'center'});}}
});
"""


def _e(s: Any) -> str:
    return html.escape(str(s), quote=True)


def _location_label(f: Finding) -> str:
    loc = f.location or {}
    fmt = loc.get("format")
    if fmt == "docx" and "paragraph" in loc:
        where = {"body": "正文", "header": "页眉", "footer": "页脚"}.get(loc.get("part", "body"), "")
        s = f"{where}第{loc['paragraph']}段"
        if "table" in loc:
            s += f"（表{loc['table']} 第{loc['row']}行第{loc['cell']}列）"
        return s
    if fmt == "pdf" and "page" in loc:
        return f"第{loc['page']}页"
    if "source_start" in loc:  # HTML and Markdown: the position in the source file
        return f"{'HTML' if fmt == 'html' else '源文件'} 第{loc['line']}行第{loc['column']}列"
    return f"第{f.line}行第{f.column}列"


def highlight(text: str, findings: list[Finding], id_prefix: str) -> str:
    """The text as HTML with <mark> segments; data-f lists the ids of the findings covering each."""
    cuts = {0, len(text)}
    for f in findings:
        cuts.add(f.start)
        cuts.add(f.end)
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    # sweep: which findings are open on each segment
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, f in enumerate(findings):
        starts.setdefault(f.start, []).append(i)
        ends.setdefault(f.end, []).append(i)
    open_: set[int] = set()
    out: list[str] = []
    for a, b in zip(points, points[1:]):
        for i in ends.get(a, ()):
            open_.discard(i)
        for i in starts.get(a, ()):
            open_.add(i)
        seg = _e(text[a:b])
        if not open_:
            out.append(seg)
            continue
        ids = sorted(open_)
        worst = min((findings[i] for i in ids), key=lambda f: SEVERITY_RANK[f.severity])
        tip = "\n".join(
            f"{findings[i].rule_id} {findings[i].message}"
            + (f" → {' / '.join(findings[i].suggestions)}" if findings[i].suggestions else "")
            for i in ids
        )
        data = " ".join(f"{id_prefix}{i}" for i in ids)
        out.append(f'<mark class="{worst.severity}" data-f="{data}" title="{_e(tip)}">{seg}</mark>')
    return "".join(out)


def summary_table(results) -> str:
    counts = {(c, s): 0 for c in CATEGORIES for s in SEVERITIES}
    for r in results:
        if r.error:
            continue
        for f in r.report.findings:
            counts[(f.category, f.severity)] += 1
    head = "".join(f'<th><span class="badge {s}">{SEVERITY_NAMES[s]}</span></th>' for s in SEVERITIES)
    rows = []
    for c in CATEGORIES:
        cells = "".join(f"<td>{counts[(c, s)] or ''}</td>" for s in SEVERITIES)
        total = sum(counts[(c, s)] for s in SEVERITIES)
        rows.append(f"<tr><td>{CATEGORY_NAMES[c]}</td>{cells}<td><b>{total or ''}</b></td></tr>")
    totals = "".join(f"<td><b>{sum(counts[(c, s)] for c in CATEGORIES)}</b></td>" for s in SEVERITIES)
    grand = sum(counts.values())
    return (
        f'<table class="summary"><thead><tr><th>类别</th>{head}<th>合计</th></tr></thead><tbody>{"".join(rows)}'
        f"<tr><td><b>合计</b></td>{totals}<td><b>{grand}</b></td></tr></tbody></table>"
    )


def _finding_item(f: Finding, fid: str) -> str:
    sugg = f' <span class="sugg">建议：{_e(" / ".join(f.suggestions))}</span>' if f.suggestions else ""
    return (
        f'<li id="f-{fid}" data-f="{fid}"><span class="badge {f.severity}">{SEVERITY_NAMES[f.severity]}</span> '
        f'<span class="code">{_e(f.rule_id)}</span> <span class="loc">{_e(_location_label(f))}</span> '
        f"“{_e(f.text)}”：{_e(f.message)}{sugg}<br><span class=\"src\">依据：{_e(f.source)}</span></li>"
    )


def render(results, *, title: str = "govcheck 检查报告", **_: object) -> str:
    from govcheck import __version__

    sections = []
    for n, r in enumerate(results):
        if r.error:
            sections.append(f'<section class="file"><h2>{_e(r.path)}</h2><p class="error">无法检查：{_e(r.error)}</p></section>')
            continue
        prefix = f"{n}-"
        findings = list(r.report.findings)
        items = "".join(_finding_item(f, f"{prefix}{i}") for i, f in enumerate(findings))
        counts = "，".join(f"{SEVERITY_NAMES[s]} {r.report.counts_by_severity.get(s, 0)}" for s in SEVERITIES)
        body = (
            f'<p>{len(findings)} 处问题（{counts}）；成文日期按 {_e(r.report.doc_date)}（{_e(r.report.doc_date_source)}）。</p>'
            if findings
            else '<p class="clean">未发现问题。</p>'
        )
        sections.append(
            f'<section class="file"><h2>{_e(r.path)}</h2>{body}'
            f'<div class="doc">{highlight(r.text, findings, prefix)}</div>'
            f'<ol class="findings">{items}</ol></section>'
        )
    packs = ", ".join(f"{p.name} {p.version}" for r in results[:1] if not r.error for p in r.report.packs)
    now = _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        f"<header><h1>{_e(title)}</h1><p>govcheck {__version__} · {now} · 词库 {_e(packs)} · {len(results)} 个文件</p></header>"
        f"<main><h2>汇总</h2>{summary_table(results)}{''.join(sections)}</main>"
        f"<script>{_JS}</script></body></html>\n"
    )
