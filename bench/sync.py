"""Sync bench: 1,000 finalized baseline surveys + 50 photos of ~300 KB through linkem.

One JSON line per profile with:
- `ours_s`: one `SyncRun` (gzip batches, chunked uploads, pull) through the emulated link,
  split into `push_s` (changes), `upload_s` (photos) and `pull_s`;
- `openrosa_s`: the same data sent one request per survey as OpenRosa clients do: a probe
  then a POST per survey (emulated on our API: GET /ping stands for the HEAD, then a push of
  that one change, uncompressed; a survey's photos follow in one PUT each), measured on a
  sample of surveys and scaled to all of them (`openrosa_measured` says how many);
- `limit_s`: the physical limit, compressed bytes / bandwidth + the fewest round trips x RTT
  (TCP connect + one request for everything), counting only what must go up;
- the ratios the targets are about: `ratio_to_limit` (<= 1.5) and `speedup` (>= 20 on 3g, for
  the surveys; photos cost the same bandwidth either way, so `speedup_with_photos` is lower);
- against the information floor, which does not depend on how we chose to encode: `floor_s`
  = the same surveys exported as CSV (main and repeat tables) and gzipped with `-9`
  (`floor_bytes`) / uplink + 2 RTT; `ratio_to_floor` = the survey part of the sync (push and
  pull, photos aside: `sync_s`) / `floor_s`; `bytes_up` and `bytes_down` of that part (bodies
  and headers, as the transport counts them), `bytes_up_to_floor`; `pulled_own`: surveys this
  device had just pushed that its pull brought back (0: no echo).

Slow links are scaled down (`scale`), said in each line: full size on EDGE takes ~15 minutes.

    python bench/sync.py [--profiles 4g,3g,satellite,edge] [--scale 1.0] [--sample 100]
                         [--photos N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._syncserver import SyncServer
from bench.linkem import PROFILES, LinkEmulator
from fieldapp.domain import Survey, SurveyStatus, new_id, utcnow
from fieldapp.export import export_surveys
from fieldapp.forms import baseline_form, demo_answers
from fieldapp.store import Store
from fieldapp.store.store import bulk_insert_surveys
from sync.client import Phase, Progress, SyncRun, _wire_change, enroll
from sync.credentials import TokenStore
from sync.transport import RetryPolicy, Transport

DEFAULT_SCALE = {"lan": 1.0, "4g": 1.0, "3g": 1.0, "satellite": 0.4, "edge": 0.1}
PHOTO_BYTES = 300_000
ESTABLISHMENTS = 100


def make_profile(server: SyncServer, root: Path, name: str, surveys: int, photos: int) -> Store:
    """An enrolled agent's laptop holding `surveys` finalized surveys and `photos` photos."""
    rng = random.Random(name)
    code = server.call("user", username=name)
    codes = [f"EPS-{name}-{i:04d}" for i in range(ESTABLISHMENTS)]
    server.call("establishments", codes=codes, assign_to=[name], timeout=300)
    store = Store.open(root / name, actor=name)
    enroll(store, server.url, code)
    assert SyncRun(store).run().ok  # the establishments and the form: not part of the bench
    form = baseline_form()
    establishments = store.find_establishment_ids(assigned_only=True)
    now = utcnow()
    made = [
        Survey(
            id=new_id(),
            establishment_id=establishments[i % len(establishments)],
            form_id=form.id,
            form_version=form.version,
            status=SurveyStatus.FINALIZED,
            answers=demo_answers(form, rng, complete=True),
            revision=2,
            author=name,
            created_at=now,
            updated_at=now,
        )
        for i in range(surveys)
    ]
    bulk_insert_surveys(store, made)
    for _ in range(photos):
        store.add_attachment(os.urandom(PHOTO_BYTES), "image/jpeg")
    return store


def upload_bytes(store: Store) -> tuple[int, int]:
    """What must go up, compressed as well as it can be: the surveys as one gzip body, and the
    photos (JPEG does not compress)."""
    changes = store.changes_to_push(limit=10**6)
    body = ",".join(_wire_change(c).model_dump_json() for c in changes)
    surveys = len(gzip.compress(f'{{"changes":[{body}]}}'.encode(), 9))
    photos = sum(size for _, size in store.pending_uploads())
    return surveys, photos


def floor_bytes(store: Store, root: Path) -> int:
    """The information floor: the surveys as the CSV export writes them, gzip -9."""
    files = export_surveys(store, "csv", root / "floor.csv", workers=1)
    return sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)


def ours(store: Store, url: str) -> dict[str, float | int]:
    marks: dict[str, float] = {}
    policy = RetryPolicy(deadline=3600)
    http = Transport(url, token=TokenStore(store.data_dir).load(), policy=policy)
    traffic: dict[str, tuple[int, int]] = {}

    def on_progress(p: Progress) -> None:
        if p.phase not in marks:
            marks[p.phase] = time.monotonic()
            traffic[p.phase] = (http.traffic.bytes_sent, http.traffic.bytes_received)

    own = {c.entity_id for c in store.changes_to_push(limit=10**6) if c.entity == "survey"}
    pulled_own = 0
    apply = store.apply_server_changes

    def counting(items: Any, **kw: Any) -> Any:
        nonlocal pulled_own
        items = list(items)
        pulled_own += sum(1 for i in items if i.kind == "survey" and i.id in own)
        return apply(items, **kw)

    store.apply_server_changes = counting  # type: ignore[method-assign]
    started = time.monotonic()
    summary = SyncRun(
        store, server_url=url, on_progress=on_progress, policy=policy, transport=http
    ).run()
    ended = time.monotonic()
    del store.apply_server_changes
    http.close()
    if not summary.ok:
        raise SystemExit(f"bench sync failed: {summary.error}")
    # The survey part: everything but the photo phase.
    sent_a, received_a = traffic[Phase.ATTACHMENTS]
    sent_p, received_p = traffic[Phase.PULL]
    return {
        "ours_s": round(ended - started, 2),
        "push_s": round(marks[Phase.ATTACHMENTS] - started, 2),
        "upload_s": round(marks[Phase.PULL] - marks[Phase.ATTACHMENTS], 2),
        "pull_s": round(ended - marks[Phase.PULL], 2),
        "requests": summary.requests,
        "bytes_sent": summary.bytes_sent,
        "bytes_received": summary.bytes_received,
        "bytes_up": sent_a + summary.bytes_sent - sent_p,
        "bytes_down": received_a + summary.bytes_received - received_p,
        "pulled": summary.pulled,
        "pulled_own": pulled_own,
    }


def openrosa(store: Store, url: str, sample: int, photos_per_survey: float) -> dict[str, float]:
    """One probe + one POST per survey (and one PUT per photo), on a keep-alive session."""
    token = TokenStore(store.data_dir).load()
    changes = [c for c in store.changes_to_push(limit=sample)]
    shas = [c.entity_id for c, _ in store.pending_uploads()]
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    surveys_time = 0.0
    photos_time = 0.0
    photo_index = 0.0
    for change in changes:
        started = time.monotonic()
        session.get(f"{url}/api/v1/ping", timeout=120).raise_for_status()
        body = json.dumps({"changes": [_wire_change(change).model_dump(mode="json")]})
        r = session.post(
            f"{url}/api/v1/sync/push",
            data=body.encode(),
            headers={"Content-Type": "application/json"},
            timeout=300,
        )
        r.raise_for_status()
        surveys_time += time.monotonic() - started
        photo_index += photos_per_survey
        while photo_index >= 1 and shas:
            photo_index -= 1
            sha = shas.pop(0)
            data = store.read_attachment(sha)
            started = time.monotonic()
            session.put(
                f"{url}/api/v1/attachments/{sha}",
                params={"offset": 0, "size": len(data)},
                data=data,
                headers={"Content-Type": "application/octet-stream"},
                timeout=600,
            ).raise_for_status()
            photos_time += time.monotonic() - started
    session.close()
    return {"surveys_s": surveys_time, "photos_s": photos_time, "measured": len(changes)}


def ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b > 0 else None


def bench(
    profile_name: str, scale: float, sample: int, root: Path, photos: int | None = None
) -> dict[str, object]:
    profile = PROFILES[profile_name]
    surveys = max(1, round(1000 * scale))
    if photos is None:
        photos = max(1, round(50 * scale))
    with SyncServer(root / f"server-{profile_name}") as server:
        server.call("publish_form", definition=baseline_form().to_json())
        store = make_profile(server, root, f"ours-{profile_name}", surveys, photos)
        survey_bytes, photo_bytes = upload_bytes(store)
        floor = floor_bytes(store, root)
        with LinkEmulator(server.port, profile=profile) as link:
            result = ours(store, f"http://127.0.0.1:{link.port}")
        store.close()
        other = make_profile(server, root, f"openrosa-{profile_name}", surveys, photos)
        with LinkEmulator(server.port, profile=profile) as link:
            measured = openrosa(
                other, f"http://127.0.0.1:{link.port}", min(sample, surveys), photos / surveys
            )
        other.close()
    factor = surveys / measured["measured"]
    openrosa_surveys = measured["surveys_s"] * factor
    # Photos: the sample carried its share of them; scale that share to all photos.
    sample_photos = max(1.0, round(measured["measured"] * photos / surveys))
    openrosa_photos = measured["photos_s"] * photos / sample_photos if photos else 0.0
    rtt = profile.rtt_ms / 1000
    up = profile.up_kbps * 1000 / 8 or float("inf")  # lan: no shaping, only server time
    limit_surveys = survey_bytes / up + 2 * rtt
    limit = (survey_bytes + photo_bytes) / up + 2 * rtt
    push_upload = float(result["push_s"]) + float(result["upload_s"])
    floor_s = floor / up + 2 * rtt
    sync_s = float(result["push_s"]) + float(result["pull_s"])
    return {
        "bench": "sync",
        "profile": profile_name,
        "rtt_ms": profile.rtt_ms,
        "up_kbps": profile.up_kbps,
        "down_kbps": profile.down_kbps,
        "scale": scale,
        "surveys": surveys,
        "photos": photos,
        "survey_bytes_gz": survey_bytes,
        "photo_bytes": photo_bytes,
        **result,
        "limit_s": round(limit, 2),
        "ratio_to_limit": ratio(push_upload, limit),
        "ratio_to_limit_with_pull": ratio(float(result["ours_s"]), limit),
        "push_limit_s": round(limit_surveys, 2),
        "push_ratio_to_limit": ratio(float(result["push_s"]), limit_surveys),
        "floor_bytes": floor,
        "floor_s": round(floor_s, 2),
        "sync_s": round(sync_s, 2),
        "ratio_to_floor": ratio(sync_s, floor_s),
        "bytes_up_to_floor": ratio(float(result["bytes_up"]), floor),
        "openrosa_s": round(openrosa_surveys + openrosa_photos, 1),
        "openrosa_surveys_s": round(openrosa_surveys, 1),
        "openrosa_measured": measured["measured"],
        "speedup": round(openrosa_surveys / float(result["push_s"]), 1),
        "speedup_with_photos": round((openrosa_surveys + openrosa_photos) / push_upload, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="sync bench through the link emulator")
    parser.add_argument("--profiles", default="lan,4g,3g,satellite,edge")
    parser.add_argument("--scale", type=float, help="override the per-profile scale")
    parser.add_argument("--sample", type=int, default=100, help="surveys sent one by one")
    parser.add_argument("--photos", type=int, help="photos per profile (default 50 x scale)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-sync-") as tmp:
        os.environ["FIELDAPP_TOKEN_STORE"] = "file"
        for name in args.profiles.split(","):
            scale = args.scale if args.scale is not None else DEFAULT_SCALE.get(name, 1.0)
            print(json.dumps(bench(name, scale, args.sample, Path(tmp), args.photos)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
