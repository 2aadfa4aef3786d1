"""The search index: citations by key, diacritic-free text, filters, re-indexing,
transactions, hostile query text, schema versions and WAL readers."""

from __future__ import annotations

import dataclasses
import os
import shutil
import sqlite3

import pytest

from cchc_nlp import store as store_module
from cchc_nlp.config import corpus_dir
from cchc_nlp.errors import CchcError
from cchc_nlp.normalise import fold
from cchc_nlp.pipeline import citations_of, index_files, parse, tag_paragraphs
from cchc_nlp.store import (
    STORE_SCHEMA_VERSION,
    Store,
    StoreError,
    fts_query,
    parse_period,
    place_key,
)

SEEDS = sorted((corpus_dir() / "reports").glob("*.txt"))
pytestmark = pytest.mark.skipif(len(SEEDS) != 5, reason="seed corpus not present")


@pytest.fixture(scope="module")
def analysed():
    """The five seeds: [(path, report, citations, tagged)], analysed once."""
    out = []
    for path in SEEDS:
        report = parse(path)
        out.append((path, report, citations_of(report), tag_paragraphs(report)))
    return out


@pytest.fixture(scope="module")
def seed_db(analysed, tmp_path_factory):
    """An index of the five seeds (opened read-only by the tests that only search)."""
    path = tmp_path_factory.mktemp("store") / "index.sqlite"
    with Store(path) as db:
        for _, report, cites, tagged in analysed:
            assert db.add_report(report, cites, tagged) == "added"
    return path


@pytest.fixture
def db(seed_db):
    with Store(seed_db, readonly=True) as store:
        yield store


@pytest.fixture
def fresh(tmp_path):
    with Store(tmp_path / "fresh.sqlite") as store:
        yield store


def dump(store: Store) -> list[str]:
    """Every row of every table, FTS shadow tables included, as SQL text."""
    return list(store._db.iterdump())


def communes(hits) -> set[str]:
    return {h.commune for h in hits}


# ---------------------------------------------------------------------------
# Citations: "which communes cited Nghị định 61/2018/NĐ-CP"
# ---------------------------------------------------------------------------


def test_which_communes_cited_nghi_dinh_61_2018(db, analysed):
    # the truth from the files themselves: the seeds whose text carries the number
    expected = {r.meta.unit_name for path, r, _, _ in analysed
                if "61/2018/NĐ-CP" in path.read_text(encoding="utf-8")}
    assert expected == {"Hoằng Lưu", "Tân Việt"}
    hits = db.search(cites="Nghị định 61/2018/NĐ-CP")
    assert communes(hits) == expected
    for h in hits:
        assert h.kind == "cites" and h.canonical == "61/2018/NĐ-CP" and h.key == "61/2018/NĐ-CP"
        assert "61/2018/NĐ-CP" in h.citation
        assert f"«{h.citation}»" in h.snippet  # the paragraph around it, the citation marked
        assert h.province and h.district and h.period_label and h.path.endswith(".txt")


@pytest.mark.parametrize(
    "query", ["NĐ 61/2018", "61/2018", "nghi dinh 61/2018/ND-CP", "nghị định số 61/2018/nđ-cp"]
)
def test_partial_or_unaccented_citation_queries_find_the_same_communes(db, query):
    assert communes(db.search(cites=query)) == {"Hoằng Lưu", "Tân Việt"}


def test_cites_hit_points_at_the_paragraph_holding_the_citation(db, analysed):
    by_path = {os.path.abspath(p): r for p, r, _, _ in analysed}
    for h in db.search(cites="18-NQ/TW"):
        report = by_path[h.path]
        para = next(p for p in report.paragraphs if p.index == h.paragraph)
        assert h.citation in para.text
        assert h.area is not None  # tagged paragraphs carry their area


def test_local_document_is_found_under_its_own_commune(db):
    hits = db.search(cites="Kế hoạch 02/KH-UBND")
    assert hits and all(h.key.startswith("2/KH-UBND|") for h in hits)
    for h in hits:  # the key names the issuing commune, resolved from the report
        assert fold(h.commune) in h.key


def test_cites_is_a_key_lookup_in_the_btree_never_a_text_match(db):
    statements = []
    db._db.set_trace_callback(statements.append)
    try:
        assert db.search(cites="Nghị định 61/2018/NĐ-CP")
        assert db.search(cites="NĐ 61/2018")
    finally:
        db._db.set_trace_callback(None)
    assert statements and not any("MATCH" in s for s in statements)
    plans = []
    for s in statements:
        if "FROM citations" in s:
            plans += [row[-1] for row in db._db.execute("EXPLAIN QUERY PLAN " + s)]
    on_citations = [p for p in plans if p.split(" ")[:2] in (["SEARCH", "c"], ["SEARCH", "citations"],
                                                             ["SCAN", "c"], ["SCAN", "citations"])]
    assert on_citations, plans
    assert all(p.startswith("SEARCH") and "INDEX citations_key (key" in p for p in on_citations), plans


def test_law_cited_by_name_is_found(db):
    hits = db.search(cites="Luật Đất đai 2023")
    assert hits and {h.key for h in hits} == {"Luật Đất đai 2023"}
    assert communes(db.search(cites="luat dat dai 2023")) == communes(hits)


def test_cites_and_text_together_keep_occurrences_whose_paragraph_matches(db):
    all_hits = db.search(cites="61/2018", limit=500)
    narrowed = db.search(cites="61/2018", text="mot cua lien thong", limit=500)
    assert narrowed and len(narrowed) <= len(all_hits)
    assert all("một cửa liên thông" in h.snippet for h in narrowed)


def test_unreadable_citation_query_is_a_clear_error(db):
    with pytest.raises(StoreError, match="không đọc được 'abc' là số hiệu văn bản"):
        db.search(cites="abc")


def test_unknown_document_finds_nothing(db):
    assert db.search(cites="Nghị định 999/2099/NĐ-CP") == []


# ---------------------------------------------------------------------------
# Text: diacritics, tone placement, two-mark letters
# ---------------------------------------------------------------------------


def test_text_without_diacritics_finds_nghi_dinh(db):
    hits = db.search("nghi dinh")
    assert hits
    for h in hits:
        assert h.kind == "text"
        assert "«nghị định»" in h.snippet.lower()


def test_letters_with_two_marks_fold(db):
    # ộ, ế, ữ carry a tone and a vowel mark: only remove_diacritics 2 folds both
    for typed, original in [("bo phan mot cua", "bộ phận một cửa"), ("ket qua", "kết quả"),
                            ("nhung", "những")]:
        hits = db.search(typed, limit=5)
        assert hits, typed
        assert any(f"«{original}»" in h.snippet.lower() for h in hits), (typed, hits[0].snippet)
        # and typing the marks finds the same paragraphs
        assert [h.paragraph for h in db.search(original, limit=5)] == [h.paragraph for h in hits]


def test_d_with_stroke_folds_both_ways(db):
    plain = db.search("dang uy", limit=100)
    marked = db.search("Đảng ủy", limit=100)
    assert plain and [(h.path, h.paragraph) for h in plain] == [(h.path, h.paragraph) for h in marked]


def test_tone_placement_does_not_matter(db):
    # "hoà" (old placement) and "hòa" (new) are the same word
    assert [h.paragraph for h in db.search("Thanh Hoà")] == [h.paragraph for h in db.search("Thanh Hóa")]


def test_words_typed_together_are_a_phrase_and_commas_separate_phrases(db):
    phrase = db.search("một cửa", limit=500)
    texts = dict(db._db.execute(
        "SELECT r.path || '#' || p.idx, p.text FROM paragraphs p JOIN reports r ON r.id = p.report_id"))
    assert phrase and all("một cửa" in texts[f"{h.path}#{h.paragraph}"].lower() for h in phrase)
    assert all("«một" in h.snippet.lower() for h in phrase)  # (the snippet window may cut the phrase)
    assert len(phrase) < len(db.search("một", limit=500))
    both = db.search("một cửa, dịch vụ công trực tuyến", limit=500)
    assert both and {(h.path, h.paragraph) for h in both} <= {(h.path, h.paragraph) for h in phrase}


@pytest.mark.parametrize(
    "text",
    ['"', '""', 'nghị định"', "*", "một cửa*", "-thủ tục", "NEAR(một cửa)", "một AND OR NOT cửa",
     "(", ")", "text:một", "facets : zzathe", "^một", "'", "\\", "chữ ký số;", "{text}: abc",
     "'; DROP TABLE reports; --", "một\x00cửa", "🙂 một cửa"],
)
def test_fts_syntax_characters_in_user_text_do_not_crash(db, text):
    try:
        hits = db.search(text)
    except StoreError as err:  # only for text without a single word
        assert "không có từ nào để tìm" in str(err)
        assert not any(ch.isalnum() for ch in text)
    else:
        assert isinstance(hits, list)
    assert db.search(cites="61/2018")  # the index is intact


def test_syntax_characters_are_just_separators(db):
    same = [h.paragraph for h in db.search("một cửa")]
    for text in ["một cửa*", "(một cửa)", '"một cửa"', "một-cửa", "^một :cửa"]:
        assert [h.paragraph for h in db.search(text)] == same, text


def test_fts_query_quotes_every_phrase():
    assert fts_query('Nghị định; "một cửa" OR (x*') == (
        'text : "nghi dinh" AND text : "mot cua" AND text : "or x"')
    assert fts_query('" * ( - ^') is None


# ---------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------


def test_area_filter_keeps_only_that_area(db):
    everything = db.search("một cửa", limit=500)
    tthc = db.search("một cửa", area="tthc", limit=500)
    assert tthc and len(tthc) < len(everything)
    assert {h.area for h in tthc} == {"tthc"}
    assert {(h.path, h.paragraph) for h in tthc} == {(h.path, h.paragraph) for h in everything if h.area == "tthc"}


@pytest.mark.parametrize("province", ["Thanh Hóa", "thanh hoa", "Tỉnh Thanh Hoá", "  THANH  HÓA "])
def test_province_filter_takes_any_spelling(db, province):
    hits = db.search("cải cách hành chính", province=province, limit=500)
    assert hits and {h.province for h in hits} == {"Thanh Hóa"}
    assert communes(db.search(cites="61/2018", province=province)) == {"Hoằng Lưu"}


def test_year_and_period_filters(db):
    assert communes(db.search("cải cách", year=2023, limit=500)) == {"Quảng Phú", "Tân Việt"}
    assert communes(db.search("cải cách", period="quý I", limit=500)) == {"Định Biên"}
    six_months = db.search("cải cách", period="6 tháng đầu năm 2024", limit=500)
    assert communes(six_months) == {"Hoằng Lưu", "Đắk Ha"}
    assert communes(db.search(cites="61/2018", year=2023)) == {"Tân Việt"}


def test_filters_alone_list_paragraphs(db):
    hits = db.search(area="the_che", province="Đắk Nông", limit=500)
    assert hits and {(h.kind, h.area, h.commune) for h in hits} == {("filter", "the_che", "Đắk Ha")}


def test_bad_filters_are_clear_errors(db):
    with pytest.raises(StoreError, match="không có lĩnh vực 'xyz'"):
        db.search("một cửa", area="xyz")
    with pytest.raises(StoreError, match="không hiểu kỳ báo cáo"):
        db.search("một cửa", period="tuần trước")
    with pytest.raises(StoreError, match="chưa có gì để tìm"):
        db.search()


def test_period_and_place_keys():
    assert parse_period("quý II năm 2024") == ("quy", 2, 2024)
    assert parse_period("Q3") == ("quy", 3, None)
    assert parse_period("6 thang") == ("6_thang", None, None)
    assert parse_period("9_thang") == ("9_thang", None, None)
    assert parse_period("cả năm 2023") == ("nam", None, 2023)
    assert place_key("Tỉnh  Thanh Hoá") == place_key("thanh hoa") == "thanh hoa"


# ---------------------------------------------------------------------------
# Writing: skip, replace, transactions
# ---------------------------------------------------------------------------


def _counts(store: Store) -> dict:
    one = lambda sql: store._db.execute(sql).fetchone()[0]  # noqa: E731
    return {t: one(f"SELECT count(*) FROM {t}") for t in
            ("reports", "paragraphs", "citations", "paragraphs_fts_docsize")}


def test_reindexing_an_unchanged_report_is_skipped(fresh, analysed):
    _, report, cites, tagged = analysed[0]
    assert fresh.add_report(report, cites, tagged) == "added"
    before = dump(fresh)
    assert fresh.add_report(report, cites, tagged) == "skipped"
    assert dump(fresh) == before


def test_index_files_skips_unchanged_files_without_analysing_them(fresh, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for p in SEEDS[:2]:
        shutil.copy(p, folder / p.name)
    (folder / "broken.txt").write_bytes(b"")

    def analyse(path):
        from types import SimpleNamespace

        report = parse(path)
        return SimpleNamespace(report=report, citations=citations_of(report), paragraphs=None, flags=(),
                               metrics=())

    first = dict(index_files(fresh, [folder], analyse))
    assert sorted(first.values())[:2] == ["added", "added"]
    assert first[folder / "broken.txt"].startswith("error: tệp rỗng")

    def must_not_run(path):
        raise AssertionError(f"analysed {path} again")

    again = index_files(fresh, sorted(folder.glob("0*.txt")), must_not_run)
    assert [s for _, s in again] == ["skipped", "skipped"]


def test_index_files_takes_an_analysis_object_with_flags(fresh, analysed):
    from types import SimpleNamespace

    from cchc_nlp.model import Evidence, Flag

    path, report, cites, tagged = analysed[1]
    flag = Flag("missing_signature", "medium", "Thiếu chữ ký", (Evidence(0, 4, "BÁO"),))
    result = index_files(fresh, [path], lambda p: SimpleNamespace(
        report=report, citations=cites, paragraphs=tagged, flags=(flag,), metrics=()))
    assert result == [(path, "added")]
    assert fresh._db.execute("SELECT flag_id, severity FROM flags").fetchall() == [("missing_signature", "medium")]
    stored = fresh._db.execute("SELECT count(*) FROM paragraphs WHERE area IS NOT NULL").fetchone()[0]
    assert stored == len(report.paragraphs)


def test_changed_file_replaces_its_rows_without_duplicates(fresh, tmp_path):
    path = tmp_path / "bao_cao.txt"
    text = SEEDS[0].read_text(encoding="utf-8")
    assert "Nghị định số 61/2018/NĐ-CP" in text
    path.write_text(text, encoding="utf-8")
    old = parse(path)
    assert fresh.add_report(old, citations_of(old)) == "added"
    other = parse(SEEDS[1])
    fresh.add_report(other, citations_of(other))
    before = _counts(fresh)

    changed = text.replace("Nghị định số 61/2018/NĐ-CP", "Nghị định số 45/2020/NĐ-CP")
    path.write_text(changed, encoding="utf-8")
    new = parse(path)
    assert new.sha256 != old.sha256
    assert fresh.add_report(new, citations_of(new)) == "replaced"

    assert _counts(fresh) == before  # same number of rows: old ones gone, new ones in
    rows = fresh._db.execute("SELECT id, sha256 FROM reports WHERE path = ?", (str(path),)).fetchall()
    assert [r[1] for r in rows] == [new.sha256]
    assert fresh.search(cites="61/2018/NĐ-CP") == []
    assert {h.path for h in fresh.search(cites="NĐ 45/2020")} == {str(path)}
    # the FTS index forgot the old text and knows the new
    assert not any(h.path == str(path) for h in fresh.search("61/2018/NĐ-CP", limit=500))
    assert any(h.path == str(path) for h in fresh.search("45/2020/NĐ-CP"))
    assert fresh.stats()["paragraphs"] == len(new.paragraphs) + len(other.paragraphs)


def test_removing_a_report_leaves_no_rows(fresh, analysed):
    _, report, cites, tagged = analysed[2]
    fresh.add_report(report, cites, tagged)
    assert fresh.remove(report.file)
    assert _counts(fresh) == {"reports": 0, "paragraphs": 0, "citations": 0, "paragraphs_fts_docsize": 0}
    assert fresh.search("cải cách") == []
    assert not fresh.remove(report.file)


@pytest.mark.parametrize("error", [RuntimeError("boom"), KeyboardInterrupt()])
def test_failure_mid_transaction_leaves_the_database_as_it_was(fresh, analysed, monkeypatch, error):
    _, first, cites, tagged = analysed[0]
    fresh.add_report(first, cites, tagged)
    before = dump(fresh)
    calls = []

    def failing_key(*args, **kwargs):  # runs after the report and paragraphs rows are in
        calls.append(1)
        raise error

    monkeypatch.setattr(store_module, "citation_key", failing_key)
    _, second, cites2, tagged2 = analysed[3]
    with pytest.raises(type(error)):
        fresh.add_report(second, cites2, tagged2)
    assert calls and dump(fresh) == before

    # a replacement failing after the old rows were deleted: the old rows come back
    changed = dataclasses.replace(first, sha256="0" * 64)
    with pytest.raises(type(error)):
        fresh.add_report(changed, cites, tagged)
    assert dump(fresh) == before
    monkeypatch.undo()
    assert fresh.add_report(second, cites2, tagged2) == "added"  # and the store still works


def test_readers_are_not_blocked_while_a_report_is_being_written(fresh, analysed, monkeypatch):
    _, first, cites, tagged = analysed[0]
    fresh.add_report(first, cites, tagged)
    seen = []
    real_key = store_module.citation_key

    def key_while_reading(c, **kw):  # called inside the writer's open transaction
        if not seen:
            with Store(fresh.path, readonly=True, timeout=0.05) as reader:
                seen.append(communes(reader.search(cites="61/2018")))
                seen.append(reader.stats()["reports"])
        return real_key(c, **kw)

    monkeypatch.setattr(store_module, "citation_key", key_while_reading)
    _, second, cites2, tagged2 = analysed[4]
    assert fresh.add_report(second, cites2, tagged2) == "added"
    assert seen == [{"Hoằng Lưu"}, 1]  # the last committed state, at once
    assert communes(fresh.search(cites="61/2018")) == {"Hoằng Lưu", "Tân Việt"}
    assert fresh._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# ---------------------------------------------------------------------------
# Schema versions, migrations, bad files
# ---------------------------------------------------------------------------


def test_schema_version_is_recorded(fresh):
    assert fresh.schema_version == STORE_SCHEMA_VERSION >= 2
    rows = fresh._db.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
    assert [r[0] for r in rows] == list(range(1, STORE_SCHEMA_VERSION + 1))
    from cchc_nlp import __version__

    assert fresh._db.execute("SELECT value FROM meta WHERE key = 'tool_version'").fetchone()[0] == __version__


def test_migration_from_version_1_to_current_keeps_the_data(tmp_path, analysed, monkeypatch):
    path = tmp_path / "old.sqlite"
    _, report, cites, tagged = analysed[0]
    monkeypatch.setattr(store_module, "STORE_SCHEMA_VERSION", 1)  # the code as it was at version 1
    with Store(path) as old:
        assert old.schema_version == 1
        assert old.add_report(report, cites, tagged) == "added"
        tables = {r[0] for r in old._db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "metrics" not in tables
    monkeypatch.undo()

    with pytest.raises(StoreError, match="cũ hơn bản cchc này.*chạy `cchc index`"):
        Store(path, readonly=True)
    with Store(path) as new:
        assert new.schema_version == STORE_SCHEMA_VERSION
        assert communes(new.search(cites="Nghị định 61/2018/NĐ-CP")) == {"Hoằng Lưu"}
        assert new.search("nghi dinh")
        assert new.add_report(report, cites, tagged) == "skipped"
        from cchc_nlp.model import Evidence, Flag, Metric

        _, other, cites2, _ = analysed[1]
        new.add_report(other, cites2, metrics=[Metric("so_tthc", 193, "thủ tục", "narrative", 0, 3)],
                       flags=[Flag("date_invalid", "high", "Ngày không hợp lệ", (Evidence(0, 3, "abc"),))])
        assert new._db.execute("SELECT indicator, value FROM metrics").fetchall() == [("so_tthc", "193")]
        assert new._db.execute("SELECT flag_id, evidence FROM flags").fetchall() == [
            ("date_invalid", '[{"start": 0, "end": 3, "quote": "abc"}]')]


def test_a_newer_schema_is_refused_clearly(tmp_path):
    path = tmp_path / "future.sqlite"
    with Store(path) as s:
        s._db.execute("INSERT INTO schema_version VALUES (99, 'x')")
    with pytest.raises(StoreError, match="phiên bản lược đồ 99, mới hơn bản cchc này"):
        Store(path)


def test_files_that_are_not_an_index_are_refused(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="không phải chỉ mục của cchc"):
        Store(junk)
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE x (a)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="không phải chỉ mục của cchc"):
        Store(other)
    with pytest.raises(StoreError, match="chưa có chỉ mục tại .*cchc index"):
        Store(tmp_path / "missing.sqlite", readonly=True)
    assert issubclass(StoreError, CchcError)


def test_a_readonly_store_refuses_writes(db, analysed):
    _, report, cites, tagged = analysed[0]
    with pytest.raises(StoreError, match="chỉ đọc"):
        db.add_report(report, cites, tagged)


def test_rebuild_fts_gives_the_same_answers(fresh, analysed):
    for _, report, cites, tagged in analysed[:3]:
        fresh.add_report(report, cites, tagged)
    queries = [("nghi dinh", {}), ("một cửa", {"area": "tthc"}), ("cải cách", {"province": "thanh hoa"})]
    before = [fresh.search(q, **f) for q, f in queries]
    fresh.rebuild_fts()
    assert [fresh.search(q, **f) for q, f in queries] == before
