"""Uploading attachments: content-addressed, in chunks sized to the link, resumed at the
server's offset after a cut."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from fieldapp.domain import Change
from fieldapp.store import AckResult, StoreError
from sync import protocol as p
from sync.errors import SyncError, SyncErrorCode
from sync.run.base import Phase, RunBase
from sync.state import UPLOAD_PREFIX
from sync.transport import Transport

CHUNK_SECONDS = 8.0  # what a cut may cost: long enough that round trips stay a small share
MIN_CHUNK_BYTES = 64 * 1024


class Uploading(RunBase):
    """Attachments the outbox names, uploaded resumably."""

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
