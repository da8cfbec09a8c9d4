"""Retries, Retry-After, deadlines and what counts as an answer, against a scripted server."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sync import protocol as p
from sync.errors import SyncError, SyncErrorCode
from sync.transport import RetryPolicy, Transport

PING = json.dumps({"service": "fieldapp", "api": 1, "server_time": "now"}).encode()


class Script:
    def __init__(self) -> None:
        self.answers: list[tuple[int, dict[str, str], bytes]] = []
        self.seen = 0


@pytest.fixture
def scripted() -> Iterator[tuple[str, Script]]:
    script = Script()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            status, headers, body = script.answers[min(script.seen, len(script.answers) - 1)]
            script.seen += 1
            if "Date" in headers:  # the test plays the server's clock
                self.send_response_only(status)
            else:
                self.send_response(status)
            for k, v in {"Content-Type": "application/json", **headers}.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", script
    server.shutdown()
    server.server_close()


FAST = RetryPolicy(connect_timeout=2, read_timeout=2, attempts=4, backoff_base=0.01, deadline=10)


def test_429_waits_as_long_as_retry_after_says(scripted: tuple[str, Script]) -> None:
    url, script = scripted
    script.answers = [(429, {"Retry-After": "0.3"}, b"{}"), (200, {}, PING)]
    with Transport(url, policy=FAST) as http:
        started = time.monotonic()
        reply = http.call("GET", "/ping", p.Ping)
        assert time.monotonic() - started >= 0.3
        assert reply.body.service == "fieldapp" and http.traffic.requests == 2


def test_persistent_5xx_is_a_server_error_after_the_attempts(scripted: tuple[str, Script]) -> None:
    url, script = scripted
    script.answers = [(503, {}, b"<html>down</html>")]
    with Transport(url, policy=FAST) as http, pytest.raises(SyncError) as info:
        http.call("GET", "/ping", p.Ping)
    assert info.value.code == SyncErrorCode.SERVER_ERROR and script.seen == 4


def test_retry_after_beyond_the_cap_fails_at_once_saying_why(scripted: tuple[str, Script]) -> None:
    """The issue: a 3600 s Retry-After ended the run after 0.3 s saying "ran out of time
    (1800 s)". It still ends at once, but says what the server asked."""
    url, script = scripted
    script.answers = [(429, {"Retry-After": "3600"}, b"{}")]
    with Transport(url, policy=FAST) as http, pytest.raises(SyncError) as info:
        http.call("GET", "/ping", p.Ping)
    assert info.value.code == SyncErrorCode.SERVER_ERROR and script.seen == 1
    assert "asked to wait 60 min" in str(info.value) and "ran out of time" not in str(info.value)


def test_retry_after_as_a_date_is_read_against_the_servers_clock(
    scripted: tuple[str, Script],
) -> None:
    """A laptop 60 days ahead read "wait until 12:00:01" as already past (or, behind, as
    months): the wait is the difference between the server's Date and the date it gives."""
    url, script = scripted
    headers = {
        "Date": "Tue, 01 Jan 2030 12:00:00 GMT",
        "Retry-After": "Tue, 01 Jan 2030 12:00:01 GMT",
    }
    script.answers = [(503, headers, b"{}"), (200, {}, PING)]
    with Transport(url, policy=FAST) as http:
        started = time.monotonic()
        assert http.call("GET", "/ping", p.Ping).body.service == "fieldapp"
        assert 1.0 <= time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("status", "ctype", "body"),
    [
        (200, "text/html", b"<html>login</html>"),
        (200, "application/json", b'{"service": 3}'),
        (200, "application/json", b"[1, 2]"),
        (404, "text/html", b"<html>nope</html>"),
    ],
)
def test_an_answer_that_is_not_the_protocols_is_not_success(
    scripted: tuple[str, Script], status: int, ctype: str, body: bytes
) -> None:
    url, script = scripted
    script.answers = [(status, {"Content-Type": ctype}, body)]
    with Transport(url, policy=FAST) as http, pytest.raises(SyncError) as info:
        http.call("GET", "/ping", p.Ping)
    assert info.value.code == SyncErrorCode.NOT_FIELDAPP and script.seen == 1


def test_401_asks_to_enroll_again(scripted: tuple[str, Script]) -> None:
    url, script = scripted
    error = {"error": {"code": "token_revoked", "message": "revoked", "field": None}}
    script.answers = [(401, {}, json.dumps(error).encode())]
    with Transport(url, policy=FAST, token="t") as http, pytest.raises(SyncError) as info:
        http.call("GET", "/ping", p.Ping)
    assert info.value.code == SyncErrorCode.UNAUTHORIZED and "enroll" in str(info.value)
