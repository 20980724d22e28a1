import numpy as np


def example_first_positions(sol):
    pe = np.asarray(sol.sinusoidal_encoding(3, 4))
    assert pe.shape == (3, 4), f"expected (3, 4), got {pe.shape}"
    assert np.allclose(pe[0], [0.0, 1.0, 0.0, 1.0]), f"position 0 is sin(0), cos(0), ...: got {pe[0]}"
    # pair 0 has frequency 1; pair 1 has frequency 10000^(-2/4) = 0.01
    assert np.allclose(pe[2], [np.sin(2), np.cos(2), np.sin(0.02), np.cos(0.02)]), f"got {pe[2]}"


def example_offset_is_a_rotation(sol):
    pe = np.asarray(sol.sinusoidal_encoding(10, 6))
    m = np.asarray(sol.offset_rotation(3, 6))
    assert np.allclose(m @ pe[4], pe[7]), "M(3) moves position 4 to position 7"
    assert np.allclose(m @ pe[0], pe[3]), "... and position 0 to position 3: M does not depend on p"
