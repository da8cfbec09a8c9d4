"""The profile at rest (fieldapp.store.cipher): nothing readable in the raw files, a wrong PIN
opens and writes nothing, plaintext profiles convert in place and survive SIGKILL meanwhile,
the CLI asks the PIN on a terminal or reads FIELDAPP_PASSPHRASE."""

from __future__ import annotations

import hashlib
import os
import pty
import random
import select
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.fail import Keyring as FailKeyring

from fieldapp import demo
from fieldapp.store import Store, StoreError, StoreErrorCode, cipher
from tests.core.conftest import make_establishment

PHONE = "0661-987-654"
NAME = "Madame Khadija Benslimane"
NOTE = "Fuite d'eau au toit du dortoir nord"
PHOTO = b"\xff\xd8\xff\xe0JFIF-roof-photo-" + bytes(range(256)) * 40


def profile_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in data_dir.rglob("*") if p.is_file())


def snapshot(data_dir: Path) -> dict[str, tuple[bytes, float]]:
    return {
        str(p.relative_to(data_dir)): (p.read_bytes(), p.stat().st_mtime)
        for p in profile_files(data_dir)
    }


def fill_known(store: Store) -> tuple[str, str]:
    est = make_establishment(manager=f"{NAME} {PHONE}")
    store.upsert_establishments([est])
    sha = store.add_attachment(PHOTO, "image/jpeg")
    survey = store.start_survey(
        est.id,
        "baseline",
        "1",
        answers={"observations": NOTE, "manager_phone": PHONE, "photo_roof": {"sha256": sha}},
    )
    store.save_answers(survey.id, {**survey.answers, "observations": NOTE + " (bis)"})
    return survey.id, sha


def test_raw_files_wal_and_attachments_hold_no_known_text_or_photo_bytes(data_dir: Path) -> None:
    store = Store.open(data_dir, actor="agent")
    survey_id, sha = fill_known(store)
    needles = [
        NAME.encode(),
        PHONE.encode(),
        NOTE.encode(),
        NAME.encode("utf-16-le"),
        PHOTO[:64],
        PHOTO[-64:],
        b"SQLite format 3",
    ]

    def grep_raw() -> list[str]:
        found = []
        for path in profile_files(data_dir):
            raw = path.read_bytes()
            found += [f"{path.name}: {n[:20]!r}" for n in needles if n in raw]
        return found

    # While open: the WAL holds the last commits (checked to exist, so it was looked at).
    assert (data_dir / "fieldapp.db-wal").stat().st_size > 0
    assert grep_raw() == []
    assert store.get_survey(survey_id).answers["observations"] == NOTE + " (bis)"
    assert store.read_attachment(sha) == PHOTO
    store.close()
    assert grep_raw() == []
    # Folder 0700, every file 0600.
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / "attachments").stat().st_mode) == 0o700
    for path in profile_files(data_dir):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_a_wrong_pin_opens_nothing_and_writes_nothing(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FIELDAPP_PASSPHRASE")
    cipher.unlock(data_dir, "right-pin-2468")
    with Store.open(data_dir) as store:
        fill_known(store)
    cipher.lock(data_dir)
    before = snapshot(data_dir)
    with pytest.raises(StoreError) as wrong:
        cipher.unlock(data_dir, "wrong-pin-2468")
    assert wrong.value.code == StoreErrorCode.WRONG_PASSPHRASE
    assert "cannot be recovered" in str(wrong.value) and "enroll" in str(wrong.value)
    with pytest.raises(StoreError) as locked:
        Store.open(data_dir)
    assert locked.value.code == StoreErrorCode.PASSPHRASE_NEEDED
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", "another-wrong-one")
    with pytest.raises(StoreError) as env_wrong:
        Store.open(data_dir)
    assert env_wrong.value.code == StoreErrorCode.WRONG_PASSPHRASE
    assert snapshot(data_dir) == before
    # The key file is no shortcut: SQLCipher refuses the file without the right key.
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(data_dir / "fieldapp.db").execute("SELECT * FROM surveys").fetchall()
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", "right-pin-2468")
    with Store.open(data_dir) as store:
        assert store.check().ok


def test_a_new_profile_needs_a_pin_of_six_characters(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FIELDAPP_PASSPHRASE")
    with pytest.raises(StoreError) as short:
        cipher.unlock(data_dir, "1234")
    assert short.value.code == StoreErrorCode.INVALID
    assert list(data_dir.iterdir()) == []


# -- plaintext profiles of earlier versions ---------------------------------------------------


def make_plaintext_profile(target: Path, establishments: int, surveys: int) -> dict[str, object]:
    """A profile as FieldApp wrote it before encryption: plaintext SQLite, plain attachments.
    Made by decrypting a current one, so it has real data of the current schema."""
    source = target.parent / (target.name + "-source")
    with Store.open(source, actor="agent") as store:
        demo.fill(store, establishments=establishments, surveys=surveys, seed=7)
        survey_id, sha = fill_known(store)
        version = store.schema_version
        expected = {
            "surveys": store.conn.execute("SELECT count(*) FROM surveys").fetchone()[0],
            "outbox": store.outbox_count(),
            "survey_id": survey_id,
            "sha": sha,
        }
    target.mkdir()
    conn = cipher.open_raw(source)
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target / "fieldapp.db"),))
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute(f"PRAGMA plain.user_version = {version}")
    conn.close()
    for path in (source / "attachments").glob("??/*"):
        out = target / "attachments" / path.parent.name / path.name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(cipher.read_attachment(path, cipher.profile_key(source)))
    plain = sqlite3.connect(target / "fieldapp.db")
    plain.execute("PRAGMA journal_mode=WAL")
    plain.close()
    return expected


def assert_profile_holds(data_dir: Path, expected: dict[str, object]) -> None:
    with Store.open(data_dir) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert (
            store.conn.execute("SELECT count(*) FROM surveys").fetchone()[0] == expected["surveys"]
        )
        assert store.outbox_count() == expected["outbox"]
        survey = store.get_survey(str(expected["survey_id"]))
        assert survey.answers["observations"] == NOTE + " (bis)"
        assert store.read_attachment(str(expected["sha"])) == PHOTO
        assert store.check().ok


def test_a_plaintext_profile_is_encrypted_in_place_at_first_open(tmp_path: Path) -> None:
    profile = tmp_path / "old"
    expected = make_plaintext_profile(profile, establishments=20, surveys=30)
    assert cipher.is_plaintext(profile / "fieldapp.db")
    assert PHONE.encode() in (profile / "fieldapp.db").read_bytes()
    assert_profile_holds(profile, expected)
    assert not cipher.is_plaintext(profile / "fieldapp.db")
    for path in profile_files(profile):
        raw = path.read_bytes()
        assert PHONE.encode() not in raw and PHOTO[:64] not in raw, path
    assert not list(profile.glob("*" + cipher.CONVERTING_SUFFIX + "*"))


CONVERTER = textwrap.dedent(
    """
    import sys
    from fieldapp.store import Store

    print("go", flush=True)
    Store.open(sys.argv[1]).close()
    print("done", flush=True)
    """
)


def state_after_kill(profile: Path) -> str:
    """Which profile a kill left, checked to be whole before the app touches it again."""
    db = profile / "fieldapp.db"
    if cipher.is_plaintext(db):
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        return "old"
    conn = cipher.open_raw(profile)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    return "new"


@pytest.mark.slow
def test_conversion_survives_sigkill_at_random_moments(tmp_path: Path) -> None:
    template = tmp_path / "template"
    expected = make_plaintext_profile(template, establishments=300, surveys=400)
    # How long a conversion takes here, to spread the kills over it.
    started = time.monotonic()
    trial = tmp_path / "calibrate"
    subprocess.run(["cp", "-a", str(template), str(trial)], check=True)
    subprocess.run([sys.executable, "-c", CONVERTER, str(trial)], check=True, capture_output=True)
    span = time.monotonic() - started
    rng = random.Random(20261206)
    seen = {"old": 0, "new": 0}
    for i in range(32):
        profile = tmp_path / f"trial-{i}"
        subprocess.run(["cp", "-a", str(template), str(profile)], check=True)
        child = subprocess.Popen(
            [sys.executable, "-c", CONVERTER, str(profile)], stdout=subprocess.PIPE, text=True
        )
        killer = threading.Timer(60, child.kill)
        killer.start()
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "go"
            time.sleep(rng.random() * span)
            child.send_signal(signal.SIGKILL)
        finally:
            child.wait()
            killer.cancel()
        seen[state_after_kill(profile)] += 1
        assert_profile_holds(profile, expected)  # the next start finishes the conversion
        assert not cipher.is_plaintext(profile / "fieldapp.db")
    # Both outcomes happened: the kills did land before and after the switch.
    assert seen["old"] and seen["new"], seen


# -- the command line -------------------------------------------------------------------------


def run_on_terminal(args: list[str], typed: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run `fieldapp ARGS` on a pseudo-terminal, typing each line when a prompt appears."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: its controlling terminal is the pty
        os.execve(sys.executable, [sys.executable, "-m", "fieldapp", *args], env)
    output = b""
    pending = list(typed)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1.0)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        if pending and chunk.rstrip().endswith(b":"):  # a new prompt, not an old one
            os.write(fd, pending.pop(0).encode() + b"\n")
    else:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode(errors="replace")


def test_cli_asks_the_pin_on_a_terminal_and_reads_the_env_otherwise(data_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "FIELDAPP_PASSPHRASE"}
    code, out = run_on_terminal(
        ["--data-dir", str(data_dir), "demo", "--establishments", "3", "--surveys", "2"],
        ["tablette-77", "tablette-77"],
        env,
    )
    assert code == 0, out
    assert "choose its PIN" in out and "added 3 establishments" in out
    code, out = run_on_terminal(["--data-dir", str(data_dir), "check"], ["tablette-77"], env)
    assert code == 0 and "surveys" in out, out
    code, out = run_on_terminal(["--data-dir", str(data_dir), "check"], ["tablette-78"], env)
    assert code == 2 and "Wrong PIN" in out, out
    # No terminal, no variable: one line, exit 2. With the variable: it works.
    no_tty = subprocess.run(
        [sys.executable, "-m", "fieldapp", "--data-dir", str(data_dir), "check"],
        env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert no_tty.returncode == 2
    assert "FIELDAPP_PASSPHRASE" in no_tty.stderr and len(no_tty.stderr.splitlines()) == 1
    with_env = subprocess.run(
        [sys.executable, "-m", "fieldapp", "--data-dir", str(data_dir), "check"],
        env={**env, "FIELDAPP_PASSPHRASE": "tablette-77"},
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert with_env.returncode == 0, with_env.stderr


def test_sealed_attachment_names_are_their_plaintext_sha256(store: Store) -> None:
    sha = store.add_attachment(PHOTO, "image/jpeg")
    assert sha == hashlib.sha256(PHOTO).hexdigest()
    assert store.attachment_path(sha).name == sha


class MemoryKeyring(KeyringBackend):
    """An OS keyring stand-in through keyring's own backend API (no keyring daemon in CI)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


def test_the_keyring_copy_opens_the_profile_without_a_pin_only_when_turned_on(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FIELDAPP_PASSPHRASE")
    memory = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(memory)
    try:
        cipher.unlock(data_dir, "keyring-pin-1")
        Store.open(data_dir).close()
        cipher.lock(data_dir)
        with pytest.raises(StoreError):  # off by default: the PIN is asked
            Store.open(data_dir)
        cipher.unlock(data_dir, "keyring-pin-1")
        assert cipher.remember_in_keyring(data_dir, True)
        cipher.lock(data_dir)
        with Store.open(data_dir) as store:  # no PIN typed
            assert store.check().ok
        assert cipher.remember_in_keyring(data_dir, False)
        assert memory.items == {} and not (data_dir / cipher.KEYRING_MARKER).exists()
        cipher.lock(data_dir)
        with pytest.raises(StoreError):
            Store.open(data_dir)
        # A laptop without a working keyring: refused, nothing half kept.
        keyring.set_keyring(FailKeyring())
        cipher.unlock(data_dir, "keyring-pin-1")
        assert not cipher.remember_in_keyring(data_dir, True)
        assert not (data_dir / cipher.KEYRING_MARKER).exists()
    finally:
        keyring.set_keyring(previous)
        cipher.lock(data_dir)
