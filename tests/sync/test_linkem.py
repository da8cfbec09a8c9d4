"""The link emulator itself: delay, bandwidth and each fault, over real sockets."""

from __future__ import annotations

import time

import pytest
import requests

from bench._syncserver import SyncServer
from bench.linkem import Faults, LinkEmulator, Profile


def test_delay_and_bandwidth_are_applied(sync_server: SyncServer) -> None:
    profile = Profile("test", rtt_ms=200, down_kbps=800, up_kbps=400)
    with LinkEmulator(sync_server.port, profile=profile) as link, requests.Session() as s:
        url = f"http://127.0.0.1:{link.port}/api/v1/ping"
        s.get(url, timeout=10)  # connection set up
        started = time.monotonic()
        s.get(url, timeout=10)
        rtt = time.monotonic() - started
        assert 0.19 < rtt < 0.6
        body = b"x" * 50_000  # 50 kB at 400 kbit/s: 1 s up, then a 413/404/405 answer
        started = time.monotonic()
        s.post(url, data=body, timeout=10)
        assert 1.0 < time.monotonic() - started < 2.5
        assert link.stats.bytes_up > 50_000


def test_captive_portal_answers_html(sync_server: SyncServer) -> None:
    with LinkEmulator(sync_server.port) as link:
        link.inject("captive")
        r = requests.get(f"http://127.0.0.1:{link.port}/api/v1/ping", timeout=10)
        assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
        assert requests.get(f"http://127.0.0.1:{link.port}/api/v1/ping", timeout=10).json()
        assert link.stats.captive == 1


def test_response_dropped_after_the_server_answered(sync_server: SyncServer) -> None:
    with LinkEmulator(sync_server.port) as link:
        link.inject("drop_response", path="/api/v1/ping")
        with pytest.raises(requests.exceptions.ConnectionError):
            requests.get(f"http://127.0.0.1:{link.port}/api/v1/ping", timeout=10)
        assert link.stats.dropped_responses == 1


def test_reset_and_stall_at_a_byte(sync_server: SyncServer) -> None:
    with LinkEmulator(sync_server.port, faults=Faults(max_fault_byte=10)) as link:
        link.inject("reset")
        with pytest.raises(requests.exceptions.ConnectionError):
            requests.get(f"http://127.0.0.1:{link.port}/api/v1/ping", timeout=10)
        link.inject("stall")
        with pytest.raises(requests.exceptions.ReadTimeout):
            requests.get(f"http://127.0.0.1:{link.port}/api/v1/ping", timeout=(2, 0.5))
        assert link.stats.resets == 1 and link.stats.stalls == 1
        assert requests.get(f"http://127.0.0.1:{link.port}/api/v1/ping", timeout=10).ok


def test_duplicated_request_reaches_the_server_twice(sync_server: SyncServer) -> None:
    with LinkEmulator(sync_server.port) as link:
        link.inject("duplicate")
        r = requests.get(f"http://127.0.0.1:{link.port}/api/v1/ping", timeout=10)
        assert r.json()["service"] == "fieldapp"
        assert link.stats.duplicated == 1
