"""`${name}` in labels, hints, notes and constraint messages, replaced by the current answer as
a person reads it (what XLSForm's forms show): a choice by its label in the language asked,
a number grouped by thousands, a date day first, a GPS position as two coordinates.

A pure function of the form, an evaluation and the language, with no state of its own: the
same call always gives the same text. The survey form (live, as answers change), the
coordinator's review pane and the PDF reports all use it, so they read alike.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from fieldapp.forms.definition import Form
    from fieldapp.forms.evaluation import Evaluation
    from fieldapp.forms.model import Question

Index = tuple[int, ...]
REFERENCE: Final = re.compile(r"\$\{([^}]*)\}")
RIGHT_TO_LEFT: Final = frozenset({"ar", "he", "fa", "ur"})
_GROUP: Final = "\u00a0"  # no-break space between thousands: 45 300 never splits


def has_references(text: str) -> bool:
    return "${" in text


def format_number(value: float) -> str:
    """45 300 or 12.5: grouped by spaces, as French and Moroccan readers write them, in
    Western digits in every language (Morocco's usage, in Arabic too)."""
    if not math.isfinite(value):
        return ""
    if float(value).is_integer():
        return f"{value:,.0f}".replace(",", _GROUP)
    return f"{value:,.2f}".replace(",", _GROUP).rstrip("0").rstrip(".")


def format_date(value: str, *, month_year: bool = False) -> str:
    """20/11/2026, or 11/2026 for a month-year question."""
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    if month_year:
        return f"{day.month:02d}/{day.year}"
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def format_value(question: Question, value: Any, lang: str, fallback: str = "fr") -> str:
    """One value as it reads in a sentence ('' when there is none)."""
    if value is None or value == "" or value == []:
        return ""
    kind = question.type
    if kind in ("select_one", "select_multiple", "rank") and question.choices:
        names = value if isinstance(value, list) else str(value).split()
        labels = []
        for name in names:
            choice = question.choice(str(name))
            text = choice.label.get(lang) or choice.label.get(fallback) if choice else None
            labels.append(text or str(name))
        return ", ".join(labels)
    if kind == "geopoint" and isinstance(value, dict):
        try:
            return f"{float(value['lat']):.5f}, {float(value['lon']):.5f}"
        except (KeyError, TypeError, ValueError):
            return ""
    if kind == "date" and isinstance(value, str):
        return format_date(value, month_year="month-year" in question.appearance)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return format_number(float(value))
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return value
        return format_number(number) if kind in ("calculate", "integer", "decimal") else value
    if isinstance(value, dict):
        return str(value.get("filename") or "")
    return str(value)


def substitute(
    form: Form, evaluation: Evaluation, text: str, index: Index = (), lang: str = "fr"
) -> str:
    """`text` with each `${name}` replaced by that question's current value, formatted; inside
    a repeat instance (`index`), a question of the same repeat reads that instance's answer.
    An unknown name or a value not there yet reads as nothing."""
    if "${" not in text:
        return text
    fallback = form.default_language
    isolate = lang in RIGHT_TO_LEFT

    def value(found: re.Match[str]) -> str:
        name = found.group(1).strip()
        if name not in form:
            return ""
        question = form.question(name) if _is_question(form, name) else None
        if question is None:
            return ""
        depth = len(question.repeats)
        if depth > len(index):
            return ""
        shown = format_value(question, evaluation.value(name, index[:depth]), lang, fallback)
        # In Arabic text a number, date or code keeps its own order: a first-strong
        # isolate, as in HTML's <bdi>.
        return f"\u2068{shown}\u2069" if isolate and shown else shown

    return REFERENCE.sub(value, text)


def _is_question(form: Form, name: str) -> bool:
    try:
        form.question(name)
    except (KeyError, TypeError):
        return False
    return True
