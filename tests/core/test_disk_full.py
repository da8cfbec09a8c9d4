"""A full disk is recognised in every form SQLite gives it (SQLITE_FULL, "database or disk is
full", "disk I/O error" with almost nothing free), on a real filesystem that tests fill."""

from __future__ import annotations

import sqlite3

import pytest

from fieldapp.domain import Establishment
from fieldapp.store import Store, StoreError
from fieldapp.store.errors import StoreErrorCode, is_disk_full, translate
from tests.conftest import fill_disk


def io_error() -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError("disk I/O error")
    exc.sqlite_errorcode = 778  # SQLITE_IOERR_WRITE
    return exc


def test_a_disk_io_error_with_almost_nothing_free_is_a_full_disk(tiny_disk, tmp_path) -> None:
    fill_disk(tiny_disk, leave=8 * 1024)
    err = translate(io_error(), str(tiny_disk / "fieldapp.db"))
    assert err.code == StoreErrorCode.DISK_FULL
    assert "full" in str(err) and "disk I/O error" not in str(err)
    # With room to spare the same error is not called a full disk.
    assert not is_disk_full(io_error(), str(tmp_path / "fieldapp.db"))


@pytest.mark.parametrize(
    "exc",
    [
        sqlite3.OperationalError("database or disk is full"),
        OSError(28, "No space left on device"),
        OSError(122, "Disk quota exceeded"),
    ],
)
def test_the_plain_forms_of_a_full_disk(exc, tmp_path) -> None:
    assert translate(exc, str(tmp_path)).code == StoreErrorCode.DISK_FULL


def test_saving_on_a_really_full_disk_says_so(tiny_disk) -> None:
    with Store.open(tiny_disk / "profile") as store:
        est = "e1"
        store.upsert_establishments(
            [Establishment(est, "EPS-1", "Centre", "مركز", "elderly", "MA-07", "", "")]
        )
        survey = store.start_survey(est, "baseline", "1", answers={"notes": "a"})
        fill_disk(tiny_disk, leave=0)
        with pytest.raises(StoreError) as info:
            for i in range(200):
                store.save_answers(survey.id, {"notes": "x" * 20_000 + str(i)})
        assert info.value.code == StoreErrorCode.DISK_FULL, str(info.value)
        assert "full" in str(info.value)
