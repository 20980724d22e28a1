"""Do the mock interview's follow-ups go where the answer was weak? Measured on the graded answer set.

Usage:
    python benchmarks/follow_up_targets.py             # every figure
    python benchmarks/follow_up_targets.py --show 10   # also 10 answers whose follow-up missed their gap

Each answer of tests/data/graded_answers is graded by the real grader and given the follow-up the mock
interview would ask (``review.follow_up.choose_follow_up``). The set's human labels say, per key point,
whether the answer asserted it, left it out (absent) or contradicted it. An answer with a gap (a key
point absent or contradicted) is *targeted* when its follow-up probes one of those points; the issue's
target (16) is >= 90 %. Also printed: answers that contradicted a point whose follow-up challenges a
contradicted point; complete answers given a broader (senior) follow-up; how many targeted follow-ups
were written in the bank rather than built from the key point.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

# Run as `python benchmarks/follow_up_targets.py` (as the README says), the repository root is not on the path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.grader_indomain import load_set  # noqa: E402
from gauntlet.grade.grader import grade_question  # noqa: E402
from gauntlet.review.follow_up import Aim, choose_follow_up  # noqa: E402

GAP_LABELS = ("absent", "contradicted")


@dataclass
class FollowUpStats:
    with_gap: int = 0  # answers with a key point labelled absent or contradicted
    targeted: int = 0  # ... whose follow-up probes one of those points
    with_contradiction: int = 0  # answers with a key point labelled contradicted
    challenged: int = 0  # ... whose follow-up probes a contradicted point
    complete: int = 0  # answers labelled asserted on every key point
    broader: int = 0  # ... given a broader (senior) follow-up
    written: int = 0  # targeted follow-ups written in the bank (not built from the key point)
    by_kind: Counter = field(default_factory=Counter)  # kind -> answers with a gap
    targeted_by_kind: Counter = field(default_factory=Counter)
    by_aim: Counter = field(default_factory=Counter)  # aim -> answers with a gap given it
    targeted_by_aim: Counter = field(default_factory=Counter)
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)  # (question, kind, aim, target)

    @property
    def target_rate(self) -> float:
        return self.targeted / self.with_gap if self.with_gap else float("nan")


def measure(answers: list[dict]) -> FollowUpStats:
    stats = FollowUpStats()
    for number, a in enumerate(answers):
        question, labels = a["question"], list(a["labels"])
        grade = grade_question(question, a["text"])
        choice = choose_follow_up(question, grade, seed=number)
        assert choice is not None  # graded: there is always one
        texts = [k.text for k in question.key_points]
        target_label = labels[texts.index(choice.target)] if choice.target in texts else None
        if any(label in GAP_LABELS for label in labels):
            stats.with_gap += 1
            stats.by_kind[a["kind"]] += 1
            stats.by_aim[choice.aim.value] += 1
            if target_label in GAP_LABELS:
                stats.targeted += 1
                stats.targeted_by_kind[a["kind"]] += 1
                stats.targeted_by_aim[choice.aim.value] += 1
                index = texts.index(choice.target)
                stats.written += any(f.probes == index for f in question.follow_ups)
            else:
                stats.misses.append((question.id, a["kind"], choice.aim.value, choice.target or "(broader)"))
        if "contradicted" in labels:
            stats.with_contradiction += 1
            stats.challenged += target_label == "contradicted"
        if all(label == "asserted" for label in labels):
            stats.complete += 1
            stats.broader += choice.aim is Aim.SENIOR
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="list this many answers whose follow-up missed")
    args = parser.parse_args()
    answers = load_set()
    started = time.perf_counter()
    s = measure(answers)
    took = time.perf_counter() - started
    print(f"{len(answers)} answers graded and followed up in {took:.0f} s")
    print(f"follow-up targets a gap (absent or contradicted key point): {s.targeted}/{s.with_gap} = "
          f"{100 * s.target_rate:.1f} %  (target >= 90 %)")
    print(f"  of those, written in the bank: {s.written}/{s.targeted}; built from the key point: "
          f"{s.targeted - s.written}")
    print(f"follow-up challenges a contradicted point, when one was contradicted: {s.challenged}/"
          f"{s.with_contradiction} = {100 * s.challenged / max(s.with_contradiction, 1):.1f} %")
    print(f"complete answers given a broader (senior) follow-up: {s.broader}/{s.complete}")
    print("by kind (targeted / with a gap): " + ", ".join(
        f"{kind} {s.targeted_by_kind[kind]}/{n}" for kind, n in sorted(s.by_kind.items())))
    print("by aim (targeted / with a gap): " + ", ".join(
        f"{aim} {s.targeted_by_aim[aim]}/{n}" for aim, n in sorted(s.by_aim.items())))
    for miss in s.misses[:args.show]:
        print("  missed:", " · ".join(miss))


if __name__ == "__main__":
    main()
