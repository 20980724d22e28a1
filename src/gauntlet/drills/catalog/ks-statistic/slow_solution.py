# Slow but correct: both samples are sorted with Python's sorted() and merged by a two-pointer walk in a
# Python loop, one distinct value at a time, instead of np.searchsorted over the pooled values.


def ks_statistic(a, b):
    a = sorted(float(v) for v in a)
    b = sorted(float(v) for v in b)
    i = j = 0
    largest = 0.0
    while i < len(a) or j < len(b):
        # the next distinct value of the pooled samples
        if j >= len(b) or (i < len(a) and a[i] <= b[j]):
            value = a[i]
        else:
            value = b[j]
        while i < len(a) and a[i] <= value:  # every observation <= value: all tied ones step together
            i += 1
        while j < len(b) and b[j] <= value:
            j += 1
        gap = abs(i / len(a) - j / len(b))
        if gap > largest:
            largest = gap
    return largest
