"""Checks on real report text: each flag carries evidence that slices the text."""

import pytest

from cchc_nlp.checks import check_dates, check_outline, check_period, check_unit_names, run_checks
from cchc_nlp.pipeline import analyse, citations_of, parse
from cchc_nlp.structure import build_report
from conftest import ROOT

REPORTS = ROOT / "corpus" / "reports"


def _report(body: str, title="Công tác cải cách hành chính 6 tháng đầu năm 2024"):
    text = f"BÁO CÁO\n{title}\nI. CÔNG TÁC CHỈ ĐẠO\n{body}"
    return build_report(text, file="x", sha256="", fmt="txt")


@pytest.fixture(scope="module")
def seed_flags():
    out = {}
    for path in sorted(REPORTS.glob("*.txt")):
        report = parse(path)
        out[path.stem[:3]] = (report, run_checks(report, citations_of(report)))
    return out


def test_every_flag_has_evidence_that_slices_the_text(seed_flags):
    for report, flags in seed_flags.values():
        for f in flags:
            assert f.evidence and f.message_vi
            for e in f.evidence:
                assert report.text[e.start:e.end] == e.quote


@pytest.mark.parametrize("seed, flag_id, quote", [
    ("002", "impossible_date", "32/05/2024"),
    ("002", "period_mismatch", "Trong 6 tháng đầu năm 2023"),  # a 2024 report
    ("002", "citation_type_code_mismatch", "Quyết định số 41/KH-UBND"),
    ("002", "citation_type_code_mismatch", "Kế hoạch số 15/QĐ-UBND"),
    ("002", "percentage_mismatch", "13/21 (76,5%"),  # 13/21 is 61,9 %
    ("002", "section_numbering", "1.1.1"),  # 1.1.1-1.1.3 again under 1.2
    ("002", "malformed_number", "21.5"),  # a point for the decimal comma
    ("001", "period_mismatch", "năm 2023"),  # "nhiệm vụ quý II năm 2023" closing quý I 2024
    ("001", "period_mismatch", "Kế hoạch số 22/KH-UBND"),  # a 2023 plan as a 2024 result
    ("002", "period_mismatch", "quý I"),  # a 6-month report's results headed "quý I"
    ("002", "report_date_implausible", "07/03/2024"),  # Q1 caption left on a 6-month report
    ("000", "period_mismatch", "năm 2023"),  # directions for 2024 name the 2023 plan
    ("004", "percentage_mismatch", ""),  # 148 % in the text, 148,8 % in the appendix
    ("002", "unit_misspelt", "xã Đắc Ha"),
    ("000", "unit_misspelt", "xã Hoàng Lưu"),  # official: Hoằng Lưu
    ("004", "citation_dated_after_report", "kế hoạch số 120/KH-UBND"),
    ("004", "section_numbering", "VI. Kiến nghị đề xuất."),  # IV then VI
])
def test_real_slips_in_the_seeds_are_flagged(seed_flags, seed, flag_id, quote):
    _, flags = seed_flags[seed]
    assert any(f.id == flag_id and any(e.quote.startswith(quote) for e in f.evidence)
               for f in flags), [(f.id, f.evidence[0].quote) for f in flags]


def test_a_secondment_to_another_commune_is_not_copied_text(seed_flags):
    # "biệt phái đến công tác tại Ủy ban nhân dân xã Quảng Khê" is a fact, not a slip
    _, flags = seed_flags["002"]
    assert not [f for f in flags if f.id == "other_unit_named"]


def test_checks_meet_the_measured_floor_against_the_gold():
    from cchc_nlp.evaluation.checks import evaluate

    r = evaluate()
    # measured 2026-11-23: recall 41/51 = 0.804, precision 50/51 = 0.980 (a development
    # figure: the checks were extended after reading the misses; first run 0.510 / 0.879).
    # 2026-12-06: recall 42/51; precision 51/54 over the kinds this older reading
    # annotates (blank rows and repeated sentences, flagged since, are not among them)
    assert r["covered_precision"] >= 0.90 and r["recall"] >= 0.80


def test_checks_meet_the_issue_targets_on_the_fresh_reading():
    from cchc_nlp.evaluation.checks import evaluate

    r = evaluate(gold_set="fresh")
    # measured 2026-12-06 (a development figure, FLAGS_FRESH_GUIDELINES.md's log):
    # recall 47/58 = 0.810, precision 60/65 = 0.923 over the kinds the reading annotates
    assert r["recall"] >= 0.80 and r["covered_precision"] >= 0.90
    for kind in ("contradiction", "duplicate", "copied_text", "missing_content", "multi_row_sum",
                 "narrative_appendix_mismatch"):
        assert r["found"][kind] / r["total"][kind] >= 0.60, kind


def test_report_without_text_slips_is_flagged_only_for_its_figures(seed_flags):
    _, flags = seed_flags["003"]
    assert {f.id for f in flags} <= {"missing_date", "missing_number", "area_not_reported",
                                     "arithmetic_sum", "inconsistent_count", "percentage_mismatch",
                                     "narrative_appendix_mismatch", "malformed_number", "missing_content"}


@pytest.mark.parametrize("seed, flag_id, quote", [
    # the narrative says 433 resolved, the appendix 434
    ("001", "narrative_appendix_mismatch", "Số lượng hồ sơ đã giải quyết: 433"),
    ("001", "percentage_mismatch", "Tỷ lệ hoàn thành kế hoạch CCHC"),  # 6 done of 2 planned, 33,3 %
    ("004", "malformed_number", "3.000.000.0000"),
    ("004", "arithmetic_sum", ""),  # 12 carried over + 3.996 new != 4.001 received
    ("000", "arithmetic_sum", "Số lượng hồ sơ đã tiếp nhận"),  # channels 0+5+239+198 != 531
    ("000", "contradiction", "Tỷ lệ văn bản được gửi hoàn toàn"),  # exclusive shares 100% + 100%
    ("000", "inconsistent_count", "Tổng số TTHC đang áp dụng"),  # 139 + 62 online of 193 procedures
    ("000", "inconsistent_count", "Tổng số biên chế được giao"),  # 18 in post, 0 posts assigned
    ("004", "contradiction", "Thủ tục hành chính thẩm quyền"),  # 136 at the one-stop desk, 122 in all
    ("003", "narrative_appendix_mismatch", ""),  # 30 tasks planned in the text, 19 in the table
])
def test_figures_that_do_not_add_up_are_flagged(seed_flags, seed, flag_id, quote):
    report, flags = seed_flags[seed]
    hits = [f for f in flags if f.id == flag_id]
    assert hits and any(e.quote.startswith(quote) for f in hits for e in f.evidence)
    for f in hits:
        assert len(f.evidence) >= 1 and all(report.text[e.start:e.end] == e.quote for e in f.evidence)


def test_rate_rounding_within_tolerance_is_not_flagged():
    from decimal import Decimal

    from cchc_nlp.checks import PERCENT_TOLERANCE, _same_rounded

    assert PERCENT_TOLERANCE == Decimal("0.1")
    assert _same_rounded(Decimal("148"), Decimal("148.8"))  # "148%" in the text
    assert not _same_rounded(Decimal("433"), Decimal("434"))


def test_budget_over_its_estimate_is_not_an_impossible_rate(seed_flags):
    _, flags = seed_flags["004"]
    assert not [f for f in flags if f.id == "rate_over_100"]  # 168 % of the revenue estimate


@pytest.mark.parametrize("sentence, flagged", [
    ("Trong 6 tháng đầu năm 2023, UBND xã đã tiếp nhận 10 hồ sơ.", True),
    ("Trong 6 tháng đầu năm 2024, UBND xã đã tiếp nhận 10 hồ sơ.", False),
    ("Trong quý I năm 2022 không phát sinh hồ sơ.", True),
    ("So với năm 2023, số hồ sơ tăng 10%.", False),  # a comparison, not a period
])
def test_period_named_as_current_must_be_the_reports(sentence, flagged):
    flags = check_period(_report(sentence))
    assert bool(flags) is flagged


@pytest.mark.parametrize("text, ids", [
    ("Ngày 31/02/2024 UBND xã tổ chức hội nghị.", ["impossible_date"]),
    ("Ngày 29/02/2024 UBND xã tổ chức hội nghị.", []),  # a leap year
    ("Ngày 15/13/2024 UBND xã tổ chức hội nghị.", ["impossible_date"]),
])
def test_impossible_dates(text, ids):
    assert [f.id for f in check_dates(_report(text))] == ids


def test_another_commune_as_reporting_unit_is_flagged_and_own_spellings_grouped():
    text = ("BÁO CÁO\nKết quả CCHC quý I năm 2024\nI. CHỈ ĐẠO\n"
            "UBND xã Định Biên đã ban hành kế hoạch. UBND xã Định Biên tổ chức hội nghị.\n"
            "UBND xã Phú Đình báo cáo kết quả như sau.\nxã Đinh Biên tiếp nhận hồ sơ.")
    report = build_report(text, file="x", sha256="", fmt="txt")
    flags = {f.id: f for f in check_unit_names(report)}
    assert report.meta.unit_name == "Định Biên"
    assert "other_unit_named" in flags and flags["other_unit_named"].evidence[0].quote == "xã Phú Đình"


def test_outline_flags_point_somewhere_clickable():
    report = _report("UBND xã đã ban hành kế hoạch.")
    flags = check_outline(report, {"tthc"})
    ids = {f.id for f in flags}
    assert {"missing_appendix", "missing_signature", "missing_sections", "area_not_reported"} <= ids
    assert all(f.evidence[0].quote for f in flags)


def test_analyse_sorts_flags_most_severe_first():
    flags = analyse(REPORTS / "002_99a9c136d6925e8d.txt").flags
    order = {"high": 0, "medium": 1, "low": 2}
    assert [order[f.severity] for f in flags] == sorted(order[f.severity] for f in flags)
    assert flags[0].id == "impossible_date"


def test_a_sentence_written_twice_in_one_section_is_flagged_with_both_places():
    from cchc_nlp.checks import check_duplicates
    from cchc_nlp.pipeline import parse

    report = parse(ROOT / "corpus" / "reports" / "000_46eead6140f5e907.txt")
    [flag] = check_duplicates(report)
    assert flag.id == "duplicate_text" and flag.severity == "medium"
    first, second = flag.evidence
    assert first.start < second.start
    # the two copies differ only by a comma ("khen thưởng, kỷ luật" / "khen thưởng kỷ luật")
    assert "khen thưởng, kỷ luật" in first.quote and "khen thưởng kỷ luật" in second.quote
    assert "hai lần trong mục II.4" in flag.message_vi


def test_the_same_formula_under_two_sections_or_in_a_news_item_is_not_a_duplicate():
    from cchc_nlp.checks import check_duplicates
    from cchc_nlp.structure import build_report

    formula = "Qua kiểm tra không phát hiện văn bản nào có sai sót về nội dung và thể thức trình bày."
    text = (f"BÁO CÁO\nKết quả kiểm tra văn bản năm 2023\nI. NGHỊ QUYẾT\n{formula}\n"
            f"II. QUYẾT ĐỊNH\n{formula}\n")
    assert check_duplicates(build_report(text, file="x", sha256="0", fmt="txt")) == []
    twice = text.replace("II. QUYẾT ĐỊNH\n", "")
    assert [f.id for f in check_duplicates(build_report(twice, file="x", sha256="0", fmt="txt"))] == ["duplicate_text"]


def test_a_lower_number_dated_later_in_one_series_is_flagged():
    # seed 002: Kế hoạch số 24/KH-UBND of 31/01/2024 after số 26/KH-UBND of 26/01/2024
    from cchc_nlp.checks import check_citation_series

    report = parse(ROOT / "corpus" / "reports" / "002_99a9c136d6925e8d.txt")
    flags = [f for f in check_citation_series(report, citations_of(report)) if f.id == "citation_out_of_order"]
    assert [(f.evidence[0].quote, f.evidence[1].quote) for f in flags] == [
        ("Kế hoạch số 24/KH-UBND", "Kế hoạch số 26/KH-UBND")]
    assert "31/01/2024" in flags[0].message_vi and "26/01/2024" in flags[0].message_vi


def test_one_document_written_two_ways_in_a_paragraph_is_flagged():
    # corpus/web/x002: "Quyết định 25/QĐ-TTg ngày 22/7/2021" and "Quyết định số 25/2021/QĐ-TTg"
    from cchc_nlp.checks import check_citation_series

    report = parse(ROOT / "corpus" / "web" / "x002_bao-cao-chuan-tiep-can-phap-luat-2023-phuong-long-anh.txt")
    [flag] = [f for f in check_citation_series(report, citations_of(report)) if f.id == "citation_two_forms"]
    assert [e.quote for e in flag.evidence] == ["Quyết định 25/QĐ-TTg", "Quyết định số 25/2021/QĐ-TTg"]


def test_blank_appendix_rows_are_one_missing_content_flag_listing_them(seed_flags):
    report, flags = seed_flags["003"]
    hits = [f for f in flags if f.id == "missing_content"]
    assert len(hits) == 1 and hits[0].severity == "low"
    quotes = [e.quote for e in hits[0].evidence]
    assert quotes[0].startswith("Tỷ lệ hoàn thành Kế hoạch CCHC năm")  # gold: the rate cell is blank
    assert "Phụ lục để trống" in hits[0].message_vi
    # a row that gives its figure is never listed
    assert not any(q.startswith("Tổng số TTHC đang có hiệu lực") for q in quotes)


def test_a_plan_is_not_asked_to_fill_a_report_form():
    plan = parse(ROOT / "corpus/extra/002_ke-hoach-cchc-2025-xa-long-phung-quang-ngai.txt")
    assert plan.meta.kind == "ke_hoach"
    assert not [f for f in run_checks(plan, citations_of(plan)) if f.id == "missing_content"]


def test_a_numbered_section_left_empty_is_missing_content():
    report = _report("1. Công tác kế hoạch\nUBND xã ban hành Kế hoạch số 05/KH-UBND ngày 10/01/2024.\n"
                     "2. Công tác kiểm tra\n3. Công tác tuyên truyền\nTổ chức 3 buổi tuyên truyền tại thôn.")
    hits = [f for f in run_checks(report, citations_of(report)) if f.id == "missing_content"]
    assert [f.evidence[0].quote for f in hits] == ["2. Công tác kiểm tra"]


@pytest.mark.parametrize("second, flagged", [
    ("Tổng số TTHC thuộc thẩm quyền giải quyết của UBND xã là 130 thủ tục.", True),
    ("Tổng số TTHC thuộc thẩm quyền giải quyết của UBND xã là 122 thủ tục.", False),
    ("Tổng số TTHC thuộc thẩm quyền giải quyết của UBND xã (bao gồm cả TTHC của cơ quan ngành dọc) "
     "là 130 thủ tục.", False),
])
def test_one_count_stated_twice_with_two_values_is_a_contradiction(second, flagged):
    report = _report("Tổng số TTHC thuộc thẩm quyền giải quyết của UBND xã là 122 thủ tục thuộc 33 lĩnh vực.\n"
                     "Bộ phận một cửa hoạt động đúng quy chế.\n" + second)
    hits = [f for f in run_checks(report, citations_of(report)) if f.id == "contradiction"]
    assert bool(hits) is flagged
    if flagged:
        assert [e.quote[-11:] for e in hits[0].evidence] == ["122 thủ tục", "130 thủ tục"]


def test_one_document_cited_for_two_years_is_copied_text():
    path = ROOT / "corpus/extra/067_bao-cao-cchc-quy-1-2025-xa-dung-knho-lam-dong.txt"
    a = analyse(path)
    hits = [f for f in a.flags if f.id == "copied_text"]
    assert len(hits) == 1 and "năm 2024 có thể còn sót" in hits[0].message_vi
    assert [e.quote for e in hits[0].evidence] == ["Kế hoạch số 11/KH-UBND", "kế hoạch số 11/KH-UBND"]


def test_an_overdue_share_that_does_not_match_its_counts_is_flagged():
    a = analyse(ROOT / "corpus/blind/docs/c011_kiem-soat-tthc-quy-2-2020-kien-giang.txt")
    hits = [f for f in a.flags if f.id == "percentage_mismatch"]
    assert hits and "1.481/5.998 = 24,7%" in hits[0].message_vi


def test_each_missing_area_is_its_own_flag():
    # corpus/dev13/docs/s006 (a commune's socio-economic report, no CCHC area): seven
    # "no paragraph on area X" flags share their evidence; the de-duplication kept only the
    # first before
    from cchc_nlp.checks import unique_flags
    from cchc_nlp.pipeline import analyse

    path = next((ROOT / "corpus" / "dev13" / "docs").glob("s006_*.txt"))
    missing = [f for f in unique_flags(analyse(path).flags) if f.id == "area_not_reported"]
    assert len(missing) == 7 and len({f.message_vi for f in missing}) == 7


def test_a_heading_at_the_cut_off_end_of_an_unsigned_excerpt_is_not_missing_content():
    # corpus/dev11/docs/r004 is a stored page's opening: it stops at "1. TÌNH HÌNH PHÁT TRIỂN KINH T"
    path = next((ROOT / "corpus" / "dev11" / "docs").glob("r004_*.txt"))
    assert not [f for f in analyse(path).flags if f.id == "missing_content"]
    # a numbered section with nothing under it before the signature is still flagged
    text = ("ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP\nSố: 12/BC-UBND\nTân Lập, ngày 20 tháng 6 năm 2024\nBÁO CÁO\n"
            "Kết quả công tác cải cách hành chính 6 tháng đầu năm 2024\n"
            "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH\nUBND xã ban hành Kế hoạch số 05/KH-UBND về cải cách hành chính.\n"
            "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An\n")
    report = build_report(text, file="x.txt", sha256="", fmt="txt")
    from cchc_nlp.checks import check_missing_content

    assert [f.id for f in check_missing_content(report, [])] == ["missing_content"]
