# expect: time_limit
# Evaluates both CDFs at every pooled value by scanning both samples in Python: O((n + m)^2).
def ks_statistic(a, b):
    a = [float(x) for x in a]
    b = [float(x) for x in b]
    best = 0.0
    for x in a + b:
        fa = sum(1 for v in a if v <= x) / len(a)
        fb = sum(1 for v in b if v <= x) / len(b)
        best = max(best, abs(fa - fb))
    return best
