import math
import re

import numpy as np

RTOL, ATOL = 1e-9, 1e-12
WORDS = ["data", "model", "train", "test", "loss", "the", "a", "of", "gradient", "token", "x1", "42"]
# Not tokens as they stand: "_" and every non-ASCII letter or digit separate tokens, so "snake_case" is
# "snake" + "case", "café" is "caf", "straße" is "stra" + "e", and Cyrillic, Greek or "٤٢" give no token.
TRICKY_WORDS = ["snake_case", "__init__", "max_len_2", "café", "naïve", "straße", "модель", "λόγος", "x²",
                "٤٢"]


def _reference(docs, smooth_idf=True, sublinear_tf=False):
    tokenised = [re.findall(r"[a-z0-9]+", d.lower()) for d in docs]
    vocab = sorted({t for toks in tokenised for t in toks})
    n = len(docs)
    doc_sets = [set(toks) for toks in tokenised]
    df_of = {term: sum(term in s for s in doc_sets) for term in vocab}
    rows = []
    for toks in tokenised:
        row = []
        for term in vocab:
            c = toks.count(term)
            tf = (1 + math.log(c) if c else 0.0) if sublinear_tf else float(c)
            df = df_of[term]
            idf = math.log((1 + n) / (1 + df)) + 1 if smooth_idf else math.log(n / df) + 1
            row.append(tf * idf)
        norm = math.sqrt(sum(v * v for v in row))
        rows.append([v / norm for v in row] if norm > 0 else row)
    return vocab, np.array(rows, dtype=float).reshape(n, len(vocab))


def _check(sol, docs, **options):
    vocab, matrix = sol.tfidf(docs, **options)
    ref_vocab, ref_matrix = _reference(docs, **options)
    assert [str(v) for v in vocab] == ref_vocab, "vocabulary differs (tokenisation or order)"
    matrix = np.asarray(matrix, dtype=float)
    assert matrix.shape == ref_matrix.shape, "matrix shape is (N, V)"
    assert np.allclose(matrix, ref_matrix, rtol=RTOL, atol=ATOL), "weights differ"
    return vocab, matrix


def _random_docs(seed, n_docs, max_len=12):
    rng = np.random.default_rng(seed)
    vocabulary = WORDS + TRICKY_WORDS
    docs = []
    for _ in range(n_docs):
        words = rng.choice(vocabulary, size=int(rng.integers(0, max_len)))
        seps = rng.choice([" ", ", ", ". ", "! ", "\t", "--", "_", " — "], size=len(words))
        # some words upper-cased, various separators: tokenisation must undo both
        docs.append("".join((w.upper() if rng.random() < 0.2 else w) + sep for w, sep in zip(words, seps)))
    return docs


def test_edge_empty_corpus(sol):
    vocab, matrix = sol.tfidf([])
    assert list(vocab) == [] and np.asarray(matrix).shape == (0, 0)


def test_edge_no_tokens_anywhere(sol):
    vocab, matrix = sol.tfidf(["", "!!!", " - "])
    assert list(vocab) == [] and np.asarray(matrix).shape == (3, 0)


def test_edge_single_document(sol):
    # one document: every term has df = N = 1 and idf = 1, so the row is the normalised counts
    _, matrix = _check(sol, ["b a b c b"])
    assert np.allclose(matrix, [[1, 3, 1] / np.sqrt(11)], rtol=RTOL, atol=ATOL)


def test_edge_term_in_every_document(sol):
    _, matrix = _check(sol, ["the", "the the", "the"])
    assert np.allclose(matrix, 1.0), "a document made of one common term still has a unit row"


def test_edge_punctuation_case_and_digits(sol):
    _check(sol, ["Hello, WORLD!! hello-world", "e-mail: a1b2@x.io", "3.14 is not 314"])


def test_edge_underscores_separate_tokens(sol):
    vocab, _ = sol.tfidf(["snake_case and __init__", "max_len_2 x_1", "a__b"])
    expected = ["1", "2", "a", "and", "b", "case", "init", "len", "max", "snake", "x"]
    assert [str(v) for v in vocab] == expected, "'_' is neither a letter nor a digit: it separates tokens"
    _check(sol, ["snake_case and __init__", "max_len_2 x_1", "a__b", "SNAKE_CASE snake"])


def test_edge_non_ascii_letters_separate_tokens(sol):
    vocab, _ = sol.tfidf(["Café naïve", "Straße", "Кошка sat"])
    assert [str(v) for v in vocab] == ["caf", "e", "na", "sat", "stra", "ve"], (
        "only ASCII letters and digits make tokens: a non-ASCII letter separates them"
    )
    _check(sol, ["Café au lait", "naïve résumé", "Straße 42", "Кошка sat", "λόγος and ΣΟΦΙΑ"])
    _check(sol, ["ÉCOLE école", "Ünïcödé", "données"])


def test_edge_only_non_ascii_words(sol):
    # no ASCII letter or digit anywhere: no tokens at all
    vocab, matrix = sol.tfidf(["Привет, мир", "καλημέρα κόσμε", "日本語", "٤٢ ١٢٣"])
    assert list(vocab) == [] and np.asarray(matrix).shape == (4, 0), (
        "non-ASCII letters and digits are not tokens"
    )
    _, matrix = _check(sol, ["мир data", "мир", "σοφία"])
    assert np.all(np.asarray(matrix)[1:] == 0.0), "a document without ASCII tokens is a row of zeros"


def test_edge_non_ascii_digits(sol):
    # Arabic-Indic, Devanagari and full-width digits and superscripts are not the ASCII digits 0-9
    _check(sol, ["x² and ٤٢", "१२३ items", "\uff14\uff12 is not 42", "h₂o and 3²"])


def test_shape_types(sol):
    vocab, matrix = sol.tfidf(["x y", "y z", "z"])
    assert all(isinstance(v, str) for v in vocab)
    matrix = np.asarray(matrix)
    assert matrix.shape == (3, 3) and matrix.dtype.kind == "f"


def test_random_default_options(sol):
    for seed in range(4):
        _check(sol, _random_docs(seed, 8))


def test_random_all_option_combinations(sol):
    docs = _random_docs(10, 12)
    for smooth in (True, False):
        for sublinear in (True, False):
            _check(sol, docs, smooth_idf=smooth, sublinear_tf=sublinear)


def test_property_rows_unit_or_zero(sol):
    docs = _random_docs(20, 15) + [""]
    _, matrix = sol.tfidf(docs)
    norms = np.linalg.norm(np.asarray(matrix, dtype=float), axis=1)
    assert np.all(np.isclose(norms, 1.0, rtol=1e-9) | (norms == 0.0))
    assert norms[-1] == 0.0


def test_property_document_order_permutes_rows(sol):
    docs = _random_docs(30, 7)
    perm = np.random.default_rng(30).permutation(7)
    _, a = sol.tfidf(docs)
    _, b = sol.tfidf([docs[i] for i in perm])
    assert np.allclose(np.asarray(a)[perm], b, rtol=RTOL, atol=ATOL)


def test_property_word_order_and_repetition(sol):
    docs = ["gradient loss model", "loss data", "model model data"]
    _, a = sol.tfidf(docs)
    shuffled = ["model gradient loss", "data loss", "data model model"]
    _, b = sol.tfidf(shuffled)
    assert np.allclose(a, b, rtol=RTOL, atol=ATOL), "bag of words: order does not matter"
    # repeating every document's text doubles all its counts; normalisation cancels that (raw tf only)
    _, c = sol.tfidf([d + " " + d for d in docs])
    assert np.allclose(a, c, rtol=RTOL, atol=ATOL)


def test_property_rarer_term_weighs_more(sol):
    vocab, matrix = sol.tfidf(["common rare", "common", "common", "common other"])
    row = dict(zip(vocab, np.asarray(matrix)[0]))
    assert row["rare"] > row["common"] > 0


def test_numeric_many_documents(sol):
    docs = _random_docs(40, 400, max_len=30)
    vocab, matrix = sol.tfidf(docs, sublinear_tf=True)
    ref_vocab, ref = _reference(docs, sublinear_tf=True)
    assert list(vocab) == ref_vocab and np.allclose(matrix, ref, rtol=RTOL, atol=ATOL)
