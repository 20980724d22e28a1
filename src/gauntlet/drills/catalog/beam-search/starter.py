import numpy as np


def beam_search(first_logp, next_logp, eos, beam_width, max_len, length_penalty=0.0):
    """Beam search over a bigram model, as specified in the statement.

    Args:
        first_logp: float array (V,), log P(first token).
        next_logp: float array (V, V), next_logp[a, w] = log P(w | previous token a).
        eos: the end-of-sequence token; a candidate ending with it is finished.
        beam_width: B >= 1, candidates kept per step.
        max_len: maximum number of tokens, >= 1.
        length_penalty: alpha >= 0; finished sequences are ranked by score / len**alpha.

    Returns:
        list of at most B (tokens, score) pairs, best first: tokens a list of ints, score the raw log-prob.
        Ties: higher score first, then the smaller token list.
    """
    raise NotImplementedError
