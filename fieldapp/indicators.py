"""The baseline's indicators and the fieldwork's progress, computed from a profile's store.

Pure Python (no Qt), so the coordinator's dashboard, the PDF reports and tests share one
definition. Progress counts every establishment by the state of its latest survey; the
indicators read the latest *finalized or approved* survey of each establishment (a draft is
incomplete, a returned survey is being corrected), with the form's own calculations
(`bills_total_mad`, `bill_monthly_avg_mad`) evaluated by the form engine.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from fieldapp.forms import Form
from fieldapp.store import Store
from fieldapp.store.records import latest_first

# Progress states, in the order a survey goes through them.
PROGRESS = ("not_started", "draft", "finalized", "synced", "returned", "approved")
UNASSIGNED = ""
BILL_BINS = (0, 500, 1000, 2000, 4000, 8000)  # MAD per month; the last bin is open
ROOF_BINS = (0, 50, 100, 200, 400, 800)  # m²; the last bin is open
# A usable m² of roof takes about 0.15 kWp of panels (a common first estimate).
KWP_PER_M2 = 0.15


def progress_state(status: str | None, base_revision: int, pending: bool) -> str:
    """One establishment's progress state from its latest survey (None: none yet). A
    finalized survey is 'synced' once the server has it and no local change is pending."""
    if status is None:
        return "not_started"
    if status == "finalized":
        return "synced" if base_revision > 0 and not pending else "finalized"
    return status if status in PROGRESS else "draft"


@dataclass(slots=True)
class Progress:
    """Counts of establishments by progress state, per group (region, site or agent)."""

    by_region: dict[str, Counter[str]] = field(default_factory=dict)
    by_site: dict[str, Counter[str]] = field(default_factory=dict)
    by_agent: dict[str, Counter[str]] = field(default_factory=dict)
    total: Counter[str] = field(default_factory=Counter)


@dataclass(slots=True)
class Indicators:
    """What the baseline says, over the establishments with a finalized or approved survey."""

    surveyed: int = 0
    connected: int = 0
    connection_answered: int = 0
    connection_types: Counter[str] = field(default_factory=Counter)
    hot_water: Counter[str] = field(default_factory=Counter)
    hot_water_answered: int = 0
    bills_monthly: list[float] = field(default_factory=list)  # one average per establishment
    bills_total_mad: float = 0.0
    roof_areas: list[float] = field(default_factory=list)
    needs_score: Counter[str] = field(default_factory=Counter)  # Borda: first of n gets n
    needs_first: Counter[str] = field(default_factory=Counter)

    @property
    def connected_share(self) -> float:
        return self.connected / self.connection_answered if self.connection_answered else 0.0

    @property
    def roof_area_total(self) -> float:
        return sum(self.roof_areas)

    @property
    def solar_potential_kwp(self) -> float:
        return self.roof_area_total * KWP_PER_M2

    def bills_histogram(self) -> list[tuple[str, int]]:
        return histogram(self.bills_monthly, BILL_BINS)

    def roof_histogram(self) -> list[tuple[str, int]]:
        return histogram(self.roof_areas, ROOF_BINS)

    def ranked_needs(self) -> list[tuple[str, int]]:
        return sorted(self.needs_score.items(), key=lambda kv: (-kv[1], kv[0]))


@dataclass(slots=True)
class Dashboard:
    progress: Progress
    indicators: Indicators


def histogram(values: Iterable[float], bins: Sequence[float]) -> list[tuple[str, int]]:
    """Counts per bin, labelled '0–500', …, '8000+'."""
    counts = [0] * len(bins)
    for value in values:
        index = 0
        for i, lower in enumerate(bins):
            if value >= lower:
                index = i
        counts[index] += 1
    labels = [f"{int(lo)}–{int(hi)}" for lo, hi in itertools.pairwise(bins)]
    labels.append(f"{int(bins[-1])}+")
    return list(zip(labels, counts, strict=True))


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number else None  # NaN is no answer


def add_answers(ind: Indicators, form: Form | None, answers: dict[str, Any]) -> None:
    """Count one establishment's baseline answers into `ind`."""
    ind.surveyed += 1
    connection = answers.get("connection_type")
    if isinstance(connection, str) and connection:
        ind.connection_answered += 1
        ind.connection_types[connection] += 1
        if connection != "none":
            ind.connected += 1
    sources = answers.get("hot_water_source")
    if isinstance(sources, str):
        sources = sources.split()
    if isinstance(sources, list) and sources:
        ind.hot_water_answered += 1
        for source in sources:
            ind.hot_water[str(source)] += 1
    if answers.get("grid_connected") == "yes" and answers.get("bills"):
        total = average = None
        if form is not None:
            evaluation = form.evaluate(answers)
            total = _number(evaluation.value("bills_total_mad"))
            average = _number(evaluation.value("bill_monthly_avg_mad"))
        if total is None or average is None:
            amounts = [
                a
                for a in (
                    _number(b.get("amount_mad")) for b in answers["bills"] if isinstance(b, dict)
                )
                if a is not None
            ]
            total = sum(amounts)
            average = total / len(amounts) if amounts else None
        if average is not None:
            ind.bills_monthly.append(average)
            ind.bills_total_mad += total or 0.0
    roof = _number(answers.get("roof_area_m2"))
    if roof is not None:
        ind.roof_areas.append(roof)
    needs = answers.get("priority_needs")
    if isinstance(needs, list) and needs:
        for rank, need in enumerate(needs):
            ind.needs_score[str(need)] += len(needs) - rank
        ind.needs_first[str(needs[0])] += 1


def compute(store: Store, form: Form | None = None, *, regions: Sequence[str] = ()) -> Dashboard:
    """Progress and indicators of the establishments in `regions` (all when empty)."""
    where = ""
    params: list[Any] = []
    if regions:
        where = f" WHERE e.region IN ({','.join('?' * len(regions))})"
        params.extend(regions)
    pending = {
        r[0]
        for r in store.conn.execute(
            "SELECT DISTINCT entity_id FROM changes WHERE entity IN ('survey', "
            "'conflict_resolution') AND state = 'pending'"
        )
    }
    # The latest survey of each establishment, as the list's status column picks it.
    sql = (
        "SELECT e.id, e.region, e.site, e.agents, s.id, s.status, s.base_revision, s.author,"  # noqa: S608
        " s.answers FROM establishments e LEFT JOIN surveys s ON s.id = ("
        " SELECT t.id FROM surveys t WHERE t.establishment_id = e.id"
        f" ORDER BY {latest_first('t')} LIMIT 1)"
    )
    rows = store.conn.execute(sql + where, params)
    progress = Progress()
    indicators = Indicators()
    for _eid, region, site, agents, sid, status, base, author, answers in rows:
        state = progress_state(status, int(base or 0), sid in pending)
        progress.total[state] += 1
        progress.by_region.setdefault(region or "", Counter())[state] += 1
        progress.by_site.setdefault(site or "", Counter())[state] += 1
        names = json.loads(agents or "[]") or ([author] if author else [UNASSIGNED])
        for name in names:
            progress.by_agent.setdefault(str(name), Counter())[state] += 1
        if status in ("finalized", "approved"):
            add_answers(indicators, form, json.loads(answers))
    return Dashboard(progress, indicators)
