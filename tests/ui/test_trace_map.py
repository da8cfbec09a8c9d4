"""Geotrace and geoshape drawn on the offline map (issue 16): a click adds a point where it
falls, typed points stay, a shape is closed by its button; length and area are shown as
Collect computes them (on the sphere)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from fieldapp.forms.geometry import area_m2, length_m
from tests.core.forms.formkit import form_of, q
from ui.survey.xlsform_editors import GeotraceEditor


def test_length_and_area_on_the_sphere() -> None:
    assert length_m([(0.0, 0.0), (1.0, 0.0)]) == pytest.approx(111_195, rel=1e-4)
    square = [(0.0, 0.0), (0.0, 0.001), (0.001, 0.001), (0.001, 0.0), (0.0, 0.0)]
    assert area_m2(square) == pytest.approx(111.195**2, rel=1e-3)  # 1 x 1 thousandth degree
    assert area_m2(square[:-1]) == area_m2(square)  # closed or not
    assert area_m2(square[:2]) == 0.0


def shown(qtbot, kind: str) -> GeotraceEditor:
    form = form_of([q("area", kind)])
    editor = GeotraceEditor(form.question("area"))
    qtbot.addWidget(editor)
    editor.resize(600, 360)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def click_at(qtbot, editor: GeotraceEditor, lat: float, lon: float) -> None:
    at = editor.map.to_screen(lon, lat)
    qtbot.mouseClick(
        editor.map, Qt.MouseButton.LeftButton, pos=QPoint(round(at.x()), round(at.y()))
    )


def test_a_shape_is_drawn_by_clicks_after_typed_points_and_closed(qtbot) -> None:
    editor = shown(qtbot, "geoshape")
    editor.set_value("32.2360 -7.9540;32.2360 -7.9520")  # the roof's first edge, typed
    qtbot.waitUntil(lambda: editor.map.trace != [])
    with qtbot.waitSignal(editor.changed):
        click_at(qtbot, editor, 32.2345, -7.9520)
    points = [(p["lat"], p["lon"]) for p in editor.value()]
    assert points[:2] == [(32.236, -7.954), (32.236, -7.952)]  # typed points stay
    assert points[2] == pytest.approx((32.2345, -7.9520), abs=2e-5)  # where the click fell
    assert editor.close_shape.isVisible()
    assert editor.measure.text() == "Surface : 1.57 ha · périmètre : 607 m"
    qtbot.mouseClick(editor.close_shape, Qt.MouseButton.LeftButton)
    closed = [(p["lat"], p["lon"]) for p in editor.value()]
    assert len(closed) == 4 and closed[0] == closed[-1]
    assert not editor.close_shape.isVisible()
    # a right triangle of 188 m (0.002 degree of longitude at 32 N) by 167 m: 1.57 ha
    assert area_m2(closed) == pytest.approx(188.6 * 166.8 / 2, rel=0.01)
    assert editor.measure.text() == "Surface : 1.57 ha · périmètre : 607 m"  # the same area


def test_a_trace_shows_its_length_and_a_read_only_map_adds_nothing(qtbot) -> None:
    editor = shown(qtbot, "geotrace")
    editor.edit.setPlainText("32.0 -8.0\n32.0 -7.99")
    assert editor.measure.text() == "Longueur : 943 m"  # 0.01 degree of longitude at 32 N
    editor.set_read_only(True)
    before = editor.value()
    click_at(qtbot, editor, 32.0, -7.995)
    assert editor.value() == before
