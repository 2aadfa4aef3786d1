"""Normalisation: one spelling, clean whitespace, PDF lines re-joined, offsets kept."""

import pytest

from cchc_nlp.normalise import fold, is_hard_wrapped, normalise


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),  # old tone placement
        ("huyện Hoằng Hoá", "huyện Hoằng Hóa"),
        ("thuỷ lợi, khoẻ mạnh, hoà giải", "thủy lợi, khỏe mạnh, hòa giải"),
        ("quý I năm 2024", "quý I năm 2024"),  # "quý" is q + uý: untouched
        ("qúy III năm 2024, QÚY II", "quý III năm 2024, QUÝ II"),  # the mark typed on the u (corpus/blind b001)
        ("hoàng, thuyền, khoẻ", "hoàng, thuyền, khỏe"),  # closed syllables keep their mark
        ("Ho\u0300a Bi\u0300nh", "Hòa Bình"),  # decomposed (NFD) input
        ("<i>Tỷ lệ văn bản</i>", "Tỷ lệ văn bản"),  # seed 000's HTML remnants
        ("**TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH**", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"),  # seed 003
        ("a\u00a0 b.  \n\n\n C ", "a b.\nC"),
        ("được cập nhật trong giải quyết thủ tục\nhành chính, tạo điều kiện", "được cập nhật trong giải quyết thủ tục hành chính, tạo điều kiện"),  # seed 000: a line cut mid-sentence
    ],
)
def test_normalised_spelling(raw, clean):
    assert normalise(raw).text == clean


def test_offsets_point_back_into_the_original():
    raw = "**Uỷ ban** nhân dân xã <i>Tân Việt</i>"
    n = normalise(raw)
    i = n.text.index("Tân Việt")
    assert raw[n.to_original(i) : n.to_original(i) + 8] == "Tân Việt"
    assert len(n.offsets) == len(n.text)


SEED_001_LINES = (
    " UBND xã Định Biên đã xây dựng và ban hành các văn bản về cải cách hành \n\n"
    "chính năm 2024 như sau: Kế hoạch cải cách hành chính; Kế hoạch tuyên truyền cải \n\n"
    "cách hành chính... \n\n"
    "UBND xã đã phân công nhiệm vụ cụ thể cho từng cán bộ, công chức tại bộ \n\n"
    "phận “Một cửa” trực tiếp giải quyết TTHC, đồng chí Chủ tịch UBND xã phụ trách \n\n"
    "trực tiếp công tác CCHC và là Trưởng bộ phận “Một cửa”. \n\n"
    "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH \n\n"
    "1. Cải cách thể chế \n\n"
    "Trong quý I năm 2024, UBND xã Định Biên không ban hành văn bản QPPL \n\n"
    "thuộc phạm vi quản lý. \n\n"
    "UBND xã đã ban hành Kế hoạch số 07/KH-UBND ngày 12/01/2024 về theo dõi \n\n"
)


def test_pdf_wrapped_lines_are_rejoined_into_paragraphs():
    n = normalise(SEED_001_LINES, hard_wrapped=True)
    assert n.text.split("\n") == [
        "UBND xã Định Biên đã xây dựng và ban hành các văn bản về cải cách hành chính năm 2024 "
        "như sau: Kế hoạch cải cách hành chính; Kế hoạch tuyên truyền cải cách hành chính...",
        "UBND xã đã phân công nhiệm vụ cụ thể cho từng cán bộ, công chức tại bộ phận “Một cửa” "
        "trực tiếp giải quyết TTHC, đồng chí Chủ tịch UBND xã phụ trách trực tiếp công tác CCHC "
        "và là Trưởng bộ phận “Một cửa”.",
        "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH",
        "1. Cải cách thể chế",
        "Trong quý I năm 2024, UBND xã Định Biên không ban hành văn bản QPPL thuộc phạm vi quản lý.",
        "UBND xã đã ban hành Kế hoạch số 07/KH-UBND ngày 12/01/2024 về theo dõi",
    ]


def test_code_broken_after_hyphen_is_glued_back():
    n = normalise("Kế hoạch số 1039/KH-\nUBND ngày 03/12/2021 của UBND huyện Thanh Hà về thực "
                  "hiện cải cách hành\nchính nhà nước", hard_wrapped=True)
    assert "1039/KH-UBND ngày" in n.text


def test_a_short_line_that_stops_on_a_comma_or_a_preposition_goes_on_below():
    # corpus/web/w042 and t043 (PDF copies of decisions): short lines cut mid-sentence
    # before a capital; the bases' last comma before the enacting clause ends them (dev 018)
    text = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 và các văn bản "
            "hướng dẫn thi hành;\n"
            "Theo đề nghị của Giám đốc Sở\n"
            "Tư pháp tại Tờ trình số 1620/TTr-STP ngày 18 tháng 8 năm 2022.\n"
            "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh,\n"
            "Thủ trưởng các sở, ban, ngành thuộc tỉnh chịu trách nhiệm thi hành Quyết định này./.\n"
            "Căn cứ Kế hoạch số 18/KH-UBND ngày 29/3/2012 của Ủy ban nhân dân tỉnh về kế hoạch "
            "cải cách hành chính tỉnh Tuyên\n"
            "Quang giai đoạn 2011 - 2015,\n"
            "Ủy ban nhân dân tỉnh ban hành kế hoạch\n"
            "6. Xây dựng và phát triển Chính phủ điện tử, Chính phủ số\n"
            "Trong quý I năm 2024, UBND xã tiếp tục duy trì hệ thống quản lý văn bản và điều hành.\n")
    text += ("Điều 2. Giao\n"  # corpus/dev/025: the article's first word alone on its line
             "Giám đốc Sở Nội vụ hướng dẫn, theo dõi, kiểm tra đôn đốc việc thực hiện Quyết\n"
             "định này.\n"
             "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc\n"  # corpus/dev2/e008: a title before a body
             "Sở Tư pháp, Thủ trưởng các sở, ban, ngành cấp tỉnh chịu trách nhiệm thi hành./.\n")
    text += ("I. MỤC ĐÍCH,\n"  # corpus/web/v027: a heading in capitals wrapped after its comma
             "YÊU CẦU\n"
             "1. Mục đích\n")
    text += ("Điều 2.\n"  # corpus/web/v058: an article's number alone, then its short title
             "Trách nhiệm đối với công tác văn thư\n"
             "1. Thủ trưởng các cơ quan, tổ chức\n")
    text += ("Phát triển chính phủ điện tử giai đoạn 2019 - 2020, định hướng đến 2025\n"  # corpus/dev16/docs/p006
             "Căn cứ Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ về một số nhiệm vụ, giải pháp\n")
    lines = normalise(text, hard_wrapped=True).text.split("\n")
    assert "Phát triển chính phủ điện tử giai đoạn 2019 - 2020, định hướng đến 2025" in lines  # each basis starts a line
    assert "Điều 2. Trách nhiệm đối với công tác văn thư" in lines
    assert "I. MỤC ĐÍCH, YÊU CẦU" in lines and "1. Mục đích" in lines
    assert "Điều 2. Giao Giám đốc Sở Nội vụ hướng dẫn, theo dõi, kiểm tra đôn đốc việc thực hiện Quyết định này." \
        in lines
    assert any(ln.startswith("Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Tư pháp") for ln in lines)
    assert "Theo đề nghị của Giám đốc Sở Tư pháp tại Tờ trình số 1620/TTr-STP ngày 18 tháng 8 năm 2022." in lines
    assert any(ln.startswith("Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Thủ trưởng") for ln in lines)
    assert any(ln.startswith("Ủy ban nhân dân tỉnh ban hành kế hoạch") for ln in lines)
    assert "6. Xây dựng và phát triển Chính phủ điện tử, Chính phủ số" in lines


@pytest.mark.parametrize("stem, wrapped", [
    ("000_46eead6140f5e907", False), ("001_7a29a15c01ae068e", True),
    ("002_99a9c136d6925e8d", False), ("003_29ff7cf71591a7d7", False),
    ("004_f580b31eeab4bf04", True),
])
def test_pdf_extracted_seeds_are_detected_as_hard_wrapped(stem, wrapped):
    from conftest import ROOT

    text = (ROOT / "corpus" / "reports" / f"{stem}.txt").read_text(encoding="utf-8")
    assert is_hard_wrapped(text) is wrapped


def test_fold_removes_marks_for_search():
    assert fold("Nghị định 61/2018/NĐ-CP") == "nghi dinh 61/2018/nd-cp"


def test_a_site_s_tag_under_a_byline_is_not_the_rest_of_a_sentence():
    # corpus/blind/docs/b024 ends "Mai Hoàng" / "" / "baohatinh"
    for wrapped in (False, True):
        text = normalise("Hà Tĩnh có 1.819 thủ tục hành chính.\n\nMai Hoàng\n\nbaohatinh", hard_wrapped=wrapped).text
        assert text.endswith("Mai Hoàng\nbaohatinh")
    # a Vietnamese word in lower case still continues the line it was cut from
    assert "tổ chức hội nghị" in normalise("UBND xã đã tổ\nchức hội nghị.").text


def test_a_full_line_stopping_on_a_semicolon_before_a_count_in_small_letters_goes_on():
    # corpus/dev14/docs/q004 (PDF): "… 33 đề nghị xây dựng văn bản quy phạm pháp luật[1];" / "176 dự án, …"
    wide = "Năm 2024, Bộ Tư pháp đã thẩm định đối với 33 đề nghị xây dựng văn bản quy phạm pháp luật[1];"
    text = normalise(f"{wide}\n176 dự án, dự thảo văn bản quy phạm pháp luật[2]; tham gia thẩm định các luật.",
                     hard_wrapped=True).text
    assert "\n" not in text
    # a short list item stopping on its semicolon ends there
    text = normalise("- Tổng số hồ sơ tiếp nhận: 120;\n150 hồ sơ được giải quyết đúng hạn.", hard_wrapped=True).text
    assert "\n" in text


def test_a_list_item_cut_before_the_document_it_names_goes_on():
    # corpus/web/z086 (PDF): "- Triển khai, thực hiện có hiệu quả" / "Nghị quyết số 76/NQ-CP ngày 15/7/2021 …"
    text = normalise("1. Mục đích\n- Triển khai, thực hiện có hiệu quả\nNghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính "
                     "phủ về ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;",
                     hard_wrapped=True).text
    assert "- Triển khai, thực hiện có hiệu quả Nghị quyết số 76/NQ-CP" in text
    # a numbered heading above a citation stays a heading
    assert normalise("1. Căn cứ\nNghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ.", hard_wrapped=True).text.count("\n") == 1


def test_a_pdfs_page_breaks_do_not_end_its_paragraphs():
    # A PDF reader parts pages by a blank line; a sentence running on over a page break goes on,
    # even before a capital, though the same blank lines in a wrapped .txt would part paragraphs.
    page = ("UBND xã đã tiếp nhận và giải quyết hồ sơ thủ tục hành chính đúng quy trình, công khai,\n"
            "minh bạch; cán bộ một cửa hướng dẫn tổ chức, công dân nộp hồ sơ trực tuyến trên Cổng\n"
            "dịch vụ công, cập nhật kết quả giải quyết trên Hệ thống thông tin của tỉnh theo\n")
    last = "Quyết định số 12/QĐ-UBND ngày 05/01/2024 và Kế hoạch số 07/KH-UBND ngày 12/01/2024 của"
    text = "\n\n".join([page + last] * 3) + " UBND huyện.\n"
    copied = normalise(text, hard_wrapped=True).text
    assert "ngày 12/01/2024 của UBND xã đã tiếp nhận" in copied and copied.count("\n") == 0
    typed = normalise(text).text  # a .txt: blank lines between wrapped blocks part paragraphs
    assert typed.count("\n") == 2


def test_a_news_lead_opening_on_its_date_never_goes_on_the_headline():
    # corpus/dev17/y017 copied out of a PDF: a headline that fills its line, then "Ngày 19/8, …"
    text = ("Quảng Nam đang xếp thứ 21 cả nước về Bộ chỉ số phục vụ người dân và doanh nghiệp\n"
            "Ngày 19/8, Văn phòng UBND tỉnh đã công bố số liệu về số liệu Bộ chỉ số phục vụ người dân\n"
            "và doanh nghiệp của sở, ban, ngành và UBND các huyện, thị xã, thành phố. Theo đó,\n"
            "tỉnh Quảng Nam đứng vị trí 21/63, đạt 80,1 điểm, xếp loại Tốt (bình quân cả nước 75.5 điểm).\n")
    lines = normalise(text, hard_wrapped=True).text.split("\n")
    assert lines[0].endswith("doanh nghiệp") and lines[1].startswith("Ngày 19/8, Văn phòng")
    assert len(lines) == 2
