"""Each way a connection fails is one code (sync.errors.NetworkFailure) and one sentence, never
the library's text: unknown name, refused, no answer, https to a plain-http port, an untrusted,
expired or misnamed certificate. Real sockets and real TLS on loopback."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sync import protocol as p
from sync.errors import NetworkFailure, SyncError, SyncErrorCode
from sync.transport import RetryPolicy, Transport

ONCE = RetryPolicy(connect_timeout=2, read_timeout=1, attempts=1, backoff_base=0.01, deadline=10)
LIBRARY_WORDS = ("HTTPConnectionPool", "Caused by", "Errno", "_ssl.c", "Max retries")


def _fail(url: str, ca_bundle: str | None = None) -> SyncError:
    with (
        pytest.raises(SyncError) as caught,
        Transport(url, policy=ONCE, ca_bundle=ca_bundle) as http,
    ):
        http.call("GET", "/ping", p.Ping)
    error = caught.value
    text = str(error)
    assert "\n" not in text and not any(w in text for w in LIBRARY_WORDS), text
    return error


class _Ok(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b'{"service": "fieldapp", "api": 1, "server_time": "now"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def _serve(context: ssl.SSLContext | None) -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _certificate(tmp: Path, name: str, *, expired: bool = False) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    start, end = (now - dt.timedelta(days=30), now - dt.timedelta(days=1)) if expired else (
        now - dt.timedelta(days=1), now + dt.timedelta(days=30))  # fmt: skip
    san = x509.IPAddress(__import__("ipaddress").ip_address(name)) if name[0].isdigit() else (
        x509.DNSName(name))  # fmt: skip
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.SubjectAlternativeName([san]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp / f"{name}-{expired}.pem", tmp / f"{name}-{expired}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def _tls_server(tmp: Path, name: str, *, expired: bool = False) -> tuple[Iterator[int], Path]:
    cert, key = _certificate(tmp, name, expired=expired)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return _serve(context), cert


def test_an_unknown_name_is_a_dns_failure():
    error = _fail("https://no-such-host.invalid")
    assert error.code == SyncErrorCode.UNREACHABLE and error.detail == NetworkFailure.DNS
    assert "the name no-such-host.invalid cannot be found" in str(error)


def test_a_closed_port_refuses():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    error = _fail(f"http://127.0.0.1:{port}")
    assert error.code == SyncErrorCode.UNREACHABLE and error.detail == NetworkFailure.REFUSED
    assert f"refused the connection on port {port}" in str(error)


def test_a_server_that_never_answers_times_out():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)  # accepts the connection (backlog) and never answers
        error = _fail(f"http://127.0.0.1:{s.getsockname()[1]}")
    assert error.code == SyncErrorCode.UNREACHABLE and error.detail == NetworkFailure.TIMEOUT
    assert "did not answer in time" in str(error)


def test_https_to_a_plain_http_port_is_not_a_certificate_problem():
    served = _serve(None)
    port = next(served)
    try:
        error = _fail(f"https://127.0.0.1:{port}")
    finally:
        next(served, None)
    assert error.code == SyncErrorCode.CONFIG and error.detail == NetworkFailure.NOT_TLS
    assert "does not speak HTTPS" in str(error) and "certificate" not in str(error)


@pytest.mark.parametrize(
    ("name", "expired", "trusted", "failure", "words"),
    [
        ("127.0.0.1", False, False, NetworkFailure.CERTIFICATE, "not signed by an authority"),
        ("127.0.0.1", True, True, NetworkFailure.CERTIFICATE_EXPIRED, "has expired"),
        ("other.example", False, True, NetworkFailure.CERTIFICATE_NAME, "not for the name"),
    ],
)
def test_certificate_failures_say_which(tmp_path, name, expired, trusted, failure, words):
    served, cert = _tls_server(tmp_path, name, expired=expired)
    port = next(served)
    try:
        error = _fail(f"https://127.0.0.1:{port}", str(cert) if trusted else None)
    finally:
        next(served, None)
    assert error.code == SyncErrorCode.TLS and error.detail == failure
    assert words in str(error)


def test_a_trusted_certificate_connects(tmp_path):
    """The control: the same server with its certificate trusted answers the ping."""
    served, cert = _tls_server(tmp_path, "127.0.0.1")
    port = next(served)
    try:
        with Transport(f"https://127.0.0.1:{port}", policy=ONCE, ca_bundle=str(cert)) as http:
            assert http.call("GET", "/ping", p.Ping).body.service == "fieldapp"
    finally:
        next(served, None)
