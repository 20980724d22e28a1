"""all-MiniLM-L6-v2 in NumPy: tokenizer, BERT forward pass, mean pooling, L2 normalisation.

Equivalent to ``SentenceTransformer("all-MiniLM-L6-v2").encode(texts, normalize_embeddings=True)``
for texts up to 256 word pieces (checked to cosine >= 0.9999 by tests/grade/test_encoder_reference.py).
Longer texts are not truncated: they are split into windows of at most 256 pieces, each window is
encoded, and the text's embedding is the mean over all its token vectors (as mean pooling would do
had the model accepted the whole text), then normalised.

Batching packs several short sequences into one row of the batch, with a block-diagonal attention
mask and position ids restarting at each sequence. That computes exactly what encoding each sequence
alone would, without the padding a length-sorted batch still wastes.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from gauntlet.grade.model_files import MANIFEST_FILE, WEIGHTS_FILE, model_dir

MAX_SEQUENCE = 256  # word pieces per window, [CLS] and [SEP] included (the model's trained length)
ROW_CAPACITY = 256  # tokens packed into one row of a batch; keeps each attention matrix small
ROWS_PER_BATCH = 16
CLS_ID, SEP_ID = 101, 102


@dataclass(frozen=True)
class TokenVectors:
    """Contextual vectors for one text: one row per word piece, [CLS]/[SEP] excluded.

    ``offsets[i] = (start, end)`` are character offsets of piece i in the text. ``pooled_sum`` and
    ``pooled_count`` are the sum and count over *all* pieces of every window, [CLS]/[SEP] included, so
    that ``pooled_sum / pooled_count`` is exactly what the model's mean pooling gives.
    """

    vectors: np.ndarray  # (n, 384) float32
    offsets: np.ndarray  # (n, 2) int64
    pooled_sum: np.ndarray  # (384,) float32
    pooled_count: int

    def embedding(self) -> np.ndarray:
        return _normalise(self.pooled_sum / max(self.pooled_count, 1))

    def span_embedding(self, start: int, end: int) -> np.ndarray | None:
        """Normalised mean of the pieces inside characters [start, end), or None if there are none."""
        if len(self.offsets) == 0:
            return None
        inside = (self.offsets[:, 0] >= start) & (self.offsets[:, 1] <= end) & (self.offsets[:, 1] > self.offsets[:, 0])
        if not inside.any():
            return None
        return _normalise(self.vectors[inside].mean(axis=0))


def _normalise(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return (v / norm).astype(np.float32) if norm > 0 else v.astype(np.float32)


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7, below float32 resolution near 1). NumPy has
    # no erf, and BERT's GELU is the exact erf form, not the tanh approximation.
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf: np.ndarray = sign * (1.0 - poly * np.exp(-a * a))
    return erf


def gelu(x: np.ndarray) -> np.ndarray:
    return (0.5 * x * (1.0 + _erf(x * np.float32(0.7071067811865476)))).astype(np.float32, copy=False)


def layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    normed: np.ndarray = centred / np.sqrt(variance + np.float32(eps)) * weight + bias
    return normed


class SentenceEncoder:
    """The NumPy sentence encoder. Thread-safe: weights are read-only, each call has its own buffers."""

    def __init__(self, folder: Path):
        from tokenizers import Tokenizer

        manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
        self.config = manifest["config"]
        flat = np.memmap(folder / WEIGHTS_FILE, dtype=np.float32, mode="r")
        self.w = {
            name: flat[spec["offset"]: spec["offset"] + int(np.prod(spec["shape"]))].reshape(spec["shape"])
            for name, spec in manifest["tensors"].items()
        }
        self.heads = self.config["num_attention_heads"]
        self.hidden = self.config["hidden_size"]
        self.layers = self.config["num_hidden_layers"]
        self.eps = self.config["layer_norm_eps"]
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        # The shipped tokenizer.json truncates and pads to 128; we window long texts ourselves instead.
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        self.folder = folder

    # -- public -----------------------------------------------------------------------------------
    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), 384) float32, each row L2-normalised. Empty text gives the [CLS][SEP] embedding."""
        if not texts:
            return np.zeros((0, self.hidden), dtype=np.float32)
        return np.stack([t.embedding() for t in self.token_vectors(texts)])

    def token_vectors(self, texts: Sequence[str]) -> list[TokenVectors]:
        """Contextual piece vectors and character offsets for each text (see ``TokenVectors``)."""
        encodings = self.tokenizer.encode_batch([_tokenizer_safe(t) for t in texts], add_special_tokens=False)
        windows: list[np.ndarray] = []
        owners: list[int] = []
        for index, encoding in enumerate(encodings):
            ids = np.asarray(encoding.ids, dtype=np.int64)
            inner = MAX_SEQUENCE - 2
            for start in range(0, max(len(ids), 1), inner):
                windows.append(np.concatenate([[CLS_ID], ids[start: start + inner], [SEP_ID]]).astype(np.int64))
                owners.append(index)
        outputs = self.forward(windows)
        results = []
        for index, encoding in enumerate(encodings):
            mine = [outputs[w] for w, owner in enumerate(owners) if owner == index]
            inner_vectors = [out[1:-1] for out in mine]
            vectors = np.concatenate(inner_vectors) if inner_vectors else np.zeros((0, self.hidden), np.float32)
            pooled_sum = np.sum([out.sum(axis=0) for out in mine], axis=0).astype(np.float32)
            pooled_count = sum(len(out) for out in mine)
            offsets = np.asarray(encoding.offsets, dtype=np.int64).reshape(-1, 2)
            results.append(TokenVectors(vectors, offsets, pooled_sum, pooled_count))
        return results

    def count_pieces(self, text: str) -> int:
        return len(self.tokenizer.encode(_tokenizer_safe(text), add_special_tokens=False).ids)

    def count_pieces_batch(self, texts: Sequence[str]) -> list[int]:
        encodings = self.tokenizer.encode_batch([_tokenizer_safe(t) for t in texts], add_special_tokens=False)
        return [len(e.ids) for e in encodings]

    # -- forward pass -----------------------------------------------------------------------------
    def forward(self, sequences: list[np.ndarray]) -> list[np.ndarray]:
        """Last hidden states (len(seq), 384) for each id sequence (each <= MAX_SEQUENCE ids)."""
        results: list[np.ndarray | None] = [None] * len(sequences)
        rows = _pack(sequences)
        for first in range(0, len(rows), ROWS_PER_BATCH):
            batch = rows[first: first + ROWS_PER_BATCH]
            hidden = self._forward_rows(sequences, batch)
            for row_index, row in enumerate(batch):
                position = 0
                for seq_index in row:
                    length = len(sequences[seq_index])
                    results[seq_index] = hidden[row_index, position: position + length]
                    position += length
        return results  # type: ignore[return-value]

    def _forward_rows(self, sequences: list[np.ndarray], rows: list[list[int]]) -> np.ndarray:
        w = self.w
        width = max(sum(len(sequences[i]) for i in row) for row in rows)
        batch = len(rows)
        ids = np.zeros((batch, width), dtype=np.int64)
        positions = np.zeros((batch, width), dtype=np.int64)
        segment = np.full((batch, width), -1, dtype=np.int64)  # -1 marks padding
        for r, row in enumerate(rows):
            at = 0
            for s, seq_index in enumerate(row):
                seq = sequences[seq_index]
                ids[r, at: at + len(seq)] = seq
                positions[r, at: at + len(seq)] = np.arange(len(seq))
                segment[r, at: at + len(seq)] = s
                at += len(seq)
        # A token attends only to tokens of its own sequence. Padding rows attend to themselves only,
        # so their softmax stays finite; their outputs are discarded.
        same = segment[:, :, None] == segment[:, None, :]
        pad = segment < 0
        same |= pad[:, :, None] & np.eye(width, dtype=bool)[None]
        mask_bias = np.where(same, np.float32(0.0), np.float32(-1e30)).astype(np.float32)[:, None, :, :]

        x = w["word_embeddings"][ids] + w["position_embeddings"][positions] + w["token_type_embeddings"][0]
        x = layer_norm(x, w["embeddings_ln_weight"], w["embeddings_ln_bias"], self.eps)
        heads, head_dim = self.heads, self.hidden // self.heads
        for i in range(self.layers):
            qkv = x @ w[f"{i}.qkv_weight"] + w[f"{i}.qkv_bias"]  # (B, L, 3H)
            qkv = qkv.reshape(batch, width, 3, heads, head_dim).transpose(2, 0, 3, 1, 4)  # (3, B, h, L, d)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = q @ k.transpose(0, 1, 3, 2) + mask_bias  # scale already folded into q
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, width, self.hidden)
            attended = context @ w[f"{i}.attn_out_weight"] + w[f"{i}.attn_out_bias"]
            x = layer_norm(x + attended, w[f"{i}.attn_ln_weight"], w[f"{i}.attn_ln_bias"], self.eps)
            inner = gelu(x @ w[f"{i}.ffn_in_weight"] + w[f"{i}.ffn_in_bias"])
            x = layer_norm(x + inner @ w[f"{i}.ffn_out_weight"] + w[f"{i}.ffn_out_bias"],
                           w[f"{i}.ffn_ln_weight"], w[f"{i}.ffn_ln_bias"], self.eps)
        return x.astype(np.float32, copy=False)


def _pack(sequences: list[np.ndarray]) -> list[list[int]]:
    """First-fit-decreasing packing of sequence indices into rows of at most ROW_CAPACITY tokens."""
    order = sorted(range(len(sequences)), key=lambda i: -len(sequences[i]))
    rows: list[list[int]] = []
    room: list[int] = []
    for index in order:
        length = len(sequences[index])
        for r, free in enumerate(room):
            if length <= free:
                rows[r].append(index)
                room[r] -= length
                break
        else:
            rows.append([index])
            room.append(ROW_CAPACITY - length)
    return rows


def _tokenizer_safe(text: str) -> str:
    """Same length as ``text`` (so offsets still index it) but encodable as UTF-8.

    Lone surrogates (possible in Python strings read with surrogateescape, or from JSON) would make the
    Rust tokenizer raise; each becomes U+FFFD, one code point for one.
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)


_ENCODER: SentenceEncoder | None = None
_ENCODER_LOCK = threading.Lock()


def get_encoder() -> SentenceEncoder:
    """The process-wide encoder, loaded (and the cache unpacked) on first use."""
    global _ENCODER
    if _ENCODER is None:
        with _ENCODER_LOCK:
            if _ENCODER is None:
                _ENCODER = SentenceEncoder(model_dir())
    return _ENCODER
