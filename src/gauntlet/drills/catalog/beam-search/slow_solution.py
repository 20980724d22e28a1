# Slow but correct: the beam keeps only token lists, and every candidate's log-probability is recomputed
# from the first token on at every step instead of carrying the running score along.
import math


def _score(tokens, first_logp, next_logp):
    total = 0.0
    total += float(first_logp[tokens[0]])
    for i in range(1, len(tokens)):
        total += float(next_logp[tokens[i - 1]][tokens[i]])
    return total


def beam_search(first_logp, next_logp, eos, beam_width, max_len, length_penalty=0.0):
    vocabulary = len(first_logp)
    beam = [[]]
    finished = []
    for _ in range(max_len):
        candidates = []
        for tokens in beam:
            for w in range(vocabulary):
                step = float(first_logp[w]) if not tokens else float(next_logp[tokens[-1]][w])
                if math.isfinite(step):
                    extended = tokens + [w]
                    candidates.append((extended, _score(extended, first_logp, next_logp)))
        candidates.sort(key=lambda item: (-item[1], item[0]))
        beam = []
        for tokens, _ in candidates[:beam_width]:
            if tokens[-1] == eos:
                finished.append(tokens)
            else:
                beam.append(tokens)
        if not beam:
            break
    finished.extend(beam)
    ranked = []
    for tokens in finished:
        score = _score(tokens, first_logp, next_logp)
        ranked.append((-score / len(tokens) ** length_penalty, tokens, score))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [(tokens, score) for _, tokens, score in ranked[:beam_width]]
