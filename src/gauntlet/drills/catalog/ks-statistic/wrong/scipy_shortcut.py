# expect: forbidden
# Calls SciPy's two-sample test instead of implementing the statistic; only NumPy and the standard library
# may be imported.
from scipy.stats import ks_2samp


def ks_statistic(a, b):
    return float(ks_2samp(a, b).statistic)
