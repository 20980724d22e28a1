def example_stops_after_patience(sol):
    losses = [1.0, 0.8, 0.7, 0.75, 0.72, 0.71, 0.9]
    stop, best = sol.early_stopping(losses, patience=3)
    # epoch 2 is the best; epochs 3, 4, 5 do not beat 0.7, so the third of them ends training
    assert (stop, best) == (5, 2), f"expected (5, 2), got {(stop, best)}"


def example_never_stops(sol):
    stop, best = sol.early_stopping([3.0, 2.0, 1.0], patience=2)
    assert stop is None and best == 2, f"expected (None, 2), got {(stop, best)}"


def example_min_delta_ignores_small_gains(sol):
    losses = [1.0, 0.995, 0.99, 0.985]
    stop, best = sol.early_stopping(losses, patience=3, min_delta=0.02)
    # none of the later epochs is more than 0.02 below 1.0
    assert (stop, best) == (3, 0), f"expected (3, 0), got {(stop, best)}"
