"""How long a sync takes to say that the server cannot be reached, with the app's own
timeouts (`RetryPolicy()`): a closed port (the machine refuses) and a silent address (a
listening socket that never answers), with the reach watch (`Transport.watch_reach`) and,
for the closed port, without it (the retries alone, as before). Prints one JSON line.

    python bench/reach.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

# The repository first: bench/sync.py would otherwise stand for the sync package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sync import protocol as p
from sync.errors import SyncError
from sync.transport import RetryPolicy, Transport


def _closed_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def _seconds_to_fail(url: str, policy: RetryPolicy) -> tuple[float, str]:
    started = time.monotonic()
    try:
        with Transport(url, policy=policy) as http:
            http.watch_reach()
            http.call("POST", "/sync/push", p.PushResponse, body=b"{}")
    except SyncError as exc:
        return time.monotonic() - started, f"{exc.code}/{exc.detail}"
    raise AssertionError("the push went through")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    default = RetryPolicy()
    closed, silent, closed_before = [], [], []
    why: set[str] = set()
    for _ in range(args.runs):
        seconds, said = _seconds_to_fail(_closed_url(), default)
        closed.append(seconds)
        why.add(said)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            sock.listen(1)
            seconds, said = _seconds_to_fail(f"http://127.0.0.1:{sock.getsockname()[1]}", default)
        silent.append(seconds)
        why.add(said)
    # Before: no reach watch, the run's 8 attempts with backoff (once: it takes ~30 s).
    seconds, _said = _seconds_to_fail(_closed_url(), replace(default, reach_timeout=0))
    closed_before.append(seconds)
    print(
        json.dumps(
            {
                "bench": "reach",
                "runs": args.runs,
                "closed_port_s": round(statistics.median(closed), 2),
                "silent_address_s": round(statistics.median(silent), 2),
                "closed_port_without_watch_s": round(closed_before[0], 2),
                "reach_timeout_s": default.reach_timeout,
                "said": sorted(why),
                "load": round(os.getloadavg()[0], 1),
            }
        )
    )


if __name__ == "__main__":
    main()
