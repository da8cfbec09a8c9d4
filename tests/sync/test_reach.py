"""A run says an unreachable server in seconds: a ping goes alongside its first request and,
unanswered, stops the run as unreachable (refused port, silent address) instead of minutes of
retries; a slow but working link (3G's 300 ms, EDGE's 840 ms round trips) still syncs with the
app's own timeouts. Real sockets, the real server, the link emulator; no mock."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator

import pytest

from bench._syncserver import SyncServer
from bench.linkem import LinkEmulator
from fieldapp.store import Store
from sync import protocol as p
from sync.client import STATE_SERVER, SyncRun
from sync.errors import NetworkFailure, SyncError, SyncErrorCode
from sync.transport import RetryPolicy, Transport
from tests.sync.conftest import FORM_ID, Device, answers

__all__ = ["make_device", "sync_server", "unique"]
from tests.sync.conftest import make_device, sync_server, unique


def closed_port() -> int:
    """A port nothing listens on: the machine answers with a refusal."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def silent_address() -> Iterator[str]:
    """A listening socket that never accepts nor answers: connections are made by the kernel,
    then nothing ever comes back (a server hung, a firewall swallowing the answers)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_a_push_to_a_closed_port_stops_as_refused_without_the_retries() -> None:
    # The app's own policy: 8 attempts with backoff used to take ~35 s to say it.
    with pytest.raises(SyncError) as caught, Transport(f"http://127.0.0.1:{closed_port()}") as http:
        http.watch_reach()
        http.call("POST", "/sync/push", p.PushResponse, body=b"{}")
    assert caught.value.code == SyncErrorCode.UNREACHABLE
    assert caught.value.detail == NetworkFailure.REFUSED
    # Stopped by the pings' verdict, before the push spent its 8 attempts.
    assert http.traffic.requests < RetryPolicy().attempts + RetryPolicy().reach_attempts


def test_a_silent_address_stops_the_request_in_flight_as_no_answer(silent_address) -> None:
    policy = RetryPolicy()  # read timeout 60 s, 8 attempts: minutes before
    with pytest.raises(SyncError) as caught, Transport(silent_address, policy=policy) as http:
        http.watch_reach()
        http.call("POST", "/sync/push", p.PushResponse, body=b"{}")
    assert caught.value.code == SyncErrorCode.UNREACHABLE
    assert caught.value.detail == NetworkFailure.TIMEOUT
    assert http.traffic.requests == 2  # one ping, one push: the push was cut, not retried


def test_a_run_against_a_dead_server_keeps_everything_and_says_why(
    make_device: Callable[..., Device], silent_address: str
) -> None:
    device = make_device(establishments=1)
    assert SyncRun(device.store).run().ok  # the establishments and the form come down
    device.store.start_survey(device.establishments[0], FORM_ID, "1", answers=answers())
    outbox = device.store.outbox_count()
    for url, why in (
        (f"http://127.0.0.1:{closed_port()}", NetworkFailure.REFUSED),
        (silent_address, NetworkFailure.TIMEOUT),
    ):
        device.store.set_state(STATE_SERVER, url)
        summary = SyncRun(device.store).run()  # the app's default policy
        assert summary.error is not None
        assert (summary.error["code"], summary.error["detail"]) == (SyncErrorCode.UNREACHABLE, why)
        assert device.store.outbox_count() == outbox


@pytest.mark.parametrize("profile", ["3g", "edge"])
def test_a_slow_but_working_link_still_syncs_with_the_default_timeouts(
    make_device: Callable[..., Device], sync_server: SyncServer, profile: str
) -> None:
    with LinkEmulator(sync_server.port, profile=profile) as link:
        device = make_device(establishments=2, url=f"http://127.0.0.1:{link.port}")
        assert SyncRun(device.store).run().ok
        for establishment in device.establishments:
            device.store.start_survey(establishment, FORM_ID, "1", answers=answers())
        summary = SyncRun(device.store).run()
    assert summary.ok, summary.error
    assert summary.pushed == 2
    # The ping went alongside, it did not make a round trip of its own.
    assert summary.requests == 1 + 1 + 1  # ping, push, one pull page


def test_a_fresh_store_never_pinged_when_not_enrolled(tmp_path) -> None:
    with Store.open(tmp_path / "p") as store:
        summary = SyncRun(store).run()
    assert summary.error is not None and summary.error["code"] == SyncErrorCode.NOT_ENROLLED
    assert summary.requests == 0
