"""HTTP for the sync client: one Session, a timeout on every request, retries with backoff.

Retries cover what a bad link does (connection errors, resets, timeouts, 5xx, 429) and stop at
the run's deadline. A run first makes sure the server is there at all (`Transport.watch_reach`):
a ping goes alongside its first request, and if that ping gets no answer within
`RetryPolicy.reach_timeout` the run stops at once as unreachable, instead of retrying a closed
port or waiting on a silent address for minutes; a slow link answers a ping in a few round trips,
and the long read deadline stays for the big bodies that follow. Retries re-send requests that
may have reached the server: that is safe only because the server applies each change id at
most once (sync.protocol). An answer counts only
when it parses as the protocol says, so a captive portal's "200 OK" page is an error, not an ack.
"""

from __future__ import annotations

import errno
import ipaddress
import json
import random
import socket
import ssl
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import requests
from pydantic import BaseModel, ValidationError

from fieldapp import __version__
from sync import bounded
from sync import protocol as p
from sync.compact import DICTIONARY_HEADER, Compact, CompactError
from sync.errors import NetworkFailure, SyncError, SyncErrorCode

M = TypeVar("M", bound=BaseModel)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


class CancelToken:
    """Handed to a run by whoever may stop it (the Sync panel's Cancel button, Ctrl-C).

    The run checks it between requests and while it waits to retry; a request in flight is
    cut within a fraction of a second (sync.bounded)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    @property
    def event(self) -> threading.Event:
        """Set on cancel: a request in flight waits on it too (sync.bounded)."""
        return self._event

    def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`; True when cancelled meanwhile."""
        return self._event.wait(max(0.0, seconds))


@dataclass(slots=True)
class RetryPolicy:
    """Timeouts and retries of one run. The defaults suit EDGE: a 256 KB batch takes ~10 s."""

    connect_timeout: float = 15.0
    read_timeout: float = 60.0
    attempts: int = 8  # per request
    backoff_base: float = 0.5  # seconds; full jitter: uniform(0, min(cap, base * 2**n))
    backoff_cap: float = 30.0
    deadline: float = 30 * 60.0  # the whole run
    # The longest Retry-After this run waits; a longer one ends the run, saying so.
    retry_after_cap: float = 120.0
    # One request, headers and whole body (not each read): a dripping server is cut.
    request_deadline: float = 5 * 60.0
    # The first contact: a ping must be answered within this many seconds, or the run ends as
    # unreachable (a ping is ~4 round trips with TLS: 3.4 s on EDGE's 840 ms). 0 turns it off.
    reach_timeout: float = 8.0
    reach_attempts: int = 3  # pings tried within reach_timeout (a refused port answers at once)
    # One answer after decompression. A pull page of 500 surveys of ~3 KB is ~2 MB; the server
    # caps a survey at 1 MiB, so a page of big surveys can exceed it: the pull then asks for
    # fewer items per page (sync.client).
    max_response_bytes: int = 128 * 1024 * 1024


class _Either:
    """Set when either event is."""

    def __init__(self, first: threading.Event, second: threading.Event) -> None:
        self.first = first
        self.second = second

    def is_set(self) -> bool:
        return self.first.is_set() or self.second.is_set()


class _Halt:
    """Set when the run must stop: cancelled by a person, or the server found unreachable.
    A request in flight watches it (sync.bounded)."""

    def __init__(self, cancel: CancelToken) -> None:
        self.cancel = cancel
        self.unreachable = threading.Event()

    def is_set(self) -> bool:
        return self.cancel.cancelled or self.unreachable.is_set()


@dataclass(slots=True)
class Traffic:
    """What went over the wire; counted under a lock (a push keeps two requests in flight)."""

    requests: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def count(self, *, requests: int = 0, sent: int = 0, received: int = 0) -> None:
        with self.lock:
            self.requests += requests
            self.bytes_sent += sent
            self.bytes_received += received


@dataclass(slots=True)
class Reply:
    """A response that parsed as the protocol says: `body` on success, `error` on a 4xx."""

    status: int
    body: Any = None
    error: p.ErrorDetail | None = None
    raw: dict[str, Any] = field(default_factory=dict)


def normalize_server_url(url: str) -> str:
    """`https://host[:port][/prefix]` without a trailing slash or the API prefix.

    Plain http is accepted only for this machine (tests, a server on the laptop itself): a
    token must never cross a network in clear."""
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SyncError(
            SyncErrorCode.CONFIG, f"'{url}' is not a server address (https://host[:port])."
        )
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise SyncError(
            SyncErrorCode.CONFIG,
            f"'{url}' is plain http: use https:// (the device token must not travel in clear).",
        )
    path = parts.path.rstrip("/")
    if path.endswith(p.API_PREFIX):
        path = path[: -len(p.API_PREFIX)]
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _retry_after(response: requests.Response) -> float | None:
    """Seconds the server asks to wait. An HTTP-date is read against the server's own `Date`
    (this laptop's clock may be off by years), else against ours."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        then = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    now = server_date(response)
    return max(0.0, then - (now if now is not None else time.time()))


def server_date(response: requests.Response) -> float | None:
    """The server's clock (its `Date` header) as a POSIX timestamp, or None."""
    value = response.headers.get("Date")
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 2 * 3600:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def _header_bytes(headers: Mapping[str, str]) -> int:
    return sum(len(k) + len(v) + 4 for k, v in headers.items())


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def _causes(exc: BaseException) -> list[BaseException]:
    """`exc` and what caused it, through requests' and urllib3's wrappers (`.reason`)."""
    found: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in found and len(found) < 12:
        found.append(current)
        reason = getattr(current, "reason", None)
        if isinstance(reason, BaseException):
            current = reason
        else:
            current = current.__cause__ or current.__context__
    return found


def network_failure(exc: BaseException, server_url: str) -> tuple[NetworkFailure, str]:
    """What a failed request means for a person: a code and a sentence (no library text)."""
    parts = urlsplit(server_url)
    host = parts.hostname or server_url
    port = parts.port or (443 if parts.scheme == "https" else 80)
    causes = _causes(exc)
    text = " ".join(str(c) for c in causes)
    upper = text.upper()
    if isinstance(exc, requests.exceptions.SSLError) or any(
        isinstance(c, ssl.SSLError) for c in causes
    ):
        if "CERTIFICATE_VERIFY_FAILED" in upper or any(
            isinstance(c, ssl.SSLCertVerificationError) for c in causes
        ):
            if "EXPIRED" in upper:
                return (
                    NetworkFailure.CERTIFICATE_EXPIRED,
                    "its certificate has expired; tell the server's administrator",
                )
            if "HOSTNAME" in upper or "MATCH" in upper:
                return (
                    NetworkFailure.CERTIFICATE_NAME,
                    f"its certificate is not for the name {host}; check the server address",
                )
            return (
                NetworkFailure.CERTIFICATE,
                "its certificate is not signed by an authority this computer trusts "
                "(self-signed, or your organisation's own); give that authority's bundle with "
                "--ca-bundle, or tell your coordinator",
            )
        return (
            NetworkFailure.NOT_TLS,
            f"{host} port {port} does not speak HTTPS; check the address (http:// or the "
            "server's HTTPS port)",
        )
    if any(isinstance(c, socket.gaierror) for c in causes) or "NAMERESOLUTION" in upper:
        return (
            NetworkFailure.DNS,
            f"the name {host} cannot be found; check the server address, or whether this "
            "computer is connected",
        )
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return (
            NetworkFailure.REFUSED,
            f"{host} refused the connection on port {port}; the server is not running there, "
            "or the address or port is wrong",
        )
    if isinstance(exc, requests.exceptions.Timeout) or any(
        isinstance(c, TimeoutError | socket.timeout) for c in causes
    ):
        return (
            NetworkFailure.TIMEOUT,
            "it did not answer in time; the connection is down or too slow",
        )
    if any(
        isinstance(c, OSError) and c.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH)
        for c in causes
    ):
        return (
            NetworkFailure.NO_ROUTE,
            "this computer has no network route to it; check the cable, Wi-Fi or 3G key",
        )
    return NetworkFailure.RESET, "the connection was cut; check the connection"


class Transport:
    """Requests to one server, with the run's deadline, retries, traffic counts and cancel."""

    def __init__(
        self,
        server_url: str,
        *,
        token: str | None = None,
        ca_bundle: str | None = None,
        policy: RetryPolicy | None = None,
        cancel: CancelToken | None = None,
        rng: random.Random | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.server_url = normalize_server_url(server_url)
        self.policy = policy or RetryPolicy()
        self.cancel = cancel or CancelToken()
        self.rng = rng or random.Random()  # jitter, not secrets
        self.traffic = Traffic()
        # The server's clock minus ours, from the `Date` of its last answer (1 s resolution).
        self.clock_offset: float | None = None
        self.started = time.monotonic()
        self.session = session or requests.Session()
        # Verification is always on: the system's CAs, or the bundle the IT staff configured,
        # passed with every request so that REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE cannot replace it.
        self.verify: bool | str = ca_bundle if ca_bundle else True
        self.session.verify = self.verify
        self.session.headers["User-Agent"] = f"FieldApp/{__version__} sync"
        self.session.headers["Accept"] = "application/json"
        self.session.headers[p.PROTOCOL_HEADER] = str(p.PROTOCOL_VERSION)
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        self.compact: Compact | None = None
        self.server_protocol = 0  # the protocol version the server's last answer was in
        self._halt = _Halt(self.cancel)
        self._unreachable: SyncError | None = None
        self._reached = threading.Event()  # an answer came: the reach watch has nothing to do
        self._reach_thread: threading.Thread | None = None

    def use_compact(self, codec: Compact | None) -> None:
        """Ask for compact answers (sync.compact) with `codec`'s dictionary, or stop asking.
        Sending compact bodies is the caller's choice (only to a server known to speak v2)."""
        self.compact = codec
        if codec is None:
            self.session.headers["Accept"] = "application/json"
            self.session.headers.pop(DICTIONARY_HEADER, None)
            return
        self.session.headers["Accept"] = f"{p.COMPACT_CONTENT_TYPE}, application/json"
        if codec.name:
            self.session.headers[DICTIONARY_HEADER] = codec.name
        else:
            self.session.headers.pop(DICTIONARY_HEADER, None)

    def close(self) -> None:
        self._reached.set()
        if self._reach_thread is not None:
            self._reach_thread.join(1.0)  # it sees the event within sync.bounded.POLL_S
        self.session.close()

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def remaining(self) -> float:
        return self.policy.deadline - (time.monotonic() - self.started)

    def check_cancel(self) -> None:
        if self._unreachable is not None:
            raise self._unreachable
        if self.cancel.cancelled:
            raise SyncError(SyncErrorCode.CANCELLED, "The sync was cancelled.")

    def _pause(self, seconds: float) -> None:
        """Wait before a retry; a cancel or an unreachable server ends the wait at once."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0 and not self._halt.is_set():
            self.cancel.wait(min(bounded.POLL_S, left))
        self.check_cancel()

    # -- is the server there at all? -----------------------------------------------------------

    def watch_reach(self) -> None:
        """Ping the server alongside the run's first requests (see the module docstring).

        Costs no round trip on a working link: the ping goes in parallel and the run does not
        wait for it. When no answer came within `policy.reach_timeout` (or every try met a
        refused port, an unknown name, no route), the run's request in flight and its retries
        stop with UNREACHABLE and why. A link that answers, or resets only, is left to the
        run's own retries."""
        if self.policy.reach_timeout <= 0 or self._reach_thread is not None:
            return
        url = self.server_url + p.API_PREFIX + "/ping"
        # Counted here, not in the thread, so that a run's request count does not depend on
        # how the threads were scheduled.
        self.traffic.count(requests=1, sent=len(url) + 15)
        self._reach_thread = threading.Thread(
            target=self._watch, args=(url,), name="fieldapp-reach", daemon=True
        )
        self._reach_thread.start()

    def _watch(self, url: str) -> None:
        end = time.monotonic() + self.policy.reach_timeout
        failure: NetworkFailure | None = None
        why = ""
        for attempt in range(max(1, self.policy.reach_attempts)):
            left = end - time.monotonic()
            if left <= 0 or self._reached.is_set() or self.cancel.cancelled:
                break
            if attempt:
                self.traffic.count(requests=1, sent=len(url) + 15)
            try:
                got = bounded.exchange(
                    self.session,
                    "GET",
                    url,
                    params=None,
                    data=None,
                    headers=None,
                    timeout=(min(self.policy.connect_timeout, left), left),
                    verify=self.verify,
                    limit=64 * 1024,
                    deadline=left,
                    cancelled=_Either(self._reached, self.cancel.event),
                )
            except bounded.ExchangeTimeout:
                failure, why = network_failure(TimeoutError(), self.server_url)
                continue  # the whole budget went by: no more tries
            except (requests.exceptions.RequestException, OSError) as exc:
                failure, why = network_failure(exc, self.server_url)
                if failure in (NetworkFailure.RESET, NetworkFailure.NOT_TLS) or isinstance(
                    exc, requests.exceptions.SSLError
                ):
                    return  # something is there: the run's own requests say exactly what
            except Exception:  # cancelled, too large...: not this watch's business
                return
            else:
                self.traffic.count(received=len(got.content) + _header_bytes(got.response.headers))
                self._reached.set()
                return
            pause = min(end - time.monotonic(), self.rng.uniform(0.1, 0.25 * 2**attempt))
            if self._reached.wait(max(0.0, pause)):
                return
        if failure is None or self._reached.is_set() or self.cancel.cancelled:
            return
        self._unreachable = SyncError(
            SyncErrorCode.UNREACHABLE,
            f"Cannot reach the server at {self.server_url}: {why}.",
            detail=failure,
        )
        self._halt.unreachable.set()

    def _wait_before_retry(self, attempt: int, hint: float | None, why: str) -> None:
        delay = self.rng.uniform(
            0, min(self.policy.backoff_cap, self.policy.backoff_base * 2**attempt)
        )
        if hint is not None:
            if hint > min(self.policy.retry_after_cap, self.remaining()):
                # Say what happened: the server asked for a wait this run will not make.
                raise SyncError(
                    SyncErrorCode.SERVER_ERROR,
                    f"The server is busy and asked to wait {_duration(hint)} before trying "
                    f"again ({why}); what was acknowledged is kept, run it again later.",
                    detail="retry_after",
                )
            delay = max(delay, hint)  # the server said when
        if delay >= self.remaining():
            raise SyncError(
                SyncErrorCode.DEADLINE,
                f"The sync ran out of time ({self.policy.deadline:.0f} s) while the link kept "
                f"failing ({why}); what was acknowledged is kept, run it again later.",
            )
        self._pause(delay)

    def call(
        self,
        method: str,
        path: str,
        model: type[M],
        *,
        params: Mapping[str, str | int] | None = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        error_statuses: frozenset[int] = frozenset(),
    ) -> Reply:
        """One protocol request, retried on transient failures.

        Returns a Reply with `body` (a `model`) on 200, or with `error` for a 4xx listed in
        `error_statuses` (the caller acts on it). Anything else raises SyncError."""
        url = self.server_url + p.API_PREFIX + path
        last = ""
        failure: NetworkFailure | None = None
        for attempt in range(self.policy.attempts):
            self.check_cancel()
            remaining = self.remaining()
            if remaining <= 0:
                raise SyncError(
                    SyncErrorCode.DEADLINE,
                    f"The sync ran out of time ({self.policy.deadline:.0f} s); what was "
                    "acknowledged is kept, run it again later.",
                )
            timeout = (
                min(self.policy.connect_timeout, remaining),
                min(self.policy.read_timeout, remaining),
            )
            self.traffic.count(
                requests=1,
                sent=len(body or b"")
                + len(method)
                + len(url)
                + 12
                + _header_bytes(dict(headers or {})),
            )
            try:
                got = bounded.exchange(
                    self.session,
                    method,
                    url,
                    params=params,
                    data=body,
                    headers=headers,
                    timeout=timeout,
                    verify=self.verify,
                    limit=self.policy.max_response_bytes,
                    deadline=min(self.policy.request_deadline, remaining),
                    cancelled=self._halt,
                )
                response, content = got.response, got.content  # a cut body is a failed try
                self._reached.set()
                their_clock = server_date(response)
                if their_clock is not None:
                    self.clock_offset = their_clock - time.time()
            except bounded.ExchangeCancelled:
                self.check_cancel()
                raise  # not reached: the token is set
            except bounded.ResponseTooLarge as exc:
                raise SyncError(
                    SyncErrorCode.NOT_FIELDAPP,
                    f"The answer from {self.server_url} is too large ({exc}); nothing of it "
                    "was used.",
                    detail=p.ERR_TOO_LARGE,
                ) from exc
            except bounded.ExchangeTimeout as exc:
                failure, last = NetworkFailure.TIMEOUT, str(exc)
                if attempt + 1 < self.policy.attempts:
                    self._wait_before_retry(attempt, None, last)
                continue
            except requests.exceptions.SSLError as exc:
                failure, why = network_failure(exc, self.server_url)
                # https:// to a plain-http port is an address problem, not a certificate one.
                code = (
                    SyncErrorCode.CONFIG if failure == NetworkFailure.NOT_TLS else SyncErrorCode.TLS
                )
                raise SyncError(
                    code,
                    f"Cannot connect securely to {self.server_url}: {why}.",
                    detail=failure,
                ) from exc
            except (
                requests.exceptions.InvalidURL,
                requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema,
            ) as exc:
                raise SyncError(SyncErrorCode.CONFIG, f"Bad server address: {_short(exc)}") from exc
            except (requests.exceptions.RequestException, OSError) as exc:
                failure, why = network_failure(exc, self.server_url)
                last = why
                if attempt + 1 < self.policy.attempts:
                    self._wait_before_retry(attempt, None, last)
                continue
            self.traffic.count(
                received=int(response.headers.get("Content-Length") or len(content))
                + _header_bytes(response.headers)
            )
            if 300 <= response.status_code < 400:
                where = response.headers.get("Location", "elsewhere")
                raise SyncError(
                    SyncErrorCode.CONFIG,
                    f"The server at {self.server_url} redirects to {where[:200]}; FieldApp does "
                    "not follow redirects (the token and the data must go nowhere else). Check "
                    "the server address.",
                    detail="redirect",
                )
            if response.status_code in RETRY_STATUSES:
                last = f"HTTP {response.status_code}"
                if attempt + 1 < self.policy.attempts:
                    self._wait_before_retry(attempt, _retry_after(response), last)
                continue
            return self._parse(response, content, model, error_statuses)
        if last.startswith("HTTP 5"):
            raise SyncError(
                SyncErrorCode.SERVER_ERROR,
                f"The server at {self.server_url} keeps failing ({last}); try again later "
                "or tell its administrator.",
            )
        if last.startswith("HTTP"):
            failure, last = None, f"it answered {last} (busy) at every try; try again later"
        raise SyncError(
            SyncErrorCode.UNREACHABLE,
            f"Cannot reach the server at {self.server_url}: {last}.",
            detail=failure or "",
        )

    def _codec_for(self, response: requests.Response) -> Compact:
        named = response.headers.get(DICTIONARY_HEADER, "")
        if self.compact is not None and (not named or named == self.compact.name):
            return self.compact
        return Compact()

    def _parse(
        self,
        response: requests.Response,
        content: bytes,
        model: type[M],
        error_statuses: frozenset[int],
    ) -> Reply:
        status = response.status_code
        self.server_protocol = p.protocol_of(response.headers.get(p.PROTOCOL_HEADER))
        if response.headers.get("Content-Type", "").startswith(p.COMPACT_CONTENT_TYPE):
            try:
                # The same cap as a gzip answer (RetryPolicy.max_response_bytes).
                content = self._codec_for(response).decompress(
                    content, self.policy.max_response_bytes
                )
            except CompactError:
                content = b""  # refused below as an answer that is not FieldApp's
        try:
            raw = json.loads(content)
        except (ValueError, UnicodeDecodeError):
            raw = None
        if not isinstance(raw, dict):
            kind = response.headers.get("Content-Type", "unknown type").split(";")[0]
            raise SyncError(
                SyncErrorCode.NOT_FIELDAPP,
                f"The answer from {self.server_url} is not FieldApp's (HTTP {status}, {kind}): "
                "a network login page (captive portal) or a proxy may be in the way. Open a "
                "browser to log in to the network, or check the server address.",
            )
        if status == 200:
            try:
                return Reply(status, body=model.model_validate(raw), raw=raw)
            except ValidationError as exc:
                raise SyncError(
                    SyncErrorCode.NOT_FIELDAPP,
                    f"The server at {self.server_url} answered something this FieldApp does not "
                    f"understand ({_short(exc)}); is it a FieldApp server of a matching version?",
                ) from exc
        try:
            error = p.ErrorResponse.model_validate(raw).error
        except ValidationError as exc:
            raise SyncError(
                SyncErrorCode.NOT_FIELDAPP,
                f"The answer from {self.server_url} is not FieldApp's (HTTP {status}).",
            ) from exc
        if status == 401:
            raise SyncError(
                SyncErrorCode.UNAUTHORIZED,
                f"The server refused this device ({error.message}); enroll it again with a new "
                "code from your coordinator.",
                detail=error.code,
            )
        if status in error_statuses:
            return Reply(status, error=error, raw=raw["error"])
        raise SyncError(
            SyncErrorCode.REFUSED,
            f"The server refused the request (HTTP {status}, {error.code}): {error.message}",
            detail=error.code,
        )
