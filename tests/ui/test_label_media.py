"""Choice pictures and label clips (issue 16): the `image` / `media::image(::lang)` column of
the choices sheet shown beside each choice (buttons, likert, columns, drop-down), `media::audio`
and `media::video` as play buttons beside a question's or a choice's label; the files travel
inside the definition, a missing one is named by `form check` and on the form."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QDesktopServices, QImage

from fieldapp.forms.xlsform import read_xlsform
from tests.core.forms.formkit import workbook
from tests.core.forms.test_forms_cli import cli
from tests.ui.test_media_answers import Opened, recording
from ui.survey.choice_editors import IMAGE_ROLE, SelectMultipleEditor, SelectOneEditor
from ui.survey.label_media import PlayButton

SURVEY = [
    ["type", "name", "label::Français (fr)", "label::Arabic (ar)", "appearance",
     "media::audio::Français (fr)"],
    ["select_one roof", "roof", "Type de toit", "نوع السطح", "", "toit.wav"],
    ["select_one roof", "roof_likert", "Toit (échelle)", "السطح", "likert", ""],
    ["select_multiple roof", "roofs", "Toits", "السطوح", "columns-2", ""],
    ["select_one roof", "roof_list", "Toit (liste)", "السطح (قائمة)", "minimal", ""],
]  # fmt: skip
CHOICES = [
    ["list_name", "name", "label::Français (fr)", "label::Arabic (ar)", "image",
     "media::image::Arabic (ar)", "media::audio::Français (fr)"],
    ["roof", "flat", "Plat", "مسطح", "plat.png", "plat-ar.png", "plat.wav"],
    ["roof", "sloped", "En pente", "مائل", "pente.png", "", ""],
    ["roof", "none", "Aucun", "لا شيء", "", "", ""],
]  # fmt: skip


def picture(path: Path, colour: str, size: tuple[int, int] = (300, 200)) -> Path:
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))
    return path


def test_choice_pictures_and_clips_travel_with_the_form_and_missing_ones_are_named(
    qtbot, survey_form_of, tmp_path: Path, capsys
) -> None:
    path = workbook(tmp_path / "roofs.xlsx", SURVEY, CHOICES)
    given = [
        picture(tmp_path / "plat.png", "#48c"),
        picture(tmp_path / "plat-ar.png", "#c84"),
        recording(tmp_path / "toit.wav"),
    ]
    # pente.png and plat.wav are not given: form check names them, the form loads.
    code, out, _err = cli("check", str(path), *map(str, given), capsys=capsys)
    assert code == 0
    assert "'pente.png' (a label image) is not given" in out
    assert "'plat.wav' (a label audio clip) is not given" in out
    assert "'plat.png'" not in out and "'toit.wav'" not in out
    definition = json.loads(json.dumps(read_xlsform(path, given).to_json()))
    form = survey_form_of(definition)

    roof = form.question_view("roof").editor
    assert isinstance(roof, SelectOneEditor)
    flat, sloped, none = roof.buttons
    qtbot.waitUntil(lambda: not flat.icon().isNull())
    shown = flat.icon().pixmap(flat.iconSize()).toImage()
    assert (shown.width(), shown.height()) == (96, 64)  # 300x200 scaled to fit 96x64
    assert shown.pixelColor(5, 5) == QColor("#48c")
    assert flat.text() == "1. Plat"  # the text and its digit stay: keyboard use unchanged
    assert sloped.property("imageMissing") is True
    assert sloped.accessibleDescription() == "Image manquante : pente.png"
    assert none.icon().isNull()
    # The likert row and the check boxes in columns show the same pictures.
    likert = form.question_view("roof_likert").editor
    assert isinstance(likert, SelectOneEditor)
    assert likert.buttons[0].property("imageFile") == "plat.png"
    roofs = form.question_view("roofs").editor
    assert isinstance(roofs, SelectMultipleEditor)
    assert not roofs.boxes[0].icon().isNull() and roofs.boxes[1].property("imageMissing")
    # The drop-down (minimal) too, on its items.
    listed = form.question_view("roof_list").editor
    assert isinstance(listed, SelectOneEditor) and listed.combo is not None
    assert listed.combo.itemData(1, IMAGE_ROLE) == "plat.png"
    assert not listed.combo.itemIcon(1).isNull()

    # Keys still pick: the digit 2 on the first choice picks the second.
    flat.setFocus()
    qtbot.keyClick(flat, Qt.Key.Key_2)
    assert roof.value() == "sloped"

    # The question's clip: a play button beside the label, reachable by Tab, named.
    view = form.question_view("roof")
    play = view.plays["audio"]
    assert play.isVisibleTo(form) and play.isEnabled()
    assert play.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert play.accessibleName() == "Écouter : Type de toit"
    assert "toit.wav" in play.toolTip()
    assert not view.plays["video"].isVisibleTo(form)
    # The choice's clip that was not given is named on its (disabled) button.
    choice_plays = [b for b in roof.findChildren(PlayButton)]
    assert [b.text() for b in choice_plays] == ["Audio manquant : plat.wav"]
    assert not choice_plays[0].isEnabled()

    opened = Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        play.setFocus()
        qtbot.keyClick(play, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: bool(opened.urls), timeout=5000)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    copy = Path(opened.urls[0].toLocalFile())
    assert copy.name == "toit.wav" and copy.read_bytes() == given[2].read_bytes()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600

    # In Arabic the choice shows its Arabic picture.
    roof.set_language("ar", "fr")
    shown = roof.buttons[0].icon().pixmap(roof.buttons[0].iconSize()).toImage()
    assert shown.pixelColor(5, 5) == QColor("#c84")
