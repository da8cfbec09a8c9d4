"""Form engine benchmark: one JSON line.

`evaluate_ms_*`: evaluating every relevance, calculation, required-ness and constraint of the
baseline form for one filled survey (what runs on every keystroke; target <= 2 ms).
`validate_10k_s`: validating 10,000 complete demo surveys (what a server import or an export
check does). `draft_validate_us`: validate(finalize=False) per demo draft (what the server
does with every pushed draft); `flatten_us`: flatten_survey per complete survey (a cold CSV
export); both the best of 5 passes over 2,000 surveys. `corpus_*`: of the public XLSForms in
the shared corpus folder (tests/core/forms/corpus_kit.py; `corpus_absent` when it is not
here), how many pyxform converts and the share of those FieldApp loads,
validates generated drafts of and exports; `corpus_share_odk_valid`, the share of those ODK
Validate accepts too (goal 1.0); `corpus_failing`, each form that does not load with why.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fieldapp.forms import baseline_form, demo_answers
from fieldapp.forms.flatten import flatten_survey

TARGET_MS = 2.0


def _per_survey(run: Callable[[dict[str, Any]], object], data: list[dict[str, Any]]) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for answers in data:
            run(answers)
        best = min(best, time.perf_counter() - start)
    return best / len(data) * 1e6


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
    drafts = [demo_answers(form, rng, complete=False) for _ in range(500)] * 4
    complete = (surveys * 10)[:2000]
    draft_us = _per_survey(lambda a: form.validate(a, finalize=False), drafts)
    flatten_us = _per_survey(lambda a: flatten_survey(form, a), complete)
    from tests.core.forms.corpus_kit import report

    corpus = report()  # the public XLSForms pyxform converts: the share FieldApp loads
    print(
        json.dumps(
            {
                **corpus,
                "bench": "forms",
                "questions": len(form.questions),
                "evaluate_ms_p50": round(statistics.median(timings), 3),
                "evaluate_ms_p95": round(timings[int(len(timings) * 0.95)], 3),
                "validate_10k_s": round(validate_s, 2),
                "invalid_surveys": invalid,
                "draft_validate_us": round(draft_us, 1),
                "flatten_us": round(flatten_us, 1),
                "target_evaluate_ms": TARGET_MS,
            }
        )
    )


if __name__ == "__main__":
    main()
