"""Failures a new user and a fault test found (issue 17): each was a traceback or a
silent loss before, each is one line and the rest of the batch now."""

from __future__ import annotations

import errno
import re
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from cchc_nlp.cli import app, digest_names
from conftest import ROOT
from renditions import bad_files

runner = CliRunner()
REPORTS = ROOT / "corpus" / "reports"
SEED = REPORTS / "000_46eead6140f5e907.txt"
OTHER = REPORTS / "001_7a29a15c01ae068e.txt"


def test_an_unreadable_file_is_one_line_and_the_batch_goes_on(tmp_path, monkeypatch):
    folder = tmp_path / "baocao"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    locked = folder / "b_khong_doc_duoc.txt"
    shutil.copy(OTHER, locked)
    real = Path.read_bytes

    def read_bytes(self):  # what a file without read permission does (the tests run as root)
        if self.name == locked.name:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    for command in (["parse", str(folder), "--format", "jsonl"], ["score", str(folder), "--format", "csv"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and locked.name in lines[0] and "không có quyền đọc" in lines[0]
    result = runner.invoke(app, ["parse", str(folder), "--format", "jsonl"])
    assert [json.loads(x)["file"].endswith("a.txt") for x in result.stdout.splitlines()] == [True]


def test_output_into_a_missing_folder_creates_it(tmp_path):
    target = tmp_path / "chua_co" / "trich_dan.csv"
    result = runner.invoke(app, ["cites", str(SEED), "--format", "csv", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("schema_version")


def test_digests_with_the_same_name_do_not_overwrite_each_other(tmp_path):
    for sub, src in (("a", SEED), ("b", OTHER)):
        (tmp_path / sub).mkdir()
        shutil.copy(src, tmp_path / sub / "baocao.txt")
    out = tmp_path / "tom_tat"
    result = runner.invoke(app, ["digest", str(tmp_path / "a"), str(tmp_path / "b"), "--format", "md",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a_baocao.md", "b_baocao.md"]
    assert "Hoằng Lưu" in (out / "a_baocao.md").read_text(encoding="utf-8")
    assert "Định Biên" in (out / "b_baocao.md").read_text(encoding="utf-8")


def test_digest_names_keep_the_extension_or_number_when_stems_collide():
    assert digest_names([Path("x.docx"), Path("x.txt")], "html") == ["x.docx.html", "x.txt.html"]
    assert digest_names([Path("a/x/r.txt"), Path("b/x/r.txt")], "md") == ["x_r_1.md", "x_r_2.md"]
    assert digest_names([Path("r.txt")], "md") == ["r.md"]


def test_an_html_digest_to_a_name_without_extension_gets_one(tmp_path):
    result = runner.invoke(app, ["digest", str(SEED), "--format", "html", "-o", str(tmp_path / "dig")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "dig.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = runner.invoke(app, ["digest", str(SEED), "--format", "md", "-o", str(tmp_path / "thu_muc") + "/"])
    assert (tmp_path / "thu_muc" / f"{SEED.stem}.md").exists()


def test_json_digests_of_several_files_are_one_json_array():
    result = runner.invoke(app, ["digest", str(SEED), str(OTHER), "--format", "json"])
    assert result.exit_code == 0, result.output
    digests = json.loads(result.stdout)
    assert [d["unit"]["name"] for d in digests] == ["Hoằng Lưu", "Định Biên"]


def test_a_symlink_loop_is_named_as_such(tmp_path):
    loop = tmp_path / "vong.txt"
    loop.symlink_to(loop)
    result = runner.invoke(app, ["parse", str(loop), str(SEED), "--format", "jsonl"])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{loop}: đường dẫn là một vòng liên kết tượng trưng (symlink); trỏ tới tệp thật"
    assert len(result.stdout.splitlines()) == 1


def test_latin1_vietnamese_keeps_its_letters_and_lost_letters_are_reported(tmp_path):
    text = ("UBND xã Tân Lập báo cáo kết quả cải cách hành chính năm 2024 của xã như sau: "
            "đã thực hiện các công việc về hành chính theo kế hoạch.\n") * 3
    f = tmp_path / "latin1.txt"
    f.write_bytes(text.encode("latin-1", errors="replace"))
    result = runner.invoke(app, ["parse", str(f), "--format", "json"])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert "UBND xã Tân L" in record["paragraphs"][0]["text"]  # "xã", not "xă"
    assert any("mất dấu" in line for line in result.stderr.splitlines())


def test_an_excerpt_cut_inside_its_title_is_parsed_with_a_clear_warning():
    # corpus/dev16/docs/p002: a legal site's copy that stops inside the plan's title
    path = next((Path(__file__).resolve().parent.parent / "corpus" / "dev16" / "docs").glob("p002_*.txt"))
    result = runner.invoke(app, ["parse", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["meta"]["number"] == "7384/KH-UBND" and record["paragraphs"] == []
    assert "chỉ có phần đầu và tên văn bản" in result.stderr


def test_a_file_that_is_not_a_cchc_document_is_warned_and_kept_out(tmp_path):
    folder = tmp_path / "thu_muc"
    folder.mkdir()
    (folder / "readme.md").write_text("# My project\n\nInstall with pip. Run the tests with pytest.\n",
                                      encoding="utf-8")
    shutil.copy(SEED, folder / "baocao.txt")
    result = runner.invoke(app, ["score", str(folder), "--format", "csv"])
    assert result.exit_code == 0, result.output
    import csv
    import io

    rows = {Path(r["file"]).name: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["readme.md"]["note"].startswith("không chấm điểm: không thấy dấu hiệu văn bản")
    assert float(rows["baocao.txt"]["total"]) > 0
    assert "readme.md" in result.stderr and "không thấy dấu hiệu" in result.stderr
    db = tmp_path / "chi_muc.sqlite"
    result = runner.invoke(app, ["index", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Chỉ mục" in result.stdout and ": 1 báo cáo" in result.stdout
    result = runner.invoke(app, ["index", str(folder), "--db", str(db), "--all"])
    assert ": 2 báo cáo" in result.stdout


def test_a_text_too_long_to_analyse_is_one_line_with_the_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_MAX_CHARS", "5000")
    result = runner.invoke(app, ["check", str(SEED), str(tmp_path / "khong_co.txt")])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert "quá giới hạn 5.000 ký tự" in lines[0] and "CCHC_MAX_CHARS" in lines[0]
    assert len(lines) == 2 and "Traceback" not in result.output


def test_the_same_content_under_a_new_path_is_named_and_recorded(tmp_path):
    from cchc_nlp.store import Store

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(SEED, tmp_path / "a" / "baocao.txt")
    shutil.copy(SEED, tmp_path / "b" / "ban_sao.txt")
    db = tmp_path / "i.sqlite"
    runner.invoke(app, ["index", str(tmp_path / "a"), "--db", str(db)])
    result = runner.invoke(app, ["index", str(tmp_path / "b"), "--db", str(db)])
    assert result.exit_code == 0
    assert f"cùng nội dung với {tmp_path / 'a' / 'baocao.txt'}" in result.stdout
    with Store(db, readonly=True) as store:
        assert store.other_paths(1) == [str(tmp_path / "b" / "ban_sao.txt")]
    again = runner.invoke(app, ["index", str(tmp_path / "a"), "--db", str(db)])
    assert "không đổi, bỏ qua" in again.stdout
    found = runner.invoke(app, ["search", "--cites", "NĐ 61/2018", "--db", str(db), "--format", "jsonl"])
    hit = json.loads(found.stdout.split("\n")[0])
    assert hit["other_paths"] == [str(tmp_path / "b" / "ban_sao.txt")]  # the copy is found too


def test_search_says_when_there_are_more_results_than_shown(tmp_path):
    db = tmp_path / "i.sqlite"
    runner.invoke(app, ["index", str(REPORTS), "--db", str(db)])
    result = runner.invoke(app, ["search", "hồ sơ", "--db", str(db), "--limit", "3", "--format", "jsonl"])
    assert len(result.stdout.splitlines()) == 3
    assert "Hiển thị 3 kết quả đầu tiên; còn nữa: dùng --limit 12" in result.stderr
    none = runner.invoke(app, ["search", "khongcochunay", "--db", str(db), "--format", "jsonl"])
    assert none.exit_code == 0 and none.stdout == "" and "Không có kết quả nào." in none.stderr


def test_index_prints_each_file_as_it_is_committed(tmp_path):
    result = runner.invoke(app, ["index", str(SEED), str(OTHER), "--db", str(tmp_path / "i.sqlite")])
    lines = result.stdout.splitlines()
    assert lines[0].startswith("[1/2] ") and lines[1].startswith("[2/2] ")
    assert lines[2].endswith("lần này 2 tệp, 0 lỗi.")


# --- a standing fault suite: generated bad files, one batch --------------------


def test_hundreds_of_bad_files_are_each_one_line_and_never_a_traceback(tmp_path, renditions):
    folder = tmp_path / "hong"
    folder.mkdir()
    seed = renditions["000_46eead6140f5e907"]
    files = bad_files(folder, seed["txt"], seed["docx"], seed["pdf"])
    assert len(files) >= 300
    result = runner.invoke(app, ["parse", str(folder), "--format", "jsonl"])
    assert result.exit_code in (0, 1)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    names = {str(p) for p in files}
    # JSON Lines are "\n"-separated (a text may hold U+2028 or \x1c, which splitlines() cuts at)
    errors = [line for line in result.stderr.split("\n") if line and not line.startswith("cảnh báo: ")]
    failed = [line.split(": ", 1)[0] for line in errors]
    assert all(f in names for f in failed), errors[:3]
    assert len(failed) == len(set(failed))  # one line per bad file
    parsed = {json.loads(line)["file"] for line in result.stdout.split("\n") if line}
    assert parsed.isdisjoint(failed) and len(parsed) + len(failed) == len(files)


def test_tables_write_numbers_the_vietnamese_way_and_say_when_empty(tmp_path):
    result = runner.invoke(app, ["score", str(SEED), "--format", "table"])
    row = next(line for line in result.stdout.splitlines() if "Hoằng Lưu" in line)
    assert re.search(r"│ \d+,\d │", row)  # "60,6", not "60.6"
    db = tmp_path / "i.sqlite"
    runner.invoke(app, ["index", str(SEED), "--db", str(db)])
    empty = runner.invoke(app, ["search", "khongcochunay", "--db", str(db)])
    assert "không có kết quả nào" in empty.stdout


def test_index_killed_while_writing_stays_whole_and_a_rerun_completes_it(tmp_path):
    """kill -9 ten times while the index is being written: each kill lands after the run's first
    commit (between two reports' commits or inside one), after which the index passes
    SQLite's integrity check; three reports are edited before each run, so a killed run is
    usually replacing rows. A re-run then completes it: no duplicate, and searches answer
    exactly like a clean index of the same files."""
    import random
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    folder = tmp_path / "bao_cao"
    folder.mkdir()
    for i in range(6):  # six distinct reports (a line added to each seed)
        src = sorted(REPORTS.glob("*.txt"))[i % 5]
        (folder / f"r{i}.txt").write_text(src.read_text(encoding="utf-8") + f"\nGhi chú {i}.\n",
                                          encoding="utf-8")
    cchc = str(Path(sys.executable).parent / "cchc")
    db = tmp_path / "i.sqlite"
    wal = tmp_path / "i.sqlite-wal"
    rng = random.Random(9)

    def written() -> int:  # bytes the index has committed so far
        return sum(p.stat().st_size for p in (db, wal) if p.exists())

    killed = 0
    for k in range(10):
        if k:  # edit three reports: this run replaces their rows
            for i in rng.sample(range(6), 3):
                path = folder / f"r{i}.txt"
                path.write_text(path.read_text(encoding="utf-8") + f"Cập nhật lần {k}.\n", encoding="utf-8")
        before = written()
        proc = subprocess.Popen([cchc, "index", str(folder), "--db", str(db), "--commit-every", "1"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # wait for this run's first commit (the schema alone is ~240 kB), then kill a moment later
        while proc.poll() is None and written() <= max(before, 300_000):
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.15))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait()
        if db.exists():
            with sqlite3.connect(db) as con:
                assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert killed >= 7  # most runs were killed while writing, not after finishing
    done = subprocess.run([cchc, "index", str(folder), "--db", str(db)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    clean = tmp_path / "clean.sqlite"
    subprocess.run([cchc, "index", str(folder), "--db", str(clean)], capture_output=True, check=True)
    with sqlite3.connect(db) as con, sqlite3.connect(clean) as ref:
        paths = [r[0] for r in con.execute("SELECT path FROM reports")]
        assert len(paths) == len(set(paths)) == 6
        # the edited reports were indexed as they now are
        assert sorted(con.execute("SELECT path, sha256 FROM reports")) == \
            sorted(ref.execute("SELECT path, sha256 FROM reports"))
        assert con.execute("SELECT count(*) FROM paragraphs").fetchone()[0] == \
            ref.execute("SELECT count(*) FROM paragraphs").fetchone()[0]

    def hits(path, *query):
        r = subprocess.run([cchc, "search", *query, "--db", str(path), "--format", "jsonl", "--limit", "500"],
                           capture_output=True, text=True)
        return sorted((json.loads(x)["path"], json.loads(x)["snippet"]) for x in r.stdout.split("\n") if x)

    assert hits(db, "--cites", "NĐ 61/2018") == hits(clean, "--cites", "NĐ 61/2018") and hits(db, "--cites", "NĐ 61/2018")
    assert hits(db, "hồ sơ") == hits(clean, "hồ sơ") and hits(db, "hồ sơ")


def test_a_file_that_takes_too_long_to_read_is_stopped_and_the_batch_goes_on(tmp_path, monkeypatch,
                                                                               renditions):
    import time

    import cchc_nlp.ingest.pdf as pdf_reader

    monkeypatch.setenv("CCHC_MAX_SECONDS", "1")
    real = pdf_reader.read_pdf

    def stalls(data, path, sha):  # what a pathological PDF does to the reader
        time.sleep(30)
        return real(data, path, sha)

    monkeypatch.setattr(pdf_reader, "read_pdf", stalls)
    started = time.monotonic()
    result = runner.invoke(app, ["parse", str(renditions["000_46eead6140f5e907"]["pdf"]), str(SEED),
                                 "--format", "jsonl"])
    assert time.monotonic() - started < 15
    assert result.exit_code == 1
    assert "đọc tệp mất quá 1 giây" in result.stderr
    assert len([x for x in result.stdout.split("\n") if x]) == 1


def test_a_flag_names_its_section_paragraph_and_sentence_and_is_not_repeated():
    result = runner.invoke(app, ["check", str(REPORTS / "002_99a9c136d6925e8d.txt"), "--format", "jsonl"])
    rows = [json.loads(x) for x in result.stdout.split("\n") if x]
    date = next(r for r in rows if r["id"] == "impossible_date")
    assert date["section"] == "II.5" and isinstance(date["paragraph"], int)
    assert date["sentence"] and len(date["sentence"]) < 600
    keys = [(r["id"], tuple((e["start"], e["end"]) for e in r["evidence"])) for r in rows]
    assert len(keys) == len(set(keys))


def test_the_html_digest_opens_with_a_verdict_and_links_flags_to_the_full_text(tmp_path):
    out = tmp_path / "d.html"
    runner.invoke(app, ["digest", str(REPORTS / "002_99a9c136d6925e8d.txt"), "--format", "html", "-o", str(out)])
    page = out.read_text(encoding="utf-8")
    assert re.search(r'<p class="verdict"><strong>Tóm lại:</strong> \d+,\d/100; \d+ điểm bất thường mức cao', page)
    targets = set(re.findall(r'href="#(p-\d+)"', page))
    assert targets and all(f'id="{t}"' in page for t in targets)


def test_results_by_area_leave_out_next_period_tasks_and_flagged_paragraphs():
    from cchc_nlp.digest import build_digest
    from cchc_nlp.pipeline import analyse
    from cchc_nlp.structure import in_directions

    a = analyse(REPORTS / "000_46eead6140f5e907.txt")
    d = build_digest(a)
    later = {p.index for p in a.report.paragraphs if in_directions(a.report, p.start)}
    flagged = {f["paragraph"] for f in d["flags"]}
    shown = {h["paragraph"] for area in d["areas"] for h in area["highlights"]}
    assert later and shown and not shown & (later | flagged)


def test_symlink_loops_and_broken_links_in_a_folder_are_named(tmp_path):
    folder = tmp_path / "thu_muc"
    folder.mkdir()
    shutil.copy(SEED, folder / "baocao.txt")
    (folder / "len_tren").symlink_to(folder)  # a link back up the tree
    (folder / "mat.txt").symlink_to(tmp_path / "khong_con.txt")  # a broken link
    result = runner.invoke(app, ["parse", str(folder), "--format", "jsonl"])
    assert result.exit_code == 1
    lines = sorted(result.stderr.strip().split("\n"))
    assert len(lines) == 2
    assert "len_tren: đường dẫn là một vòng liên kết tượng trưng" in lines[0]
    assert "mat.txt: liên kết tượng trưng (symlink) trỏ tới một tệp không còn" in lines[1]
    assert len([x for x in result.stdout.split("\n") if x]) == 1
