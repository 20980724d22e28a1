import numpy as np


def example_confusion_matrix_orientation(sol):
    cm = np.asarray(sol.confusion_matrix([0, 0, 1, 2], [0, 1, 1, 1], 3))
    expected = np.array([[1, 1, 0], [0, 1, 0], [0, 1, 0]])
    assert np.array_equal(cm, expected), f"rows are the true class, columns the prediction; got\n{cm}"


def example_per_class_with_zero_division(sol):
    m = sol.precision_recall_f1([0, 0, 1, 2], [0, 1, 1, 1], 3, average="none")
    # class 2 is never predicted: its precision is 0/0 -> 0.0
    assert np.allclose(m["precision"], [1.0, 1 / 3, 0.0]), f"got {m['precision']}"
    assert np.allclose(m["recall"], [0.5, 1.0, 0.0]), f"got {m['recall']}"


def example_macro_f1_is_mean_of_f1s(sol):
    m = sol.precision_recall_f1([0, 0, 1, 2], [0, 1, 1, 1], 3, average="macro")
    f1_per_class = [2 / 3, 0.5, 0.0]
    assert np.isclose(m["f1"], np.mean(f1_per_class)), f"expected {np.mean(f1_per_class):.4f}, got {m['f1']}"
