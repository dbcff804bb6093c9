"""The HTTP service: a CMS pre-publish gate, a LanguageTool-compatible endpoint, and the editor page.

    pip install 'govcheck[server]'
    govcheck serve --host 127.0.0.1 --port 8765 [--token SECRET] [--block-on serious]

Endpoints
    POST /v1/check     JSON {"text": ...} or {"html": ...}, a multipart upload (field "file"),
                       or the raw bytes of a .docx/.pdf/.html/.txt  → the Report
    POST /v1/gate      the same inputs → {"allow": bool, "blocking": [findings], "report": Report}
    POST /v1/annotate  a .docx (or JSON text) → the .docx with a Word comment on each finding
    POST /v2/check     LanguageTool's form fields (text= or data=, language=) → LanguageTool's JSON
    GET  /v2/languages LanguageTool clients ask this first
    GET  /healthz      liveness, version, whether a token is required
    GET  /             the editor page (plain HTML and a little JS served from the package)
    GET  /docs, /openapi.json

Requests larger than `max_bytes` get 413 before the body is read; a check that runs longer than
`timeout` seconds answers 504. With a token, every /v1 and /v2 call needs `Authorization: Bearer`.
Document text is never stored or logged: handlers keep it in local variables only, errors name the
problem, not the content, and validation errors do not echo the request back.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as _dt
import hmac
import json
import logging
import os
from importlib import resources
from typing import Any, Optional
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from govcheck.models import SEVERITY_RANK, Finding, Report

log = logging.getLogger("govcheck.server")

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_RAW_TYPES = {
    DOCX_TYPE: "docx",
    "application/pdf": "pdf",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "txt",
    "text/markdown": "md",
}


class CheckRequest(BaseModel):
    """JSON body of /v1/check and /v1/gate: exactly one of text or html."""

    model_config = ConfigDict(extra="forbid")

    text: Optional[str] = Field(default=None, description="Plain text (a draft, a CMS field).")
    html: Optional[str] = Field(default=None, description="HTML (a CMS body): visible text is checked; locations give HTML offsets.")
    doc_date: Optional[_dt.date] = Field(default=None, description="Judge the document as of this date (default: its own date, else today).")
    include_text: bool = Field(default=False, description="Also return the extracted text (the editor page uses it).")


class GateResponse(BaseModel):
    allow: bool
    block_on: str
    blocking: list[Finding]
    report: Report


class _TooLarge(Exception):
    pass


class _Problem(Exception):
    """An HTTP error with a short JSON body {"error": code, "detail": message}."""

    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail


class _BodyLimit:
    """ASGI middleware: refuse bodies over the limit, by Content-Length or while streaming."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for key, value in scope.get("headers", ()):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.max_bytes:
                    await _send_json(send, 413, {"error": "too_large", "detail": f"request body over {self.max_bytes} bytes"})
                    return
        seen = 0
        started = False

        async def limited_receive() -> dict:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge()
            return message

        async def tracking_send(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await _send_json(send, 413, {"error": "too_large", "detail": f"request body over {self.max_bytes} bytes"})


async def _send_json(send: Any, status: int, payload: dict) -> None:
    body = json.dumps(payload).encode()
    await send(
        {"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]}
    )
    await send({"type": "http.response.body", "body": body})


def _static(name: str) -> bytes:
    return resources.files("govcheck").joinpath("static", name).read_bytes()


_STATIC_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


def _body_schema() -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": CheckRequest.model_json_schema()},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "file": {"type": "string", "format": "binary", "description": ".docx, .pdf, .html, .txt or .md"},
                            "text": {"type": "string"},
                            "doc_date": {"type": "string", "format": "date"},
                        },
                    }
                },
                DOCX_TYPE: {"schema": {"type": "string", "format": "binary"}},
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                "text/html": {"schema": {"type": "string"}},
                "text/plain": {"schema": {"type": "string"}},
            },
        }
    }


def create_app(
    config: Any = None,
    *,
    token: Optional[str] = None,
    max_bytes: int = 10 * 1024 * 1024,
    timeout: float = 30.0,
    block_on: str = "blocker",
    checker: Any = None,
    warm: bool = True,
) -> FastAPI:
    """Build the service. `checker` (a govcheck Checker) wins over `config`."""
    from govcheck import __version__
    from govcheck.document import Limits
    from govcheck.engine import Checker

    if block_on not in SEVERITY_RANK:
        raise ValueError(f"block_on must be one of {', '.join(SEVERITY_RANK)}")
    chk = checker or Checker(config)
    limits = Limits(max_bytes=max_bytes)
    _keep_uploads_in_memory(max_bytes)
    state = {"ready": False}

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI):
        # load the dictionaries before the first request, without blocking start-up
        task = asyncio.ensure_future(_load()) if warm else None
        if not warm:
            state["ready"] = True
        yield
        if task is not None and not task.done():
            task.cancel()

    async def _load() -> None:
        try:
            await run_in_threadpool(chk.warm_up)
            state["ready"] = True
        except Exception as exc:  # noqa: BLE001 - reported by /healthz and by the first check
            state["error"] = f"{type(exc).__name__}: {exc}"
            log.error("govcheck: loading the rules failed: %s", state["error"])

    app = FastAPI(
        lifespan=lifespan,
        # FastAPI's own /docs pulls Swagger UI from a CDN; ours is a local page (offline machines).
        docs_url=None,
        redoc_url=None,
        title="govcheck",
        version=__version__,
        description="Offline proofreading of Chinese government drafts: a pre-publish gate for CMSs, a "
        "LanguageTool-compatible endpoint and an editor page. Document text is never stored or logged.",
    )
    app.add_middleware(_BodyLimit, max_bytes=max_bytes)

    @app.exception_handler(_Problem)
    async def _problem(_: Request, exc: _Problem) -> JSONResponse:
        return JSONResponse({"error": exc.code, "detail": exc.detail}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        # never echo the input back (FastAPI's default handler includes it)
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()[:5]]
        return JSONResponse({"error": "invalid_request", "detail": errors}, status_code=422)

    @app.exception_handler(Exception)
    async def _internal(_: Request, exc: Exception) -> JSONResponse:
        log.error("govcheck: internal error %s", type(exc).__name__)  # the type only: messages may quote the text
        return JSONResponse({"error": "internal", "detail": "internal error"}, status_code=500)

    def authorize(request: Request) -> None:
        if not token:
            return
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise _Problem(401, "unauthorized", "missing or wrong bearer token")

    def deadline_of(request: Request) -> float:
        """One time budget per request, shared by reading the document and checking it."""
        loop = asyncio.get_running_loop()
        if not hasattr(request.state, "deadline"):
            request.state.deadline = loop.time() + timeout
        return request.state.deadline

    async def run_bounded(request: Request, fn: Any, *args: Any) -> Any:
        left = deadline_of(request) - asyncio.get_running_loop().time()
        try:
            if left <= 0:
                raise asyncio.TimeoutError
            return await asyncio.wait_for(run_in_threadpool(fn, *args), left)
        except asyncio.TimeoutError:
            raise _Problem(504, "timeout", f"the request took longer than {timeout:g} s") from None

    async def read_input(request: Request) -> tuple[Any, dict[str, Any]]:
        """(Document, options) from JSON, multipart or a raw body."""
        from govcheck.document import from_text, load_document
        from govcheck.textio import InputError

        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        opts: dict[str, Any] = {"doc_date": None, "include_text": request.query_params.get("include_text") in ("1", "true", "yes")}
        name = _label(request.headers.get("x-filename"))
        try:
            if ctype == "application/json" or ctype.endswith("+json"):
                raw = await request.body()
                try:
                    req = CheckRequest.model_validate_json(raw or b"{}")
                except ValidationError as exc:
                    detail = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in exc.errors()[:3])
                    raise _Problem(422, "invalid_request", detail) from None
                if (req.text is None) == (req.html is None):
                    raise _Problem(422, "invalid_request", 'give exactly one of "text" or "html"')
                opts["doc_date"] = req.doc_date
                opts["include_text"] = opts["include_text"] or req.include_text
                if req.html is not None:
                    doc = await run_bounded(request, lambda: from_text(req.html, format="html", name="<html>", limits=limits))
                else:
                    doc = await run_bounded(request, lambda: from_text(req.text, format="txt", name="<text>", limits=limits))
                return doc, opts
            if ctype == "multipart/form-data":
                try:
                    form = await request.form(max_files=1, max_fields=10, max_part_size=max_bytes)
                except AssertionError:
                    raise _Problem(415, "unsupported", "multipart uploads need python-multipart; or send the raw file bytes") from None
                if form.get("doc_date"):
                    opts["doc_date"] = _date(str(form.get("doc_date")))
                upload = form.get("file")
                if upload is not None and hasattr(upload, "read"):
                    data = await upload.read()
                    opts["raw"] = data
                    fname = _label(getattr(upload, "filename", None)) if getattr(upload, "filename", None) else name
                    doc = await run_bounded(request, lambda: load_document(data, name=fname, limits=limits))
                    return doc, opts
                if form.get("text") is not None:
                    text = str(form.get("text"))
                    doc = await run_bounded(request, lambda: from_text(text, format="txt", name="<text>", limits=limits))
                    return doc, opts
                raise _Problem(422, "invalid_request", 'multipart body needs a "file" or a "text" field')
            if ctype in _RAW_TYPES or ctype == "application/octet-stream" or not ctype:
                data = await request.body()
                opts["raw"] = data
                if request.query_params.get("doc_date"):
                    opts["doc_date"] = _date(request.query_params["doc_date"])
                fmt = _RAW_TYPES.get(ctype)
                doc = await run_bounded(request, lambda: load_document(data, format=fmt, name=name, limits=limits))
                return doc, opts
        except InputError as exc:
            raise _Problem(422, getattr(exc, "code", "bad_input"), _public_error(exc)) from None
        raise _Problem(415, "unsupported", f"unsupported content type {ctype!r}")

    async def check_request(request: Request) -> tuple[Any, Report, dict[str, Any]]:
        from govcheck.document import check_document

        authorize(request)
        doc, opts = await read_input(request)
        report = await run_bounded(request, lambda: check_document(doc, doc_date=opts["doc_date"], checker=chk))
        return doc, report, opts

    def report_json(doc: Any, report: Report, opts: dict[str, Any]) -> dict[str, Any]:
        payload = report.model_dump(mode="json")
        if opts.get("include_text"):
            payload["document"] = {"format": doc.format, "text": doc.text, "meta": doc.meta}
        return payload

    @app.get("/healthz", tags=["service"])
    async def healthz() -> dict[str, Any]:
        body = {
            "status": "ok" if "error" not in state else "error",
            "ready": state["ready"],
            "version": __version__,
            "auth_required": bool(token),
            "max_bytes": max_bytes,
            "timeout_s": timeout,
            "block_on": block_on,
        }
        if "error" in state:
            body["error"] = state["error"]
        return body

    @app.post("/v1/check", tags=["check"], openapi_extra=_body_schema(), responses={200: {"model": Report}})
    async def v1_check(request: Request) -> JSONResponse:
        """Proofread a text, an HTML body or an uploaded file; returns the Report (findings carry `location`)."""
        doc, report, opts = await check_request(request)
        return JSONResponse(report_json(doc, report, opts))

    @app.post("/v1/gate", tags=["check"], openapi_extra=_body_schema(), responses={200: {"model": GateResponse}})
    async def v1_gate(request: Request) -> JSONResponse:
        """Pre-publish gate: allow=false when a finding at or above the server's block_on severity exists."""
        doc, report, opts = await check_request(request)
        limit = SEVERITY_RANK[block_on]
        blocking = [f for f in report.findings if SEVERITY_RANK[f.severity] <= limit]
        return JSONResponse(
            {
                "allow": not blocking,
                "block_on": block_on,
                "blocking": [f.model_dump(mode="json") for f in blocking],
                "report": report_json(doc, report, opts),
            }
        )

    @app.post(
        "/v1/annotate",
        tags=["check"],
        openapi_extra=_body_schema(),
        responses={200: {"content": {DOCX_TYPE: {}}, "description": "the annotated .docx"}},
    )
    async def v1_annotate(request: Request) -> Response:
        """A .docx with a Word comment (批注) on each finding; text input becomes a new .docx first."""
        from govcheck.document import check_document, load_document
        from govcheck.render.docx_comments import annotate_docx


        authorize(request)
        doc, opts = await read_input(request)
        source = opts.get("raw") if doc.format == "docx" else None
        if source is None:
            source = await run_bounded(request, _docx_from_text, doc.text)
            doc = await run_bounded(request, lambda: load_document(source, format="docx", name="<text>", limits=limits))
        report = await run_bounded(request, lambda: check_document(doc, doc_date=opts["doc_date"], checker=chk))
        result = await run_bounded(request, lambda: annotate_docx(source, report.findings, limits=limits))
        stem = os.path.splitext(os.path.basename(doc.name))[0] if not doc.name.startswith("<") else "document"
        filename = f"{stem}.govcheck.docx"
        return Response(
            result.data,
            media_type=DOCX_TYPE,
            headers={
                "content-disposition": f"attachment; filename=\"govcheck.docx\"; filename*=UTF-8''{_quote(filename)}",
                "x-govcheck-comments": str(result.comments),
            },
        )

    @app.get("/v2/languages", tags=["languagetool"])
    async def v2_languages() -> list[dict[str, str]]:
        return [{"name": "Chinese", "code": "zh", "longCode": "zh-CN"}]

    @app.post("/v2/check", tags=["languagetool"])
    async def v2_check(request: Request) -> JSONResponse:
        """LanguageTool-compatible: form fields text= or data= (annotated text), language=; offsets in UTF-16."""
        from govcheck.render.languagetool import Utf16, match, response

        authorize(request)
        raw = await request.body()
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "multipart/form-data":
            try:
                form = await request.form()
            except AssertionError:
                raise _Problem(415, "unsupported", "send application/x-www-form-urlencoded") from None
            fields = {k: str(v) for k, v in form.items()}
        else:
            try:
                parsed = parse_qs(raw.decode("utf-8"), keep_blank_values=True)
            except UnicodeDecodeError:
                raise _Problem(400, "invalid_request", "the form body is not UTF-8") from None
            fields = {k: v[0] for k, v in parsed.items()}
        for k, v in request.query_params.items():
            if k not in ("text", "data"):  # document text only in the body: URLs end up in access logs
                fields.setdefault(k, v)
        if "text" in fields:
            text, pieces = fields["text"], None
        elif "data" in fields:
            text, pieces = _annotated(fields["data"])
        else:
            raise _Problem(400, "invalid_request", "missing 'text' or 'data' parameter")
        if len(text) > limits.max_chars:
            raise _Problem(413, "too_large", "text too long")
        report = await run_bounded(request, lambda: chk.check(text))
        if pieces is None:
            return JSONResponse(response(text, report))
        u16 = Utf16(text)
        matches = []
        for f in report.findings:
            m = match(text, f, u16)
            m["offset"], m["length"] = pieces.to_full_utf16(f.start, f.end)
            matches.append(m)
        return JSONResponse(response(text, report, matches))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    async def docs() -> Response:
        return HTMLResponse(_docs_page(app.openapi()))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def editor() -> Response:
        return Response(_static("editor.html"), media_type=_STATIC_TYPES[".html"])

    @app.get("/static/{name}", include_in_schema=False)
    async def static(name: str) -> Response:
        ext = os.path.splitext(name)[1]
        if "/" in name or name.startswith(".") or ext not in _STATIC_TYPES:
            raise _Problem(404, "not_found", "no such file")
        try:
            data = _static(name)
        except (FileNotFoundError, OSError):
            raise _Problem(404, "not_found", "no such file") from None
        return Response(data, media_type=_STATIC_TYPES[ext], headers={"cache-control": "no-cache"})

    app.state.checker = chk
    return app


def _keep_uploads_in_memory(max_bytes: int) -> None:
    """Starlette spools uploads over 1 MB to a temporary file; documents must not touch the disk.

    Requests are already capped at max_bytes, so keep every upload in memory (process-wide setting).
    """
    try:
        from starlette.formparsers import MultiPartParser
    except ImportError:  # pragma: no cover
        return
    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, max_bytes + 1)


def _quote(s: str) -> str:
    from urllib.parse import quote

    return quote(s, safe="")


def _label(raw: Optional[str]) -> str:
    """A client's file name, as a label only (never used as a path): its base name, or <upload>."""
    from urllib.parse import unquote

    if not raw:
        return "<upload>"
    base = os.path.basename(unquote(raw).replace("\\", "/")).strip()
    return base[:200] or "<upload>"


def _date(value: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise _Problem(422, "invalid_request", "doc_date must look like 2024-07-01") from None


def _public_error(exc: Exception) -> str:
    """A DocumentError's message without the upload's name (that is the client's own label)."""
    return getattr(exc, "message", None) or str(exc)


def _docx_from_text(text: str) -> bytes:
    """A plain .docx holding text, one paragraph per line (so pasted text can be annotated too)."""
    import io

    import docx

    d = docx.Document()
    for line in text.split("\n"):
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


class _Pieces:
    """Map offsets of the text built from LanguageTool's annotated `data` back to the full input."""

    def __init__(self) -> None:
        self.t_starts: list[int] = []  # offset in the checked text
        self.f_starts: list[int] = []  # offset (code points) in the full annotated string
        self.lens: list[int] = []
        self.markup: list[bool] = []
        self.full_text = ""

    def to_full_utf16(self, start: int, end: int) -> tuple[int, int]:
        import bisect

        from govcheck.render.languagetool import Utf16

        def full(pos: int, is_end: bool) -> int:
            i = max(0, bisect.bisect_right(self.t_starts, pos - (1 if is_end else 0)) - 1)
            if self.markup[i]:  # interpretAs text stands for the whole markup
                return self.f_starts[i] + (self.lens[i] if is_end else 0)
            return self.f_starts[i] + (pos - self.t_starts[i])

        u16 = Utf16(self.full_text)
        s, e = u16(full(start, False)), u16(full(end, True))
        return s, e - s


def _annotated(data: str) -> tuple[str, _Pieces]:
    try:
        obj = json.loads(data)
        items = obj["annotation"]
        assert isinstance(items, list)
    except (ValueError, KeyError, TypeError, AssertionError):
        raise _Problem(400, "invalid_request", 'data must be JSON like {"annotation": [{"text": "..."}, {"markup": "<b>"}]}') from None
    pieces = _Pieces()
    text_parts: list[str] = []
    full_parts: list[str] = []
    t = f = 0
    for item in items:
        if not isinstance(item, dict):
            raise _Problem(400, "invalid_request", "each annotation item is an object")
        if "text" in item:
            s = str(item["text"])
            pieces.t_starts.append(t)
            pieces.f_starts.append(f)
            pieces.lens.append(len(s))
            pieces.markup.append(False)
            text_parts.append(s)
            full_parts.append(s)
            t += len(s)
            f += len(s)
        elif "markup" in item:
            m = str(item["markup"])
            shown = str(item.get("interpretAs", ""))
            if shown:
                pieces.t_starts.append(t)
                pieces.f_starts.append(f)
                pieces.lens.append(len(m))
                pieces.markup.append(True)
                text_parts.append(shown)
                t += len(shown)
            full_parts.append(m)
            f += len(m)
    if not pieces.t_starts:
        pieces.t_starts, pieces.f_starts, pieces.lens, pieces.markup = [0], [0], [0], [False]
    pieces.full_text = "".join(full_parts)
    return "".join(text_parts), pieces


def app_from_env() -> FastAPI:
    """For `uvicorn --factory govcheck.server:app_from_env`: settings from GOVCHECK_* variables."""
    from govcheck.config import Config

    cfg_path = os.environ.get("GOVCHECK_CONFIG")
    config = Config.from_file(cfg_path) if cfg_path else Config.discover()
    return create_app(
        config,
        token=os.environ.get("GOVCHECK_TOKEN") or None,
        max_bytes=int(os.environ.get("GOVCHECK_MAX_BYTES", 10 * 1024 * 1024)),
        timeout=float(os.environ.get("GOVCHECK_TIMEOUT", 30)),
        block_on=os.environ.get("GOVCHECK_BLOCK_ON", "blocker"),
    )


def _docs_page(spec: dict[str, Any]) -> str:
    """The API reference as one self-contained page built from the OpenAPI document (no CDN)."""
    import html as _html

    info = spec.get("info", {})
    rows = []
    for path, methods in sorted(spec.get("paths", {}).items()):
        for method, op in methods.items():
            summary = op.get("summary") or ""
            text = (op.get("description") or "").strip()
            rows.append(
                f"<h3><code>{_html.escape(method.upper())} {_html.escape(path)}</code></h3>"
                f"<p><b>{_html.escape(summary)}</b></p><pre>{_html.escape(text)}</pre>"
            )
    return (
        "<!doctype html><html lang='zh'><head><meta charset='utf-8'>"
        f"<title>{_html.escape(info.get('title', 'govcheck'))} API</title>"
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
        "pre{white-space:pre-wrap;background:#f6f6f6;padding:.5em}</style></head><body>"
        f"<h1>{_html.escape(info.get('title', 'govcheck'))} {_html.escape(str(info.get('version', '')))}</h1>"
        f"<p>{_html.escape(info.get('description', ''))}</p>"
        "<p>The machine-readable description is <a href='openapi.json'>openapi.json</a>.</p>"
        + "".join(rows)
        + "</body></html>"
    )
