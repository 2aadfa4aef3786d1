"""Copied passages between reports (MinHash + LSH)."""

from typer.testing import CliRunner

from cchc_nlp.cli import app
from cchc_nlp.copying import copied_share, find_copies
from cchc_nlp.pipeline import parse
from conftest import ROOT

SEED = ROOT / "corpus" / "reports" / "003_29ff7cf71591a7d7.txt"


def test_a_report_reusing_its_previous_one_is_caught():
    old = [p.text for p in parse(SEED).paragraphs]
    # the "next" report: same text, a few figures changed, one paragraph new
    new = [t.replace("1.157", "1.302").replace("2023", "2024") for t in old]
    new.append("Trong quý III năm 2024 UBND xã tiếp nhận thêm 57 hồ sơ trực tuyến toàn trình "
               "qua Cổng dịch vụ công quốc gia, tăng 12% so với cùng kỳ năm trước, đạt kế hoạch.")
    found = find_copies({"ky_truoc": old, "ky_nay": new})
    share = copied_share({"ky_truoc": old, "ky_nay": new}, found)
    assert share["ky_nay"] > 0.6
    assert all(c.report_a != c.report_b for c in found)


def test_independent_reports_share_only_the_official_outline():
    reports = {p.stem: [x.text for x in parse(p).paragraphs]
               for p in sorted((ROOT / "corpus" / "reports").glob("*.txt"))}
    shares = copied_share(reports, find_copies(reports))
    assert max(shares.values()) < 0.05


def test_copies_cli_lists_pairs(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["copies", str(SEED), str(copy), "--format", "jsonl"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) >= 20
