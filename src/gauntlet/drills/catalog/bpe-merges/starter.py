import numpy as np


def bpe_train(word_counts, num_merges):
    """Learn up to num_merges BPE merges from word counts.

    Args:
        word_counts: dict {word: count}; words are non-empty, without whitespace; counts >= 1.
        num_merges: how many merges to learn (fewer if no pair is left), >= 0.

    Returns:
        list of (left, right) string pairs, in the order learned. Each step merges the most frequent adjacent
        pair (counts weighted by word count, overlapping positions included); ties go to the smallest
        (left, right) tuple.
    """
    raise NotImplementedError


def bpe_encode(word, merges):
    """Split word into code points, then repeatedly merge the present pair with the lowest merge index.

    Returns:
        list of symbols (str) whose concatenation is word.
    """
    raise NotImplementedError
