"""Sane ranges in the baseline form: a visit in the programme's years, bills within the 18
months before the visit (a 1899/1900 date from a spin box or a typo never passes)."""

from __future__ import annotations

from fieldapp.forms import baseline_form


def failures(answers: dict) -> set[str]:
    return set(baseline_form().evaluate(answers).constraint_failures)


def test_the_visit_is_in_the_programme_years_and_not_in_the_future():
    assert failures({"visit_date": "1900-12-31"}) == {"visit_date"}
    assert failures({"visit_date": "2022-12-31"}) == {"visit_date"}
    assert failures({"visit_date": "2099-01-01"}) == {"visit_date"}
    assert failures({"visit_date": "2024-03-15"}) == set()


def test_bills_are_within_the_18_months_before_the_visit():
    def bill(month: str) -> dict:
        return {
            "visit_date": "2025-11-20",
            "grid_connected": "yes",
            "bills": [{"bill_month": month}],
        }

    assert failures(bill("2025-10-01")) == set()
    assert failures(bill("2024-06-01")) == set()  # 17 months before
    assert failures(bill("2024-04-01")) == {"bills[1]/bill_month"}  # 19 months before
    assert failures(bill("2025-12-01")) == {"bills[1]/bill_month"}  # after the visit
    assert failures(bill("1900-01-01")) == {"bills[1]/bill_month"}
