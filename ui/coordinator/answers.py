"""Answers as a person reads them: labels in the UI language, and what changed."""

from __future__ import annotations

import html
from typing import Any

from fieldapp.forms import Form, Question
from ui.languages import current_language

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
    """(question label, answer, previous answer, changed) for each answered question."""
    lang = current_language()
    rows = []
    for question in form.questions:
        if question.type in SKIPPED_TYPES or question.repeat:
            continue
        value = answers.get(question.name)
        before = previous.get(question.name) if previous is not None else value
        if value in (None, "", []) and before in (None, "", []):
            continue
        changed = previous is not None and before != value
        rows.append(
            (
                text_of(question.label, lang) or question.name,
                answer_text(question, value, lang),
                answer_text(question, before, lang) if changed else "",
                changed,
            )
        )
    return rows


def answers_html(rows: list[tuple[str, str, str, bool]], was: str) -> str:
    """A read-only table; changed answers highlighted with what they were."""
    direction = "rtl" if current_language() == "ar" else "ltr"
    parts = [f'<table dir="{direction}" width="100%" cellspacing="0" cellpadding="4">']
    for label, value, before, changed in rows:
        style = ' style="background:#fff3b0"' if changed else ""
        old = html.escape(before or "—")
        note = f'<br><span style="color:#7a5c00">{html.escape(was)} {old}</span>' if changed else ""
        parts.append(
            f"<tr{style}><td width='45%'><b>{html.escape(label)}</b></td>"
            f"<td>{html.escape(value)}{note}</td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)
