# Slow but correct: the critical value z_c is found by bisecting the normal CDF (200 halvings per call)
# instead of asking NormalDist().inv_cdf, and every rate is recomputed wherever it is needed.
import math


def _phi(z):
    """The standard normal CDF, from the complementary error function."""
    return 0.5 * math.erfc(-z / math.sqrt(2.0))


def _upper_tail(z):
    return 0.5 * math.erfc(z / math.sqrt(2.0))


def _inverse_phi(p):
    low, high = -40.0, 40.0
    for _ in range(200):
        middle = (low + high) / 2.0
        if middle == low or middle == high:
            break  # the interval cannot be halved any further in float64
        if _phi(middle) < p:
            low = middle
        else:
            high = middle
    return (low + high) / 2.0


def proportions_ztest(x_a, n_a, x_b, n_b, alternative="two-sided"):
    pooled = (x_a + x_b) / (n_a + n_b)
    if pooled == 0.0 or pooled == 1.0:
        if alternative == "two-sided":
            return 0.0, 1.0
        return 0.0, 0.5
    standard_error = math.sqrt(pooled * (1.0 - pooled) * (1.0 / n_a + 1.0 / n_b))
    z = (x_b / n_b - x_a / n_a) / standard_error
    if alternative == "two-sided":
        p_value = 2.0 * _upper_tail(abs(z))
        if p_value > 1.0:
            p_value = 1.0
        return z, p_value
    if alternative == "larger":
        return z, _upper_tail(z)
    if alternative == "smaller":
        return z, _upper_tail(-z)
    raise ValueError("alternative must be 'two-sided', 'larger' or 'smaller'")


def difference_ci(x_a, n_a, x_b, n_b, confidence=0.95):
    variance_a = (x_a / n_a) * (1.0 - x_a / n_a) / n_a
    variance_b = (x_b / n_b) * (1.0 - x_b / n_b) / n_b
    standard_error = math.sqrt(variance_a + variance_b)
    z_c = _inverse_phi(1.0 - (1.0 - confidence) / 2.0)
    difference = x_b / n_b - x_a / n_a
    return difference - z_c * standard_error, difference + z_c * standard_error
