"""Pushing the own outbox: batches sized by their compressed bytes, two in flight, each answer
settled in outbox order (acknowledged, merged, in conflict, set aside, or sent again)."""

from __future__ import annotations

import gzip
import json
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from pydantic import ValidationError

from fieldapp.domain import Change
from fieldapp.store import AckResult
from fieldapp.store.store import ServerItem
from sync import protocol as p
from sync.compact import Compact, dictionary_name, form_dictionary
from sync.errors import SyncError, SyncErrorCode
from sync.refusal import refusal_reason
from sync.run.base import Phase, RunBase
from sync.state import COPIED_PROFILE, STATE_MUST_ENROLL, STATE_SERVER_PROTOCOL
from sync.transport import Reply, Transport

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


def ack_of(result: p.ChangeResult) -> AckResult:
    """What the store settles for a server's answer (a pushed one, or a receipt's: sync.bundle)."""
    survey = result.survey
    return AckResult(
        change_id=result.id,
        revision=result.revision,
        answers=dict(survey.answers) if survey is not None else None,
        status=survey.status if survey is not None else None,
        conflicts=[c.model_dump() for c in result.conflicts],
        form_version=survey.form_version if survey is not None else None,
    )


def wire_change(change: Change) -> p.ChangeIn:
    """An outbox change as it travels."""
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


class Pushing(RunBase):
    """The own outbox, pushed and settled."""

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
        items = ",".join(wire_change(c).model_dump_json() for c in changes)
        expected = json.dumps(self._expected())[1:-1]
        document = f'{{"changes":[{items}],{expected}}}'.encode()
        if self._compact is not None:
            return self._compact.compress(document)
        return gzip.compress(document, compresslevel=6, mtime=0)

    def _batch(self, candidates: list[Change], *, tail: bool = False) -> tuple[list[Change], bytes]:
        """The longest prefix whose gzip body stays near `batch_bytes` (always >= 1 change).
        `tail`: the candidates are all the push has left; over TAIL_CHANGES of them, the batch
        takes at most half (see TAIL_CHANGES)."""
        valid: list[Change] = []
        for change in candidates:
            try:
                wire_change(change)
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
            acks.append(ack_of(result))
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
