"""fieldapp.crypto: wrapped keys, sealed files, KDF parameters in every header; bundles keep
opening after the KDF cost was raised."""

from __future__ import annotations

import hashlib
import hmac
import secrets

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from fieldapp import crypto
from fieldapp.crypto import Argon2Params, CryptoError, KdfParams
from fieldapp.store import cipher
from sync import bundle

FAST = KdfParams(log2_n=14, r=8, p=1)
FAST_ARGON = Argon2Params(memory_kib=8 * 1024, iterations=1)


def test_owasp_costs_are_the_defaults(monkeypatch):
    assert (crypto.OWASP_SCRYPT.log2_n, crypto.OWASP_SCRYPT.r, crypto.OWASP_SCRYPT.p) == (17, 8, 1)
    argon = crypto.OWASP_ARGON2ID
    assert (argon.memory_kib, argon.iterations, argon.lanes) == (19 * 1024, 2, 1)
    monkeypatch.delenv("FIELDAPP_KDF_CHEAP")  # tests/conftest.py's cheaper cost, gone
    assert cipher.kdf_params() == crypto.OWASP_ARGON2ID


@pytest.mark.parametrize("params", [FAST_ARGON, FAST], ids=["argon2id", "scrypt"])
def test_a_wrapped_key_opens_with_its_passphrase_only(params):
    key = crypto.new_key()
    blob = crypto.wrap_key(key, "1234 soleil", params)
    assert key not in blob
    assert crypto.unwrap_key(blob, "1234 soleil") == key
    with pytest.raises(CryptoError) as wrong:
        crypto.unwrap_key(blob, "1235 soleil")
    assert wrong.value.wrong_passphrase
    assert crypto.wrapped_params(blob) == params


def test_a_header_cannot_ask_for_an_unbounded_cost():
    blob = bytearray(crypto.wrap_key(crypto.new_key(), "pin", FAST))
    blob[7] = 30  # log2(N) = 30: 128 GiB of memory
    with pytest.raises(CryptoError, match="out of range") as exc:
        crypto.unwrap_key(bytes(blob), "pin")
    assert not exc.value.wrong_passphrase
    blob = bytearray(crypto.wrap_key(crypto.new_key(), "pin", FAST_ARGON))
    blob[7:11] = (64 * 1024 * 1024).to_bytes(4, "big")  # 64 GiB
    with pytest.raises(CryptoError, match="out of range"):
        crypto.unwrap_key(bytes(blob), "pin")


def test_a_sealed_file_opens_only_under_its_own_label():
    key = crypto.new_key()
    data = b"\xff\xd8 photo bytes " * 100
    label = hashlib.sha256(data).hexdigest()
    sealed = crypto.seal(key, data, label)
    assert b"photo bytes" not in sealed
    assert crypto.unseal(key, sealed, label) == data
    with pytest.raises(CryptoError):
        crypto.unseal(key, sealed, "0" * 64)  # swapped for another file's name
    with pytest.raises(CryptoError):
        crypto.unseal(key, sealed[:-1] + bytes([sealed[-1] ^ 1]), label)


def test_bundles_carry_their_kdf_cost_and_old_ones_still_open():
    sealed = bundle.seal(bundle.KIND_BUNDLE, b"payload", "correct horse", FAST)
    assert sealed.startswith(bundle.MAGIC)
    assert bundle.unseal(sealed, "correct horse") == (bundle.KIND_BUNDLE, b"payload")
    with pytest.raises(bundle.BundleError) as wrong:
        bundle.unseal(sealed, "wrong horse")
    assert wrong.value.code == bundle.BundleErrorCode.WRONG_PASSPHRASE
    # A bundle written by the first format (scrypt N=2^15, no parameters in the header).
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    material = crypto.derive("correct horse", salt, KdfParams(15, 8, 1), length=64)
    check = hmac.new(material[32:], b"fieldapp-bundle-check", hashlib.sha256).digest()[:16]
    header = bundle.HEADER_V1.pack(bundle.MAGIC_V1, bundle.KIND_RECEIPT, salt, nonce, check, 27)
    old = header + AESGCM(material[:32]).encrypt(nonce, b"old receipt", header)
    assert bundle.unseal(old, "correct horse") == (bundle.KIND_RECEIPT, b"old receipt")


def test_new_bundles_use_the_owasp_cost():
    sealed = bundle.seal(bundle.KIND_BUNDLE, b"x", "correct horse")
    assert KdfParams.unpack(sealed[9:13]) == crypto.OWASP_SCRYPT
