"""End to end in a real browser: the system's Chromium (Debian package
``chromium``, /usr/bin/chromium) driven by Playwright, against the app served by
uvicorn on the loopback interface.

These tests never skip: a machine without the browser fails them, and
``make test`` (hence ``.ci/run``) installs it first (``scripts/install-browser``).
With ``CCHC_SCREENSHOTS=folder`` set (``make screenshots``) each page is saved
there as a PNG.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest

from conftest import served

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "reports" / "000_46eead6140f5e907.txt"  # xã Hoằng Lưu: cites NĐ 61/2018, has flags
SECOND = ROOT / "corpus" / "reports" / "002_99a9c136d6925e8d.txt"
CHROMIUM = os.environ.get("CCHC_CHROMIUM", "/usr/bin/chromium")
#: what the browser needs to start as root in a container with no network beyond loopback
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-quic"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with served(tmp_path_factory.mktemp("browser") / "index.sqlite") as address:
        yield address


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), (
        f"không thấy Chromium tại {CHROMIUM}: cài bằng `scripts/install-browser` "
        "(apt-get install chromium), hoặc đặt CCHC_CHROMIUM")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, locale="vi-VN", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda err: problems.append(f"lỗi JavaScript: {err}"))
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    yield pg
    context.close()
    assert not problems, problems  # no script error, no CSP violation


def _shot(page, name: str) -> None:
    folder = os.environ.get("CCHC_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=name != "report")


def test_upload_read_follow_a_flag_search_and_download(server, page):
    # 1. upload two seeds through the file picker; the script posts them with a progress bar
    page.goto(server + "/")
    assert page.title().endswith("Đọc báo cáo CCHC")
    page.set_input_files("#files", [str(SEED), str(SECOND)])
    _shot(page, "home")
    page.click("#upload button[type=submit]")
    page.wait_for_selector("#upload-results li.ok >> nth=1", timeout=120_000)
    assert "Xong: 2/2" in page.inner_text("#upload-status")

    # 2. open the report page of the first seed
    page.click(f"#upload-results a:text('{SEED.name}')")
    page.wait_for_url(re.compile(r"/reports/\d+$"))
    assert "Hoằng Lưu" in page.inner_text("h1")
    paragraphs = page.locator(".reading p.para")
    assert paragraphs.count() > 20
    assert page.locator(".reading p.para.area-tthc").count() >= 1
    _shot(page, "report")

    # 3. follow a flag to its evidence: the address names it, the evidence is highlighted and on screen
    link = page.locator("a.flag-link[href^='#ev-']").first
    target = link.get_attribute("href")
    link.click()
    page.wait_for_function("h => location.hash === h", arg=target)
    evidence = page.locator(f"[id='{target[1:]}'] .ev").first
    assert "ev" in (evidence.get_attribute("class") or "")
    background = evidence.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    box, height = evidence.bounding_box(), page.viewport_size["height"]
    assert box is not None and 0 <= box["y"] < height, (box, height)

    # 4. search a decree typed without diacritics: the table by province names the commune
    page.goto(server + "/search")
    page.fill("input[name=cites]", "nghi dinh 61/2018/ND-CP")
    page.click("form.search button[type=submit]")
    page.wait_for_selector("table.cited")
    table = page.inner_text("table.cited")
    assert "Thanh Hóa" in table and "Hoằng Lưu" in table
    assert page.locator(".hit-group mark").count() >= 1
    _shot(page, "search")

    # 5. the score table, sorted, downloaded as CSV
    page.goto(server + "/scores")
    page.click("th a:text('Tổng điểm')")
    with page.expect_download() as info:
        page.click("a.download:text('Tải CSV')")
    path = info.value.path()
    rows = list(csv.DictReader(io.StringIO(Path(path).read_text("utf-8-sig"))))
    assert len(rows) == 2 and {r["Tỉnh"] for r in rows} == {"Thanh Hóa", "Đắk Nông"}
    assert all(float(r["Tổng điểm"]) > 0 for r in rows)
    _shot(page, "scores")


def test_a_bad_file_gets_its_reason_on_the_page_and_the_others_go_on(server, page, tmp_path):
    bad = tmp_path / "ảnh-chụp.pdf"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    empty = tmp_path / "rỗng.txt"
    empty.write_bytes(b"")
    page.goto(server + "/")
    page.set_input_files("#files", [str(bad), str(SEED), str(empty)])
    page.click("#upload button[type=submit]")
    page.wait_for_selector("#upload-results li >> nth=2", timeout=120_000)
    items = page.locator("#upload-results li").all_inner_texts()
    assert items[0].startswith("ảnh-chụp.pdf: ") and "PNG" in items[0]
    assert items[1].startswith(SEED.name) and "đã có trong chỉ mục" in items[1]
    assert items[2].startswith("rỗng.txt: ") and "rỗng" in items[2]
