"""One establishment's baseline report: identification, key indicators, the answers by
section, repeats as tables, photos."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fieldapp import indicators
from fieldapp.domain import Establishment, Survey
from fieldapp.forms import Form, Group, Question
from fieldapp.forms.references import has_references, substitute
from fieldapp.store import StoreError
from ui.coordinator.answers import answer_text, text_of
from ui.reports.sheet import (
    ACCENT,
    HEADING_PX,
    MUTED,
    SMALL_PX,
    TITLE_PX,
    ReportProgress,
    ReportResult,
    Sheet,
    write_pdf,
)
from ui.reports.wording import Wording, number


@dataclass(slots=True)
class EstablishmentData:
    """What an establishment report is made of, read on the UI thread (quick indexed reads)
    and handed to the worker as plain data."""

    establishment: Establishment
    survey: Survey | None
    form: Form | None
    # The plaintext of a stored photo (Store.read_attachment: the files are sealed).
    read_attachment: Callable[[str], bytes]


SKIPPED = {"note", "calculate"}


def _answer(question: Question, value: Any, wording: Wording) -> str:
    if value is None or value == "" or value == []:
        return ""
    if question.type == "geopoint" and isinstance(value, dict):
        try:
            text = f"{float(value['lat']):.5f}, {float(value['lon']):.5f}"
        except (KeyError, TypeError, ValueError):
            return str(value)
        if value.get("accuracy") not in (None, ""):
            text += f" (± {number(float(value['accuracy']))} m)"
        return text
    if question.type in ("integer", "decimal") and not isinstance(value, bool):
        try:
            return number(float(value), 2)
        except (TypeError, ValueError):
            return str(value)
    if question.type == "rank" and isinstance(value, list):
        labels = {c.name: text_of(c.label, wording.lang) for c in question.choices}
        return "\n".join(f"{i}. {labels.get(str(n), str(n))}" for i, n in enumerate(value, 1))
    return answer_text(question, value, wording.lang)


def _label(item: Question | Group, wording: Wording) -> str:
    return text_of(item.label, wording.lang) or item.name


def establishment_sheet(data: EstablishmentData, lang: str, *, today: str = "") -> Sheet:
    """Lay out one establishment's report: identification, key indicators, the answers by
    section (non-relevant ones left out), repeats as small tables, photos."""
    wording = Wording(lang)
    tr = wording.tr
    e, survey, form = data.establishment, data.survey, data.form
    today = today or datetime.now(UTC).date().isoformat()
    sheet = Sheet(wording, tr("Baseline report"))
    sheet.paragraph(tr("Baseline report"), px=TITLE_PX, bold=True, colour=ACCENT)
    names = f"{e.name_ar}" if wording.lang == "ar" else e.name_fr
    sheet.paragraph(f"{e.code} — {names or e.name_fr or e.name_ar}", px=HEADING_PX, bold=True)
    if form is not None:
        sheet.paragraph(text_of(form.title, wording.lang), colour=MUTED)
    sheet.space(20)
    gps = (
        f"{e.latitude:.5f}, {e.longitude:.5f}"
        if e.latitude is not None and e.longitude is not None
        else "—"
    )
    ident = [
        (tr("Code"), e.code),
        (tr("Name (French)"), e.name_fr or "—"),
        (tr("Name (Arabic)"), e.name_ar or "—"),
        (tr("Type"), wording.type(e.type)),
        (tr("Capacity"), "—" if e.capacity is None else number(e.capacity)),
        (tr("Region"), wording.region(e.region)),
        (tr("Province"), wording.place(e.province) or "—"),
        (tr("Commune"), wording.place(e.commune) or "—"),
        (tr("Nearest OCP site"), e.site or "—"),
        (tr("GPS position"), gps),
    ]
    if survey is not None:
        ident += [
            (tr("Survey status"), wording.state(str(survey.status))),
            (tr("Agent"), survey.author or "—"),
            (tr("Last saved"), survey.updated_at[:10]),
            (tr("Form version"), f"{survey.form_id} {survey.form_version}"),
        ]
    sheet.table(ident, (0.38, 0.62), bold_first=True)
    if survey is None:
        sheet.paragraph(tr("No survey of this establishment yet."), colour=MUTED)
        sheet.finish(*_running_header(e, wording), today)
        return sheet
    answers = survey.answers if isinstance(survey.answers, dict) else {}
    if form is None:
        sheet.paragraph(tr("The form of this survey is not on this computer."), colour=MUTED)
        sheet.finish(*_running_header(e, wording), today)
        return sheet
    evaluation = form.evaluate(answers)
    _key_indicators(sheet, form, answers, wording)
    for section in form.sections:
        if not evaluation.is_relevant(section.name):
            continue
        _section(sheet, section, answers, evaluation, wording, data.read_attachment, form)
    sheet.finish(*_running_header(e, wording), today)
    return sheet


def _running_header(e: Establishment, wording: Wording) -> tuple[str, str]:
    """The code with the name in the report's language at the start, the other name at the
    end: both names on every page."""
    if wording.lang == "ar":
        return f"{e.code} · {e.name_ar or e.name_fr}", e.name_fr
    return f"{e.code} · {e.name_fr or e.name_ar}", e.name_ar


def choice_label(form: Form, question: str, code: str, wording: Wording) -> str:
    try:
        choice = form.question(question).choice(code)
    except KeyError:
        return code
    return text_of(choice.label, wording.lang) if choice is not None else code


def _key_indicators(sheet: Sheet, form: Form, answers: dict[str, Any], wording: Wording) -> None:
    """The figures the programme's axes start from, computed as the dashboard does."""
    tr = wording.tr
    ind = indicators.Indicators()
    indicators.add_answers(ind, form, answers)
    sheet.heading(tr("Key indicators"))
    connection = "—"
    if ind.connection_types:
        code = next(iter(ind.connection_types))
        connection = choice_label(form, "connection_type", code, wording)
        down, up = answers.get("download_mbps"), answers.get("upload_mbps")
        if code != "none" and isinstance(down, int | float) and isinstance(up, int | float):
            connection += f"\n↓ {number(down, 1)} / ↑ {number(up, 1)}\u00a0Mbit/s"
    if ind.bills_monthly:
        bills = (
            tr("%1 MAD in total").replace("%1", wording.isolated(number(ind.bills_total_mad)))
            + "\n"
            + tr("%1 MAD a month").replace("%1", wording.isolated(number(ind.bills_monthly[0])))
        )
    elif answers.get("grid_connected") == "no":
        bills = tr("Not connected to the grid")
    else:
        bills = "—"
    water = (
        ", ".join(choice_label(form, "hot_water_source", k, wording) for k in ind.hot_water) or "—"
    )
    roof = "—"
    if ind.roof_areas:
        roof = (
            tr("%1 m²").replace("%1", wording.isolated(number(ind.roof_area_total)))
            + "\n"
            + tr("about %1 kWp of solar").replace(
                "%1", wording.isolated(number(ind.solar_potential_kwp, 1))
            )
        )
    needs = answers.get("priority_needs")
    ranked = (
        "\n".join(
            f"{i}. {choice_label(form, 'priority_needs', str(n), wording)}"
            for i, n in enumerate(needs[:3], 1)
        )
        if isinstance(needs, list) and needs
        else "—"
    )
    sheet.tiles(
        [
            (tr("Internet connection"), connection),
            (tr("Electricity bills (12 months)"), bills),
            (tr("Hot water"), water),
            (tr("Usable roof area"), roof),
            (tr("Priority needs (first three)"), ranked),
            (tr("Residents / capacity"), _occupancy(answers)),
        ]
    )


def _occupancy(answers: dict[str, Any]) -> str:
    residents, capacity = answers.get("residents_total"), answers.get("capacity")
    if isinstance(residents, int | float) and isinstance(capacity, int | float) and capacity:
        return f"{number(residents)} / {number(capacity)} ({round(100 * residents / capacity)} %)"
    return "—"


def _section(
    sheet: Sheet,
    section: Group,
    answers: dict[str, Any],
    evaluation: Any,
    wording: Wording,
    read_attachment: Callable[[str], bytes],
    form: Form,
) -> None:
    rows: list[tuple[str, str]] = []
    pending: list[Callable[[], None]] = []
    started = False

    def start() -> None:
        nonlocal started
        if not started:
            sheet.heading(_label(section, wording))
            started = True

    def flush() -> None:
        if rows:
            start()
            sheet.table(list(rows), (0.45, 0.55), bold_first=True)
            rows.clear()
        for block in pending:
            start()
            block()
        pending.clear()

    for item in section.children:
        if isinstance(item, Group):
            if item.type == "repeat":
                if evaluation.is_relevant(item.name) and evaluation.instances(item.name):
                    flush()
                    start()
                    _repeat_table(sheet, item, answers, evaluation, wording)
            else:
                if evaluation.is_relevant(item.name):
                    flush()
                    start()
                    _section(sheet, item, answers, evaluation, wording, read_attachment, form)
            continue
        if not evaluation.is_relevant(item.name):
            continue
        label = substitute(form, evaluation, _label(item, wording), (), wording.lang)
        if item.type == "note" and has_references(_label(item, wording)):
            # A note that sums answers up ("Total over the period: 41 062 MAD …") reads as
            # in the form.
            flush()
            start()
            sheet.paragraph(label, colour=MUTED)
            continue
        if item.type in SKIPPED:
            continue
        value = answers.get(item.name)
        text = _answer(item, value, wording)
        if not text:
            continue
        rows.append((label, text))
        if item.type == "image" and isinstance(value, dict):
            sha = str(value.get("sha256") or "")
            filename = str(value.get("filename") or sha[:12])
            photo = _photo_bytes(read_attachment, sha)
            caption = _label(item, wording)
            pending.append(lambda c=caption, p=photo, f=filename: sheet.photo(c, p, f))
    flush()


def _photo_bytes(read_attachment: Callable[[str], bytes], sha: str) -> bytes | None:
    """A photo's plaintext, or None when it is not on this laptop (or does not open)."""
    if not sha:
        return None
    try:
        return read_attachment(sha)
    except (OSError, StoreError):
        return None


def _repeat_table(
    sheet: Sheet, group: Group, answers: dict[str, Any], evaluation: Any, wording: Wording
) -> None:
    """A repeat (the 12 monthly bills, staff by role) as a small table, one row per instance."""
    columns = [
        q
        for q in group.children
        if isinstance(q, Question) and q.type not in SKIPPED and q.type != "image"
    ]
    instances = answers.get(group.name)
    if not columns or not isinstance(instances, list):
        return
    rows = []
    for index, instance in enumerate(instances):
        if not isinstance(instance, dict):
            continue
        cells = []
        for q in columns:
            relevant = evaluation.is_relevant(q.name, index)
            cells.append(_answer(q, instance.get(q.name), wording) if relevant else "")
        if any(cells):
            rows.append(cells)
    if not rows:
        return
    sheet.paragraph(_label(group, wording), bold=True)
    numeric = [q.type in ("integer", "decimal") for q in columns]
    sheet.table(
        rows,
        [1.0] * len(columns),
        header=[_label(q, wording) for q in columns],
        px=SMALL_PX,
        numeric=numeric,
    )


def write_establishment_report(
    data: EstablishmentData,
    target: Path,
    lang: str,
    progress: ReportProgress | None = None,
) -> ReportResult:
    """Lay out and write one establishment's report (runs on a worker)."""
    if progress is not None:
        progress.step(0, 1)
    sheet = establishment_sheet(data, lang)
    return write_pdf(sheet, target, progress)
