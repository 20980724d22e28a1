def example_expanding_window(sol):
    folds = sol.time_series_splits(10, 3)
    tests = [list(map(int, test)) for _, test in folds]
    trains = [list(map(int, train)) for train, _ in folds]
    assert tests == [[4, 5], [6, 7], [8, 9]], f"got {tests}"
    assert trains == [[0, 1, 2, 3], [0, 1, 2, 3, 4, 5], [0, 1, 2, 3, 4, 5, 6, 7]], f"got {trains}"


def example_gap_and_cap(sol):
    folds = sol.time_series_splits(12, 2, test_size=3, gap=1, max_train_size=4)
    # tests start at 12 - 2*3 = 6 and 9; training ends one sample before (gap 1) and keeps the last 4
    tests = [list(map(int, t)) for _, t in folds]
    trains = [list(map(int, t)) for t, _ in folds]
    assert tests == [[6, 7, 8], [9, 10, 11]], f"got {tests}"
    assert trains == [[1, 2, 3, 4], [4, 5, 6, 7]], f"got {trains}"
