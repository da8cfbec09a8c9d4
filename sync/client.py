"""The sync client: enrollment, and one sync run (push the outbox, upload attachments, pull).

No Qt here. A run reports through plain callbacks and stops when the CancelToken it was handed
is cancelled (Orange's TaskState idea); `ui/` wraps it in a worker and re-emits the callbacks as
signals. A run can be cut at any byte: acknowledged changes are gone from the outbox, each
pulled page is applied together with its cursor, and an upload resumes at the server's offset.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import socket
import time
import traceback
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from fieldapp.demo import DEMO_AUTHORS, STATE_DEMO
from fieldapp.domain import Change
from fieldapp.store import AckResult, Store, StoreError
from fieldapp.store.errors import DB_ERRORS
from fieldapp.store.store import ServerItem
from sync import inbound
from sync import protocol as p
from sync.compact import Compact, dictionary_name, form_dictionary
from sync.credentials import DeviceKeyStore, TokenStore, device_fingerprint
from sync.errors import SyncError, SyncErrorCode
from sync.transport import CancelToken, Reply, RetryPolicy, Transport, normalize_server_url

# sync_state keys
STATE_SERVER = "server_url"
STATE_CA_BUNDLE = "ca_bundle"
STATE_DEVICE = "device_id"
STATE_USERNAME = "username"
STATE_ROLE = "role"
STATE_REGIONS = "regions"
STATE_CURSOR = "cursor"
CLOCK_SKEW_WARN_S = 5 * 60  # a few minutes: more than a watch drifts, less than a time zone
STATE_LAST_SYNC = "last_sync"
# Protocol v2, integrity: the server instance this profile syncs with, the newest feed mark
# it was given (sync.protocol.FeedPosition), the server's receipt key, and why the next run must
# first compare what it acknowledged with what the server holds ("other_instance", "restored").
STATE_INSTANCE = "instance_id"
STATE_MARK = "feed_mark"
STATE_SERVER_KEY = "server_key"
STATE_RECONCILE = "reconcile"
# Set when this profile was found to be a copy (another machine or folder, or the server saw
# two changes under one device number): it must enroll as a new device before it syncs again.
STATE_MUST_ENROLL = "must_enroll"
STATE_FINGERPRINT = "fingerprint"  # sync.credentials.device_fingerprint at enrollment
COPIED_PROFILE = (
    "This profile was copied from another computer (or folder) that syncs as the same device: "
    "enroll this copy again with a new code from your coordinator before it syncs. Nothing of "
    "it is lost: its changes are sent once it is enrolled."
)
RECONCILE_OTHER_INSTANCE = "other_instance"
RECONCILE_RESTORED = "restored"
HOLDINGS_PAGE = 2000
STATE_SERVER_PROTOCOL = "server_protocol"  # the version the server last answered in
UPLOAD_PREFIX = "upload:"  # upload:<sha256> -> bytes the server confirmed

BATCH_BYTES = 128 * 1024  # compressed bytes per push request: ~5 s on EDGE's uplink; two in flight
CHUNK_BYTES = 256 * 1024  # first attachment PUT; then sized to take CHUNK_SECONDS
CHUNK_SECONDS = 8.0  # what a cut may cost: long enough that round trips stay a small share
MIN_CHUNK_BYTES = 64 * 1024
MAX_CHUNK_BYTES = 4 * 1024 * 1024  # the server takes up to 8 MB per PUT
MAX_PULL_PAGES = 100_000
DATA_MODELS: dict[str, type[BaseModel]] = {
    "establishment": p.EstablishmentData,
    "survey": p.SurveyState,
    "form": p.FormData,
    "review": p.ReviewData,
    "conflict": p.ConflictData,
}
# Refusals of a compact body (an older server, a form version it does not hold): the batch
# goes again in the v1 encoding, and so does the rest of the run.
COMPACT_REFUSALS = frozenset(
    {"unknown_dictionary", "bad_compact", "unsupported_media_type", "invalid_json"}
)
# A rejection the server asks to retry: the change stays in the outbox for the next run.
TRANSIENT_REJECTIONS = frozenset({"busy"})


PIPELINE = 2  # push batches in flight at once
# The last changes of a push go in halves down to this many: the server applies the last batch
# while nothing else is on the link, so a full last batch (hundreds of surveys at a few ms
# each) was a tail the pipeline could not hide. A push this small or smaller is one request.
TAIL_CHANGES = 64


@dataclass(slots=True)
class InFlight:
    """A push batch on its way: its changes, the records they touch, its answer to come."""

    batch: list[Change]
    keys: set[str]
    compact: bool
    future: Future[Reply]


def _records_of(batch: list[Change]) -> set[str]:
    """The records a batch changes; empty when it holds anything but survey saves, which then
    waits for everything before it (reviews and assignments keep their order with saves)."""
    keys = set()
    for change in batch:
        if change.entity not in (p.ENTITY_SURVEY, p.ENTITY_CONFLICT_RESOLUTION):
            return set()
        keys.add(change.entity_id)
    return keys


class Phase(StrEnum):
    CHANGES = "changes"
    ATTACHMENTS = "attachments"
    PULL = "pull"


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a run is: `done` of `total` in `phase` (`total` None while unknown, e.g. pull).
    Units: outbox entries for changes, bytes for attachments, feed items for pull."""

    phase: Phase
    done: int
    total: int | None


@dataclass(slots=True)
class SyncSummary:
    """What one run did (`fieldapp sync --json` prints this)."""

    ok: bool = False
    server: str = ""
    pushed: int = 0  # changes acknowledged by the server (applied, merged or conflict)
    applied: int = 0
    merged: int = 0
    conflicts: int = 0  # questions in conflict, kept for a person
    conflicts_closed: int = 0  # conflicts held here that a person decided on another device
    set_aside: int = 0  # refused by the server this run (reason kept)
    left_pending: int = 0  # the server asked to retry later
    attachments_uploaded: int = 0
    attachment_bytes: int = 0
    pulled: int = 0
    pulled_set_aside: int = 0  # pulled items not applied (bad text, too big...), reason logged
    # This laptop's clock minus the server's (seconds), from the server's Date header; the
    # agent is told when it is off by more than CLOCK_SKEW_WARN_S.
    clock_offset_s: int | None = None
    cursor_resets: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    requests: int = 0
    duration_s: float = 0.0
    outbox_remaining: int = 0
    set_aside_total: int = 0
    relayed: int = 0  # changes from imported bundles acknowledged by the server this run
    relay_remaining: int = 0  # changes of imported bundles still waiting to be relayed
    # The server was another database ("other_instance") or restored from an older backup
    # ("restored"): what it no longer held was sent again (`resent` changes) this run.
    server_change: str = ""
    resent: int = 0
    error: dict[str, str] | None = None
    log: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("log")
        return data


@dataclass(frozen=True, slots=True)
class Enrollment:
    server_url: str
    device_id: str
    username: str
    role: str
    regions: list[str]
    token_stored_in: str
    # Enrolled on another server database than the one this profile synced with before: the
    # next sync sends every local survey that server does not hold.
    other_instance: bool = False
    # A profile filled by `fieldapp demo`: its generated establishments and surveys were
    # removed, never sent (establishments, surveys).
    demo_removed: tuple[int, int] = (0, 0)


class ServerMoved(Exception):
    """The server is another database, or forgot what it acknowledged (a restore): the run
    compares holdings and sends again what is missing (`SyncRun._reconcile`)."""

    def __init__(self, why: str, message: str) -> None:
        super().__init__(message)
        self.why = why


def _ack_of(result: p.ChangeResult) -> AckResult:
    survey = result.survey
    return AckResult(
        change_id=result.id,
        revision=result.revision,
        answers=dict(survey.answers) if survey is not None else None,
        status=survey.status if survey is not None else None,
        conflicts=[c.model_dump() for c in result.conflicts],
        form_version=survey.form_version if survey is not None else None,
    )


ack_of = _ack_of  # what a receipt (sync.bundle) applies, the same as a pushed answer


def _wire_change(change: Change) -> p.ChangeIn:
    return p.ChangeIn(
        id=change.id,
        entity=change.entity,
        entity_id=change.entity_id,
        op=change.op,
        base_revision=change.base_revision,
        payload=change.payload,
        created_at=change.created_at,
        device_seq=change.device_seq,
    )


def enroll(
    store: Store,
    server_url: str,
    code: str,
    *,
    ca_bundle: str | None = None,
    device_name: str | None = None,
    policy: RetryPolicy | None = None,
    cancel: CancelToken | None = None,
) -> Enrollment:
    """Trade a one-time code for a device token; keep the token in the keyring (or a 0600
    file) and the rest in the store's sync_state. A new server means a pull from scratch."""
    url = normalize_server_url(server_url)
    if ca_bundle is not None:
        bundle = Path(ca_bundle).expanduser()
        if not bundle.is_file():
            raise SyncError(SyncErrorCode.CONFIG, f"The CA bundle {ca_bundle} does not exist.")
        ca_bundle = str(bundle.resolve())
    name = (device_name or socket.gethostname() or "laptop")[:200]
    tokens = TokenStore(store.data_dir)
    fingerprint = device_fingerprint(store.data_dir)
    known = store.get_state(STATE_FINGERPRINT)
    copied = bool(store.get_state(STATE_MUST_ENROLL)) or (known not in (None, fingerprint))
    # The laptop enrolling again has its old token revoked; a copy must not revoke the token
    # of the profile it was copied from (that laptop goes on syncing as itself).
    previous_token = "" if copied else (tokens.load() or "")
    private_key, public_key = p.new_device_key()
    body = p.EnrollRequest(
        code=code.strip()[:64] or "-",
        device_name=name,
        device_key=public_key,
        previous_token=previous_token if len(previous_token) <= 200 else "",
    )
    policy = policy or RetryPolicy(attempts=4, deadline=120.0)
    with Transport(url, ca_bundle=ca_bundle, policy=policy, cancel=cancel) as http:
        http.watch_reach()  # a wrong or dead address is said in seconds
        reply = http.call(
            "POST",
            "/enroll",
            p.EnrollResponse,
            body=body.model_dump_json().encode(),
            headers={"Content-Type": "application/json"},
            error_statuses=frozenset({400, 422}),
        )
    if reply.error is not None:
        reasons = {
            "invalid_code": "this enrollment code is unknown: check it with your coordinator",
            "code_used": "this enrollment code was already used: ask for a new one",
            "code_expired": "this enrollment code has expired: ask for a new one",
            "user_disabled": "this user account is disabled",
        }
        message = reasons.get(reply.error.code, reply.error.message)
        raise SyncError(
            SyncErrorCode.ENROLL_REFUSED, f"Enrollment refused: {message}.", detail=reply.error.code
        )
    answer: p.EnrollResponse = reply.body
    where = tokens.save(answer.token)
    DeviceKeyStore(store.data_dir).save(private_key)
    previous = store.get_state(STATE_SERVER)
    previous_instance = store.get_state(STATE_INSTANCE)
    store.set_state(STATE_SERVER, url)
    store.set_state(STATE_CA_BUNDLE, ca_bundle)
    store.set_state(STATE_DEVICE, answer.device_id)
    store.set_state(STATE_USERNAME, answer.username)
    store.set_state(STATE_ROLE, answer.role)
    store.set_state(STATE_REGIONS, json.dumps(answer.regions))
    store.set_state(STATE_SERVER_KEY, answer.server_key or None)
    store.set_state(STATE_FINGERPRINT, fingerprint)
    store.set_state(STATE_MUST_ENROLL, None)
    demo_removed = (0, 0)
    if store.get_state(STATE_DEMO) and previous_instance is None:
        demo_removed = store.remove_generated_surveys(DEMO_AUTHORS)
        store.set_state(STATE_DEMO, None)
    held = sum(store.survey_counts().values())
    # Another database than the one this profile knew (a rebuilt server, another deployment,
    # or a profile with surveys that never synced): what it does not hold is sent next sync.
    other_instance = (
        bool(answer.instance_id)
        and previous_instance != answer.instance_id
        and (previous_instance is not None or held > 0)
    )
    if other_instance:
        store.set_state(STATE_RECONCILE, RECONCILE_OTHER_INSTANCE)
    if answer.instance_id:
        store.set_state(STATE_INSTANCE, answer.instance_id)
    if previous != url or other_instance:
        store.set_state(STATE_CURSOR, None)
        store.set_state(STATE_MARK, None)
    return Enrollment(
        url, answer.device_id, answer.username, answer.role, answer.regions, where,
        other_instance, demo_removed,
    )  # fmt: skip


def refusal_reason(error: p.ChangeError | p.ErrorDetail) -> str:
    """What is kept with a change the server refused: `code [field]: message`. The code and
    the field (`payload.answers.<question>`) let the UI say it in words (ui/refusals.py); the
    English message is for the log."""
    where = f" [{error.field}]" if error.field else ""
    return f"{error.code}{where}: {error.message}"


def parse_refusal(reason: str) -> tuple[str, str, str]:
    """(code, field, message) of a reason made by `refusal_reason` (or by an older release:
    `code: message`)."""
    head, _, message = reason.partition(":")
    code, _, rest = head.strip().partition(" ")
    field = rest.strip()
    field = field[1:-1] if field.startswith("[") and field.endswith("]") else ""
    return code, field, message.strip()


def question_of(field: str) -> str:
    """The question a refusal names (`payload.answers.<question>[...]`), or ''."""
    prefix = "payload.answers."
    if not field.startswith(prefix):
        return ""
    return field[len(prefix) :].split(".")[0].split("[")[0]


def check_not_copied(store: Store) -> None:
    """Refuse to sync (or sign a bundle) from a copy of an enrolled profile: another machine
    or folder, or one the server saw sending two changes under one device number."""
    if store.get_state(STATE_MUST_ENROLL):
        raise SyncError(SyncErrorCode.NOT_ENROLLED, COPIED_PROFILE)
    if not store.get_state(STATE_DEVICE):
        return
    fingerprint = device_fingerprint(store.data_dir)
    known = store.get_state(STATE_FINGERPRINT)
    if known is None:  # enrolled by an older release: this is where it lives
        store.set_state(STATE_FINGERPRINT, fingerprint)
    elif known != fingerprint:
        store.set_state(STATE_MUST_ENROLL, "copied")
        raise SyncError(SyncErrorCode.NOT_ENROLLED, COPIED_PROFILE)


def probe(server_url: str, *, ca_bundle: str | None = None, timeout: float = 5.0) -> bool:
    """Cheap reachability check for automatic sync: True when FieldApp's ping answers."""
    policy = RetryPolicy(
        connect_timeout=timeout,
        read_timeout=timeout,
        attempts=1,
        deadline=timeout,
        request_deadline=timeout,
        reach_timeout=0,  # the probe is itself the ping
    )
    try:
        with Transport(server_url, ca_bundle=ca_bundle, policy=policy) as http:
            reply = http.call("GET", "/ping", p.Ping)
    except SyncError:
        return False
    ping: p.Ping = reply.body
    return ping.service == p.SERVICE_NAME and ping.api == p.API_VERSION


class SyncRun:
    """One sync run over one profile's store. Use once: `SyncRun(store, ...).run()`.

    Callbacks are called on the thread that runs it; keep them quick and thread-safe (the UI
    re-emits them as Qt signals)."""

    def __init__(
        self,
        store: Store,
        *,
        server_url: str | None = None,
        cancel: CancelToken | None = None,
        policy: RetryPolicy | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        on_log: Callable[[str], None] | None = None,
        batch_bytes: int = BATCH_BYTES,
        chunk_bytes: int = CHUNK_BYTES,
        max_chunk_bytes: int = MAX_CHUNK_BYTES,
        pull_limit: int = p.DEFAULT_PULL_LIMIT,
        token: str | None = None,
        transport: Transport | None = None,
    ) -> None:
        self.store = store
        self.cancel = cancel or CancelToken()
        self.policy = policy or RetryPolicy()
        self.on_progress = on_progress
        self.on_log = on_log
        self.batch_bytes = max(1024, batch_bytes)
        self.chunk_bytes = max(1024, chunk_bytes)
        self.max_chunk_bytes = max(self.chunk_bytes, max_chunk_bytes)
        self.pull_limit = max(1, min(pull_limit, p.MAX_PULL_LIMIT))
        self.summary = SyncSummary()
        self._ratio = 4.0  # JSON compresses about this well; learnt from each batch
        self._compact: Compact | None = None  # the encoding of pushes (sync.compact)
        self._settled = 0  # outbox entries settled by this run's push
        self._server_url = server_url
        self._token = token
        self._transport = transport

    # -- reporting --------------------------------------------------------------------------

    def _log(self, message: str) -> None:
        self.summary.log.append(message)
        if self.on_log is not None:
            self.on_log(message)

    def _progress(self, phase: Phase, done: int, total: int | None) -> None:
        if self.on_progress is not None:
            self.on_progress(Progress(phase, done, total))

    # -- the run ----------------------------------------------------------------------------

    def _open(self) -> Transport:
        if self._transport is not None:
            return self._transport
        enrolled = self.store.get_state(STATE_SERVER)
        token = self._token or TokenStore(self.store.data_dir).load()
        if not enrolled or not token:
            raise SyncError(
                SyncErrorCode.NOT_ENROLLED,
                "This profile is not enrolled: run 'fieldapp enroll --server URL --code CODE' "
                "with a code from your coordinator.",
            )
        check_not_copied(self.store)
        return Transport(
            self._server_url or enrolled,
            token=token,
            ca_bundle=self.store.get_state(STATE_CA_BUNDLE),
            policy=self.policy,
            cancel=self.cancel,
        )

    def run(self) -> SyncSummary:
        """Push, upload, pull. Never raises for a sync failure: the summary says what failed
        (`ok` False, `error` code and message) and what was done before."""
        started = time.monotonic()
        http: Transport | None = None
        try:
            http = self._open()
            self.summary.server = http.server_url
            http.watch_reach()  # an unreachable server is said in seconds, not minutes
            self._choose_encoding(http)
            for attempt in range(3):
                try:
                    if self.store.get_state(STATE_RECONCILE):
                        self._reconcile(http)
                        self._pull(http)  # re-keys establishments before anything is pushed
                    self._push(http)
                    self._push_relayed(http)
                    self._upload(http)
                    self._pull(http)
                    break
                except ServerMoved as moved:
                    if attempt == 2:
                        raise SyncError(SyncErrorCode.SERVER_ERROR, str(moved)) from moved
                    self._log(f"server: {moved}")
                    self.store.set_state(STATE_RECONCILE, moved.why)
            self.store.set_state(
                STATE_LAST_SYNC, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            )
        except SyncError as exc:
            self.summary.error = {"code": str(exc.code), "message": str(exc)}
            if exc.detail:  # e.g. why the connection failed (sync.errors.NetworkFailure)
                self.summary.error["detail"] = str(exc.detail)
            self._log(f"failed: {exc}")
        except StoreError as exc:
            # Which local problem (full disk, a refused row, a locked profile...): said as such.
            self.summary.error = {
                "code": str(SyncErrorCode.LOCAL),
                "message": str(exc),
                "detail": str(exc.code),
            }
            self._log(f"failed: {exc}")
        except Exception as exc:  # a bug must not kill the app's worker; keep the traceback
            self.summary.error = {
                "code": str(SyncErrorCode.INTERNAL),
                "message": f"Sync stopped on an unexpected error ({type(exc).__name__}: {exc}); "
                "what was acknowledged is kept. Please report it.",
            }
            self._log("failed:\n" + traceback.format_exc())
        finally:
            if http is not None:
                if http.server_protocol:
                    with contextlib.suppress(StoreError, *DB_ERRORS):
                        self.store.set_state(STATE_SERVER_PROTOCOL, str(http.server_protocol))
                self.summary.bytes_sent = http.traffic.bytes_sent
                self.summary.bytes_received = http.traffic.bytes_received
                self.summary.requests = http.traffic.requests
                self._note_clock(http)
                if self._transport is None:
                    http.close()
            self.summary.duration_s = round(time.monotonic() - started, 3)
            with contextlib.suppress(StoreError, *DB_ERRORS):  # reported above
                self.summary.outbox_remaining = self.store.outbox_count()
                self.summary.set_aside_total = len(self.store.set_aside_changes())
                self.summary.relay_remaining = self.store.relay_pending_count()
        s = self.summary
        s.ok = (
            s.error is None
            and s.set_aside == 0
            and s.left_pending == 0
            and s.outbox_remaining == 0
            and s.relay_remaining == 0
        )
        return s

    # -- push -------------------------------------------------------------------------------

    def _push(self, http: Transport) -> None:
        """Push the outbox in batches, up to PIPELINE of them in flight: the next batch goes up
        while the server applies the one before (on 3G that hides most of the server's time).
        Batches in flight together never touch the same record, and their answers are
        applied in outbox order.

        It pushes what was in the outbox when it started, then once what was saved meanwhile:
        autosaves that keep coming faster than a push (typing on a slow link) wait for the
        next run instead of keeping this one going for ever."""
        renewed = self.store.renew_reused_ids()
        if renewed:
            self._log(f"changes: {renewed} set aside as id_reuse go again under new ids")
        total = self.store.outbox_count() - len(self.store.pending_uploads())
        after = 0
        self._settled = 0
        self._progress(Phase.CHANGES, 0, total)
        in_flight: deque[InFlight] = deque()
        pool = ThreadPoolExecutor(max_workers=PIPELINE, thread_name_prefix="fieldapp-push")
        try:
            for _ in range(2):
                upto = self.store.last_change_seq()
                for _ in range(1_000_000):  # bounded: `after` grows every round
                    http.check_cancel()
                    fetched = self.store.changes_to_push(after_seq=after, limit=p.MAX_PUSH_CHANGES)
                    candidates = [c for c in fetched if c.seq <= upto]
                    if not candidates:
                        break
                    # Every change left in this round is among the candidates.
                    last = len(fetched) < p.MAX_PUSH_CHANGES or len(candidates) < len(fetched)
                    batch, body = self._batch(candidates, tail=last)
                    if not batch:
                        after = candidates[-1].seq  # all set aside
                        continue
                    keys = _records_of(batch)
                    if in_flight and (
                        not keys or any(not f.keys or keys & f.keys for f in in_flight)
                    ):
                        # An answer still to come may rebase or merge into what was just
                        # encoded (the same survey): wait for them all, read the outbox again.
                        while in_flight:
                            self._finish(http, in_flight.popleft(), total)
                        continue
                    while len(in_flight) >= PIPELINE:  # records apart: nothing to redo
                        self._finish(http, in_flight.popleft(), total)
                    after = batch[-1].seq
                    compact = self._compact is not None
                    future = pool.submit(self._post, http, body, compact=compact)
                    in_flight.append(InFlight(batch, keys, compact, future))
            while in_flight:
                self._finish(http, in_flight.popleft(), total)
        finally:
            pool.shutdown(wait=True)  # a failed run leaves no request behind it
        if self.summary.pushed or self.summary.set_aside:
            self._log(
                f"changes: {self.summary.pushed} acknowledged ({self.summary.merged} merged, "
                f"{self.summary.conflicts} in conflict), {self.summary.set_aside} set aside"
            )

    def _finish(self, http: Transport, sent: InFlight, total: int) -> None:
        before = self.store.outbox_count()
        self._settle_batch(http, sent.batch, sent.future.result(), compact=sent.compact)
        self._settled += max(0, before - self.store.outbox_count())
        self._progress(Phase.CHANGES, min(self._settled, total), total)

    def _choose_encoding(self, http: Transport) -> None:
        """Compact pushes (and answers) with a server that answered in protocol 2 before, with
        the dictionary of the form version the outbox holds (else the newest known)."""
        if int(self.store.get_state(STATE_SERVER_PROTOCOL) or 0) < 2:
            return
        forms = self.store.form_versions()
        first = next(iter(self.store.changes_to_push(limit=1)), None)
        if first is not None and first.entity in (p.ENTITY_SURVEY, p.ENTITY_CONFLICT_RESOLUTION):
            key = (str(first.payload.get("form_id")), str(first.payload.get("form_version")))
            if key in forms:
                forms.append(key)
        definition = self.store.form_definition(*forms[-1]) if forms else None
        if definition is None:
            self._compact = Compact()
        else:
            name = dictionary_name(*forms[-1])
            self._compact = Compact(name, form_dictionary(*forms[-1], definition))
        http.use_compact(self._compact)

    def _encode(self, changes: list[Change]) -> bytes:
        items = ",".join(_wire_change(c).model_dump_json() for c in changes)
        expected = json.dumps(self._expected())[1:-1]
        document = f'{{"changes":[{items}],{expected}}}'.encode()
        if self._compact is not None:
            return self._compact.compress(document)
        return gzip.compress(document, compresslevel=6, mtime=0)

    def _expected(self) -> dict[str, str]:
        """What this device asserts about the server in a v2 push or pull."""
        return {
            "instance_id": self.store.get_state(STATE_INSTANCE) or "",
            "mark": self.store.get_state(STATE_MARK) or "",
        }

    def _note_position(self, answer: p.FeedPosition) -> None:
        if answer.instance_id:
            self.store.set_state(STATE_INSTANCE, answer.instance_id)
            self.store.set_state(STATE_MARK, answer.mark or None)

    @staticmethod
    def _moved(reply_error: p.ErrorDetail | None) -> ServerMoved | None:
        if reply_error is None:
            return None
        if reply_error.code == p.ERR_INSTANCE_CHANGED:
            return ServerMoved(
                RECONCILE_OTHER_INSTANCE,
                "this server is another database than the one this laptop synced with; "
                "sending what it does not hold",
            )
        if reply_error.code == p.ERR_SERVER_RESTORED:
            return ServerMoved(
                RECONCILE_RESTORED,
                "the server was restored from an older backup; sending again what it lost",
            )
        return None

    def _batch(self, candidates: list[Change], *, tail: bool = False) -> tuple[list[Change], bytes]:
        """The longest prefix whose gzip body stays near `batch_bytes` (always >= 1 change).
        `tail`: the candidates are all the push has left; over TAIL_CHANGES of them, the batch
        takes at most half (see TAIL_CHANGES)."""
        valid: list[Change] = []
        for change in candidates:
            try:
                _wire_change(change)
            except ValidationError as exc:
                # It could never be accepted: set it aside now rather than fail every batch.
                self._set_aside(change, f"invalid_change: {exc.errors()[0]['msg']}")
                continue
            valid.append(change)
        if not valid:
            return [], b""
        budget = self.batch_bytes * self._ratio
        size = 0
        count = 0
        for change in valid:
            size += len(json.dumps(change.payload, ensure_ascii=False)) + 300
            count += 1
            if size >= budget:
                break
        if tail and len(valid) > TAIL_CHANGES:
            count = min(count, (len(valid) + 1) // 2)
        batch = valid[:count]
        body = self._encode(batch)
        while len(body) > self.batch_bytes * 1.25 and len(batch) > 1:
            batch = batch[: max(1, int(len(batch) * self.batch_bytes / len(body)))]
            body = self._encode(batch)
        raw = sum(len(json.dumps(c.payload, ensure_ascii=False)) + 300 for c in batch)
        self._ratio = min(20.0, max(1.0, raw / max(1, len(body))))
        return batch, body

    def _post(self, http: Transport, body: bytes, *, compact: bool) -> Reply:
        headers = (
            {"Content-Type": p.COMPACT_CONTENT_TYPE}
            if compact
            else {"Content-Type": "application/json", "Content-Encoding": "gzip"}
        )
        return http.call(
            "POST",
            "/sync/push",
            p.PushResponse,
            body=body,
            headers=headers,
            error_statuses=frozenset({400, 409, 413, 415, 422}),
        )

    def _send_batch(
        self, http: Transport, batch: list[Change], body: bytes, *, renewed: bool = False
    ) -> None:
        if not batch:
            return
        compact = self._compact is not None
        reply = self._post(http, body, compact=compact)
        self._settle_batch(http, batch, reply, compact=compact, renewed=renewed)

    def _settle_batch(
        self,
        http: Transport,
        batch: list[Change],
        reply: Reply,
        *,
        compact: bool,
        renewed: bool = False,
    ) -> None:
        moved = self._moved(reply.error)
        if moved is not None:
            raise moved
        if reply.error is not None and compact and reply.error.code in COMPACT_REFUSALS:
            if self._compact is not None:
                self._log(f"compact encoding refused ({reply.error.code}): sending JSON instead")
                self._compact = None
                http.use_compact(None)
            self._send_batch(http, batch, self._encode(batch))
            return
        if reply.error is not None:
            # The whole batch was refused (too large, or one change the schema refuses):
            # split it until the culprit is alone, then set it aside; the rest goes on.
            if len(batch) == 1:
                self._set_aside(batch[0], refusal_reason(reply.error))
                return
            half = len(batch) // 2
            for part in (batch[:half], batch[half:]):
                self._send_batch(http, part, self._encode(part))
            return
        response: p.PushResponse = reply.body
        self._note_position(response)
        if [r.id for r in response.results] != [c.id for c in batch]:
            raise SyncError(
                SyncErrorCode.NOT_FIELDAPP,
                "The server's answer to a push does not match the changes sent; nothing was "
                "removed from the outbox. Is the server a matching FieldApp version?",
            )
        acks: list[AckResult] = []
        saved: list[str] = []  # surveys the server now holds
        reviewed: list[ServerItem] = []
        forked = False
        reused: list[Change] = []
        for change, result in zip(batch, response.results, strict=True):
            if result.status == p.REJECTED:
                error = result.error or p.ChangeError(code="rejected", message="refused")
                if error.code in TRANSIENT_REJECTIONS:
                    self.summary.left_pending += 1
                elif error.code == p.ERR_SUPERSEDED:
                    # The server holds a newer change of this survey from this device: this
                    # one is settled by it, not a refusal to show anyone.
                    acks.append(AckResult(change.id))
                elif error.code == p.ERR_DEVICE_FORKED:
                    forked = True  # kept pending: it goes through once enrolled anew
                    self.summary.left_pending += 1
                elif error.code == p.ERR_ID_REUSE and not renewed:
                    reused.append(change)
                else:
                    self._set_aside(change, refusal_reason(error))
                continue
            acks.append(_ack_of(result))
            if change.entity == p.ENTITY_SURVEY:
                saved.append(change.entity_id)
            if change.entity == p.ENTITY_REVIEW and result.survey is not None:
                reviewed.append(ServerItem("survey", result.survey.id, result.survey.model_dump()))
            self.summary.pushed += 1
            if result.status == p.MERGED:
                self.summary.merged += 1
            elif result.status == p.CONFLICT:
                self.summary.conflicts += len(result.conflicts)
            else:
                self.summary.applied += 1
        if acks:
            self.store.acknowledge(acks)
            # The server's clock says when it received them: that order decides "latest".
            self.store.mark_received(saved, response.server_time)
        if reviewed:
            # The server's head after our own review: applied as the pulled entry would be,
            # since a v2 pull does not send it back (server.feed.echo).
            self.store.apply_server_changes(reviewed)
        if forked:
            self.store.set_state(STATE_MUST_ENROLL, "device_forked")
            raise SyncError(SyncErrorCode.NOT_ENROLLED, COPIED_PROFILE)
        if reused:
            self._send_renewed(http, reused)

    def _send_renewed(self, http: Transport, reused: list[Change]) -> None:
        """The server holds other content under these ids: what this outbox holds under them
        was never applied, so it goes again at once under new ids (a change id always means
        one content), rather than being set aside while the server has the survey."""
        seqs = {c.seq for c in reused}
        for change in reused:
            self.store.renew_change_id(change.id)  # None: an acknowledgement above renewed it
        again = [
            c
            for c in self.store.changes_to_push(after_seq=min(seqs) - 1, limit=p.MAX_PUSH_CHANGES)
            if c.seq in seqs
        ]
        self._log(f"changes: {len(again)} sent again under new ids (the server knew their ids)")
        self._send_batch(http, again, self._encode(again), renewed=True)

    def _push_relayed(self, http: Transport) -> None:
        """Push the changes of imported bundles on behalf of the devices that made them (each
        signed by its device); their answers are kept for the bundle's receipt."""
        after = 0
        for _ in range(1_000_000):
            http.check_cancel()
            page = self.store.relay_to_push(after_seq=after, limit=100)
            if not page:
                break
            after = page[-1].seq
            wire: list[tuple[str, p.ChangeIn]] = []
            for r in page:
                try:
                    wire.append((r.change_id, p.ChangeIn(
                        id=r.change_id, entity=r.entity, entity_id=r.entity_id, op=r.op,
                        base_revision=r.base_revision, payload=r.payload,
                        created_at=r.created_at, device_seq=r.device_seq,
                        relay=p.RelayOrigin(device_id=r.origin_device, signature=r.signature),
                    )))  # fmt: skip
                except ValidationError as exc:
                    self.store.relay_settle(
                        r.change_id, {}, refused=f"invalid_change: {exc.errors()[0]['msg']}"
                    )
            self._send_relayed(http, [c for _, c in wire])
        if self.summary.relayed:
            self._log(f"relayed: {self.summary.relayed} changes from imported bundles")

    def _send_relayed(self, http: Transport, changes: list[p.ChangeIn]) -> None:
        if not changes:
            return
        request = p.PushRequest(changes=changes, **self._expected())
        body = gzip.compress(request.model_dump_json().encode(), mtime=0)
        reply = http.call(
            "POST", "/sync/push", p.PushResponse, body=body,
            headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
            error_statuses=frozenset({400, 409, 413, 422}),
        )  # fmt: skip
        moved = self._moved(reply.error)
        if moved is not None:
            raise moved
        if reply.error is not None:
            if len(changes) > 1:  # find the culprit, as for the own outbox
                half = len(changes) // 2
                self._send_relayed(http, changes[:half])
                self._send_relayed(http, changes[half:])
            else:
                reason = refusal_reason(reply.error)
                self.store.relay_settle(changes[0].id, {}, refused=reason)
            return
        response: p.PushResponse = reply.body
        self._note_position(response)
        if [r.id for r in response.results] != [c.id for c in changes]:
            raise SyncError(
                SyncErrorCode.NOT_FIELDAPP,
                "The server's answer to a relayed push does not match the changes sent.",
            )
        for result in response.results:
            if result.status == p.REJECTED:
                error = result.error or p.ChangeError(code="rejected", message="refused")
                if error.code not in TRANSIENT_REJECTIONS:
                    reason = refusal_reason(error)
                    self.store.relay_settle(result.id, result.model_dump(), refused=reason)
                continue
            self.store.relay_settle(result.id, result.model_dump())
            self.summary.relayed += 1

    def _set_aside(self, change: Change, reason: str) -> None:
        self.store.set_aside(change.id, reason)
        self.summary.set_aside += 1
        self._log(f"set aside {change.entity} {change.entity_id}: {reason}")

    # -- attachments ------------------------------------------------------------------------

    def _upload(self, http: Transport) -> None:
        uploads = self.store.pending_uploads()
        total = sum(size for _, size in uploads)
        done = 0
        self._progress(Phase.ATTACHMENTS, 0, total)
        for change, size in uploads:
            http.check_cancel()

            def report(sent: int, base: int = done) -> None:
                self._progress(Phase.ATTACHMENTS, base + sent, total)

            if self._upload_one(http, change, size, report):
                self.summary.attachments_uploaded += 1
            done += size
            self._progress(Phase.ATTACHMENTS, done, total)
        if uploads:
            self._log(
                f"attachments: {self.summary.attachments_uploaded} of {len(uploads)} uploaded "
                f"({self.summary.attachment_bytes} bytes sent)"
            )

    def _upload_one(
        self, http: Transport, change: Change, size: int, report: Callable[[int], None]
    ) -> bool:
        sha = change.entity_id
        path = self.store.attachment_path(sha)
        try:
            data = self.store.read_attachment(sha)
        except OSError as exc:
            self._set_aside(change, f"missing_file: {path} cannot be read ({exc.strerror})")
            return False
        except StoreError as exc:
            self._set_aside(change, f"corrupt_file: {exc}")
            return False
        if hashlib.sha256(data).hexdigest() != sha:
            self._set_aside(change, f"corrupt_file: {path} no longer matches its SHA-256")
            return False
        key = UPLOAD_PREFIX + sha
        offset = 0
        if self.store.get_state(key) is not None:
            # An earlier try was cut: ask how much arrived rather than re-send a chunk.
            reply = http.call(
                "GET", f"/attachments/{sha}", p.AttachmentStatus, error_statuses=frozenset({404})
            )
            if reply.error is None:
                status: p.AttachmentStatus = reply.body
                if status.complete:
                    return self._uploaded(change, key)
                offset = status.received
        restarts = 0
        max_rounds = 2 * (len(data) // self.chunk_bytes + 2) + 20
        for _ in range(max_rounds):
            http.check_cancel()
            chunk = data[offset : offset + self.chunk_bytes]
            started = time.monotonic()
            reply = http.call(
                "PUT",
                f"/attachments/{sha}",
                p.AttachmentStatus,
                params={"offset": offset, "size": len(data)},
                body=chunk,
                headers={"Content-Type": "application/octet-stream"},
                error_statuses=frozenset({400, 409, 413, 422}),
            )
            if reply.error is None:
                status = reply.body
                self.summary.attachment_bytes += len(chunk)
                self._adapt_chunk(len(chunk), time.monotonic() - started)
                if status.complete:
                    return self._uploaded(change, key)
                offset = status.received
                self.store.set_state(key, str(offset))
                report(offset)
                continue
            code = reply.error.code
            if reply.status == 409 and code == p.ERR_OFFSET_MISMATCH:
                offset = int(reply.raw.get("received") or 0)  # resume where the server is
                continue
            if code == p.ERR_HASH_MISMATCH and restarts == 0:
                restarts += 1
                offset = 0
                continue
            self._set_aside(change, f"{code}: {reply.error.message}")
            return False
        raise SyncError(
            SyncErrorCode.SERVER_ERROR,
            f"The upload of {sha[:12]}… made no progress; try again later.",
        )

    def _adapt_chunk(self, sent: int, seconds: float) -> None:
        """Size the next chunk to take about CHUNK_SECONDS at the rate just seen: on a fast
        link a photo goes in one request, on EDGE a cut loses only a few seconds."""
        if sent < self.chunk_bytes or seconds <= 0:
            return  # the last piece of a file says little about the link
        target = int(sent / seconds * CHUNK_SECONDS)
        self.chunk_bytes = max(MIN_CHUNK_BYTES, min(self.max_chunk_bytes, target))

    def _uploaded(self, change: Change, key: str) -> bool:
        self.store.acknowledge([AckResult(change.id)])
        self.store.set_state(key, None)
        return True

    # -- pull -------------------------------------------------------------------------------

    def _pull(self, http: Transport) -> None:
        cursor = self.store.get_state(STATE_CURSOR) or ""
        self._progress(Phase.PULL, 0, None)
        for _ in range(MAX_PULL_PAGES):
            http.check_cancel()
            params: dict[str, str | int] = {"cursor": cursor, "limit": self.pull_limit}
            if self.summary.cursor_resets:
                params["full"] = 1  # a re-pull from scratch takes our own entries too
            reply = http.call(
                "GET",
                "/sync/pull",
                p.PullResponse,
                params={**params, **self._expected()},
                error_statuses=frozenset({409, 410}),
            )
            moved = self._moved(reply.error)
            if moved is not None:
                raise moved
            if (
                reply.error is not None
                and reply.error.code == p.ERR_CURSOR_RESET
                and self.store.get_state(STATE_INSTANCE)
            ):
                # A v2 server that no longer knows our cursor: restored from a backup (it may
                # have lost what it acknowledged) or pruned; comparing holdings costs little.
                raise ServerMoved(
                    RECONCILE_RESTORED,
                    f"the server no longer knows this laptop's place in its feed "
                    f"({reply.error.message}); comparing what it holds",
                )
            if reply.error is not None:
                if reply.error.code != p.ERR_CURSOR_RESET or self.summary.cursor_resets:
                    raise SyncError(
                        SyncErrorCode.REFUSED,
                        f"The server refused the pull ({reply.error.code}): {reply.error.message}",
                    )
                # The server no longer knows our cursor (restored or replaced database): pull
                # everything again; applying is idempotent and local edits are kept.
                self.summary.cursor_resets += 1
                self._log("pull: the server asked for a full re-pull")
                cursor = ""
                self.store.set_state(STATE_CURSOR, None)
                continue
            page: p.PullResponse = reply.body
            items: list[ServerItem] = []
            refused: list[tuple[str, str, str]] = []
            for item in page.items:
                checked = self._checked(item)
                if isinstance(checked, str):
                    refused.append((item.kind, item.id, checked))
                else:
                    items.append(checked)
            report = self.store.apply_server_changes(items, cursor=page.cursor, refused=refused)
            for kind, item_id, reason in report.set_aside:
                self.summary.pulled_set_aside += 1
                self._log(f"pull: set aside {kind} {item_id!a}: {reason}")
            self.summary.conflicts_closed += report.conflicts_closed
            self._note_position(page)
            cursor = page.cursor
            self.summary.pulled += len(items)
            self._progress(Phase.PULL, self.summary.pulled, None)
            if not page.has_more:
                break
        if self.summary.pulled:
            self._log(f"pull: {self.summary.pulled} changes received")
        if self.summary.conflicts_closed:
            self._log(
                f"pull: {self.summary.conflicts_closed} conflicts were decided on another device"
            )

    # -- a rebuilt or restored server ---------------------------------------------------------

    def _reconcile(self, http: Transport) -> None:
        """Ask the server which acknowledged changes it no longer holds and queue the latest
        snapshot of each lost survey, review and assignment again (new change ids, same ids),
        then pull from the start. Idempotent: a crash before the flag is cleared runs it again,
        and the server settles a snapshot it already holds without a new revision."""
        why = self.store.get_state(STATE_RECONCILE) or RECONCILE_RESTORED
        self.summary.server_change = why
        held = self.store.holdings()
        changes = self.store.acknowledged_changes()
        uploaded = self.store.uploaded_attachments()
        lost_surveys: list[p.LostSurvey] = []
        lost_changes: list[str] = []
        lost_files: list[str] = []
        answer: p.HoldingsResponse | None = None
        for start in range(0, max(len(held), len(changes), len(uploaded), 1), HOLDINGS_PAGE):
            http.check_cancel()
            request = p.HoldingsRequest(
                surveys=[
                    p.HeldSurvey(
                        id=h.survey_id, revision=h.revision, changes=h.changes, digests=h.digests
                    )
                    for h in held[start : start + HOLDINGS_PAGE]
                ],
                changes=changes[start : start + HOLDINGS_PAGE],
                attachments=uploaded[start : start + HOLDINGS_PAGE],
            )
            body = gzip.compress(request.model_dump_json().encode(), mtime=0)
            reply = http.call(
                "POST", "/sync/holdings", p.HoldingsResponse, body=body,
                headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
                error_statuses=frozenset({400, 404, 422}),
            )  # fmt: skip
            if reply.error is not None:
                raise SyncError(
                    SyncErrorCode.REFUSED,
                    f"The server cannot say what it holds ({reply.error.code}): "
                    f"{reply.error.message}",
                )
            answer = reply.body
            lost_surveys.extend(answer.surveys)
            lost_changes.extend(answer.changes)
            lost_files.extend(answer.attachments)
        # Answers are the agents' to send (a coordinator's copy of a survey is what it pulled,
        # and the server refuses answers from it): a coordinator re-sends its reviews and
        # assignments, and takes the surveys again as their agents re-send them.
        agent = self.store.get_state(STATE_ROLE) == "agent"
        report = self.store.resend_lost(
            [(s.id, s.base, s.resend and agent) for s in lost_surveys],
            lost_changes,
            why,
            lost_files,
        )
        self.summary.resent += report.total
        if self.store.get_state(STATE_CURSOR):
            self.summary.cursor_resets += 1
            self.store.set_state(STATE_CURSOR, None)
        if answer is not None:
            self._note_position(answer)
        self.store.set_state(STATE_RECONCILE, None)
        what = "another server database" if why == RECONCILE_OTHER_INSTANCE else "restored"
        self._log(
            f"server {what}: {report.surveys} surveys, {report.reviews} reviews and "
            f"{report.assignments} assignments and {report.attachments} attachments it did not "
            "hold sent again"
            + (f"; {report.retaken} surveys to take again" if report.retaken else "")
            + (f"; {report.released} set-aside changes retried" if report.released else "")
        )

    def _note_clock(self, http: Transport) -> None:
        if http.clock_offset is None:
            return
        ahead = round(-http.clock_offset)
        self.summary.clock_offset_s = ahead
        if abs(ahead) > CLOCK_SKEW_WARN_S:
            way = "ahead of" if ahead > 0 else "behind"
            self._log(
                f"clock: this laptop's clock is {abs(ahead) // 60} min {way} the server's; set "
                "its date and time (dates typed today are judged by the server's)"
            )

    def _checked(self, item: p.FeedItem) -> ServerItem | str:
        """The item to apply, or why it is set aside (one bad item never stops a pull)."""
        model = DATA_MODELS[item.kind]
        problem = inbound.item_problem(item.kind, item.data)
        if problem:
            return problem
        try:
            data = model.model_validate(item.data).model_dump()
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(x) for x in first["loc"])
            return f"invalid_item: {where}: {first['msg']}"
        return ServerItem(item.kind, item.id, data)
