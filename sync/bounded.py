"""One HTTP exchange that trusts nothing it receives (sync.transport uses it for every call).

- No redirect is followed: a 3xx comes back as it is and the caller refuses it (a 307 from
  https to http would send the push body, the token and an enrollment code in clear).
- The body is read in pieces after decompression and refused past `limit` bytes, so a 4 MB
  gzip answer cannot inflate to 3 GB.
- `deadline` bounds the whole exchange, headers and body, not each read: a server dripping a
  byte every few seconds is cut. Cancel is seen within `POLL_S`: the exchange runs in a helper
  thread and the caller waits for it, the cancel token and the deadline together; on either,
  the connection is shut so the helper thread ends too.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import requests

POLL_S = 0.1
PIECE = 64 * 1024


class Flag(Protocol):
    """What stops an exchange: a `threading.Event`, or anything answering `is_set()`."""

    def is_set(self) -> bool: ...


class ResponseTooLarge(Exception):
    """The answer is bigger than the caller accepts (after decompression)."""


class ExchangeTimeout(Exception):
    """The whole exchange took longer than its deadline."""


class ExchangeCancelled(Exception):
    """The cancel token was set while the exchange ran."""


@dataclass(slots=True)
class Exchange:
    response: requests.Response
    content: bytes


class _Aborted(Exception):
    pass


def exchange(
    session: requests.Session,
    method: str,
    url: str,
    *,
    params: Mapping[str, str | int] | None,
    data: bytes | None,
    headers: Mapping[str, str] | None,
    timeout: tuple[float, float],
    verify: bool | str,
    limit: int,
    deadline: float,
    cancelled: Flag,
) -> Exchange:
    """Send one request and read its whole answer, within `deadline` seconds from now.

    Raises ResponseTooLarge, ExchangeTimeout, ExchangeCancelled, or what requests raises."""
    done = threading.Event()
    abort = threading.Event()
    outcome: dict[str, Any] = {}

    def work() -> None:
        response: requests.Response | None = None
        try:
            response = session.request(
                method,
                url,
                params=params,
                data=data,
                headers=headers,
                timeout=timeout,
                verify=verify,  # explicit: REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE cannot override it
                allow_redirects=False,
                stream=True,
            )
            outcome["response"] = response
            pieces: list[bytes] = []
            total = 0
            for piece in response.iter_content(PIECE):
                if abort.is_set():
                    raise _Aborted
                total += len(piece)
                if total > limit:
                    raise ResponseTooLarge(f"the answer is larger than {limit} bytes")
                pieces.append(piece)
            outcome["exchange"] = Exchange(response, b"".join(pieces))
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc
            if response is not None:
                response.close()
        finally:
            done.set()

    worker = threading.Thread(target=work, name="fieldapp-http", daemon=True)
    worker.start()
    end = time.monotonic() + max(0.0, deadline)
    while not done.wait(max(0.0, min(POLL_S, end - time.monotonic()))):
        if cancelled.is_set() or time.monotonic() >= end:
            abort.set()
            _shut(outcome.get("response"))
            if cancelled.is_set():
                raise ExchangeCancelled
            raise ExchangeTimeout(f"no complete answer within {deadline:.0f} s")
    if "error" in outcome:
        raise outcome["error"]
    result: Exchange = outcome["exchange"]
    return result


def _shut(response: requests.Response | None) -> None:
    """Best effort: shut the socket under a response being read, so the blocked read returns."""
    if response is None:
        return
    try:
        sock = response.raw.connection.sock  # type: ignore[union-attr]
        sock.shutdown(socket.SHUT_RDWR)
    except (AttributeError, OSError):
        pass
