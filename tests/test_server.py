"""The HTTP service: /v1/check, /v1/gate, /v1/annotate, /v2/check, limits, auth, privacy."""

from __future__ import annotations

import io
import json
import logging
import time
import zipfile

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
from fastapi.testclient import TestClient  # noqa: E402

from govcheck import Config  # noqa: E402
from govcheck.engine import Checker  # noqa: E402
from govcheck.server import DOCX_TYPE, create_app  # noqa: E402
from tests.conftest import DEMO_PACK  # noqa: E402
from tests.test_document_helpers import make_docx  # noqa: E402

SECRET_TEXT = "纪念中华人民共合国成立，机密代号青松。"


@pytest.fixture(scope="module")
def checker():
    return Checker(Config(builtin_packs=False, packs=(str(DEMO_PACK),), doc_date="2026-11-01")).warm_up()


def client(checker, **kw):
    return TestClient(create_app(checker=checker, **kw))


def test_check_json_text_and_html(checker):
    with client(checker) as c:
        r = c.post("/v1/check", json={"text": SECRET_TEXT})
        assert r.status_code == 200
        report = r.json()
        assert [f["rule_id"] for f in report["findings"]] == ["DEM001"] and report["blocked"] is True
        assert report["findings"][0]["location"]["format"] == "txt" and "document" not in report
        html = "<div><p>纪念&nbsp;中华人民共合国</p><script>中华人民共合国</script></div>"
        r = c.post("/v1/check", json={"html": html, "include_text": True})
        (f,) = r.json()["findings"]
        assert html[f["location"]["html_start"] : f["location"]["html_end"]] == "中华人民共合国"
        assert r.json()["document"]["text"] == "纪念\u00a0中华人民共合国"


def test_check_docx_upload_raw_and_multipart(checker):
    data = make_docx(body=["关于通知", [("纪念中华人民", False), ("共合国", True)]])
    with client(checker) as c:
        raw = c.post("/v1/check", content=data, headers={"content-type": DOCX_TYPE, "x-filename": "draft.docx"})
        form = c.post("/v1/check", files={"file": ("草稿.docx", data, DOCX_TYPE)})
        for r in (raw, form):
            assert r.status_code == 200, r.text
            (f,) = r.json()["findings"]
            assert f["location"]["paragraph"] == 2 and f["location"]["part"] == "body"
        sniffed = c.post("/v1/check", content=data, headers={"content-type": "application/octet-stream"})
        assert sniffed.json()["findings"][0]["rule_id"] == "DEM001"


def test_gate_policy(checker):
    body = {"text": "台湾政府的说法。"}  # one serious finding, no blocker
    with client(checker) as c:
        r = c.post("/v1/gate", json=body).json()
        assert r["allow"] is True and r["blocking"] == [] and r["block_on"] == "blocker"
        assert r["report"]["counts_by_severity"]["serious"] == 1
        r = c.post("/v1/gate", json={"text": SECRET_TEXT}).json()
        assert r["allow"] is False and [f["rule_id"] for f in r["blocking"]] == ["DEM001"]
    with client(checker, block_on="serious") as c:
        r = c.post("/v1/gate", json=body).json()
        assert r["allow"] is False and [f["rule_id"] for f in r["blocking"]] == ["DEM005"]


def test_annotate_returns_a_commented_docx(checker):
    data = make_docx(body=["纪念中华人民共合国成立", "台湾政府"])
    with client(checker) as c:
        r = c.post("/v1/annotate", content=data, headers={"content-type": DOCX_TYPE, "x-filename": "a.docx"})
        assert r.status_code == 200 and r.headers["content-type"] == DOCX_TYPE
        assert r.headers["x-govcheck-comments"] == "2" and "attachment" in r.headers["content-disposition"]
        with zipfile.ZipFile(io.BytesIO(r.content)) as z:
            assert z.read("word/comments.xml").count(b"<w:comment ") == 2
        r = c.post("/v1/annotate", json={"text": "第一行\n纪念中华人民共合国"})
        assert r.status_code == 200 and r.headers["x-govcheck-comments"] == "1"


def test_languagetool_endpoint(checker):
    text = "𠮷纪念中华人民共合国"
    with client(checker) as c:
        r = c.post("/v2/check", data={"text": text, "language": "zh-CN"})
        assert r.status_code == 200
        (m,) = r.json()["matches"]
        assert (m["offset"], m["length"]) == (4, 7), "UTF-16: 𠮷 is two units"
        assert m["replacements"][0]["value"] == "中华人民共和国" and m["rule"]["id"] == "DEM001"
        annotated = {"annotation": [{"markup": "<p>"}, {"text": "纪念中华人民共合国"}, {"markup": "</p>", "interpretAs": "\n\n"}]}
        r = c.post("/v2/check", data={"data": json.dumps(annotated), "language": "auto"})
        (m,) = r.json()["matches"]
        full = "<p>纪念中华人民共合国</p>"
        assert full[m["offset"] : m["offset"] + m["length"]] == "中华人民共合国"
        assert c.get("/v2/languages").json()[0]["longCode"] == "zh-CN"
        assert c.post("/v2/check", data={"language": "zh-CN"}).status_code == 400


def test_bearer_token(checker):
    with client(checker, token="s3cret") as c:
        assert c.get("/healthz").json()["auth_required"] is True
        assert c.post("/v1/check", json={"text": "x"}).status_code == 401
        assert c.post("/v1/check", json={"text": "x"}, headers={"authorization": "Bearer wrong"}).status_code == 401
        assert c.post("/v2/check", data={"text": "x"}).status_code == 401
        ok = c.post("/v1/check", json={"text": "x"}, headers={"authorization": "Bearer s3cret"})
        assert ok.status_code == 200


def test_request_size_limit(checker):
    with client(checker, max_bytes=1000) as c:
        r = c.post("/v1/check", json={"text": "字" * 2000})
        assert r.status_code == 413 and r.json()["error"] == "too_large"

        def chunks():  # no Content-Length: the limit applies while streaming
            for _ in range(10):
                yield b"x" * 500

        r = c.post("/v1/check", content=chunks(), headers={"content-type": "text/plain"})
        assert r.status_code == 413


def test_timeout(checker, monkeypatch):
    slow = Checker(checker.config).warm_up()
    real = slow.check

    def sleepy(text, **kw):
        time.sleep(1.5)
        return real(text, **kw)

    monkeypatch.setattr(slow, "check", sleepy)
    with client(slow, timeout=0.3) as c:
        r = c.post("/v1/check", json={"text": SECRET_TEXT})
        assert r.status_code == 504 and r.json()["error"] == "timeout"


def test_bad_inputs_are_clear_errors(checker):
    with client(checker) as c:
        r = c.post("/v1/check", content=b"PK\x03\x04 not really", headers={"content-type": DOCX_TYPE})
        assert r.status_code == 422 and r.json()["error"] == "GF010"
        r = c.post("/v1/check", json={"text": SECRET_TEXT, "html": "<p>x</p>"})
        assert r.status_code == 422
        r = c.post("/v1/check", json={"text": SECRET_TEXT, "unknown": 1})
        assert r.status_code == 422 and "青松" not in r.text, "validation errors do not echo the document"
        r = c.post("/v1/check", content=b"{not json", headers={"content-type": "application/json"})
        assert r.status_code == 422 and "not json" not in r.text
        assert c.post("/v1/check", content=b"x", headers={"content-type": "image/png"}).status_code == 415
        r = c.post("/v1/check", json={"text": "/etc/hostname"})
        assert r.status_code == 200 and r.json()["text_length"] == len("/etc/hostname"), "text is never a server path"


def test_health_docs_editor_and_static(checker):
    with client(checker) as c:
        h = c.get("/healthz").json()
        assert h["status"] == "ok" and h["version"] and h["block_on"] == "blocker"
        spec = c.get("/openapi.json").json()
        assert {"/v1/check", "/v1/gate", "/v2/check", "/healthz", "/v1/annotate"} <= set(spec["paths"])
        assert "multipart/form-data" in spec["paths"]["/v1/check"]["post"]["requestBody"]["content"]
        docs = c.get("/docs")
        assert docs.status_code == 200 and "/v1/gate" in docs.text and "openapi.json" in docs.text
        assert "http://" not in docs.text and "https://" not in docs.text, "API docs need no CDN"
        page = c.get("/")
        assert page.status_code == 200 and "govcheck 公文校对" in page.text
        assert "http://" not in page.text and "https://" not in page.text, "no CDN"
        assert c.get("/static/editor.js").status_code == 200
        assert c.get("/static/editor.css").headers["content-type"].startswith("text/css")
        assert c.get("/static/..%2Fserver.py").status_code == 404
        assert c.get("/static/missing.js").status_code == 404


def test_document_text_is_never_logged(checker, caplog):
    caplog.set_level(logging.DEBUG)
    with client(checker) as c:
        c.post("/v1/check", json={"text": SECRET_TEXT})
        c.post("/v1/gate", json={"html": f"<p>{SECRET_TEXT}</p>"})
        c.post("/v2/check", data={"text": SECRET_TEXT})
        c.post("/v1/check", content=b"PK\x03\x04" + SECRET_TEXT.encode(), headers={"content-type": DOCX_TYPE})
        c.post("/v1/check", json={"text": SECRET_TEXT, "bad": True})
    assert "青松" not in caplog.text and "共合国" not in caplog.text


def test_govcheck_serve_command(tmp_path):
    """`govcheck serve` starts the service; the token comes from the option or $GOVCHECK_TOKEN."""
    import os
    import socket
    import subprocess
    import sys
    import urllib.request

    cfg = tmp_path / "govcheck.toml"
    cfg.write_text(f'builtin_packs = false\npacks = ["{DEMO_PACK}"]\n', encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "GOVCHECK_TOKEN": "from-env"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "govcheck", "serve", "--port", str(port), "--config", str(cfg), "--block-on", "serious"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        health = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    health = json.loads(r.read())
                    break
            except OSError:
                time.sleep(0.2)
        assert health is not None, "the service did not come up"
        assert health["auth_required"] is True and health["block_on"] == "serious"
        req = urllib.request.Request(
            f"http://127.0.0.1:{port}/v1/gate",
            data=json.dumps({"text": "台湾政府"}).encode(),
            headers={"content-type": "application/json", "authorization": "Bearer from-env"},
        )
        with urllib.request.urlopen(req, timeout=30) as r:
            assert json.loads(r.read())["allow"] is False
    finally:
        proc.terminate()
        try:
            _, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
    assert b"Traceback" not in err and "台湾".encode() not in err, "the access log holds request lines, never text"
