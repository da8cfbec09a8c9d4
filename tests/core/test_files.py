"""Files are written whole or not at all."""

from pathlib import Path

import pytest

from fieldapp.files import atomic_open, write_atomically


def test_a_failed_write_leaves_the_previous_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "survey.csv"
    target.write_text("previous\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_open(target) as fh:
        fh.write("half of a new")
        raise RuntimeError("disk pulled out")
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["survey.csv"]


def test_write_atomically_creates_missing_folders(tmp_path: Path) -> None:
    target = tmp_path / "ab" / "abcdef"
    write_atomically(target, b"\xff\xd8 photo")
    assert target.read_bytes() == b"\xff\xd8 photo"
    assert [p.name for p in target.parent.iterdir()] == ["abcdef"]
