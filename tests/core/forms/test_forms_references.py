"""`${name}` in labels, hints, notes and messages: replaced by formatted current values, the
same way for the same call (no state), inside repeats by the instance's own answers."""

from __future__ import annotations

from fieldapp.forms import baseline_form
from fieldapp.forms.references import format_value, substitute


def answers() -> dict:
    return {
        "visit_date": "2026-11-20",
        "grid_connected": "yes",
        "connection_type": "router_4g",
        "gps": {"lat": 32.2345678, "lon": -7.9345678, "accuracy": 5},
        "bills": [
            {"bill_month": "2025-11-01", "amount_mad": 1500, "kwh": 1000},
            {"bill_month": "2025-12-01", "amount_mad": 41000.5, "kwh": 30000},
        ],
    }


def test_the_bills_note_reads_the_totals_formatted():
    form = baseline_form()
    ev = form.evaluate(answers())
    note = form.question("bills_summary").label
    assert substitute(form, ev, note["fr"], (), "fr") == (
        "Total sur la période : 42\u00a0500.5 MAD pour 31\u00a0000 kWh."
    )
    arabic = substitute(form, ev, note["ar"], (), "ar")
    assert "\u206842\u00a0500.5\u2069" in arabic  # an isolated number inside Arabic text
    assert "${" not in arabic


def test_values_read_as_in_the_form():
    form = baseline_form()
    assert format_value(form.question("visit_date"), "2026-11-20", "fr") == "20/11/2026"
    assert format_value(form.question("bill_month"), "2026-03-01", "fr") == "03/2026"
    assert format_value(form.question("connection_type"), "router_4g", "fr").startswith("Routeur")
    assert format_value(form.question("gps"), answers()["gps"], "fr") == "32.23457, -7.93457"
    assert format_value(form.question("hot_water_source"), ["gas", "solar"], "fr").count(",") == 1


def test_same_call_same_answer_and_instances_read_their_own_values():
    form = baseline_form()
    data = answers()
    ev = form.evaluate(data)
    text = "${amount_mad} MAD (${visit_date}) ${nothing_like_this}"
    first = substitute(form, ev, text, (0,), "fr")
    assert first == "1\u00a0500 MAD (20/11/2026) "
    assert substitute(form, ev, text, (1,), "fr") == "41\u00a0000.5 MAD (20/11/2026) "
    assert substitute(form, ev, text, (0,), "fr") == first
    # Outside the repeat, an instance's question has no single value.
    assert substitute(form, ev, "${amount_mad}", (), "fr") == ""
