"""A survey's form version under concurrency: it never moves backwards silently.

A draft moved to a newer version on one laptop while another laptop, offline on the older
version, edits it: the push of the older snapshot must not put the survey back on the old
version, nor keep answers to the newer version's questions under a version whose export has
no column for them. So the head keeps the newest of the two versions (publication order),
and the merged answers are fitted to it with the same rule a laptop uses when it moves a
draft (`fieldapp.forms.fit_answers`). An answer that does not fit was typed by someone: it is
never dropped silently but recorded as a conflict (base, server, client values) for a person
to resolve, like two edits of one question.
"""

from __future__ import annotations

from typing import Any

from .formengine import form_for
from .models import FormVersion


def is_newer(a: FormVersion, b: FormVersion) -> bool:
    """`a` was published after `b` (versions of one form are immutable and published in
    order; the publication order, not the version string, says which is newer)."""
    return (a.published_at, a.pk) > (b.published_at, b.pk)


def keep_newer_version(
    head_form: FormVersion,
    sent_form: FormVersion,
    *,
    base: dict[str, Any],
    head: dict[str, Any],
    ours: dict[str, Any],
    answers: dict[str, Any],
    conflicts: list[dict[str, Any]],
) -> tuple[FormVersion, dict[str, Any], list[dict[str, Any]], bool]:
    """The version the head keeps, the answers that fit it, the conflicts (those of the
    merge plus one per answer that does not fit), and whether the result differs from what
    the client sent (then it must be told: the version, or answers it did not send)."""
    if head_form.pk == sent_form.pk or head_form.form_id != sent_form.form_id:
        return sent_form, answers, conflicts, False
    final = head_form if is_newer(head_form, sent_form) else sent_form
    from fieldapp.forms import fit_answers

    fit = fit_answers(form_for(final), answers)
    kept = fit.kept
    seen = {c["question"] for c in conflicts}
    conflicts = list(conflicts)
    for dropped in fit.dropped:
        question = _top_key(dropped.path) or dropped.question
        if question in seen:
            continue
        seen.add(question)
        conflicts.append(
            {
                "question": question,
                "base": base.get(question),
                "server": head.get(question),
                "client": ours.get(question),
            }
        )
    return final, kept, conflicts, final.pk != sent_form.pk or kept != answers


def dropped_by_kept_version(
    head_form: FormVersion, sent_form: FormVersion, answers: dict[str, Any]
) -> tuple[FormVersion, list[str]]:
    """The version the head would keep, and the questions of `answers` (by their survey key)
    it does not hold: a conflict resolution may not keep its own value for one of them."""
    final = sent_form
    if head_form.form_id == sent_form.form_id and is_newer(head_form, sent_form):
        final = head_form
    from fieldapp.forms import fit_answers

    dropped = fit_answers(form_for(final), answers).dropped
    return final, sorted({_top_key(d.path) or d.question for d in dropped})


def _top_key(path: str) -> str:
    """The survey's own key of an answer's path ('bills[3]/amount_mad' -> 'bills')."""
    return path.split("/", 1)[0].split("[", 1)[0]
