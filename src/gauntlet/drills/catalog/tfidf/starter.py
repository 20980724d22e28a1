import re

import numpy as np


def tfidf(docs, smooth_idf=True, sublinear_tf=False):
    """TF-IDF matrix with L2-normalised rows.

    Tokens are re.findall(r"[a-z0-9]+", doc.lower()); the vocabulary is the sorted set of all tokens.
    idf = ln((1 + N) / (1 + df)) + 1 (smooth) or ln(N / df) + 1; tf = raw count, or 1 + ln(count) when
    sublinear_tf.

    Args:
        docs: list of N strings.
        smooth_idf: use the smoothed idf.
        sublinear_tf: replace a positive count c by 1 + ln(c).

    Returns:
        (vocabulary, matrix): list of V sorted tokens; float64 array (N, V), each row of norm 1 (or all
        zeros for a document without tokens).
    """
    raise NotImplementedError
