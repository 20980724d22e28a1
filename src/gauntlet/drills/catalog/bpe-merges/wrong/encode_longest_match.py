# expect: wrong_answer
# Training is right, but encoding does a greedy longest match against the vocabulary of merged symbols
# (WordPiece style) instead of replaying the merges by rank: the pieces can differ from what BPE produces.
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
    words = [(list(word), count) for word, count in word_counts.items()]
    merges = []
    for _ in range(num_merges):
        pairs = Counter()
        for symbols, count in words:
            for pair in zip(symbols, symbols[1:]):
                pairs[pair] += count
        if not pairs:
            break
        best = min(pairs, key=lambda p: (-pairs[p], p))
        merges.append(best)
        words = [(_merge(symbols, *best), count) for symbols, count in words]
    return merges


def bpe_encode(word, merges):
    vocab = {left + right for left, right in merges}
    out, i = [], 0
    while i < len(word):
        for j in range(len(word), i, -1):
            if j - i == 1 or word[i:j] in vocab:
                out.append(word[i:j])
                i = j
                break
    return out
