import math


def early_stopping(val_losses, patience, min_delta=0.0):
    best = math.inf
    best_epoch = None
    wait = 0
    for epoch, loss in enumerate(val_losses):
        loss = float(loss)
        # written so that NaN falls into the "no improvement" branch
        if loss < best - min_delta:
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return epoch, best_epoch
    return None, best_epoch
