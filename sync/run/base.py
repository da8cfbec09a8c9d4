"""What every part of a sync run shares: its settings, its summary, its reports, and what the
device asserts about the server (its instance and newest feed mark)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from fieldapp.domain import Change
from fieldapp.store import Store
from sync import protocol as p
from sync.compact import Compact
from sync.state import (
    RECONCILE_OTHER_INSTANCE,
    RECONCILE_RESTORED,
    STATE_INSTANCE,
    STATE_MARK,
)
from sync.transport import CancelToken, RetryPolicy, Transport

BATCH_BYTES = 128 * 1024  # compressed bytes per push request: ~5 s on EDGE's uplink; two in flight
CHUNK_BYTES = 256 * 1024  # first attachment PUT; then sized to take CHUNK_SECONDS
MAX_CHUNK_BYTES = 4 * 1024 * 1024  # the server takes up to 8 MB per PUT


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


class ServerMoved(Exception):
    """The server is another database, or forgot what it acknowledged (a restore): the run
    compares holdings and sends again what is missing (`SyncRun._reconcile`)."""

    def __init__(self, why: str, message: str) -> None:
        super().__init__(message)
        self.why = why


class RunBase:
    """One sync run over one profile's store: settings, summary, reports (see SyncRun)."""

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

    # -- what the device asserts about the server --------------------------------------------

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

    def _set_aside(self, change: Change, reason: str) -> None:
        self.store.set_aside(change.id, reason)
        self.summary.set_aside += 1
        self._log(f"set aside {change.entity} {change.entity_id}: {reason}")
