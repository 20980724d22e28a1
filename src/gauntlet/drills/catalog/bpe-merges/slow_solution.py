# Slow but correct: training sorts every pair count to find the best one, and encoding scans the whole
# merge list (and the whole word for each merge) on every round instead of looking ranks up in a dict.


def _merge(symbols, left, right):
    merged = []
    i = 0
    while i < len(symbols):
        if i + 1 < len(symbols) and symbols[i] == left and symbols[i + 1] == right:
            merged.append(left + right)
            i += 2
        else:
            merged.append(symbols[i])
            i += 1
    return merged


def bpe_train(word_counts, num_merges):
    words = []
    for word, count in word_counts.items():
        words.append([list(word), count])
    merges = []
    for _ in range(num_merges):
        counts = {}
        for symbols, count in words:
            for i in range(len(symbols) - 1):
                pair = (symbols[i], symbols[i + 1])
                counts[pair] = counts.get(pair, 0) + count
        if not counts:
            break
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        left, right = ranked[0][0]
        merges.append((left, right))
        for entry in words:
            entry[0] = _merge(entry[0], left, right)
    return merges


def _occurs(symbols, left, right):
    for i in range(len(symbols) - 1):
        if symbols[i] == left and symbols[i + 1] == right:
            return True
    return False


def bpe_encode(word, merges):
    symbols = list(word)
    while True:
        earliest = None
        for left, right in merges:  # the first learned merge that still applies somewhere in the word
            if _occurs(symbols, left, right):
                earliest = (left, right)
                break
        if earliest is None:
            return symbols
        symbols = _merge(symbols, earliest[0], earliest[1])
