"""Relaying: the changes of imported bundles pushed on behalf of the devices that signed them;
their answers are kept for the bundle's receipt (sync.bundle)."""

from __future__ import annotations

import gzip

from pydantic import ValidationError

from sync import protocol as p
from sync.errors import SyncError, SyncErrorCode
from sync.refusal import refusal_reason
from sync.run.base import RunBase
from sync.run.push import TRANSIENT_REJECTIONS
from sync.transport import Reply, Transport


class Relaying(RunBase):
    """Imported bundles' changes, relayed as their devices."""

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
                        relay=p.RelayOrigin(
                            device_id=r.origin_device, signature=r.signature,
                            establishment_code=r.establishment_code,
                            code_signature=r.code_signature,
                        ),
                    )))  # fmt: skip
                except ValidationError as exc:
                    self.store.relay_settle(
                        r.change_id, {}, refused=f"invalid_change: {exc.errors()[0]['msg']}"
                    )
            self._send_relayed(http, [c for _, c in wire])
        if self.summary.relayed:
            self._log(f"relayed: {self.summary.relayed} changes from imported bundles")

    def _post_relayed(self, http: Transport, changes: list[p.ChangeIn]) -> Reply:
        """One push of relayed changes (gzip JSON: a relay is not the device's own encoding);
        a server that is another database or was restored raises ServerMoved."""
        request = p.PushRequest(changes=changes, **self._expected())
        reply = http.call(
            "POST", "/sync/push", p.PushResponse,
            body=gzip.compress(request.model_dump_json().encode(), mtime=0),
            headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
            error_statuses=frozenset({400, 409, 413, 422}),
        )  # fmt: skip
        moved = self._moved(reply.error)
        if moved is not None:
            raise moved
        return reply

    def _send_relayed(self, http: Transport, changes: list[p.ChangeIn]) -> None:
        if not changes:
            return
        reply = self._post_relayed(http, changes)
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

    def _acknowledge_relayed_files(self, http: Transport) -> None:
        """Ask the server's receipt for the files of imported bundles this device uploaded
        (each signed by its device): the bundle's receipt then clears them on the agent's
        laptop, whose next direct sync uploads none of them again. A file the server does not
        hold yet stays pending; an older server that knows no such change (`unknown_entity`)
        gets the old behaviour: acknowledged without a receipt."""
        done: set[str] = set()
        for _ in range(1_000_000):
            http.check_cancel()
            page = [
                r for r in self.store.relay_files_to_acknowledge(limit=100)
                if r.change_id not in done
            ]  # fmt: skip
            if not page:
                break
            done.update(r.change_id for r in page)
            wire = []
            for r in page:
                try:
                    wire.append(p.ChangeIn(
                        id=r.change_id, entity=p.ENTITY_ATTACHMENT, entity_id=r.entity_id,
                        op=p.OP_UPLOAD, payload=r.payload,
                        relay=p.RelayOrigin(device_id=r.origin_device, signature=r.signature),
                    ))  # fmt: skip
                except ValidationError:
                    continue  # a damaged row: the file stays queued on the agent's laptop
            if not wire:
                continue
            reply = self._post_relayed(http, wire)
            if reply.error is not None:
                self._log(f"relayed files: no receipt ({reply.error.code})")
                return
            response: p.PushResponse = reply.body
            self._note_position(response)
            acknowledged = 0
            for result in response.results:
                if result.id not in done:
                    continue  # not one we asked about: trust nothing else in the answer
                if result.status == p.APPLIED and result.receipt:
                    self.store.relay_settle(result.id, result.model_dump())
                    acknowledged += 1
                elif result.error is not None and result.error.code == "unknown_entity":
                    self.store.relay_settle(result.id, {})
            self._log(f"relayed files: {acknowledged} of {len(wire)} acknowledged by the server")
