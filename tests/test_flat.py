"""The flat (NumPy-only) copies of the models predict exactly like the skops pipelines."""

import json
import shutil

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.naive_bayes import ComplementNB

from cchc_nlp import flat
from cchc_nlp.areas import AREA_IDS, AreaTagger, features, load_pipeline
from cchc_nlp.evaluation.area_training import load_examples, make_pipeline
from cchc_nlp.concreteness import ConcretenessModel, feature_matrix, model_input, tokens
from cchc_nlp.evaluation.concreteness_training import load_gold
from cchc_nlp.errors import ModelNotFound
from conftest import ROOT

MODELS = ROOT / "models"


def _skops_load(path):
    # imported here: importing skops.io walks every scikit-learn estimator (~3 s), which
    # each test worker would otherwise pay while collecting
    import skops.io as sio

    return sio.load(path, trusted=[])


@pytest.fixture(scope="module")
def area_texts():
    from cchc_nlp.evaluation.transfer import feature_text, load_paragraphs

    candidate = AreaTagger.load().meta.get("candidate") or "today"
    texts = [feature_text(p, candidate) for p in load_paragraphs()[::6]]  # ~600 texts of every kind
    # odd inputs: nothing in the vocabulary, one character, repeated words
    return texts + ["", "x", "zzzz qqqq", "hồ_sơ hồ_sơ hồ_sơ", "1.157\t%"]


def test_shipped_area_model_matches_its_skops_pipeline(area_texts):
    pipeline = load_pipeline()
    expected = pipeline.predict_proba(area_texts)
    got = AreaTagger.load().model.predict_proba(area_texts)
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)
    assert list(AreaTagger.load().model.classes_) == list(pipeline.classes_)


def test_shipped_concreteness_model_matches_its_skops_pipeline():
    pipeline = _skops_load(MODELS / "concreteness" / "concreteness.skops")
    model = ConcretenessModel.load()
    texts = [s.text for s in load_gold()[:300]] + ["", "x x x", "Tiếp nhận 1.157 hồ sơ."]
    words = [list(tokens(t)) for t in texts]
    X = feature_matrix(texts, model.table, words=words)
    got = model.model.predict_proba(X, [" ".join(w).lower() for w in words])
    np.testing.assert_allclose(got, pipeline.predict_proba(model_input(X, words)), rtol=0, atol=1e-12)


@pytest.mark.parametrize("kind", ["logreg", "linear_svc"])
def test_export_of_a_freshly_trained_pipeline_round_trips(kind, tmp_path, area_texts):
    examples = load_examples()[::9]  # ~350 paragraphs of every area: enough to fit every class
    X = [features(e.text) for e in examples]
    pipeline = make_pipeline(kind).fit(X, [e.area for e in examples])
    flat.save(flat.export_text_classifier(pipeline), tmp_path / "m.npz")
    got = flat.TextClassifier(tmp_path / "m.npz").predict_proba(area_texts)
    np.testing.assert_allclose(got, pipeline.predict_proba(area_texts), rtol=0, atol=1e-9)


def test_export_refuses_what_it_cannot_reproduce():
    examples = load_examples()[::12]
    X = [features(e.text) for e in examples]
    y = [e.area for e in examples]
    nb = make_pipeline("complement_nb").fit(X, y)
    with pytest.raises(ValueError, match="ComplementNB"):
        flat.export_text_classifier(nb)
    assert isinstance(nb.named_steps["clf"], ComplementNB)
    lowered = make_pipeline("logreg")
    lowered.named_steps["features"].transformer_list[0][1].set_params(lowercase=True)
    with pytest.raises(ValueError, match="unsupported settings"):
        flat.export_text_classifier(lowered.fit(X, y))


_TEXT = st.text(alphabet=st.sampled_from(list("ab_ cđệ\t\n1.\u00a0\u2003\x1c")),
                max_size=40)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_ngrams_are_scikit_learns(text):
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), lowercase=False)
    words = TfidfVectorizer(token_pattern=r"\S+", ngram_range=(1, 2), lowercase=False)
    assert flat._char_wb_ngrams(text, 1, 4) == chars.build_analyzer()(text)
    assert flat._word_ngrams(text, 1, 2) == words.build_analyzer()(text)


def test_missing_or_foreign_flat_file_says_to_train(tmp_path):
    directory = tmp_path / "areas"
    shutil.copytree(MODELS / "areas", directory)
    (directory / "areas.npz").unlink()
    with pytest.raises(ModelNotFound, match="bị thiếu hoặc không đọc được.*chạy `cchc train`"):
        AreaTagger.load.__wrapped__(AreaTagger, directory)
    (directory / "areas.npz").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ModelNotFound, match="chạy `cchc train`"):
        AreaTagger.load.__wrapped__(AreaTagger, directory)


def test_flat_model_is_refused_under_another_word_segmentation(tmp_path):
    directory = tmp_path / "areas"
    shutil.copytree(MODELS / "areas", directory)
    meta = json.loads((directory / "meta.json").read_text())
    meta["versions"]["underthesea"] = "1.3.0"
    (directory / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ModelNotFound, match="underthesea 1.3.0.*chạy `cchc train`"):
        AreaTagger.load.__wrapped__(AreaTagger, directory)


def test_shipped_document_context_stage_matches_its_skops_model():
    from cchc_nlp.areas import CONTEXT_NAME

    tagger = AreaTagger.load()
    if not tagger.context:
        pytest.skip("the shipped area model has no document-context stage")
    stage2 = _skops_load(MODELS / "areas" / CONTEXT_NAME)
    rng = np.random.default_rng(0)
    X = np.hstack([np.log(rng.dirichlet(np.ones(8), 50)), rng.dirichlet(np.ones(8), 50),
                   rng.integers(0, 2, (50, 1))])
    gap, classes = _against_skops(tagger.model.context_proba(X), tagger.model.context_classes, stage2, X)
    assert gap <= 1e-9 and classes[0] == classes[1]


def _against_skops(got: np.ndarray, classes, skops_model, X) -> tuple[float, tuple[list, list]]:
    """How far a flat copy's probabilities are from the skops model's, and both class lists."""
    expected = skops_model.predict_proba(X)
    assert got.shape == expected.shape
    return float(np.abs(got - expected).max()), (list(classes), list(skops_model.classes_))


@pytest.fixture(scope="module")
def blend_tagger():
    tagger = AreaTagger.load()
    if tagger.chars is None:
        pytest.skip("the shipped area model is not a blend")
    return tagger


def test_shipped_character_member_of_a_blend_matches_its_skops_pipeline(blend_tagger):
    from cchc_nlp.areas import CHARS_NAME, chars_text
    from cchc_nlp.evaluation.transfer import load_paragraphs

    texts = [chars_text(p.text, p.heading) for p in load_paragraphs()[::6]] + ["", "x", "1.157\t%"]
    chars = blend_tagger.chars
    gap, classes = _against_skops(chars.predict_proba(texts), chars.classes_,
                                  _skops_load(MODELS / "areas" / CHARS_NAME), texts)
    assert gap <= 1e-9 and classes[0] == classes[1]


def test_a_blend_averages_its_two_members_with_the_shipped_share(blend_tagger):
    from cchc_nlp.areas import chars_text

    tagger = blend_tagger
    texts = ["UBND xã đã tiếp nhận 120 hồ sơ thủ tục hành chính, giải quyết đúng hạn 118 hồ sơ.",
             "Trên đây là báo cáo kết quả cải cách hành chính năm 2024 của UBND xã."]
    headings = ["2. Cải cách thủ tục hành chính", ""]
    got = np.array([[p.scores[a] for a in AREA_IDS] for p in tagger.predict(texts, headings)])
    alone = AreaTagger(tagger.model, {**tagger.meta, "chars_weight": None})
    main = np.array([[p.scores[a] for a in AREA_IDS] for p in alone.predict(texts, headings)])
    raw = tagger.chars.predict_proba([chars_text(t, h) for t, h in zip(texts, headings)])
    chars = np.zeros_like(raw)
    chars[:, [AREA_IDS.index(c) for c in tagger.chars.classes_]] = raw
    w = tagger.chars_weight
    np.testing.assert_allclose(got, (1 - w) * main + w * chars, atol=2e-4)  # scores are rounded to 4 places

