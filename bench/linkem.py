"""linkem: a link emulator on loopback, between the sync client and a server.

A TCP proxy that gives the link a one-way delay and a bandwidth each way (a token bucket per
direction shared by all connections, like one radio link), and faults: a connection reset at
a random byte, a stall (data stops, the connection stays open), a slow close. In HTTP mode it
also does what TCP cannot express: a captive portal answering 200 with an HTML page, a server
that commits a request and whose response is lost (the request is forwarded, the whole response
read, then the client's connection is reset), and duplicated requests.

Profiles follow WebPageTest's: edge, 3g, satellite, 4g; `lan` is no shaping.

In tests:  with LinkEmulator(upstream_port, profile="3g", faults=Faults(reset=0.1)) as link:
               requests.get(f"http://127.0.0.1:{link.port}/...")
As a CLI:  python bench/linkem.py --upstream 127.0.0.1:8000 --listen 8001 --profile edge
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import socket
import struct
import sys
import threading
from collections import deque
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    rtt_ms: float
    down_kbps: float  # toward the client; 0 = unlimited
    up_kbps: float  # toward the server; 0 = unlimited

    @property
    def one_way_s(self) -> float:
        return self.rtt_ms / 2000.0


PROFILES = {
    "edge": Profile("edge", 840, 240, 200),
    "3g": Profile("3g", 300, 1600, 768),
    "satellite": Profile("satellite", 650, 2000, 500),
    "4g": Profile("4g", 60, 10_000, 5_000),
    "lan": Profile("lan", 0, 0, 0),
}

FAULT_KINDS = ("captive", "drop_response", "duplicate", "reset", "stall")


@dataclass(slots=True)
class Faults:
    """Random faults. Probabilities are per connection (reset, stall) or per request (the
    HTTP ones); byte offsets are drawn uniformly below `max_fault_byte`."""

    reset: float = 0.0
    stall: float = 0.0
    captive: float = 0.0
    drop_response: float = 0.0
    duplicate: float = 0.0
    slow_close_s: float = 0.0
    max_fault_byte: int = 64 * 1024


@dataclass(slots=True)
class Stats:
    connections: int = 0
    requests: int = 0
    resets: int = 0
    stalls: int = 0
    captive: int = 0
    dropped_responses: int = 0
    duplicated: int = 0
    bytes_up: int = 0
    bytes_down: int = 0
    statuses: dict[str, int] = field(default_factory=dict)  # HTTP status -> responses seen


CAPTIVE_PAGE = (
    b"<!DOCTYPE html><html><head><title>Wi-Fi</title></head><body><h1>Bienvenue</h1>"
    b"<p>Connectez-vous pour acceder a Internet.</p><form><input name=login></form>"
    b"</body></html>"
)
CAPTIVE_RESPONSE = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
    + str(len(CAPTIVE_PAGE)).encode()
    + b"\r\nConnection: close\r\n\r\n"
    + CAPTIVE_PAGE
)
PIECE = 8 * 1024


class Bucket:
    """A FIFO bottleneck: bytes leave at `rate` bytes/s, whoever sent them."""

    def __init__(self, kbps: float) -> None:
        self.rate = kbps * 1000 / 8
        self.free_at = 0.0

    async def take(self, n: int) -> float:
        """Wait until `n` bytes have gone out; returns the time they finished."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        if self.rate <= 0:
            return now
        self.free_at = max(now, self.free_at) + n / self.rate
        await asyncio.sleep(self.free_at - now)
        return self.free_at


class Cut(Exception):
    """The emulated link reset the connection."""


@dataclass(slots=True)
class ByteFault:
    kind: str  # "reset" or "stall"
    at: int


class Pipe:
    """One direction of one connection: bandwidth, delay, and a byte fault."""

    def __init__(
        self,
        conn: Connection,
        bucket: Bucket,
        writer: asyncio.StreamWriter,
        delay: float,
        fault: ByteFault | None,
        counter: str,
    ) -> None:
        self.conn = conn
        self.bucket = bucket
        self.writer = writer
        self.delay = delay
        self.fault = fault
        self.counter = counter
        self.sent = 0
        self.stalled = False
        self.queue: asyncio.Queue[tuple[float, bytes | None]] = asyncio.Queue()
        self.task = asyncio.ensure_future(self._deliver())

    async def send(self, data: bytes) -> None:
        for start in range(0, len(data), PIECE):
            piece = data[start : start + PIECE]
            if self.stalled:
                return  # swallowed: the stalled link carries nothing more
            trigger = False
            if self.fault is not None and self.sent + len(piece) >= self.fault.at:
                piece = piece[: max(0, self.fault.at - self.sent)]
                trigger = True
            done = await self.bucket.take(len(piece))
            self.sent += len(piece)
            if piece:
                self.queue.put_nowait((done + self.delay, piece))
            if trigger:
                assert self.fault is not None
                if self.fault.kind == "stall":
                    self.stalled = True
                    self.conn.link.stats.stalls += 1
                    return
                self.queue.put_nowait((done + self.delay, None))  # reset once delivered
                raise Cut

    async def close(self) -> None:
        loop = asyncio.get_running_loop()
        self.queue.put_nowait((loop.time() + self.delay, b""))
        with contextlib.suppress(Exception):
            await self.task

    async def _deliver(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            at, piece = await self.queue.get()
            wait = at - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if piece is None:
                self.conn.link.stats.resets += 1
                self.conn.abort()
                return
            if piece == b"":
                return
            try:
                self.writer.write(piece)
                setattr(
                    self.conn.link.stats,
                    self.counter,
                    getattr(self.conn.link.stats, self.counter) + len(piece),
                )
                await self.writer.drain()
            except (ConnectionError, RuntimeError):
                self.conn.abort()
                return


async def read_message(
    reader: asyncio.StreamReader, *, response: bool = False, method: str = "GET"
) -> tuple[bytes, str] | None:
    """One HTTP/1.1 message (head + body) as raw bytes, and its first line; None at EOF."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        if exc.partial:
            raise ConnectionError("connection closed inside a message head") from exc
        return None
    lines = head.decode("latin-1").split("\r\n")
    first = lines[0]
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name:
            headers[name.strip().lower()] = value.strip()
    body = b""
    status = int(first.split()[1]) if response and len(first.split()) > 1 else 0
    if response and (method == "HEAD" or status in (204, 304) or 100 <= status < 200):
        return head, first
    if "chunked" in headers.get("transfer-encoding", "").lower():
        parts = []
        while True:
            size_line = await reader.readuntil(b"\r\n")
            parts.append(size_line)
            size = int(size_line.split(b";")[0].strip(), 16)
            data = await reader.readexactly(size + 2)
            parts.append(data)
            if size == 0:
                if data != b"\r\n":  # trailers
                    parts.append(await reader.readuntil(b"\r\n\r\n"))
                break
        body = b"".join(parts)
    elif "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif response:
        body = await reader.read()
    return head + body, first


class Connection:
    def __init__(
        self,
        link: LinkEmulator,
        client_reader: asyncio.StreamReader,
        client_writer: asyncio.StreamWriter,
    ) -> None:
        self.link = link
        self.client_reader = client_reader
        self.client_writer = client_writer
        self.upstream_writer: asyncio.StreamWriter | None = None
        self.aborted = False
        self.tasks: list[asyncio.Future[Any]] = []

    def abort(self) -> None:
        """Reset both sides (RST, not FIN): what a dropped radio link looks like."""
        if self.aborted:
            return
        self.aborted = True
        for writer in (self.client_writer, self.upstream_writer):
            if writer is None:
                continue
            sock = writer.get_extra_info("socket")
            with contextlib.suppress(OSError, AttributeError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()
        for task in self.tasks:
            task.cancel()

    def _byte_fault(self, rng: random.Random) -> tuple[ByteFault | None, ByteFault | None]:
        faults = self.link.faults
        up: ByteFault | None = None
        down: ByteFault | None = None
        for kind, probability in (("reset", faults.reset), ("stall", faults.stall)):
            if kind in self.link.take_injected(("reset", "stall"), kind) or (
                probability and rng.random() < probability
            ):
                fault = ByteFault(kind, rng.randrange(max(1, faults.max_fault_byte)))
                if rng.random() < 0.5:
                    up = up or fault
                else:
                    down = down or fault
        return up, down

    async def run(self) -> None:
        link = self.link
        link.stats.connections += 1
        rng = link.rng
        sock = self.client_writer.get_extra_info("socket")
        with contextlib.suppress(OSError, AttributeError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
        try:
            up_reader, self.upstream_writer = await asyncio.open_connection(
                link.upstream_host, link.upstream_port
            )
        except OSError:
            self.abort()  # the server is down: the client sees a reset
            return
        fault_up, fault_down = self._byte_fault(rng)
        profile = link.profile
        up = Pipe(self, link.up, self.upstream_writer, profile.one_way_s, fault_up, "bytes_up")
        down = Pipe(
            self, link.down, self.client_writer, profile.one_way_s, fault_down, "bytes_down"
        )
        if link.http:
            actions: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
            self.tasks = [
                asyncio.ensure_future(self._requests(up, down, actions)),
                asyncio.ensure_future(self._responses(up_reader, down, actions)),
            ]
        else:
            self.tasks = [
                asyncio.ensure_future(self._raw(self.client_reader, up)),
                asyncio.ensure_future(self._raw(up_reader, down)),
            ]
        try:
            await asyncio.wait(self.tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in self.tasks:
                task.cancel()
            if not self.aborted:
                await down.close()
                await up.close()
                if link.faults.slow_close_s:
                    await asyncio.sleep(link.faults.slow_close_s)
                for writer in (self.client_writer, self.upstream_writer):
                    with contextlib.suppress(Exception):
                        writer.close()
            for pipe in (up, down):
                pipe.task.cancel()

    async def _raw(self, reader: asyncio.StreamReader, pipe: Pipe) -> None:
        try:
            while data := await reader.read(PIECE):
                await pipe.send(data)
        except Cut:
            return
        except (ConnectionError, OSError):
            self.abort()

    async def _requests(
        self, up: Pipe, down: Pipe, actions: asyncio.Queue[tuple[str, str]]
    ) -> None:
        link = self.link
        try:
            while True:
                message = await read_message(self.client_reader)
                if message is None:
                    return
                raw, first = message
                parts = first.split()
                method, path = [*parts, "", ""][:2]
                link.stats.requests += 1
                action = link.decide(path)
                if action == "captive":
                    link.stats.captive += 1
                    await down.send(CAPTIVE_RESPONSE)
                    await down.close()
                    self.abort_after_close()
                    return
                if action == "duplicate":
                    link.stats.duplicated += 1
                    actions.put_nowait(("swallow", method))
                    await up.send(raw)
                    actions.put_nowait(("relay", method))
                elif action == "drop_response":
                    actions.put_nowait(("drop", method))
                else:
                    actions.put_nowait(("relay", method))
                await up.send(raw)
        except Cut:
            return
        except (ConnectionError, OSError, ValueError, asyncio.LimitOverrunError):
            self.abort()

    def abort_after_close(self) -> None:
        with contextlib.suppress(Exception):
            self.client_writer.close()
        if self.upstream_writer is not None:
            self.upstream_writer.close()

    async def _responses(
        self,
        reader: asyncio.StreamReader,
        down: Pipe,
        actions: asyncio.Queue[tuple[str, str]],
    ) -> None:
        try:
            while True:
                action, method = await actions.get()
                message = await read_message(reader, response=True, method=method)
                if message is None:
                    return
                status = [*message[1].split(), "?", "?"][1]
                stats = self.link.stats
                stats.statuses[status] = stats.statuses.get(status, 0) + 1
                if action == "swallow":
                    continue
                if action == "drop":
                    self.link.stats.dropped_responses += 1
                    self.abort()  # the server committed; the client never hears of it
                    return
                await down.send(message[0])
        except Cut:
            return
        except (ConnectionError, OSError, ValueError, asyncio.LimitOverrunError):
            self.abort()


@dataclass
class LinkEmulator:
    """The proxy. `start()` runs it on its own thread and event loop; `port` is where to
    connect. Faults and profile may be changed while it runs."""

    upstream_port: int
    profile: Profile | str = "lan"
    faults: Faults = field(default_factory=Faults)
    seed: int | None = None
    http: bool = True
    listen_port: int = 0
    upstream_host: str = "127.0.0.1"
    stats: Stats = field(default_factory=Stats)

    def __post_init__(self) -> None:
        if isinstance(self.profile, str):
            self.profile = PROFILES[self.profile]
        self.rng = random.Random(self.seed)
        self.up = Bucket(self.profile.up_kbps)
        self.down = Bucket(self.profile.down_kbps)
        self.port = 0
        self._injected: deque[tuple[str, str]] = deque()
        self._connections: set[Connection] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None

    # -- control (any thread) ---------------------------------------------------------------

    def inject(self, kind: str, path: str = "", count: int = 1) -> None:
        """Make the next `count` requests whose path starts with `path` (HTTP faults) or the
        next connections (reset/stall) suffer `kind`."""
        if kind not in FAULT_KINDS:
            raise ValueError(kind)
        for _ in range(count):
            self._injected.append((kind, path))

    def take_injected(self, kinds: tuple[str, ...], kind: str, path: str | None = None) -> str:
        for entry in list(self._injected):
            if (
                entry[0] == kind
                and entry[0] in kinds
                and (path is None or path.startswith(entry[1]))
            ):
                self._injected.remove(entry)
                return kind
        return ""

    def decide(self, path: str) -> str:
        for kind in ("captive", "drop_response", "duplicate"):
            if self.take_injected(("captive", "drop_response", "duplicate"), kind, path):
                return kind
        f = self.faults
        roll = self.rng.random()
        for kind, probability in (
            ("captive", f.captive),
            ("drop_response", f.drop_response),
            ("duplicate", f.duplicate),
        ):
            if roll < probability:
                return kind
            roll -= probability
        return "relay"

    def set_profile(self, profile: Profile | str) -> None:
        self.profile = PROFILES[profile] if isinstance(profile, str) else profile
        self.up = Bucket(self.profile.up_kbps)
        self.down = Bucket(self.profile.down_kbps)

    def drop_all(self) -> None:
        """Reset every open connection (e.g. with a server restart)."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._abort_all)

    def _abort_all(self) -> None:
        for conn in list(self._connections):
            conn.abort()

    # -- running ----------------------------------------------------------------------------

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        conn = Connection(self, reader, writer)
        self._connections.add(conn)
        try:
            await conn.run()
        except (Exception, asyncio.CancelledError):  # one connection must not stop the proxy
            conn.abort()
        finally:
            self._connections.discard(conn)

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        server = await asyncio.start_server(self._handle, "127.0.0.1", self.listen_port)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        async with server:
            await self._stop.wait()
            self._abort_all()
        # Finish every task here: a coroutine left to the garbage collector would complain
        # at an unpredictable moment in the caller's thread.
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in others:
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)

    def start(self) -> LinkEmulator:
        def run() -> None:
            self._loop = asyncio.new_event_loop()
            try:
                self._loop.run_until_complete(self._main())
            finally:
                self._loop.close()

        self._thread = threading.Thread(target=run, name="linkem", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("linkem did not start")
        return self

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread is not None:
            self._thread.join(10)

    def __enter__(self) -> LinkEmulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--upstream", required=True, metavar="HOST:PORT")
    parser.add_argument("--listen", type=int, default=0, metavar="PORT")
    parser.add_argument("--profile", choices=sorted(PROFILES), default="lan")
    parser.add_argument("--raw", action="store_true", help="plain TCP (no HTTP faults)")
    parser.add_argument("--seed", type=int)
    for kind in ("reset", "stall", "captive", "drop_response", "duplicate"):
        parser.add_argument(f"--{kind.replace('_', '-')}", type=float, default=0.0, metavar="P")
    parser.add_argument("--slow-close", type=float, default=0.0, metavar="SECONDS")
    args = parser.parse_args(argv)
    host, _, port = args.upstream.rpartition(":")
    faults = Faults(
        reset=args.reset,
        stall=args.stall,
        captive=args.captive,
        drop_response=args.drop_response,
        duplicate=args.duplicate,
        slow_close_s=args.slow_close,
    )
    link = LinkEmulator(
        int(port),
        profile=args.profile,
        faults=faults,
        seed=args.seed,
        http=not args.raw,
        listen_port=args.listen,
        upstream_host=host or "127.0.0.1",
    ).start()
    print(f"linkem: 127.0.0.1:{link.port} -> {args.upstream} ({args.profile})", file=sys.stderr)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        link.stop()
        print(json.dumps(asdict(link.stats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
