"""Digest (md/html/json), quality score and batch scoring from the CLI."""

import json
from datetime import date
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from cchc_nlp.cli import app
from cchc_nlp.digest import build_digest
from cchc_nlp.pipeline import analyse
from cchc_nlp.render.digest import render
from cchc_nlp.scoring import WEIGHTS, score
from conftest import ROOT

REPORTS = ROOT / "corpus" / "reports"
runner = CliRunner()


@pytest.fixture(scope="module")
def analysed():
    return {p.stem[:3]: analyse(p) for p in sorted(REPORTS.glob("*.txt"))}


def test_score_components_add_up_and_stay_in_range(analysed):
    assert sum(WEIGHTS.values()) == 100
    for a in analysed.values():
        s = score(a.report, a.paragraphs, a.citations, a.flags)
        assert 0 <= s.total <= 100
        assert s.total == pytest.approx(sum(s.components.values()), abs=0.2)
        for k, v in s.components.items():
            assert 0 <= v <= WEIGHTS[k]
        assert set(s.notes) == set(WEIGHTS)


def test_consistency_loses_points_per_flag_by_severity(analysed):
    from cchc_nlp.model import Evidence, Flag

    a = analysed["001"]
    base = score(a.report, a.paragraphs, a.citations, a.flags).components["consistency"]
    ev = (Evidence(0, 3, a.report.text[:3]),)
    high = a.flags + (Flag("impossible_date", "high", "x", ev),)
    low = a.flags + (Flag("unit_misspelt", "low", "x", ev),)
    outline = a.flags + (Flag("missing_appendix", "medium", "x", ev),)
    assert score(a.report, a.paragraphs, a.citations, high).components["consistency"] == max(0, base - 5)
    assert score(a.report, a.paragraphs, a.citations, low).components["consistency"] == max(0, base - 0.5)
    # outline gaps are counted under completeness, not consistency
    assert score(a.report, a.paragraphs, a.citations, outline).components["consistency"] == base


def test_digest_json_has_every_part(analysed):
    d = build_digest(analysed["002"])
    assert d["schema_version"] and d["unit"]["name"] == "Đắk Ha"
    assert [a["id"] for a in d["areas"]][0] == "chi_dao_dieu_hanh" and len(d["areas"]) == 7
    # flags come grouped by kind of problem, in FLAG_GROUPS' order, most severe first in a group
    from cchc_nlp.checks import FLAG_GROUPS

    order = [g for g, _, _ in FLAG_GROUPS] + ["other"]
    groups = [f["group"] for f in d["flags"]]
    assert groups == sorted(groups, key=order.index) and len(set(groups)) >= 3
    rank = {"high": 0, "medium": 1, "low": 2}
    for g in set(groups):
        sev = [rank[f["severity"]] for f in d["flags"] if f["group"] == g]
        assert sev == sorted(sev)
    assert {f["group_label"] for f in d["flags"]} >= {"Ngày tháng", "Văn bản được dẫn"}
    text = analysed["002"].report.text
    for a in d["areas"]:
        assert len(a["highlights"]) <= 4
        for h in a["highlights"]:
            assert h["text"] in text  # extractive: never rewritten
    assert {g["group"] for g in d["citations"]} <= {"central", "province", "district", "own"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.external = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for k, v in attrs:
            if k in ("src", "href") and v and v.startswith(("http", "//")):
                self.external.append(v)


def test_html_digest_is_self_contained_and_escapes_report_text(analysed, tmp_path):
    a = analysed["000"]
    d = build_digest(a)
    d["areas"][0]["highlights"] = [{"text": "<script>alert(1)</script> & «x»", "paragraph": 0,
                                    "probability": 1.0}]
    html = render(d, "html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    parser = _Collector()
    parser.feed(html)
    assert parser.tags[0] == "html" and "style" in parser.tags and not parser.external
    assert '<meta name="viewport"' in html  # readable on a phone


def test_markdown_digest_is_readable(analysed):
    md = render(build_digest(analysed["003"]), "md")
    assert md.startswith("# Tóm tắt báo cáo CCHC: Xã Quảng Phú")
    assert "## Văn bản được dẫn" in md and "## Điểm bất thường" in md


def test_score_cli_writes_one_row_per_report_and_a_row_for_a_failure(tmp_path):
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"MZ" + b"\x00" * 50)
    out = tmp_path / "diem.csv"
    result = runner.invoke(app, ["score", str(REPORTS / "001_7a29a15c01ae068e.txt"), str(bad),
                                 "--format", "csv", "-o", str(out)])
    assert result.exit_code == 1
    import pandas as pd

    frame = pd.read_csv(out)
    assert len(frame) == 2
    assert frame["error"].notna().sum() == 1
    assert "hong.pdf: không phải tệp PDF" in result.stderr


def test_digest_cli_writes_one_file_per_report(tmp_path):
    result = runner.invoke(app, ["digest", str(REPORTS), "--format", "json", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    files = sorted(tmp_path.glob("*.json"))
    assert len(files) == 5
    assert json.loads(files[0].read_text())["schema_version"]


def test_a_flag_in_a_paragraph_outside_any_numbered_section_names_only_the_paragraph(tmp_path):
    # corpus/web/y074 (a news item, no numbered section): its sum flag sits in the third
    # paragraph (index 2 in the JSON). A reviewer reads "(đoạn 3)", counted from 1, and no
    # "(mục ?, …)"; the anchor keeps the machine index.
    doc = REPORTS.parent / "web" / "y074_trung-tam-hanh-chinh-cong-binh-thuan-2024.txt"
    checked = runner.invoke(app, ["check", str(doc), "--format", "jsonl", "-o", str(tmp_path / "flags.jsonl")])
    assert checked.exit_code == 0, checked.output
    flags = [json.loads(x) for x in (tmp_path / "flags.jsonl").read_text("utf-8").splitlines()]
    flag = next(f for f in flags if f["id"] == "arithmetic_sum")
    assert flag["paragraph"] == 2 and flag["section"] is None
    for fmt in ("md", "html"):
        result = runner.invoke(app, ["digest", str(doc), "--format", fmt, "-o", str(tmp_path)])
        assert result.exit_code == 0, result.output
        text = next(p for p in tmp_path.glob(f"*.{fmt}") if p.name != "flags.jsonl").read_text("utf-8")
        assert "(đoạn 3)" in text and "mục ?" not in text
    html = next(tmp_path.glob("*.html")).read_text("utf-8")
    assert '<a href="#p-2">(đoạn 3)</a>' in html
    # the full text is an ordered list the browser counts from 1, paragraph 0 its first item
    assert '<ol class="fulltext"><li id="p-0">' in html
    table = runner.invoke(app, ["check", str(doc), "--format", "table"])
    assert "đoạn 3" in table.stdout and "đoạn 2" not in table.stdout


@pytest.mark.parametrize("fmt, reader", [("parquet", "read_parquet"), ("xlsx", "read_excel")])
def test_score_writes_spreadsheet_formats(tmp_path, fmt, reader):
    import pandas as pd

    out = tmp_path / f"diem.{fmt}"
    result = runner.invoke(app, ["score", str(REPORTS / "004_f580b31eeab4bf04.txt"),
                                 "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    frame = getattr(pd, reader)(out)
    assert list(frame["unit"]) == ["xã Tân Việt"] and 0 < frame["total"][0] <= 100


def test_binary_score_format_needs_an_output_file():
    result = runner.invoke(app, ["score", str(REPORTS), "--format", "parquet"])
    assert result.exit_code == 2 and "-o/--output" in result.stderr


def test_score_with_two_jobs_gives_the_same_rows_as_one():
    from cchc_nlp.batch import score_files

    files = sorted(REPORTS.glob("*.txt"))[:3]
    one, _ = score_files(files, jobs=1)
    two, _ = score_files(files, jobs=2)
    assert one[["file", "total"]].equals(two[["file", "total"]])


def test_a_plans_verdict_does_not_say_it_reports():
    from cchc_nlp.pipeline import analyse

    d = build_digest(analyse(ROOT / "corpus/extra/002_ke-hoach-cchc-2025-xa-long-phung-quang-ngai.txt"))
    assert d["verdict"].startswith("kế hoạch, không chấm điểm") and " đề cập " in d["verdict"]
    assert "báo cáo" not in d["verdict"]


@pytest.mark.parametrize("path, place", [
    # a commune of a province: the district's and the province's kind words from the gazetteer
    ("corpus/reports/000_46eead6140f5e907.txt", "Xã Hoằng Lưu, huyện Hoằng Hóa, tỉnh Thanh Hóa"),
    # a ward of a centrally-run city is not in a "tỉnh"
    ("corpus/dev3/docs/f007_tin-phuong-chanh-hiep-9-thang-2025-tphcm.txt", "Phường Chánh Hiệp, thành phố Hồ Chí Minh"),
    # a former province name (now the city of Huế) keeps no kind word rather than a wrong one
    ("corpus/reports/003_29ff7cf71591a7d7.txt", "Xã Quảng Phú, huyện Quảng Điền, Thừa Thiên Huế"),
    # a province's own plan does not name its province twice
    ("corpus/extra/018_ke-hoach-cchc-2014-tuyen-quang.txt", "Tỉnh Tuyên Quang"),
    # … nor does a body whose name ends on its province (corpus/web/y074)
    ("corpus/web/y074_trung-tam-hanh-chinh-cong-binh-thuan-2024.txt", "Trung tâm Hành chính công tỉnh Bình Thuận"),
])
def test_the_digest_names_the_unit_with_the_right_kind_words(path, place):
    md = render(build_digest(analyse(ROOT / path)), "md")
    assert f"- **Đơn vị:** {place}\n" in md


def test_reports_of_a_term_or_a_month_are_scored_on_time_by_their_last_day():
    # corpus/dev3/docs/f001: "Báo cáo … giữa nhiệm kỳ 2015 - 2020", dated 20/6/2018 (a KeyError
    # traceback before: the timeliness score knew no end for a term or a month)
    from cchc_nlp.periods import document_period, period_end

    result = CliRunner().invoke(app, ["score", str(ROOT / "corpus/dev3/docs/f001_bao-cao-so-ket-giua-nhiem-ky-2015-2020-xa-123docz.txt"),
                                      "--format", "csv"])
    assert result.exit_code == 0 and result.exception is None and "giai đoạn 2015 - 2020" in result.stdout
    assert str(period_end(document_period("giai đoạn 2015 - 2020"))) == "2020-12-31"
    assert str(period_end(document_period("tháng 2/2024"))) == "2024-02-29"
    assert period_end(document_period("KẾ HOẠCH CHUYỂN ĐỔI SỐ ĐẾN NĂM 2030", title=True)) == date(2030, 12, 31)
    assert str(period_end(document_period("quý II năm 2024"))) == "2024-06-30"


def test_the_digest_of_a_decree_names_its_kind_and_its_issuer_plainly():
    # corpus/web/x016: "CHÍNH PHỦ | …" / "Số: 04/NĐ-CP" / "VỀ VIỆC THÀNH LẬP THÀNH PHỐ HƯNG YÊN …"
    md = render(build_digest(analyse(ROOT / "corpus/web/x016_nd-04-2009-thanh-lap-thanh-pho-hung-yen.txt")), "md")
    assert md.startswith("# Tóm tắt văn bản CCHC: Chính phủ\n")  # not "khác", no stray space
    assert "**Tóm lại:** văn bản khác, không chấm điểm" in md
    assert "- **Đơn vị:** Chính phủ\n" in md  # the province it writes about is not its own
    assert "_Văn bản không có đoạn nào về lĩnh vực này._" in md


def test_a_city_run_by_the_centre_is_written_thanh_pho():
    # corpus/web/t002: a news item about Đà Nẵng (unit_kind "tinh") was headed "Tỉnh Đà Nẵng"
    from cchc_nlp.model import Meta

    assert Meta(unit_kind="tinh", unit_name="Đà Nẵng").unit_label == "thành phố Đà Nẵng"
    assert Meta(unit_kind="tinh", unit_name="Thanh Hóa").unit_label == "tỉnh Thanh Hóa"
    assert Meta(unit_kind="so", unit_name="Sở Nội vụ").unit_label == "Sở Nội vụ"


def test_a_unit_named_by_its_kind_alone_reads_so(tmp_path):
    # corpus/dev11/r005: a district's report that never writes its name ("UBND huyện đã ban
    # hành …"): "Huyện (không rõ tên)", not "Huyện ?"
    from cchc_nlp.model import Meta

    assert Meta(unit_kind="huyen").unit_label == "huyện (không rõ tên)" and Meta().unit_label == ""
    doc = ROOT / "corpus/dev11/docs/r005_bao-cao-ktxh-6-thang-2021-huyen-a-luoi.txt"
    result = runner.invoke(app, ["digest", str(doc), "--format", "md", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = (tmp_path / f"{doc.stem}.md").read_text("utf-8")
    assert text.startswith("# Tóm tắt báo cáo CCHC: Huyện (không rõ tên)\n") and "?" not in text.split("\n")[0]



def test_a_decision_has_areas_it_does_not_touch_not_areas_it_does_not_report(tmp_path):
    # corpus/dev19/n005: a provincial decision touches one area of seven; a decision reports
    # nothing, so the digest lists the others as "không đề cập", not "không báo cáo"
    doc = ROOT / "corpus/dev19/docs/n005_qd-216-2018-ke-hoach-chi-so-cchc-nghe-an.txt"
    for fmt in ("md", "html"):
        result = runner.invoke(app, ["digest", str(doc), "--format", fmt, "-o", str(tmp_path)])
        assert result.exit_code == 0, result.output
        text = (tmp_path / f"{doc.stem}.{fmt}").read_text("utf-8")
        assert "Lĩnh vực không đề cập:" in text and "không báo cáo" not in text
        assert "Cải cách tài chính công" in text.split("Lĩnh vực không đề cập:")[1]


def test_a_cited_document_reads_as_documents_cite_it(tmp_path):
    # corpus/dev19/n001: "Quyết định số 101/QĐ-TTG ngày 23/01/2017 của Thủ tướng Chính phủ",
    # number, date and issuer run on without commas, as in the plan's own bases
    doc = ROOT / "corpus/dev19/docs/n001_ke-hoach-155-2017-dang-ky-thong-ke-ho-tich-bac-ninh.txt"
    result = runner.invoke(app, ["digest", str(doc), "--format", "md", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = (tmp_path / f"{doc.stem}.md").read_text("utf-8")
    assert "- Quyết định số 101/QĐ-TTG ngày 23/01/2017 của Thủ tướng Chính phủ\n" in text
    assert "- Nghị định số 123/2015/NĐ-CP của Chính phủ\n" in text and ", của " not in text
    # a plan has no reporting period: its span is "Thời kỳ"
    assert "- **Thời kỳ:** giai đoạn 2017 - 2024\n" in text and "Kỳ báo cáo" not in text
