"""Sentences per second of the NumPy encoder, and of the PyTorch reference on the same batch if present.

Usage: python benchmarks/encoder_speed.py [--sentences N] [--threads T] [--repeats R]
Also prints the largest cosine deviation between the two (1 - min cosine) when the reference runs.
The reference (sentence-transformers on torch==2.13.0) is not in the default install; run this in the
environment that .ci/run builds for the equivalence test to get both columns.
"""

from __future__ import annotations

import argparse
import os
import sys
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=256)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)  # before NumPy (and torch) load

    import numpy as np

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "grade"))
    from test_encoder_reference import sentences  # the equivalence test's varied sentences

    from gauntlet.grade.encoder import get_encoder

    pool = sentences()
    texts = [pool[i % len(pool)] for i in range(args.sentences)]
    encoder = get_encoder()
    pieces = sum(encoder.count_pieces(t) + 2 for t in texts)
    encoder.embed(texts[:8])

    def best_time(run) -> float:
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        return min(times)

    ours = encoder.embed(texts)
    numpy_seconds = best_time(lambda: encoder.embed(texts))
    print(f"batch: {len(texts)} sentences, {pieces} word pieces; threads: {args.threads}; best of {args.repeats}")
    print(f"numpy encoder : {len(texts) / numpy_seconds:8.1f} sentences/s  ({pieces / numpy_seconds:7.0f} pieces/s)")
    try:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import torch
        from sentence_transformers import SentenceTransformer
    except ImportError:
        print("torch reference: not installed (the default install has no PyTorch)")
        return
    torch.set_num_threads(args.threads)
    model = SentenceTransformer(str(encoder.folder), device="cpu")
    model.encode(texts[:8])
    reference = model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
    torch_seconds = best_time(lambda: model.encode(texts, batch_size=32, normalize_embeddings=True))
    cosines = np.sum(ours * reference, axis=1)
    print(f"torch {torch.__version__}: {len(texts) / torch_seconds:8.1f} sentences/s  "
          f"({pieces / torch_seconds:7.0f} pieces/s)")
    print(f"speed ratio numpy/torch: {torch_seconds / numpy_seconds:.2f}")
    print(f"max cosine deviation: {1 - cosines.min():.2e}  (min cosine {cosines.min():.7f})")


if __name__ == "__main__":
    main()
