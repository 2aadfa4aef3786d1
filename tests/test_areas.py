"""The CCHC area classifier: gold sanity, held-out evaluation, tagging, spaCy."""

import json
import shutil

import numpy as np
import pytest
from typer.testing import CliRunner

from cchc_nlp.areas import AREA_IDS, AreaTagger, load_pipeline
from cchc_nlp.evaluation.area_training import Example, cross_validate, load_examples
from cchc_nlp.cli import app
from cchc_nlp.errors import ModelNotFound
from conftest import ROOT
from renditions import SEEDS


def test_gold_labels_use_only_the_known_area_ids():
    examples = load_examples()
    assert len(examples) >= 500
    assert {e.area for e in examples} == set(AREA_IDS)
    assert len({e.group for e in examples}) >= 40


def test_cross_validation_never_trains_on_the_scored_report(monkeypatch):
    import cchc_nlp.evaluation.area_training as areas

    seen = []

    class Spy:
        classes_ = np.array(["khac"])

        def fit(self, X, y, **weights):
            self.train = set(X)
            return self

        def predict(self, X):
            seen.append((self.train, set(X)))
            return np.array(["khac"] * len(X))

        def predict_proba(self, X):
            return np.ones((len(X), 1))

    monkeypatch.setattr(areas, "make_pipeline", lambda kind: Spy())
    examples = [Example(f"đoạn {i} của {g}", "", "khac", g) for g in "abc" for i in range(3)]
    result = cross_validate(examples, "spy", use_heading=False)
    assert len(seen) == 3 and result["groups"] == 3
    for train, test in seen:
        assert not {t.split()[-1] for t in train} & {t.split()[-1] for t in test}


@pytest.mark.parametrize("text, area", [
    # real sentences from the seeds, one per area
    ("Trong 6 tháng đầu năm 2024 HĐND- UBND xã Hoằng Lưu không ban hành văn bản quy phạm pháp luật.", "the_che"),
    ("Số lượng hồ sơ đã giải quyết: 433 trong đó, giải quyết trước hạn: 399, đúng hạn: 34, quá hạn: 0.", "tthc"),
    ("UBND xã đã xây dựng và ban hành Quy chế chi tiêu nội bộ, quy chế quản lý tài sản công năm 2024.", "tai_chinh_cong"),
    ("Tỷ lệ văn bản được gửi hoàn toàn dưới dạng điện tử, sử dụng chữ ký số đạt 100%.", "chinh_quyen_so"),
    ("Cử 02 công chức tham gia lớp bồi dưỡng kiến thức quản lý nhà nước do huyện tổ chức.", "cong_vu"),
])
def test_tagger_puts_clear_paragraphs_in_their_area(text, area):
    [pred] = AreaTagger.load().predict([text])
    assert pred.area == area
    assert set(pred.scores) == set(AREA_IDS)
    assert sum(pred.scores.values()) == pytest.approx(1.0, abs=1e-3)


@pytest.mark.parametrize("text", ["1.157", "5.4.1\t%\t100", "", "---", "This is English text only."])
def test_paragraph_without_vietnamese_gets_a_valid_record(text):
    [pred] = AreaTagger.load().predict([text])
    assert pred.area in AREA_IDS
    assert sum(pred.scores.values()) == pytest.approx(1.0, abs=1e-3)
    if not any(c.isalpha() for c in text):
        assert pred.area == "khac" and max(pred.scores.values()) < 0.2


def test_model_from_other_library_versions_is_refused_with_advice(tmp_path):
    directory = tmp_path / "areas"
    shutil.copytree(ROOT / "models" / "areas", directory)
    meta = json.loads((directory / "meta.json").read_text())
    meta["versions"]["scikit-learn"] = "0.24.2"
    (directory / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ModelNotFound, match="huấn luyện với scikit-learn 0.24.2.*chạy `cchc train`"):
        load_pipeline(directory)


def test_missing_model_says_to_train(tmp_path):
    with pytest.raises(ModelNotFound, match="chạy `cchc train`"):
        AreaTagger.load.__wrapped__(AreaTagger, tmp_path)


def test_tag_cli_gives_the_contract_record_per_paragraph():
    result = CliRunner().invoke(app, ["tag", str(SEEDS[3]), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(rows) >= 80
    first = rows[0]
    assert {"schema_version", "file", "index", "section", "heading", "text", "area",
            "area_scores", "sentences"} <= set(first)
    assert first["sentences"] and all("text" in s for s in first["sentences"])
    # most of the report is about procedures and the one-stop shop
    assert sum(r["area"] == "tthc" for r in rows) >= 15


def test_spacy_pipeline_sets_cats_and_citation_spans():
    import cchc_nlp.nlp

    nlp = cchc_nlp.nlp.load()
    text = "UBND xã đã ban hành Kế hoạch số 02/KH-UBND ngày 05/01/2024 về tuyên truyền công tác CCHC."
    doc = nlp(text)
    assert doc.text == text
    assert "ban hành" in [t.text for t in doc]  # underthesea joins multi-syllable words
    assert max(doc.cats, key=doc.cats.get) == "chi_dao_dieu_hanh"
    [span] = doc.spans["citations"]
    assert span.text == "Kế hoạch số 02/KH-UBND" and span.label_ == "ke_hoach"


def test_a_trained_context_model_saves_and_loads_through_the_commands_path(tmp_path):
    # the end of `cchc train` on a small sample: fit both stages, save (skops, flat
    # copy, context stage, meta) into a folder, load it as the commands do, predict
    import numpy as np

    from cchc_nlp.areas import AREA_IDS, AreaTagger
    from cchc_nlp.evaluation import transfer
    from cchc_nlp.evaluation.area_training import save

    paras = transfer.load_paragraphs()
    docs = sorted({p.doc for p in paras})[::30]  # 161 paragraphs of 17 provinces, all eight areas
    sample = [p for p in paras if p.doc in set(docs)]
    assert len({p.area for p in sample}) == len(AREA_IDS)
    X = np.array([transfer.feature_text(p, "context") for p in sample], dtype=object)
    y = np.array([p.area for p in sample])
    stage1, stage2 = transfer.fit_context(X, y, np.array([p.province for p in sample]),
                                          np.array([p.doc for p in sample]))
    save(stage1, "logreg", True, tmp_path, cites=True, neighbours=True, khac_threshold=0.35,
         candidate="context", context=stage2, lexicon=True)
    assert {"areas.skops", "areas.npz", "areas_context.skops", "meta.json"} <= {f.name for f in tmp_path.iterdir()}
    tagger = AreaTagger.load(tmp_path)
    got = tagger.predict(["UBND xã tiếp nhận 120 hồ sơ thủ tục hành chính, giải quyết đúng hạn 100%.",
                          "Trên đây là báo cáo kết quả công tác cải cách hành chính của UBND xã."])
    assert got[0].area == "tthc" and abs(sum(got[0].scores.values()) - 1) < 1e-3  # scores rounded to 4 places
