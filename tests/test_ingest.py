"""Reading files: encodings, formats, and every kind of bad input."""

import codecs
import zipfile

import pytest

from cchc_nlp.errors import UnreadableFile
from cchc_nlp.ingest import read_document
from cchc_nlp.ingest.text import decode_text
from renditions import SEEDS, make_encrypted_pdf, make_scanned_pdf, make_zip_bomb, truncated

# A real passage from seed 004 (Tân Việt), used in every encoding below.
PASSAGE = (
    "Thực hiện Công văn số 126/UBND- NV ngày 06/3/2023 của Ủy ban nhân dân huyện Thanh Hà "
    "về thực hiện chế độ báo cáo công tác cải cách hành chính nhà nước định kỳ trên địa bàn "
    "huyện năm 2023. UBND xã Tân Việt báo cáo kết quả thực hiện công tác cải cách hành chính "
    "nhà nước năm 2023 cụ thể như sau:"
)


def _cp1258_form(s: str) -> str:
    """Windows-1258 has â, ă, ê, ô, ơ, ư precomposed but writes tones as combining marks."""
    import unicodedata

    out = []
    for ch in s:
        base, *marks = unicodedata.normalize("NFD", ch)
        shape = "".join(m for m in marks if m in "\u0302\u0306\u031b")
        tone = "".join(m for m in marks if m not in shape)
        out.append(unicodedata.normalize("NFC", base + shape) + tone)
    return "".join(out)


@pytest.mark.parametrize(
    "encode, found",
    [
        (lambda s: s.encode("utf-8"), "utf-8"),
        (lambda s: codecs.BOM_UTF8 + s.encode("utf-8"), "utf-8-sig"),
        (lambda s: s.encode("utf-16"), "utf-16"),  # Notepad's "Unicode", with BOM
        (lambda s: s.encode("utf-16-le"), "utf-16"),  # no BOM
        (lambda s: _cp1258_form(s).encode("cp1258"), "cp1258"),
    ],
)
def test_text_in_any_unicode_or_windows_encoding_reads_back_the_same(encode, found):
    import unicodedata

    text, encoding = decode_text(encode(PASSAGE))
    assert unicodedata.normalize("NFC", text) == PASSAGE
    assert encoding == found


@pytest.mark.parametrize("legacy", ["tcvn3", "vni"])
def test_legacy_font_text_file_is_converted_to_unicode(tmp_path, legacy):
    from cchc_nlp.ingest.legacy import LEGACY_BYTE_ENCODING, unicode_to_legacy

    path = tmp_path / "baocao.txt"
    path.write_bytes(unicode_to_legacy(PASSAGE, legacy).encode(LEGACY_BYTE_ENCODING))
    doc = read_document(path)
    assert doc.encoding == legacy
    if legacy == "tcvn3":
        # TCVN3 (ABC) has no capital "Ủ" in the body font (.VnTime): it is
        # typed with the capitals font .VnTimeH, which a .txt cannot record.
        assert doc.text.replace("ủy ban", "Ủy ban") == PASSAGE
    else:
        assert doc.text == PASSAGE


def test_seed_txt_reads_as_one_block_with_its_hash():
    doc = read_document(SEEDS[0])
    assert doc.format == "txt" and doc.encoding == "utf-8"
    assert len(doc.sha256) == 64
    assert "UBND xã Hoàng Lưu báo cáo" in doc.text


def test_docx_rendition_keeps_tables_as_tables_with_merged_cells(renditions):
    doc = read_document(renditions["000_46eead6140f5e907"]["docx"])
    tables = [b.table for b in doc.blocks if b.kind == "table"]
    assert tables, "appendix must come back as a Word table"
    header = tables[0].rows[0]
    # "Kết quả thống kê" was merged over two grid columns: repeated in both
    assert header.count("Kết quả thống kê") == 2
    assert all(len(r) == len(header) for r in tables[0].rows)


def test_docx_text_boxes_headers_and_footers_are_read(tmp_path):
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "ỦY BAN NHÂN DÂN XÃ TÂN VIỆT"
    d.add_paragraph("BÁO CÁO")
    d.sections[0].footer.paragraphs[0].text = "Trang 1"
    path = tmp_path / "h.docx"
    d.save(path)
    texts = [b.text for b in read_document(path).blocks]
    assert texts[0] == "ỦY BAN NHÂN DÂN XÃ TÂN VIỆT"
    assert "BÁO CÁO" in texts and texts[-1] == "Trang 1"


def test_pdf_rendition_has_vietnamese_text_layer(renditions):
    doc = read_document(renditions["003_29ff7cf71591a7d7"]["pdf"])
    assert doc.hard_wrapped
    assert "Kế hoạch số 163/KH-UBND ngày 30/12/2022" in " ".join(doc.text.split())


# --- bad input: one clear message each --------------------------------------


def expect_unreadable(path, fragment):
    with pytest.raises(UnreadableFile) as err:
        read_document(path)
    message = str(err.value)
    assert fragment in message
    assert "\n" not in message and ";" in message  # one line: what is wrong; what to do
    return message


def test_missing_file(tmp_path):
    expect_unreadable(tmp_path / "khong_co.txt", "không có tệp này")


def test_folder_given_as_a_file(tmp_path):
    expect_unreadable(tmp_path, "đây là một thư mục")


def test_empty_file(tmp_path):
    p = tmp_path / "rong.txt"
    p.write_bytes(b"")
    expect_unreadable(p, "tệp rỗng")


def test_binary_junk_named_txt(tmp_path):
    p = tmp_path / "rac.txt"
    p.write_bytes(bytes(range(256)) * 50)
    expect_unreadable(p, "không phải tệp văn bản")


def test_exe_renamed_pdf(tmp_path):
    p = tmp_path / "baocao.pdf"
    p.write_bytes(b"MZ\x90\x00" + b"\x00" * 2000)
    expect_unreadable(p, "không phải tệp PDF (trông giống một chương trình Windows (.exe))")


def test_truncated_docx(tmp_path, renditions):
    p = truncated(renditions["000_46eead6140f5e907"]["docx"].read_bytes(), tmp_path / "cut.docx")
    expect_unreadable(p, "tệp .docx bị hỏng")


def test_docx_zip_bomb_is_refused_without_expanding(tmp_path):
    p = make_zip_bomb(tmp_path / "bomb.docx")
    assert p.stat().st_size < 2_000_000
    expect_unreadable(p, "bom nén")


def test_zip_that_is_not_word(tmp_path):
    p = tmp_path / "x.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("a.txt", "xin chào")
    expect_unreadable(p, "không phải văn bản Word")


def test_password_protected_pdf(tmp_path, renditions):
    p = make_encrypted_pdf(renditions["001_7a29a15c01ae068e"]["pdf"], tmp_path / "khoa.pdf")
    expect_unreadable(p, "có mật khẩu")


def test_scanned_pdf_asks_for_ocr(tmp_path):
    p = make_scanned_pdf(tmp_path / "scan.pdf")
    expect_unreadable(p, "không có lớp chữ; chạy nhận dạng chữ (OCR)")


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_MAX_MB", "1")
    p = tmp_path / "lon.txt"
    p.write_bytes(b"a" * (2 * 1024 * 1024))
    expect_unreadable(p, "quá giới hạn 1 MB")


def test_old_doc_without_libreoffice_says_how_to_convert(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice reachable
    p = tmp_path / "cu.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    expect_unreadable(p, "lưu thành .docx")


def test_unsupported_extension(tmp_path):
    p = tmp_path / "bang.xlsx"
    p.write_bytes(b"PK")
    expect_unreadable(p, "không đọc được loại tệp")
