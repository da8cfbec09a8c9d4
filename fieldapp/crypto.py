"""Keys from passphrases, wrapped keys and sealed files: the one place FieldApp does crypto.

- KDF costs are written next to everything they protect, so that raising them later keeps
  old files readable, and are checked against bounds when read, so a crafted file cannot make
  us allocate gigabytes. Both follow OWASP's Password Storage Cheat Sheet:
  `Argon2Params` (Argon2id, m=19 MiB, t=2, p=1: OWASP's first choice) for the profile key,
  unwrapped at every start: ~0.1 s on an idle laptop, 0.33 s with 7 processes on 2 cores,
  where scrypt at its OWASP cost took 2 s (128 MiB fights for memory bandwidth);
  `KdfParams` (scrypt N=2^17, r=8, p=1) for bundles, sealed and opened once in a while.
- `wrap_key` / `unwrap_key`: a random key (the profile's) sealed with AES-256-GCM under a key
  derived from the agent's PIN or passphrase. A wrong passphrase fails authentication: nothing
  is ever decrypted with a wrong key.
- `seal` / `unseal`: AES-256-GCM of one file with a fresh nonce, bound to a label (an
  attachment's content address) so that files cannot be swapped unnoticed.

`cryptography` is the dependency: the standard library has no authenticated cipher.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM


KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
KDF_SCRYPT = 1
KDF_ARGON2ID = 2


class CryptoError(Exception):
    """Data that cannot be opened; `wrong_passphrase` tells a bad PIN from a damaged file."""

    def __init__(self, message: str, *, wrong_passphrase: bool = False) -> None:
        super().__init__(message)
        self.wrong_passphrase = wrong_passphrase


@dataclass(frozen=True, slots=True)
class KdfParams:
    """scrypt cost, packed in 4 bytes: algorithm, log2(N), r, p."""

    log2_n: int = 17
    r: int = 8
    p: int = 1

    PACKED = struct.Struct(">BBBB")

    def pack(self) -> bytes:
        return self.PACKED.pack(KDF_SCRYPT, self.log2_n, self.r, self.p)

    @classmethod
    def unpack(cls, data: bytes) -> KdfParams:
        if len(data) < cls.PACKED.size:
            raise CryptoError("the key derivation parameters are truncated")
        kind, log2_n, r, p = cls.PACKED.unpack_from(data)
        if kind != KDF_SCRYPT:
            raise CryptoError(f"unknown key derivation function {kind}")
        params = cls(log2_n, r, p)
        params.check()
        return params

    def check(self) -> None:
        # 2^14..2^22 and r*p <= 64 bound memory at 128 * N * r * p <= 4 GiB... and in practice
        # at what OWASP's ladder uses; anything else is damage or an attack.
        if not (14 <= self.log2_n <= 22 and 1 <= self.r <= 32 and 1 <= self.p <= 16):
            raise CryptoError("the key derivation parameters are out of range")
        if 128 * (2**self.log2_n) * self.r * self.p > 2**31:
            raise CryptoError("the key derivation parameters ask for too much memory")


OWASP_SCRYPT = KdfParams()


@dataclass(frozen=True, slots=True)
class Argon2Params:
    """Argon2id cost, packed in 7 bytes: algorithm, memory (KiB), iterations, lanes."""

    memory_kib: int = 19 * 1024
    iterations: int = 2
    lanes: int = 1

    PACKED = struct.Struct(">BIBB")

    def pack(self) -> bytes:
        return self.PACKED.pack(KDF_ARGON2ID, self.memory_kib, self.iterations, self.lanes)

    @classmethod
    def unpack(cls, data: bytes) -> Argon2Params:
        if len(data) < cls.PACKED.size:
            raise CryptoError("the key derivation parameters are truncated")
        kind, memory_kib, iterations, lanes = cls.PACKED.unpack_from(data)
        if kind != KDF_ARGON2ID:
            raise CryptoError(f"unknown key derivation function {kind}")
        params = cls(memory_kib, iterations, lanes)
        params.check()
        return params

    def check(self) -> None:
        if not (
            8 * 1024 <= self.memory_kib <= 1024 * 1024
            and 1 <= self.iterations <= 10
            and 1 <= self.lanes <= 8
        ):
            raise CryptoError("the key derivation parameters are out of range")


OWASP_ARGON2ID = Argon2Params()


def derive(passphrase: str, salt: bytes, params: KdfParams, length: int = KEY_BYTES) -> bytes:
    """scrypt of the passphrase (UTF-8, NFC as typed)."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    params.check()
    kdf = Scrypt(salt=salt, length=length, n=2**params.log2_n, r=params.r, p=params.p)
    return kdf.derive(passphrase.encode("utf-8"))


def derive_argon2id(
    passphrase: str, salt: bytes, params: Argon2Params, length: int = KEY_BYTES
) -> bytes:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    params.check()
    kdf = Argon2id(
        salt=salt,
        length=length,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(passphrase.encode("utf-8"))


def subkey(master: bytes, purpose: str) -> bytes:
    """An independent key for one purpose (HKDF-SHA256): the database and the attachments
    never share a key."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=purpose.encode()
    ).derive(master)


def _aesgcm(key: bytes) -> AESGCM:
    # cryptography is imported where it is used: commands and windows that never touch a
    # key (the CLI parser, the main window module) start without its ~40 ms import.
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


# -- wrapped keys -----------------------------------------------------------------------------

# FAKEY1: scrypt (KdfParams, 4 bytes); FAKEY2: Argon2id (Argon2Params, 7 bytes). Then the salt,
# the nonce and AES-256-GCM of the key with the header as associated data.
WRAP_MAGIC = b"FAKEY1"
WRAP_HEADER = struct.Struct(f">6s4s{SALT_BYTES}s{NONCE_BYTES}s")
WRAP2_MAGIC = b"FAKEY2"
WRAP2_HEADER = struct.Struct(f">6s7s{SALT_BYTES}s{NONCE_BYTES}s")
AnyKdf = KdfParams | Argon2Params


def wrap_key(key: bytes, passphrase: str, params: AnyKdf = OWASP_ARGON2ID) -> bytes:
    """`key` sealed under a key derived from the passphrase: magic, KDF params, salt, nonce,
    ciphertext."""
    salt, nonce = secrets.token_bytes(SALT_BYTES), secrets.token_bytes(NONCE_BYTES)
    if isinstance(params, Argon2Params):
        header = WRAP2_HEADER.pack(WRAP2_MAGIC, params.pack(), salt, nonce)
        kek = derive_argon2id(passphrase, salt, params)
    else:
        header = WRAP_HEADER.pack(WRAP_MAGIC, params.pack(), salt, nonce)
        kek = derive(passphrase, salt, params)
    return header + _aesgcm(kek).encrypt(nonce, key, header)


def _wrapped(blob: bytes) -> tuple[int, AnyKdf, bytes, bytes]:
    """(header size, params, salt, nonce) of a wrapped key."""
    magic = blob[: len(WRAP_MAGIC)]
    if magic == WRAP2_MAGIC and len(blob) >= WRAP2_HEADER.size:
        _, packed, salt, nonce = WRAP2_HEADER.unpack_from(blob)
        return WRAP2_HEADER.size, Argon2Params.unpack(packed), salt, nonce
    if magic == WRAP_MAGIC and len(blob) >= WRAP_HEADER.size:
        _, packed, salt, nonce = WRAP_HEADER.unpack_from(blob)
        return WRAP_HEADER.size, KdfParams.unpack(packed), salt, nonce
    raise CryptoError("this is not a FieldApp key file")


def unwrap_key(blob: bytes, passphrase: str) -> bytes:
    """The key `wrap_key` sealed, or CryptoError (wrong_passphrase=True for a wrong PIN)."""
    size, params, salt, nonce = _wrapped(blob)
    if isinstance(params, Argon2Params):
        kek = derive_argon2id(passphrase, salt, params)
    else:
        kek = derive(passphrase, salt, params)
    from cryptography.exceptions import InvalidTag

    try:
        return _aesgcm(kek).decrypt(nonce, blob[size:], blob[:size])
    except InvalidTag:
        raise CryptoError("wrong PIN or passphrase", wrong_passphrase=True) from None


def wrapped_params(blob: bytes) -> AnyKdf:
    """The KDF cost a wrapped key was made with (to re-wrap old ones at a higher cost)."""
    return _wrapped(blob)[1]


# -- sealed files -----------------------------------------------------------------------------

SEAL_MAGIC = b"FAENC1"


def seal(key: bytes, plaintext: bytes, label: str) -> bytes:
    """AES-256-GCM of `plaintext` with a fresh nonce; `label` (e.g. the file's content address)
    is authenticated, so a sealed file only opens under its own name."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    aad = SEAL_MAGIC + label.encode()
    return SEAL_MAGIC + nonce + _aesgcm(key).encrypt(nonce, plaintext, aad)


def is_sealed(data: bytes) -> bool:
    return data[: len(SEAL_MAGIC)] == SEAL_MAGIC


def unseal(key: bytes, data: bytes, label: str) -> bytes:
    if not is_sealed(data) or len(data) < len(SEAL_MAGIC) + NONCE_BYTES + 16:
        raise CryptoError("this file is not sealed by FieldApp or is truncated")
    nonce = data[len(SEAL_MAGIC) : len(SEAL_MAGIC) + NONCE_BYTES]
    from cryptography.exceptions import InvalidTag

    try:
        return _aesgcm(key).decrypt(
            nonce, data[len(SEAL_MAGIC) + NONCE_BYTES :], SEAL_MAGIC + label.encode()
        )
    except InvalidTag:
        raise CryptoError("this file was altered or damaged (its checksum fails)") from None


def key_check(key: bytes, purpose: str) -> bytes:
    """A short public value that tells which key is in use, never the key (HMAC, 16 bytes)."""
    return hmac.new(key, b"fieldapp-key-check:" + purpose.encode(), hashlib.sha256).digest()[:16]
