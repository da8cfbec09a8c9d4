"""Form engine benchmark: one JSON line.

`evaluate_ms_*`: evaluating every relevance, calculation, required-ness and constraint of the
baseline form for one filled survey (what runs on every keystroke; target <= 2 ms).
`validate_10k_s`: validating 10,000 complete demo surveys (what a server import or an export
check does).
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fieldapp.forms import baseline_form, demo_answers

TARGET_MS = 2.0


def main() -> None:
    form = baseline_form()
    rng = random.Random(2024)
    surveys = [demo_answers(form, rng, complete=True) for _ in range(200)]
    # The heaviest survey: grid-connected (12 bills) with the largest staff roster.
    heavy = max(surveys, key=lambda a: (len(a.get("bills", [])), len(a.get("staff", []))))
    for _ in range(200):  # warm up
        form.evaluate(heavy)
    timings: list[float] = []
    for _ in range(2000):
        start = time.perf_counter()
        ev = form.evaluate(heavy)
        ev.constraint_failures  # noqa: B018 - the per-path view the UI reads
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    start = time.perf_counter()
    invalid = 0
    for i in range(10_000):
        invalid += bool(form.validate(surveys[i % len(surveys)]))
    validate_s = time.perf_counter() - start
    print(
        json.dumps(
            {
                "bench": "forms",
                "questions": len(form.questions),
                "evaluate_ms_p50": round(statistics.median(timings), 3),
                "evaluate_ms_p95": round(timings[int(len(timings) * 0.95)], 3),
                "validate_10k_s": round(validate_s, 2),
                "invalid_surveys": invalid,
                "target_evaluate_ms": TARGET_MS,
            }
        )
    )


if __name__ == "__main__":
    main()
