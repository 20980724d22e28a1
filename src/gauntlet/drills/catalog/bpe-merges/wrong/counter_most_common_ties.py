# expect: wrong_answer
# Picks the pair with Counter.most_common(1): among equally frequent pairs it returns the one counted first
# (insertion order), not the smallest (left, right) tuple the statement asks for.
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
        best = pairs.most_common(1)[0][0]
        merges.append(best)
        words = [(_merge(symbols, *best), count) for symbols, count in words]
    return merges


def bpe_encode(word, merges):
    rank = {tuple(m): i for i, m in enumerate(merges)}
    symbols = list(word)
    while True:
        present = [p for p in zip(symbols, symbols[1:]) if p in rank]
        if not present:
            return symbols
        symbols = _merge(symbols, *min(present, key=rank.get))
