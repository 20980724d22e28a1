import math

import numpy as np


def example_beam_beats_greedy(sol):
    # token 2 is eos. Greedy starts with 0 (p = 0.6) but every continuation of 0 is unlikely;
    # starting with 1 (p = 0.4) leads to a sure eos: 0.4 > 0.6 * 0.5
    first = np.log([0.6, 0.4, 1e-300])
    nxt = np.log([[1e-300, 0.5, 0.5], [1e-300, 1e-300, 1.0], [1 / 3, 1 / 3, 1 / 3]])
    result = sol.beam_search(first, nxt, 2, 2, 3)
    tokens, score = result[0]
    assert list(tokens) == [1, 2] and math.isclose(score, math.log(0.4)), f"got {result}"
    greedy = sol.beam_search(first, nxt, 2, 1, 3)
    assert [list(t) for t, _ in greedy] == [[0, 1, 2]], f"beam width 1 is greedy decoding, got {greedy}"


def example_ties_go_to_the_smaller_sequence(sol):
    uniform = np.log(np.full(3, 1 / 3))
    result = sol.beam_search(uniform, np.tile(uniform, (3, 1)), 0, 2, 2)
    # step 1 keeps [0] (eos: finished) and [1]; step 2 keeps [1, 0] (finished) and [1, 1] (cut by max_len)
    assert [list(t) for t, _ in result] == [[0], [1, 0]], f"got {result}"
