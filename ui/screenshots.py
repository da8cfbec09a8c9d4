"""Screens of the desktop app, rendered offscreen with demo data: `python -m ui.screenshots OUT`.

Writes establishments.png, establishments-ar.png, form-fr.png, form-ar.png, bills.png,
bills-ar.png (the bills grid), processes.png (a table-list group), staff.png, staff-ar.png
(the staff grid), validation.png, settings.png, sync-panel.png, conflicts.png,
conflicts-ar.png, first-start.png, first-start-ar.png and the coordinator's dashboard.png,
dashboard-ar.png, map.png, map-ar.png, review.png and review-ar.png, and page 1 of the PDF
reports
(report.png, report-ar.png, summary.png) into OUT, at 1366x768. The README shows them
(docs/screens/).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

SIZE = (1366, 768)  # the most common field laptop screen


def _save(widget, path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    for _ in range(3):  # let layouts settle (a panel just shown, a language switch)
        QApplication.processEvents()
    image = widget.grab().toImage()
    # 256 colours are plenty for a UI and keep the PNGs small enough for the repository.
    image = image.convertToFormat(
        QImage.Format.Format_Indexed8,
        Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither,
    )
    if not image.save(str(path), "PNG", 9):
        raise OSError(f"cannot write {path}")
    print(path)


def render(out: Path) -> list[Path]:
    """Render every screen into `out`; returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Throw-away demo profiles: encrypted like any profile, with a passphrase of their own.
    os.environ.setdefault("FIELDAPP_PASSPHRASE", "screenshots")
    os.environ.setdefault("FIELDAPP_KDF_CHEAP", "1")
    from PySide6.QtWidgets import QApplication

    from fieldapp import demo
    from fieldapp.store import Store
    from ui.languages import Translations
    from ui.mainwindow import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="fieldapp-screens-") as tmp:
        profile = Path(tmp) / "profile"
        with Store.open(profile, actor="agent.benguerir") as store:
            demo.fill(store, establishments=60, surveys=90, seed=1)
            draft = store.conn.execute(
                "SELECT s.id, s.establishment_id FROM surveys s JOIN establishments e "
                "ON e.id = s.establishment_id WHERE s.status = 'draft' "
                "AND json_extract(s.answers, '$.connection_type') IS NOT NULL "
                "AND json_extract(s.answers, '$.connection_type') != 'none' "
                "AND json_extract(s.answers, '$.grid_connected') = 'yes' "
                "AND json_array_length(s.answers, '$.staff') >= 2 "
                "ORDER BY e.code LIMIT 1"
            ).fetchone()
        survey_id, establishment_id = draft
        translations = Translations(app)
        translations.apply("fr")
        window = MainWindow(profile, translations=translations, actor="agent.benguerir")
        window.resize(*SIZE)
        window.show()
        window.select_establishment(establishment_id)
        written.append(out / "establishments.png")
        _save(window, written[-1])

        window.set_language("ar")
        written.append(out / "establishments-ar.png")
        _save(window, written[-1])
        window.set_language("fr")

        window.open_survey(survey_id)
        form = window.survey_form
        assert form is not None
        connectivity = next(i for i, s in enumerate(form.form.sections) if s.name == "connectivity")
        form.go_to_section(connectivity)
        written.append(out / "form-fr.png")
        _save(window, written[-1])

        window.set_language("ar")
        written.append(out / "form-ar.png")
        _save(window, written[-1])
        window.set_language("fr")

        # The twelve bills, months counted back from the visit date.
        form.jump_to("bills[1]/amount_mad")
        written.append(out / "bills.png")
        _save(window, written[-1])
        window.set_language("ar")
        form.jump_to("bills[1]/amount_mad")
        written.append(out / "bills-ar.png")
        _save(window, written[-1])
        window.set_language("fr")

        # The six management processes, a table-list group: one table of choices.
        form.jump_to("proc_admissions")
        written.append(out / "processes.png")
        _save(window, written[-1])

        # The staff roster, a grid too.
        form.jump_to("staff[1]/staff_number")
        written.append(out / "staff.png")
        _save(window, written[-1])
        window.set_language("ar")
        form.jump_to("staff[1]/staff_number")
        written.append(out / "staff-ar.png")
        _save(window, written[-1])
        window.set_language("fr")

        form.finalize()
        written.append(out / "validation.png")
        _save(window, written[-1])

        window.show_settings()
        dialog = window.settings_dialog
        assert dialog is not None
        written.append(out / "settings.png")
        _save(dialog, written[-1])
        dialog.reject()
        written += _sync_screens(window, profile, survey_id, out)
        window.close()
        written += _first_start(Path(tmp) / "new", out, translations)
        written += _coordinator_screens(Path(tmp) / "coordinator", out, translations)
        written += _report_pages(Path(tmp) / "coordinator", out)
    return written


def _report_pages(profile: Path, out: Path) -> list[Path]:
    """Page 1 of an establishment's report (French, Arabic) and of the regional summary,
    painted on an image by the same function that paints the PDF (ui/reports.py)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPolygonF

    from fieldapp.forms import baseline_form
    from fieldapp.store import Store
    from ui import reports

    # A roof photo for the report (demo answers name photos that no file backs).
    photo = QImage(960, 640, QImage.Format.Format_RGB32)
    photo.fill(QColor("#9cc3e6"))
    painter = QPainter(photo)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(0, 470, 960, 170, QColor("#7a9a55"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#b5651d"))
    painter.drawPolygon(QPolygonF([QPointF(150, 300), QPointF(480, 120), QPointF(810, 300)]))
    painter.fillRect(190, 300, 580, 260, QColor("#eeeeee"))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    photo.save(buffer, "JPG", 85)
    written = []
    with Store.open(profile, actor="coord.marrakech") as store:
        sha = store.add_attachment(bytes(data), "image/jpeg")
        eid = store.conn.execute(
            "SELECT e.id FROM establishments e JOIN surveys s ON s.establishment_id = e.id "
            "WHERE s.status = 'finalized' AND json_extract(s.answers, '$.grid_connected') = 'yes'"
            " ORDER BY e.code LIMIT 1"
        ).fetchone()[0]
        survey = store.surveys_for(eid)[0]
        survey.answers = {**survey.answers, "photo_roof": {"sha256": sha, "filename": "toit.jpg"}}
        report = reports.EstablishmentData(
            store.get_establishment(eid), survey, baseline_form(), store.read_attachment
        )
        region = store.get_establishment(eid).region
        summary = reports.summarize(store, [region], baseline_form())
    sheets = (
        ("report.png", reports.establishment_sheet(report, "fr"), 0),
        ("report-ar.png", reports.establishment_sheet(report, "ar"), 0),
        ("summary.png", reports.region_sheet(summary, "fr", baseline_form()), 0),
    )
    for name, sheet, page in sheets:
        image = reports.page_image(sheet, page, width=900).convertToFormat(
            QImage.Format.Format_Indexed8,
            Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither,
        )
        written.append(out / name)
        if not image.save(str(written[-1]), "PNG", 9):
            raise OSError(f"cannot write {written[-1]}")
        print(written[-1])
    return written


def _sync_screens(window, profile: Path, survey_id: str, out: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    """The Sync panel after a run (its events replayed, no server needed) and the conflict
    list with two questions changed on another laptop, in French and Arabic."""
    from fieldapp.store import Store
    from fieldapp.store.store import ServerItem
    from sync.client import SyncSummary

    with Store.open(profile) as store:
        conflicts = [
            ("residents_total", 42, 44),
            ("connection_type", "router_4g", "adsl"),
        ]
        store.apply_server_changes(
            [
                ServerItem(
                    "conflict",
                    f"c{i}",
                    {
                        "survey_id": survey_id,
                        "revision": 7,
                        "question": q,
                        "base": None,
                        "server": server,
                        "client": client,
                    },
                )
                for i, (q, server, client) in enumerate(conflicts)
            ]
        )
    window.back_to_list()
    sync = window.sync
    sync.started.emit("manual")
    counts = {"pushed": 0, "merged": 0, "conflicts": 0, "set_aside": 0, "pulled": 0}
    for phase, total, after in (
        ("changes", 14, {"pushed": 14, "merged": 3, "conflicts": 2}),
        ("attachments", 3_400_000, {}),
        ("pull", -1, {"pulled": 37}),
    ):
        sync.progress.emit(phase, 0, total)
        counts.update(after)
        sync.counts = dict(counts)
        sync.counts_changed.emit()
        sync.progress.emit(phase, total if total > 0 else 37, total)
        sync.phase_done.emit(phase)
    sync.summary = SyncSummary(
        ok=True, pushed=14, merged=3, conflicts=2, pulled=37, duration_s=41.8
    )
    sync.finished.emit()
    window.show_sync_panel()
    written = [out / "sync-panel.png"]
    _save(window, written[-1])
    window.show_conflicts()
    written.append(out / "conflicts.png")
    _save(window, written[-1])
    window.set_language("ar")
    written.append(out / "conflicts-ar.png")
    _save(window, written[-1])
    window.set_language("fr")
    window.sync_dock.hide()
    return written


def _coordinator_screens(profile: Path, out: Path, translations) -> list[Path]:  # type: ignore[no-untyped-def]
    """Dashboard, map and review of a coordinator's profile; one survey came back corrected
    after a return, so the review shows what changed."""
    from fieldapp import demo
    from fieldapp.store import Store
    from fieldapp.store.store import ServerItem
    from sync.client import STATE_REGIONS, STATE_ROLE
    from ui.mainwindow import MainWindow

    with Store.open(profile, actor="coord.marrakech") as store:
        demo.fill(store, establishments=80, surveys=120, seed=4)
        store.set_state(STATE_ROLE, "coordinator")
        store.set_state(STATE_REGIONS, "[]")
        row = store.conn.execute(
            "SELECT s.establishment_id, s.answers, s.form_id, s.form_version FROM surveys s "
            "WHERE s.status = 'finalized' "
            "ORDER BY s.id LIMIT 1"
        ).fetchone()
        first = json.loads(row[1])
        corrected = {**first, "roof_area_m2": 240.0, "connection_type": "fibre"}
        sid = "0190a000-0000-7000-8000-00000000c0de"
        base = {"id": sid, "establishment_id": row[0], "form_id": row[2],
                "form_version": row[3], "updated_at": "2026-01-10T09:00:00.000+00:00",
                "author": "agent.safi"}  # fmt: skip
        store.apply_server_changes(
            [
                ServerItem("survey", sid, {**base, "status": "finalized", "answers": first,
                                           "revision": 2}),
                ServerItem("review", "r", {"survey_id": sid, "decision": "return",
                                           "comment": "Toiture : surface à mesurer",
                                           "revision": 3}),
                ServerItem("survey", sid, {**base, "status": "finalized",
                                           "answers": corrected, "revision": 5}),
            ]
        )  # fmt: skip
    translations.apply("fr")
    window = MainWindow(profile, translations=translations, actor="coord.marrakech")
    window.resize(*SIZE)
    window.show()
    written = []
    for index, name in ((0, "dashboard"), (1, "map"), (2, "review")):
        window.coordination.show_tab(index)
        if name == "review":
            window.coordination.workspace.review.refresh()
            review = window.coordination.workspace.review
            ids = [review.queue.item(i).data(256) for i in range(review.queue.count())]
            review.queue.setCurrentRow(ids.index(sid))
        window.tasks.flush()
        written.append(out / f"{name}.png")
        _save(window, written[-1])
    window.set_language("ar")
    window.coordination.show_tab(0)
    written.append(out / "dashboard-ar.png")
    _save(window, written[-1])
    window.coordination.show_tab(1)
    written.append(out / "map-ar.png")
    _save(window, written[-1])
    window.coordination.show_tab(2)
    review = window.coordination.workspace.review
    review.show_survey(review.survey_id)  # laid out again in Arabic now that it is shown
    window.tasks.flush()
    written.append(out / "review-ar.png")
    _save(window, written[-1])
    window.set_language("fr")
    window.close()
    return written


def _first_start(profile: Path, out: Path, translations) -> list[Path]:  # type: ignore[no-untyped-def]
    """A new laptop: nothing in the list, what to do instead (enroll, what a code is)."""
    from ui.mainwindow import MainWindow

    translations.apply("fr")
    window = MainWindow(profile, translations=translations)
    window.resize(*SIZE)
    window.show()
    written = [out / "first-start.png"]
    _save(window, written[-1])
    window.set_language("ar")
    written.append(out / "first-start-ar.png")
    _save(window, written[-1])
    window.set_language("fr")
    window.close()
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m ui.screenshots OUTDIR", file=sys.stderr)
        return 2
    render(Path(args[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
