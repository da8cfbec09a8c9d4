"""Nothing lost: saves acknowledged before a SIGKILL are all there afterwards, with their
outbox entries, and the database is intact."""

import json
import random
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from fieldapp.store import Store

WRITER = textwrap.dedent(
    """
    import sys
    from fieldapp.domain import Establishment
    from fieldapp.store import Store

    store = Store.open(sys.argv[1], actor="crash")
    store.upsert_establishments([Establishment(
        id="e1", code="EPS-07-00001", name_fr="Centre", name_ar="مركز", type="children",
        region="MA-07", province="Rehamna", commune="Benguerir")])
    n = 0
    while True:
        survey = store.start_survey("e1", "baseline", "1", answers={"n": n})
        print(f"ack {survey.id} {n}", flush=True)
        for _ in range(3):
            n += 1
            store.save_answers(survey.id, {"n": n, "notes": "x" * 500})
            print(f"ack {survey.id} {n}", flush=True)
        n += 1
    """
)


def run_and_kill(profile: Path, rng: random.Random) -> dict[str, int]:
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(profile)],
        stdout=subprocess.PIPE,
        text=True,
    )
    acked: dict[str, int] = {}
    wanted = rng.randint(1, 60)
    killer = threading.Timer(30, child.kill)  # never hang the suite
    killer.start()
    try:
        assert child.stdout is not None
        for line in child.stdout:
            _, survey_id, n = line.split()
            acked[survey_id] = int(n)
            if len(acked) * 4 >= wanted:
                # Kill at a random moment after this acknowledgement, often mid-transaction.
                threading.Event().wait(rng.random() * 0.01)
                child.send_signal(signal.SIGKILL)
                break
    finally:
        child.wait()
        killer.cancel()
    return acked


def test_acknowledged_saves_survive_sigkill(tmp_path: Path) -> None:
    rng = random.Random(20261129)
    profile = tmp_path / "profile"
    trials = 50
    for _ in range(trials):
        acked = run_and_kill(profile, rng)
        assert acked, "the writer never acknowledged a save"
        with Store.open(profile) as store:
            assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            for survey_id, n in acked.items():
                survey = store.get_survey(survey_id)
                assert survey.answers["n"] >= n
                outbox = [
                    json.loads(p)["answers"]["n"]
                    for (p,) in store.conn.execute(
                        "SELECT payload FROM changes WHERE entity_id = ?", (survey_id,)
                    )
                ]
                assert n in outbox, f"save {n} of {survey_id} lost its outbox entry"
