"""The profile at rest: a SQLCipher database and sealed attachments under a random profile key.

- The profile key is 32 random bytes made when the profile is created. `profile.key` keeps it
  wrapped (fieldapp.crypto.wrap_key: Argon2id of the agent's PIN or passphrase, OWASP cost,
  parameters in the header). Two subkeys come from it (HKDF): the SQLCipher key, given raw
  (`x'…'`, so SQLCipher runs no KDF of its own at each connection), and the attachments' key.
- `unlock(data_dir, passphrase)` unwraps it once per process and keeps it for every Store of
  that profile (the UI's worker and sync threads open their own connections). A wrong PIN
  fails authentication in memory: no database is opened and nothing is written.
- Without an explicit unlock, `FIELDAPP_PASSPHRASE` unlocks (CLI, tests, `make run`), then an
  OS-keyring copy if the agent turned it on for this profile (`remember_in_keyring`).
- A forgotten PIN cannot be recovered: there is no other copy of the key by design. What was
  synced is on the server; the agent re-enrolls on a new profile.
- A plaintext profile (schema 4 and earlier, before encryption) is converted in place at its
  first open, crash-safely (`convert_plaintext`): a kill -9 at any moment leaves either the old
  plaintext profile or the new encrypted one, and the next open finishes the job.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as dbapi

from fieldapp import crypto
from fieldapp.files import write_atomically
from fieldapp.store.errors import StoreError, StoreErrorCode, translate

ENV_PASSPHRASE = "FIELDAPP_PASSPHRASE"  # noqa: S105 - the variable's name
# Tests only: a cheaper Argon2id (8 MiB, 1 pass) for the hundreds of profiles a test run
# makes. Unset, new keys get OWASP's cost; a key file always says the cost it was made with.
ENV_KDF_CHEAP = "FIELDAPP_KDF_CHEAP"
KEY_FILE = "profile.key"
KEYRING_MARKER = "profile.keyring"
KEYRING_SERVICE = "FieldApp profile"
CONVERTING_SUFFIX = ".encrypting"
MIN_PASSPHRASE = 6
SQLITE_MAGIC = b"SQLite format 3\x00"

_keys: dict[Path, bytes] = {}
_pending: dict[Path, str] = {}  # new profiles' chosen passphrases, until their key is made
_keys_lock = threading.Lock()


def _where(data_dir: Path) -> Path:
    return Path(data_dir).expanduser().resolve()


def key_path(data_dir: Path) -> Path:
    return Path(data_dir) / KEY_FILE


def is_plaintext(db_path: Path) -> bool:
    """A profile written before encryption (or a plain SQLite file): its header says so."""
    try:
        with Path(db_path).open("rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except FileNotFoundError:
        return False


def refuse_foreign_file(data_dir: Path) -> None:
    """StoreError NOT_A_DATABASE when `fieldapp.db` is neither plaintext SQLite nor, next to
    its key file, an encrypted profile (an encrypted file looks like noise)."""
    path = Path(data_dir) / "fieldapp.db"
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise translate(exc, str(path)) from exc
    if head and head != SQLITE_MAGIC and not key_path(Path(data_dir)).exists():
        raise StoreError(
            StoreErrorCode.NOT_A_DATABASE,
            f"{path} is not a FieldApp database (it is another kind of file, or "
            "damaged). Move it away or choose another data dir; it was left untouched.",
            path=str(path),
        )


def kdf_params() -> crypto.Argon2Params:
    if os.environ.get(ENV_KDF_CHEAP) == "1":
        return crypto.Argon2Params(memory_kib=8 * 1024, iterations=1)
    return crypto.OWASP_ARGON2ID


def secure_dir(path: Path) -> None:
    """Create `path` (and parents) and make it 0700: the profile is nobody else's."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):  # not ours to change (e.g. a mounted share)
        os.chmod(path, 0o700)


def unlock(data_dir: Path, passphrase: str) -> None:
    """Unwrap this profile's key (or make one for a new profile) and keep it for this process.

    StoreError WRONG_PASSPHRASE for a wrong PIN (nothing read, nothing written), INVALID for a
    new passphrase that is too short."""
    where = _where(data_dir)
    path = key_path(where)
    if path.exists():
        try:
            key = crypto.unwrap_key(path.read_bytes(), passphrase)
        except crypto.CryptoError as exc:
            if exc.wrong_passphrase:
                raise StoreError(
                    StoreErrorCode.WRONG_PASSPHRASE,
                    "Wrong PIN or passphrase for this profile. A forgotten PIN cannot be "
                    "recovered: what was synced is safe on the server; ask your coordinator "
                    "for a new enrollment code and enroll this laptop on a new profile.",
                    path=str(path),
                ) from exc
            raise StoreError(
                StoreErrorCode.CORRUPT,
                f"The key file {path} is damaged ({exc}); the profile cannot be opened.",
                path=str(path),
            ) from exc
    else:
        refuse_foreign_file(where)  # no key made next to someone else's file
        if len(passphrase) < MIN_PASSPHRASE:
            raise StoreError(
                StoreErrorCode.INVALID,
                f"Choose a PIN or passphrase of at least {MIN_PASSPHRASE} characters.",
                path=str(path),
            )
        # A new profile's key is made when the profile is first opened (profile_key): a
        # command that fails before (a refused enrollment) leaves no key file behind.
        with _keys_lock:
            _pending[where] = passphrase
        return
    with _keys_lock:
        _keys[where] = key


def unlocked(data_dir: Path) -> bool:
    where = _where(data_dir)
    return where in _keys or where in _pending


def needs_new_passphrase(data_dir: Path) -> bool:
    """True when no key exists yet: the agent chooses a PIN (typed twice) instead of typing it."""
    return not key_path(Path(data_dir)).exists()


def lock(data_dir: Path) -> None:
    """Forget this profile's key in this process (open connections keep theirs)."""
    with _keys_lock:
        _keys.pop(_where(data_dir), None)
        _pending.pop(_where(data_dir), None)


def profile_key(data_dir: Path) -> bytes:
    """The unlocked key: from `unlock`, else FIELDAPP_PASSPHRASE, else the OS keyring copy."""
    where = _where(data_dir)
    with _keys_lock:
        key = _keys.get(where)
        chosen = _pending.pop(where, None)
    if key is not None:
        return key
    if chosen is not None and not key_path(where).exists():
        return _create_key(where, chosen)
    env = os.environ.get(ENV_PASSPHRASE)
    if env:
        if not key_path(where).exists():
            unlock(where, env)  # checks it like a typed one
            return _create_key(where, env)
        unlock(where, env)
        return _keys[where]
    remembered = _from_keyring(where)
    if remembered is not None:
        with _keys_lock:
            _keys[where] = remembered
        return remembered
    raise StoreError(
        StoreErrorCode.PASSPHRASE_NEEDED,
        "This profile is encrypted: type its PIN or passphrase (the CLI asks on a terminal, "
        f"or reads {ENV_PASSPHRASE}).",
        path=str(where),
    )


def _create_key(where: Path, passphrase: str) -> bytes:
    """Make and wrap a new profile's key (the key file written whole, 0600)."""
    key = crypto.new_key()
    try:
        secure_dir(where)
        write_atomically(key_path(where), crypto.wrap_key(key, passphrase, kdf_params()))
    except OSError as exc:
        raise translate(exc, str(where)) from exc
    with _keys_lock:
        _keys[where] = key
        _pending.pop(where, None)
    return key


# -- optional OS-keyring copy -----------------------------------------------------------------


def remember_in_keyring(data_dir: Path, remember: bool) -> bool:
    """Keep (or drop) a copy of the unlocked key in the OS keyring, so that this profile opens
    without typing. Off by default; an organisation setting. False when no keyring works."""
    where = _where(data_dir)
    marker = where / KEYRING_MARKER
    try:
        import keyring
        import keyring.errors

        if remember:
            keyring.set_password(KEYRING_SERVICE, str(where), profile_key(where).hex())
            write_atomically(marker, b"the profile key is also in the OS keyring\n")
        else:
            marker.unlink(missing_ok=True)
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                keyring.delete_password(KEYRING_SERVICE, str(where))
    except (ImportError, RuntimeError, OSError) as exc:  # keyring.errors.* are RuntimeErrors
        if remember:
            marker.unlink(missing_ok=True)
            return False
        raise StoreError(StoreErrorCode.INVALID, f"Cannot reach the OS keyring: {exc}") from exc
    return True


def _from_keyring(where: Path) -> bytes | None:
    if not (where / KEYRING_MARKER).exists():
        return None  # never ask a keyring (it may be slow or prompt) unless asked to
    try:
        import keyring

        value = keyring.get_password(KEYRING_SERVICE, str(where))
    except (ImportError, RuntimeError, OSError):
        return None
    if not value:
        return None
    try:
        return bytes.fromhex(value)
    except ValueError:
        return None


# -- connections ------------------------------------------------------------------------------


def db_key(master: bytes) -> bytes:
    return crypto.subkey(master, "fieldapp profile database v1")


def attachments_key(master: bytes) -> bytes:
    return crypto.subkey(master, "fieldapp profile attachments v1")


def connect(path: Path, master: bytes, **kwargs: Any) -> Any:
    """A SQLCipher connection to `path` with the profile's key (raw key: no per-open KDF)."""
    conn = dbapi.connect(str(path), **kwargs)
    try:
        conn.execute(f"PRAGMA key = \"x'{db_key(master).hex()}'\"")
        # Any read proves the key: SQLCipher only decrypts page 1 here.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi.Error:
        conn.close()
        raise
    return conn


def _fsync_dir(path: Path) -> None:
    if os.name == "posix":
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def convert_plaintext(db_path: Path, master: bytes) -> None:
    """Encrypt a plaintext profile in place; a kill at any moment leaves the old plaintext
    profile or the new encrypted one, both openable, and calling this again finishes the job.

    1. checkpoint the plaintext WAL into the file (a crash: still plaintext, complete);
    2. seal each attachment in place, one atomic rename each (readers tell sealed from plain
       by their header, so a half-sealed folder reads whole);
    3. sqlcipher_export into `<db>.encrypting`, fsynced (a crash: the leftover is dropped);
    4. remove the plaintext WAL/SHM, then rename the encrypted copy over the plaintext file
       and fsync the folder: the one atomic step from old to new.
    """
    db_path = Path(db_path)
    temp = db_path.with_name(db_path.name + CONVERTING_SUFFIX)
    for leftover in (temp, *_sidecars(temp)):
        leftover.unlink(missing_ok=True)
    plain = sqlite3.connect(db_path, isolation_level=None)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = int(plain.execute("PRAGMA user_version").fetchone()[0])
    finally:
        plain.close()
    seal_attachments(db_path.parent / "attachments", master)
    conn = dbapi.connect(str(db_path), isolation_level=None)
    try:
        conn.execute(
            f"ATTACH DATABASE ? AS encrypted KEY \"x'{db_key(master).hex()}'\"", (str(temp),)
        )
        conn.execute("SELECT sqlcipher_export('encrypted')")
        conn.execute(f"PRAGMA encrypted.user_version = {version}")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()
    with temp.open("rb+") as fh:
        os.fsync(fh.fileno())
    os.chmod(temp, 0o600)
    for sidecar in _sidecars(db_path):
        sidecar.unlink(missing_ok=True)
    os.replace(temp, db_path)
    _fsync_dir(db_path.parent)


def _sidecars(db_path: Path) -> tuple[Path, Path, Path]:
    return (
        db_path.with_name(db_path.name + "-wal"),
        db_path.with_name(db_path.name + "-shm"),
        db_path.with_name(db_path.name + "-journal"),
    )


def seal_attachments(folder: Path, master: bytes) -> int:
    """Seal every plaintext attachment under `folder` in place; returns how many."""
    if not folder.exists():
        return 0
    key = attachments_key(master)
    count = 0
    for path in sorted(folder.glob("??/*")):
        if path.name.startswith(".") or not path.is_file():
            continue
        data = path.read_bytes()
        if crypto.is_sealed(data):
            continue
        write_atomically(path, crypto.seal(key, data, path.name))
        count += 1
    return count


def read_attachment(path: Path, master: bytes) -> bytes:
    """The plaintext of an attachment file (sealed, or plaintext mid-conversion)."""
    data = Path(path).read_bytes()
    if not crypto.is_sealed(data):
        return data
    try:
        return crypto.unseal(attachments_key(master), data, Path(path).name)
    except crypto.CryptoError as exc:
        raise StoreError(
            StoreErrorCode.CORRUPT, f"The attachment {path} is damaged ({exc}).", path=str(path)
        ) from exc


def seal_attachment(master: bytes, data: bytes, name: str) -> bytes:
    return crypto.seal(attachments_key(master), data, name)


def open_raw(data_dir: Path) -> Any:
    """A bare connection to an unlocked profile's database (tools and tests; no migrations)."""
    return connect(Path(data_dir) / "fieldapp.db", profile_key(Path(data_dir)))
