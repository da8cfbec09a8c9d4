"""Two gunicorn app servers on one database behind nginx with TLS, configured exactly as the
nginx section of docs/deploy.md says (its `nginx` block is read from that file), for
tests/server/test_server_nginx.py and `bench/server_load.py --via-nginx`.

Everything binds to 127.0.0.1 on free ports; nginx runs in the foreground from a temporary
prefix (its own pid, logs and temp folders), with an access log naming the app server that
answered each request (`$upstream_addr`), so a test can see the round robin.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
DEPLOY_DOC = ROOT / "docs" / "deploy.md"
SECTION = "## nginx in front of two app servers"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def documented_site() -> str:
    """The `nginx` block of the nginx section of docs/deploy.md."""
    text = DEPLOY_DOC.read_text(encoding="utf-8")
    section = text[text.index(SECTION) :]
    match = re.search(r"```nginx\n(.*?)```", section, re.S)
    if match is None:
        raise RuntimeError(f"no nginx block under '{SECTION}' in {DEPLOY_DOC}")
    return match.group(1)


def make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A private CA (what an organisation's IT would run) and a server certificate it signed
    for localhost / 127.0.0.1: (CA bundle, certificate, key)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "FieldApp test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    bundle, cert_path, key_path = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    bundle.write_bytes(ca.public_bytes(pem))
    cert_path.write_bytes(cert.public_bytes(pem))
    key_path.write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    key_path.chmod(0o600)
    return bundle, cert_path, key_path


def wait_for(url: str, *, headers: dict[str, str] | None = None, verify: str | bool = True,
             timeout: float = 60.0) -> None:  # fmt: skip
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            reply = requests.get(url, headers=headers, verify=verify, timeout=5)
            if reply.status_code == 200 and reply.json().get("service") == "fieldapp":
                return
            last = f"HTTP {reply.status_code}: {reply.text[:300]}"
        except (requests.RequestException, ValueError) as exc:
            last = type(exc).__name__
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer ({last})")


class AppServers:
    """`count` gunicorn instances (production settings) on one database, each on its port."""

    def __init__(self, env: dict[str, str], *, count: int = 2, workers: int = 2,
                 threads: int = 3, log_dir: Path | None = None) -> None:  # fmt: skip
        self.env = {**env, "PYTHONPATH": str(ROOT)}
        self.ports = [free_port() for _ in range(count)]
        self.workers = workers
        self.threads = threads
        self.log_dir = log_dir
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self) -> AppServers:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        for port in self.ports:
            log = (
                ["--error-logfile", str(self.log_dir / f"gunicorn-{port}.log")]
                if self.log_dir
                else []
            )
            self.processes.append(
                subprocess.Popen(
                    [
                        str(gunicorn),
                        "server.wsgi:application",
                        "-w",
                        str(self.workers),
                        "--threads",
                        str(self.threads),
                        "-b",
                        f"127.0.0.1:{port}",
                        "--log-level",
                        "warning",
                        "--timeout",
                        "120",
                        *log,
                    ],
                    env=self.env,
                    cwd=ROOT,
                )
            )
        try:
            for port in self.ports:
                # Straight to gunicorn: say the request came through TLS, as nginx will.
                ping = f"http://127.0.0.1:{port}/api/v1/ping"
                wait_for(ping, headers={"X-Forwarded-Proto": "https"})
        except BaseException:
            self.stop()  # `with` never entered: nothing else would stop them
            raise
        return self

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
        self.processes = []

    def __enter__(self) -> AppServers:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass(frozen=True)
class Logged:
    """One request as nginx's access log tells it."""

    method: str
    uri: str
    status: int
    upstream: str  # host:port of the app server that answered


class Nginx:
    """nginx from a temporary prefix with the documented site, in front of `upstream_ports`."""

    def __init__(self, prefix: Path, upstream_ports: list[int], static_root: Path) -> None:
        self.prefix = prefix
        self.upstream_ports = upstream_ports
        self.static_root = static_root
        self.https_port = free_port()
        self.http_port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.ca_bundle = prefix / "tls" / "ca.pem"

    @property
    def url(self) -> str:
        return f"https://localhost:{self.https_port}"

    def site(self, cert: Path, key: Path) -> str:
        """The documented site with this machine's ports and paths; loopback only."""
        text = documented_site()
        documented = re.findall(r"server 127\.0\.0\.1:(\d+);", text)
        if len(documented) != len(self.upstream_ports):
            raise RuntimeError(f"docs/deploy.md names {len(documented)} app servers")
        for port, ours in zip(documented, self.upstream_ports, strict=True):
            text = text.replace(f"server 127.0.0.1:{port};", f"server 127.0.0.1:{ours};")
        replacements = {
            "listen [::]:80;": "",
            "listen [::]:443 ssl;": "",
            "listen 80;": f"listen 127.0.0.1:{self.http_port};",
            "listen 443 ssl;": f"listen 127.0.0.1:{self.https_port} ssl;",
            "server_name fieldapp.example.org;": "server_name localhost;",
            "/etc/ssl/fieldapp/fullchain.pem": str(cert),
            "/etc/ssl/fieldapp/privkey.pem": str(key),
            "/var/lib/fieldapp/static/": f"{self.static_root}/",
        }
        for old, new in replacements.items():
            if old not in text:
                raise RuntimeError(f"docs/deploy.md's nginx block no longer has '{old}'")
            text = text.replace(old, new)
        return text

    def start(self) -> Nginx:
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        _, cert, key = make_certificates(self.prefix / "tls")
        (self.prefix / "site.conf").write_text(self.site(cert, key))
        temp = {
            name: self.prefix / name
            for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "logs")
        }
        for folder in temp.values():
            folder.mkdir(parents=True, exist_ok=True)
        # As root, nginx's workers would drop to 'nobody' and could not write these folders.
        user = "user root;\n" if os.geteuid() == 0 else ""
        (self.prefix / "nginx.conf").write_text(
            f"{user}worker_processes 1;\n"
            f"pid {self.prefix / 'nginx.pid'};\n"
            f"error_log {temp['logs'] / 'error.log'} warn;\n"
            "events { worker_connections 1024; }\n"
            "http {\n"
            f"  client_body_temp_path {temp['body']};\n"
            f"  proxy_temp_path {temp['proxy']};\n"
            f"  fastcgi_temp_path {temp['fastcgi']};\n"
            f"  uwsgi_temp_path {temp['uwsgi']};\n"
            f"  scgi_temp_path {temp['scgi']};\n"
            "  log_format upstream '$request_method $request_uri $status $upstream_addr';\n"
            f"  access_log {temp['logs'] / 'access.log'} upstream;\n"
            f"  include {self.prefix / 'site.conf'};\n"
            "}\n"
        )
        self.process = subprocess.Popen(
            [binary, "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf"),
             "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        try:
            wait_for(f"{self.url}/api/v1/ping", verify=str(self.ca_bundle), timeout=30)
        except RuntimeError:
            self.stop()
            raise
        return self

    def log(self) -> list[Logged]:
        lines = (self.prefix / "logs" / "access.log").read_text().splitlines()
        entries = []
        for line in lines:
            method, uri, status, upstream = line.split(" ", 3)
            entries.append(Logged(method, uri, int(status), upstream))
        return entries

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        self.process = None

    def __enter__(self) -> Nginx:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
