# expect: runtime_error
# Assumes NumPy arrays: subtracting two Python lists raises TypeError.
def mse(y_true, y_pred):
    diff = y_pred - y_true
    return float((diff**2).mean())


def mse_gradient(y_true, y_pred):
    return 2.0 * (y_pred - y_true) / y_pred.size
