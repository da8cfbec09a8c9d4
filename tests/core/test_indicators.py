"""Dashboard figures (fieldapp.indicators) equal direct SQL counts on demo data."""

from fieldapp import indicators
from fieldapp.demo import fill
from fieldapp.forms import baseline_form
from fieldapp.store import Store

LATEST = (
    "SELECT s.* FROM surveys s WHERE s.id = (SELECT t.id FROM surveys t WHERE "
    "t.establishment_id = s.establishment_id "
    "ORDER BY t.received = '' DESC, t.received DESC, t.rowid DESC LIMIT 1)"
)


def test_figures_equal_sql_counts_on_demo_data(store: Store) -> None:
    fill(store, establishments=60, surveys=90, seed=3)
    board = indicators.compute(store, baseline_form())
    sql = dict(store.conn.execute("SELECT survey_status, count(*) FROM establishments GROUP BY 1"))
    # Demo surveys are all still in the outbox: a finalized one is not yet 'synced'.
    assert {k: v for k, v in board.progress.total.items() if v} == sql
    assert sum(sum(c.values()) for c in board.progress.by_region.values()) == 60
    for region, counts in board.progress.by_region.items():
        n = store.conn.execute(
            "SELECT count(*) FROM establishments WHERE region = ?", (region,)
        ).fetchone()[0]
        assert sum(counts.values()) == n

    done = f"FROM ({LATEST}) WHERE status IN ('finalized', 'approved')"
    ind = board.indicators
    assert ind.surveyed == store.conn.execute(f"SELECT count(*) {done}").fetchone()[0]
    connected = store.conn.execute(
        f"SELECT count(*) {done} AND json_extract(answers, '$.connection_type') != 'none'"
    ).fetchone()[0]
    assert ind.connected == connected and ind.connected_share > 0
    for kind, n in store.conn.execute(
        f"SELECT json_extract(answers, '$.connection_type'), count(*) {done} GROUP BY 1"
    ):
        assert ind.connection_types[kind] == n
    roof = store.conn.execute(
        f"SELECT sum(json_extract(answers, '$.roof_area_m2')) {done}"
    ).fetchone()[0]
    assert abs(ind.roof_area_total - roof) < 1e-6
    with_bills = done.replace("WHERE status", ", json_each(answers, '$.bills') b WHERE status")
    bills = store.conn.execute(
        f"SELECT sum(json_extract(b.value, '$.amount_mad')) {with_bills}"
        " AND json_extract(answers, '$.grid_connected') = 'yes'"
    ).fetchone()[0]
    assert abs(ind.bills_total_mad - bills) < 0.01
    assert sum(c for _, c in ind.bills_histogram()) == len(ind.bills_monthly)
    firsts = sum(ind.needs_first.values())
    assert (
        firsts
        == store.conn.execute(
            f"SELECT count(*) {done} AND json_array_length(answers, '$.priority_needs') > 0"
        ).fetchone()[0]
    )


def test_progress_state() -> None:
    assert indicators.progress_state(None, 0, False) == "not_started"
    assert indicators.progress_state("finalized", 3, True) == "finalized"
    assert indicators.progress_state("finalized", 3, False) == "synced"
    assert indicators.progress_state("returned", 3, False) == "returned"
