"""Automatic sync: notice when the server becomes reachable, and sync in the background.

While offline, a cheap probe (`GET /api/v1/ping`, whose answer must parse as the protocol's
Ping, so that a captive portal's page does not count) runs on the worker pool, again and again
with exponential backoff and full jitter (`sync.schedule.ProbeBackoff`). Qt's network
information (the OS saying a network came or went) is only a hint: it makes the next probe
come sooner, or marks the app offline at once; it is absent from some builds and platforms.

Once online it syncs: when the server has just become reachable, after local changes have
accumulated (a pause after the last save, or many changes at once), and periodically. The
`SyncController` never runs two syncs at once. Turned off in the settings, it still probes to
show whether the server is reachable, but starts nothing by itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from sync.client import probe
from sync.errors import SyncErrorCode
from sync.schedule import ProbeBackoff
from ui.syncing import OFFLINE_CODES, SyncController
from ui.tasks import Tasks

log = logging.getLogger(__name__)

# (server URL, CA bundle) of the enrolled server, or (None, None).
ServerInfo = Callable[[], tuple[str | None, str | None]]


def _network_information() -> object | None:
    """Qt's reachability reporter, when this Qt build and platform have one."""
    try:
        from PySide6.QtNetwork import QNetworkInformation
    except ImportError:  # a bundle without QtNetwork: probing alone still works
        return None
    try:
        if not QNetworkInformation.loadBackendByFeatures(QNetworkInformation.Feature.Reachability):
            return None
    except Exception:  # a backend that fails to load is only a missing hint
        log.info("no network information backend", exc_info=True)
        return None
    return QNetworkInformation.instance()


class AutoSync(QObject):
    """Drives connectivity ('not_enrolled', 'offline', 'online', 'syncing', 'error') and
    starts automatic runs on a `SyncController`."""

    connectivity_changed = Signal(str)
    next_try = Signal(float)  # seconds until the next probe of an unreachable server

    def __init__(
        self,
        controller: SyncController,
        tasks: Tasks,
        server: ServerInfo,
        *,
        enabled: bool = True,
        backoff: ProbeBackoff | None = None,
        probe_timeout_s: float = 8.0,
        periodic_s: float = 15 * 60.0,
        changes_delay_s: float = 120.0,
        changes_threshold: int = 50,
        network_information: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.tasks = tasks
        self.server = server
        self.enabled = enabled
        self.backoff = backoff or ProbeBackoff()
        self.probe_timeout_s = probe_timeout_s
        self.changes_threshold = changes_threshold
        self.state = "offline"
        self.probes = 0
        self._probing = False
        self._stopped = False
        self._probe_timer = self._timer(self.probe_now)
        self._periodic = self._timer(lambda: self._sync_if_online("periodic"))
        self._periodic.setInterval(int(periodic_s * 1000))
        self._changes = self._timer(lambda: self._sync_if_online("changes"))
        self._changes.setInterval(int(changes_delay_s * 1000))
        controller.started.connect(self._run_started)
        controller.finished.connect(self._run_finished)
        self.network = _network_information() if network_information else None
        if self.network is not None:
            self.network.reachabilityChanged.connect(self._network_changed)  # type: ignore[attr-defined]

    def _timer(self, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        return timer

    # -- state --------------------------------------------------------------------------------

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.connectivity_changed.emit(state)

    def start(self) -> None:
        """Begin watching (the window is shown, or the profile was just enrolled)."""
        self._stopped = False
        url, _ca = self.server()
        if not url:
            self._set_state("not_enrolled")
            return
        if self.state == "not_enrolled":
            self._set_state("offline")
        self.backoff.succeeded()
        self._schedule_probe(0.0)

    def stop(self) -> None:
        self._stopped = True
        for timer in (self._probe_timer, self._periodic, self._changes):
            timer.stop()

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        if enabled and self.state == "online":
            self._sync_if_online("auto")

    # -- probing ------------------------------------------------------------------------------

    def _schedule_probe(self, seconds: float) -> None:
        if self._stopped:
            return
        self._probe_timer.start(max(0, int(seconds * 1000)))

    def probe_now(self) -> None:
        if self._stopped or self._probing or self.controller.running:
            return
        url, ca_bundle = self.server()
        if not url:
            self._set_state("not_enrolled")
            return
        self._probing = True
        self.probes += 1
        timeout = self.probe_timeout_s
        self.tasks.run(
            lambda: probe(url, ca_bundle=ca_bundle, timeout=timeout),
            success=self._probed,
            failure=lambda _exc: self._probed(False),
        )

    def _probed(self, reachable: bool) -> None:
        self._probing = False
        if self._stopped or self.controller.running:
            return
        if not reachable:
            self._retry_later()
            return
        if self.state == "error":
            # Reachable, but the last run failed for a reason a probe cannot see (a revoked
            # token, a refused request): the periodic run tries again, no faster.
            if not self._periodic.isActive():
                self._periodic.start()
            return
        came_back = self.state != "online"
        self.backoff.succeeded()
        self._set_state("online")
        if came_back:
            self._sync_if_online("reachable")
        elif not self._periodic.isActive():
            self._periodic.start()

    def _retry_later(self) -> None:
        """The server did not answer (a probe, or a run): offline, and say when it is tried
        again, in the status bar and the Sync panel."""
        self._set_state("offline")
        wait = self.backoff.failed()
        log.info("server not reachable; next probe in %.1f s", wait)
        self._schedule_probe(wait)
        self.next_try.emit(wait)
        self.controller.announce_next_try(wait)

    def _network_changed(self, reachability: object) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Disconnected:
            if not self.controller.running and self.state == "online":
                self._set_state("offline")
            self._schedule_probe(self.backoff.failed())
            return
        if self.state != "online":
            self._schedule_probe(self.backoff.network_changed())

    # -- syncing ------------------------------------------------------------------------------

    def local_changed(self, outbox: int) -> None:
        """A save added to the outbox: sync after a pause, or now when many are waiting."""
        if outbox >= self.changes_threshold:
            self._sync_if_online("changes")
        else:
            self._changes.start()

    def _sync_if_online(self, reason: str) -> None:
        if self._stopped or not self.enabled or self.state not in ("online", "error"):
            return
        self.controller.start(reason)

    def _run_started(self, _reason: str) -> None:
        self._probe_timer.stop()
        self._changes.stop()
        self._set_state("syncing")

    def _run_finished(self) -> None:
        summary = self.controller.summary
        error = summary.error if summary is not None else None
        code = error["code"] if error else ""
        if code in OFFLINE_CODES:
            self._retry_later()
            return
        if code == SyncErrorCode.NOT_ENROLLED:
            self._set_state("not_enrolled")
            return
        if code and code != SyncErrorCode.CANCELLED:
            self._set_state("error")
            if not self._stopped:
                self._periodic.start()
            return
        self._set_state("online")
        if not self._stopped:
            self._periodic.start()
