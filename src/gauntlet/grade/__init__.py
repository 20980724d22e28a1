"""The answer grader: sentence encoder, key-point coverage, interview signals, calibrated score."""
