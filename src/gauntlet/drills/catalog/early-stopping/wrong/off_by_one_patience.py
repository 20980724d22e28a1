# expect: wrong_answer
# Stops only once the counter *exceeds* patience: one epoch too late every time.
import math


def early_stopping(val_losses, patience, min_delta=0.0):
    best, best_epoch, wait = math.inf, None, 0
    for epoch, loss in enumerate(val_losses):
        if loss < best - min_delta:
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait > patience:
                return epoch, best_epoch
    return None, best_epoch
