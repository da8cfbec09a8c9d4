"""Pulling the change feed page by page, each page applied with its cursor; one bad item is
set aside with its reason, never stops the pull."""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from fieldapp.store import StoreError
from fieldapp.store.store import ServerItem
from sync import inbound
from sync import protocol as p
from sync.errors import SyncError, SyncErrorCode
from sync.run.base import Phase, RunBase, ServerMoved
from sync.state import RECONCILE_RESTORED, STATE_CURSOR, STATE_INSTANCE
from sync.transport import Transport

MAX_PULL_PAGES = 100_000
DATA_MODELS: dict[str, type[BaseModel]] = {
    "establishment": p.EstablishmentData,
    "survey": p.SurveyState,
    "form": p.FormData,
    "review": p.ReviewData,
    "conflict": p.ConflictData,
}


class Pulling(RunBase):
    """The server's change feed, applied page by page."""

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
                elif checked is not None:
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

    def _checked(self, item: p.FeedItem) -> ServerItem | str | None:
        """The item to apply, or why it is set aside (one bad item never stops a pull), or
        None for a bad survey revision older than the one this laptop holds (a re-pull from
        the start brings every revision: one corrected since is nothing to set aside)."""
        model = DATA_MODELS[item.kind]
        problem = inbound.item_problem(item.kind, item.data)
        if problem and item.kind == "survey" and self._holds_newer(item):
            return None
        if problem:
            return problem
        try:
            data = model.model_validate(item.data).model_dump()
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(x) for x in first["loc"])
            return f"invalid_item: {where}: {first['msg']}"
        return ServerItem(item.kind, item.id, data)

    def _holds_newer(self, item: p.FeedItem) -> bool:
        revision = item.data.get("revision")
        if not isinstance(revision, int) or isinstance(revision, bool):
            return False
        try:
            return self.store.get_survey(item.id).base_revision >= revision
        except StoreError:
            return False
