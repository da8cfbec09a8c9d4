"""Restore benchmark: what a laptop's first sync after a server restore costs (sync.client
reconcile: the holdings question, the re-sent snapshots, the pull from the start), against a
plain sync of the same surveys, and what the holdings question costs when nothing was lost.
A real server in a child process on loopback (SQLite file copy as the backup). Prints one
JSON line; FIELDAPP_BENCH_SURVEYS sets how many surveys the laptop holds (default 2000)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("FIELDAPP_TOKEN_STORE", "file")

from bench._syncserver import SyncServer
from fieldapp.store import Store
from sync.client import STATE_RECONCILE, SyncRun, enroll
from tests.server.forms import form_definition

SURVEYS = int(os.environ.get("FIELDAPP_BENCH_SURVEYS", "2000"))


def timed(store: Store) -> tuple[float, dict[str, object]]:
    start = time.perf_counter()
    summary = SyncRun(store).run()
    assert summary.ok, summary.error
    return time.perf_counter() - start, summary.as_dict()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, SyncServer(Path(tmp) / "server") as server:
        server.call("publish_form", definition=form_definition())
        code = server.call("user", username="bench")
        ids = server.call(
            "establishments", codes=[f"EPS-BR{i}" for i in range(20)], assign_to=["bench"]
        )
        with Store.open(Path(tmp) / "laptop", actor="bench") as store:
            enroll(store, server.url, code)
            timed(store)
            backup = server.backup(Path(tmp) / "backup.sqlite3")
            for i in range(SURVEYS):
                store.start_survey(
                    ids[i % len(ids)], "baseline_test", "1",
                    answers={"residents": i, "has_internet": "no", "notes": f"survey {i}"},
                )  # fmt: skip
            first_s, first = timed(store)
            # Nothing lost: the holdings question alone (as after a pruned cursor).
            store.set_state(STATE_RECONCILE, "restored")
            check_s, check = timed(store)
            server.restore(backup)
            restore_s, restored = timed(store)
            held = len(server.call("state")["surveys"])
    print(
        json.dumps(
            {
                "bench": "restore",
                "surveys": SURVEYS,
                "load_1min": round(os.getloadavg()[0], 2),
                "first_sync_s": round(first_s, 2),
                "first_sync_requests": first["requests"],
                "holdings_nothing_lost_s": round(check_s, 2),
                "holdings_nothing_lost_bytes_up": check["bytes_sent"],
                "after_restore_s": round(restore_s, 2),
                "after_restore_requests": restored["requests"],
                "after_restore_bytes_up": restored["bytes_sent"],
                "resent": restored["resent"],
                "server_holds": held,
            }
        )
    )


if __name__ == "__main__":
    main()
