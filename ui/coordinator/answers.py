"""Answers as a person reads them: labels in the UI language, and what changed."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from fieldapp.forms import Form, Group, Question
from fieldapp.forms.references import format_value, substitute
from ui.languages import current_language, isolated

SKIPPED_TYPES = {"note", "calculate"}


def text_of(text: dict[str, str], lang: str) -> str:
    return text.get(lang) or text.get("fr") or next(iter(text.values()), "")


def answer_text(question: Question, value: Any, lang: str) -> str:
    """One answer as words: choice labels, photo names, list sizes."""
    if value is None or value == "" or value == []:
        return ""
    if question.choices and isinstance(value, str | list):
        names = value.split() if isinstance(value, str) and question.type != "select_one" else value
        if isinstance(names, str):
            names = [names]
        labels = {c.name: text_of(c.label, lang) for c in question.choices}
        sep = " > " if question.type == "rank" else ", "
        return sep.join(labels.get(str(n), str(n)) for n in names)
    if isinstance(value, dict):
        return str(value.get("filename") or value.get("sha256", "")[:12] or value)
    if isinstance(value, list):
        return f"{len(value)} ×"
    return str(value)


def answer_rows(
    form: Form, answers: dict[str, Any], previous: dict[str, Any] | None
) -> list[tuple[str, str, str, bool]]:
    """(question label, answer, previous answer, changed) for each answered question outside
    repeats, formatted as the form shows them (choices by label, dates day first, GPS as two
    coordinates), labels with their `${name}` references filled in."""
    lang = current_language()
    fallback = form.default_language
    evaluation = form.evaluate(answers)
    rows = []
    for question in form.questions:
        if question.type in SKIPPED_TYPES or question.repeat:
            continue
        value = answers.get(question.name)
        before = previous.get(question.name) if previous is not None else value
        if value in (None, "", []) and before in (None, "", []):
            continue
        changed = previous is not None and before != value
        label = text_of(question.label, lang) or question.name
        rows.append(
            (
                substitute(form, evaluation, label, (), lang),
                shown(question, value, lang, fallback),
                shown(question, before, lang, fallback) if changed else "",
                changed,
            )
        )
    return rows


def shown(question: Question, value: Any, lang: str, fallback: str) -> str:
    if question.type == "image":
        return answer_text(question, value, lang)
    return format_value(question, value, lang, fallback)


@dataclass(slots=True)
class RepeatTable:
    """A repeat as the review shows it: one row per instance, changed rows marked."""

    title: str
    header: list[str]
    rows: list[list[str]]
    changed: list[bool]


def repeat_tables(
    form: Form, answers: dict[str, Any], previous: dict[str, Any] | None
) -> list[RepeatTable]:
    """Each top-level repeat that has answers (staff roster, the twelve bills) as a table."""
    lang = current_language()
    fallback = form.default_language
    tables = []
    for section in form.sections:
        for item in section.walk():
            if not isinstance(item, Group) or item.type != "repeat" or item.repeat:
                continue
            columns = [
                q for q in item.children if isinstance(q, Question) and q.type not in SKIPPED_TYPES
            ]
            instances = answers.get(item.name)
            if not columns or not isinstance(instances, list) or not instances:
                continue
            earlier = previous.get(item.name) if previous is not None else None
            rows, changed = [], []
            for position, instance in enumerate(instances):
                if not isinstance(instance, dict):
                    continue
                cells = [shown(q, instance.get(q.name), lang, fallback) for q in columns]
                if not any(cells):
                    continue
                rows.append(cells)
                before = (
                    earlier[position]
                    if isinstance(earlier, list) and position < len(earlier)
                    else None
                )
                changed.append(previous is not None and before != instance)
            if rows:
                tables.append(
                    RepeatTable(
                        text_of(item.label, lang) or item.name,
                        [text_of(q.label, lang) or q.name for q in columns],
                        rows,
                        changed,
                    )
                )
    return tables


def answers_html(
    rows: list[tuple[str, str, str, bool]],
    was: str,
    tables: list[RepeatTable] | None = None,
    photos: dict[str, str] | None = None,
) -> str:
    """A read-only table; changed answers highlighted with what they were; then each repeat
    as a table of its own; photos as thumbnails (`photos`: answer text -> image file URL)."""
    direction = "rtl" if current_language() == "ar" else "ltr"
    parts = [f'<table dir="{direction}" width="100%" cellspacing="0" cellpadding="4">']
    for label, value, before, changed in rows:
        style = ' style="background:#fff3b0"' if changed else ""
        # Each answer in its own order: "32.77122, -6.40839" read "6.40839- ,32.77122" in
        # the Arabic table, as did codes and phone numbers.
        old = html.escape(isolated(before) if before else "—")
        note = f'<br><span style="color:#7a5c00">{html.escape(was)} {old}</span>' if changed else ""
        cell = html.escape(isolated(value))
        if photos and value in photos:
            cell = f'<img src="{html.escape(photos[value])}" width="160"><br>{cell}'
        parts.append(
            f"<tr{style}><td width='45%'><b>{html.escape(label)}</b></td><td>{cell}{note}</td></tr>"
        )
    parts.append("</table>")
    for table in tables or []:
        parts.append(f"<h4>{html.escape(table.title)}</h4>")
        parts.append(
            f'<table dir="{direction}" width="100%" cellspacing="0" cellpadding="3" border="1">'
        )
        parts.append(
            "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in ["#", *table.header]) + "</tr>"
        )
        for number, (cells, changed) in enumerate(zip(table.rows, table.changed, strict=True), 1):
            style = ' style="background:#fff3b0"' if changed else ""
            parts.append(
                f"<tr{style}><td>{number}</td>"
                + "".join(f"<td>{html.escape(isolated(c))}</td>" for c in cells)
                + "</tr>"
            )
        parts.append("</table>")
    return "".join(parts)
