"""Gazetteer behaviour on real strings from the seed reports (seeds/000–004).

000 xã Hoằng Lưu, huyện Hoằng Hóa, Thanh Hóa (spelt "Hoàng Lưu" in the body)
001 xã Định Biên, (huyện Định Hóa), tỉnh Thái Nguyên (no district in the text)
002 xã Đắk Ha, huyện Đắk Glong, (Đắk Nông) (spelt Đắk Ha / Đăk Ha / Đắc Ha / Đắk Hà)
003 xã Quảng Phú, huyện Quảng Điền, tỉnh Thừa Thiên Huế
004 xã Tân Việt, huyện Thanh Hà, tỉnh Hải Dương (PDF text, hard line breaks)
"""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from cchc_nlp import gazetteer
from cchc_nlp.errors import CchcError
from cchc_nlp.gazetteer import (
    LEGACY,
    MAP_2025,
    Respelling,
    all_units,
    find_unit_mentions,
    name_key,
    lookup,
    map_for,
    normalise_tone,
    predecessors,
    resolve,
    spelling_match,
    split_kind,
    successor,
)

# ---------------------------------------------------------------------------
# Loading


def test_the_index_builds_from_the_data_package():
    gazetteer._index.cache_clear()  # (its build time: benchmarks/bench_gazetteer.py)
    assert gazetteer._index() is not None


def test_both_maps_have_the_official_unit_counts():
    assert sum(1 for _ in all_units(map=LEGACY, kind="province")) == 63
    assert sum(1 for _ in all_units(map=MAP_2025, kind="province")) == 34
    # 2,621 xã + 687 phường + 13 đặc khu (DOMAIN.md, "Since 1 July 2025")
    assert sum(1 for _ in all_units(map=MAP_2025, kind="commune")) == 3321
    assert sum(1 for _ in all_units(map=MAP_2025, kind="dac_khu")) == 13
    assert sum(1 for _ in all_units(map=LEGACY, kind="district")) == 696


def test_missing_data_package_raises_a_cchc_error(monkeypatch):
    monkeypatch.setattr(gazetteer, "SOURCE_PACKAGE", "no_such_gazetteer_package")
    gazetteer._index.cache_clear()
    with pytest.raises(CchcError, match="chưa cài gói 'no_such_gazetteer_package'"):
        lookup("Hoằng Lưu")
    monkeypatch.undo()
    gazetteer._index.cache_clear()
    assert lookup("Hoằng Lưu")


def test_repeated_lookups_give_the_same_answer():
    gazetteer._index()  # (their speed: benchmarks/bench_gazetteer.py)
    first = resolve(commune="Hoàng Lưu", district="Hoằng Hóa"), lookup("Tân Việt", district="Thanh Hà")
    for _ in range(100):
        assert (resolve(commune="Hoàng Lưu", district="Hoằng Hóa"), lookup("Tân Việt", district="Thanh Hà")) == first


# ---------------------------------------------------------------------------
# Folding and exact keys


@pytest.mark.parametrize(
    "a, b",
    [
        ("Hoằng Lưu", "Hoàng Lưu"),  # 000: the body drops the breve
        ("Đắk Ha", "Đăk Ha"),  # 002
        ("Đắk Ha", "Đắc Ha"),  # 002: final c for k
        ("Đắk Ha", "Đắk Hà"),  # 002: the appendix adds a grave
        ("Đắk Glong", "Đăk Glong"),  # 002 vs the official spelling
        ("Hoà", "Hòa"),  # tone-mark placement
        ("Thuỷ", "Thủy"),
        ("XÃ HOÀNG LƯU", "xã Hoằng Lưu"),  # 000: header capitals
        ("Cư M'gar", "Cư M’Gar"),  # apostrophe and case
        ("Kỳ Anh", "Kì Anh"),  # final y/i
        ("Phường 01", "Phường 1"),
        ("Bà Rịa - Vũng Tàu", "Bà Rịa–Vũng Tàu"),
        (unicodedata.normalize("NFD", "Hoằng Lưu"), "Hoằng Lưu"),  # decomposed Unicode
    ],
)
def test_spelling_variants_fold_to_the_same_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    "name, key",
    [
        ("Hoằng Lưu", "hoang luu"),
        ("Hoàng Lưu", "hoang luu"),
        ("Đắc Ha", "dak ha"),
        ("Đăk Ha", "dak ha"),
        ("Thừa Thiên Huế", "thua thien hue"),
    ],
)
def test_fold_is_lower_case_ascii_syllables(name, key):
    assert name_key(name) == key


@pytest.mark.parametrize(
    "a, b",
    [
        ("Hoằng Lưu", "Hoằng Lộc"),
        ("Tân Việt", "Tân Viên"),
        ("Quảng Phú", "Quảng Khê"),  # 002 names another commune of Đăk Glong
    ],
)
def test_different_names_fold_to_different_keys(a, b):
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hoà", "Hòa"),
        ("Thuỷ Xuân, Hoà Bình", "Thủy Xuân, Hòa Bình"),
        ("khoẻ", "khỏe"),
        ("HOÀ", "HÒA"),
        ("Quý", "Quý"),  # u belongs to qu: the tone stays on y
        ("hoàn", "hoàn"),  # closed syllable: only one placement
        ("Hoằng Hóa", "Hoằng Hóa"),
    ],
)
def test_tone_marks_are_moved_to_the_official_placement(text, expected):
    assert normalise_tone(text) == expected


def test_tone_placement_is_an_exact_match_but_a_missing_breve_is_not():
    [hoang_luu] = lookup("Hoằng Lưu", district="Hoằng Hóa")
    assert spelling_match("Hoằng Lưu", hoang_luu) == "exact"
    assert spelling_match("HOẰNG LƯU", hoang_luu) == "exact"
    assert spelling_match("Hoàng Lưu", hoang_luu) == "folded"
    assert spelling_match("Hoằng Lộc", hoang_luu) is None
    [hoang_hoa] = lookup("Hoằng Hoá", kind="huyen")
    assert hoang_hoa.name == "Hoằng Hóa"
    assert spelling_match("Hoằng Hoá", hoang_hoa) == "exact"


# ---------------------------------------------------------------------------
# Lookup


def test_lookup_reads_the_kind_word_in_the_name():
    assert lookup("xã Hoằng Lưu") == lookup("Hoằng Lưu", kind="xa")
    assert split_kind("huyện Đắk Glong") == (frozenset({"huyen"}), "Đắk Glong")


def test_lookup_returns_exact_matches_before_folded_ones():
    # Hoằng Hóa has both Hoằng Phú and Hoằng Phụ: an exact spelling picks one.
    assert [u.name for u in lookup("Hoằng Phụ", district="Hoằng Hóa")] == ["Hoằng Phụ"]
    assert [u.name for u in lookup("Hoằng Phú", district="Hoằng Hóa")] == ["Hoằng Phú"]
    # Misspelt, both fold alike: the closer spelling comes first.
    assert [u.name for u in lookup("Hoàng Phu", district="Hoằng Hóa")] == ["Hoằng Phú", "Hoằng Phụ"]


def test_lookup_filters_by_district_and_province():
    assert len(lookup("Quảng Phú", kind="xa")) > 5
    [unit] = lookup("Quảng Phú", district="Quảng Điền")
    assert (unit.district, unit.province) == ("Quảng Điền", "Huế")
    [unit] = lookup("Tân Việt", district="Thanh Hà", province="Hải Dương")
    assert unit.code == "10825"


def test_lookup_finds_a_province_by_its_former_name():
    units = lookup("tỉnh Thừa Thiên Huế")
    assert {(u.name, u.map) for u in units} == {("Huế", LEGACY), ("Huế", MAP_2025)}


def test_lookup_rejects_an_unknown_kind_or_map():
    with pytest.raises(ValueError, match="unknown unit kind"):
        lookup("Hoằng Lưu", kind="village")
    with pytest.raises(ValueError, match="unknown map"):
        lookup("Hoằng Lưu", map="1990")


# ---------------------------------------------------------------------------
# Resolution of the seed units


@pytest.mark.parametrize(
    "commune, district, province, expected",
    [
        ("Hoàng Lưu", "Hoằng Hóa", None, ("Hoằng Lưu", "Hoằng Hóa", "Thanh Hóa")),  # 000, misspelt
        ("Định Biên", None, "Thái Nguyên", ("Định Biên", "Định Hóa", "Thái Nguyên")),  # 001, no district
        ("Đắk Ha", "Đắk Glong", None, ("Đắk Ha", "Đăk Glong", "Đắk Nông")),  # 002, no province
        ("Tân Việt", "Thanh Hà", None, ("Tân Việt", "Thanh Hà", "Hải Dương")),  # 004
        # 003: tỉnh Thừa Thiên Huế became Thành phố Huế on 2025-01-01; the
        # legacy map is the state on 2025-06-30.
        ("Quảng Phú", "Quảng Điền", None, ("Quảng Phú", "Quảng Điền", "Huế")),
        ("xã Quảng Phú", "huyện Quảng Điền", "tỉnh Thừa Thiên Huế", ("Quảng Phú", "Quảng Điền", "Huế")),
    ],
)
def test_seed_unit_resolves_to_its_district_and_province(commune, district, province, expected):
    result = resolve(commune=commune, district=district, province=province)
    assert result.unit is not None
    assert (result.unit.name, result.unit.district, result.unit.province) == expected
    assert (result.district, result.province) == expected[1:]
    assert result.unit.kind == "xa"
    assert result.map == LEGACY


@pytest.mark.parametrize(
    "commune, district, respellings",
    [
        ("Hoàng Lưu", "Hoằng Hóa", [Respelling("commune", "Hoàng Lưu", "Hoằng Lưu", "folded")]),
        (
            "Đắc Ha",
            "Đắk Glong",
            [
                Respelling("commune", "Đắc Ha", "Đắk Ha", "folded"),
                Respelling("district", "Đắk Glong", "Đăk Glong", "folded"),  # GSO spells Đăk
            ],
        ),
        ("Đắk Hà", "Đăk Glong", [Respelling("commune", "Đắk Hà", "Đắk Ha", "folded")]),
        ("Đăk Ha", "Đăk Glong", [Respelling("commune", "Đăk Ha", "Đắk Ha", "folded")]),
    ],
)
def test_reporting_unit_spelt_differently_is_flagged_with_the_official_spelling(commune, district, respellings):
    result = resolve(commune=commune, district=district)
    assert result.misspelt
    assert list(result.respellings) == respellings


@pytest.mark.parametrize(
    "commune, district, province",
    [
        ("Hoằng Lưu", "Hoằng Hóa", None),
        ("Hoằng Lưu", "Hoằng Hoá", None),  # tone placement is not a misspelling
        ("XÃ HOẰNG LƯU", "HUYỆN HOẰNG HÓA", None),  # nor are header capitals
        ("xã Định Biên", None, "tỉnh Thái Nguyên"),
        ("Đắk Ha", "Đăk Glong", None),
    ],
)
def test_official_spelling_is_not_flagged(commune, district, province):
    result = resolve(commune=commune, district=district, province=province)
    assert result.unit is not None
    assert not result.misspelt


def test_province_given_by_its_former_name_is_flagged_as_alias():
    result = resolve(commune="Quảng Phú", district="Quảng Điền", province="Thừa Thiên Huế")
    assert result.respellings == (Respelling("province", "Thừa Thiên Huế", "Huế", "alias"),)


def test_commune_alone_fills_in_district_and_province():
    result = resolve(commune="Hoàng Lưu")  # 000: the only "hoang luu" in the country
    assert (result.unit.name, result.district, result.province) == ("Hoằng Lưu", "Hoằng Hóa", "Thanh Hóa")


def test_district_alone_fills_in_the_province():
    result = resolve(district="huyện Đắk Glong")
    assert result.unit.kind == "huyen"
    assert result.province == "Đắk Nông"


def test_ambiguous_commune_still_yields_its_province():
    # Hải Dương has a xã Tân Việt in Thanh Hà (004) and another in Bình Giang.
    result = resolve(commune="Tân Việt", province="Hải Dương")
    assert result.ambiguous and result.unit is None
    assert sorted(u.district for u in result.candidates) == ["Bình Giang", "Thanh Hà"]
    assert (result.district, result.province) == (None, "Hải Dương")


def test_closest_spelling_wins_among_folded_matches():
    result = resolve(commune="Hoàng Phú", district="Hoằng Hóa")
    assert result.unit.name == "Hoằng Phú"  # not Hoằng Phụ: one mark closer


def test_unknown_commune_still_yields_district_and_province():
    result = resolve(commune="xã Không Tồn Tại", district="Thanh Hà")
    assert result.unit is None
    assert (result.district, result.province) == ("Thanh Hà", "Hải Dương")
    assert result.unmatched == ("commune",)


def test_commune_outside_the_given_district_is_not_chosen():
    # 002 names xã Quảng Khê (Đăk Glong); there is no Quảng Khê in Hoằng Hóa.
    result = resolve(commune="Quảng Khê", district="Hoằng Hóa")
    assert result.unit is None
    assert result.province == "Thanh Hóa"


# ---------------------------------------------------------------------------
# The 2025 map


@pytest.mark.parametrize(
    "commune, district, successor_name, successor_province",
    [
        ("Hoằng Lưu", "Hoằng Hóa", "Hoằng Châu", "Thanh Hóa"),
        ("Định Biên", "Định Hóa", "Bình Yên", "Thái Nguyên"),
        ("Đắk Ha", "Đăk Glong", "Bắc Gia Nghĩa", "Lâm Đồng"),  # Đắk Nông merged into Lâm Đồng
        ("Tân Việt", "Thanh Hà", "Hà Bắc", "Hải Phòng"),  # Hải Dương merged into Hải Phòng
        ("Quảng Phú", "Quảng Điền", "Đan Điền", "Huế"),
    ],
)
def test_seed_commune_has_its_2025_successor(commune, district, successor_name, successor_province):
    unit = resolve(commune=commune, district=district).unit
    [after] = successor(unit)
    assert (after.name, after.province, after.map, after.district) == (
        successor_name, successor_province, MAP_2025, None,
    )
    assert unit in predecessors(after)


def test_new_ward_resolves_on_the_2025_map():
    # Hà Giang city became phường Hà Giang 1 and 2 of the merged Tuyên Quang.
    result = resolve(commune="phường Hà Giang 1", province="Tuyên Quang")
    assert result.map == MAP_2025
    assert (result.unit.kind, result.unit.name, result.province) == ("phuong", "Hà Giang 1", "Tuyên Quang")
    assert "Nguyễn Trãi" in {u.name for u in predecessors(result.unit)}


def test_merged_province_resolves_on_the_2025_map_of_a_late_report():
    result = resolve(province="Tuyên Quang", map=map_for(date(2025, 9, 30)))
    assert result.map == MAP_2025
    assert sorted(u.name for u in predecessors(result.unit)) == ["Hà Giang", "Tuyên Quang"]
    [ha_giang] = lookup("Hà Giang", kind="tinh", map=LEGACY)
    assert successor(ha_giang) == (result.unit,)


def test_name_on_both_maps_resolves_to_legacy_unless_the_map_is_given():
    assert resolve(commune="Bình Yên", province="Thái Nguyên").unit.district == "Định Hóa"
    assert resolve(commune="Bình Yên", province="Thái Nguyên", map=MAP_2025).map == MAP_2025


def test_special_zone_exists_only_on_the_2025_map():
    result = resolve(commune="đặc khu Phú Quốc")
    assert (result.unit.kind, result.province, result.map) == ("dac_khu", "An Giang", MAP_2025)
    [con_dao] = lookup("Côn Đảo", kind="huyen")  # an island district without communes
    assert [(u.kind, u.province) for u in successor(con_dao)] == [("dac_khu", "Hồ Chí Minh")]


@pytest.mark.parametrize(
    "day, expected",
    [(date(2025, 6, 30), LEGACY), (date(2025, 7, 1), MAP_2025), (date(2023, 12, 11), LEGACY)],
)
def test_map_for_switches_on_1_july_2025(day, expected):
    assert map_for(day) == expected


# ---------------------------------------------------------------------------
# Mentions in text


@pytest.mark.parametrize(
    "text, start, end, name, match, unit",
    [
        # 000, opening sentence: misspelt own name
        ("Thực hiện chế độ báo cáo cải cách hành chính định kỳ năm 2024. UBND xã Hoàng Lưu báo cáo kết quả"
         " thực hiện CCHC 6 tháng đầu năm 2024, cụ thể như sau:",
         68, 80, "Hoàng Lưu", "folded", ("Hoằng Lưu", "Thanh Hóa")),
        # 000, appendix title in capitals with a Markdown remnant
        (" CÁI CÁCH HÀNH CHÍNH CỦA UBND XÃ HOÀNG LƯU**", 30, 42, "HOÀNG LƯU", "folded", ("Hoằng Lưu", "Thanh Hóa")),
        ("Thực hiện Quyết định số 5272/QĐ-UBND ngày 29/12/2023 của Chủ tịch UBND huyện Hoằng Hóa về ban hành",
         71, 86, "Hoằng Hóa", "exact", ("Hoằng Hóa", "Thanh Hóa")),
        # 001
        (" UBND xã Định Biên đã xây dựng và ban hành các văn bản về cải cách hành ",
         6, 18, "Định Biên", "exact", ("Định Biên", "Thái Nguyên")),
        # 002, three spellings of one commune and a district spelt Đắk
        ("theo dõi thi hành pháp luật trên địa bàn xã Đắc Ha; Kế hoạch số 24/KH-UBND ngày 31/01/2024",
         41, 50, "Đắc Ha", "folded", ("Đắk Ha", "Đắk Nông")),
        ("Xây dựng Zalo chuyển đổi số xã Đăk Ha, niêm yết ứng dụng quét mã QR-Code",
         28, 37, "Đăk Ha", "folded", ("Đắk Ha", "Đắk Nông")),
        ("(Kèm theo Báo cáo số /BC-UBND ngày 07/03/2024 của UBND xã Đắk Hà)",
         55, 64, "Đắk Hà", "folded", ("Đắk Ha", "Đắk Nông")),
        ("Ban hành Kế hoạch CCHC huyện Đắk Glong năm 2024 với các lĩnh vực",
         23, 38, "Đắk Glong", "folded", ("Đăk Glong", "Đắk Nông")),
        # 003, the province by its former name
        ("trên địa bàn tỉnh Thừa Thiên Huế; đảm bảo", 13, 32, "Thừa Thiên Huế", "alias", ("Huế", "Huế")),
        ("dịch vụ đô thị thông minh huyện Quảng Điền năm 2023", 26, 42, "Quảng Điền", "exact", ("Quảng Điền", "Huế")),
        # 004, header and hard-wrapped PDF lines
        (" ỦY BAN NHÂN DÂN\nXÃ TÂN VIỆT\n", 17, 28, "TÂN VIỆT", "exact", ("Tân Việt", "Hải Dương")),
        ("Thực hiện Công văn số 126/UBND- NV  ngày 06/3/2023 của Ủy ban nhân dân \nhuyện Thanh Hà về thực hiện",
         72, 86, "Thanh Hà", "exact", ("Thanh Hà", "Hải Dương")),
        ("trên địa bàn xã \nTân Việt, giai đoạn 2021-2025", 13, 25, "Tân Việt", "exact", ("Tân Việt", "Hải Dương")),
        ("CCHC nhà nước của tỉnh Hải \nDương, giai đoạn 2021-2025", 18, 33, "Hải Dương", "exact",
         ("Hải Dương", "Hải Dương")),
    ],
)
def test_mention_has_exact_span_and_knows_the_unit(text, start, end, name, match, unit):
    [mention] = find_unit_mentions(text)
    assert (mention.start, mention.end, mention.name, mention.match) == (start, end, name, match)
    assert mention.surface == text[start:end]
    assert " ".join(text[mention.name_start : mention.name_end].split()) == name
    assert mention.known
    assert unit in {(u.name, u.province) for u in mention.units}


@pytest.mark.parametrize(
    "text",
    [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",  # 004: the national motto
        "đồng chí Chủ tịch UBND xã phụ trách",  # 001: no name after "xã"
        "cán bộ, công chức cấp xã và người hoạt động không chuyên trách",  # 003
        "kinh phí hoạt động của các tổ chức chính trị - xã hội ở cấp xã",  # 003
        "Số TTHC cấp xã\tThủ tục hành chính",  # appendix: a tab ends the table cell
        "TM. ỦY BAN NHÂN DÂN XÃ\n                        CHỦ TỊCH",  # 004: signature block
    ],
)
def test_kind_word_without_a_name_is_not_a_mention(text):
    assert find_unit_mentions(text) == []


def test_capitalised_word_after_kind_word_is_an_unknown_mention():
    text = "Việc áp dụng ISO trong hoạt động của UBND xã: UBND xã Đã hoàn thành hệ thống"  # 000
    [mention] = find_unit_mentions(text)
    assert (mention.surface, mention.known, mention.units) == ("xã Đã", False, ())


def test_mentions_tell_the_own_commune_from_another_one():
    # 002: the report of xã Đắk Ha names its own commune in three spellings
    # and, once, the neighbouring xã Quảng Khê.
    own = resolve(commune="Đắk Ha", district="Đắk Glong").unit
    text = (
        "Ban hành Kế hoạch số 26/KH-UBND ngày 26/1/2024 về công tác phổ biến, giáo dục, hoà giải cơ sở, "
        "chuẩn tiếp cận pháp luật xã Đắc Ha năm. 01 công chức Tài chính – Kế toán biệt phái đến công tác "
        "tại Ủy ban nhân dân xã Quảng Khê, tiếp nhận thêm 01 công chức. Xây dựng Zalo chuyển đổi số xã Đăk Ha."
    )
    verdicts = [
        (m.name, own in m.units, m.respelled) for m in find_unit_mentions(text)
    ]
    assert verdicts == [("Đắc Ha", True, True), ("Quảng Khê", False, False), ("Đăk Ha", True, True)]


@pytest.mark.parametrize(
    "text, surface, kind, name",
    [
        ("UBND Phường 12, Quận Gò Vấp, TP. Hồ Chí Minh", "Phường 12", "phuong", "12"),
        ("thành phố Phan Rang - Tháp Chàm, tỉnh Ninh Thuận", "thành phố Phan Rang - Tháp Chàm", "thanh_pho",
         "Phan Rang - Tháp Chàm"),
        ("huyện Ea H’leo", "huyện Ea H’leo", "huyen", "Ea H’leo"),
        ("đặc khu Phú Quốc, tỉnh An Giang", "đặc khu Phú Quốc", "dac_khu", "Phú Quốc"),
        ("UBND xã Hoằng Lưu Trong quý", "xã Hoằng Lưu", "xa", "Hoằng Lưu"),  # stops at the longest known name
    ],
)
def test_mention_forms_beyond_the_seeds(text, surface, kind, name):
    mention = find_unit_mentions(text)[0]
    assert (mention.surface, mention.kind, mention.name, mention.match) == (surface, kind, name, "exact")
