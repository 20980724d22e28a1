# expect: wrong_answer
# Tracks the running minimum even for gains below min_delta, so a slow downward creep keeps moving the
# reference point and the best epoch.
import math


def early_stopping(val_losses, patience, min_delta=0.0):
    best, best_epoch, wait = math.inf, None, 0
    for epoch, loss in enumerate(val_losses):
        significant = loss < best - min_delta
        if loss < best:
            best, best_epoch = loss, epoch
        if significant:
            wait = 0
        else:
            wait += 1
            if wait >= patience:
                return epoch, best_epoch
    return None, best_epoch
