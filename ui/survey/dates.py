"""Dates as a Moroccan agent types them: `jj/mm/aaaa` (French and Arabic alike), ISO
`aaaa-mm-jj`, or the digits alone (`20112026`); a month-year question as `mm/aaaa`,
`aaaa-mm` or `112026`. Stored in ISO (`2026-11-20`; a month as its first day, `2026-11-01`),
as the form engine and XLSForm expect. Western or Arabic-Indic digits; nothing before 1901
(no 1899 "empty" date, no 1900 from an arrow key ever passes for an answer).
"""

from __future__ import annotations

import re
from datetime import date

from fieldapp.forms.references import format_date

FIRST_YEAR = 1901
LAST_YEAR = 2100
_SEP = r"\s*[/.\-\s]\s*"
_DAY_FIRST = re.compile(rf"(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}})")
_ISO = re.compile(rf"(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})")
_MONTH_FIRST = re.compile(rf"(\d{{1,2}}){_SEP}(\d{{4}})")
_ISO_MONTH = re.compile(rf"(\d{{4}}){_SEP}(\d{{1,2}})")


def _western(text: str) -> str:
    return "".join(str(int(c)) if c.isdigit() else c for c in text.strip())


def parse_date_text(text: str, *, month_year: bool = False) -> str | None:
    """The ISO date in what was typed, or None when it is not (yet) a date."""
    typed = _western(text)
    parts: tuple[int, int, int] | None = None
    if month_year:
        if found := _MONTH_FIRST.fullmatch(typed):
            parts = (int(found[2]), int(found[1]), 1)
        elif found := _ISO_MONTH.fullmatch(typed):
            parts = (int(found[1]), int(found[2]), 1)
        elif typed.isdigit() and len(typed) == 6:
            parts = (int(typed[2:]), int(typed[:2]), 1)
        elif found := (_DAY_FIRST.fullmatch(typed) or None):
            parts = (int(found[3]), int(found[2]), 1)
        elif found := _ISO.fullmatch(typed):
            parts = (int(found[1]), int(found[2]), 1)
    elif found := _DAY_FIRST.fullmatch(typed):
        parts = (int(found[3]), int(found[2]), int(found[1]))
    elif found := _ISO.fullmatch(typed):
        parts = (int(found[1]), int(found[2]), int(found[3]))
    elif typed.isdigit() and len(typed) == 8:
        parts = (int(typed[4:]), int(typed[2:4]), int(typed[:2]))
    if parts is None or not FIRST_YEAR <= parts[0] <= LAST_YEAR:
        return None
    try:
        return date(*parts).isoformat()
    except ValueError:
        return None


def date_text(value: object, *, month_year: bool = False) -> str:
    """How a stored ISO date is shown: 20/11/2026, or 11/2026 for a month (as everywhere:
    fieldapp.forms.references.format_date)."""
    return format_date(value, month_year=month_year) if isinstance(value, str) else ""


def months_before(visit: str, count: int) -> list[str]:
    """The first days of the `count` months before the visit's month, oldest first (the
    twelve bills before a visit on 2026-11-20: 2025-11-01 … 2026-10-01)."""
    day = date.fromisoformat(visit[:10])
    current = day.year * 12 + day.month - 1
    return [
        date((current - back) // 12, (current - back) % 12 + 1, 1).isoformat()
        for back in range(count, 0, -1)
    ]
