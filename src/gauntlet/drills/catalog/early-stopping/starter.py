def early_stopping(val_losses, patience, min_delta=0.0):
    """Replay early stopping over a history of validation losses.

    An epoch t is a significant improvement when val_losses[t] < best - min_delta, where best is the loss
    of the last significant improvement (+inf before the first). Every other epoch increments a counter
    that significant improvements reset to 0; training stops at the first epoch where the counter reaches
    patience.

    Args:
        val_losses: list or 1-D array of floats (may be empty, may contain NaN).
        patience: int >= 1, epochs without significant improvement tolerated.
        min_delta: float >= 0, minimum decrease that counts as an improvement.

    Returns:
        (stop_epoch, best_epoch): 0-based ints, or None. stop_epoch is None when patience never ran out;
        best_epoch is None when no epoch was a significant improvement.
    """
    raise NotImplementedError
