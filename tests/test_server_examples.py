"""The examples: the CMS hook against a live service, the in-process Python hook, the pre-commit hook."""

from __future__ import annotations

import importlib.util
import socket
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

from tests.conftest import DEMO_PACK

ROOT = Path(__file__).resolve().parent.parent


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def live_gate():
    pytest.importorskip("fastapi")
    uvicorn = pytest.importorskip("uvicorn")
    from govcheck import Config
    from govcheck.server import create_app

    app = create_app(Config(builtin_packs=False, packs=(str(DEMO_PACK),), doc_date="2026-11-01"), token="tok")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


def test_cms_hook_refuses_blockers_and_publishes_clean_articles(live_gate, monkeypatch):
    cms = _load(ROOT / "examples" / "cms_hook" / "app.py", "cms_hook_app")
    store = cms.Store()
    bad = cms.publish("通知", "<p>纪念中华人民共合国成立</p>", store, url=live_gate, token="tok")
    assert not bad.published and store.articles == []
    assert [f["rule_id"] for f in bad.blocking] == ["DEM001"]
    page = cms.render_page(store, bad, "通知", "<p>纪念中华人民共合国成立</p>")
    assert "DEM001" in page and "中华人民共和国" in page
    good = cms.publish("通知", "<p>纪念中华人民共和国成立</p>", store, url=live_gate, token="tok")
    assert good.published and [a["title"] for a in store.articles] == ["通知"]
    # serious findings pass a gate that blocks on blockers only
    assert cms.publish("说明", "<p>台湾政府</p>", store, url=live_gate, token="tok").published
    # wrong token or no service: fail closed (unless told otherwise)
    denied = cms.publish("x", "<p>x</p>", store, url=live_gate, token="wrong")
    assert not denied.published and "401" in denied.reason
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    assert not cms.publish("x", "<p>x</p>", store, url=dead, timeout=2).published
    monkeypatch.setenv("GOVCHECK_FAIL_OPEN", "1")
    assert cms.publish("x", "<p>x</p>", store, url=dead, timeout=2).published


def test_python_hook(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "govcheck.toml").write_text(
        f'builtin_packs = false\npacks = ["{DEMO_PACK}"]\ndoc_date = 2026-11-01\n', encoding="utf-8"
    )
    hook = _load(ROOT / "examples" / "python_hook.py", "python_hook_example")
    hook._checker = None
    ok, problems = hook.before_publish("<p>纪念中华人民共合国</p>", fmt="html")
    assert not ok and problems[0].location["html_start"] == 5
    assert hook.before_publish("台湾政府", block_on="blocker")[0] is True
    assert hook.before_publish("台湾政府", block_on="serious")[0] is False
    page = tmp_path / "page.html"
    page.write_text("<p>纪念中华人民共合国</p>", encoding="utf-8")
    clean = tmp_path / "clean.md"
    clean.write_text("没有问题。", encoding="utf-8")
    assert hook.main([str(clean)]) == 0
    assert hook.main([str(page), str(clean)]) == 1
    assert "DEM001" in capsys.readouterr().out
    assert hook.main([str(tmp_path / "missing.docx")]) == 1


def test_pre_commit_hook_definition():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "govcheck" and hook["entry"] == "govcheck check" and hook["language"] == "python"
    import re

    pattern = re.compile(hook["files"])
    for name in ("a.txt", "b.md", "c.html", "d.htm", "e.docx", "f.pdf"):
        assert pattern.search(name), name
    assert not pattern.search("logo.png")
    # the entry point exists and accepts the hook's arguments with file names appended
    from govcheck.cli import build_parser

    args = build_parser().parse_args(["check", *hook["args"], "a.txt", "b.md"])
    assert args.paths == ["a.txt", "b.md"] and args.fail_on == "blocker"
