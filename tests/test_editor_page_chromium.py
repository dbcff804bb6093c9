"""The editor page in a real headless Chromium (Debian's `chromium` package), driven over the DevTools pipe.

The test starts the service on 127.0.0.1 with a free port, loads GET /, pastes a sample with known
findings, clicks “检查”, asserts the highlights, accepts a suggestion with one click, uploads a
.docx, and saves screenshots in the test's temp dir. Skipped (with the reason) only when no
chromium binary is installed.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import socket
import subprocess
import threading
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import DEMO_PACK
from tests.test_document_helpers import make_docx

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")

SAMPLE = "关于做好年度工作的通知\n纪念中华人民共合国成立七十五周年，国办发[2021]12号。\n台湾政府的说法不予采信。"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def server():
    from govcheck import Config
    from govcheck.server import create_app

    app = create_app(Config(builtin_packs=False, packs=(str(DEMO_PACK),), doc_date="2026-11-01"))
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


class DevTools:
    """A minimal Chrome DevTools Protocol client over --remote-debugging-pipe (fd 3 in, fd 4 out)."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def wire_fds() -> None:  # in the child: the pipe ends become fd 3 and fd 4 (inheritable)
            high_r = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)  # out of the way of 3 and 4 first
            high_w = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        flags = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            f"--user-data-dir={profile}",
            "--remote-debugging-pipe",
            "--window-size=1280,1000",
            "about:blank",
        ]
        self.proc = subprocess.Popen(
            [binary, *flags],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire_fds,
            close_fds=False,  # closing happens after preexec_fn and would close fds 3 and 4 again
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buf = b""
        self._id = 0
        self.events: list[dict] = []
        self.session = None

    def send(self, method: str, params: dict | None = None, timeout: float = 30, session: bool = True) -> dict:
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            for reply in self._read(deadline):
                if reply.get("id") == self._id:
                    if "error" in reply:
                        raise RuntimeError(f"{method}: {reply['error']}")
                    return reply.get("result", {})
                self.events.append(reply)

    def _read(self, deadline: float) -> list[dict]:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("chromium did not answer")
        ready, _, _ = select.select([self._from_chrome], [], [], left)
        if not ready:
            raise TimeoutError("chromium did not answer")
        chunk = os.read(self._from_chrome, 1 << 20)
        if not chunk:
            raise RuntimeError("chromium closed the DevTools pipe")
        self._buf += chunk
        *messages, self._buf = self._buf.split(b"\0")
        return [json.loads(m) for m in messages if m]

    def open_page(self, url: str) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send("Page.navigate", {"url": url})
        self.wait_for("document.readyState === 'complete' && !!document.getElementById('check')")

    def eval(self, expression: str):
        res = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in res:
            raise RuntimeError(f"page error: {res['exceptionDetails'].get('text')}")
        return res["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.eval(expression)
            if value:
                return value
            time.sleep(0.1)
        raise TimeoutError(f"timed out waiting for: {expression}")

    def click(self, selector: str) -> None:
        """A real mouse click at the centre of the element (not element.click())."""
        box = self.eval(
            f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
            " return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1})

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        try:
            self.send("Browser.close", session=False, timeout=5)
        except Exception:  # noqa: BLE001 - closing anyway
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
        os.close(self._to_chrome)
        os.close(self._from_chrome)


@pytest.fixture()
def browser(tmp_path):
    tools = DevTools(CHROMIUM, tmp_path / "profile")
    yield tools
    tools.close()


def wait_for_complete_zip(folder: Path, pattern: str, timeout: float = 20.0) -> Path:
    """The one file matching pattern once Chromium has finished writing it.

    Chromium can show the final name before the last bytes land, so a file only
    counts when it reads as a whole zip and its size held still between polls.
    """
    deadline = time.monotonic() + timeout
    last_size = -1
    while time.monotonic() < deadline:
        found = list(folder.glob(pattern))
        if len(found) == 1:
            size = found[0].stat().st_size
            if size == last_size and zipfile.is_zipfile(found[0]):
                return found[0]
            last_size = size
        time.sleep(0.1)
    raise AssertionError(f"no complete {pattern} in {folder} after {timeout} s: {sorted(p.name for p in folder.iterdir())}")


def test_editor_highlights_accept_and_upload(server, browser, tmp_path):
    browser.open_page(server + "/")
    assert browser.eval("document.title") == "govcheck 公文校对"
    # no external assets: every script and stylesheet comes from this server
    assets = browser.eval("[...document.querySelectorAll('script[src],link[href]')].map(e => e.src || e.href)")
    assert assets and all(a.startswith(server) for a in assets)

    browser.eval(f"document.getElementById('input').value = {json.dumps(SAMPLE)}; true")
    browser.click("#check")
    browser.wait_for("document.querySelectorAll('mark.finding').length > 0")
    marks = browser.eval("[...document.querySelectorAll('mark.finding')].map(m => [m.textContent, m.className])")
    texts = [t for t, _ in marks]
    assert "中华人民共合国" in texts and "台湾政府" in texts and "[2021]" in texts
    assert dict(marks)["中华人民共合国"] == "finding blocker"
    assert dict(marks)["台湾政府"] == "finding serious"
    assert "发现 3 处问题" in browser.eval("document.getElementById('status').textContent")
    shot = browser.screenshot(tmp_path / "editor_findings.png")
    assert shot.stat().st_size > 10_000
    print(f"\nscreenshot: {shot}")

    # clicking a highlight selects its entry in the list
    browser.click("mark.blocker")
    assert browser.eval("document.querySelector('li.active .code').textContent") == "DEM001"

    # accept the suggestion for 中华人民共合国 with one click: the text changes and the highlight is gone
    browser.click("#list li[id] button.accept")
    browser.wait_for("document.querySelectorAll('mark.finding').length === 2")
    assert "中华人民共和国" in browser.eval("document.getElementById('input').value")
    assert "发现 2 处问题" in browser.eval("document.getElementById('status').textContent")

    # upload a .docx: its extracted text is shown with its findings
    docx_path = tmp_path / "draft.docx"
    make_docx(docx_path, body=["关于印发方案的通知", [("纪念中华人民", False), ("共合国", True), ("成立。", False)]])
    doc = browser.send("DOM.getDocument")
    node = browser.send("DOM.querySelector", {"nodeId": doc["root"]["nodeId"], "selector": "#file"})["nodeId"]
    browser.send("DOM.setFileInputFiles", {"nodeId": node, "files": [str(docx_path)]})
    browser.wait_for("document.getElementById('status').textContent.includes('draft.docx')")
    browser.click("#check")
    browser.wait_for("document.getElementById('doc').textContent.includes('关于印发方案的通知')")
    assert browser.eval("[...document.querySelectorAll('mark.finding')].map(m => m.textContent)") == ["中华人民共合国"]
    assert browser.eval("document.getElementById('download').disabled") is False
    shot2 = browser.screenshot(tmp_path / "editor_docx.png")
    assert shot2.stat().st_size > 10_000

    # download the annotated .docx: a Word comment sits on the finding
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.send("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}, session=False)
    browser.click("#download")
    browser.wait_for("document.getElementById('status').textContent.includes('1 条批注')")
    annotated = wait_for_complete_zip(downloads, "*.docx")
    assert annotated.name == "draft.govcheck.docx"
    with zipfile.ZipFile(annotated) as z:
        comments = z.read("word/comments.xml").decode()
    assert comments.count("<w:comment ") == 1 and "DEM001" in comments
