"""How long a grade takes on every path that grades: in-process (what `gauntlet grade/ask/review/mock`
and `serve --grading-workers 0` do) and through the server's grading pool.

Usage:
    python benchmarks/grader_latency.py               # both paths
    python benchmarks/grader_latency.py --questions 24 --path in-process

What is timed, per path:
- a warm grade: answers from the in-domain graded set (tests/data/graded_answers: every answer kind,
  one sentence to a few paragraphs) to questions already prepared; p50 / p99 / max;
- the first grade of a question: its question side (model answer, key points, pitfalls, their
  claims) encoded on the way, then the answer graded; p50 / max over questions never graded before;
- a 1 MB answer (the web app's limit): the grader reads what it can embed and says so.

Nothing here sets the BLAS thread count: the in-process path must limit it itself (grade/blas.py),
which is what this measures. Targets (issue 13): p50 <= 20 ms, p99 <= 60 ms, first grade <= 1 s,
1 MB answer <= 1.5 s, on both paths. Run it on a quiet machine, and once on a busy one (e.g. with
`stress --cpu 2` or the test suite running) to see the tail.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
SET_DIR = REPO / "tests" / "data" / "graded_answers"
MEGABYTE = 1_000_000
# The encoder's cost grows with the answer's word pieces: the figures are also given per length.
LENGTH_BANDS = ((0, 40), (40, 120), (120, 10**6))


def graded_answers() -> dict[str, list[str]]:
    """Answers of the graded set by question id."""
    out: dict[str, list[str]] = {}
    for path in sorted(SET_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[data["question"]] = [a["text"] for a in data["answers"]]
    return out


def one_megabyte_answer(answers: list[str]) -> str:
    """Real answer text repeated to 1 MB, so the grader meets sentences, not one long word."""
    rng = random.Random(0)
    parts, size = [], 0
    while size < MEGABYTE:
        text = rng.choice(answers)
        parts.append(text)
        size += len(text) + 2
    return "\n\n".join(parts)[:MEGABYTE]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def measure(grade, questions, answers: dict[str, list[str]], label: str) -> dict:
    """Time first grades, warm grades and a 1 MB answer through ``grade(question, answer)``."""
    first = []
    for question in questions:
        start = time.perf_counter()
        grade(question, answers[question.id][0])
        first.append(time.perf_counter() - start)
    warm, lengths = [], []
    for question in questions:
        for answer in answers[question.id]:
            start = time.perf_counter()
            grade(question, answer)
            warm.append(time.perf_counter() - start)
            lengths.append(len(answer.split()))
    big_answer = one_megabyte_answer([a for q in questions for a in answers[q.id]])
    big = []
    for question in questions[:3]:
        start = time.perf_counter()
        result = grade(question, big_answer)
        big.append(time.perf_counter() - start)
    ms = [t * 1000 for t in warm]
    figures = {
        "path": label,
        "warm_n": len(ms), "p50_ms": percentile(ms, 50), "p99_ms": percentile(ms, 99), "max_ms": max(ms),
        "first_n": len(first), "first_p50_s": statistics.median(first), "first_max_s": max(first),
        "megabyte_max_s": max(big), "megabyte_note": (result.notes or ("",))[0][:90],
    }
    print(f"\n== {label}")
    print(f"warm grade, {figures['warm_n']} answers: p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms, "
          f"max {figures['max_ms']:.1f} ms   (targets: p50 <= 20 ms, p99 <= 60 ms)")
    for low, high in LENGTH_BANDS:
        band = [t for t, n in zip(ms, lengths, strict=True) if low <= n < high]
        if band:
            print(f"  answers of {low}-{high - 1 if high < 10**6 else 'more'} words: n {len(band)}, "
                  f"p50 {percentile(band, 50):.1f} ms, p99 {percentile(band, 99):.1f} ms")
    print(f"first grade of a question, {figures['first_n']} questions: median {figures['first_p50_s']:.2f} s, "
          f"max {figures['first_max_s']:.2f} s   (target <= 1 s)")
    print(f"1 MB answer, 3 questions: max {figures['megabyte_max_s']:.2f} s   (target <= 1.5 s); "
          f"the grader says: {figures['megabyte_note']!r}")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=48, help="how many questions of the graded set to use")
    parser.add_argument("--path", choices=("both", "in-process", "pool"), default="both")
    args = parser.parse_args()

    from gauntlet.bank import load_bank
    from gauntlet.grade import grade_question
    from gauntlet.grade.encoder import get_encoder

    answers = graded_answers()
    bank = load_bank()
    questions = [bank.question(qid) for qid in sorted(answers)][: args.questions]
    half = len(questions) // 2
    # Each path meets its own questions for the first time, so both first-grade figures are cold.
    in_process_questions, pool_questions = ((questions[:half], questions[half:]) if args.path == "both"
                                            else (questions, questions))
    results = []
    if args.path in ("both", "in-process"):
        started = time.perf_counter()
        get_encoder()  # loading the model is start-up, not a grade (the CLI says "loading the grader…")
        print(f"model loaded in {time.perf_counter() - started:.2f} s (in-process)")
        results.append(measure(grade_question, in_process_questions, answers,
                               "in-process (CLI, serve --grading-workers 0)"))
    if args.path in ("both", "pool"):
        from gauntlet.grade.pool import GradingPool

        pool = GradingPool(workers=1)
        try:
            started = time.perf_counter()
            pool.grade(bank.question("bias-variance-tradeoff"), "warm the worker up")
            print(f"\npool worker started and model loaded in {time.perf_counter() - started:.2f} s")
            results.append(measure(pool.grade, pool_questions, answers, "grading pool (gauntlet serve, 1 worker)"))
        finally:
            pool.close()
    failed = [r["path"] for r in results if r["p50_ms"] > 20 or r["p99_ms"] > 60 or r["first_max_s"] > 1.0
              or r["megabyte_max_s"] > 1.5]
    print("\nall targets met" if not failed else f"\ntargets missed on: {', '.join(failed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
