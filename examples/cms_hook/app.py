"""A minimal CMS whose publish handler asks govcheck's pre-publish gate first.

Run govcheck's service, then this app (standard library only):

    govcheck serve --port 8765                       # pip install 'govcheck[server]'
    python examples/cms_hook/app.py --port 8000      # open http://127.0.0.1:8000/

Editors write an article (HTML body). POST /publish sends the body to POST /v1/gate; when govcheck
answers allow=false the article is refused (HTTP 409) with the blocking findings listed, and
nothing is published. If the gate cannot be reached the article is refused too (fail closed);
set GOVCHECK_FAIL_OPEN=1 to publish anyway in that case.

Settings: GOVCHECK_URL (default http://127.0.0.1:8765), GOVCHECK_TOKEN (bearer token, optional),
GOVCHECK_TIMEOUT (seconds, default 30).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Optional
from urllib.parse import parse_qs

SEVERITY_NAMES = {"blocker": "严重", "serious": "重要", "warning": "一般", "info": "提示"}


class GateUnavailable(Exception):
    """govcheck could not be asked (down, timeout, bad token)."""


@dataclass
class Decision:
    published: bool
    blocking: list[dict[str, Any]] = field(default_factory=list)
    reason: str = ""


def ask_gate(body_html: str, *, url: Optional[str] = None, token: Optional[str] = None, timeout: Optional[float] = None) -> dict[str, Any]:
    """POST the article body to govcheck's /v1/gate and return its JSON answer."""
    url = (url or os.environ.get("GOVCHECK_URL", "http://127.0.0.1:8765")).rstrip("/") + "/v1/gate"
    token = token if token is not None else os.environ.get("GOVCHECK_TOKEN")
    timeout = timeout if timeout is not None else float(os.environ.get("GOVCHECK_TIMEOUT", "30"))
    request = urllib.request.Request(
        url,
        data=json.dumps({"html": body_html}).encode("utf-8"),
        headers={"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            return json.loads(resp.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        raise GateUnavailable(f"govcheck answered HTTP {exc.code}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise GateUnavailable(f"govcheck unreachable ({exc})") from None


class Store:
    """Where published articles go (a real CMS writes to its database)."""

    def __init__(self) -> None:
        self.articles: list[dict[str, str]] = []


def publish(title: str, body_html: str, store: Store, **gate_options: Any) -> Decision:
    """The publish handler: check first, publish only when the gate allows it."""
    try:
        answer = ask_gate(body_html, **gate_options)
    except GateUnavailable as exc:
        if os.environ.get("GOVCHECK_FAIL_OPEN") == "1":
            store.articles.append({"title": title, "body": body_html})
            return Decision(True, reason=f"published without a check: {exc}")
        return Decision(False, reason=f"not published: {exc}")
    if not answer["allow"]:
        return Decision(False, answer["blocking"], reason=f"not published: {len(answer['blocking'])} blocking finding(s)")
    store.articles.append({"title": title, "body": body_html})
    return Decision(True, reason="published")


PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>示例 CMS</title></head><body>
<h1>示例 CMS：发布文章</h1>{message}
<form method="post" action="/publish">
<p><input name="title" size="60" placeholder="标题" value="{title}"></p>
<p><textarea name="body" rows="12" cols="80" placeholder="正文（HTML）">{body}</textarea></p>
<p><button>发布</button></p></form>
<h2>已发布</h2><ul>{published}</ul></body></html>"""


def render_page(store: Store, decision: Optional[Decision] = None, title: str = "", body: str = "") -> str:
    message = ""
    if decision is not None:
        items = "".join(
            f"<li>[{SEVERITY_NAMES.get(f['severity'], f['severity'])}] {html.escape(f['rule_id'])} "
            f"“{html.escape(f['text'])}”：{html.escape(f['message'])}"
            + (f" 建议：{html.escape(' / '.join(f['suggestions']))}" if f.get("suggestions") else "")
            + "</li>"
            for f in decision.blocking
        )
        colour = "green" if decision.published else "#c62828"
        message = f'<p style="color:{colour}">{html.escape(decision.reason)}</p><ul>{items}</ul>'
    published = "".join(f"<li>{html.escape(a['title'])}</li>" for a in store.articles)
    return PAGE.format(message=message, title=html.escape(title), body=html.escape(body), published=published)


def make_handler(store: Store) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, page: str) -> None:
            data = page.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802
            self._send(200, render_page(store))

        def do_POST(self) -> None:  # noqa: N802
            if self.path != "/publish":
                self._send(404, "not found")
                return
            length = int(self.headers.get("Content-Length") or 0)
            fields = parse_qs(self.rfile.read(length).decode("utf-8"))
            title = fields.get("title", [""])[0]
            body = fields.get("body", [""])[0]
            decision = publish(title, body, store)
            self._send(200 if decision.published else 409, render_page(store, decision, "" if decision.published else title, "" if decision.published else body))

        def log_message(self, fmt: str, *args: Any) -> None:  # request lines only, never article text
            super().log_message(fmt, *args)

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server = ThreadingHTTPServer((args.host, args.port), make_handler(Store()))
    print(f"example CMS on http://{args.host}:{args.port}/ (gate: {os.environ.get('GOVCHECK_URL', 'http://127.0.0.1:8765')})")
    server.serve_forever()


if __name__ == "__main__":
    main()
