# Slow but correct: after every epoch the whole history so far is replayed from epoch 0 to find the best
# loss and the waiting count (O(n^2)), instead of carrying that state from one epoch to the next.
import math


def _replay(losses, min_delta):
    best = math.inf
    best_epoch = None
    wait = 0
    for epoch in range(len(losses)):
        loss = float(losses[epoch])
        if loss < best - min_delta:  # NaN is never an improvement: the comparison is false
            best = loss
            best_epoch = epoch
            wait = 0
        else:
            wait += 1
    return best_epoch, wait


def early_stopping(val_losses, patience, min_delta=0.0):
    losses = list(val_losses)
    best_epoch = None
    for epoch in range(len(losses)):
        best_epoch, wait = _replay(losses[:epoch + 1], min_delta)
        if wait >= patience:
            return epoch, best_epoch
    return None, best_epoch
