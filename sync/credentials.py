"""Where a device token lives: the OS keyring, or a 0600 file in the profile without one.

A headless machine (a server, CI, some Linux laptops) has no keyring backend; keyring then
gives its `fail` or `null` backend, which we detect instead of letting a save silently vanish.
In an encrypted profile the file is sealed (AES-256-GCM) under a subkey of the profile key,
bound to its name: a stolen disk gives neither the token (which pulls the agent's data) nor
the device's signing key (which signs its bundles) without the PIN. A plain file written by an
older release still loads, and is sealed on that first read.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import uuid
from pathlib import Path

SERVICE = "FieldApp device token"
TOKEN_FILE = "device-token"  # noqa: S105 - a file name, not a secret
SECRETS_PURPOSE = "fieldapp device secrets"  # the profile subkey sealing the files below
ENV_BACKEND = "FIELDAPP_TOKEN_STORE"  # "file" forces the file (tests, shared machines)


def _usable_keyring() -> object | None:
    if os.environ.get(ENV_BACKEND, "").lower() == "file":
        return None
    try:
        import keyring
        from keyring.backends import fail, null
    except Exception:  # a broken keyring install must not stop sync: use the file
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring | null.Keyring):
        return None
    chained = getattr(backend, "backends", None)
    if chained is not None and not chained:
        return None
    return backend


class TokenStore:
    """The token of the device enrolled in one profile (data dir)."""

    service = SERVICE
    file_name = TOKEN_FILE

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        # One keyring entry per profile: two profiles on one laptop are two devices.
        self.account = str(self.data_dir.resolve())

    @property
    def file(self) -> Path:
        return self.data_dir / self.file_name

    def save(self, token: str) -> str:
        """Store the token; returns where ('keyring' or the file path)."""
        backend = _usable_keyring()
        if backend is not None:
            try:
                backend.set_password(self.service, self.account, token)  # type: ignore[attr-defined]
                stored = True
            except Exception:  # a locked or broken keyring: the file below, reported as such
                stored = False
            if stored:
                with contextlib.suppress(OSError):
                    self.file.unlink()
                return "keyring"
        self._write_file(token)
        return str(self.file)

    def _sealing_key(self) -> bytes | None:
        """The key that seals this file in an encrypted profile (None for a profile without
        one yet). Raises StoreError when the profile is locked in this process."""
        from fieldapp import crypto
        from fieldapp.store import cipher

        if not (cipher.key_path(self.data_dir).exists() or cipher.unlocked(self.data_dir)):
            return None
        return crypto.subkey(cipher.profile_key(self.data_dir), SECRETS_PURPOSE)

    def _write_file(self, token: str) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        data = token.encode()
        key = self._sealing_key()
        if key is not None:
            from fieldapp import crypto

            data = crypto.seal(key, data, self.file_name)
        tmp = self.file.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, 0o600)  # umask cannot widen it, but an existing file kept its mode
        os.replace(tmp, self.file)

    def load(self) -> str | None:
        backend = _usable_keyring()
        if backend is not None:
            try:
                token = backend.get_password(self.service, self.account)  # type: ignore[attr-defined]
            except Exception:
                token = None
            if token:
                return str(token)
        try:
            data = self.file.read_bytes()
        except OSError:
            return None
        from fieldapp import crypto

        if crypto.is_sealed(data):
            key = self._sealing_key()
            if key is None:
                return None  # a sealed file in a profile without a key: not this profile's
            try:
                return crypto.unseal(key, data, self.file_name).decode() or None
            except crypto.CryptoError:
                return None  # another profile's file, or damaged: enroll again
        text = data.decode("utf-8", "replace").strip()
        if text and self._sealing_key() is not None:
            self._write_file(text)  # written by an older release: sealed from now on
        return text or None

    def clear(self) -> None:
        backend = _usable_keyring()
        if backend is not None:
            with contextlib.suppress(Exception):
                backend.delete_password(self.service, self.account)  # type: ignore[attr-defined]
        with contextlib.suppress(OSError):
            self.file.unlink()


class DeviceKeyStore(TokenStore):
    """The device's Ed25519 private key (hex), made on the device at enrollment: it signs the
    device's bundles; the server only ever sees the public half (sync.client.enroll)."""

    service = "FieldApp device key"
    file_name = "device-key"


def _machine_id() -> str:
    """This computer's own identity: systemd/dbus machine id, Windows' MachineGuid, else the
    hardware address Python finds (stable on one machine, different on another)."""
    for path in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        with contextlib.suppress(OSError):
            text = Path(path).read_text(encoding="ascii").strip()
            if text:
                return text
    if sys.platform == "win32":
        with contextlib.suppress(OSError, ImportError):
            import winreg

            key = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\Microsoft\Cryptography")  # type: ignore[attr-defined,unused-ignore]
            value, _ = winreg.QueryValueEx(key, "MachineGuid")  # type: ignore[attr-defined,unused-ignore]
            return str(value)
    return f"{uuid.getnode():012x}"


def device_fingerprint(data_dir: Path) -> str:
    """What a profile copied to another machine (or folder) cannot keep: this computer's id
    and where the profile lives. Kept in the profile at enrollment; a sync from a profile
    whose fingerprint differs is a copy, which must enroll as a new device (sync.client)."""
    where = str(Path(data_dir).resolve())
    return hashlib.sha256(f"{_machine_id()}\n{where}".encode()).hexdigest()
