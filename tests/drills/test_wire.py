"""The judge/worker message format: every supported value survives the trip exactly, and hostile bytes
from the worker are rejected with ``WireError`` instead of being trusted (no pickle, no eval)."""

from __future__ import annotations

import json
import math
import struct

import numpy as np
import pytest

from gauntlet.drills import wire


def _nested(depth):
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


def round_trip(value):
    frame = wire.encode_message({"value": value})
    assert wire.frame_size(frame[:8]) == len(frame) - 8
    return wire.decode_frame(frame[8:])["value"]


@pytest.mark.parametrize("value", [
    None, True, False, 0, -7, 2**80, 1.5, -0.0, 1e-310, "héllo ✓", "", [], [1, [2, [3]]], (1, "a", None), (),
    {"a": 1, 2: "b", (1, 2): [3.0]}, 3 + 4j, b"\x00\xff bytes",
])
def test_plain_values_survive_exactly_with_their_types(value):
    back = round_trip(value)
    assert back == value and type(back) is type(value)
    if isinstance(value, float) and value == 0.0:
        assert math.copysign(1.0, back) == math.copysign(1.0, value)


def test_special_floats_survive():
    back = round_trip([math.nan, math.inf, -math.inf])
    assert math.isnan(back[0]) and back[1:] == [math.inf, -math.inf]


@pytest.mark.parametrize("array", [
    np.arange(12, dtype=np.int64).reshape(3, 4),
    np.linspace(0, 1, 7, dtype=np.float32),
    np.array([[True, False]]),
    np.zeros((0, 5)),
    np.array(3.25),
    np.arange(20.0).reshape(4, 5)[:, ::2],  # not contiguous
    np.array([1, 2], dtype=">i4"),  # big-endian
    np.array(["ab", "c"]),
    np.array([1 + 2j], dtype=np.complex128),
    np.array([np.nan, -np.inf]),
])
def test_arrays_keep_dtype_shape_and_values(array):
    back = round_trip(array)
    assert isinstance(back, np.ndarray) and back.dtype == array.dtype and back.shape == array.shape
    np.testing.assert_array_equal(back, array)
    back[...] = back  # writeable: tests may modify what they receive


def test_numpy_scalars_stay_numpy_scalars():
    for scalar in (np.int64(5), np.float32(2.5), np.bool_(True), np.uint8(255)):
        back = round_trip(scalar)
        assert type(back) is type(scalar) and back == scalar


@pytest.mark.parametrize("value", [
    {1, 2}, lambda x: x, object(), np.array([object()], dtype=object),
    np.zeros(2, dtype=[("a", "i4"), ("b", "f8")]), _nested(100),
])
def test_values_that_cannot_cross_are_refused_with_a_clear_error(value):
    with pytest.raises(wire.UnsupportedValue):
        wire.encode_message({"value": value})


def frame_of(header: dict, blobs: list[bytes] = ()) -> bytes:
    """A hand-made frame body, as a hostile worker could send it."""
    text = json.dumps(header).encode()
    return b"".join([struct.pack("<I", len(text)), text, struct.pack("<I", len(blobs)),
                     struct.pack(f"<{len(blobs)}Q", *(len(b) for b in blobs)), *blobs])


@pytest.mark.parametrize("body", [
    b"",
    b"\x05\x00\x00\x00{}",
    frame_of({"value": {"ndarray": [0, "|O", [1]]}}, [b"\x00" * 8]),
    frame_of({"value": {"ndarray": [0, "O", [1]]}}, [b"\x00" * 8]),
    frame_of({"value": {"ndarray": [0, "i4,O", [1]]}}, [b"\x00" * 12]),
    frame_of({"value": {"ndarray": [0, "<f8", [3]]}}, [b"\x00" * 8]),  # too few bytes for the shape
    frame_of({"value": {"ndarray": [0, "<f8", [-1]]}}, [b""]),
    frame_of({"value": {"ndarray": [5, "<f8", [1]]}}, [b"\x00" * 8]),  # no such blob
    frame_of({"value": {"pickle": "gASVAAAAAAAAAAB9lC4="}}),
    frame_of({"value": {"tuple": [1], "dict": []}}),
    frame_of({"value": {"dict": [[[1, 2], 3]]}}),  # a list as a key
    frame_of({"value": {"complex": ["1", 2]}}),
    frame_of([1, 2]),  # not an object
    frame_of({"value": 1}) + b"trailing",
    frame_of({"value": _nested(wire.MAX_DEPTH + 5)}),
])
def test_hostile_frames_are_rejected(body):
    with pytest.raises(wire.WireError):
        wire.decode_frame(body)


def test_frames_announcing_absurd_sizes_are_refused_before_reading():
    for size in (0, 3, wire.MAX_FRAME_BYTES + 1, 2**63):
        with pytest.raises(wire.WireError):
            wire.frame_size(struct.pack("<Q", size))
