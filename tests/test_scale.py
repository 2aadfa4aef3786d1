"""Scale: the same analysis on a Dask cluster (`--engine dask`, a LocalCluster of two
workers here) as in this process or a pool; the index written in batches, one writer,
and resumed after an interruption."""

from __future__ import annotations

import shutil
import sqlite3
from functools import partial

import pytest
from typer.testing import CliRunner

from cchc_nlp.cli import app
from cchc_nlp.config import corpus_dir
from cchc_nlp.errors import UnreadableFile
from cchc_nlp.pipeline import analyse_for_index, analyse_many, index_files
from cchc_nlp.render.reading import analysis_record
from cchc_nlp.store import Store

SEEDS = sorted((corpus_dir() / "reports").glob("*.txt"))
pytestmark = pytest.mark.skipif(len(SEEDS) != 5, reason="seed corpus not present")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """The five seeds, one of them twice under another name, and a file that is not a document."""
    folder = tmp_path_factory.mktemp("inputs")
    for s in SEEDS:
        shutil.copy(s, folder / s.name)
    shutil.copy(SEEDS[2], folder / "zz_copy_of_002.txt")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 200)
    return folder


@pytest.fixture(scope="module")
def scheduler():
    """The address of a running cluster of two single-threaded worker processes, as
    `--scheduler` takes it (the first test starts its own LocalCluster instead)."""
    import logging

    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


def _index_dump(path) -> list:
    """What an index holds, without ids and times: reports, paths, paragraphs, citations, flags, records."""
    db = sqlite3.connect(path)
    sha = "(SELECT sha256 FROM reports r WHERE r.id = t.report_id)"
    out = [db.execute("SELECT sha256, unit_name, province FROM reports ORDER BY sha256").fetchall(),
           db.execute("SELECT path FROM report_paths ORDER BY path").fetchall()]
    for table, cols in (("paragraphs", "idx, area, text"), ("citations", "start, canonical, key"),
                        ("flags", "flag_id, severity, message, evidence")):
        out.append(db.execute(f"SELECT {sha}, {cols} FROM {table} t ORDER BY 1, 2, 3, 4").fetchall())
    out.append(db.execute(f"SELECT {sha}, total, flags_high, flags_medium, record FROM analyses t ORDER BY 1")
               .fetchall())
    db.close()
    return out


def test_score_on_a_dask_cluster_equals_processes_and_one_process(inputs, tmp_path):
    runner = CliRunner()
    outs = {}
    for name, extra in (("one", []), ("jobs", ["--jobs", "2"]), ("dask", ["--engine", "dask", "--jobs", "2"])):
        out = tmp_path / f"{name}.csv"
        r = runner.invoke(app, ["score", str(inputs), "--format", "csv", "-o", str(out), *extra])
        assert r.exit_code == 1, r.output  # broken.txt: one line, the batch goes on
        assert r.output.count("broken.txt") == 1
        outs[name] = out.read_text(encoding="utf-8")
    assert outs["dask"] == outs["jobs"] == outs["one"]
    assert outs["one"].count("\n") == 1 + 7  # header and every file, the broken one as an error row


def test_analyse_many_on_dask_keeps_input_order_and_returns_errors(scheduler):
    files = [*SEEDS, SEEDS[0].parent / "does-not-exist.txt", SEEDS[1]]
    got = list(analyse_many(files, partial(analyse_for_index), 2, expand=False, engine="dask",
                            scheduler=scheduler))
    assert [p for p, _ in got] == files
    assert isinstance(got[5][1], UnreadableFile)
    assert [a.report.sha256 for _, a in got[:5]] == [a.report.sha256 for _, a in analyse_many(SEEDS)]


def test_index_on_dask_writes_the_same_index_as_one_process(inputs, tmp_path, scheduler):
    runner = CliRunner()
    dask = ["--engine", "dask", "--scheduler", scheduler, "--commit-every", "3"]
    for name, extra in (("one", []), ("dask", dask)):
        r = runner.invoke(app, ["index", str(inputs), "--db", str(tmp_path / f"{name}.sqlite"), *extra])
        assert r.exit_code == 1, r.output
        assert "cùng nội dung với" in r.output  # the copy of 002 is recorded as a second path
    assert _index_dump(tmp_path / "dask.sqlite") == _index_dump(tmp_path / "one.sqlite")


class _Interrupted(BaseException):
    pass


def test_an_interrupted_batched_index_keeps_only_whole_batches_and_resumes(tmp_path):
    db = tmp_path / "index.sqlite"
    calls = []

    def dies_on_the_fourth(path):
        calls.append(path)
        if len(calls) == 4:
            raise _Interrupted  # as a kill between two commits would
        return analyse_for_index(path)

    seen = []
    with Store(db) as store, pytest.raises(_Interrupted):
        index_files(store, SEEDS, dies_on_the_fourth, on_result=lambda p, s: seen.append((p, s)),
                    record_of=analysis_record, commit_every=2)
    # the first batch (two reports) was committed and reported; the third report,
    # analysed but not committed, is neither in the index nor reported
    assert seen == [(SEEDS[0], "added"), (SEEDS[1], "added")]
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("SELECT count(*) FROM reports").fetchone() == (2,)
        assert con.execute("SELECT count(*) FROM analyses").fetchone() == (2,)
    with Store(db) as store:
        again = index_files(store, SEEDS, analyse_for_index, record_of=analysis_record, commit_every=2)
    assert [s for _, s in again] == ["skipped", "skipped", "added", "added", "added"]


def test_scheduler_needs_the_dask_engine_and_an_unreachable_one_is_one_line(tmp_path):
    runner = CliRunner()
    r = runner.invoke(app, ["score", str(SEEDS[0]), "--scheduler", "tcp://127.0.0.1:9"])
    assert r.exit_code == 2 and "--engine dask" in r.output
    r = runner.invoke(app, ["score", str(SEEDS[0]), "--engine", "dask", "--scheduler", "không-phải-địa-chỉ::"])
    assert r.exit_code == 1
    assert r.output.strip().count("\n") == 0 and "không kết nối được tới cụm Dask" in r.output
    assert "Traceback" not in r.output
