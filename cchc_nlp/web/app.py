"""The FastAPI application: routes, uploads, security.

Every page is rendered on the server from the index (``store.Store``) and has a
JSON twin under ``/api/``; OpenAPI at ``/api/openapi.json``.  Analysis runs the
same ``pipeline.analyse_for_index`` as ``cchc index`` and keeps the same record
(``render.reading.analysis_record``), so a report indexed from the command line
has the same page as one uploaded here.

Security: the app binds to loopback unless given a token (``cchc serve``
enforces it); with a token every request needs it (``Authorization: Bearer``,
or the cookie set by opening ``/?token=…`` once).  Uploads are streamed to a
temporary folder under a per-file and a per-request cap, their type is read
from their first bytes, and their names are only ever displayed, never used
as paths.  Pages are autoescaped and served with a Content-Security-Policy
that allows nothing but the app's own script and style.
"""

from __future__ import annotations

import atexit
import contextlib
import csv
import hashlib
import hmac
import io
import logging
import tempfile
import threading
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional
from urllib.parse import urlencode

from fastapi import FastAPI, File, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from ..config import max_file_bytes
from ..errors import CchcError
from ..ingest import suffix_for
from ..layout import DOC_KINDS
from ..model import AREAS, HIGHER_UNIT_KIND_WORDS, UNIT_KIND_WORDS
from ..store import UNIT_KINDS, Store

log = logging.getLogger("cchc_nlp.web")

STATIC = Path(__file__).parent / "static"
TOKEN_COOKIE = "cchc_token"
#: at most this many files in one upload request
MAX_FILES = 50
PAGE_SIZE = 20
#: units listed per province in the "who cited it" table of the search page (the CSV has all)
UNITS_SHOWN = 12
#: a document cited by this many reports or more gets its table on its own page (/cited)
CITED_INLINE_MAX = 1000

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]

UNIT_KIND_LABELS = {k: (UNIT_KIND_WORDS.get(k) or HIGHER_UNIT_KIND_WORDS.get(k) or
                        {"so": "sở, ban, ngành", "bo": "bộ, cơ quan Trung ương", "khac": "khác"}[k])
                    for k in UNIT_KINDS}
SEARCH_FIELDS = ("q", "cites", "area", "province", "district", "unit_kind", "period", "year", "kind")


@dataclass(frozen=True)
class Settings:
    db: Path
    token: str | None = None
    max_file_bytes: int = 0  # 0: config.max_file_bytes()
    max_request_bytes: int = 0  # 0: MAX_FILES files at the file cap

    @property
    def file_cap(self) -> int:
        return self.max_file_bytes or max_file_bytes()

    @property
    def request_cap(self) -> int:
        return self.max_request_bytes or self.file_cap * 4 + 1024 * 1024


# ---------------------------------------------------------------------------
# ASGI middleware: security headers, token, request size
# ---------------------------------------------------------------------------


class _TooLarge(Exception):
    pass


class Guard:
    """Adds the security headers to every response, refuses requests without the
    token (when one is set) or from another site, and stops a request body at
    the request cap without reading the rest."""

    def __init__(self, app, settings: Settings):
        self.app, self.settings = app, settings

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        started = False

        async def send_secured(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        refusal = self._refusal(scope, headers)
        if refusal is not None:
            return await refusal(scope, receive, send_secured)
        length = headers.get(b"content-length")
        cap = self.settings.request_cap
        if length is not None and length.isdigit() and int(length) > cap:
            return await _too_large(cap)(scope, receive, send_secured)
        received = 0

        async def limited():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited, send_secured)
        except _TooLarge:
            if not started:
                await _too_large(cap)(scope, receive, send_secured)

    def _refusal(self, scope, headers):
        method = scope["method"]
        if method not in ("GET", "HEAD"):
            origin = headers.get(b"origin")
            host = headers.get(b"host", b"")
            if origin and origin.split(b"://", 1)[-1] != host:
                return _error(403, "yêu cầu đến từ trang khác bị từ chối; mở ứng dụng trực tiếp")
        token = self.settings.token
        if not token:
            return None
        given = None
        auth = headers.get(b"authorization", b"").decode("latin-1")
        if auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        else:
            for part in headers.get(b"cookie", b"").decode("latin-1").split(";"):
                name, _, value = part.strip().partition("=")
                if name == TOKEN_COOKIE:
                    given = value
        if given is not None and hmac.compare_digest(given.encode(), token.encode()):
            return None
        from urllib.parse import parse_qs

        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        if method == "GET" and hmac.compare_digest(query.get("token", [""])[0].encode(), token.encode()):
            return _set_token_cookie(token, scope["path"])
        return _error(401, "cần mã truy cập: mở địa chỉ kèm ?token=MÃ một lần, "
                           "hoặc gửi tiêu đề Authorization: Bearer MÃ")


def _error(status: int, message: str):
    return JSONResponse({"error": message}, status_code=status)


def _too_large(cap: int):
    return _error(413, f"yêu cầu lớn hơn giới hạn {_mb(cap)}; tải lên ít tệp hơn mỗi lần")


def _set_token_cookie(token: str, path: str):
    response = RedirectResponse(path or "/", status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
    return response


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


# ---------------------------------------------------------------------------
# Index access: one reader per worker thread, one writer at a time
# ---------------------------------------------------------------------------


class Index:
    """The app's view of one index file."""

    def __init__(self, path: Path):
        self.path = Path(path)
        with Store(self.path):  # create or upgrade it once, before any reader opens it
            pass
        self._local = threading.local()
        #: analysis and writing, one upload at a time: the models are CPU-bound
        #: (parallel threads would not be faster) and SQLite has one writer
        self.write_lock = threading.Lock()

    def reader(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.path, readonly=True)
        return store


def _display_name(name: str | None) -> str:
    """An uploaded file's name, for display only: its last part, printable, ≤ 200 characters."""
    name = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    name = "".join(c for c in name if c.isprintable()).strip()
    return name[:200] or "tệp không tên"


def shown_file(path: str) -> str:
    """What a page shows of a stored path: an upload's own name, else the file's name."""
    if path.startswith("upload/"):
        return path.split("/", 2)[-1]
    return Path(path).name


def _analyse(path: str) -> tuple:
    """In the analysis process: every stage on one file, and the record of its page."""
    from ..pipeline import analyse_for_index
    from ..render.reading import analysis_record

    analysis = analyse_for_index(path)
    return analysis, analysis_record(analysis)


_POOL = None
_POOL_LOCK = threading.Lock()


def _analyse_elsewhere(path: Path, name: str) -> tuple:
    """Analyse in a separate process (one, shared by every app of this process).

    There, reading a file runs in the process's main thread, where the time limit
    of ``ingest`` (``CCHC_MAX_SECONDS``) holds; and a file that crashes the
    process costs only its own upload: the next one gets a new process."""
    global _POOL
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing import get_context

    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"))
            atexit.register(_POOL.shutdown, wait=True, cancel_futures=True)
        pool = _POOL
    try:
        return pool.submit(_analyse, str(path)).result()
    except BrokenProcessPool:
        with _POOL_LOCK:
            if _POOL is pool:
                _POOL = None
        log.error("the analysis process stopped while reading %s", name)
        raise CchcError("tiến trình phân tích dừng đột ngột khi đọc tệp này; tệp có thể hỏng, "
                        "hãy mở và lưu lại rồi tải lên lần nữa") from None


def add_upload(index: Index, upload: UploadFile, cap: int) -> dict:
    """Analyse one uploaded file and add it to the index: one entry of ``POST /api/reports``."""
    name = _display_name(upload.filename)
    entry = {"file": name, "id": None, "status": "error", "error": None, "note": None}
    with tempfile.TemporaryDirectory(prefix="cchc-upload-") as tmp:
        digest, size, head = hashlib.sha256(), 0, b""
        raw = Path(tmp) / "upload"
        with raw.open("wb") as out:
            while chunk := upload.file.read(1 << 20):
                size += len(chunk)
                if size > cap:
                    entry["error"] = f"tệp lớn hơn giới hạn {_mb(cap)}; tách thành tệp nhỏ hơn"
                    return entry
                if len(head) < 8:
                    head += chunk[:8]
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            entry["error"] = "tệp rỗng (0 byte); chọn đúng tệp báo cáo"
            return entry
        sha = digest.hexdigest()
        path = raw.rename(raw.with_suffix(suffix_for(head)))
        with index.write_lock:
            with Store(index.path) as store:
                known = store.report_id(sha)
                if known is not None:
                    entry.update(id=known, status="ok", note="đã có trong chỉ mục (cùng nội dung)")
                    return entry
                try:
                    analysis, record = _analyse_elsewhere(path, name)
                except CchcError as err:
                    entry["error"] = str(err)
                    return entry
                except Exception:  # a bug, not the user's file: logged, the other uploads go on
                    log.exception("analysing %s", name)
                    entry["error"] = "lỗi trong chương trình khi phân tích tệp này; báo cho người quản trị"
                    return entry
                record["file"] = name
                analysis = replace(analysis, report=replace(analysis.report, file=name))
                store.add_analysis(analysis, path=f"upload/{sha[:16]}/{name}", record=record)
                entry.update(id=store.report_id(sha), status="ok")
    return entry


# ---------------------------------------------------------------------------
# The application
# ---------------------------------------------------------------------------


def _templates():
    from ..render.digest import environment

    env = environment("html")
    env.filters.setdefault("marks", _marks)
    env.globals.setdefault("AREAS", AREAS)
    env.globals.setdefault("DOC_KINDS", DOC_KINDS)
    env.globals.setdefault("UNIT_KIND_LABELS", UNIT_KIND_LABELS)
    env.globals.setdefault("shown_file", shown_file)
    return env


def _marks(snippet: str):
    """A search snippet with its «matches» as <mark>, everything else escaped."""
    from markupsafe import Markup, escape

    return Markup(str(escape(snippet)).replace("«", "<mark>").replace("»", "</mark>"))


def create_app(db: str | Path, *, token: str | None = None, max_file_bytes: int = 0,
               max_request_bytes: int = 0) -> FastAPI:
    """The web app over the index at ``db`` (created if missing)."""
    settings = Settings(Path(db), token or None, max_file_bytes, max_request_bytes)
    index = Index(settings.db)
    app = FastAPI(title="cchc-nlp", version="1", description="Đọc báo cáo cải cách hành chính: "
                  "tải lên, tóm tắt, tìm kiếm văn bản được dẫn, bảng điểm.",
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    env = _templates()

    def page(name: str, status: int = 200, **context) -> HTMLResponse:
        html = env.get_template(f"web/{name}.html.j2").render(**context)
        return HTMLResponse(html, status_code=status)

    # -- errors, in Vietnamese, as a page or as JSON --------------------------

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        from http import HTTPStatus

        ours = isinstance(exc.detail, str) and exc.detail != HTTPStatus(exc.status_code).phrase
        message = exc.detail if ours else {404: "không có trang này", 405: "phương thức không được hỗ trợ"}.get(
            exc.status_code, "yêu cầu không hợp lệ")
        if wants_json(request):
            return JSONResponse({"error": message}, status_code=exc.status_code)
        return page("error", exc.status_code, message=message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        wrong = sorted({str(e.get("loc", ["?"])[-1]) for e in exc.errors()})
        message = f"tham số không hợp lệ: {', '.join(wrong)}"
        if wants_json(request):
            return JSONResponse({"error": message}, status_code=422)
        return page("error", 422, message=message)

    @app.exception_handler(CchcError)
    async def cchc_error(request: Request, exc: CchcError):
        if wants_json(request):
            return JSONResponse({"error": str(exc)}, status_code=400)
        return page("error", 400, message=str(exc))

    # -- home ----------------------------------------------------------------

    @app.get("/api/", summary="Số liệu của chỉ mục")
    def api_home() -> dict:
        return index.reader().stats()

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home():
        return page("home", stats=index.reader().stats(), form=dict.fromkeys(SEARCH_FIELDS, ""), file_cap=_mb(settings.file_cap))

    # -- upload --------------------------------------------------------------

    def uploads(files: list[UploadFile]) -> list[dict]:
        if len(files) > MAX_FILES:
            raise HTTPException(413, f"quá {MAX_FILES} tệp trong một lần tải lên; chia thành nhiều lần")
        return [add_upload(index, f, settings.file_cap) for f in files]

    @app.post("/api/reports", summary="Tải lên và phân tích báo cáo")
    def api_upload(files: list[UploadFile] = File(..., description="Tệp .txt, .docx, .pdf")) -> dict:
        """One entry per uploaded file, in order: ``status`` ok (``id`` of the report)
        or error (``error``: why, in Vietnamese)."""
        return {"reports": [{k: e[k] for k in ("file", "id", "status", "error", "note")}
                            for e in uploads(files)]}

    @app.post("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_form(files: list[UploadFile] = File(...)):
        return page("uploaded", results=uploads(files))

    # -- report --------------------------------------------------------------

    def record_or_404(report_id: int) -> dict:
        record = index.reader().record(report_id)
        if record is None:
            raise HTTPException(404, "không có báo cáo này trong chỉ mục (hoặc báo cáo được đưa vào "
                                     "bằng bản cchc cũ: chạy lại `cchc index`)")
        record["id"] = report_id
        return record

    @app.get("/api/reports/{report_id}", summary="Kết quả phân tích một báo cáo")
    def api_report(report_id: int) -> dict:
        return record_or_404(report_id)

    @app.get("/reports/{report_id}", response_class=HTMLResponse, include_in_schema=False)
    def report_page(report_id: int):
        return page("report", d=record_or_404(report_id))

    # -- search --------------------------------------------------------------

    def search_args(params: dict) -> dict:
        args = {k: (params.get(k) or None) for k in SEARCH_FIELDS}
        if args["year"] is not None:
            try:
                args["year"] = int(args["year"])
            except ValueError:
                raise CchcError(f"năm '{args['year']}' không phải là số như 2024") from None
        args["text"] = args.pop("q")
        return args

    def search(params: dict, limit: int, offset: int):
        """The page of hits and how many there are (counted only when the page is full)."""
        args = search_args(params)
        reader = index.reader()
        hits = reader.search(**args, limit=limit, offset=offset)
        total = offset + len(hits) if len(hits) < limit else reader.count(**args, cap=offset + 1000)
        return hits, total

    def cited(params: dict, per_province: int | None = UNITS_SHOWN):
        args = search_args(params)
        return index.reader().cited_by(args["cites"], **{k: args[k] for k in (
            "area", "province", "period", "year", "kind", "district", "unit_kind")}, per_province=per_province)

    def hit_record(h) -> dict:
        return {"unit_name": h.commune, "unit_kind": h.unit_kind, "district": h.district,
                "province": h.province, "period": h.period_label, "file": shown_file(h.path),
                "report_id": h.report_id, "section": h.section, "paragraph": h.paragraph,
                "snippet": h.snippet, "area": h.area, "citation": h.citation}

    @app.get("/api/search", summary="Tìm trong các báo cáo đã đưa vào chỉ mục")
    def api_search(q: Optional[str] = None, cites: Optional[str] = None, area: Optional[str] = None,
                   province: Optional[str] = None, district: Optional[str] = None,
                   unit_kind: Optional[str] = None, period: Optional[str] = None,
                   year: Optional[str] = None, kind: Optional[str] = None,
                   limit: int = PAGE_SIZE, offset: int = 0) -> dict:
        """``q``: words (with or without diacritics); ``cites``: a cited document in any
        spelling ("NĐ 61/2018", "nghi dinh 61/2018/ND-CP"); the rest are filters.
        ``total`` counts up to 1,000 hits past ``offset`` (``total_exact`` false beyond)."""
        params = dict(q=q, cites=cites, area=area, province=province, district=district,
                      unit_kind=unit_kind, period=period, year=year, kind=kind)
        limit, offset = max(1, min(int(limit), 200)), max(0, int(offset))
        hits, total = search(params, limit, offset)
        return {"total": total, "total_exact": total < offset + 1000,
                "results": [hit_record(h) for h in hits]}

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, page_no: int = 1):
        params = {k: request.query_params.get(k, "").strip() for k in SEARCH_FIELDS}
        if not any(params.values()):
            return page("search", form=params, hits=None, groups=[], total=0, cited=None, error=None,
                        pages={}, cited_link=None, csv_link=None)
        offset = (max(1, page_no) - 1) * PAGE_SIZE
        try:
            hits, total = search(params, PAGE_SIZE, offset)
            # who cited it, by province: on this page when it is a short table; for a
            # document cited by a thousand reports or more, on its own page (/cited)
            citing = None
            if params["cites"]:
                many = index.reader().count(**{**search_args(params), "text": None},
                                            cap=CITED_INLINE_MAX) >= CITED_INLINE_MAX
                citing = None if many else _by_province(cited(params))
        except CchcError as err:
            return page("search", 400, form=params, hits=None, groups=[], total=0, cited=None,
                        error=str(err), pages={}, cited_link=None, csv_link=None)
        groups: list[dict] = []
        for h in hits:  # consecutive hits of one report form one group
            if groups and groups[-1]["report_id"] == h.report_id:
                groups[-1]["hits"].append(h)
            else:
                groups.append({"report_id": h.report_id, "first": h, "hits": [h]})
        query = {k: v for k, v in params.items() if v}
        pages = {"prev": f"/search?{urlencode({**query, 'page_no': page_no - 1})}" if page_no > 1 else None,
                 "next": (f"/search?{urlencode({**query, 'page_no': page_no + 1})}"
                          if total > offset + len(hits) else None)}
        cites_query = urlencode({k: v for k, v in query.items() if k != "q"})
        return page("search", form=params, hits=hits, groups=groups, total=total, cited=citing,
                    cited_link=f"/cited?{cites_query}" if params["cites"] else None,
                    error=None, pages=pages, csv_link=f"/cited.csv?{cites_query}" if params["cites"] else None)

    @app.get("/cited", response_class=HTMLResponse, include_in_schema=False)
    def cited_page(request: Request):
        params = {k: request.query_params.get(k, "").strip() for k in SEARCH_FIELDS}
        if not params["cites"]:
            raise CchcError("cần văn bản được dẫn (cites), ví dụ Nghị định 61/2018/NĐ-CP")
        query = urlencode({k: v for k, v in params.items() if v and k != "q"})
        return page("cited", form=params, cited=_by_province(cited(params)), csv_link=f"/cited.csv?{query}")

    @app.get("/api/cited", summary="Đơn vị nào dẫn một văn bản")
    def api_cited(cites: str, area: Optional[str] = None, province: Optional[str] = None,
                  district: Optional[str] = None, unit_kind: Optional[str] = None,
                  period: Optional[str] = None, year: Optional[int] = None, kind: Optional[str] = None) -> dict:
        rows = index.reader().cited_by(cites, area=area, province=province, district=district,
                                       unit_kind=unit_kind, period=period, year=year, kind=kind)
        return {"total": len(rows), "provinces": _by_province(rows)}  # every citing report

    @app.get("/cited.csv", include_in_schema=False)
    def cited_csv(request: Request):
        params = {k: request.query_params.get(k) or None for k in SEARCH_FIELDS}
        if not params["cites"]:
            raise CchcError("cần văn bản được dẫn (cites), ví dụ Nghị định 61/2018/NĐ-CP")
        rows = cited(params, per_province=None)
        columns = ["province", "district", "unit_kind", "unit_name", "period", "year", "times", "report_id", "file"]
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow({**r, "file": shown_file(r["path"])})
        return _download(out.getvalue().encode("utf-8-sig"), "don-vi-dan-van-ban.csv", "text/csv; charset=utf-8")

    # -- batch scores ------------------------------------------------------------

    def score_rows(sort: str, order: str):
        rows, total = index.reader().score_table(sort, order == "desc")
        return rows, total

    @app.get("/api/scores", summary="Bảng điểm chất lượng các báo cáo đã đưa vào chỉ mục")
    def api_scores(sort: str = "total", order: str = "asc") -> dict:
        rows, total = score_rows(sort, order)
        return {"total": total, "reports": [{**r, "file": shown_file(r.pop("path"))} for r in rows]}

    @app.get("/scores", response_class=HTMLResponse, include_in_schema=False)
    def scores_page(sort: str = "total", order: str = "asc"):
        from ..scoring import LABELS_VI, WEIGHTS

        rows, total = score_rows(sort, order)
        return page("scores", rows=rows, total=total, sort=sort, order=order,
                    components=[(k, LABELS_VI[k], WEIGHTS[k]) for k in WEIGHTS])

    def score_frame(sort: str, order: str):
        import pandas as pd

        from ..scoring import LABELS_VI, WEIGHTS

        rows, _ = score_rows(sort, order)
        data = [{"Đơn vị": " ".join(x for x in (UNIT_KIND_LABELS.get(r["unit_kind"] or "", ""),
                                                r["unit_name"] or "") if x) or None,
                 "Huyện": r["district"], "Tỉnh": r["province"], "Kỳ": r["period"], "Năm": r["year"],
                 "Loại văn bản": DOC_KINDS.get(r["kind"] or "", r["kind"]),
                 "Tổng điểm": r["total"],
                 **{LABELS_VI[k]: r["components"].get(k) for k in WEIGHTS},
                 "Bất thường mức cao": r["flags_high"], "Bất thường mức trung bình": r["flags_medium"],
                 "Tệp": shown_file(r["path"]), "Mã báo cáo": r["report_id"]} for r in rows]
        return pd.DataFrame(data)

    @app.get("/scores.csv", include_in_schema=False)
    def scores_csv(sort: str = "total", order: str = "asc"):
        body = score_frame(sort, order).to_csv(index=False).encode("utf-8-sig")
        return _download(body, "bang-diem.csv", "text/csv; charset=utf-8")

    @app.get("/scores.xlsx", include_in_schema=False)
    def scores_xlsx(sort: str = "total", order: str = "asc"):
        out = io.BytesIO()
        score_frame(sort, order).to_excel(out, index=False, sheet_name="Bảng điểm")
        return _download(out.getvalue(), "bang-diem.xlsx",
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    app.add_middleware(Guard, settings=settings)
    return app


def _by_province(rows: list[dict] | None) -> list[dict] | None:
    """Rows of ``Store.cited_by`` grouped by province: its counts of units and reports,
    and the rows given for it."""
    if rows is None:
        return None
    groups: dict[str, dict] = {}
    for r in rows:
        g = groups.setdefault(r["province"] or "", {"province": r["province"], "units": [],
                                                    "unit_count": r["units"], "reports": r["reports"]})
        unit = {k: r[k] for k in ("unit_kind", "unit_name", "district", "period", "year", "report_id", "times")}
        unit["file"] = shown_file(r["path"])
        g["units"].append(unit)
    return list(groups.values())


def _download(body: bytes, name: str, media_type: str) -> Response:
    return Response(body, media_type=media_type,
                    headers={"content-disposition": f'attachment; filename="{name}"'})


@contextlib.contextmanager
def serving(db: str | Path, timeout: float = 30.0):
    """The app over the index ``db``, served by uvicorn on a free loopback port in a
    background thread, for as long as the ``with`` block lasts: yields its address
    (the browser tests, the load test and ``benchmarks/bench_web.py`` use it)."""
    import socket
    import time

    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
