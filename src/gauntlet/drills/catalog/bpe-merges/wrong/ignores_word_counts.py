# expect: wrong_answer
# Counts each distinct word once, ignoring how often it occurs: a pair in one very frequent word loses to a
# pair that appears in several rare words.
from collections import Counter


def _merge(symbols, left, right):
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and symbols[i] == left and symbols[i + 1] == right:
            out.append(left + right)
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return out


def bpe_train(word_counts, num_merges):
    words = [list(word) for word in word_counts]
    merges = []
    for _ in range(num_merges):
        pairs = Counter(pair for symbols in words for pair in zip(symbols, symbols[1:]))
        if not pairs:
            break
        best = min(pairs, key=lambda p: (-pairs[p], p))
        merges.append(best)
        words = [_merge(symbols, *best) for symbols in words]
    return merges


def bpe_encode(word, merges):
    rank = {tuple(m): i for i, m in enumerate(merges)}
    symbols = list(word)
    while True:
        present = [p for p in zip(symbols, symbols[1:]) if p in rank]
        if not present:
            return symbols
        symbols = _merge(symbols, *min(present, key=rank.get))
