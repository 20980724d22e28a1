import numpy as np


def example_uneven_folds(sol):
    folds = sol.kfold_indices(10, 3)
    sizes = [len(test) for _, test in folds]
    assert sizes == [4, 3, 3], f"larger folds first: expected sizes [4, 3, 3], got {sizes}"
    assert list(folds[1][1]) == [4, 5, 6], f"fold 1 tests on [4, 5, 6], got {list(folds[1][1])}"
    assert list(folds[1][0]) == [0, 1, 2, 3, 7, 8, 9], f"got {list(folds[1][0])}"


def example_shuffled_with_seed(sol):
    folds = sol.kfold_indices(6, 2, shuffle=True, seed=0)
    order = np.random.default_rng(0).permutation(6)
    assert list(folds[0][1]) == sorted(order[:3].tolist()), (
        "fold 0 tests on the first block of the permutation"
    )
    assert list(folds[1][1]) == sorted(order[3:].tolist())
