"""Label media travel with the form (issue 16): the pictures and clips an XLSForm's questions
and choices name, published with it, reach a laptop by the real sync inside the definition,
byte for byte, and the laptop's form finds each by its file name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bench._syncserver import SyncServer
from fieldapp.forms import label_media, load_form
from fieldapp.forms.xlsform import read_xlsform
from sync.client import SyncRun
from tests.core.forms.formkit import workbook
from tests.sync.conftest import Device


def test_choice_pictures_and_clips_reach_a_laptop_with_the_form(
    sync_server: SyncServer, make_device: Callable[..., Device], tmp_path: Path
) -> None:
    files = {
        "plat.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        "plat.wav": b"RIFF" + bytes(range(256)) * 12,
        "toit.mp4": b"\0\0\0\x18ftypmp42" + bytes(range(256)) * 20,
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    path = workbook(
        tmp_path / "roofs.xlsx",
        [
            ["type", "name", "label", "media::video"],
            ["select_one shape", "shape", "Forme du toit", "toit.mp4"],
        ],
        [
            ["list_name", "name", "label", "image", "media::audio"],
            ["shape", "flat", "Plat", "plat.png", "plat.wav"],
            ["shape", "sloped", "En pente", "pente.png", ""],
        ],
        [["form_id", "version"], ["label_media_sync", "1"]],
    )
    definition = read_xlsform(path, [tmp_path / n for n in files]).to_json()
    sync_server.call("publish_form", definition=definition)

    laptop = make_device(1)
    summary = SyncRun(laptop.store).run()
    assert summary.error is None, summary.log
    pulled = laptop.store.form_definition("label_media_sync", "1")
    assert pulled is not None
    form = load_form(pulled)
    flat = form.question("shape").choices[0]
    assert flat.media["image"]["fr"] == "plat.png" and flat.media["audio"]["fr"] == "plat.wav"
    assert form.question("shape").media["video"]["fr"] == "toit.mp4"
    for name, data in files.items():
        assert label_media.media_bytes(form.choice_lists, name) == data
    # Not given when published: the laptop's form names it (a placeholder), nothing fails.
    assert label_media.media_bytes(form.choice_lists, "pente.png") is None
