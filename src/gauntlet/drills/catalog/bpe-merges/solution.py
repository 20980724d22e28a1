from collections import Counter


def _merge_pair(symbols, left, right):
    """Replace every non-overlapping (left, right), scanning left to right."""
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
    # each word as a list of symbols (code points to start with), with its count
    words = [(list(word), count) for word, count in word_counts.items()]
    merges = []
    for _ in range(num_merges):
        pairs = Counter()
        for symbols, count in words:
            for pair in zip(symbols, symbols[1:]):
                pairs[pair] += count
        if not pairs:
            break
        # highest count first, then the smallest (left, right) tuple: min over (-count, pair)
        best = min(pairs, key=lambda pair: (-pairs[pair], pair))
        merges.append(best)
        words = [(_merge_pair(symbols, *best), count) for symbols, count in words]
    return merges


def bpe_encode(word, merges):
    rank = {tuple(pair): i for i, pair in reversed(list(enumerate(merges)))}  # the first occurrence wins
    symbols = list(word)
    while len(symbols) > 1:
        present = [pair for pair in zip(symbols, symbols[1:]) if pair in rank]
        if not present:
            break
        symbols = _merge_pair(symbols, *min(present, key=rank.__getitem__))
    return symbols
