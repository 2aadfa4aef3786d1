"""Meta fields of any CCHC document, one rule per test, on short excerpts of real
development documents (corpus/extra, corpus/web, corpus/dev2)."""

from __future__ import annotations

import pytest

from cchc_nlp.structure import build_report
from cchc_nlp.units import news_subject, provinces_named


def meta(text: str):
    return build_report(text, file="x", sha256="", fmt="txt", gazetteer=False).meta


def test_number_on_the_line_under_its_label():
    # corpus/dev2/docs/e006: the header hard-wrapped, "Số:" and the number on two lines
    m = meta("ỦY BAN NHÂN\nDÂN\nTỈNH HƯNG YÊN\n--------\n|\nCỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM\n"
             "Độc lập - Tự do - Hạnh phúc\n---------------\n|\nSố:\n10/2015/QĐ-UBND\n|\n"
             "Hưng Yên, ngày\n22 tháng 5 năm 2015\n|\nQUYẾT ĐỊNH\n"
             "BAN HÀNH QUY CHẾ RÀ SOÁT, ĐÁNH GIÁ THỦ TỤC HÀNH\nCHÍNH TRÊN ĐỊA BÀN TỈNH HƯNG YÊN\n"
             "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26/11/2003;\n")
    assert (m.number, m.date.isoformat(), m.unit_name) == ("10/2015/QĐ-UBND", "2015-05-22", "Hưng Yên")


def test_a_regulation_does_not_take_the_number_of_the_decision_issuing_it():
    # corpus/extra/043: "(Ban hành kèm theo Quyết định số: 59/QĐ-UBND / Ngày 22 tháng 7 năm 2021 …)"
    m = meta("ỦY BAN NHÂN DÂN\nXÃ XUÂN PHÚ\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
             "QUY CHẾ LÀM VIỆC\nCỦA ỦY BAN NHÂN DÂN XÃ XUÂN PHÚ NHIỆM KỲ 2021 -2026\n"
             "(Ban hành\nkèm theo Quyết định số: 59/QĐ-UBND\n"
             "Ngày 22 tháng 7 năm 2021 của Ủy ban nhân dân xã Xuân\nPhú)\n"
             "Chương I\nNHỮNG QUY ĐỊNH CHUNG\n")
    assert m.kind == "quy_che" and m.number is None and m.date is None
    assert (m.period.kind, m.period.year) == ("giai_doan", 2021)


def test_a_province_named_in_the_text_is_one_the_country_has():
    # corpus/extra/027: "… của Uỷ ban nhân dân tỉnh Quy định đánh giá …" names no province
    m = meta("Cung cấp tài liệu kiểm chứng tự đánh giá, chấm điểm công tác CCHC năm 2021\n"
             "Ngày cập nhật 06/10/2021\n"
             "Thực hiện Quyết định số 3130/QĐ-UBND ngày 05/12/2019 của Uỷ ban nhân dân tỉnh Quy định đánh "
             "giá, xếp loại công tác cải cách hành chính tại Ủy ban nhân dân các xã, phường, thị trấn; "
             "Quyết định số 2271/QĐ-UBND ngày 29/12/2020 về việc phê duyệt Kế hoạch Cải cách hành chính "
             "huyện A Lưới năm 2021;\n")
    assert m.province is None
    assert (m.unit_kind, m.unit_name) == ("huyen", "A Lưới")


def test_no_district_without_a_unit():
    # corpus/extra/082: the communes of a whole province; "xã Lai Hưng, huyện Bàu Bàng" is one cited
    m = meta("80 đơn vị cấp xã tăng điểm\nCập nhật: 14-08-2018 | 06:27:44\n"
             "Kết quả trung bình Chỉ số CCHC năm 2017 của các xã, phường, thị trấn là 79,11%. Năm 2017, có "
             "80 đơn vị cấp xã tăng điểm so với năm 2016, tăng nhiều nhất là xã Lai Hưng, huyện Bàu Bàng.\n")
    assert m.unit_kind is None and m.district is None


def test_a_photo_caption_names_no_period():
    # corpus/blind/docs/c019 (corpus/blind/README.md, change 11): the caption's year is its photo's
    m = meta("Hội nghị công bố chỉ số cải cách hành chính của các sở, ban, ngành năm 2021. Ảnh: K.P\n"
             "(BL-KP) Để đánh giá tình hình, kết quả triển khai thực hiện công tác cải cách hành chính của các "
             "sở, ban, ngành tỉnh, UBND tỉnh ban hành Kế hoạch kiểm tra.\n"
             "Theo đó, trong quý IV/2022, UBND tỉnh sẽ thành lập Đoàn kiểm tra công tác cải cách hành chính.\n")
    assert m.period is None or m.period.year != 2021


def test_news_subject_short_forms_and_numbered_units():
    # corpus/extra/032 "Theo UBND TP.Hội An, …" under a byline; corpus/extra/076 "UBND Q.1"
    assert news_subject("Quý III, Hội An giải quyết 10.455 hồ sơ, thủ tục hành chính",
                        "NHƯ QUỲNH |\nTheo UBND TP.Hội An, trong quý III.2020, tổng số hồ sơ là 10.455.") \
        == ("thanh_pho", "Hội An")
    assert news_subject("", "Trong năm 2018, UBND Q.1 tiếp nhận 585.336 hồ sơ hành chính. Kết quả …") \
        == ("quan", "1")


def test_news_subject_boards_labels_and_provinces_a_headline_places_it_in():
    # corpus/web/w030: a board opens the headline, named up to its level
    assert news_subject("Ban Chỉ đạo cải cách hành chính tỉnh kiểm tra công tác cải cách hành chính năm 2024 "
                        "tại các huyện Văn Lãng, Tràng Định, Bắc Sơn", "") == \
        ("khac", "Ban Chỉ đạo cải cách hành chính tỉnh")
    # corpus/web/t040: a council opens the first sentence after its date; the abbreviation goes
    assert news_subject("Tổng kết công tác phổ biến, giáo dục pháp luật và 5 năm thực hiện Luật Hòa giải",
                        "- Ngày 25-4, Hội đồng Phối hợp phổ biến, giáo dục pháp luật (PBGDPL) tỉnh tổ chức hội "
                        "nghị tổng kết.") == ("khac", "Hội đồng Phối hợp phổ biến, giáo dục pháp luật tỉnh")
    # corpus/web/v010: the headline is labelled with the city, the first sentence names a commune
    assert news_subject("THÀNH PHỐ LẠNG SƠN: TUYÊN TRUYỀN LUẬT HÒA GIẢI Ở CƠ SỞ NĂM 2023",
                        "Ngày 18/5/2023, UBND thành phố phối hợp với UBND xã Quảng Lạc tổ chức Hội nghị.") == \
        ("thanh_pho", "Lạng Sơn")
    # corpus/web/y058, w064: a province the headline places the news in
    assert news_subject("Sau sáp nhập các đơn vị hành chính tại Quảng Ngãi: Xử lý tài sản công gặp khó?",
                        "Cán bộ các đơn vị vẫn chuyển dần tài sản sau khi hợp nhất huyện Trà Bồng.") == \
        ("tinh", "Quảng Ngãi")
    assert news_subject("Không khí khẩn trương trước ngày phường mới hoạt động chính thức ở Thái Nguyên",
                        "Với tinh thần khẩn trương, các địa phương đang tất bật.") == ("tinh", "Thái Nguyên")
    # the people's council is no board
    assert news_subject("Hội đồng nhân dân tỉnh họp phiên bất thường", "") != ("khac", "Hội đồng nhân dân tỉnh")


def test_news_subject_departments_after_a_clause_and_provinces_never_named():
    # corpus/web/x070: "Thực hiện chỉ thị của Chủ tịch UBND tỉnh …, Sở Nội vụ đã …"
    assert news_subject("", "Thực hiện chỉ thị của Chủ tịch UBND tỉnh về việc tăng cường kỷ luật, kỷ cương, "
                            "Sở Nội vụ Thanh Hóa đã tổ chức kiểm tra cải cách hành chính.") == ("so", "Sở Nội vụ")
    # … but the source of the figures is no subject (corpus/web/w038: the headline places it in Bắc Giang)
    assert news_subject("190 xã ở Bắc Giang đạt chuẩn tiếp cận pháp luật",
                        "(BGĐT) - Theo thông tin từ Sở Tư pháp Bắc Giang, đến nay toàn tỉnh có 190/206 xã.") \
        == ("tinh", "Bắc Giang")
    # corpus/web/y059, z055: the province by its kind alone
    assert news_subject("Toàn tỉnh tiếp nhận 56.039 hồ sơ giải quyết thủ tục hành chính trong quý I", "") \
        == ("tinh", None)
    assert news_subject("", "Hiện nay, tỉnh có 1827 dịch vụ công được kết nối Cổng Dịch vụ công Quốc gia.") \
        == ("tinh", None)
    # corpus/blind/docs/a023, a014 (corpus/blind/README.md, change 8): a sentence that opens on "Tỉnh", named
    # further on; "… của tỉnh"
    assert news_subject("", "Tỉnh cũng đã xây dựng được 15 trung tâm phục vụ hành chính công.\n"
                            "Bên cạnh đó, hàng năm, tỉnh Quảng Ninh đã chỉ đạo các cơ quan rà soát TTHC.") \
        == ("tinh", "Quảng Ninh")
    assert news_subject("Trên 98% thủ tục hành chính được giải quyết đúng và trước hạn",
                        "Sau 3 tháng, hệ thống thông tin giải quyết TTHC của tỉnh cơ bản ổn định.") == ("tinh", None)
    # corpus/web/t002: "Chiều 11-3, UBND thành phố tổ chức hội nghị …"; a city's chairman is no city
    assert news_subject("", "Chủ tịch UBND thành phố Phạm Đức Ấn chủ trì hội nghị.") != ("thanh_pho", "Phạm Đức Ấn")
    assert news_subject("", "UBND phường Trần Hưng Đạo tổ chức hội nghị.") == ("phuong", "Trần Hưng Đạo")
    # corpus/extra/054 (dev9): the province by its kind, before its chairman's name
    assert news_subject("Tăng cường chấp hành kỷ luật, kỷ cương hành chính nhà nước",
                        "Chủ tịch UBND tỉnh Lê Trí Thanh vừa ký ban hành Công văn số 2577/UBND-NCKS.") == ("tinh", None)


def test_news_subject_named_by_its_kind_alone():
    # corpus/extra/070: "Ủy ban nhân dân thị trấn" first, "UBND TT Đại Nghĩa" further on
    body = ("Theo đó, Ủy ban nhân dân thị trấn đã ban hành Quy chế hoạt động của bộ phận một cửa.\n"
            "Ông Nguyễn Văn Ninh, Chủ tịch UBND thị trấn cho biết, các TTHC đều được công khai.\n"
            "Năm 2016, UBND TT Đại Nghĩa đã tiếp nhận 1.200 hồ sơ.")
    assert news_subject("", body) == ("thi_tran", "Đại Nghĩa")
    # corpus/extra/072: the text never names it
    body = ("Trong năm, công tác cải cách hành chính theo cơ chế “một cửa” đi vào nề nếp. Ủy ban nhân dân "
            "thị trấn đã ban hành các văn bản chỉ đạo.")
    assert news_subject("", body) == ("thi_tran", None)


def test_news_subject_under_a_headline_left_in_the_body():
    # corpus/extra/078: "date 2026-01-19 100% thủ tục …" is the headline, the unit is in the next line
    body = ("date 2026-01-19 100% thủ tục hành chính thực hiện trực tuyến\n"
            "Mới đây, chị Hà Thị Phượng (SN 1999, trú tại Hà Nội) được người thân ủy quyền thực hiện các "
            "thủ tục tại Trung tâm phục vụ hành chính công phường Thành Sen, tỉnh Hà Tĩnh.")
    assert news_subject("", body) == ("phuong", "Thành Sen")


def test_news_subject_province_with_a_dash():
    # corpus/web/z073: "UBND tỉnh Bà Rịa - Vũng Tàu"
    assert news_subject("", "Năm 2013, UBND tỉnh Bà Rịa - Vũng Tàu đã chỉ đạo các sở, ngành.") \
        == ("tinh", "Bà Rịa - Vũng Tàu")


def test_news_date_lines_and_headlines():
    # corpus/extra/069: "05/01/2024 16:04 View Count: 115" under the headline
    m = meta("Bộ phận một cửa xã Song Liễu nâng cao chất lượng hoạt động\n"
             "05/01/2024 16:04 View Count: 115\n"
             "Thời gian qua, xã Song Liễu quan tâm cải cách hành chính, nâng cao chất lượng hoạt động.\n")
    assert (m.kind, m.unit_name, m.date.isoformat()) == ("tin_bai", "Song Liễu", "2024-01-05")
    # corpus/extra/082: a headline that starts with a figure
    m = meta("80 đơn vị cấp xã tăng điểm\nCập nhật: 14-08-2018 | 06:27:44\n"
             "Kết quả trung bình Chỉ số CCHC năm 2017 của các xã, phường, thị trấn là 79,11%.\n")
    assert (m.kind, m.date.isoformat()) == ("tin_bai", "2018-08-14")


def test_a_photo_caption_does_not_make_a_news_item_a_report():
    # corpus/extra/077: "(Đồng chí … phường báo cáo kết quả triển năm 2025)"
    m = meta("13/02/2026\n"
             "Sáng ngày 12/2, UBND phường Nam Gia Nghĩa tổ chức cuộc họp triển khai các nhiệm vụ trọng tâm "
             "về cải cách hành chính năm 2026.\n(Toàn cảnh cuộc họp)\n"
             "Tại cuộc họp, các đại biểu đã nghe báo cáo đánh giá kết quả thực hiện năm 2025.\n"
             "(Đồng chí Lê Thị Xuân – Trưởng phòng Văn hóa – Xã hội phường báo cáo kết quả triển năm 2025)\n")
    assert (m.kind, m.unit_name, m.date.isoformat()) == ("tin_bai", "Nam Gia Nghĩa", "2026-02-13")


def test_period_is_not_a_target_year_nor_a_quoted_programme():
    from cchc_nlp.structure import document_period

    # corpus/extra/061: "Với mục tiêu Đến năm 2025, Thừa Thiên Huế trở thành …"
    assert document_period("Với mục tiêu Đến năm 2025, Thừa Thiên Huế trở thành thành phố trực thuộc "
                           "Trung ương, tỉnh đã tập trung cao cho công tác cải cách hành chính") is None
    # corpus/dev2/docs/e002: the Đề án's span is in quotes, the plan's year after it
    p = document_period("PHÁT ĐỘNG PHONG TRÀO THI ĐUA THỰC HIỆN ĐỀ ÁN 06 VỀ “PHÁT TRIỂN ỨNG DỤNG DỮ LIỆU VỀ "
                        "DÂN CƯ … GIAI ĐOẠN 2022-2025, TẦM NHÌN ĐẾN NĂM 2030” NĂM 2023 TRÊN ĐỊA BÀN TỈNH HÀ GIANG")
    assert (p.kind, p.year) == ("nam", 2023)
    # "giai đoạn 2021 - 2025, định hướng đến năm 2030" is still a span
    assert document_period("chuyển đổi số giai đoạn 2021 - 2025, định hướng đến năm 2030").kind == "giai_doan"


def test_period_of_a_report_without_title_is_in_its_own_words():
    # corpus/extra/003: "Thực hiện Quyết định … năm 2021;" then "… báo cáo … 6 tháng đầu năm 2021"
    m = meta("Được viết ngày Thứ sáu, 11 Tháng 6 2021 15:45\n"
             "Thực hiện Quyết định số 541/QĐ-UBND ngày 11/01/2021 của Ủy ban nhân dân thành phố Hòa Bình, ban "
             "hành Kế hoạch cải cách hành chính nhà nước trên địa bàn thành phố năm 2021;\n"
             "Ban Chỉ đạo cải cách hành chính (CCHC) thành phố tổng hợp, báo cáo tình hình thực hiện công tác "
             "CCHC 6 tháng đầu năm 2021. Cụ thể như sau:\n"
             "I. TÌNH HÌNH THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH 6 THÁNG ĐẦU NĂM 2021\n")
    assert m.kind == "bao_cao" and (m.period.kind, m.period.year) == ("6_thang", 2021)


def test_period_of_a_report_is_the_one_its_reporting_sentence_states():
    # corpus/extra/009: the bases name a programme "giai đoạn 2011-2020"; the sentence in which the
    # province reports ("… báo cáo kết quả … năm 2012 … như sau:") states the period
    m = meta("- 14/01/2013 10:35:00 PM\n"
             "Thực hiện Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ ban hành Chương trình tổng thể "
             "cải cách hành chính nhà nước giai đoạn 2011-2020; Nghị quyết của HĐND tỉnh, UBND tỉnh ban hành Kế "
             "hoạch cải cách hành chính năm 2012. Qua một năm tổ chức triển khai, UBND tỉnh Tây Ninh báo cáo kết "
             "quả chủ yếu của công tác cải cách hành chính năm 2012 (CCHC) trên địa bàn tỉnh như sau:\n"
             "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH\n")
    assert (m.period.kind, m.period.year) == ("nam", 2012)


def test_period_stated_after_the_bases_of_an_untitled_report():
    # corpus/blind/b002 (an excerpt that opens on its outline): the sentence after the bases
    # ("Căn cứ Quyết định … năm 2024 … . Trong quý III/2024, UBND phường …") states the period;
    # the bases' own years are not read as it
    m = meta("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH\n"
             "1. Công tác chỉ đạo, điều hành\n"
             "Căn cứ Quyết định số 02/QĐ-UBND ngày 03/01/2024 của Ủy ban nhân dân Thành phố Huế về việc ban "
             "hành Kế hoạch cải cách hành chính năm 2024 của Thành phố Huế với trọng tâm là cải thiện môi "
             "trường kinh doanh và chuyển đổi số. Trong quý III/2024, UBND phường Trường An đã ban hành các "
             "văn bản chỉ đạo, thực hiện công tác CCHC cụ thể như sau:\n"
             "Công văn số 136/UBND-CCHC ngày 19/6/2024 về việc thực hiện nghiệp vụ hành chính công;\n")
    assert (m.period.kind, m.period.quarter, m.period.year) == ("quy", 3, 2024)
    # corpus/web/z088: a list of bases joined by ";" is one basis, its "năm 2021" no period
    m = meta("KẾ HOẠCH\nKhảo sát mức độ hài lòng\n"
             "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện cơ chế "
             "một cửa; Kế hoạch số 342/KH-UBND ngày 08 tháng 12 năm 2020 của Ủy ban nhân dân tỉnh về thực "
             "hiện nhiệm vụ cải cách hành chính năm 2021 trên địa bàn tỉnh Tiền Giang.\n"
             "I. MỤC ĐÍCH, YÊU CẦU\n")
    assert m.period is None


def test_period_of_a_news_item_is_in_its_first_paragraph():
    # corpus/extra/061: author and affiliation under the headline, a sub-title further down
    m = meta("Thừa Thiên Huế thực hiện cải cách hành chính đáp ứng yêu cầu thực tiễn\n"
             "ThS. Nguyễn Thị Thu Hương\nHọc viện Hành chính Quốc gia\n"
             "(Quanlynhanuoc.vn) – Với mục tiêu Đến năm 2025, Thừa Thiên Huế trở thành thành phố trực thuộc "
             "Trung ương”, tỉnh Thừa Thiên Huế đã tập trung cao cho công tác cải cách hành chính.\n"
             "Một số kết quả công tác cải cách hành chính đạt được trong quý III/2023\n")
    assert m.kind == "tin_bai" and m.period is None


def test_a_web_page_carrying_a_document_it_announces():
    # corpus/extra/052: headline "Hướng dẫn …", "Ngày 25/3/2020, Sở Tư pháp ban hành Văn bản số …"
    m = meta("Hướng dẫn thực hiện công tác phổ biến, giáo dục pháp luật; hòa giải ở cơ sở năm 2020\n"
             "Ngày 25/3/2020, Sở Tư pháp ban hành Văn bản số 473/STP-PBGDPL về việc hướng dẫn thực hiện công "
             "tác phổ biến, giáo dục pháp luật năm 2020, cụ thể như sau:\n"
             "Thực hiện Văn bản số 979/BTP-PBGDPL ngày 19/3/2020 của Bộ Tư pháp về việc hướng dẫn …\n"
             "I. CÔNG TÁC PHỔ BIẾN, GIÁO DỤC PHÁP LUẬT (PBGDPL)\n")
    assert (m.kind, m.unit_kind, m.unit_name) == ("khac", "so", "Sở Tư pháp")
    assert (m.number, m.date.isoformat()) == ("473/STP-PBGDPL", "2020-03-25")
    # corpus/extra/028: "Ngày 14 tháng 01 năm 2022, Sở Nội vụ đã ban hành Thông báo số 46/TB-SNV …"
    m = meta("Thông báo kết quả cải cách hành chính các xã, phường, thị trấn năm 2021\n"
             "Ngày cập nhật 14/01/2022\n"
             "Ngày 14 tháng 01 năm 2022, Sở Nội vụ đã ban hành Thông báo số 46/TB-SNV Kết quả đánh giá công "
             "tác cải cách hành chính của UBND các xã, phường, thị trấn trên địa bàn tỉnh năm 2021\n"
             "Căn cứ Quyết định số 3130/QĐ-UBND ngày 05/12/2019 của UBND tỉnh ban hành quy định đánh giá;\n")
    assert (m.kind, m.unit_kind, m.unit_name, m.number) == ("thong_bao", "so", "Sở Nội vụ", "46/TB-SNV")


def test_a_news_item_summarising_a_document_stays_a_news_item():
    # corpus/web/y053: the plan is summarised ("Mục đích của kế hoạch …"), not carried
    m = meta("Kế hoạch kiểm tra công tác Cải cách hành chính năm 2019\n"
             "Ngày 18/4/2019, UBND tỉnh Quảng Trị vừa ban hành Kế hoạch số 1629/KH-UBND kiểm tra công tác "
             "Cải cách hành chính năm 2019.\n"
             "Mục đích của kế hoạch kiểm tra để đánh giá đúng thực trạng tình hình lãnh đạo, chỉ đạo.\n")
    assert (m.kind, m.unit_kind, m.unit_name, m.number) == ("tin_bai", "tinh", "Quảng Trị", None)


def test_issuer_from_a_legal_sites_card_when_the_header_names_none():
    # corpus/extra/060: "| Cơ quan ban hành | Thành phố Huế |" above a bare "ỦY BAN NHÂN DÂN"
    m = meta("Chỉ thị 18/CT-UBND năm 2025 tăng cường kỷ cương, kỷ luật hành chính\n"
             "| Số hiệu | 18/CT-UBND |\n| Ngày ban hành | 29/12/2025 |\n| Loại văn bản | Chỉ thị |\n"
             "| Cơ quan ban hành | Thành phố Huế |\n| Người ký | Nguyễn Khắc Toàn |\n|\n"
             "ỦY BAN NHÂN DÂN\n|\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM |\n|\nSố: 18/CT-UBND |\n"
             "Huế, ngày 29 tháng 12 năm 2025 |\nCHỈ THỊ\nTĂNG CƯỜNG KỶ CƯƠNG, KỶ LUẬT HÀNH CHÍNH\n"
             "Thành phố Huế chính thức trở thành thành phố trực thuộc Trung ương từ ngày 01/01/2025.\n")
    assert (m.kind, m.unit_kind, m.unit_name, m.province) == ("khac", "tinh", "Huế", "Huế")


def test_issuer_from_the_place_line_under_a_bare_council():
    # corpus/dev2/docs/e003: the "TỈNH HÀ TĨNH" line lost; "UBND tỉnh ban hành Kế hoạch …"
    m = meta("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
             "Số: 223/KH-UBND | Hà Tĩnh, ngày 30 tháng 6 năm 2021 |\n"
             "Thực hiện Quyết định số 468/QĐ-TTg ngày 27/3/2021 của Thủ tướng Chính phủ phê duyệt Đề án, UBND "
             "tỉnh ban hành Kế hoạch triển khai thực hiện Đề án trên địa bàn tỉnh, cụ thể như sau:\n"
             "1. Mục đích\n")
    assert (m.unit_kind, m.unit_name, m.province) == ("tinh", "Hà Tĩnh", "Hà Tĩnh")
    # without that sentence the council's number and the province's name still say it: a district
    # dates its texts at its own name (a city named as its province is read as the province; on the
    # development sets this gained three units and lost none)
    m = meta("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
             "Số: 223/KH-UBND | Hà Tĩnh, ngày 30 tháng 6 năm 2021 |\n"
             "Thực hiện Quyết định số 468/QĐ-TTg ngày 27/3/2021 của Thủ tướng Chính phủ, cụ thể như sau:\n")
    assert (m.unit_kind, m.unit_name) == ("tinh", "Hà Tĩnh")
    m = meta("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
             "Số: 223/KH-UBND | Cẩm Xuyên, ngày 30 tháng 6 năm 2021 |\n"
             "Thực hiện Quyết định số 468/QĐ-TTg ngày 27/3/2021 của Thủ tướng Chính phủ, cụ thể như sau:\n")
    assert m.unit_kind is None  # a district's town names no province


def test_news_subject_is_not_the_unit_in_an_officials_title():
    # corpus/extra/080: "ông Nguyễn Văn Được, Chủ tịch UBND TPHCM, … phường Phú An"
    body = ("date 2025-07 Đoàn công tác do ông Nguyễn Văn Được, Chủ tịch UBND TPHCM, chủ trì đã kiểm tra "
            "tình hình hoạt động của Trung tâm Phục vụ hành chính công của phường Phú An.\n"
            "Tham dự còn có ông Bùi Minh Thạnh, Phó chủ tịch UBND TPHCM.")
    assert news_subject("", body) == ("phuong", "Phú An")
    m = meta(body)
    assert (m.unit_name, m.province) == ("Phú An", "Hồ Chí Minh")
    # corpus/web/z046: the official's unit when the sentence names no other
    assert news_subject("", "Chủ tịch UBND TPHCM vừa ký quyết định ban hành Quy chế tổ chức và hoạt động "
                            "của Tổ công tác đặc biệt về kiểm tra công vụ.") == ("tinh", "Hồ Chí Minh")


def test_news_subject_province_opening_a_clause_of_the_headline():
    # corpus/web/z085: "Đánh giá … năm 2022, Trà Vinh xếp hạng 25/63 …" / "Lượt xem: 665"
    assert news_subject("Đánh giá mức độ chuyển đổi số năm 2022, Trà Vinh xếp hạng 25/63 tỉnh, thành phố\n"
                        "Lượt xem: 665", "Tại hội nghị sơ kết 6 tháng đầu năm 2023 …") == ("tinh", "Trà Vinh")


def test_a_headline_period_takes_its_year_from_the_first_sentence():
    # corpus/extra/032: "Quý III, Hội An …" / "Theo UBND TP.Hội An, trong quý III.2020, …"
    m = meta("Quý III, Hội An giải quyết 10.455 hồ sơ, thủ tục hành chính\nNHƯ QUỲNH |\n"
             "Theo UBND TP.Hội An, trong quý III.2020, tổng số hồ sơ yêu cầu giải quyết là 10.455 hồ sơ, thủ "
             "tục hành chính; trong đó hồ sơ mới tiếp nhận là 10.133 hồ sơ.\n")
    assert (m.unit_kind, m.unit_name) == ("thanh_pho", "Hội An")
    assert (m.period.kind, m.period.quarter, m.period.year) == ("quy", 3, 2020)


def test_a_report_without_header_names_itself_where_it_reports():
    # corpus/extra/003 (see test_period_of_a_report_without_title_is_in_its_own_words)
    m = meta("Được viết ngày Thứ sáu, 11 Tháng 6 2021 15:45\n"
             "Thực hiện Quyết định số 541/QĐ-UBND ngày 11/01/2021 của Ủy ban nhân dân thành phố Hòa Bình, ban "
             "hành Kế hoạch cải cách hành chính nhà nước trên địa bàn thành phố năm 2021;\n"
             "Ban Chỉ đạo cải cách hành chính (CCHC) thành phố tổng hợp, báo cáo tình hình thực hiện công tác "
             "CCHC 6 tháng đầu năm 2021. Cụ thể như sau:\n"
             "I. TÌNH HÌNH THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH 6 THÁNG ĐẦU NĂM 2021\n")
    assert (m.unit_kind, m.unit_name) == ("khac", "Ban Chỉ đạo cải cách hành chính thành phố")


def test_a_number_is_not_a_department():
    from cchc_nlp.layout import unit_of

    # corpus/web/w022: "Số 924/SNV-CCHC Ngày 07-9-2015 V/v báo cáo …" ("Số" folds to "so")
    assert unit_of("Số 924/SNV-CCHC Ngày 07-9-2015 V/v") is None
    assert unit_of("SỞ NỘI VỤ") == ("so", "Sở Nội vụ")


def test_a_wards_district_is_a_quan_named_in_the_text():
    # corpus/extra/068: "Phường Nam Sơn xếp thứ 3/10 phường …" / "Uỷ ban nhân dân quận Kiến An ban hành …"
    m = meta("Phường Nam Sơn xếp thứ 3/10 phường về kết quả xếp hạng cải cách hành chính năm 2021\n"
             "Cập nhật: 15/04/2022 18:36\n"
             "Ngày 13/4/2022, Uỷ ban nhân dân quận Kiến An ban hành Quyết định số 343/QĐ-UBND về việc công bố "
             "Chỉ số cải cách hành chính của Uỷ ban nhân dân các phường năm 2021.\n")
    assert (m.unit_kind, m.unit_name, m.district) == ("phuong", "Nam Sơn", "Kiến An")


def test_a_plan_without_header_in_its_own_words():
    # corpus/extra/023: a hard-wrapped plan; the city is never named, its "quận, huyện" are
    m = meta("Thực hiện Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện cơ chế "
             "một cửa trong giải quyết thủ tục hành chính, Ủy ban nhân dân thành phố ban hành Kế hoạch triển "
             "khai như sau:\n"
             "2.2. Xây dựng hệ thống đánh giá hài lòng về giải quyết thủ tục hành chính và triển khai hệ thống "
             "đánh giá đến các sở, ban, ngành, Ủy ban nhân dân quận, huyện, xã, phường, thị trấn.\n")
    assert (m.kind, m.unit_kind, m.unit_name, m.province) == ("ke_hoach", "tinh", None, None)


def test_news_subject_a_headline_labelled_with_a_bare_district_name():
    # corpus/web/y050 and z012: the label before the colon is a city and a district the gazetteer knows
    assert news_subject("Quy Nhơn: Thành lập Tổ kiểm tra công tác cải cách hành chính năm 2013",
                        "Theo đó, từ ngày 1.8 đến ngày 17.9.2013, Tổ kiểm tra công tác cải cách hành chính thành "
                        "phố tiến hành kiểm tra.") == ("thanh_pho", "Quy Nhơn")
    assert news_subject("Giồng Trôm: Dự kiến có 7 ấp phải sáp nhập",
                        "Toàn huyện hiện có 7 ấp (Bình Thạnh, Châu Bình và Đội Bảy, xã Tân Hào; Giồng Chủ, xã Tân "
                        "Lợi Thạnh) có diện tích nhỏ.") == ("huyen", "Giồng Trôm")
    # a label the gazetteer does not know as one district is no unit
    assert news_subject("Thông báo: Lịch tiếp công dân tháng 5", "Lịch tiếp công dân.") is None


def test_news_subject_a_department_whose_report_is_the_source_and_a_province_acting_after_a_clause():
    # corpus/web (dev10 048): "Theo báo cáo của Sở Tư pháp, …"
    assert news_subject("Tăng cường công tác kiểm tra, rà soát văn bản quy phạm pháp luật",
                        "Theo báo cáo của Sở Tư pháp, năm 2010, công tác kiểm tra, rà soát văn bản quy phạm pháp "
                        "luật của tỉnh được củng cố.") == ("so", "Sở Tư pháp")
    # corpus/web/z047: the province acts after an opening clause of the lead
    assert news_subject("", "Từ những bước chân “tình nguyện” xuống tận khóm, ấp đến những con số ấn tượng về hạ "
                            "tầng viễn thông, An Giang đang viết nên một chương mới trong hành trình chuyển đổi "
                            "số.") == ("tinh", "An Giang")


def test_news_subject_a_body_named_down_to_its_unit_that_acts_in_the_lead():
    # corpus/web/y074, w070 (dev17): a centre, a provincial board acting in the lead's main clause
    assert news_subject("", "Trong năm 2024, Trung tâm Hành chính công tỉnh Bình Thuận đã tiếp nhận 94.665 hồ sơ "
                            "thủ tục hành chính.") == ("khac", "Trung tâm Hành chính công tỉnh Bình Thuận")
    assert news_subject("Phổ biến, giáo dục pháp luật cho đồng bào vùng dân tộc thiểu số, miền núi huyện Phú Bình ()",
                        "Nhằm nâng cao hiểu biết pháp luật trong đồng bào dân tộc thiểu số huyện Phú Bình, trong 03 "
                        "ngày, từ 13-15/10/2016, Ban Dân tộc tỉnh Thái Nguyên đã phối hợp với Sở Tư pháp.") == \
        ("khac", "Ban Dân tộc tỉnh Thái Nguyên")
    # corpus/extra/029 (dev10): a team of a council is the council's, the commune it inspects is the subject
    assert news_subject("", "Ngày 17/9, Đoàn kiểm của UBND huyện đã kiểm tra công tác CCHC nhà nước năm 2021 tại xã "
                            "Tân Kỳ.")[0] != "khac"


def test_news_subject_skips_a_photo_caption_above_the_lead():
    # corpus/web/x042 (dev12): the caption names the centre; the lead's subject is the province
    assert news_subject("", "Trung tâm Hành chính công tỉnh Bắc Ninh chính thức đi vào hoạt động phục vụ người dân và "
                            "doanh nghiệp. (Ảnh: Thái Hùng/TTXVN)\nNgày 17/5, tỉnh Bắc Ninh chính thức đưa vào hoạt "
                            "động Trung tâm hành chính công của tỉnh.") == ("tinh", "Bắc Ninh")


def test_news_date_lines_with_the_author_first_the_word_ngay_or_the_time_zone():
    # corpus/web x015, z042, z037 (dev17)
    for date_line, iso in (("Tuấn Điệp - 05/08/2025 - 09:17", "2025-08-05"),
                           ("Thứ Sáu, ngày 15/03/2024 | 08:10", "2024-03-15"),
                           ("Thứ hai, 06/08/2018 | 09:01:04 GMT+7", "2018-08-06"),
                           # corpus/web y044, y035, v028 (dev18): a slash before the time and "Sáng";
                           # authors in capitals or by initials before the date
                           ("Thứ Năm, 15-09-2022 / 7:35:19 Sáng", "2022-09-15"),
                           ("GIANG BIÊN - TRUNG THỰC 14/07/2022 14:15", "2022-07-14"),
                           ("LHT 00:56, 13/01/2023", "2023-01-13"),
                           # corpus/web y076, z014, y047 (dev20): a minute mark, an author cell, a section first
                           ("10:25' - 06/07/2019", "2019-07-06"),
                           ("Ngày đăng bài: 26/12/2019 | Tác giả: Vĩnh Hạ", "2019-12-26"),
                           ("Pháp luật - Ngày đăng : 05:07, 27/05/2025", "2025-05-27")):
        m = meta(f"Giải ngân vốn đầu tư công đạt hơn 13%\n{date_line}\n(HG) - Theo UBND tỉnh, tổng khối lượng thực "
                 "hiện vốn đầu tư công 2 tháng đầu năm được 865,9 tỉ đồng, đạt 13,1% kế hoạch.\n")
        assert (m.kind, m.date.isoformat()) == ("tin_bai", iso)


def test_news_subject_a_province_acting_anywhere_in_the_first_sentence():
    # corpus/web t048, y055 (dev17): no unit is named with its kind; the province acts in the lead
    assert news_subject("", "Chuyển đổi số gắn với cải cách tổ chức bộ máy đang được Hà Nội xác định là hướng đi "
                            "trọng tâm nhằm xây dựng nền quản trị hiện đại.\nThực hiện mục tiêu …") == ("tinh", "Hà Nội")
    assert news_subject("Dịch vụ bưu chính công tăng 1,76 lần",
                        "Ngành chức năng Lâm Đồng cho biết, các tổ chức và người dân trong tỉnh sử dụng dịch vụ bưu "
                        "chính công đã tăng lên 1,76 lần trong năm 2019.") == ("tinh", "Lâm Đồng")


@pytest.mark.parametrize("text, expected", [
    # corpus/web/w028 (dev6): a portal's copy of a department's letter, no header; "Sở Nội vụ đề nghị …"
    ("Công văn số 1238 ngày 8/11/2016 V/v báo cáo số liệu cải cách hành chính năm 2015-2016.\n"
     "Đăng ngày: 08/11/2016 17:20:05\nKính gửi:\n– Thủ trưởng các sở, ban, ngành;\n"
     "– Chủ tịch UBND các huyện, thành phố.\n"
     "Thực hiện văn bản số 1494-CV/TU ngày 20/10/2016 của Tỉnh ủy Sơn La về báo cáo số liệu.\n"
     "Nhằm chuẩn hóa và có hệ thống số liệu cải cách hành chính (CCHC) hàng năm.\n"
     "Sở Nội vụ đề nghị các sở, ban, ngành, UBND các huyện, thành phố trên địa bàn tỉnh, báo cáo số liệu.\n",
     ("cong_van", "so", "Sở Nội vụ")),
    # corpus/web/z066 (dev17): a department asks the districts to report ("Định kỳ … báo cáo tình hình"):
    # news, not a report; no headline is left
    ("Ảnh: Báo Cà Mau\nTheo đó, Sở Thông tin và Truyền thông đề nghị Ủy ban nhân dân các huyện, thành phố "
     "Cà Mau chỉ đạo Đài Truyền thanh tổ chức các hoạt động tuyên truyền.\nĐịnh kỳ trước ngày 01/6 và 01/12 "
     "hằng năm báo cáo tình hình tổ chức thực hiện gởi Sở Thông tin và Truyền thông.\nBBT\n",
     ("tin_bai", "so", "Sở Thông tin và Truyền thông")),
])
def test_a_text_without_header_names_its_sender_where_it_asks(text, expected):
    m = meta(text)
    assert (m.kind, m.unit_kind, m.unit_name) == expected


def test_news_subject_boards_committees_and_bodies_named_with_their_province():
    # corpus/web w001, y048, y006, y031 (dev18)
    assert news_subject("Họp Ban Chỉ đạo Cải cách hành chính tỉnh Lạng Sơn năm 2023",
                        "Sáng ngày 01/11/2023, Ban Chỉ đạo Cải cách hành chính tỉnh Lạng Sơn đã tổ chức họp để đánh "
                        "giá kết quả.") == ("khac", "Ban Chỉ đạo Cải cách hành chính tỉnh Lạng Sơn")
    assert news_subject("Ban Pháp chế HĐND tỉnh giám sát công tác tuyên truyền pháp luật và trợ giúp pháp lý tại "
                        "huyện Thuận Bắc", "Ban Pháp chế HĐND tỉnh đã giám sát công tác tuyên truyền.") == \
        ("khac", "Ban Pháp chế HĐND tỉnh")
    assert news_subject("Tuyên truyền lưu động về cải cách hành chính năm 2022",
                        "Trong những ngày qua, Trung tâm Văn hóa Quảng Nam tổ chức tuyên truyền lưu động cơ sở.") == \
        ("khac", "Trung tâm Văn hóa Quảng Nam")
    # a headline opening with a bare name the lead gives with its kind
    assert news_subject("Hải Châu chuyển mình theo chuyển đổi số (kỳ 1)",
                        "(Đà Nẵng). Hải Châu là quận trung tâm của thành phố Đà Nẵng. Trong chuyển đổi số, quận Hải "
                        "Châu có nhiều thuận lợi.") == ("quan", "Hải Châu")


def test_news_subject_two_subjects_joined_by_va_are_no_body():
    # corpus/blind/docs/a002 (first blind set, no longer blind): an office and a city share the lead
    assert news_subject("Văn phòng UBND tỉnh và Thành phố Yên Bái tiếp tục dẫn đầu bảng xếp hạng chỉ số cải cách "
                        "hành chính năm 2021", "")[0] != "khac"


def test_news_subject_offices_and_bodies_labelling_a_headline():
    # corpus/web x008, z041, u006, x034 (dev20)
    assert news_subject("Phòng nội vụ huyện Đô Lương kiểm tra kỷ luật, kỷ cương hành chính tại các xã", "") == \
        ("khac", "Phòng nội vụ huyện Đô Lương")
    assert news_subject("", "Ngày 12 tháng 6 năm 2012, Phòng Tư pháp huyện Hoà Thành phối hợp với Trung tâm Trợ giúp "
                            "pháp lý tỉnh Tây Ninh tổ chức trợ giúp pháp lý lưu động.") == \
        ("khac", "Phòng Tư pháp huyện Hoà Thành")
    assert news_subject("Trung tâm hành chính công một cấp: Sẽ tiết kiệm, nhanh, hiệu quả hơn",
                        "Trung tâm phục vụ hành chính công TP.HCM hướng đến sự chuyên nghiệp hóa bộ phận hướng dẫn.") \
        == ("khac", "Trung tâm phục vụ hành chính công TP.HCM")
    assert news_subject("Trung tâm Phục vụ hành chính công tỉnh: 10 ngày, trả kết quả hơn 1.300 lượt hồ sơ tại nhà",
                        "Chỉ trong 10 ngày đầu tháng 3 đã có hơn 1.300 lượt hồ sơ được trả tại nhà.") == \
        ("khac", "Trung tâm Phục vụ hành chính công tỉnh")
    # "Phòng, chống …" is no office
    assert news_subject("", "Phòng, chống tham nhũng tỉnh đã đạt nhiều kết quả.") != ("khac", "Phòng, chống tham nhũng tỉnh")



def test_news_of_a_councils_session_reports_no_term():
    # corpus/web/v033 (dev20): the headline names the council's term only
    m = meta("Kỳ họp chuyên đề thứ Nhất, Hội đồng nhân dân phường Việt Trì khóa I, nhiệm kỳ 2021-2026\n"
             "Sáng 15/8, HĐND phường Việt Trì tổ chức kỳ họp chuyên đề thứ Nhất để xem xét, quyết định một số nội "
             "dung quan trọng thuộc thẩm quyền.\n")
    assert m.kind == "tin_bai" and m.period is None


def test_news_subject_central_bodies_districts_the_gazetteer_knows_and_provinces_that_rank():
    # corpus/web w015, y089, y016, w037, w023 (dev20)
    assert news_subject("", "Ủy ban Thường vụ Quốc hội vừa ban hành Nghị quyết số: 1240/NQ-UBTVQH15 về việc sắp xếp "
                            "đơn vị hành chính cấp xã của tỉnh Thái Nguyên.") == ("khac", "Ủy ban Thường vụ Quốc hội")
    assert news_subject("", "Ngày 16 tháng 9 năm 2021, Uỷ ban Dân tộc đã Phê duyệt danh sách các thôn đặc biệt khó "
                            "khăn.") == ("khac", "Uỷ ban Dân tộc")
    assert news_subject("Bắc Trà My xếp vị trí thứ nhất chỉ số cải cách hành chính",
                        "Bắc Trà My tiếp tục vươn lên vị trí thứ 1.") == ("huyen", "Bắc Trà My")
    assert news_subject("Chợ Đồn công nhận 19 xã thị trấn đạt chuẩn tiếp cận pháp luật",
                        "Công chức tư pháp xã Đại Sảo giải quyết thủ tục hành chính cho người dân.") == \
        ("huyen", "Chợ Đồn")
    assert news_subject("Cải cách hành chính: Nhìn từ các chỉ số",
                        "Theo công bố chỉ số cải cách hành chính (CCHC) của Ban Chỉ đạo CCHC của Chính phủ, Tuyên "
                        "Quang đạt 86,57%, xếp thứ 34/63 tỉnh, thành phố.") == ("tinh", "Tuyên Quang")


def test_news_subject_a_headline_that_is_a_bodys_name_and_a_centre_placed_in_the_lead():
    # corpus/web z038 (dev17), y009 (dev20)
    assert news_subject("Trung tâm phục vụ hành chính công phường Bình Lộc",
                        "Trung tâm Hành chính công Phường Bình Lộc sẽ chính thức bắt đầu vận hành thử nghiệm.") == \
        ("khac", "Trung tâm phục vụ hành chính công phường Bình Lộc")
    assert news_subject("", "Ngay từ sáng sớm, Trung tâm phục vụ hành chính công phường Nam Nha Trang đặt tại trụ sở xã "
                            "Vĩnh Thái đã đông kín người dân.") == \
        ("khac", "Trung tâm phục vụ hành chính công phường Nam Nha Trang")


def test_the_presidents_name_is_no_city():
    # corpus/web/w035: a news item opens on a quotation of President Hồ Chí Minh; the city is
    # written "Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh" or "TP.HCM", never bare
    m = meta("Xây dựng đội ngũ cán bộ cơ sở\n"
             "Chủ tịch Hồ Chí Minh từng nói: “Cấp xã là gần dân nhất, là nền tảng của hành chính. Cấp xã "
             "làm được việc thì mọi việc đều xong”. Thấm nhuần lời dạy của Bác và nhận thức rõ tầm quan trọng "
             "của cán bộ chủ chốt cấp xã, những năm qua, Ban Thường vụ (BTV) Thành ủy Tuyên Quang luôn quan "
             "tâm, chăm lo xây dựng, củng cố đội ngũ cán bộ cấp cơ sở xã, phường.\n")
    assert m.province != "Hồ Chí Minh" and m.unit_name != "Hồ Chí Minh"
    # the chairman of the city's committee still speaks for the city
    m = meta("Chủ tịch TP.HCM yêu cầu đẩy nhanh giải quyết thủ tục hành chính\n"
             "Chủ tịch UBND TP.HCM vừa ký văn bản yêu cầu các sở, ngành rút ngắn thời gian giải quyết hồ sơ.\n")
    assert m.province == "Hồ Chí Minh"


def test_a_provinces_committee_acting_in_news_is_named_by_the_province_the_item_names():
    # corpus/web/w052: "UBND tỉnh" acts; the item names one province as such ("của Thái Nguyên")
    m = meta("Thực hiện công tác cải cách hành chính nhà nước giai đoạn 2021 - 2030\n"
             "24/09/2020 21:00\n"
             "Sự hiệu quả trong hoạt động quản lý, điều hành của bộ máy chính quyền các cấp sau 10 năm triển "
             "khai chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2011-2020 đã cho thấy hướng đi "
             "đúng đắn của Thái Nguyên khi gắn công tác cải cách hành chính với phát triển kinh tế - xã hội bền "
             "vững… Đây là khẳng định của đồng chí Lê Quang Tiến - Phó Chủ tịch UBND tỉnh tại Hội nghị trực "
             "tuyến Tổng kết 10 năm thực hiện công tác cải cách hành chính của tỉnh.\n"
             "Theo báo cáo, UBND tỉnh đã ban hành nhiều văn bản chỉ đạo, điều hành.\n")
    assert (m.unit_kind, m.unit_name) == ("tinh", "Thái Nguyên")
    # a province's name inside a body's or after a city's abbreviation is not the province named
    # (corpus/blind/b015, corpus/web/z076)
    assert provinces_named("Đài Phát thanh và Truyền hình Đắk Lắk; Báo Đắk Lắk; UBND TP. Bến Tre") == set()


def test_a_headline_where_the_provincial_council_acts_names_the_province():
    # corpus/web/v074 (dev18): "HĐND tỉnh ban hành Nghị quyết …"; the lead names the province
    # ("… trên địa bàn tỉnh Bắc Giang"), never the council acting
    from pathlib import Path

    from cchc_nlp.pipeline import parse

    path = next((Path(__file__).resolve().parent.parent / "corpus" / "web").glob("v074_*.txt"))
    m = parse(path, gazetteer=False).meta
    assert (m.kind, m.unit_kind, m.unit_name) == ("tin_bai", "tinh", "Bắc Giang")


def test_a_headline_tagged_in_square_brackets_still_opens_on_its_province():
    # corpus/dev22/r034: "[Inforgraphic] - Quảng Nam xây dựng chính quyền điện tử, …"
    assert news_subject("[Inforgraphic] - Quảng Nam xây dựng chính quyền điện tử, chính quyền số chuyên nghiệp", "") \
        == ("tinh", "Quảng Nam")
    assert news_subject("(QNO) - Quảng Nam xây dựng chính quyền điện tử", "") == ("tinh", "Quảng Nam")


def test_an_official_who_acts_speaks_for_his_unit():
    # corpus/dev22/r028: "Ngày 3/10, ông Hồ Văn Mười, Chủ tịch UBND tỉnh Lâm Đồng, đã ký văn bản … tại
    # trụ sở UBND tỉnh Bình Thuận, Đắk Nông cũ": the province whose chairman signs, not the old seat
    assert news_subject("Bố trí công chức, viên chức làm việc tại trụ sở cũ",
                        "Ngày 3/10, ông Hồ Văn Mười, Chủ tịch UBND tỉnh Lâm Đồng, đã ký văn bản, gửi các cơ quan "
                        "chuyên môn của tỉnh về việc bố trí công chức, viên chức làm việc tại trụ sở UBND tỉnh "
                        "Bình Thuận, Đắk Nông cũ.") == ("tinh", "Lâm Đồng")
