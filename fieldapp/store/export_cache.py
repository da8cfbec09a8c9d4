"""Each survey's answers kept as the CSV export writes them (table `survey_exports`).

Flattening a survey for an export evaluates its form (relevance, calculations), which costs
a fraction of a millisecond: nothing for one save, most of a 50,000-survey export. So the
store's survey writes (`Store._write_survey`: start, save, finalize, review, bulk inserts)
and the surveys a pull brings (`PullStore._apply_survey`: a coordinator's export right after a
sync copies text) also keep `fieldapp.forms.flatten.survey_csv` of the new answers, in the same
transaction, and an export only copies text for the surveys that did not change since.

A row is valid only for the form whose `export_key` it names (definition hash + flatten
format): an export with another form version, or after flattening changed, recomputes the
row. Any other change to a survey's answers (sync, conflict resolution, a version move,
code that does not know about this table) deletes the row through the
`survey_exports_stale` trigger, so a stale row is never exported. The export writes back
what it recomputed, only if the answers are still those it flattened.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fieldapp.domain import Survey
    from fieldapp.forms import Form
    from fieldapp.store.form_versions import FormVersionStore as Store

# store -> (form id, version) -> the loaded form, for the saves of a session.
_FORMS: weakref.WeakKeyDictionary[Store, dict[tuple[str, str], Form]] = weakref.WeakKeyDictionary()

_UPSERT = (
    "INSERT OR REPLACE INTO survey_exports(survey_id, form_key, main, repeats) VALUES (?,?,?,?)"
)


def form_for(store: Store, form_id: str, version: str) -> Form | None:
    """The form a survey was written with: the shipped baseline or a version received by
    sync; None when this store does not have it (then nothing is cached)."""
    forms = _FORMS.setdefault(store, {})
    found = forms.get((form_id, version))
    if found is not None:
        return found
    from fieldapp.forms import FormError, baseline_form, load_form

    base = baseline_form()
    if (base.id, base.version) == (form_id, version):
        found = base
    else:
        definition = store.form_definition(form_id, version)
        if definition is None:
            return None  # not cached: the version may arrive by the next sync
        try:
            found = load_form(definition)
        except FormError:
            return None
    forms[(form_id, version)] = found
    return found


def keep(store: Store, survey: Survey) -> None:
    """Cache the survey's export text (inside the caller's write transaction)."""
    keep_answers(store, survey.id, survey.form_id, survey.form_version, survey.answers)


def keep_answers(
    store: Store, survey_id: str, form_id: str, version: str, answers: dict[str, Any]
) -> None:
    """`keep` for a survey written by other means than a `Survey` (a pulled one), after its
    answers are written, in the same transaction."""
    form = form_for(store, form_id, version)
    if form is None:
        return
    from fieldapp.forms.flatten import export_key, survey_csv

    key = export_key(form)
    if key is None:
        return
    try:
        main, repeats = survey_csv(form, survey_id, answers)
    except Exception:  # derived data must never stop a save; the export recomputes
        return
    store.conn.execute(_UPSERT, (survey_id, key, main, json.dumps(repeats, ensure_ascii=False)))


Snapshot = tuple[int, int]


def snapshot(store: Store) -> Snapshot:
    """What tells whether anything was written to the database since: its `data_version`
    (moves when another connection, or process, commits) and this connection's
    `total_changes` (moves with its own writes)."""
    (version,) = store.conn.execute("PRAGMA data_version").fetchone()
    return int(version), store.conn.total_changes


def write_back(
    store: Store, rows: Iterable[tuple[str, str, str, str, str]], since: Snapshot | None = None
) -> Snapshot | None:
    """Store rows an export recomputed: (survey id, the answers JSON it flattened, form key,
    main text, repeats JSON). A row whose survey changed meanwhile is skipped. Best effort:
    a read-only or busy database leaves the cache as it was.

    `since`: the `snapshot` taken before the answers were read. When nothing at all was
    written since (checked inside the write transaction, which holds the write lock), every
    answers text read is still the survey's, and the rows are stored without comparing
    each one (a 2.7 KB comparison per survey: 40 % of a cold export's write-back). Returns
    the snapshot to give with the next rows of the same export (None: compare them)."""
    from fieldapp.store.errors import StoreError

    items = list(rows)
    if not items:
        return since
    try:
        with store._write() as conn:
            current = since is not None and snapshot(store) == since
            if current:
                conn.executemany(
                    _UPSERT, [(sid, key, main, reps) for sid, _, key, main, reps in items]
                )
            else:
                conn.executemany(
                    "INSERT OR REPLACE INTO survey_exports(survey_id, form_key, main, repeats) "
                    "SELECT ?3, ?4, ?5, ?6 WHERE EXISTS "
                    "(SELECT 1 FROM surveys WHERE id = ?1 AND answers = ?2)",
                    [
                        (sid, answers, sid, key, main, reps)
                        for sid, answers, key, main, reps in items
                    ],
                )
    except StoreError:
        return None
    return snapshot(store) if current else None


def clear(store: Store) -> None:
    """Forget every cached row (they are recomputed by the next export)."""
    with store._write() as conn:
        conn.execute("DELETE FROM survey_exports")
