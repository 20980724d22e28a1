import numpy as np


def example_out_of_fold(sol):
    cats = ["a", "a", "b", "a", "b", "b"]
    y = np.array([1.0, 0.0, 1.0, 1.0, 0.0, 0.0])
    folds = np.array([0, 1, 0, 1, 0, 1])
    enc = np.asarray(sol.target_encode_out_of_fold(cats, y, folds, smoothing=2.0))
    # row 0 (fold 0, "a"): fold 1 holds a: [0, 1], b: [0]; prior = 1/3 -> (1 + 2/3) / (2 + 2) = 5/12
    assert np.isclose(enc[0], 5 / 12), f"got {enc[0]}"
    # row 1 (fold 1, "a"): fold 0 holds a: [1], b: [1, 0]; prior = 2/3 -> (1 + 4/3) / (1 + 2) = 7/9
    assert np.isclose(enc[1], 7 / 9), f"got {enc[1]}"


def example_new_rows_and_unseen_categories(sol):
    enc = np.asarray(sol.target_encode_new(["x", "x", "y"], np.array([1.0, 1.0, 0.0]), ["x", "zzz"], 1.0))
    # prior 2/3; "x": (2 + 2/3) / 3 = 8/9; "zzz" was never seen: the prior
    assert np.allclose(enc, [8 / 9, 2 / 3]), f"got {enc}"
