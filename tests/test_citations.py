"""Cited documents: extraction, identity, queries, robustness, and the gold scores."""

from __future__ import annotations

import doctest
import random
from datetime import date

import pytest

from cchc_nlp import citations as citations_module
from cchc_nlp.citations import (
    PROBLEM_MESSAGES,
    TYPE_IDS,
    citation_key,
    find_citations,
    is_central,
    parse_query,
)
from cchc_nlp.config import corpus_dir
from cchc_nlp.evaluation.citations import evaluate, format_table, normalise_whitespace

SEEDS = corpus_dir() / "reports"
GOLD = corpus_dir() / "gold" / "citations.jsonl"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir() or not GOLD.is_file(), reason="seed corpus not present")


def only(text: str, **kw):
    """The one citation in ``text``, after checking its span slices back."""
    found = find_citations(text, **kw)
    assert len(found) == 1, found
    [c] = found
    assert text[c.start : c.end] == c.surface
    return c


# ---------------------------------------------------------------------------
# Real strings from the seeds, exact offsets
# ---------------------------------------------------------------------------

D = date


@pytest.mark.parametrize(
    "text, start, surface, type_, canonical, when, issuer",
    [
        ("Thực hiện Quyết định số 5272/QĐ-UBND ngày 29/12/2023 của Chủ tịch UBND huyện Hoằng Hóa về ban hành Kế hoạch",
         10, "Quyết định số 5272/QĐ-UBND", "quyet_dinh", "5272/QĐ-UBND", D(2023, 12, 29), "Chủ tịch UBND huyện Hoằng Hóa"),
        # date after a comma
        ("theo hướng dẫn tại Nghị định số 30/2020/NĐ-CP, ngày 5/3/2020 .",
         19, "Nghị định số 30/2020/NĐ-CP", "nghi_dinh", "30/2020/NĐ-CP", D(2020, 3, 5), None),
        ("UBND xã ban hành Kế hoạch số 22/KH-UBND ngày 18/01/2023về Rà soát \n\nthủ tục hành chính năm 2023.",
         17, "Kế hoạch số 22/KH-UBND", "ke_hoach", "22/KH-UBND", D(2023, 1, 18), None),
        # PDF text: a blank line between the code and "của", issuer in lower case as written
        ("kinh phí quản lý hành chính theo Nghị định số 117/2013/NĐ-CP \n\ncủa chính phủ quy định chế độ tự chủ",
         33, "Nghị định số 117/2013/NĐ-CP", "nghi_dinh", "117/2013/NĐ-CP", None, "chính phủ"),
        ("Thực hiện Công văn số 126/UBND- NV  ngày 06/3/2023 của Ủy ban nhân dân \nhuyện Thanh Hà về thực hiện",
         10, "Công văn số 126/UBND- NV", "cong_van", "126/UBND-NV", D(2023, 3, 6), "Ủy ban nhân dân huyện Thanh Hà"),
        # line break between "số" and the number
        ("giai đoạn 2021-2030; Kế hoạch số \n4347/KH-UBND ngày 25/11/2021 của UBND tỉnh Hải Dương về thực hiện",
         21, "Kế hoạch số \n4347/KH-UBND", "ke_hoach", "4347/KH-UBND", D(2021, 11, 25), "UBND tỉnh Hải Dương"),
        ("trên địa bàn tỉnh; Kế hoạch số 1039/KH-\nUBND ngày 03/12/2021 của UBND huyện Thanh Hà về thực hiện",
         19, "Kế hoạch số 1039/KH-\nUBND", "ke_hoach", "1039/KH-UBND", D(2021, 12, 3), "UBND huyện Thanh Hà"),
        # line break inside the code
        ("theo hướng dẫn tại Nghị định số 30/2020/NĐ-\nCP ngày 05/3/2020 của Chính Phủ về công tác Văn thư",
         19, "Nghị định số 30/2020/NĐ-\nCP", "nghi_dinh", "30/2020/NĐ-CP", D(2020, 3, 5), "Chính Phủ"),
        ("Thực hiện Chỉ thị số 05/CT-UBND ngày 18 tháng 5 năm 2022 của Chủ tịch UBND huyện tăng cường kỷ cương",
         10, "Chỉ thị số 05/CT-UBND", "chi_thi", "05/CT-UBND", D(2022, 5, 18), "Chủ tịch UBND huyện"),
        # a code with no type part: a công văn
        ("đạo đức công vụ; Công văn số 179/UBND ngày 08/02/2023 về đẩy mạnh kỷ cương",
         17, "Công văn số 179/UBND", "cong_van", "179/UBND", D(2023, 2, 8), None),
        ("Thực hiện cơ chế tự chủ theo nghị định 130/2005/NĐ-CP, UBND xã đã ban hành",
         29, "nghị định 130/2005/NĐ-CP", "nghi_dinh", "130/2005/NĐ-CP", None, None),
        ("và Nghị quyết số 06/2020/NQ-HĐND ngày 14/7/2020 của HĐND tỉnh Thừa Thiên Huế quy định chức danh",
         3, "Nghị quyết số 06/2020/NQ-HĐND", "nghi_quyet", "06/2020/NQ-HĐND", D(2020, 7, 14), "HĐND tỉnh Thừa Thiên Huế"),
        ("năm 2023 và thông báo số 70/TB-UBND ngày 05/6/2023 về Lịch làm việc",
         12, "thông báo số 70/TB-UBND", "thong_bao", "70/TB-UBND", D(2023, 6, 5), None),
        # the subject starts with a capital: the issuer still stops at "Chính phủ"
        ("thực hiện nghiêm túc Nghị định số 34/2019/NĐ-CP ngày 24/04/2019 của Chính phủ Sửa đổi, bổ sung",
         21, "Nghị định số 34/2019/NĐ-CP", "nghi_dinh", "34/2019/NĐ-CP", D(2019, 4, 24), "Chính phủ"),
        ("Kế hoạch thực hiện Nghị quyết số 18- NQ/TW Hội \n\nnghị lần thứ sáu BCH Trung ương khóa XII",
         19, "Nghị quyết số 18- NQ/TW", "nghi_quyet", "18-NQ/TW", None, None),
        # codes are not corrected beyond spacing: "KH-UB" stays
        ("Ban hành kế hoạch số 27/KH-UB ngày 26/01/2024 về việc theo dõi thi hành pháp luật",
         9, "kế hoạch số 27/KH-UB", "ke_hoach", "27/KH-UB", D(2024, 1, 26), None),
        ("đúng quy định tại Nghị định 61/2018/NĐ-CP ngày 23/4/2018: ",
         18, "Nghị định 61/2018/NĐ-CP", "nghi_dinh", "61/2018/NĐ-CP", D(2018, 4, 23), None),
    ],
)  # fmt: skip
def test_seed_citation_is_found_with_exact_span_and_fields(text, start, surface, type_, canonical, when, issuer):
    c = only(text)
    assert (c.start, c.end, c.surface) == (start, start + len(surface), surface)
    assert (c.type, c.canonical, c.date, c.issuer) == (type_, canonical, when, issuer)


def test_type_word_disagreeing_with_code_keeps_the_word_and_is_flagged():
    # 002: "Kế hoạch số 15/QĐ-UBND", "Quyết định số 41/KH-UBND"
    a = only("Ban hành Kế hoạch số 15/QĐ-UBND ngày 11/01/2024 về việc ban hành Quyết định")
    b = only("Quyết định số 41/KH-UBND ngày 07/3/2024 về việc ban hành Kế hoạch chống lãng phí")
    assert (a.type, a.problems) == ("ke_hoach", ("type_code_mismatch",))
    assert (b.type, b.problems) == ("quyet_dinh", ("type_code_mismatch",))
    assert "type_code_mismatch" in PROBLEM_MESSAGES


# ---------------------------------------------------------------------------
# Every form
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, type_, canonical",
    [
        ("Luật số 80/2015/QH13", "luat", "80/2015/QH13"),
        ("Bộ luật Lao động số 45/2019/QH14", "bo_luat", "45/2019/QH14"),  # named before its number
        ("Hiến pháp năm 2013", "hien_phap", "Hiến pháp 2013"),
        ("Nghị quyết số 02/2022/NQ-HĐND", "nghi_quyet", "02/2022/NQ-HĐND"),
        ("Nghị quyết liên tịch số 09/2008/NQLT-CP-UBTWMTTQVN", "nghi_quyet_lien_tich", "09/2008/NQLT-CP-UBTWMTTQVN"),
        ("Nghị định số 34/2016/NĐ-CP", "nghi_dinh", "34/2016/NĐ-CP"),
        ("Quyết định số 139/QĐ-UBND", "quyet_dinh", "139/QĐ-UBND"),
        ("Chỉ thị số 05/CT-UBND", "chi_thi", "05/CT-UBND"),
        ("Thông tư số 01/2023/TT-BNV", "thong_tu", "01/2023/TT-BNV"),
        ("Thông tư liên tịch số 01/2015/TTLT-BNV-BTC", "thong_tu_lien_tich", "01/2015/TTLT-BNV-BTC"),
        ("Kế hoạch số 02/KH-UBND", "ke_hoach", "02/KH-UBND"),
        ("Công văn số 126/UBND-NV", "cong_van", "126/UBND-NV"),
        ("Thông báo số 70/TB-UBND", "thong_bao", "70/TB-UBND"),
        ("Báo cáo số 12/BC-UBND", "bao_cao", "12/BC-UBND"),
        ("Hướng dẫn số 03/HD-SNV", "huong_dan", "03/HD-SNV"),
        ("Tờ trình số 1494/TTr-SNV", "to_trinh", "1494/TTr-SNV"),
        ("Kết luận số 14-KL/TW", "ket_luan", "14-KL/TW"),
        ("Đề án số 01/ĐA-UBND", "de_an", "01/ĐA-UBND"),
        ("Chương trình số 01-CTr/ĐU", "chuong_trinh", "01-CTr/ĐU"),
        ("Quy chế số 01/QC-UBND", "quy_che", "01/QC-UBND"),
        ("Qui chế số 3/QC-UBND", "quy_che", "3/QC-UBND"),  # old spelling
        ("Quy định số 02/QyĐ-UBND", "quy_dinh", "02/QyĐ-UBND"),
        ("Quy định số 205-QĐ/TW", "quy_dinh", "205-QĐ/TW"),  # Party "Quy định" is coded QĐ
        ("NGHỊ ĐỊNH SỐ 61/2018/NĐ-CP", "nghi_dinh", "61/2018/NĐ-CP"),
        ("nghị quyết 76/NQ-CP", "nghi_quyet", "76/NQ-CP"),
        ("KH số 02/KH-UBND", "ke_hoach", "02/KH-UBND"),  # abbreviated type word
        ("Văn bản số 160/SNV-CCHC", "cong_van", "160/SNV-CCHC"),  # generic word: type from the code
        ("Chương trình hành động số 16-CTr/TU", "chuong_trinh", "16-CTr/TU"),
        ("Báo cáo thẩm định số 18/BCTĐ-STP", "bao_cao", "18/BCTĐ-STP"),
    ],
)
def test_every_type_word_is_recognised(text, type_, canonical):
    c = only(text)
    assert (c.type, c.canonical) == (type_, canonical)
    assert c.type in TYPE_IDS


@pytest.mark.parametrize(
    "text, canonical",
    [
        ("Nghị định số 30/2020/NĐ- CP", "30/2020/NĐ-CP"),
        ("Nghị định số\n34/2016/NĐ-CP", "34/2016/NĐ-CP"),
        ("Kế hoạch số \n4347/KH-\nUBND", "4347/KH-UBND"),
        ("Công văn số 126/UBND- NV", "126/UBND-NV"),
        ("Quyết định số 12 / QĐ - UBND", "12/QĐ-UBND"),
        ("Quyết định số 12/QĐ–UBND", "12/QĐ-UBND"),  # en dash from Word
        ("Nghị định số 61/2018/NĐCP", "61/2018/NĐ-CP"),  # hyphen lost in PDF extraction
        ("Quyết định số 5/2019/QĐUBND", "5/2019/QĐ-UBND"),
        ("Công văn số 2231/SNV-CCHC&PC", "2231/SNV-CCHC&PC"),
        ("Nghị định số 61/2018/NĐ-CPngày 23/4/2018", "61/2018/NĐ-CP"),  # glued to the next word
    ],
)
def test_canonical_survives_broken_spacing(text, canonical):
    assert only(text).canonical == canonical


@pytest.mark.parametrize(
    "text, type_, canonical",
    [
        ("theo số 126/UBND-NV của UBND huyện", "cong_van", "126/UBND-NV"),
        ("theo 61/2018/NĐ-CP", "nghi_dinh", "61/2018/NĐ-CP"),
        ("số 05/KH-UBND", "ke_hoach", "05/KH-UBND"),
        ("số 01/2023/TT-BNV", "thong_tu", "01/2023/TT-BNV"),
        ("số 01/2015/TTLT-BNV-BTC", "thong_tu_lien_tich", "01/2015/TTLT-BNV-BTC"),
        ("số 09/2008/NQLT-CP-UBTWMTTQVN", "nghi_quyet_lien_tich", "09/2008/NQLT-CP-UBTWMTTQVN"),
        ("số 10/TTr-UBND", "to_trinh", "10/TTr-UBND"),
        ("số 1847/QĐ-TTg", "quyet_dinh", "1847/QĐ-TTg"),
        ("số 123/TTg-KGVX", "cong_van", "123/TTg-KGVX"),  # the Prime Minister's công văn
        ("theo 05-CT/TW", "chi_thi", "05-CT/TW"),
        ("số 80/2015/QH13", "unknown", "80/2015/QH13"),  # a law or a resolution: the code cannot tell
    ],
)
def test_bare_code_is_typed_from_its_code(text, type_, canonical):
    c = only(text)
    assert (c.type, c.canonical, c.type_word) == (type_, canonical, None)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "UBND xã đã ban hành Kế hoạch cải cách hành chính năm 2024",  # type word, no number
        "Luật cán bộ, công chức; Quy chế dân chủ trong hoạt động của cơ quan, Luật phòng chống tham nhũng;",
        "Tỷ lệ kết quả thực hiện số hóa hồ sơ đạt : 3.996/4.001 = 99,8%",
        "đạt chuẩn chức danh theo quy định 21/25 người. Trình độ 12/12",
        "hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001:2015",
        "(số liệu tính từ ngày 05/12/2023 đến ngày 04/6/2024)",
        "chi ngân sách xã tính đến ngày 32/05/2024 thực hiện",
        "Có 3/HS hồ sơ, theo 5/TTHC",  # letters after a slash that are not a document code
        "theo quy định của pháp luật năm 2023",
        "https://dvc.thainguyen.gov.vn/",
        "Số: ……./ BC - UBND",
        "(Kèm theo Báo cáo số /BC-UBND ngày 07/03/2024 của UBND xã Đắk Hà)",
    ],
)
def test_text_without_a_citation_yields_nothing(text):
    assert find_citations(text) == []


@pytest.mark.parametrize(
    "text, canonical, type_",
    [
        ("Nghị quyết số 18-NQ/TW", "18-NQ/TW", "nghi_quyet"),
        ("Chỉ thị 05-CT/TW", "05-CT/TW", "chi_thi"),
        ("Chương trình số 01-CTr/ĐU", "01-CTr/ĐU", "chuong_trinh"),
        ("Nghị quyết số 18- NQ/TW", "18-NQ/TW", "nghi_quyet"),  # 004
        ("Hướng dẫn số 25-HD/BTGTW", "25-HD/BTGTW", "huong_dan"),
    ],
)
def test_party_documents_keep_their_form(text, canonical, type_):
    c = only(text)
    assert (c.canonical, c.type, c.code, c.number) == (canonical, type_, canonical.split("-", 1)[1], canonical.split("-")[0])


def test_list_sharing_one_type_word_gives_one_citation_each():
    text = "các Quyết định số 01/QĐ-UBND, 02/QĐ-UBND và 03/QĐ-UBND của UBND xã"
    cs = find_citations(text)
    assert [(c.start, c.end, c.surface) for c in cs] == [
        (4, 28, "Quyết định số 01/QĐ-UBND"),
        (30, 40, "02/QĐ-UBND"),
        (44, 54, "03/QĐ-UBND"),
    ]
    assert {c.type for c in cs} == {"quyet_dinh"}
    assert [c.issuer for c in cs] == ["UBND xã"] * 3  # one "của …" after the list covers all


def test_list_members_keep_their_own_dates():
    text = "các Kế hoạch số 01/KH-UBND ngày 02/01/2024; số 02/KH-UBND ngày 03/01/2024 và 03/KH-UBND"
    cs = find_citations(text)
    assert [(c.canonical, c.type, c.date) for c in cs] == [
        ("01/KH-UBND", "ke_hoach", D(2024, 1, 2)),
        ("02/KH-UBND", "ke_hoach", D(2024, 1, 3)),
        ("03/KH-UBND", "ke_hoach", None),
    ]


def test_list_member_whose_code_says_another_type_is_not_inherited():
    cs = find_citations("các Quyết định số 01/QĐ-UBND, 02/KH-UBND")
    assert [(c.type, c.problems) for c in cs] == [("quyet_dinh", ()), ("ke_hoach", ())]


def test_one_issuer_after_a_pair_covers_both_when_same_body():
    # 002
    text = "Nghị định số 34/2016/NĐ-CP và Nghị định số 154/2020/NĐ-CP của Chính phủ trong quá trình"
    assert [c.issuer for c in find_citations(text)] == ["Chính phủ", "Chính phủ"]
    # different bodies: the issuer is not shared
    text = "Quyết định số 12/QĐ-UBND và Nghị định số 154/2020/NĐ-CP của Chính phủ"
    assert [c.issuer for c in find_citations(text)] == [None, "Chính phủ"]


@pytest.mark.parametrize(
    "text, when, date_text",
    [
        ("Nghị định số 61/2018/NĐ-CP ngày 23/4/2018", D(2018, 4, 23), "23/4/2018"),
        ("Kế hoạch số 02/KH-UBND ngày 05/01/2024", D(2024, 1, 5), "05/01/2024"),
        ("Nghị định số 34/2016/NĐ-CP ngày 14 tháng 5 năm 2016", D(2016, 5, 14), "14 tháng 5 năm 2016"),
        ("Nghị định số 30/2020/NĐ-CP, ngày 5/3/2020", D(2020, 3, 5), "5/3/2020"),  # after a comma
        ("Kế hoạch số 22/KH-UBND ngày 18/01/2023về Rà soát", D(2023, 1, 18), "18/01/2023"),  # glued
        ("Quyết định số 12/QĐ-UBND ngày 1-2-2023", D(2023, 2, 1), "1-2-2023"),
        ("Quyết định số 12/QĐ-UBND ngày 05.3.2020", D(2020, 3, 5), "05.3.2020"),
        ("Kế hoạch số 48/KH-UBND ngày \n31/12/2022 về", D(2022, 12, 31), "31/12/2022"),
        ("Quyết định số 135/2006/QĐ-UBND, ngày 20 tháng 12 năm 2006", D(2006, 12, 20), "20 tháng 12 năm 2006"),
        ("Kế hoạch số 02/KH-UBND (05/01/2024)", D(2024, 1, 5), "05/01/2024"),
        ("Kế hoạch số 02/KH-UBND về tuyên truyền", None, None),
    ],
)
def test_date_is_read_in_every_written_form(text, when, date_text):
    c = find_citations(text)[0]
    assert (c.date, c.date_text) == (when, date_text)


def test_impossible_date_is_kept_as_text_and_flagged():
    c = only("Quyết định số 12/QĐ-UBND ngày 32/05/2024 về")
    assert (c.date, c.date_text, c.problems) == (None, "32/05/2024", ("invalid_date",))
    c = only("Kế hoạch số 3/KH-UBND ngày 29/02/2023")  # 2023 is not a leap year
    assert c.problems == ("invalid_date",)


def test_year_in_number_disagreeing_with_date_is_flagged():
    assert only("Quyết định số 12/2023/QĐ-UBND ngày 05/01/2024").problems == ("year_mismatch",)
    assert only("Quyết định số 12/2024/QĐ-UBND ngày 05/01/2024").problems == ()


def test_document_dated_after_the_report_is_flagged_only_with_a_report_date():
    # 004: a plan dated 21/12/2023 cited in a report dated 11/12/2023
    text = "căn cứ vào kế hoạch số 120/KH-UBND ngày 21/12/2023 của UBND huyện về cải cách hành chính"
    assert only(text).problems == ()
    assert only(text, report_date=D(2023, 12, 11)).problems == ("dated_after_report",)


def test_unknown_code_is_flagged():
    c = only("Quyết định số 12/XYZ-ABC")
    assert "unknown_code" in c.problems


@pytest.mark.parametrize(
    "text, issuer",
    [
        ("Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về việc thực hiện", "Chính phủ"),
        ("Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ phê duyệt", "Thủ tướng Chính phủ"),
        ("Quyết định số 1291/QĐ-BNV ngày 23/12/2022 của Bộ Nội vụ về", "Bộ Nội vụ"),
        ("Kế hoạch số 203/KH-UBND ngày 28/12/2022 của UBND huyện về Cải cách", "UBND huyện"),
        ("Quyết định số 43/2018/QĐ-UBND ngày 09/08/2018 của UBND tỉnh ban hành quy định", "UBND tỉnh"),
        ("Quyết định số 12/QĐ-UBND ngày 1/2/2023 của Sở Nội vụ tỉnh Thanh Hóa về", "Sở Nội vụ tỉnh Thanh Hóa"),
        ("Chỉ thị số 10-CT/HU của Ban Thường vụ Huyện ủy", "Ban Thường vụ Huyện ủy"),
        ("Nghị quyết số 56/2017/QH14 của Quốc hội", "Quốc hội"),
        ("Quyết định số 11/QĐ-UBND ngày 08/01/2024 về việc ban hành kế hoạch của UBND xã", None),  # inside the subject
    ],
)
def test_issuer_is_the_phrase_after_cua(text, issuer):
    assert only(text).issuer == issuer


def test_subject_runs_to_the_end_of_the_clause():
    c = find_citations(
        "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ về Chương \ntrình tổng thể cải cách hành chính "
        "nhà nước giai đoạn 2021-2030; Kế hoạch số 4347/KH-UBND"
    )[0]
    assert c.subject == "Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030"
    c = only("Quyết định số 27/QĐ-UBND ngày 16/01/2023 về việc ban hành Quy chế hoạt động. Bộ phận Tiếp nhận")
    assert c.subject == "ban hành Quy chế hoạt động"
    # the next citation ends it too
    cs = find_citations("Kế hoạch số 1/KH-UBND về cải cách Kế hoạch số 2/KH-UBND về tuyên truyền")
    assert [c.subject for c in cs] == ["cải cách", "tuyên truyền"]


@pytest.mark.parametrize(
    "text, surface, canonical, when, year",
    [
        ("Căn cứ Luật Cán bộ, công chức ngày 13/11/2008;", "Luật Cán bộ, công chức ngày 13/11/2008",
         "Luật Cán bộ, công chức 2008", D(2008, 11, 13), 2008),
        ("Căn cứ Luật Tổ chức chính quyền địa phương năm 2015;", "Luật Tổ chức chính quyền địa phương năm 2015",
         "Luật Tổ chức chính quyền địa phương 2015", None, 2015),
        # 002: abbreviation spelled out, bare year
        ("UBND xã đã bám sát Luật ban hành văn bản QPPL 2015, sửa đổi, bổ sung năm 2020;",
         "Luật ban hành văn bản QPPL 2015", "Luật Ban hành văn bản quy phạm pháp luật 2015", None, 2015),
        # 003: the same law, "pháp luật" inside the name
        ("theo quy định của Luật ban hành văn bản quy phạm pháp luật ngày 22/6/2015 và Nghị định",
         "Luật ban hành văn bản quy phạm pháp luật ngày 22/6/2015",
         "Luật Ban hành văn bản quy phạm pháp luật 2015", D(2015, 6, 22), 2015),
        # 002: only the last law of the list has a year
        ("Luật hôn nhân và gia đình, Luật Đất đai năm 2023.", "Luật Đất đai năm 2023", "Luật Đất đai 2023", None, 2023),
        ("Luật Đất đai được Quốc hội thông qua ngày 29/11/2013", "Luật Đất đai được Quốc hội thông qua ngày 29/11/2013",
         "Luật Đất đai 2013", D(2013, 11, 29), 2013),
        ("Bộ luật Lao động năm 2019", "Bộ luật Lao động năm 2019", "Bộ luật Lao động 2019", None, 2019),
        ("Luật tổ chức HĐND và UBND ngày 26 tháng 11 năm 2003", "Luật tổ chức HĐND và UBND ngày 26 tháng 11 năm 2003",
         "Luật Tổ chức hội đồng nhân dân và ủy ban nhân dân 2003", D(2003, 11, 26), 2003),
    ],
)  # fmt: skip
def test_law_cited_by_name_and_date_or_year(text, surface, canonical, when, year):
    c = only(text)
    assert (c.surface, c.canonical, c.date, c.year) == (surface, canonical, when, year)
    assert (c.number, c.code, c.type) == ("", "", "luat" if c.surface.startswith("Luật") else "bo_luat")
    assert c.name is not None and c.name.split()[0] in ("Luật", "Bộ")


def test_law_named_before_its_number_keeps_the_number_as_canonical():
    c = only("Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13 ngày 22/6/2015")
    assert (c.type, c.canonical, c.name) == ("luat", "80/2015/QH13", "Luật Ban hành văn bản quy phạm pháp luật")
    assert c.surface.startswith("Luật Ban hành")


def test_phap_luat_before_a_number_is_not_a_type_word():
    c = only("văn bản quy phạm pháp luật số 02/2022/NQ-HĐND")
    assert (c.type, c.problems) == ("nghi_quyet", ())


def test_report_own_number_is_not_a_citation():
    text = "Số: 45/BC-UBND\nBÁO CÁO\nTheo Báo cáo số 45/BC-UBND và Báo cáo số 44/BC-UBND"
    assert [c.canonical for c in find_citations(text)] == ["44/BC-UBND"]
    # given explicitly, in any spacing
    assert find_citations("theo Báo cáo số 45/BC-UBND", own_number="45/BC- UBND") == []
    # 001: the appendix caption is the report itself
    text = "(Kèm theo Báo cáo số:  25 /BC-UBND  ngày 15/3/2024  của UBND xã Định Biên"
    assert find_citations(text) == []
    # local numbers repeat across bodies: the same number with another issuer is a citation
    text = "Số: 02/BC-UBND\nTheo Báo cáo số 02/BC-UBND ngày 1/2/2024 của UBND huyện Thanh Hà"
    assert [c.issuer for c in find_citations(text)] == ["UBND huyện Thanh Hà"]
    # … but attached to it ("kèm theo"), it is the document itself (extra/031)
    text = ("Số: 19/2012/QĐ-UBND\nQUY ĐỊNH (Ban hành kèm theo Quyết định số: 19/2012/QĐ-UBND, "
            "ngày 12 tháng 3 năm 2012 của Uỷ ban nhân dân tỉnh Nghệ An)")  # fmt: skip
    assert find_citations(text) == []
    # "ban hành kèm theo Quyết định số …" of another document is a real citation
    assert [c.canonical for c in find_citations("Quy chế ban hành kèm theo Quyết định số 876/QĐ-BNV")] == ["876/QĐ-BNV"]


# ---------------------------------------------------------------------------
# Robustness
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "\x00" * 1000,
        "\n" * 5000,
        "1" * 100_000,
        "1/" * 50_000,
        "12/QĐ-" * 20_000,
        "Luật " * 20_000,
        "Hiến pháp " * 10_000,
        "số " * 30_000,
        "\ud800\udfff surrogates 12/QĐ-UBND",
        "ngày 1 tháng 2 năm " * 5_000,
        "của UBND tỉnh " * 10_000,
    ],
)
def test_junk_returns_a_list_and_spans_slice_back(junk):
    # (speed on such input: benchmarks/bench_citations.py)
    out = find_citations(junk)
    assert isinstance(out, list)
    assert all(junk[c.start : c.end] == c.surface for c in out)


def test_binary_looking_input_never_raises():
    rng = random.Random(4)
    for _ in range(20):
        blob = bytes(rng.randrange(256) for _ in range(20_000)).decode("latin-1")
        out = find_citations(blob)
        assert all(blob[c.start : c.end] == c.surface for c in out)
    assert find_citations(None) == []  # type: ignore[arg-type]


@needs_seeds
def test_ten_megabytes_on_one_line():
    line = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))).replace("\n", " ")
    text = (line * (10_000_000 // len(line.encode("utf-8")) + 1))[:10_000_000]
    out = find_citations(text)  # about 1 s on one core: benchmarks/bench_citations.py
    assert len(out) > 1000
    assert all(text[c.start : c.end] == c.surface for c in out[:: max(1, len(out) // 200)])


def test_generated_citations_in_random_context_are_found_with_their_fields():
    """A light property test: every written form, in random Vietnamese context."""
    rng = random.Random(20240615)
    words = ["UBND", "xã", "đã", "ban", "hành", "thực", "hiện", "cải", "cách", "hành", "chính", "năm", "2024",
             "công", "tác", "theo", "tại", "địa", "phương", "1.157", "hồ", "sơ", "74,9%", "(", ")", ";", ","]  # fmt: skip
    forms = [
        ("Nghị định", "NĐ", "CP", "nghi_dinh", True),
        ("Quyết định", "QĐ", "UBND", "quyet_dinh", False),
        ("Kế hoạch", "KH", "UBND", "ke_hoach", False),
        ("Thông tư", "TT", "BNV", "thong_tu", True),
        ("Chỉ thị", "CT", "TTg", "chi_thi", False),
        ("Thông báo", "TB", "UBND", "thong_bao", False),
        ("Tờ trình", "TTr", "SNV", "to_trinh", False),
    ]
    for _ in range(300):
        word, tcode, icode, type_, with_year = rng.choice(forms)
        num = str(rng.randrange(1, 5000)).zfill(rng.choice([1, 2]))
        year = rng.randrange(2005, 2025)
        ws = lambda: rng.choice([" ", "  ", "\n", " \n", "\n\n"])  # noqa: E731
        tw = rng.choice([word, word.lower(), word.upper()])
        so = rng.choice(["số" + ws(), "số:" + ws(), ""])
        hy = rng.choice(["-", "- ", " -", "-\n", "–"])
        number = f"{num}/{year}/{tcode}{hy}{icode}" if with_year else f"{num}/{tcode}{hy}{icode}"
        d = date(year, rng.randrange(1, 13), rng.randrange(1, 29))
        dtext = rng.choice([f"{d.day}/{d.month}/{d.year}", f"{d.day:02d}/{d.month:02d}/{d.year}",
                            f"{d.day} tháng {d.month} năm {d.year}"])  # fmt: skip
        cite = f"{tw}{ws()}{so}{number}"
        before = " ".join(rng.choice(words) for _ in range(rng.randrange(0, 8)))
        after = " ".join(rng.choice(words) for _ in range(rng.randrange(0, 8)))
        text = f"{before} {cite} ngày {dtext}{rng.choice(['', ' ', 'về'])} {after}"
        found = [c for c in find_citations(text) if c.surface == cite]
        assert len(found) == 1, (text, find_citations(text))
        c = found[0]
        canonical = f"{num}/{year}/{tcode}-{icode}" if with_year else f"{num}/{tcode}-{icode}"
        assert (c.type, c.canonical, c.date) == (type_, canonical, d), text
        assert text[c.start : c.end] == c.surface


# ---------------------------------------------------------------------------
# Identity and queries
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, central",
    [
        ("Nghị định số 61/2018/NĐ-CP", True),
        ("Quyết định số 1847/QĐ-TTg", True),
        ("Thông tư số 01/2023/TT-BNV", True),
        ("Thông tư liên tịch số 01/2015/TTLT-BNV-BTC", True),
        ("Nghị quyết số 18-NQ/TW", True),
        ("Luật số 80/2015/QH13", True),
        ("Luật Đất đai năm 2023", True),
        ("Kế hoạch số 02/KH-UBND", False),
        ("Nghị quyết số 02/2022/NQ-HĐND", False),
        ("Công văn số 126/UBND-NV", False),
        ("Chương trình số 01-CTr/ĐU", False),
        ("Quyết định số 5/QĐ-BCĐ", False),  # ban chỉ đạo, not a ministry
        ("Quyết định số 5/QĐ-BCĐ389", False),
        ("Hướng dẫn số 25-HD/BTGTW", True),  # central Party board
        ("Hướng dẫn số 2-HD/BTGHU", False),  # a district Party board
    ],
)
def test_is_central(text, central):
    assert is_central(only(text)) is central


def test_central_document_key_is_its_canonical_form():
    a = only("Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ")
    b = only("theo Nghị định 61/2018/NĐ-CP")
    assert citation_key(a, unit="Hoằng Lưu") == citation_key(b, unit="Tân Việt") == "61/2018/NĐ-CP"
    # leading zeros do not make another document
    assert citation_key(only("Thông tư số 05/2023/TT-BNV")) == citation_key(only("Thông tư số 5/2023/TT-BNV"))


def test_local_document_key_has_body_and_year():
    own = only("UBND xã đã ban hành Kế hoạch số 02/KH-UBND ngày 05/01/2024 về tuyên truyền")
    assert citation_key(own, unit="Hoằng Lưu", district="Hoằng Hóa") == "2/KH-UBND|ubnd hoang luu|2024"
    # the same number in another commune is another document
    assert citation_key(own, unit="Tân Việt") != citation_key(own, unit="Hoằng Lưu")
    # "UBND huyện" without a name resolves from the district
    up = only("Kế hoạch số 203/KH-UBND ngày 28/12/2022 của UBND huyện về cải cách")
    assert citation_key(up, unit="Quảng Phú", district="Quảng Điền") == "203/KH-UBND|ubnd quang dien|2022"
    # a named body is used as written, folded: spelling variants of one name meet
    a = only("Quyết định số 5272/QĐ-UBND ngày 29/12/2023 của Chủ tịch UBND huyện Hoằng Hóa về")
    assert citation_key(a, district="Hoằng Hóa") == "5272/QĐ-UBND|ubnd hoang hoa|2023"
    # year from the number when there is no date; "?" when nothing resolves
    assert citation_key(only("Quyết định số 43/2018/QĐ-UBND của UBND tỉnh"), province="Thừa Thiên Huế") == (
        "43/2018/QĐ-UBND|ubnd thua thien hue|2018"
    )
    assert citation_key(only("Kế hoạch số 7/KH-UBND")) == "7/KH-UBND|ubnd ?|?"


@pytest.mark.parametrize(
    "query, hits",
    [
        ("Nghị định 61/2018/NĐ-CP", {"61/2018/NĐ-CP"}),
        ("nghi dinh 61/2018/ND-CP", {"61/2018/NĐ-CP"}),
        ("NĐ 61/2018", {"61/2018/NĐ-CP"}),
        ("NĐ-CP 61/2018", {"61/2018/NĐ-CP"}),
        ("61/2018", {"61/2018/NĐ-CP", "61/2018/QĐ-TTg"}),
        ("Kế hoạch 02/KH-UBND", {"2/KH-UBND|ubnd hoang luu|2024", "02/KH-UBND|ubnd tan viet|2023"}),
        ("kh 2/kh-ubnd", {"2/KH-UBND|ubnd hoang luu|2024", "02/KH-UBND|ubnd tan viet|2023"}),
        ("18-NQ/TW", {"18-NQ/TW"}),
        ("nghi quyet so 18-nq/tw", {"18-NQ/TW"}),
        ("Luật Đất đai 2023", {"Luật Đất đai 2023"}),
        ("luat dat dai", {"Luật Đất đai 2023", "Luật Đất đai 2013"}),
        ("Hiến pháp 2013", {"Hiến pháp 2013"}),
        ("Công văn 126/UBND-NV", {"126/UBND-NV|ubnd thanh ha|2023"}),
        ("Quyết định 61/2018", {"61/2018/QĐ-TTg"}),
        ("nonsense", set()),
        ("", set()),
    ],
)
def test_query_matches_canonical_forms_and_keys(query, hits):
    keys = [
        "61/2018/NĐ-CP", "61/2019/NĐ-CP", "61/2018/QĐ-TTg", "61/NĐ-CP",
        "2/KH-UBND|ubnd hoang luu|2024", "02/KH-UBND|ubnd tan viet|2023", "2/QĐ-UBND|ubnd hoang luu|2024",
        "18-NQ/TW", "18/NQ-CP", "Luật Đất đai 2023", "Luật Đất đai 2013", "Hiến pháp 2013",
        "126/UBND-NV|ubnd thanh ha|2023",
    ]  # fmt: skip
    qm = parse_query(query)
    assert {k for k in keys if qm.matches(k)} == hits


def test_query_names_the_canonical_form_when_complete():
    assert parse_query("nghi dinh 61/2018/ND-CP").canonical == "61/2018/NĐ-CP"
    assert parse_query("qd 139/qd-ubnd").canonical == "139/QĐ-UBND"
    assert parse_query("18-nq/tw").canonical == "18-NQ/TW"
    assert parse_query("NĐ 61/2018").canonical is None  # the code is incomplete


def test_query_finds_extracted_citations_by_key():
    text = "Thực hiện Nghị định số 61/2018/NĐ-CP; Kế hoạch số 02/KH-UBND ngày 05/01/2024"
    keys = [citation_key(c, unit="Hoằng Lưu") for c in find_citations(text)]
    assert [k for k in keys if parse_query("nghi dinh 61/2018").matches(k)] == ["61/2018/NĐ-CP"]
    assert [k for k in keys if parse_query("KH 02/KH-UBND").matches(k)] == ["2/KH-UBND|ubnd hoang luu|2024"]


# ---------------------------------------------------------------------------
# The seeds and the gold
# ---------------------------------------------------------------------------


@needs_seeds
def test_gold_evaluation_meets_the_targets():
    result = evaluate(GOLD, SEEDS)
    report = format_table(result)
    assert result["gold"] >= 100, report
    assert result["precision"] >= 0.99, report
    assert result["recall"] >= 0.98, report
    for field in ("type", "date", "issuer"):
        assert result["fields"][field] >= 0.97, report


@needs_seeds
@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else [], ids=lambda p: p.stem)
def test_raw_and_whitespace_normalised_seed_give_the_same_citations(path):
    raw = path.read_text(encoding="utf-8")
    flat = normalise_whitespace(raw)
    a = [(c.canonical, c.type, c.date, c.issuer and " ".join(c.issuer.split())) for c in find_citations(raw)]
    b = [(c.canonical, c.type, c.date, c.issuer) for c in find_citations(flat)]
    assert a == b
    assert all(raw[c.start : c.end] == c.surface for c in find_citations(raw))


def test_docstring_examples_run():
    assert doctest.testmod(citations_module).failed == 0


# ---------------------------------------------------------------------------
# Problems: unknown codes, superseded central documents
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, unknown",
    [
        ("Quyết định số 12/XYZ-UBND", True),  # the type part is unknown
        ("Quyết định số 12/QĐ-XYZW", True),  # the issuer part is unknown
        ("Kế hoạch số 3/KH-UBND-ZZZ", True),
        ("Nghị quyết số 5-NQ/XQZ", True),  # a Party document with an unknown body
        ("Quyết định số 12/QĐ-UBND", False),
        ("Công văn số 126/UBND-NV", False),  # division of a People's Committee
        ("Công văn số 473/STP-PBGDPL", False),
        ("Công văn số 2231/SNV-CCHC&PC", False),  # "&" joins two known units
        ("Quyết định số 5/QĐ-BCĐ389", False),  # a numbered board
        ("Luật số 80/2015/QH13", False),
        ("Hướng dẫn số 25-HD/BTGTW", False),
        ("Công văn số 5/BCA-V03", False),  # a ministry department
        ("Thông tư liên tịch số 01/2015/TTLT-BNV-BTC", False),
    ],
)
def test_unknown_code_covers_type_and_issuer_parts(text, unknown):
    assert ("unknown_code" in only(text).problems) is unknown


def test_number_with_a_letter_is_one_document():
    c = only("Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ")
    assert (c.number, c.canonical, c.date) == ("30c", "30c/NQ-CP", D(2011, 11, 8))
    assert parse_query("nghi quyet 30c/nq-cp").matches("30c/NQ-CP")
    assert not parse_query("30/NQ-CP").matches("30c/NQ-CP")


def test_superseded_fires_after_the_successor_took_effect():
    text = "Thực hiện Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về cơ chế một cửa"
    assert only(text, report_date=D(2024, 6, 30)).problems == ()
    assert only(text, report_date=D(2025, 6, 30)).problems == ()
    c = only(text, report_date=D(2025, 7, 1))
    assert c.problems == ("superseded",)
    msg = citations_module.problem_message(c, "superseded")
    assert "118/2025/NĐ-CP" in msg and "01/07/2025" in msg
    assert PROBLEM_MESSAGES["superseded"]


def test_superseded_needs_a_replaced_or_expired_status():
    # amended (130/2005), unknown (34/2016), in force (76/NQ-CP), not in the table (5/KH-UBND)
    for text in ("Nghị định số 130/2005/NĐ-CP", "Nghị định số 34/2016/NĐ-CP", "Nghị quyết số 76/NQ-CP",
                 "Kế hoạch số 5/KH-UBND"):  # fmt: skip
        assert "superseded" not in only(text, report_date=D(2030, 1, 1)).problems, text


def test_superseded_law_is_found_by_name_and_by_number():
    for text in ("Luật Ban hành văn bản QPPL 2015", "Luật số 80/2015/QH13",
                 "Luật Ban hành văn bản quy phạm pháp luật ngày 22/6/2015"):  # fmt: skip
        c = only(text, report_date=D(2025, 5, 1))
        assert c.problems == ("superseded",), text
        assert "64/2025/QH15" in citations_module.problem_message(c, "superseded")
    assert only("Luật số 80/2015/QH13", report_date=D(2025, 3, 31)).problems == ()


def test_superseded_without_a_report_date():
    # nothing dates the text: a replaced or expired document is flagged
    c = only("theo Nghị quyết số 30c/NQ-CP")
    assert c.problems == ("superseded",)
    assert "76/NQ-CP" in citations_module.problem_message(c, "superseded")
    # the latest dated citation bounds the report's date from below
    old = "Nghị định số 61/2018/NĐ-CP; Kế hoạch số 2/KH-UBND ngày 05/01/2024"
    assert [c.problems for c in find_citations(old)] == [(), ()]
    new = "Nghị định số 61/2018/NĐ-CP; Kế hoạch số 2/KH-UBND ngày 05/08/2025"
    assert [c.problems for c in find_citations(new)] == [("superseded",), ()]


def test_reference_table_is_sourced_and_consistent():
    import json
    from cchc_nlp.citations import central_document, law_canonical

    path = citations_module._CENTRAL_TABLE
    docs = json.loads(path.read_text(encoding="utf-8"))["documents"]
    assert len(docs) >= 20
    seen = set()
    for d in docs:
        assert d["status"] in ("in_force", "amended", "replaced", "expired", "unknown"), d["canonical"]
        assert d["type"] in TYPE_IDS
        # the canonical form is what the extractor writes for this document
        [c] = find_citations(f"{citations_module.TYPE_LABELS[d['type']]} số {d['canonical']}")
        assert c.canonical == d["canonical"]
        for alias in d["aliases"]:  # law names are in law_canonical form
            name, year = alias.rsplit(" ", 1)
            assert law_canonical(d["type"], name, int(year)) == alias
        for name in [d["canonical"], *d["aliases"]]:
            assert name not in seen
            seen.add(name)
            assert central_document(name) is d or central_document(name) == d
        if d["status_confirmed"]:
            assert d["status"] != "unknown" and d["sources"], d["canonical"]
        for s in d["sources"]:
            assert s["url"].startswith("http") and s["supports"]
        for field in ("date", "effective", "superseded_from"):
            if d[field]:
                date.fromisoformat(d[field])
        if d["status"] in ("replaced", "expired"):
            assert d["status_confirmed"] and d["superseded_from"] and d["successors"], d["canonical"]
        else:
            assert d["superseded_from"] is None
    assert central_document("061/2018/nd-cp")["canonical"] == "61/2018/NĐ-CP"  # zeros, case, diacritics


# ---------------------------------------------------------------------------
# Evaluation: exact spans and fields
# ---------------------------------------------------------------------------


def test_gold_parts_split_canonical_forms():
    from cchc_nlp.evaluation.citations import gold_parts

    assert gold_parts("61/2018/NĐ-CP") == ("61", 2018, "NĐ-CP")
    assert gold_parts("02/KH-UBND") == ("02", None, "KH-UBND")
    assert gold_parts("18-NQ/TW") == ("18", None, "NQ/TW")
    assert gold_parts("30c/NQ-CP") == ("30c", None, "NQ-CP")
    assert gold_parts("Luật Ban hành văn bản quy phạm pháp luật 2015") == ("", 2015, "")
    assert gold_parts("Hiến pháp 2013") == ("", 2013, "")


def test_span_level_counts_a_wrong_span_that_the_canonical_level_forgives(tmp_path):
    import json

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "r.txt").write_text(
        "Thực hiện Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;\nKế hoạch số 02/KH-UBND ngày 5/1/2024.",
        encoding="utf-8",
    )
    rows = [
        {"report": "r", "surface_hint": "Nghị định số 61/2018/NĐ-CP", "type": "nghi_dinh",
         "canonical": "61/2018/NĐ-CP", "date": "2018-04-23", "issuer": "Chính phủ"},
        # a hint that starts at "số": right document, wrong span
        {"report": "r", "surface_hint": "số 02/KH-UBND", "type": "ke_hoach",
         "canonical": "02/KH-UBND", "date": "2024-01-05", "issuer": None},
    ]  # fmt: skip
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    r = evaluate(gold, seeds)
    assert (r["precision"], r["recall"]) == (1.0, 1.0)
    assert (r["span"]["matched"], r["span"]["precision"], r["span"]["recall"]) == (1, 0.5, 0.5)
    assert r["fields"]["surface"] == 0.5
    assert all(r["fields"][f] == 1.0 for f in ("type", "number", "year", "code", "date", "issuer"))
    table = format_table(r)
    assert "exact-span level: P 0.500  R 0.500" in table and "span_missed" in table


@needs_seeds
def test_gold_exact_spans_and_every_field_meet_the_targets():
    result = evaluate(GOLD, SEEDS)
    report = format_table(result)
    assert result["span"]["unlocated"] == 0, report
    assert result["span"]["precision"] >= 0.99 and result["span"]["recall"] >= 0.98, report
    for field in ("type", "number", "year", "code", "date", "issuer"):
        assert result["fields"][field] >= 0.97, report


# ---------------------------------------------------------------------------
# Property-based: every written form, in random Vietnamese context
# ---------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from cchc_nlp.citations import law_canonical  # noqa: E402

PROPERTY = settings(max_examples=200, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])  # fmt: skip


def _seed_sentences() -> list[str]:
    """Real sentences of the seeds that hold no citation and nothing like one."""
    import re

    out = []
    paths = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    for path in paths:
        for line in path.read_text(encoding="utf-8").split("\n"):
            for s in re.split(r"(?<=[.;])\s+", line.strip()):
                s = s.strip()
                if 10 <= len(s) <= 160 and not re.search(r"\d\s*[-/]\s*[A-Za-zĐđ]|[Ss]ố\s*:", s) \
                        and not find_citations(s):  # fmt: skip
                    out.append(s)
    return out or [
        "UBND xã đã ban hành kế hoạch cải cách hành chính năm 2024",
        "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,8%",
        "Công tác tuyên truyền được thực hiện thường xuyên",
    ]


SENTENCES = _seed_sentences()

# (type word, type id, type part of the code, issuer parts to choose from, year: "always" | "never" | "maybe")
STATE_DOCS = [
    ("Nghị định", "nghi_dinh", "NĐ", [["CP"]], "always"),
    ("Nghị quyết", "nghi_quyet", "NQ", [["CP"], ["HĐND"]], "maybe"),
    ("Nghị quyết liên tịch", "nghi_quyet_lien_tich", "NQLT", [["CP", "UBTWMTTQVN"]], "always"),
    ("Quyết định", "quyet_dinh", "QĐ", [["UBND"], ["TTg"], ["BNV"], ["SNV"]], "maybe"),
    ("Chỉ thị", "chi_thi", "CT", [["TTg"], ["UBND"]], "maybe"),
    ("Thông tư", "thong_tu", "TT", [["BNV"], ["BTC"], ["VPCP"]], "always"),
    ("Thông tư liên tịch", "thong_tu_lien_tich", "TTLT", [["BNV", "BTC"], ["BTC", "BNV"]], "always"),
    ("Kế hoạch", "ke_hoach", "KH", [["UBND"], ["UB"], ["SNV"]], "maybe"),
    ("Thông báo", "thong_bao", "TB", [["UBND"], ["VPUB"]], "never"),
    ("Báo cáo", "bao_cao", "BC", [["UBND"], ["SNV"]], "never"),
    ("Hướng dẫn", "huong_dan", "HD", [["SNV"], ["UBND"]], "never"),
    ("Tờ trình", "to_trinh", "TTr", [["SNV"], ["UBND"]], "never"),
    ("Kết luận", "ket_luan", "KL", [["UBND"]], "never"),
    ("Đề án", "de_an", "ĐA", [["UBND"]], "never"),
    ("Chương trình", "chuong_trinh", "CTr", [["UBND"]], "never"),
    ("Quy chế", "quy_che", "QC", [["UBND"]], "never"),
    ("Quy định", "quy_dinh", "QyĐ", [["UBND"]], "never"),
    ("Công văn", "cong_van", None, [["UBND", "NV"], ["UBND"], ["SNV", "CCHC"], ["UBND", "VX"]], "never"),
    ("Luật", "luat", None, [["QH13"], ["QH14"], ["QH15"]], "always"),
    ("Bộ luật", "bo_luat", None, [["QH14"]], "always"),
]
PARTY_DOCS = [
    ("Nghị quyết", "nghi_quyet", "NQ", ["TW", "TU", "ĐU"]),
    ("Chỉ thị", "chi_thi", "CT", ["TW", "HU"]),
    ("Kết luận", "ket_luan", "KL", ["TW"]),
    ("Chương trình", "chuong_trinh", "CTr", ["ĐU", "TU"]),
    ("Hướng dẫn", "huong_dan", "HD", ["BTGTW", "BTCTW"]),
    ("Quy định", "quy_dinh", "QĐ", ["TW"]),
]
LAWS = [
    ("luat", "Luật Cán bộ, công chức"),
    ("luat", "Luật Tổ chức chính quyền địa phương"),
    ("luat", "Luật Đất đai"),
    ("luat", "Luật Ban hành văn bản quy phạm pháp luật"),
    ("luat", "Luật Thi đua, khen thưởng"),
    ("luat", "Luật Ngân sách nhà nước"),
    ("luat", "luật tiếp cận thông tin"),
    ("bo_luat", "Bộ luật Lao động"),
    ("hien_phap", "Hiến pháp"),
]
# (issuer as written, as the extractor reports it)
ISSUERS = [
    ("Chính phủ", "Chính phủ"),
    ("Thủ tướng Chính phủ", "Thủ tướng Chính phủ"),
    ("UBND tỉnh", "UBND tỉnh"),
    ("UBND huyện Hoằng Hóa", "UBND huyện Hoằng Hóa"),
    ("Ủy ban nhân dân\nxã Định Biên", "Ủy ban nhân dân xã Định Biên"),
    ("Chủ tịch UBND huyện", "Chủ tịch UBND huyện"),
    ("Bộ Nội vụ", "Bộ Nội vụ"),
    ("Sở Nội vụ tỉnh Thanh Hóa", "Sở Nội vụ tỉnh Thanh Hóa"),
]
SUBJECTS = ["việc thực hiện cơ chế một cửa", "tuyên truyền cải cách hành chính năm 2024", "ban hành Quy chế làm việc"]

ws = st.sampled_from([" ", "  ", "\n", " \n", "\n\n", "\t"])  # a separator: spaces and line breaks
tight = st.sampled_from(["", "", "", " ", "\n"])  # around a hyphen or a slash: often nothing
hyphen = st.sampled_from(["-", "-", "-", "–"])  # hyphen, or the en dash Word puts in


@st.composite
def type_words(draw, word: str) -> str:
    """The type word in any case, its syllables split by any whitespace."""
    case = draw(st.sampled_from([str, str.lower, str.upper, str.title]))
    return draw(ws).join(case(word).split(" ")) if draw(st.booleans()) else case(word)


@st.composite
def numbers(draw, suffix: bool = True) -> str:
    n = draw(st.integers(1, 9999))
    s = str(n).zfill(draw(st.sampled_from([1, 1, 2, 3])))
    if suffix and draw(st.integers(0, 9)) == 0:
        s += draw(st.sampled_from("abc"))  # "30c/NQ-CP"
    return s


@st.composite
def so_words(draw, bare: bool) -> str:
    """What comes between the type word and the number."""
    if bare:
        return "số" + draw(ws)
    return draw(st.sampled_from(["", "số", "Số", "SỐ", "số:", "Số:"])) + draw(ws)


@st.composite
def state_codes(draw, spec) -> tuple[str, str]:
    """(number and code as written, canonical form)."""
    _, _, tcode, issuer_choices, year_policy = spec
    issuers = draw(st.sampled_from(issuer_choices))
    num = draw(numbers())
    with_year = year_policy == "always" or (year_policy == "maybe" and draw(st.booleans()))
    year = draw(st.integers(1995, 2025))
    parts = ([tcode] if tcode else []) + issuers
    written = list(parts)
    if draw(st.integers(0, 4)) == 0:  # typed in capitals: "TTR", "QĐ-TTG"
        written = [p.upper() for p in written]
    lost_hyphen = tcode is not None and len(parts) == 2 and written == parts and draw(st.integers(0, 4)) == 0
    if lost_hyphen:  # "NĐCP": the hyphen lost in PDF extraction
        code = written[0] + written[1]
    else:
        code = written[0]
        for p in written[1:]:
            code += draw(tight) + draw(hyphen) + draw(tight) + p
    slash = lambda: draw(tight) + "/" + draw(tight)  # noqa: E731
    text = f"{num}{slash()}{year}{slash()}{code}" if with_year else f"{num}{slash()}{code}"
    canonical = f"{num}/{year}/{'-'.join(parts)}" if with_year else f"{num}/{'-'.join(parts)}"
    return text, canonical


@st.composite
def dates_written(draw) -> tuple[date, str]:
    d = draw(st.dates(min_value=date(1995, 1, 1), max_value=date(2025, 12, 31)))
    form = draw(st.sampled_from([
        f"{d.day}/{d.month}/{d.year}", f"{d.day:02d}/{d.month:02d}/{d.year}", f"{d.day}-{d.month}-{d.year}",
        f"{d.day:02d}.{d.month}.{d.year}", f"{d.day} tháng {d.month} năm {d.year}",
        f"{d.day:02d} tháng {d.month:02d} năm {d.year}", f"{d.day}/{d.month:02d}/{d.year}",
    ]))  # fmt: skip
    return d, form


@st.composite
def tails(draw, with_issuer: bool = True) -> tuple[str, date | None, str | None]:
    """What follows a numbered citation: date, issuer, subject, end of clause.

    Returns (text, date, issuer as reported)."""
    when, issuer, out = None, None, ""
    if draw(st.booleans()):
        when, written = draw(dates_written())
        lead = draw(st.sampled_from([" ngày ", ", ngày ", " (", " ban hành ngày ", " ngày\n", " Ngày "]))
        out += lead + written + (")" if lead == " (" else "")
        if lead != " (" and draw(st.integers(0, 5)) == 0:
            return out + "về " + draw(st.sampled_from(SUBJECTS)) + ". ", when, None  # glued: "18/01/2023về"
    if with_issuer and draw(st.booleans()):
        written, issuer = draw(st.sampled_from(ISSUERS))
        out += draw(st.sampled_from([" của ", "\ncủa ", " của\n"])) + written
    end = draw(st.sampled_from([". ", "; ", " về " + draw(st.sampled_from(SUBJECTS)) + ". "]))
    return out + end, when, issuer


@st.composite
def in_context(draw, make):
    """Real seed sentences before and after what ``make`` draws, split off by a full stop.

    ``make`` returns (text, expected) with expected = [(offset in text, surface,
    canonical, type, date, issuer or ...)]; offsets are shifted to the whole text."""
    before = " ".join(s.rstrip(".;:") + "." for s in draw(st.lists(st.sampled_from(SENTENCES), max_size=3)))
    after = " ".join(draw(st.lists(st.sampled_from(SENTENCES), max_size=3)))
    body, expected = draw(make())
    prefix = before + " " if before else ""
    text = prefix + body + after
    return text, [(prefix_len + off, *rest) for prefix_len in [len(prefix)] for off, *rest in expected]


@st.composite
def numbered(draw):
    spec = draw(st.sampled_from(STATE_DOCS))
    word, type_id = spec[0], spec[1]
    bare = type_id == "cong_van" and draw(st.booleans())  # "số 126/UBND-NV": a công văn without its word
    tw = "" if bare else draw(type_words(word)) + draw(ws)
    code_text, canonical = draw(state_codes(spec))
    surface = tw + draw(so_words(bare)) + code_text
    if bare:
        surface = code_text
        body = "số" + draw(ws) + code_text
        off = len(body) - len(code_text)
    else:
        body, off = surface, 0
    tail, when, issuer = draw(tails())
    return body + tail, [(off, surface, canonical, type_id, when, issuer)]


@st.composite
def party(draw):
    word, type_id, tcode, bodies = draw(st.sampled_from(PARTY_DOCS))
    num = draw(numbers(suffix=False))
    body = draw(st.sampled_from(bodies))
    written = f"{num}{draw(tight)}{draw(hyphen)}{draw(tight)}{tcode}{draw(tight)}/{draw(tight)}{body}"
    surface = draw(type_words(word)) + draw(ws) + draw(so_words(False)) + written
    tail, when, issuer = draw(tails())
    return surface + tail, [(0, surface, f"{num}-{tcode}/{body}", type_id, when, issuer)]


@st.composite
def lists(draw):
    """ "các Quyết định số 01/QĐ-UBND, 02/QĐ-UBND và 03/QĐ-UBND": one type word, several citations."""
    spec = draw(st.sampled_from([s for s in STATE_DOCS if s[2] is not None and s[1] != "luat"]))
    word, type_id = spec[0], spec[1]
    cac = draw(st.sampled_from(["", "các ", "Các "]))
    body = cac + draw(type_words(word)) + draw(ws) + draw(so_words(False))
    expected = []
    n = draw(st.integers(2, 4))
    for i in range(n):
        code_text, canonical = draw(state_codes(spec))
        start = len(cac) if i == 0 else len(body)
        body += code_text
        surface = body[start:]
        when = None
        if draw(st.booleans()):
            when, written = draw(dates_written())
            body += " ngày " + written
        expected.append((start, surface, canonical, type_id, when, ...))  # issuers are shared: not checked
        if i < n - 1:
            body += draw(st.sampled_from([", ", "; ", " và ", ", số ", " và số ", ",\n", " và\n"]))
    return body + draw(st.sampled_from([". ", "; "])), expected


@st.composite
def laws(draw):
    type_id, name = draw(st.sampled_from(LAWS))
    year = draw(st.integers(1992, 2025))
    written_name = draw(ws).join(name.split(" ")) if draw(st.booleans()) else name
    form = draw(st.sampled_from(["year", "nam", "date", "passed"]))
    when = None
    if form == "year":
        anchor = f" {year}"
    elif form == "nam":
        anchor = f" năm {year}"
    else:
        when, written = draw(dates_written())
        year = when.year
        anchor = (" ngày " if form == "date" else " được Quốc hội thông qua ngày ") + written
    surface = written_name + anchor
    canonical = law_canonical(type_id, name, year)
    return surface + draw(st.sampled_from([". ", "; ", " và các văn bản hướng dẫn. "])), [
        (0, surface, canonical, type_id, when, None)
    ]


def check_found(text: str, expected) -> None:
    found = find_citations(text)
    assert all(text[c.start : c.end] == c.surface for c in found)
    by_start = {c.start: c for c in found}
    for start, surface, canonical, type_id, when, issuer in expected:
        c = by_start.get(start)
        assert c is not None, (text, surface, [(x.start, x.surface) for x in found])
        assert c.surface == surface, (text, c)
        assert (c.canonical, c.type, c.date) == (canonical, type_id, when), (text, c)
        if issuer is not ...:
            assert c.issuer == issuer, (text, c)


@PROPERTY
@given(in_context(numbered))
def test_property_numbered_citation_in_any_form_is_found(case):
    check_found(*case)


@PROPERTY
@given(in_context(party))
def test_property_party_document_in_any_form_is_found(case):
    check_found(*case)


@PROPERTY
@given(in_context(lists))
def test_property_list_sharing_one_type_word_gives_each_member(case):
    text, expected = case
    check_found(text, expected)
    assert len(find_citations(text)) == len(expected)


@PROPERTY
@given(in_context(laws))
def test_property_law_cited_by_name_is_found(case):
    check_found(*case)


@PROPERTY
@given(in_context(numbered))
def test_property_the_canonical_form_finds_its_own_key(case):
    text, expected = case
    [(start, _, canonical, *_)] = expected
    c = next(c for c in find_citations(text) if c.start == start)
    assert parse_query(canonical).matches(citation_key(c, unit="Hoằng Lưu", district="Hoằng Hóa"))


@PROPERTY
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
       | st.lists(st.sampled_from(["Nghị định", "số", "12", "/", "2018", "NĐ", "-", "CP", " ", "\n", "ngày",
                                   "1/2/2023", "của", "UBND", "Luật", "năm", "2015", ",", "và", "30c", "TW"]),
                  max_size=60).map("".join))  # fmt: skip
def test_property_any_text_gives_a_list_whose_spans_slice_back(text):
    out = find_citations(text)
    assert isinstance(out, list)
    assert all(text[c.start : c.end] == c.surface for c in out)
    assert [c.start for c in out] == sorted(c.start for c in out)


@pytest.mark.parametrize("text, province, level", [
    ("Kế hoạch số 12/KH-UBND ngày 5/1/2024 của UBND tỉnh Hải Dương", None, "province"),
    ("Kế hoạch số 12/KH-UBND ngày 5/1/2024 của Ủy ban nhân dân huyện Thanh Hà", None, "district"),
    # a city of the province, and the province-level city itself
    ("Kế hoạch số 12/KH-UBND ngày 5/1/2024 của UBND thành phố Hòa Bình", "Hòa Bình", "district"),
    ("Kế hoạch số 12/KH-UBND ngày 5/1/2024 của UBND thành phố Hà Nội", None, "province"),
    ("Kế hoạch số 12/KH-UBND ngày 5/1/2024 của UBND Thành phố", "Hồ Chí Minh", "province"),
    ("Kế hoạch số 12/KH-UBND ngày 5/1/2024 của UBND thị xã Hương Thủy", None, "district"),
    ("Kế hoạch số 12/KH-UBND ngày 5/1/2024 của UBND xã Tân Việt", None, "commune"),
    ("Kế hoạch số 12/KH-UBND ngày 5/1/2024", None, None),
])
def test_issuer_level_is_shared_by_the_digest_and_the_citation_key(text, province, level):
    from cchc_nlp.citations import issuer_level

    [c] = find_citations(text)
    assert issuer_level(c, province) == level


@pytest.mark.parametrize("query,name,year", [
    ("Luật sửa đổi bổ sung một số điều của luật tổ chức Chính quyền địa phương ngày 22/11/2019",
     "sua doi bo sung mot so dieu cua luat to chuc chinh quyen dia phuong", 2019),
    ("Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", "to chuc chinh quyen dia phuong", 2015),
])
def test_a_law_searched_as_written_with_its_date(query, name, year):
    # the way a report writes it, and the way `cchc cites` shows it (bench_search found the gap)
    qm = parse_query(query)
    assert (qm.type, qm.law_name, qm.year) == ("luat", name, year)


def test_codes_typed_without_the_letter_d_with_stroke_are_the_same_documents():
    # corpus/dev11/docs/r011 (an OCR'd report): "609/QD- UBND", "1750/QD-UBND"
    from cchc_nlp.citations import citation_key, find_citations

    plain = find_citations("Thực hiện Nghị định số 61/2018/ND-CP ngày 23/4/2018 của Chính phủ")
    marked = find_citations("Thực hiện Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ")
    assert [citation_key(c) for c in plain] == [citation_key(c) for c in marked] and plain[0].type == "nghi_dinh"
    decision = find_citations("theo Quyết định 609/QD- UBND ngày 05/3/2019 của UBND huyện")[0]
    assert (decision.type, decision.canonical, decision.problems) == ("quyet_dinh", "609/QĐ-UBND", ())
