"""TCVN3 (ABC) and VNI legacy font encodings: charts, conversion, detection.

The passages are copied from the seed reports (corpus/reports, the same files
as the shared seeds); the legacy words are written by hand the way they look
when a .VnTime / VNI-Times document is read as Windows-1252 text.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from cchc_nlp.ingest.legacy import (
    LEGACY_BYTE_ENCODING,
    VIETNAMESE_LETTERS,
    detect_legacy,
    fix_legacy,
    legacy_to_unicode,
    unicode_to_legacy,
)

REPORTS = Path(__file__).resolve().parent.parent / "corpus" / "reports"
EXTRA = Path(__file__).resolve().parent.parent / "corpus" / "extra"

# --------------------------------------------------------------------------
# Real passages, verbatim from the seed reports.  (id, text, what TCVN3 gives
# back when it differs: TCVN3 has no toned capitals, so a capital such as the
# Ủ of "Ủy" at a sentence start comes back lowercase.)
# --------------------------------------------------------------------------
PASSAGES = [
    (
        "tan-viet-report",  # 004, one sentence wrapped over two lines in the file
        "UBND xã Tân Việt báo cáo kết quả thực hiện công tác cải cách hành chính "
        "nhà nước năm 2023 cụ thể như sau:",
        None,
    ),
    (
        "uy-ban-sentence-start",  # 002
        "Ủy ban nhân dân xã đã ban hành Kế hoạch số 22/KH-UBND ngày 18/01/2024 tuyên "
        "truyền công tác cải cách hành chính xã Đắk Ha năm 2024.",
        "ủy ban nhân dân xã đã ban hành Kế hoạch số 22/KH-UBND ngày 18/01/2024 tuyên "
        "truyền công tác cải cách hành chính xã Đắk Ha năm 2024.",
    ),
    (
        "giao-ban",  # 000
        "Việc tổ chức hội nghị giao ban công tác cải cách hành chính: Hàng tháng tại các "
        "cuộc họp giao ban UBND xã. UBND xã đã đánh giá tình hình triển khai thực hiện kế "
        "hoạch cải cách hành chính để khắc phục những thiếu sót, hạn chế và kịp thời chấn "
        "chỉnh những cán bộ, công chức có liên quan chưa thực hiện tốt các nội dung cải "
        "cách hành chính.",
        None,
    ),
    (
        "van-phong-thong-ke",  # 000
        "Đồng thời giao cho công chức văn phòng – thống kê UBND xã theo dõi việc giải "
        "quyết hồ sơ, công việc của cán bộ, công chức làm cơ sở để đánh giá, phân loại "
        "cán bộ, công chức cuối năm.",
        None,
    ),
    (
        "chi-tieu-noi-bo",  # 002
        "Thường xuyên rà soát, điều chỉnh, bổ sung và hoàn thiện quy chế chi tiêu nội bộ "
        "của cơ quan, đơn vị để quản lý, sử dụng có hiệu quả kinh phí quản lý hành chính, "
        "tiết kiệm, chống lãng phí:",
        None,
    ),
    (
        "ung-dung",  # 003
        "- Kết quả xây dựng, phát triển ứng dụng, dịch vụ phục vụ người dân, doanh nghiệp.",
        None,
    ),
    (
        "quoc-hieu",  # 004: the national motto block
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc",
        None,
    ),
    ("co-quan", " ỦY BAN NHÂN DÂN\nXÃ TÂN VIỆT", None),  # 004: the issuing body
    ("muc-i", "I. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG CCHC.", None),  # 004
    ("muc-i-chi-dao", "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", None),  # 000
]
PASSAGE_IDS = [p[0] for p in PASSAGES]
ENCODINGS = ["tcvn3", "vni"]


def _expected_back(text: str, tcvn3_back: str | None, encoding: str) -> str:
    """What a passage converted to ``encoding`` and back should read."""
    return tcvn3_back if encoding == "tcvn3" and tcvn3_back else text


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.skipif(not REPORTS.is_dir(), reason="seed reports not present")
@pytest.mark.parametrize("pid, text, _", PASSAGES, ids=PASSAGE_IDS)
def test_passages_are_verbatim_from_the_seed_reports(pid, text, _):
    seeds = _squash(" ".join(p.read_text(encoding="utf-8") for p in REPORTS.glob("*.txt")))
    assert _squash(text) in seeds


# --------------------------------------------------------------------------
# The charts
# --------------------------------------------------------------------------
VOWELS = "aăâeêioôơuưy"
# none, huyền, sắc, hỏi, ngã, nặng
TONE_MARKS = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]


def _letter(vowel: str, tone: int) -> str:
    return unicodedata.normalize("NFC", vowel + TONE_MARKS[tone])


ALL_VOWEL_FORMS = [(v, t) for v in VOWELS for t in range(6)]


def test_the_chart_holds_the_134_vietnamese_letters_outside_ascii():
    expected = {_letter(v, t) for v, t in ALL_VOWEL_FORMS} - set("aeiouy") | {"đ"}
    expected |= {c.upper() for c in expected}
    assert len(VIETNAMESE_LETTERS) == 134
    assert set(VIETNAMESE_LETTERS) == expected
    assert unicodedata.is_normalized("NFC", VIETNAMESE_LETTERS)
    assert VIETNAMESE_LETTERS[67:] == VIETNAMESE_LETTERS[:67].upper()


# VNI built from its rules rather than its chart: base byte + one mark byte.
VNI_BASE = {"ơ": "ô", "ư": "ö"}  # other vowels: the ASCII letter without accents
VNI_TONES = ["", "ø", "ù", "û", "õ", "ï"]  # on a e o u y ơ ư
VNI_CIRCUMFLEX = ["â", "à", "á", "å", "ã", "ä"]  # â ê ô, circumflex combined with the tone
VNI_BREVE = ["ê", "è", "é", "ú", "ü", "ë"]  # ă, breve combined with the tone
VNI_I = ["i", "ì", "í", "æ", "ó", "ò"]  # i has one byte per tone
VNI_Y_DOT = "î"  # ỵ too


def _vni_by_rule(vowel: str, tone: int) -> str:
    if vowel == "i":
        return VNI_I[tone]
    if vowel == "y" and tone == 5:
        return VNI_Y_DOT
    base = VNI_BASE.get(vowel, unicodedata.normalize("NFD", vowel)[0])
    if vowel in "âêô":
        return base + VNI_CIRCUMFLEX[tone]
    if vowel == "ă":
        return base + VNI_BREVE[tone]
    return base + VNI_TONES[tone]


@pytest.mark.parametrize("vowel, tone", ALL_VOWEL_FORMS, ids=lambda x: str(x))
def test_vni_writes_every_vowel_and_tone_as_its_base_and_mark_bytes(vowel, tone):
    letter = _letter(vowel, tone)
    vni = _vni_by_rule(vowel, tone)
    assert unicode_to_legacy(letter, "vni") == vni
    assert unicode_to_legacy(letter.upper(), "vni") == vni.upper()
    assert legacy_to_unicode(vni, "vni") == letter
    assert legacy_to_unicode(vni.upper(), "vni") == letter.upper()


def test_vni_writes_d_with_stroke_as_n_tilde():
    assert unicode_to_legacy("đĐ", "vni") == "ñÑ"
    assert legacy_to_unicode("ñÑ", "vni") == "đĐ"


# TCVN3 has no rule to rebuild it from: hand-written words, as .VnTime text
# looks when read as cp1252, which together use every one of its 74 codes.
TCVN3_WORDS = [
    # a: à á ả ã ạ
    ("hµnh", "hành"), ("b¸o c¸o", "báo cáo"), ("c¶i c¸ch", "cải cách"),
    ("x·", "xã"), ("H¹nh", "Hạnh"),
    # ă ằ ắ ẳ ẵ ặ
    ("n¨m", "năm"), ("b»ng", "bằng"), ("kh¾c", "khắc"), ("h¼n", "hẳn"),
    ("s½n", "sẵn"), ("mÆt", "mặt"),
    # â ầ ấ ẩ ẫ ậ
    ("d©n", "dân"), ("cÇn", "cần"), ("cÊp", "cấp"), ("chuÈn", "chuẩn"),
    ("dÉn", "dẫn"), ("lËp", "lập"),
    # è é ẻ ẽ ẹ
    ("kÌm", "kèm"), ("xÐt", "xét"), ("kÎ", "kẻ"), ("vÏ", "vẽ"), ("mÑ", "mẹ"),
    # ê ề ế ể ễ ệ
    ("tªn", "tên"), ("vÒ", "về"), ("kÕ ho¹ch", "kế hoạch"), ("®Ó", "để"),
    ("NguyÔn", "Nguyễn"), ("ViÖt", "Việt"),
    # ì í ỉ ĩ ị
    ("g×", "gì"), ("chÝnh", "chính"), ("chØ", "chỉ"), ("nghÜa", "nghĩa"), ("vÞ", "vị"),
    # ò ó ỏ õ ọ
    ("hßa", "hòa"), ("cã", "có"), ("nhá", "nhỏ"), ("ngâ", "ngõ"), ("häc", "học"),
    # ô ồ ố ổ ỗ ộ
    ("c«ng", "công"), ("nguån", "nguồn"), ("sè", "số"), ("tæ chøc", "tổ chức"),
    ("hç trî", "hỗ trợ"), ("héi", "hội"),
    # ơ ờ ớ ở ỡ ợ
    ("s¬", "sơ"), ("thêi", "thời"), ("míi", "mới"), ("ë", "ở"), ("vì", "vỡ"), ("lîi", "lợi"),
    # ù ú ủ ũ ụ
    ("tï", "tù"), ("phóc", "phúc"), ("chñ", "chủ"), ("cò", "cũ"), ("thñ tôc", "thủ tục"),
    # ư ừ ứ ử ữ ự
    ("tr\u00adêng", "trường"), ("tõ", "từ"), ("øng", "ứng"), ("sö dông", "sử dụng"),
    ("nh÷ng", "những"), ("thùc", "thực"),
    # ỳ ý ỷ ỹ ỵ
    ("kú", "kỳ"), ("ý kiÕn", "ý kiến"), ("Uû ban", "Uỷ ban"), ("Mü", "Mỹ"), ("quþ", "quỵ"),
    # đ, and the seven capitals TCVN3 has: Ă Â Ê Ô Ơ Ư Đ
    ("®\u00adîc", "được"), ("¡n", "Ăn"), ("¢u", "Âu"), ("£m", "Êm"), ("¤ng", "Ông"),
    ("¥n", "Ơn"), ("¦u tiªn", "Ưu tiên"), ("§iÒu", "Điều"),
]  # fmt: skip


@pytest.mark.parametrize("tcvn3, expected", TCVN3_WORDS, ids=[w for _, w in TCVN3_WORDS])
def test_tcvn3_words_convert_to_unicode(tcvn3, expected):
    assert legacy_to_unicode(tcvn3, "tcvn3") == expected


@pytest.mark.parametrize("tcvn3, unicode_word", TCVN3_WORDS, ids=[w for _, w in TCVN3_WORDS])
def test_unicode_words_convert_to_tcvn3(tcvn3, unicode_word):
    assert unicode_to_legacy(unicode_word, "tcvn3") == tcvn3


def test_the_tcvn3_words_use_all_74_codes():
    used = {c for word, _ in TCVN3_WORDS for c in word if ord(c) > 0x7F}
    codes = {c for c in unicode_to_legacy(VIETNAMESE_LETTERS, "tcvn3")}
    assert len(codes) == 74  # 67 lowercase letters + Ă Â Ê Ô Ơ Ư Đ
    assert used == codes
    assert all(0xA1 <= ord(c) <= 0xFE for c in codes)


# Hand-written VNI, as VNI-Times text looks when read as cp1252.
VNI_WORDS = [
    ("UÛy ban nhaân daân", "Ủy ban nhân dân"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("tröôøng, ñöôïc, ngöôøi, nöôùc, ôû, vôõ", "trường, được, người, nước, ở, vỡ"),
    ("Nghò ñònh, chæ ñaïo, tænh, nghóa, chính, gì", "Nghị định, chỉ đạo, tỉnh, nghĩa, chính, gì"),
    ("naêm, khaéc phuïc, baèng, khaúng ñònh, saün, ñaëc bieät",
     "năm, khắc phục, bằng, khẳng định, sẵn, đặc biệt"),
    ("caáp, caàn, chuaån, höôùng daãn, taäp", "cấp, cần, chuẩn, hướng dẫn, tập"),
    ("keá hoaïch, veà, ñeå, Nguyeãn, toå chöùc, hoã trôï, soá, nguoàn",
     "kế hoạch, về, để, Nguyễn, tổ chức, hỗ trợ, số, nguồn"),
    ("keøm, xeùt, keû, veõ, meï, nhoû, ngoõ, cuõ, tuø, töø, söû, nhöõng",
     "kèm, xét, kẻ, vẽ, mẹ, nhỏ, ngõ, cũ, tù, từ, sử, những"),
    ("kyø, yù kieán, tyû, Myõ, quî", "kỳ, ý kiến, tỷ, Mỹ, quỵ"),
    ("AÊN, AÈ, AÉ, AÚ, AÜ, AË, AÂ, AÀ, AÁ, AÅ, AÃ, AÄ, AØ, AÙ, AÛ, AÕ, AÏ",
     "ĂN, Ằ, Ắ, Ẳ, Ẵ, Ặ, Â, Ầ, Ấ, Ẩ, Ẫ, Ậ, À, Á, Ả, Ã, Ạ"),
    ("Ì Í Æ Ó Ò Î Ô Ö Ñ", "Ì Í Ỉ Ĩ Ị Ỵ Ơ Ư Đ"),
]  # fmt: skip


@pytest.mark.parametrize("vni, expected", VNI_WORDS, ids=[w[:20] for _, w in VNI_WORDS])
def test_vni_words_convert_to_unicode(vni, expected):
    assert legacy_to_unicode(vni, "vni") == expected


@pytest.mark.parametrize("vni, unicode_text", VNI_WORDS, ids=[w[:20] for _, w in VNI_WORDS])
def test_unicode_words_convert_to_vni(vni, unicode_text):
    assert unicode_to_legacy(unicode_text, "vni") == vni


def test_vni_reads_a_mark_typed_in_the_other_case_than_its_base():
    assert legacy_to_unicode("Uûy ban, Aù, yï", "vni") == "Ủy ban, Á, ỵ"


# --------------------------------------------------------------------------
# Round trips
# --------------------------------------------------------------------------
@pytest.mark.parametrize("letter", VIETNAMESE_LETTERS)
def test_every_letter_round_trips_through_vni(letter):
    assert legacy_to_unicode(unicode_to_legacy(letter, "vni"), "vni") == letter


TCVN3_CAPITALS = "ĂÂÊÔƠƯĐ"


@pytest.mark.parametrize("letter", VIETNAMESE_LETTERS)
def test_every_letter_round_trips_through_tcvn3_up_to_toned_capitals(letter):
    back = legacy_to_unicode(unicode_to_legacy(letter, "tcvn3"), "tcvn3")
    if letter.islower() or letter in TCVN3_CAPITALS:
        assert back == letter
    else:  # a toned capital has no code of its own: alone, it reads as lowercase
        assert back == letter.lower()


@pytest.mark.parametrize("letter", VIETNAMESE_LETTERS[67:])
def test_toned_capitals_come_back_inside_words_in_capitals(letter):
    word = f"B{letter}N"
    assert legacy_to_unicode(unicode_to_legacy(word, "tcvn3"), "tcvn3") == word


@pytest.mark.parametrize("pid, text, _", PASSAGES, ids=PASSAGE_IDS)
def test_passages_round_trip_through_vni(pid, text, _):
    vni = unicode_to_legacy(text, "vni")
    assert vni != text
    assert legacy_to_unicode(vni, "vni") == text


@pytest.mark.parametrize("pid, text, tcvn3_back", PASSAGES, ids=PASSAGE_IDS)
def test_passages_round_trip_through_tcvn3(pid, text, tcvn3_back):
    tcvn3 = unicode_to_legacy(text, "tcvn3")
    assert tcvn3 != text
    assert legacy_to_unicode(tcvn3, "tcvn3") == (tcvn3_back or text)


@pytest.mark.parametrize(
    "tcvn3, expected",
    [
        ("B¸O C¸O", "BÁO CÁO"),
        ("ñY BAN NH¢N D¢N", "ỦY BAN NHÂN DÂN"),
        ("X· T¢N VIÖT", "XÃ TÂN VIỆT"),
        ("§éC LËP – Tù DO – H¹NH PHóC", "ĐỘC LẬP – TỰ DO – HẠNH PHÚC"),
        # only a toned letter and acronyms: nothing says it is a capital
        ("Sè: 15/BC-UBND", "Số: 15/BC-UBND"),
        ("UBND Hµ Néi", "UBND Hà Nội"),
        ("Bé Néi vô", "Bộ Nội vụ"),
        ("c¸c Së, ban, ngµnh", "các Sở, ban, ngành"),
    ],
)
def test_tcvn3_capitals_are_restored_only_where_the_text_is_in_capitals(tcvn3, expected):
    assert legacy_to_unicode(tcvn3, "tcvn3") == expected


def test_tcvn3_case_restoration_can_be_turned_off():
    assert legacy_to_unicode("B¸O C¸O", "tcvn3", restore_case=False) == "BáO CáO"


def test_tcvn3_keeps_the_old_spelling_uy_the_typist_used():
    assert legacy_to_unicode("Uû ban nh©n d©n", "tcvn3") == "Uỷ ban nhân dân"


def _seed_reports() -> list[Path]:
    return sorted(REPORTS.glob("*.txt"))


@pytest.mark.skipif(not REPORTS.is_dir(), reason="seed reports not present")
@pytest.mark.parametrize("path", _seed_reports(), ids=lambda p: p.name[:3])
def test_whole_seed_reports_round_trip(path):
    text = path.read_text(encoding="utf-8")
    assert legacy_to_unicode(unicode_to_legacy(text, "vni"), "vni") == text
    back = legacy_to_unicode(unicode_to_legacy(text, "tcvn3"), "tcvn3")
    assert len(back) == len(text)
    # TCVN3 loses only the capital of some toned capitals (Ủy -> ủy).
    for a, b in zip(text, back):
        assert a == b or (b == a.lower() and a in VIETNAMESE_LETTERS[67:]), (a, b)


# --------------------------------------------------------------------------
# Bytes
# --------------------------------------------------------------------------
def test_legacy_bytes_are_read_with_cp1252():
    assert LEGACY_BYTE_ENCODING == "cp1252"


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("pid, text, tcvn3_back", PASSAGES, ids=PASSAGE_IDS)
def test_legacy_passages_encode_to_bytes_and_back(encoding, pid, text, tcvn3_back):
    data = unicode_to_legacy(text, encoding).encode(LEGACY_BYTE_ENCODING)  # must not fail
    back = legacy_to_unicode(data.decode(LEGACY_BYTE_ENCODING), encoding)
    assert back == _expected_back(text, tcvn3_back, encoding)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_legacy_letter_byte_reads_the_same_in_cp1252_and_latin1(encoding):
    codes = set("".join(unicode_to_legacy(VIETNAMESE_LETTERS, encoding)))
    data = "".join(sorted(codes - set("aeiouyAEIOUY"))).encode(LEGACY_BYTE_ENCODING)
    assert min(data) >= 0xA0
    assert data.decode("cp1252") == data.decode("latin-1")


# --------------------------------------------------------------------------
# Detection
# --------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("pid, text, _", PASSAGES, ids=PASSAGE_IDS)
def test_legacy_renditions_of_passages_are_detected(encoding, pid, text, _):
    assert detect_legacy(unicode_to_legacy(text, encoding)) == encoding


@pytest.mark.parametrize("pid, text, _", PASSAGES, ids=PASSAGE_IDS)
def test_unicode_passages_are_not_legacy(pid, text, _):
    assert detect_legacy(text) is None
    assert detect_legacy(unicodedata.normalize("NFD", text)) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Uû ban nh©n d©n x· T©n ViÖt", "tcvn3"),
        ("Céng hßa x· héi chñ nghÜa ViÖt Nam", "tcvn3"),
        ("§éc lËp - Tù do - H¹nh phóc", "tcvn3"),
        ("UÛy ban nhaân daân xaõ Taân Vieät", "vni"),
        ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "vni"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "vni"),
    ],
)
def test_hand_written_legacy_text_is_detected(text, expected):
    assert detect_legacy(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2023",
        "UBND, HĐND, CCHC",
        "The People's Committee of Tan Viet commune reports on administrative reform.",
        "Ủy ban nhân dân xã Tân Việt báo cáo kết quả thực hiện công tác cải cách hành chính",
        # Vietnamese whose letters all happen to lie in Latin-1
        "Tôi có cái máy. Hoàn toàn. Nguyên nhân. Cù Xuân Sang.",
        "Anh Hoà và chị Thoa; Vân, Tâm, Lâm.",
        # other languages written with Latin-1 letters
        "Le garçon était très fâché contre son frère aîné, qui avait mangé le gâteau à la crème.",
        "«Bonjour», dit-il. «Ça va?» — «Très bien, merci.» L'été à Montréal.",
        "Die Straße führt über die Brücke zum schönen Häuschen. Müller größer Ärger Übung.",
        "¿Dónde está el niño? ¡Qué año tan difícil! La señora Núñez compró piñas en España.",
        "A informação não está disponível; as ações são públicas e o coração da nação.",
        "Blåbærsyltetøj på smørrebrød; Ærø og Østerbro, søndag, også.",
        # UTF-8 read as cp1252 is mojibake, not a legacy font
        "Ủy ban nhân dân xã Tân Việt".encode("utf-8").decode("cp1252", errors="replace"),
    ],
    ids=lambda t: t[:24] or "empty",
)
def test_text_that_is_not_legacy_vietnamese_is_not_detected(text):
    assert detect_legacy(text) is None


def _corpus_files() -> list[Path]:
    return sorted([*REPORTS.glob("*.txt"), *EXTRA.glob("*.txt")])


@pytest.mark.skipif(not REPORTS.is_dir(), reason="corpus not present")
@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: p.parent.name + "/" + p.name[:3])
def test_whole_documents_are_detected_in_every_encoding(path):
    text = path.read_text(encoding="utf-8")
    assert detect_legacy(text) is None
    assert detect_legacy(unicodedata.normalize("NFD", text)) is None
    for encoding in ENCODINGS:
        assert detect_legacy(unicode_to_legacy(text, encoding)) == encoding


@pytest.mark.skipif(not REPORTS.is_dir(), reason="corpus not present")
def test_no_unicode_paragraph_of_the_corpus_is_taken_for_legacy():
    paragraphs = [
        line for path in _corpus_files() for line in path.read_text(encoding="utf-8").splitlines()
    ]
    assert len(paragraphs) > 1000
    assert [p for p in paragraphs if detect_legacy(p) is not None] == []


# --------------------------------------------------------------------------
# fix_legacy and errors
# --------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("pid, text, tcvn3_back", PASSAGES, ids=PASSAGE_IDS)
def test_fix_legacy_converts_and_names_the_encoding(encoding, pid, text, tcvn3_back):
    fixed, detected = fix_legacy(unicode_to_legacy(text, encoding))
    assert detected == encoding
    assert fixed == _expected_back(text, tcvn3_back, encoding)


@pytest.mark.parametrize("pid, text, _", PASSAGES, ids=PASSAGE_IDS)
def test_fix_legacy_leaves_unicode_alone(pid, text, _):
    assert fix_legacy(text) == (text, None)


def test_output_is_nfc():
    out = legacy_to_unicode(unicode_to_legacy("Hoà Hội", "vni"), "vni")
    assert unicodedata.is_normalized("NFC", out)
    decomposed = unicodedata.normalize("NFD", "Tự do")
    assert unicode_to_legacy(decomposed, "vni") == "Töï do"


@pytest.mark.parametrize("func", [legacy_to_unicode, unicode_to_legacy])
def test_unknown_encodings_are_refused(func):
    with pytest.raises(ValueError, match="tcvn3"):
        func("abc", "viscii")


@pytest.mark.parametrize("name", ["TCVN3", "tcvn-3", "VNI"])
def test_encoding_names_are_case_and_dash_insensitive(name):
    assert legacy_to_unicode("abc", name) == "abc"


def test_docstring_examples_hold():
    import doctest

    import cchc_nlp.ingest.legacy as legacy

    result = doctest.testmod(legacy)
    assert result.attempted >= 10
    assert result.failed == 0


def test_reading_a_legacy_text_file_gives_unicode():
    from cchc_nlp.ingest.text import decode_text

    text = PASSAGES[0][1]
    for encoding in ENCODINGS:
        data = unicode_to_legacy(text, encoding).encode(LEGACY_BYTE_ENCODING)
        assert decode_text(data) == (text, encoding)
