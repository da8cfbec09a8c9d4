"""Sneakernet: a device's unacknowledged changes carried on a USB stick, and the receipt back.

    agent        fieldapp bundle export --out FILE       outbox + attachments, signed, encrypted
    coordinator  fieldapp bundle import FILE             verified, kept for relaying
    coordinator  fieldapp sync                           relays them (sync.client, `relay`)
    coordinator  fieldapp bundle receipt FILE --out R    what the server acknowledged
    agent        fieldapp bundle import R                clears those changes from the outbox

The same apply/acknowledge logic as a network sync: each change keeps its client-made id (the
server applies it at most once), is signed by the device that made it (`relay_signature`), and
leaves the agent's outbox only when a receipt carries the server's acknowledgement of it.

File format: MAGIC, kind (B bundle / R receipt), the scrypt parameters (fieldapp.crypto.KdfParams:
OWASP's current cost when written, any bounded cost when read), scrypt salt, AES-GCM nonce, a
16-byte key check (tells a wrong passphrase from a damaged file), the ciphertext length, then
the AES-256-GCM ciphertext of a zip (manifest.json + attachments by SHA-256) with the header as
associated data: any flipped or missing byte fails authentication. Attachments are checked
again against their SHA-256 after decryption. Files of the first format (MAGIC_V1, no
parameters: scrypt N=2^15, r=8) still open.
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import hmac
import io
import json
import os
import secrets
import struct
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from fieldapp.crypto import OWASP_SCRYPT, CryptoError, KdfParams, derive
from fieldapp.domain import new_id, utcnow
from fieldapp.files import write_atomically
from fieldapp.paths import existing_profile
from fieldapp.store import AckResult, Store, StoreError
from sync import protocol as p
from sync.credentials import DeviceKeyStore, TokenStore

MAGIC = b"FLDAPPB2"
MAGIC_V1 = b"FLDAPPB1"
KIND_BUNDLE = b"B"
KIND_RECEIPT = b"R"
HEADER = struct.Struct(">8sc4s16s12s16sQ")
HEADER_V1 = struct.Struct(">8sc16s12s16sQ")
KDF_V1 = KdfParams(log2_n=15, r=8, p=1)
MIN_PASSPHRASE = 8
ENV_PASSPHRASE = "FIELDAPP_BUNDLE_PASSPHRASE"  # noqa: S105 - the variable's name
EXIT_OK = 0
EXIT_INCOMPLETE = 1
EXIT_FAILED = 2


class BundleErrorCode(StrEnum):
    NOT_A_BUNDLE = "not_a_bundle"
    TRUNCATED = "truncated"
    WRONG_PASSPHRASE = "wrong_passphrase"  # noqa: S105 - an error code
    TAMPERED = "tampered"
    WRONG_KIND = "wrong_kind"
    WRONG_DEVICE = "wrong_device"
    NOT_ENROLLED = "not_enrolled"
    NOT_COORDINATOR = "not_coordinator"
    NOTHING = "nothing"
    IO = "io"


class BundleError(Exception):
    """A bundle or receipt that cannot be used; `str()` is one sentence for a person."""

    def __init__(self, code: BundleErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(slots=True)
class ExportReport:
    bundle_id: str
    changes: int
    attachments: int
    size: int


@dataclass(slots=True)
class ImportReport:
    kind: str  # "bundle" or "receipt"
    bundle_id: str
    origin_user: str
    changes: int = 0  # in the file
    new: int = 0  # relayed changes not seen before (bundle) / outbox entries cleared (receipt)
    attachments: int = 0
    set_aside: int = 0
    already: bool = False


@dataclass(slots=True)
class ReceiptReport:
    bundle_id: str
    acknowledged: int = 0
    set_aside: int = 0
    pending: int = 0
    ids: list[str] = field(default_factory=list)


# -- encryption -------------------------------------------------------------------------------


def _keys(passphrase: str, salt: bytes, params: KdfParams) -> tuple[bytes, bytes]:
    material = derive(passphrase, salt, params, length=64)
    check = hmac.new(material[32:], b"fieldapp-bundle-check", hashlib.sha256).digest()[:16]
    return material[:32], check


def seal(kind: bytes, plaintext: bytes, passphrase: str, params: KdfParams = OWASP_SCRYPT) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    key, check = _keys(passphrase, salt, params)
    length = len(plaintext) + 16  # GCM tag
    header = HEADER.pack(MAGIC, kind, params.pack(), salt, nonce, check, length)
    return header + AESGCM(key).encrypt(nonce, plaintext, header)


def unseal(data: bytes, passphrase: str) -> tuple[bytes, bytes]:
    """(kind, plaintext) of a sealed file, or BundleError saying exactly what is wrong."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    magic = data[: len(MAGIC)]
    if magic not in (MAGIC, MAGIC_V1):
        raise BundleError(BundleErrorCode.NOT_A_BUNDLE, "this file is not a FieldApp bundle")
    header_format = HEADER if magic == MAGIC else HEADER_V1
    if len(data) < header_format.size:
        raise BundleError(BundleErrorCode.TRUNCATED, "this bundle is truncated (copy it again)")
    if magic == MAGIC:
        _, kind, packed, salt, nonce, check, length = HEADER.unpack_from(data)
        try:
            params = KdfParams.unpack(packed)
        except CryptoError as exc:
            raise BundleError(
                BundleErrorCode.TAMPERED, "this bundle was altered or damaged"
            ) from exc
    else:
        _, kind, salt, nonce, check, length = HEADER_V1.unpack_from(data)
        params = KDF_V1
    body = data[header_format.size :]
    if len(body) < length:
        raise BundleError(
            BundleErrorCode.TRUNCATED,
            f"this bundle is truncated: {len(body)} of {length} bytes (copy it again)",
        )
    if len(body) > length or kind not in (KIND_BUNDLE, KIND_RECEIPT):
        raise BundleError(BundleErrorCode.TAMPERED, "this bundle was altered or damaged")
    key, expected = _keys(passphrase, salt, params)
    if not hmac.compare_digest(check, expected):
        raise BundleError(BundleErrorCode.WRONG_PASSPHRASE, "wrong passphrase for this bundle")
    try:
        plaintext = AESGCM(key).decrypt(nonce, body, data[: header_format.size])
    except InvalidTag as exc:
        raise BundleError(
            BundleErrorCode.TAMPERED, "this bundle was altered or damaged (its checksum fails)"
        ) from exc
    return kind, plaintext


def _write_atomically(path: Path, data: bytes) -> None:
    try:
        write_atomically(Path(path), data)
    except OSError as exc:
        raise BundleError(BundleErrorCode.IO, f"cannot write {path}: {exc.strerror}") from exc


def _read(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise BundleError(BundleErrorCode.IO, f"cannot read {path}: {exc.strerror}") from exc


def _open_file(path: Path, passphrase: str) -> tuple[bytes, dict[str, Any], zipfile.ZipFile]:
    kind, plaintext = unseal(_read(path), passphrase)
    try:
        archive = zipfile.ZipFile(io.BytesIO(plaintext))
        manifest = json.loads(archive.read("manifest.json"))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BundleError(BundleErrorCode.TAMPERED, "this bundle's content is malformed") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != "fieldapp-bundle":
        raise BundleError(BundleErrorCode.TAMPERED, "this bundle's content is malformed")
    return kind, manifest, archive


# -- agent: export ----------------------------------------------------------------------------


def _signer(store: Store, token_hash: str) -> Callable[[str, str], str]:
    """How this device signs its changes: its own Ed25519 key (enrolled with protocol 2), else
    the HMAC of its token hash (enrolled before; the server still checks that one)."""
    private = DeviceKeyStore(store.data_dir).load()
    if private:
        return lambda change_id, digest: p.device_signature(private, change_id, digest)
    return lambda change_id, digest: p.relay_signature(token_hash, change_id, digest)


def _identity(store: Store) -> tuple[str, str, str]:
    from sync.enrollment import check_not_copied
    from sync.errors import SyncError
    from sync.state import STATE_DEVICE, STATE_USERNAME

    try:
        check_not_copied(store)
    except SyncError as exc:
        raise BundleError(BundleErrorCode.NOT_ENROLLED, str(exc)) from exc

    device = store.get_state(STATE_DEVICE)
    token = TokenStore(store.data_dir).load()
    if not device or not token:
        raise BundleError(
            BundleErrorCode.NOT_ENROLLED,
            "this profile is not enrolled: a bundle must be signed by an enrolled device "
            "(enroll it once at the office with 'fieldapp enroll')",
        )
    token_hash = hashlib.sha256(token.encode()).hexdigest()
    return device, store.get_state(STATE_USERNAME) or "", token_hash


def _establishment_codes(store: Store) -> dict[str, str]:
    """Establishment id -> official code, as this laptop holds them."""
    return {str(i): str(c) for i, c in store.conn.execute("SELECT id, code FROM establishments")}


def export_bundle(store: Store, out: Path, passphrase: str) -> ExportReport:
    """Write the outbox (what a sync would push, each change signed) and the attachments not
    yet uploaded into one encrypted file."""
    device, username, token_hash = _identity(store)
    sign = _signer(store, token_hash)
    codes = _establishment_codes(store)
    changes: list[dict[str, Any]] = []
    after = 0
    while True:
        page = store.changes_to_push(after_seq=after, limit=p.MAX_PUSH_CHANGES)
        if not page:
            break
        after = page[-1].seq
        for change in page:
            digest = p.change_digest(
                change.entity, change.entity_id, change.op, change.base_revision, change.payload
            )
            item: dict[str, Any] = {
                "id": change.id,
                "entity": change.entity,
                "entity_id": change.entity_id,
                "op": change.op,
                "base_revision": change.base_revision,
                "payload": change.payload,
                "created_at": change.created_at,
                "device_seq": change.device_seq,
                "signature": sign(change.id, digest),
            }
            # The establishment's official code, signed too: a server rebuilt since (the
            # registry imported again under new ids) finds the establishment by it.
            establishment = change.payload.get("establishment_id")
            code = codes.get(establishment) if isinstance(establishment, str) else None
            if code:
                item["establishment_code"] = code
                item["code_signature"] = sign(
                    change.id, p.establishment_claim(str(establishment), code)
                )
            changes.append(item)
    uploads = store.pending_uploads()
    if not changes and not uploads:
        raise BundleError(BundleErrorCode.NOTHING, "the outbox is empty: there is nothing to carry")
    buffer = io.BytesIO()
    attachments = []
    with zipfile.ZipFile(buffer, "w") as archive:
        for change, size in uploads:
            sha = change.entity_id
            try:
                data = store.read_attachment(sha)
            except OSError as exc:
                raise BundleError(
                    BundleErrorCode.IO, f"attachment {sha[:12]} cannot be read: {exc.strerror}"
                ) from exc
            except StoreError as exc:
                raise BundleError(BundleErrorCode.IO, str(exc)) from exc
            mime = store.conn.execute(
                "SELECT mime FROM attachments WHERE sha256 = ?", (sha,)
            ).fetchone()
            archive.writestr(f"attachments/{sha}", data, compress_type=zipfile.ZIP_STORED)
            attachments.append(
                {
                    "change_id": change.id,
                    "sha256": sha,
                    "size": size,
                    "mime": mime[0] if mime else "",
                    # Signed as a change is: the server's receipt for the file then clears
                    # this upload from the outbox (sync.protocol.ENTITY_ATTACHMENT).
                    "signature": sign(change.id, p.attachment_digest(sha, size)),
                }
            )
        manifest = {
            "format": "fieldapp-bundle",
            "version": 1,
            "kind": "bundle",
            "bundle_id": new_id(),
            "created_at": utcnow(),
            "origin": {"device_id": device, "username": username},
            "changes": changes,
            "attachments": attachments,
        }
        archive.writestr(
            "manifest.json",
            json.dumps(manifest, ensure_ascii=False),
            compress_type=zipfile.ZIP_DEFLATED,
        )
    sealed = seal(KIND_BUNDLE, buffer.getvalue(), passphrase)
    _write_atomically(out, sealed)
    return ExportReport(str(manifest["bundle_id"]), len(changes), len(attachments), len(sealed))


# -- both sides: import -----------------------------------------------------------------------


def import_file(store: Store, path: Path, passphrase: str) -> ImportReport:
    """A bundle (on a coordinator's laptop: kept for relaying) or a receipt (on the laptop
    that exported the bundle: clears what the server acknowledged). Importing twice changes
    nothing the second time."""
    kind, manifest, archive = _open_file(path, passphrase)
    if kind == KIND_RECEIPT:
        return _import_receipt(store, manifest)
    from sync.state import STATE_ROLE

    if store.get_state(STATE_ROLE) not in ("coordinator", "admin"):
        raise BundleError(
            BundleErrorCode.NOT_COORDINATOR,
            "this is an agent's bundle: import it on a coordinator's laptop (enrolled as "
            "coordinator), which relays it to the server",
        )
    bundle_id = str(manifest.get("bundle_id") or "")
    origin = manifest.get("origin") or {}
    changes = list(manifest.get("changes") or [])
    report = ImportReport(
        "bundle", bundle_id, str(origin.get("username") or ""), changes=len(changes)
    )
    # Check every attachment before writing anything: all of the bundle, or nothing.
    files: list[tuple[dict[str, Any], bytes]] = []
    for item in manifest.get("attachments") or []:
        try:
            data = archive.read(f"attachments/{item['sha256']}")
        except KeyError as exc:
            raise BundleError(BundleErrorCode.TAMPERED, "an attachment is missing") from exc
        if hashlib.sha256(data).hexdigest() != item["sha256"]:
            raise BundleError(BundleErrorCode.TAMPERED, "an attachment fails its checksum")
        files.append((item, data))
    report.already = store.bundle_imported(bundle_id)
    # Photo files this import writes (a failure may come after a file, before its row).
    new_files = [
        path
        for item, _ in files
        if not (path := store.attachment_path(str(item["sha256"]))).exists()
    ]

    def written() -> int:
        return sum(1 for path in new_files if path.exists())

    try:
        for item, data in files:
            store.add_attachment(data, str(item.get("mime") or "application/octet-stream"))
    except StoreError as exc:
        raise _partly_imported(exc, written(), len(files)) from exc
    relayed = changes + [
        {
            "id": item["change_id"],
            "entity": p.ENTITY_ATTACHMENT,
            "entity_id": item["sha256"],
            "op": p.OP_UPLOAD,
            "payload": {"size": item.get("size", 0)},
            "signature": item.get("signature") or "",
        }
        for item, _ in files
    ]
    try:
        report.new = store.import_relay(
            bundle_id, "bundle", str(origin.get("device_id") or ""), report.origin_user, relayed
        )
    except StoreError as exc:
        raise _partly_imported(exc, written(), len(files)) from exc
    report.attachments = len(files)
    return report


def _partly_imported(exc: StoreError, written: int, total: int) -> StoreError:
    """Say exactly what an interrupted import kept: the photos written before the failure
    stay (named by their SHA-256, reused when the import runs again), no change is recorded."""
    first = str(exc).split(" (nothing was saved")[0].rstrip(". ")
    return StoreError(
        exc.code,
        f"{first}. The bundle was not imported: no change of it was recorded; {written} of "
        f"{total} photos were written to this laptop before that (they are reused when the "
        "import is run again).",
        path=exc.path,
    )


def _import_receipt(store: Store, manifest: dict[str, Any]) -> ImportReport:
    from sync.run.push import ack_of
    from sync.state import STATE_DEVICE, STATE_SERVER_KEY

    bundle_id = str(manifest.get("bundle_id") or "")
    device = store.get_state(STATE_DEVICE)
    if manifest.get("device_id") != device:
        raise BundleError(
            BundleErrorCode.WRONG_DEVICE,
            "this receipt is for another laptop's bundle (another device): nothing was changed",
        )
    results = [p.ChangeResult.model_validate(r) for r in manifest.get("results") or []]
    # Only what the server signed for this device counts: a receipt anyone with the passphrase
    # could write must not clear the outbox. A file the server signed for (it holds it
    # complete) clears this laptop's upload of exactly that file; one without a signature (an
    # older server) stays queued for the next direct sync.
    files = [f for f in manifest.get("attachments") or [] if isinstance(f, dict)]
    server_key = store.get_state(STATE_SERVER_KEY)
    if (results or files) and not server_key:
        raise BundleError(
            BundleErrorCode.TAMPERED,
            "this laptop does not know the server's key to check a receipt (it was enrolled "
            "by an older FieldApp): sync it directly once, or enroll it again; nothing was changed",
        )
    if any(not p.verify_receipt(server_key or "", device or "", r) for r in results):
        raise BundleError(
            BundleErrorCode.TAMPERED,
            "this receipt is not signed by the server for this laptop: nothing was changed",
        )
    if any(
        not p.verify_attachment_receipt(
            server_key or "", device or "", str(f.get("change_id")), str(f.get("sha256")),
            str(f.get("receipt") or ""),
        )
        for f in files
    ):  # fmt: skip
        raise BundleError(
            BundleErrorCode.TAMPERED,
            "this receipt is not signed by the server for this laptop: nothing was changed",
        )
    pending = {c.id: c for c in store.pending_changes(limit=1_000_000)}
    acks = [ack_of(r) for r in results]
    acks += [
        AckResult(str(f["change_id"]))
        for f in files
        if (upload := pending.get(str(f["change_id"]))) is not None
        and upload.entity == p.ENTITY_ATTACHMENT
        and upload.entity_id == f["sha256"]
    ]
    report = ImportReport("receipt", bundle_id, "", changes=len(acks))
    report.attachments = len(files)
    report.already = store.bundle_imported(bundle_id)
    report.new = store.acknowledge(acks)
    known = {c.id for c in store.pending_changes(limit=1_000_000)}
    for item in manifest.get("set_aside") or []:
        if item.get("id") in known:
            store.set_aside(str(item["id"]), str(item.get("reason") or "refused"))
            report.set_aside += 1
    store.record_receipt(bundle_id, device or "", report.new)
    return report


# -- coordinator: receipt ---------------------------------------------------------------------


def write_receipt(store: Store, bundle: Path, out: Path, passphrase: str) -> ReceiptReport:
    """A receipt of what the server acknowledged of a bundle imported here (after a sync)."""
    kind, manifest, _ = _open_file(bundle, passphrase)
    if kind != KIND_BUNDLE:
        raise BundleError(BundleErrorCode.WRONG_KIND, "this file is a receipt, not a bundle")
    bundle_id = str(manifest.get("bundle_id") or "")
    entries = store.relay_entries(bundle_id)
    if not entries:
        raise BundleError(
            BundleErrorCode.WRONG_KIND,
            "this bundle was not imported on this laptop: run 'fieldapp bundle import' first",
        )
    report = ReceiptReport(bundle_id)
    results, attachments, set_aside = [], [], []
    for entry in entries:
        if entry.state == "acknowledged":
            report.acknowledged += 1
            report.ids.append(entry.change_id)
            if entry.entity == p.ENTITY_ATTACHMENT:
                receipt = (entry.result or {}).get("receipt")
                attachments.append(
                    {"change_id": entry.change_id, "sha256": entry.entity_id, "receipt": receipt}
                    if receipt
                    else entry.change_id  # no server signature (an older server): stays queued
                )
            else:
                results.append(entry.result)
        elif entry.state == "set_aside":
            report.set_aside += 1
            set_aside.append({"id": entry.change_id, "reason": entry.reason})
        else:
            report.pending += 1
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        receipt = {
            "format": "fieldapp-bundle",
            "version": 1,
            "kind": "receipt",
            "bundle_id": bundle_id,
            "device_id": (manifest.get("origin") or {}).get("device_id"),
            "created_at": utcnow(),
            "results": results,
            "attachments": attachments,
            "set_aside": set_aside,
        }
        archive.writestr("manifest.json", json.dumps(receipt, ensure_ascii=False))
    _write_atomically(out, seal(KIND_RECEIPT, buffer.getvalue(), passphrase))
    return report


# -- command line -----------------------------------------------------------------------------


def passphrase_from_env_or_prompt(*, confirm: bool = False) -> str:
    value = os.environ.get(ENV_PASSPHRASE)
    if value is None:
        if not sys.stdin.isatty():
            raise BundleError(
                BundleErrorCode.WRONG_PASSPHRASE,
                f"no passphrase: set {ENV_PASSPHRASE} or run in a terminal to be asked",
            )
        value = getpass.getpass("Bundle passphrase: ")
        if confirm and getpass.getpass("Again: ") != value:
            raise BundleError(BundleErrorCode.WRONG_PASSPHRASE, "the passphrases differ")
    if confirm and len(value) < MIN_PASSPHRASE:
        raise BundleError(
            BundleErrorCode.WRONG_PASSPHRASE,
            f"choose a passphrase of at least {MIN_PASSPHRASE} characters",
        )
    return value


def register(subparsers: Any) -> None:
    cmd = subparsers.add_parser(
        "bundle", help="carry changes on a USB stick when there is no connection"
    )
    sub = cmd.add_subparsers(dest="bundle_command", required=True)
    export = sub.add_parser("export", help="write this laptop's unsent changes to a file")
    export.add_argument("--out", required=True, metavar="FILE")
    export.set_defaults(func=_cmd_export)
    imp = sub.add_parser(
        "import", help="import a bundle (coordinator) or a receipt (the laptop that exported)"
    )
    imp.add_argument("file", metavar="FILE")
    imp.set_defaults(func=_cmd_import)
    receipt = sub.add_parser(
        "receipt", help="write what the server acknowledged of an imported bundle"
    )
    receipt.add_argument("file", metavar="FILE", help="the bundle imported here")
    receipt.add_argument("--out", required=True, metavar="RECEIPT")
    receipt.set_defaults(func=_cmd_receipt)


def _fail(message: str) -> int:
    print(f"fieldapp: error: {message}", file=sys.stderr)
    return EXIT_FAILED


def _cmd_export(args: argparse.Namespace) -> int:
    try:
        passphrase = passphrase_from_env_or_prompt(confirm=True)
        with Store.open(existing_profile(args.data_dir)) as store:
            report = export_bundle(store, Path(args.out), passphrase)
    except (BundleError, StoreError) as exc:
        return _fail(str(exc))
    print(
        f"Bundle {report.bundle_id} written to {args.out}: {report.changes} changes, "
        f"{report.attachments} attachments, {report.size} bytes."
    )
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    try:
        passphrase = passphrase_from_env_or_prompt()
        with Store.open(existing_profile(args.data_dir)) as store:
            report = import_file(store, Path(args.file), passphrase)
    except (BundleError, StoreError) as exc:
        return _fail(str(exc))
    if report.kind == "receipt":
        print(
            f"Receipt of bundle {report.bundle_id}: {report.new} changes cleared from the "
            f"outbox, {report.set_aside} set aside by the server"
            + (" (already imported: nothing new)." if report.already else ".")
        )
    else:
        print(
            f"Bundle {report.bundle_id} from {report.origin_user or 'an agent'}: "
            f"{report.changes} changes and {report.attachments} attachments, {report.new} new; "
            "they go to the server at the next sync"
            + (" (already imported: nothing new)." if report.already else ".")
        )
    return EXIT_OK


def _cmd_receipt(args: argparse.Namespace) -> int:
    try:
        passphrase = passphrase_from_env_or_prompt()
        with Store.open(existing_profile(args.data_dir)) as store:
            report = write_receipt(store, Path(args.file), Path(args.out), passphrase)
    except (BundleError, StoreError) as exc:
        return _fail(str(exc))
    print(
        f"Receipt written to {args.out}: {report.acknowledged} acknowledged, "
        f"{report.set_aside} set aside, {report.pending} not yet sent (sync, then write "
        "the receipt again)."
    )
    return EXIT_OK if report.pending == 0 else EXIT_INCOMPLETE
