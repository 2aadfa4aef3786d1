"""The web app through its in-process client: every route, bad uploads, hostile
queries, the token, and many reviewers at once over the loopback interface."""

from __future__ import annotations

import io
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from cchc_nlp.cli import app as cli_app
from cchc_nlp.web import create_app
from conftest import served
from renditions import SEEDS, make_docx, make_encrypted_pdf, make_pdf, make_zip_bomb, seed_text

ROOT = Path(__file__).resolve().parent.parent
SEED_HOANG_LUU = ROOT / "corpus" / "reports" / "000_46eead6140f5e907.txt"  # cites NĐ 61/2018
SEED_DAK_HA = ROOT / "corpus" / "reports" / "002_99a9c136d6925e8d.txt"  # many flags
#: short real texts (portal news on CCHC) for tests that upload many files
SHORT = sorted((ROOT / "corpus" / "web").glob("w0[0-9][0-9]_*.txt"))[:4]


def _upload(client, *paths_or_pairs):
    files = []
    for item in paths_or_pairs:
        if isinstance(item, Path):
            files.append(("files", (item.name, item.read_bytes(), "application/octet-stream")))
        else:
            files.append(("files", (item[0], item[1], "application/octet-stream")))
    return client.post("/api/reports", files=files)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """An app with the five seeds uploaded once."""
    db = tmp_path_factory.mktemp("web") / "index.sqlite"
    c = TestClient(create_app(db))
    r = _upload(c, *SEEDS)
    assert r.status_code == 200, r.text
    assert [e["status"] for e in r.json()["reports"]] == ["ok"] * 5
    c.ids = {e["file"]: e["id"] for e in r.json()["reports"]}
    return c


# -- pages and headers ---------------------------------------------------------


def test_home_page_is_vietnamese_self_contained_and_locked_down(client):
    r = client.get("/")
    assert r.status_code == 200
    assert '<html lang="vi">' in r.text and "Tải báo cáo lên" in r.text
    assert "5 báo cáo" in r.text
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    # nothing is fetched from elsewhere: every script, style and image is the app's own
    for url in re.findall(r'(?:src|href)="([^"]+)"', r.text):
        assert not url.startswith(("http:", "https:", "//")), url
    assert "<script>" not in r.text and "style=" not in r.text  # the CSP would block inline code
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/app.css").status_code == 200


def test_every_page_has_a_json_twin_described_by_openapi(client):
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/", "/api/reports", "/api/reports/{report_id}", "/api/search", "/api/cited",
                 "/api/scores"):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/api/reports"]
    assert client.get("/api/").json()["reports"] == 5


def test_unknown_page_and_report_are_vietnamese_404s(client):
    r = client.get("/khong-co")
    assert r.status_code == 404 and "không có trang này" in r.text
    r = client.get("/api/reports/99999")
    assert r.status_code == 404 and "không có báo cáo này" in r.json()["error"]
    r = client.get("/reports/99999")
    assert r.status_code == 404 and "không có báo cáo này" in r.text and '<html lang="vi">' in r.text
    r = client.get("/api/reports/abc")
    assert r.status_code == 422 and "report_id" in r.json()["error"]


# -- report page -----------------------------------------------------------------


def test_report_json_is_the_digest_with_the_text_in_reading_blocks(client):
    rid = client.ids[SEED_DAK_HA.name]
    d = client.get(f"/api/reports/{rid}").json()
    assert d["id"] == rid and d["file"] == SEED_DAK_HA.name
    assert "cchc-upload" not in client.get(f"/api/reports/{rid}").text  # no trace of the temporary folder
    assert d["unit"]["name"] == "Đắk Ha"
    assert {"verdict", "flags", "citations", "areas", "score", "reading", "meta"} <= set(d)
    kinds = {b["kind"] for b in d["reading"]}
    assert {"paragraph", "heading", "table"} <= kinds
    paragraphs = [b for b in d["reading"] if b["kind"] == "paragraph"]
    assert all(b["area"] for b in paragraphs)
    # the blocks are the report's text in order, each piece once
    starts = [b["start"] for b in d["reading"]]
    assert starts == sorted(starts)
    assert all(a["end"] <= b["start"] for a, b in zip(d["reading"], d["reading"][1:]))


def test_report_page_links_every_flag_to_its_highlighted_evidence(client):
    rid = client.ids[SEED_DAK_HA.name]
    html = client.get(f"/reports/{rid}").text
    links = re.findall(r'class="flag-link" href="#([^"]+)"', html)
    assert len(links) >= 5
    for target in links:
        assert f'id="{target}"' in html, target
    evidence_anchors = [t for t in links if t.startswith("ev-")]
    assert evidence_anchors
    # an evidence anchor stands right before the highlighted piece it names
    k = evidence_anchors[0]
    after = html.split(f'id="{k}" class="anchor">', 1)[1]
    assert re.match(r'(?:<(?:span|div) id="ev-\d+" class="anchor">)*(?:<a [^>]+>)?<(?:span|div) class="[^"]*\bev\b', after)


def test_report_page_shows_areas_boilerplate_and_links_citations_to_search(client):
    rid = client.ids[SEED_HOANG_LUU.name]
    html = client.get(f"/reports/{rid}").text
    assert re.search(r'<p id="p-\d+" class="para area-tthc">', html)
    assert '<span class="bp">' in html  # boilerplate sentences are dimmed
    assert 'href="/search?cites=61/2018/N%C4%90-CP"' in html


def test_report_text_is_escaped(client, tmp_path):
    text = SEED_HOANG_LUU.read_text("utf-8").replace(
        "Nghị định số 61/2018/NĐ-CP", "Nghị định số 61/2018/NĐ-CP <script>alert('x')</script>", 1)
    r = _upload(client, ("<img src=x onerror=alert(1)>.txt", text.encode("utf-8")))
    entry = r.json()["reports"][0]
    assert entry["status"] == "ok", entry
    html = client.get(f"/reports/{entry['id']}").text
    assert "<script>alert" not in html and "&lt;script&gt;alert(" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;.txt" in html


# -- uploads ---------------------------------------------------------------------------


def test_upload_answers_one_entry_per_file_in_order_and_the_good_ones_go_on(client, tmp_path):
    bomb = make_zip_bomb(tmp_path / "bomb.docx")
    locked = make_encrypted_pdf(make_pdf(seed_text(SEED_HOANG_LUU), tmp_path / "s.pdf"), tmp_path / "locked.pdf")
    r = _upload(client, ("rỗng.txt", b""), ("ảnh.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200),
                SHORT[0], ("bom.docx", bomb.read_bytes()), ("khoá.pdf", locked.read_bytes()),
                ("hỏng.docx", b"PK\x03\x04" + b"\x00" * 100))
    entries = r.json()["reports"]
    assert [e["file"] for e in entries] == ["rỗng.txt", "ảnh.txt", SHORT[0].name, "bom.docx", "khoá.pdf", "hỏng.docx"]
    assert [e["status"] for e in entries] == ["error", "error", "ok", "error", "error", "error"]
    for e in entries:
        assert set(e) >= {"file", "id", "status", "error"}
        if e["status"] == "error":
            assert e["id"] is None and e["error"] and "\n" not in e["error"]
            assert not re.search(r"Traceback|Error\b|Exception", e["error"]), e["error"]
    assert "rỗng" in entries[0]["error"]
    assert "ảnh PNG" in entries[1]["error"]
    assert "mật khẩu" in entries[4]["error"] or "mã hoá" in entries[4]["error"] or "mã hóa" in entries[4]["error"]


def test_the_type_comes_from_the_content_not_the_name(client, tmp_path):
    docx = make_docx(seed_text(SHORT[1]), tmp_path / "x.docx")
    r = _upload(client, ("tin-tuc.pdf", docx.read_bytes()))  # a Word file named .pdf
    e = r.json()["reports"][0]
    assert e["status"] == "ok", e
    assert client.get(f"/api/reports/{e['id']}").json()["file"] == "tin-tuc.pdf"


def test_uploaded_names_never_become_paths(client, tmp_path):
    r = _upload(client, ("../../../../tmp/cchc-evil.txt", SHORT[2].read_bytes()))
    e = r.json()["reports"][0]
    assert e["status"] == "ok" and e["file"] == "cchc-evil.txt"
    assert not Path("/tmp/cchc-evil.txt").exists()


def test_the_same_content_is_indexed_once(client):
    before = client.get("/api/").json()["reports"]
    r = _upload(client, SEED_HOANG_LUU, ("copy.txt", SEED_HOANG_LUU.read_bytes()))
    entries = r.json()["reports"]
    assert {e["id"] for e in entries} == {client.ids[SEED_HOANG_LUU.name]}
    assert all(e["note"] for e in entries)
    assert client.get("/api/").json()["reports"] == before


def test_size_caps_give_a_clear_error(tmp_path):
    c = TestClient(create_app(tmp_path / "i.sqlite", max_file_bytes=3000, max_request_bytes=200_000))
    big = SEED_HOANG_LUU.read_bytes()  # > 3,000 bytes
    e = _upload(c, SHORT[0], ("lớn.txt", big)).json()["reports"]
    assert e[0]["status"] == "ok" and e[1]["status"] == "error" and "giới hạn" in e[1]["error"]
    r = _upload(c, ("rất-lớn.txt", b"x" * 300_000))
    assert r.status_code == 413 and "giới hạn" in r.json()["error"]


def test_an_html_form_upload_without_javascript_gets_a_page(client):
    r = client.post("/upload", files=[("files", (SHORT[3].name, SHORT[3].read_bytes(), "text/plain"))])
    assert r.status_code == 200 and "Kết quả tải lên" in r.text and "/reports/" in r.text


# -- search --------------------------------------------------------------------------------


def test_search_a_decree_in_a_spelling_without_diacritics(client):
    r = client.get("/api/search", params={"cites": "nghi dinh 61/2018/ND-CP"})
    body = r.json()
    assert r.status_code == 200 and body["total"] >= 2
    hit = body["results"][0]
    assert set(hit) >= {"unit_name", "unit_kind", "district", "province", "period", "file", "report_id",
                        "section", "paragraph", "snippet"}
    assert "61/2018/NĐ-CP" in hit["snippet"]
    same = client.get("/api/search", params={"cites": "NĐ 61/2018"}).json()
    assert same["total"] == body["total"]


def test_which_communes_cited_a_decree_as_a_table_by_province_and_a_csv(client):
    html = client.get("/search", params={"cites": "Nghị định 61/2018/NĐ-CP"}).text
    assert "Đơn vị dẫn «Nghị định 61/2018/NĐ-CP»" in html
    assert "Thanh Hóa" in html and "Hoằng Lưu" in html
    cited = client.get("/api/cited", params={"cites": "NĐ 61/2018"}).json()
    provinces = {g["province"] for g in cited["provinces"]}
    assert "Thanh Hóa" in provinces and cited["total"] >= 2
    csv_text = client.get("/cited.csv", params={"cites": "NĐ 61/2018"}).content.decode("utf-8-sig")
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("province,district,unit_kind,unit_name") and len(lines) == cited["total"] + 1


def test_a_document_cited_very_often_gets_its_table_on_its_own_page(client, monkeypatch):
    import cchc_nlp.web.app as web_app

    monkeypatch.setattr(web_app, "CITED_INLINE_MAX", 2)  # as if thousands of reports cited it
    html = client.get("/search", params={"cites": "NĐ 61/2018"}).text
    assert 'table class="cited"' not in html and 'href="/cited?cites=' in html
    link = re.search(r'href="(/cited\?[^"]+)"', html).group(1).replace("&amp;", "&")
    page = client.get(link).text
    assert 'table class="cited"' in page and "Thanh Hóa" in page and "Hoằng Lưu" in page


def test_free_text_search_groups_results_by_report_with_highlights(client):
    html = client.get("/search", params={"q": "mot cua lien thong"}).text
    assert html.count('class="hit-group"') >= 2
    assert "<mark>" in html
    api = client.get("/api/search", params={"q": "một cửa", "limit": 3}).json()
    assert len(api["results"]) == 3 and api["total"] > 3
    page2 = client.get("/api/search", params={"q": "một cửa", "limit": 3, "offset": 3}).json()
    assert page2["results"][0] != api["results"][0]


@pytest.mark.parametrize("params,field", [
    ({"q": "cải cách", "area": "tthc"}, "area"),
    ({"q": "cải cách", "province": "thanh hoa"}, "province"),
    ({"q": "cải cách", "district": "huyện Đắk Glong"}, "district"),
    ({"q": "cải cách", "unit_kind": "xa"}, "unit_kind"),
    ({"q": "cải cách", "year": "2024"}, None),
    ({"q": "cải cách", "period": "6 tháng"}, "period"),
    ({"q": "cải cách", "kind": "bao_cao"}, None),
])
def test_search_filters(client, params, field):
    body = client.get("/api/search", params=params).json()
    assert body["total"] >= 1
    for hit in body["results"]:
        if field == "area":
            assert hit["area"] == "tthc"
        if field == "province":
            assert hit["province"] == "Thanh Hóa"
        if field == "district":
            assert hit["district"] == "Đắk Glong"
        if field == "unit_kind":
            assert hit["unit_kind"] == "xa"
        if field == "period":
            assert "6 tháng" in hit["period"]


@pytest.mark.parametrize("q", ['"', "NEAR(", "*", "a AND", "OR OR", "-x", "col:x", "(", "^", "'; DROP TABLE reports; --",
                               "x" * 5000, "\x00", "«»", "cites:61"])
def test_hostile_queries_never_make_a_server_error(client, q):
    for params in ({"q": q}, {"cites": q}, {"q": q, "province": q}):
        r = client.get("/api/search", params=params)
        assert r.status_code in (200, 400), (params, r.status_code, r.text[:200])
        if r.status_code == 400:
            assert r.json()["error"]
        assert client.get("/search", params=params).status_code in (200, 400)
    assert client.get("/api/").json()["reports"] >= 5  # nothing was dropped


def test_bad_filters_are_vietnamese_errors(client):
    r = client.get("/api/search", params={"q": "x", "area": "nope"})
    assert r.status_code == 400 and "không có lĩnh vực" in r.json()["error"]
    r = client.get("/api/search", params={"q": "x", "year": "hai nghìn"})
    assert r.status_code == 400 and "không phải là số" in r.json()["error"]
    r = client.get("/search")
    assert r.status_code == 200 and "Tìm trong các báo cáo" in r.text


# -- scores ----------------------------------------------------------------------------------------


def test_score_table_sorts_and_downloads_as_csv_and_xlsx(client):
    import openpyxl

    asc = client.get("/api/scores", params={"sort": "total"}).json()["reports"]
    totals = [r["total"] for r in asc if r["total"] is not None]
    assert len(totals) >= 5 and totals == sorted(totals)
    desc = client.get("/api/scores", params={"sort": "total", "order": "desc"}).json()["reports"]
    assert [r["total"] for r in desc if r["total"] is not None] == sorted(totals, reverse=True)
    assert set(asc[0]["components"]) == {"coverage", "concrete", "consistency", "citations", "completeness",
                                         "timeliness"}
    html = client.get("/scores", params={"sort": "province", "order": "desc"}).text
    assert 'aria-sort="descending"' in html and "Tổng điểm" in html
    csv_text = client.get("/scores.csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("Đơn vị,Huyện,Tỉnh,Kỳ,Năm,Loại văn bản,Tổng điểm")
    book = openpyxl.load_workbook(io.BytesIO(client.get("/scores.xlsx").content))
    sheet = book["Bảng điểm"]
    assert sheet.cell(1, 7).value == "Tổng điểm" and sheet.max_row == len(asc) + 1
    r = client.get("/api/scores", params={"sort": "sha256"})
    assert r.status_code == 400 and "không sắp xếp được" in r.json()["error"]


# -- security ----------------------------------------------------------------------------------------


def test_a_token_guards_every_request(tmp_path):
    c = TestClient(create_app(tmp_path / "i.sqlite", token="bi-mat-123"))
    for path in ("/", "/api/", "/static/app.css", "/api/openapi.json"):
        r = c.get(path)
        assert r.status_code == 401 and "mã truy cập" in r.json()["error"], path
    assert c.get("/api/", headers={"Authorization": "Bearer sai"}).status_code == 401
    assert c.get("/api/", headers={"Authorization": "Bearer bi-mat-123"}).status_code == 200
    r = c.get("/search?token=bi-mat-123", follow_redirects=False)
    assert r.status_code == 303 and "cchc_token" in r.headers["set-cookie"] and "HttpOnly" in r.headers["set-cookie"]
    assert c.get("/search").status_code == 200  # the cookie now rides along


def test_a_form_posted_from_another_site_is_refused(client):
    r = client.post("/api/reports", files=[("files", ("a.txt", b"x", "text/plain"))],
                    headers={"Origin": "http://evil.example"})
    assert r.status_code == 403


def test_serve_refuses_an_open_host_without_a_token():
    r = CliRunner().invoke(cli_app, ["serve", "--host", "0.0.0.0"], env={"CCHC_TOKEN": ""})
    assert r.exit_code == 2 and "--token" in r.output


def test_a_report_indexed_from_the_command_line_has_the_same_page(tmp_path):
    db = tmp_path / "cli.sqlite"
    r = CliRunner().invoke(cli_app, ["index", str(SEED_HOANG_LUU), "--db", str(db)])
    assert r.exit_code == 0, r.output
    c = TestClient(create_app(db))
    d = c.get("/api/reports/1").json()
    assert d["unit"]["name"] == "Hoằng Lưu" and d["reading"]
    assert "Hoằng Lưu" in c.get("/reports/1").text


# -- many reviewers at once, over the loopback interface ----------------------------------------------


@pytest.fixture
def live_server(tmp_path):
    with served(tmp_path / "live.sqlite") as address:
        yield address


def test_twenty_parallel_uploads_and_two_hundred_searches(live_server):
    texts = [p.read_bytes() for p in SHORT]

    def upload(i):
        body = texts[i % len(texts)]
        with httpx.Client(base_url=live_server, timeout=120) as h:
            r = h.post("/api/reports", files=[("files", (f"tệp-{i}.txt", body, "text/plain"))])
        return r.status_code, r.json()["reports"][0]

    def search(i):
        with httpx.Client(base_url=live_server, timeout=60) as h:
            r = h.get("/api/search", params={"q": ["cải cách", "hành chính", "một cửa", "xã"][i % 4]})
        return r.status_code

    with ThreadPoolExecutor(max_workers=20) as pool:
        up = pool.map(upload, range(20))
        found = pool.map(search, range(200))
        uploads, searches = list(up), list(found)
    assert all(code == 200 for code, _ in uploads)
    assert all(e["status"] == "ok" for _, e in uploads), [e for _, e in uploads if e["status"] != "ok"]
    assert searches == [200] * 200
    ids = {}
    for i, (_, e) in enumerate(uploads):
        ids.setdefault(i % len(texts), set()).add(e["id"])
    assert all(len(v) == 1 for v in ids.values())  # one report per content
    assert httpx.get(f"{live_server}/api/").json()["reports"] == len(texts)
