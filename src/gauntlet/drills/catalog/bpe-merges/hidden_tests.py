import numpy as np


def _merge(symbols, left, right):
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == (left, right):
            out.append(left + right)
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return out


def _train(word_counts, num_merges):
    words = {word: list(word) for word in word_counts}
    merges = []
    for _ in range(num_merges):
        counts = {}
        for word, symbols in words.items():
            for i in range(len(symbols) - 1):
                pair = (symbols[i], symbols[i + 1])
                counts[pair] = counts.get(pair, 0) + word_counts[word]
        if not counts:
            break
        top = max(counts.values())
        best = min(pair for pair, c in counts.items() if c == top)
        merges.append(best)
        words = {word: _merge(symbols, *best) for word, symbols in words.items()}
    return merges, words


def _encode(word, merges):
    symbols = list(word)
    while True:
        ranks = [merges.index(p) for p in zip(symbols, symbols[1:]) if p in merges]
        if not ranks:
            return symbols
        symbols = _merge(symbols, *merges[min(ranks)])


def _merges(sol, word_counts, num_merges):
    got = sol.bpe_train(dict(word_counts), num_merges)
    out = []
    for pair in got:
        left, right = pair
        assert isinstance(left, str) and isinstance(right, str), "each merge is a pair of strings"
        out.append((left, right))
    return out


def _check_train(sol, word_counts, num_merges):
    got = _merges(sol, word_counts, num_merges)
    expected, _ = _train(word_counts, num_merges)
    for i, (a, b) in enumerate(zip(got, expected)):
        assert a == b, f"merge {i}: expected {b}, got {a}"
    assert len(got) == len(expected), f"expected {len(expected)} merges, got {len(got)}"
    return got


def _check_encode(sol, word, merges):
    got = [str(s) for s in sol.bpe_encode(word, [list(m) for m in merges])]
    assert "".join(got) == word, "the symbols must concatenate back to the word"
    assert got == _encode(word, merges), f"encoding of {word!r}: expected {_encode(word, merges)}, got {got}"
    return got


def _corpus(seed, n_words, alphabet, max_len=8):
    rng = np.random.default_rng(seed)
    letters = list(alphabet)
    weights = rng.dirichlet(np.full(len(letters), 0.5))
    counts = {}
    while len(counts) < n_words:
        length = int(rng.integers(1, max_len + 1))
        word = "".join(rng.choice(letters, size=length, p=weights))
        counts[word] = int(rng.zipf(1.6)) if rng.random() < 0.9 else int(rng.integers(1, 50))
    return counts


def test_edge_no_merges_requested(sol):
    assert _merges(sol, {"banana": 3}, 0) == []


def test_edge_nothing_left_to_merge(sol):
    _check_train(sol, {"a": 4, "b": 1, "ü": 2}, 5)
    merges = _check_train(sol, {"ab": 1}, 5)
    assert merges == [("a", "b")], "training stops when every word is a single symbol"


def test_edge_overlapping_pairs(sol):
    _check_train(sol, {"aaaa": 1, "aaa": 2, "ab": 3}, 4)
    _check_encode(sol, "aaaaa", [("a", "a"), ("aa", "a"), ("aa", "aa")])


def test_edge_ties_compare_strings(sol):
    # all pairs equally frequent: the order is decided by comparing (left, right) tuples of strings
    _check_train(sol, {"ba": 1, "ab": 1, "ca": 1, "ac": 1, "cb": 1}, 5)
    _check_train(sol, {"abc": 2, "bca": 2, "cab": 2}, 6)


def test_edge_merge_must_not_cross_symbol_boundaries(sol):
    # after ("l", "o") the word "low" is [lo, w]; the later merge ("o", "w") must leave it alone
    merges = _check_train(sol, {"lo": 10, "ow": 8, "low": 1}, 2)
    assert _check_encode(sol, "low", merges) == ["lo", "w"], "[lo, w] holds no (o, w) pair"


def test_shape_encode_returns_strings(sol):
    merges = _check_train(sol, {"hello": 3, "help": 2, "shell": 1}, 6)
    for word in ("hello", "shelf", "h", "xyz"):
        _check_encode(sol, word, merges)


def test_random_ascii_corpora(sol):
    for seed in range(3):
        counts = _corpus(seed, 150, "abcdefgh")
        merges = _check_train(sol, counts, 40)
        for word in list(counts)[:40] + ["abcdefgh", "hgfedcba", "aaaaaaa"]:
            _check_encode(sol, word, merges)


def test_random_non_ascii_corpus(sol):
    counts = _corpus(10, 120, ["é", "e", "\u0301", "ß", "日", "本", "😀", "ω", "a"], max_len=6)
    merges = _check_train(sol, counts, 30)
    for word in list(counts)[:30] + ["日本😀", "e\u0301e\u0301", "éé"]:
        _check_encode(sol, word, merges)


def test_property_code_points_not_bytes_or_graphemes(sol):
    merges = _check_train(sol, {"😀😀": 2, "e\u0301x": 3, "éx": 1}, 3)
    assert ("😀", "😀") in merges, "an emoji is one code point (four UTF-8 bytes): one symbol"
    assert ("e", "\u0301") in merges, "a decomposed é is two code points: 'e' and a combining accent"
    assert _check_encode(sol, "éx", merges) == ["é", "x"], (
        "a precomposed é is one code point, not e + accent: the merges learned for the decomposed form do not apply"
    )


def test_property_merges_are_prefixes(sol):
    counts = _corpus(20, 100, "abcde")
    longer = _merges(sol, counts, 25)
    shorter = _merges(sol, counts, 10)
    assert longer[:10] == shorter, "learning more merges must not change the earlier ones"


def test_property_encoding_reproduces_training_segmentation(sol):
    counts = _corpus(21, 80, "abcdef")
    merges = _check_train(sol, counts, 30)
    _, segmented = _train(counts, 30)
    for word in list(counts)[:40]:
        assert _check_encode(sol, word, merges) == segmented[word]


def test_numeric_larger_corpus(sol):
    counts = _corpus(30, 500, "abcdefghijklmnop", max_len=10)
    counts.update({"x" * 40: 3, "ababababab": 1000})
    merges = _check_train(sol, counts, 100)
    for word in ("x" * 41, "abababababa", "ponmlkjihgfedcba"):
        _check_encode(sol, word, merges)
