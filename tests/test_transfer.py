"""Transfer evaluation: no province on both sides of a fold or of the frozen split."""

from __future__ import annotations

import json

import numpy as np
import pytest

import cchc_nlp.evaluation.transfer as transfer
from cchc_nlp.areas import AREA_IDS, AreaTagger, citation_tokens, features
from cchc_nlp.config import corpus_dir, models_dir
from cchc_nlp.evaluation.corpus_index import CENTRAL, documents, load_split, province_key


@pytest.fixture(scope="module")
def paras():
    return transfer.load_paragraphs()


def test_every_labelled_paragraph_has_a_document_province_and_kind(paras):
    assert len(paras) >= 2700
    assert all(p.area in AREA_IDS and p.province and p.kind for p in paras)
    provinces = {p.province for p in paras} - {CENTRAL}
    assert len(provinces) >= 40
    docs = documents()
    assert all(docs[p.doc].path.exists() for p in paras)


@pytest.mark.parametrize("a, b", [("Thừa Thiên Huế", "Huế"), ("TP. Hồ Chí Minh", "TP.HCM"),
                                  ("tỉnh Bà Rịa - Vũng Tàu", "Bà Rịa–Vũng Tàu"), ("Đắk Lắk", "Dak Lak")])
def test_one_key_per_province_whatever_the_spelling(a, b):
    assert province_key(a) == province_key(b)


def test_the_frozen_split_puts_no_province_on_both_sides(paras):
    split = load_split()
    assert not set(split["test"]) & set(split["train"])
    train, test = transfer.split(paras)
    assert {p.province for p in train}.isdisjoint({p.province for p in test})
    assert len(test) >= 400 and all(sum(p.area == a for p in test) >= 20 for a in AREA_IDS)


def test_cross_validation_never_trains_on_the_scored_province(paras, monkeypatch):
    seen = []

    def spy(candidate, X, y, w, train, test):
        seen.append((train, test))
        return test, np.full((len(test), len(AREA_IDS)), 1.0 / len(AREA_IDS))

    monkeypatch.setattr(transfer, "_fit_predict", spy)
    sample = paras[::5]
    transfer.cross_validated_proba(sample, "uniform", n_jobs=1)
    provinces = np.array([p.province for p in sample])
    assert len(seen) == 5
    for train, test in seen:
        assert set(provinces[train]).isdisjoint(provinces[test])
    assert sorted(np.concatenate([t for _, t in seen]).tolist()) == list(range(len(sample)))


def test_khac_is_decided_by_its_threshold_not_by_the_argmax():
    k = AREA_IDS.index("khac")
    proba = np.full((2, len(AREA_IDS)), 0.05)
    proba[0, k], proba[0, 0] = 0.4, 0.25  # khac likeliest but under the threshold
    proba[1, k], proba[1, 2] = 0.55, 0.1
    assert transfer.decide(proba, 0.5).tolist() == [AREA_IDS[0], "khac"]
    assert transfer.decide(proba, None).tolist() == ["khac", "khac"]


def test_a_cited_decree_brings_its_area_as_a_feature():
    assert citation_tokens("Triển khai Nghị định số 45/2020/NĐ-CP về thủ tục hành chính trên môi trường điện tử") \
        == ["cite:45/2020/nđ-cp", "citearea:chinh_quyen_so"]
    text = features("Tiếp nhận hồ sơ.", "1. Cải cách TTHC", cites=True, before="Trước đó", after="Sau đó")
    assert "h:cải_cách" in text and "b:trước" in text and "a:sau" in text


def test_the_shipped_model_reads_what_it_was_chosen_with():
    tagger = AreaTagger.load()
    meta = json.loads((models_dir() / "areas" / "meta.json").read_text("utf-8"))
    assert meta["candidate"] in transfer.FEATURE_OPTIONS
    opts = transfer.FEATURE_OPTIONS[meta["candidate"]]
    assert tagger.use_heading == bool(opts.get("heading")) and tagger.neighbours == bool(opts.get("neighbours"))
    card = (models_dir() / "areas" / "MODEL_CARD.md").read_text("utf-8")
    assert "Frozen test provinces" in card and "Learning curve" in card


def test_second_passes_cover_a_fifth_of_the_web_paragraphs():
    gold = corpus_dir() / "gold"
    web = sum(1 for f in gold.glob(transfer.GOLD_WEB) for line in f.read_text("utf-8").splitlines() if line)
    second = sum(1 for f in gold.glob("areas_web_second_pass_*.jsonl")
                 for line in f.read_text("utf-8").splitlines() if line)
    assert second >= 0.2 * web


def test_document_context_is_the_mean_of_the_other_paragraphs_of_the_same_document():
    from cchc_nlp.areas import context_features

    n = len(AREA_IDS)
    proba = np.full((3, n), 1.0 / n)
    proba[0] = np.eye(n)[0] * 0.9 + 0.1 / n
    proba[1] = np.eye(n)[1] * 0.9 + 0.1 / n
    f = context_features(proba, ["a", "a", "b"])
    np.testing.assert_allclose(f[0, :n], np.log(proba[0]))
    np.testing.assert_allclose(f[0, n:2 * n], proba[1])  # its own row is not its context
    np.testing.assert_allclose(f[1, n:2 * n], proba[0])
    assert f[2, n:2 * n].sum() == 0 and f[2, -1] == 0 and f[0, -1] == 1  # alone in its document
