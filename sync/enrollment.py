"""Enrollment: a one-time code traded for a device token, and the checks made before a sync.

`enroll` keeps the token (keyring or sealed file), the device key and what the server said of
itself; `check_not_copied` refuses a copied profile; `probe` asks whether the server answers.
"""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass
from pathlib import Path

from fieldapp.demo import DEMO_AUTHORS, STATE_DEMO
from fieldapp.store import Store
from sync import protocol as p
from sync.credentials import DeviceKeyStore, TokenStore, device_fingerprint
from sync.errors import SyncError, SyncErrorCode
from sync.state import (
    COPIED_PROFILE,
    RECONCILE_OTHER_INSTANCE,
    STATE_CA_BUNDLE,
    STATE_CURSOR,
    STATE_DEVICE,
    STATE_FINGERPRINT,
    STATE_INSTANCE,
    STATE_MARK,
    STATE_MUST_ENROLL,
    STATE_RECONCILE,
    STATE_REGIONS,
    STATE_ROLE,
    STATE_SERVER,
    STATE_SERVER_KEY,
    STATE_USERNAME,
)
from sync.transport import CancelToken, RetryPolicy, Transport, normalize_server_url


@dataclass(frozen=True, slots=True)
class Enrollment:
    server_url: str
    device_id: str
    username: str
    role: str
    regions: list[str]
    token_stored_in: str
    # Enrolled on another server database than the one this profile synced with before: the
    # next sync sends every local survey that server does not hold.
    other_instance: bool = False
    # A profile filled by `fieldapp demo`: its generated establishments and surveys were
    # removed, never sent (establishments, surveys).
    demo_removed: tuple[int, int] = (0, 0)


def enroll(
    store: Store,
    server_url: str,
    code: str,
    *,
    ca_bundle: str | None = None,
    device_name: str | None = None,
    policy: RetryPolicy | None = None,
    cancel: CancelToken | None = None,
) -> Enrollment:
    """Trade a one-time code for a device token; keep the token in the keyring (or a 0600
    file) and the rest in the store's sync_state. A new server means a pull from scratch."""
    url = normalize_server_url(server_url)
    if ca_bundle is not None:
        bundle = Path(ca_bundle).expanduser()
        if not bundle.is_file():
            raise SyncError(SyncErrorCode.CONFIG, f"The CA bundle {ca_bundle} does not exist.")
        ca_bundle = str(bundle.resolve())
    name = (device_name or socket.gethostname() or "laptop")[:200]
    tokens = TokenStore(store.data_dir)
    fingerprint = device_fingerprint(store.data_dir)
    known = store.get_state(STATE_FINGERPRINT)
    copied = bool(store.get_state(STATE_MUST_ENROLL)) or (known not in (None, fingerprint))
    # The laptop enrolling again has its old token revoked; a copy must not revoke the token
    # of the profile it was copied from (that laptop goes on syncing as itself).
    previous_token = "" if copied else (tokens.load() or "")
    private_key, public_key = p.new_device_key()
    body = p.EnrollRequest(
        code=code.strip()[:64] or "-",
        device_name=name,
        device_key=public_key,
        previous_token=previous_token if len(previous_token) <= 200 else "",
    )
    policy = policy or RetryPolicy(attempts=4, deadline=120.0)
    with Transport(url, ca_bundle=ca_bundle, policy=policy, cancel=cancel) as http:
        http.watch_reach()  # a wrong or dead address is said in seconds
        reply = http.call(
            "POST",
            "/enroll",
            p.EnrollResponse,
            body=body.model_dump_json().encode(),
            headers={"Content-Type": "application/json"},
            error_statuses=frozenset({400, 422}),
        )
    if reply.error is not None:
        reasons = {
            "invalid_code": "this enrollment code is unknown: check it with your coordinator",
            "code_used": "this enrollment code was already used: ask for a new one",
            "code_expired": "this enrollment code has expired: ask for a new one",
            "user_disabled": "this user account is disabled",
        }
        message = reasons.get(reply.error.code, reply.error.message)
        raise SyncError(
            SyncErrorCode.ENROLL_REFUSED, f"Enrollment refused: {message}.", detail=reply.error.code
        )
    answer: p.EnrollResponse = reply.body
    where = tokens.save(answer.token)
    DeviceKeyStore(store.data_dir).save(private_key)
    previous = store.get_state(STATE_SERVER)
    previous_instance = store.get_state(STATE_INSTANCE)
    store.set_state(STATE_SERVER, url)
    store.set_state(STATE_CA_BUNDLE, ca_bundle)
    store.set_state(STATE_DEVICE, answer.device_id)
    store.set_state(STATE_USERNAME, answer.username)
    store.set_state(STATE_ROLE, answer.role)
    store.set_state(STATE_REGIONS, json.dumps(answer.regions))
    store.set_state(STATE_SERVER_KEY, answer.server_key or None)
    store.set_state(STATE_FINGERPRINT, fingerprint)
    store.set_state(STATE_MUST_ENROLL, None)
    demo_removed = (0, 0)
    if store.get_state(STATE_DEMO) and previous_instance is None:
        demo_removed = store.remove_generated_surveys(DEMO_AUTHORS)
        store.set_state(STATE_DEMO, None)
    held = sum(store.survey_counts().values())
    # Another database than the one this profile knew (a rebuilt server, another deployment,
    # or a profile with surveys that never synced): what it does not hold is sent next sync.
    other_instance = (
        bool(answer.instance_id)
        and previous_instance != answer.instance_id
        and (previous_instance is not None or held > 0)
    )
    if other_instance:
        store.set_state(STATE_RECONCILE, RECONCILE_OTHER_INSTANCE)
    if answer.instance_id:
        store.set_state(STATE_INSTANCE, answer.instance_id)
    if previous != url or other_instance:
        store.set_state(STATE_CURSOR, None)
        store.set_state(STATE_MARK, None)
    return Enrollment(
        url, answer.device_id, answer.username, answer.role, answer.regions, where,
        other_instance, demo_removed,
    )  # fmt: skip


def check_not_copied(store: Store) -> None:
    """Refuse to sync (or sign a bundle) from a copy of an enrolled profile: another machine
    or folder, or one the server saw sending two changes under one device number."""
    if store.get_state(STATE_MUST_ENROLL):
        raise SyncError(SyncErrorCode.NOT_ENROLLED, COPIED_PROFILE)
    if not store.get_state(STATE_DEVICE):
        return
    fingerprint = device_fingerprint(store.data_dir)
    known = store.get_state(STATE_FINGERPRINT)
    if known is None:  # enrolled by an older release: this is where it lives
        store.set_state(STATE_FINGERPRINT, fingerprint)
    elif known != fingerprint:
        store.set_state(STATE_MUST_ENROLL, "copied")
        raise SyncError(SyncErrorCode.NOT_ENROLLED, COPIED_PROFILE)


def probe(server_url: str, *, ca_bundle: str | None = None, timeout: float = 5.0) -> bool:
    """Cheap reachability check for automatic sync: True when FieldApp's ping answers."""
    policy = RetryPolicy(
        connect_timeout=timeout,
        read_timeout=timeout,
        attempts=1,
        deadline=timeout,
        request_deadline=timeout,
        reach_timeout=0,  # the probe is itself the ping
    )
    try:
        with Transport(server_url, ca_bundle=ca_bundle, policy=policy) as http:
            reply = http.call("GET", "/ping", p.Ping)
    except SyncError:
        return False
    ping: p.Ping = reply.body
    return ping.service == p.SERVICE_NAME and ping.api == p.API_VERSION
