# expect: wrong_answer
# Uses <= so a plateau (the same loss again) counts as an improvement and training never stops on it;
# best_epoch also drifts to the latest tied epoch.
import math


def early_stopping(val_losses, patience, min_delta=0.0):
    best, best_epoch, wait = math.inf, None, 0
    for epoch, loss in enumerate(val_losses):
        if loss <= best - min_delta:
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return epoch, best_epoch
    return None, best_epoch
