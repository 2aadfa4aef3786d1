"""The command-line contract: formats, exit codes, one error line per bad file."""

import json

from typer.testing import CliRunner

from cchc_nlp.cli import app
from renditions import SEEDS

runner = CliRunner()


def test_parse_one_file_prints_one_json_object_with_the_contract_keys():
    result = runner.invoke(app, ["parse", str(SEEDS[0]), "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert {"schema_version", "file", "meta", "sections", "paragraphs", "tables"} <= set(record)
    para = record["paragraphs"][0]
    assert set(para) == {"index", "section", "heading", "text", "start", "end"}
    assert record["meta"]["unit_name"] == "Hoằng Lưu"


def test_parse_folder_as_jsonl_gives_one_line_per_report():
    result = runner.invoke(app, ["parse", str(SEEDS[0].parent), "--format", "jsonl"])
    assert result.exit_code == 0
    lines = result.stdout.strip().split("\n")
    assert len(lines) == len(SEEDS)
    assert all(json.loads(ln)["schema_version"] for ln in lines)


def test_batch_goes_on_after_a_bad_file_and_exits_1(tmp_path):
    bad = tmp_path / "rong.txt"
    bad.write_bytes(b"")
    result = runner.invoke(app, ["parse", str(bad), str(SEEDS[1]), "--format", "jsonl"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"{bad}: tệp rỗng; kiểm tra báo cáo đã được lưu đầy đủ chưa"
    )
    assert json.loads(result.stdout)["meta"]["unit_name"] == "Định Biên"
    assert "Traceback" not in result.output


def test_folder_with_mixed_files_reads_the_reports_and_names_the_broken_one(tmp_path):
    (tmp_path / "anh.png").write_bytes(b"\x89PNG....")  # not a report type: skipped
    (tmp_path / "hong.pdf").write_bytes(b"MZ" + b"\x00" * 100)
    (tmp_path / "tot.txt").write_text(SEEDS[2].read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["parse", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "hong.pdf: không phải tệp PDF" in result.stderr
    assert len(result.stdout.strip().split("\n")) == 1


def test_bad_usage_exits_2():
    result = runner.invoke(app, ["parse", str(SEEDS[0]), "--format", "xml"])
    assert result.exit_code == 2


def test_table_output_names_every_unit():
    result = runner.invoke(app, ["parse", str(SEEDS[0].parent)])
    assert result.exit_code == 0
    for unit in ("Hoằng Lưu", "Định Biên", "Quảng Phú", "Tân Việt"):
        assert unit in result.stdout


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("cchc ")


def test_index_then_search_which_communes_cited_a_decree(tmp_path):
    db = tmp_path / "index.sqlite"
    result = runner.invoke(app, ["index", str(SEEDS[0].parent), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "5 báo cáo" in result.stdout
    found = runner.invoke(app, ["search", "--cites", "NĐ 61/2018", "--db", str(db), "--format", "jsonl"])
    assert found.exit_code == 0
    communes = {json.loads(x)["commune"] for x in found.stdout.splitlines()}
    # checked with grep: only seeds 000 (Hoằng Lưu) and 004 (Tân Việt) cite 61/2018/NĐ-CP
    assert communes == {"Hoằng Lưu", "Tân Việt"}
    again = runner.invoke(app, ["index", str(SEEDS[0]), "--db", str(db)])
    assert "không đổi, bỏ qua" in again.stdout


def test_search_without_an_index_says_how_to_build_one(tmp_path):
    result = runner.invoke(app, ["search", "một cửa", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 1
    assert "tạo bằng `cchc index`" in result.stderr


def test_search_needs_something_to_look_for():
    assert runner.invoke(app, ["search"]).exit_code == 2


def test_parse_table_of_files_that_all_failed_is_only_their_error_lines(tmp_path):
    empty = tmp_path / "rong.txt"
    empty.write_text("", encoding="utf-8")
    r = CliRunner().invoke(app, ["parse", str(empty), "--format", "table"])
    assert r.exit_code == 1
    assert r.output.strip().splitlines() == [f"{empty}: tệp rỗng; kiểm tra báo cáo đã được lưu đầy đủ chưa"]


def test_evaluate_prints_no_per_file_warnings_even_after_underthesea_is_imported(monkeypatch):
    """The gold documents are not the reviewer's files: `cchc evaluate` keeps their
    "no outline" warnings quiet, also once underthesea's logging set-up has run."""
    import logging

    from cchc_nlp import evaluation

    def target(_):
        import underthesea  # noqa: F401 - its import re-enables disabled loggers

        logging.getLogger("cchc_nlp").warning("x.txt: không nhận ra bố cục văn bản")
        return "kết quả"

    monkeypatch.setitem(evaluation.TARGETS, "checks", target)
    result = runner.invoke(app, ["evaluate", "checks"])
    assert result.exit_code == 0
    assert result.stdout.strip() == "kết quả"
    assert "cảnh báo" not in result.stderr
    # … and the next command in the same process warns again
    doc = "corpus/dev3/docs/f012_tin-ket-qua-cchc-cap-huyen-2016-can-tho.txt"
    from conftest import ROOT

    result = runner.invoke(app, ["parse", str(ROOT / doc), "--format", "json"])
    assert result.exit_code == 0 and "không nhận ra bố cục" in result.stderr
