"""A region's summary: progress per province, site and agent, the baseline's indicators
with charts."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtGui import (
    QFontMetricsF,
)

from fieldapp import indicators
from fieldapp.forms import Form
from fieldapp.store import Store
from fieldapp.store.records import latest_first
from ui.coordinator.answers import text_of
from ui.coordinator.charts import paint_bars, paint_stacked
from ui.reports.establishment import choice_label
from ui.reports.sheet import (
    ACCENT,
    CONTENT_W,
    HEADING_PX,
    MUTED,
    SMALL_PX,
    TITLE_PX,
    ReportProgress,
    ReportResult,
    Sheet,
    font,
    write_pdf,
)
from ui.reports.wording import Wording, ltr, number

# -- the regional summary ---------------------------------------------------------------------


@dataclass(slots=True)
class RegionSummary:
    """Progress per province, site and agent, and the indicators, of some regions."""

    regions: list[str]
    by_province: dict[str, Counter[str]] = field(default_factory=dict)
    by_site: dict[str, Counter[str]] = field(default_factory=dict)
    by_agent: dict[str, Counter[str]] = field(default_factory=dict)
    total: Counter[str] = field(default_factory=Counter)
    indicators: indicators.Indicators = field(default_factory=indicators.Indicators)


def summarize(
    store: Store,
    regions: Sequence[str],
    form: Form | None,
    progress: ReportProgress | None = None,
) -> RegionSummary:
    """One pass over the establishments of `regions` (all when empty), counting each by the
    state of its latest survey (fieldapp.indicators' rules) and adding its baseline."""
    where, params = "", list(regions)
    if regions:
        where = f" WHERE e.region IN ({','.join('?' * len(regions))})"
    count = store.conn.execute(
        f"SELECT count(*) FROM establishments e{where}",  # noqa: S608
        params,
    ).fetchone()[0]
    pending = {
        r[0]
        for r in store.conn.execute(
            "SELECT DISTINCT entity_id FROM changes WHERE entity IN ('survey', "
            "'conflict_resolution') AND state = 'pending'"
        )
    }
    sql = (
        "SELECT e.province, e.site, e.agents, s.id, s.status, s.base_revision, s.author,"  # noqa: S608
        " s.answers FROM establishments e LEFT JOIN surveys s ON s.id = ("
        " SELECT t.id FROM surveys t WHERE t.establishment_id = e.id"
        f" ORDER BY {latest_first('t')} LIMIT 1)"
    )
    rows = store.conn.execute(sql + where + " ORDER BY e.code", params)
    summary = RegionSummary(list(regions))
    for n, (province, site, agents, sid, status, base, author, answers) in enumerate(rows):
        if progress is not None and n % 20 == 0:
            progress.step(n, count)
        state = indicators.progress_state(status, int(base or 0), sid in pending)
        summary.total[state] += 1
        summary.by_province.setdefault(province or "", Counter())[state] += 1
        summary.by_site.setdefault(site or "", Counter())[state] += 1
        names = json.loads(agents or "[]") or ([author] if author else [indicators.UNASSIGNED])
        for name in names:
            summary.by_agent.setdefault(str(name), Counter())[state] += 1
        if status in ("finalized", "approved"):
            indicators.add_answers(summary.indicators, form, json.loads(answers))
    if progress is not None:
        progress.step(count, count)
    return summary


def region_sheet(summary: RegionSummary, lang: str, form: Form | None, *, today: str = "") -> Sheet:
    """Lay out a regional summary: key figures, progress charts and tables, indicator charts."""
    wording = Wording(lang)
    tr = wording.tr
    today = today or datetime.now(UTC).date().isoformat()
    places = (
        " · ".join(wording.region(r) for r in summary.regions)
        if summary.regions
        else tr("All regions")
    )
    sheet = Sheet(wording, tr("Regional summary"))
    sheet.paragraph(tr("Regional summary"), px=TITLE_PX, bold=True, colour=ACCENT)
    sheet.paragraph(places, px=HEADING_PX, bold=True)
    if form is not None:
        sheet.paragraph(text_of(form.title, wording.lang), colour=MUTED)
    total = sum(summary.total.values())
    ind = summary.indicators
    surveyed = summary.total["finalized"] + summary.total["synced"] + summary.total["approved"]
    share = f"{round(100 * surveyed / total)} %" if total else "—"
    average = (
        tr("%1 MAD a month").replace(
            "%1", wording.isolated(number(sum(ind.bills_monthly) / len(ind.bills_monthly)))
        )
        if ind.bills_monthly
        else "—"
    )
    sheet.tiles(
        [
            (tr("Establishments"), number(total)),
            (tr("Surveyed (finalized or approved)"), f"{number(surveyed)}  ({share})"),
            (tr("Approved"), number(summary.total["approved"])),
            (
                tr("Connected to the Internet"),
                f"{round(100 * ind.connected_share)} %"
                f"  ({ind.connected}/{ind.connection_answered})",
            ),
            (tr("Electricity billed (12 months)"),
             tr("%1 MAD in total").replace("%1", wording.isolated(number(ind.bills_total_mad)))
             + "\n" + average),
            (tr("Usable roof area"),
             tr("%1 m²").replace("%1", wording.isolated(number(ind.roof_area_total))) + "\n"
             + tr("about %1 kWp of solar").replace(
                 "%1", wording.isolated(number(ind.solar_potential_kwp)))),
        ]
    )  # fmt: skip
    states = indicators.PROGRESS
    province_rows = [
        (wording.place(k) if k else tr("(none)"), dict(v))
        for k, v in sorted(summary.by_province.items())
    ]
    sheet.heading(tr("Progress of the fieldwork"))
    line = QFontMetricsF(font(SMALL_PX)).height()
    height = line * (3.2 + 1.6 * max(1, len(province_rows)))
    sheet.chart(
        height,
        lambda p, r: paint_stacked(
            p, r, tr("Establishments by survey progress, per province"), province_rows, states,
            wording.state, rtl=wording.rtl,
        ),
    )  # fmt: skip
    for title, groups, label in (
        (tr("Per province"), summary.by_province, wording.place),
        (tr("Per OCP site"), summary.by_site, str),
        (tr("Per agent"), summary.by_agent, str),
    ):
        sheet.paragraph(title, bold=True)
        rows = []
        for key, counts in sorted(groups.items()):
            n = sum(counts.values())
            done = counts["finalized"] + counts["synced"] + counts["approved"]
            rows.append(
                [label(key) if key else tr("(none)")]
                + [str(counts.get(s, 0)) for s in states]
                + [str(n), f"{round(100 * done / n)} %" if n else "—"]
            )
        header = [title] + [wording.state(s) for s in states] + [tr("Total"), tr("Surveyed")]
        sheet.table(
            rows,
            [1.9] + [1.2] * len(states) + [0.8, 1.0],
            header=header,
            px=SMALL_PX,
            header_px=23,  # "Synchronisés" fits its column
            numeric=[False] + [True] * (len(states) + 2),
        )
    sheet.heading(tr("Baseline indicators"))
    sheet.paragraph(
        tr("From the latest finalized or approved survey of %1 establishments.").replace(
            "%1", wording.isolated(str(ind.surveyed))
        ),
        colour=MUTED,
    )

    def choices(question: str, counts: Counter[str]) -> list[tuple[str, float]]:
        if form is None:
            return [(k, float(v)) for k, v in counts.most_common()]
        return [
            (choice_label(form, question, k, wording), float(v)) for k, v in counts.most_common()
        ]

    def iso(label: str) -> str:
        return ltr(label) if wording.rtl else label

    charts: list[tuple[str, list[tuple[str, float]]]] = [
        (
            tr("Connected to the Internet: %1%").replace(
                "%1", wording.isolated(str(round(100 * ind.connected_share)))
            ),
            [(tr("Connected"), ind.connected),
             (tr("Not connected"), ind.connection_answered - ind.connected)],
        ),
        (tr("Connection type"), choices("connection_type", ind.connection_types)),
        (tr("Hot-water source"), choices("hot_water_source", ind.hot_water)),
        (tr("Monthly electricity bill (MAD)"),
         [(iso(k), float(v)) for k, v in ind.bills_histogram()]),
        (tr("Usable roof area (m²)"), [(iso(k), float(v)) for k, v in ind.roof_histogram()]),
        (tr("Priority needs (rank score)"),
         choices("priority_needs", Counter(dict(ind.ranked_needs())))),
    ]  # fmt: skip
    gap = 60
    half = (CONTENT_W - gap) / 2
    for i in range(0, len(charts), 2):
        pair = charts[i : i + 2]
        height = line * (1.9 + 1.6 * max(1, max(len(bars) for _, bars in pair)))
        sheet.room(height)
        for j, (title, bars) in enumerate(pair):
            sheet.chart(
                height,
                lambda p, r, t=title, b=bars: paint_bars(p, r, t, b, rtl=wording.rtl),
                x=j * (half + gap),
                width=half,
                advance=j == len(pair) - 1,
            )
    sheet.finish(tr("Regional summary"), places, today)
    return sheet


def write_region_report(
    data_dir: Path,
    regions: Sequence[str],
    form: Form | None,
    target: Path,
    lang: str,
    progress: ReportProgress | None = None,
) -> ReportResult:
    """Count, lay out and write a regional summary (runs on a worker, own connection)."""
    with Store.open(data_dir) as store:
        summary = summarize(store, regions, form, progress)
    sheet = region_sheet(summary, lang, form)
    return write_pdf(sheet, target, progress)


# -- in the app ---------------------------------------------------------------------------------
