"""The message format between the judge and the sandboxed worker: JSON plus raw array bytes, never pickle.

The worker imports this file inside the sandbox (it is mounted there read-only next to ``worker.py``),
so it depends only on the standard library and NumPy, never on the rest of ``gauntlet``.

A frame is: length of the rest (8 bytes) | header length (4) | JSON header | blob count (4) | blob
sizes (8 each) | blobs. The header holds the message with every value turned into a tagged JSON tree;
NumPy arrays travel as raw bytes described by a dtype string that must match a small grammar (booleans,
integers, floats, complex numbers, fixed-width strings). The judge decodes whatever the worker sends
with size caps and strict checks, because the worker runs the user's code and may send anything.

Tagged values: ``None``/bools/ints/floats/strings are JSON natives (floats keep NaN and infinities via
Python's JSON extension), a JSON list is a Python list, and a JSON object with exactly one of these keys
is a tagged value: ``tuple``, ``dict`` (list of ``[key, value]`` pairs, so keys need not be strings),
``complex`` (``[re, im]``), ``bytes`` (a blob index), ``ndarray`` / ``npscalar`` (``[blob index, dtype,
shape]``).
"""

from __future__ import annotations

import json
import math
import re
import struct
from typing import Any

import numpy as np

MAX_FRAME_BYTES = 128 * 1024 * 1024  # far above any drill's data; stops a worker from exhausting the judge
MAX_DEPTH = 64  # nested containers; drills pass flat data, and deep trees would exhaust the recursion limit

# byte order, kind, item size: booleans, signed/unsigned ints, floats, complex, bytes and unicode strings
_DTYPE_PATTERN = re.compile(r"^[<>|=]?(b1|[iu][1248]|f(2|4|8|16)|c(8|16|32)|[SU][0-9]{1,6})$")


class WireError(Exception):
    """A value cannot be encoded, or received bytes are not a valid message."""


class UnsupportedValue(WireError):
    """A value of a type that cannot cross the process boundary (function, custom object, set...)."""


def encode_message(message: dict[str, Any]) -> bytes:
    """Serialise ``message`` (a dict whose ``"value"``/``"args"``/``"kwargs"`` entries may hold any
    supported data) into one frame. Raises ``UnsupportedValue`` naming the first offending type."""
    blobs: list[bytes] = []
    tree = {key: _encode(value, blobs, 0) for key, value in message.items()}
    header = json.dumps(tree, allow_nan=True, separators=(",", ":")).encode("utf-8")
    rest = [struct.pack("<I", len(header)), header, struct.pack("<I", len(blobs)),
            struct.pack(f"<{len(blobs)}Q", *(len(b) for b in blobs)), *blobs]
    return b"".join([struct.pack("<Q", sum(len(part) for part in rest)), *rest])


def decode_frame(payload: bytes) -> dict[str, Any]:
    """Inverse of ``encode_message`` for one frame *without* its 8-byte total length (see ``frame_size``)."""
    try:
        (header_length,) = struct.unpack_from("<I", payload, 0)
        header_end = 4 + header_length
        (blob_count,) = struct.unpack_from("<I", payload, header_end)
        sizes_end = header_end + 4 + 8 * blob_count
        if sizes_end > len(payload):
            raise WireError("blob table runs past the end of the frame")
        sizes = struct.unpack_from(f"<{blob_count}Q", payload, header_end + 4)
        blobs, offset = [], sizes_end
        for size in sizes:
            if offset + size > len(payload):
                raise WireError("blob runs past the end of the frame")
            blobs.append(payload[offset : offset + size])
            offset += size
        if offset != len(payload):
            raise WireError("trailing bytes after the last blob")
        tree = json.loads(payload[4:header_end].decode("utf-8"))
    except (struct.error, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise WireError(f"malformed frame: {exc}") from None
    if not isinstance(tree, dict):
        raise WireError("a message must be a JSON object")
    return {key: _decode(value, blobs, 0) for key, value in tree.items()}


def frame_size(head: bytes) -> int:
    """Length of the rest of a frame from its first 8 bytes; refuses frames over ``MAX_FRAME_BYTES``."""
    total: int = struct.unpack("<Q", head)[0]
    if total < 10 or total > MAX_FRAME_BYTES:  # 10: the smallest frame, "{}" with no blobs
        raise WireError(f"frame of {total} bytes is outside the allowed size (max {MAX_FRAME_BYTES})")
    return total


def _encode(value: object, blobs: list[bytes], depth: int) -> Any:  # a JSON tree
    if depth > MAX_DEPTH:
        raise UnsupportedValue(f"data nested deeper than {MAX_DEPTH} levels")
    # bool before int (bool is an int); NumPy scalars before float (np.float64 is a float)
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, np.generic):
        return {"npscalar": _array_parts(np.asarray(value), blobs)}
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, complex):
        return {"complex": [value.real, value.imag]}
    if isinstance(value, np.ndarray):
        return {"ndarray": _array_parts(value, blobs)}
    if isinstance(value, list):
        return [_encode(item, blobs, depth + 1) for item in value]
    if isinstance(value, tuple):
        return {"tuple": [_encode(item, blobs, depth + 1) for item in value]}
    if isinstance(value, dict):
        return {"dict": [[_encode(k, blobs, depth + 1), _encode(v, blobs, depth + 1)] for k, v in value.items()]}
    if isinstance(value, (bytes, bytearray)):
        blobs.append(bytes(value))
        return {"bytes": len(blobs) - 1}
    raise UnsupportedValue(
        f"a value of type {type(value).__module__}.{type(value).__qualname__} cannot be passed between "
        "processes; use numbers, strings, lists, tuples, dicts or NumPy arrays"
    )


def _array_parts(array: np.ndarray, blobs: list[bytes]) -> list[Any]:
    dtype = array.dtype
    if dtype.kind == "O" or dtype.fields is not None or not _DTYPE_PATTERN.match(dtype.str):
        raise UnsupportedValue(f"NumPy arrays of dtype {dtype} cannot be passed between processes")
    blobs.append(np.ascontiguousarray(array).tobytes())
    return [len(blobs) - 1, dtype.str, list(array.shape)]


def _decode(node: Any, blobs: list[bytes], depth: int) -> Any:  # node: a JSON tree from the worker
    if depth > MAX_DEPTH:
        raise WireError(f"data nested deeper than {MAX_DEPTH} levels")
    if node is None or isinstance(node, (bool, int, str)):
        return node
    if isinstance(node, float):
        return node
    if isinstance(node, list):
        return [_decode(item, blobs, depth + 1) for item in node]
    if not isinstance(node, dict) or len(node) != 1:
        raise WireError("a tagged value must be an object with exactly one key")
    ((tag, body),) = node.items()
    if tag == "tuple" and isinstance(body, list):
        return tuple(_decode(item, blobs, depth + 1) for item in body)
    if tag == "dict" and isinstance(body, list):
        result = {}
        for pair in body:
            if not (isinstance(pair, list) and len(pair) == 2):
                raise WireError("dict entries must be [key, value] pairs")
            key = _decode(pair[0], blobs, depth + 1)
            try:
                result[key] = _decode(pair[1], blobs, depth + 1)
            except TypeError:  # an unhashable key such as a list
                raise WireError("dict keys must be hashable") from None
        return result
    if tag == "complex" and isinstance(body, list) and len(body) == 2:
        if not all(isinstance(part, (int, float)) and not isinstance(part, bool) for part in body):
            raise WireError("complex parts must be numbers")
        return complex(body[0], body[1])
    if tag == "bytes" and _is_index(body, blobs):
        return blobs[body]
    if tag in ("ndarray", "npscalar") and isinstance(body, list) and len(body) == 3:
        array = _array_from_parts(body, blobs)
        return array[()] if tag == "npscalar" else array
    raise WireError(f"unknown or malformed tag {tag!r}")


def _is_index(value: object, blobs: list[bytes]) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(blobs)


def _array_from_parts(parts: list[Any], blobs: list[bytes]) -> np.ndarray:
    index, dtype_text, shape = parts
    if not _is_index(index, blobs):
        raise WireError("array refers to a missing blob")
    if not (isinstance(dtype_text, str) and _DTYPE_PATTERN.match(dtype_text)):
        raise WireError(f"dtype {dtype_text!r} is not allowed")
    if not (isinstance(shape, list) and len(shape) <= 32
            and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in shape)):
        raise WireError("array shape must be a list of non-negative ints")
    dtype = np.dtype(dtype_text)
    if math.prod(shape) * dtype.itemsize != len(blobs[index]):
        raise WireError("array byte count does not match its shape and dtype")
    # copy: frombuffer views are read-only, and tests may modify what they receive
    return np.frombuffer(blobs[index], dtype=dtype).reshape(shape).copy()
