"""The sync client: enrollment, and one sync run (push the outbox, upload attachments, pull).

No Qt here. A run reports through plain callbacks and stops when the CancelToken it was handed
is cancelled (Orange's TaskState idea); `ui/` wraps it in a worker and re-emits the callbacks as
signals. A run can be cut at any byte: acknowledged changes are gone from the outbox, each
pulled page is applied together with its cursor, and an upload resumes at the server's offset.

`SyncRun` is put together here from one module per concern (`sync.run`: push, relay, upload,
pull, reconcile). This module is what the rest of the project imports; it also names the state
keys (sync.state), enrollment (sync.enrollment) and the refusal reasons (sync.refusal).
"""

from __future__ import annotations

import contextlib
import time
import traceback

from fieldapp.store import StoreError
from fieldapp.store.errors import DB_ERRORS
from sync.clock import remember_offset
from sync.credentials import TokenStore
from sync.enrollment import Enrollment, check_not_copied, enroll, probe
from sync.errors import SyncError, SyncErrorCode
from sync.refusal import parse_refusal, question_of, refusal_reason
from sync.run.base import Phase, Progress, ServerMoved, SyncSummary
from sync.run.pull import Pulling
from sync.run.push import Pushing, ack_of, wire_change
from sync.run.reconcile import Reconciling
from sync.run.relay import Relaying
from sync.run.upload import Uploading
from sync.state import (
    CLOCK_SKEW_WARN_S,
    STATE_CA_BUNDLE,
    STATE_CURSOR,
    STATE_DEVICE,
    STATE_FINGERPRINT,
    STATE_LAST_SYNC,
    STATE_MUST_ENROLL,
    STATE_RECONCILE,
    STATE_REGIONS,
    STATE_ROLE,
    STATE_SERVER,
    STATE_SERVER_KEY,
    STATE_SERVER_PROTOCOL,
    STATE_USERNAME,
    UPLOAD_PREFIX,
)
from sync.transport import Transport

__all__ = [
    "CLOCK_SKEW_WARN_S",
    "STATE_CA_BUNDLE",
    "STATE_CURSOR",
    "STATE_DEVICE",
    "STATE_FINGERPRINT",
    "STATE_LAST_SYNC",
    "STATE_MUST_ENROLL",
    "STATE_RECONCILE",
    "STATE_REGIONS",
    "STATE_ROLE",
    "STATE_SERVER",
    "STATE_SERVER_KEY",
    "STATE_SERVER_PROTOCOL",
    "STATE_USERNAME",
    "UPLOAD_PREFIX",
    "Enrollment",
    "Phase",
    "Progress",
    "SyncRun",
    "SyncSummary",
    "ack_of",
    "check_not_copied",
    "enroll",
    "parse_refusal",
    "probe",
    "question_of",
    "refusal_reason",
    "wire_change",
]


class SyncRun(Pushing, Relaying, Uploading, Pulling, Reconciling):
    """One sync run over one profile's store. Use once: `SyncRun(store, ...).run()`.

    Callbacks are called on the thread that runs it; keep them quick and thread-safe (the UI
    re-emits them as Qt signals)."""

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
                    self._acknowledge_relayed_files(http)
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

    def _note_clock(self, http: Transport) -> None:
        if http.clock_offset is None:
            return
        ahead = round(-http.clock_offset)
        self.summary.clock_offset_s = ahead
        server_now = time.gmtime(time.time() + http.clock_offset)
        with contextlib.suppress(StoreError, *DB_ERRORS):  # the run's own error is reported
            remember_offset(self.store, ahead, time.strftime("%Y-%m-%dT%H:%M:%SZ", server_now))
        if abs(ahead) > CLOCK_SKEW_WARN_S:
            way = "ahead of" if ahead > 0 else "behind"
            self._log(
                f"clock: this laptop's clock is {abs(ahead) // 60} min {way} the server's; set "
                "its date and time (dates typed today are judged by the server's)"
            )
