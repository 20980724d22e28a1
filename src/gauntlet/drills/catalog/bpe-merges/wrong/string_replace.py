# expect: wrong_answer
# Keeps each word as a space-separated string of symbols and merges with str.replace("l r", "lr"), without
# checking symbol boundaries: after ("l", "o") has made "lo w", the merge ("o", "w") wrongly matches inside it.
from collections import Counter


def bpe_train(word_counts, num_merges):
    words = {" ".join(word): count for word, count in word_counts.items()}
    merges = []
    for _ in range(num_merges):
        pairs = Counter()
        for text, count in words.items():
            symbols = text.split(" ")
            for pair in zip(symbols, symbols[1:]):
                pairs[pair] += count
        if not pairs:
            break
        best = min(pairs, key=lambda p: (-pairs[p], p))
        merges.append(best)
        words = {text.replace(f"{best[0]} {best[1]}", best[0] + best[1]): c for text, c in words.items()}
    return merges


def bpe_encode(word, merges):
    text = " ".join(word)
    for left, right in merges:
        text = text.replace(f"{left} {right}", left + right)
    return text.split(" ")
