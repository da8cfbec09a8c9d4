"""Why a sync step failed, as a code the UI translates and one plain line for the CLI."""

from __future__ import annotations

from enum import StrEnum


class SyncErrorCode(StrEnum):
    UNREACHABLE = "unreachable"  # no connection, DNS, refused, timed out after every retry
    NOT_FIELDAPP = "not_fieldapp"  # an answer that is not the protocol's: captive portal, proxy
    TLS = "tls"  # the server's certificate could not be verified
    UNAUTHORIZED = "unauthorized"  # token unknown or revoked: enroll again
    NOT_ENROLLED = "not_enrolled"
    ENROLL_REFUSED = "enroll_refused"  # bad, used or expired code
    SERVER_ERROR = "server_error"  # 5xx after every retry
    REFUSED = "refused"  # a 4xx the client cannot act on
    DEADLINE = "deadline"  # the run's total time budget is spent
    CANCELLED = "cancelled"
    CONFIG = "config"  # a bad URL, a missing CA bundle
    LOCAL = "local"  # the local store refused (disk full, read-only...)
    INTERNAL = "internal"  # a bug: the message says so, the log has the traceback


class NetworkFailure(StrEnum):
    """Why a connection failed, in `SyncError.detail` of an UNREACHABLE, TLS or CONFIG error:
    the UI has a sentence for each, in the person's language (ui/syncing.py)."""

    DNS = "dns"  # the server's name is not known: a typo, or no DNS (no connection)
    REFUSED = "refused"  # the machine answered, nothing listens on that port
    TIMEOUT = "timeout"  # no answer in time: the link is down or far too slow
    NO_ROUTE = "no_route"  # no network at all (cable, Wi-Fi, 3G key)
    RESET = "reset"  # the connection was cut while talking
    NOT_TLS = "not_tls"  # https:// to a port that does not speak TLS (plain http)
    CERTIFICATE = "certificate"  # not signed by a trusted authority (self-signed, private CA)
    CERTIFICATE_EXPIRED = "certificate_expired"
    CERTIFICATE_NAME = "certificate_name"  # a certificate for another host name


class SyncError(Exception):
    """A sync failure a person can act on; `str()` is one sentence, no traceback needed."""

    def __init__(self, code: SyncErrorCode, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.detail = detail
