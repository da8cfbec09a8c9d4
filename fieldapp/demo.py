"""Realistic demo data: establishments around the OCP sites and baseline surveys that follow
the shipped questionnaire (drafts are partial, finalized surveys validate)."""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from fieldapp.domain import Establishment, Survey, SurveyStatus, new_id
from fieldapp.geo import REGIONS
from fieldapp.store.store import Store, bulk_insert_surveys

if TYPE_CHECKING:
    from fieldapp.forms import Form

_KINDS = {
    "elderly": ("Maison des personnes âgées", "دار المسنين"),
    "children": ("Dar Al Atfal", "دار الأطفال"),
    "disability": ("Centre pour personnes en situation de handicap", "مركز الأشخاص في وضعية إعاقة"),
    "women": ("Centre d'accueil des femmes en difficulté", "مركز استقبال النساء في وضعية صعبة"),
    "multipurpose": ("Centre social polyvalent", "المركز الاجتماعي متعدد الاختصاصات"),
}
_EPITHETS = (
    ("Al Amal", "الأمل"),
    ("Annour", "النور"),
    ("Al Wafa", "الوفاء"),
    ("Al Khair", "الخير"),
    ("Assalam", "السلام"),
    ("Al Firdaous", "الفردوس"),
    ("Ibn Sina", "ابن سينا"),
    ("", ""),
)
_MANAGERS = (
    "Fatima Zahra El Idrissi",
    "Mohamed Benali",
    "Khadija Ouazzani",
    "Youssef Amrani",
    "Naima Berrada",
    "Rachid Tazi",
    "Souad Lahlou",
    "Abdelkader Chraibi",
    "Hajar Bennani",
    "Mustapha Alaoui",
)
DEMO_AUTHORS = ("agent.benguerir", "agent.khouribga", "agent.safi", "agent.eljadida")
# sync_state key set by `fieldapp demo` on a profile it filled: enrolling that profile on a
# server removes the generated surveys first (sync.client.enroll), so no made-up survey ever
# reaches a real server.
STATE_DEMO = "demo_data"
# Finalized, draft, returned, approved: most visits end in a finalized survey.
_STATUS_WEIGHTS = ((SurveyStatus.FINALIZED, 55), (SurveyStatus.DRAFT, 35))


def make_establishments(count: int, rng: random.Random, *, start: int = 1) -> list[Establishment]:
    """`count` establishments spread over the programme's first regions."""
    places = [
        (region, province, commune)
        for region in REGIONS
        for province in region.provinces
        for commune in province.communes
    ]
    result = []
    for number in range(start, start + count):
        region, province, commune = rng.choice(places)
        kind = rng.choice(list(_KINDS))
        epithet_fr, epithet_ar = rng.choice(_EPITHETS)
        base_fr, base_ar = _KINDS[kind]
        name_fr = " ".join(p for p in (base_fr, epithet_fr, commune.name_fr) if p)
        name_ar = " ".join(p for p in (base_ar, epithet_ar, commune.name_ar) if p)
        result.append(
            Establishment(
                id=new_id(),
                code=f"EPS-{region.code[3:]}-{number:05d}",
                name_fr=name_fr,
                name_ar=name_ar,
                type=kind,
                region=region.code,
                province=province.name_fr,
                commune=commune.name_fr,
                capacity=rng.choice((20, 30, 40, 50, 60, 80, 100, 120, 150, 200)),
                manager=rng.choice(_MANAGERS),
                site=province.site,
                latitude=round(commune.latitude + rng.uniform(-0.03, 0.03), 5),
                longitude=round(commune.longitude + rng.uniform(-0.03, 0.03), 5),
            )
        )
    return result


def _identification(
    form: Form, e: Establishment, matched: dict[tuple[str, str], str | None] | None = None
) -> dict[str, Any]:
    """The registry's facts as answers, so a demo survey agrees with its establishment.

    `matched` remembers registry labels already mapped to choice names (folding every label
    of a list for every survey was a third of the time of making demo surveys)."""
    values: dict[str, Any] = {
        "eps_code": e.code,
        "name_fr": e.name_fr,
        "name_ar": e.name_ar,
        "eps_type": e.type,
        "capacity": e.capacity,
        "manager_name": e.manager,
        "region": e.region,
        "province": e.province,
        "commune": e.commune,
        "ocp_site": e.site,
    }
    if e.latitude is not None and e.longitude is not None:
        values["gps"] = {"lat": e.latitude, "lon": e.longitude, "accuracy": 8.0}
    known = {q.name: q for q in form.questions}
    answers: dict[str, Any] = {}
    for name, value in values.items():
        question = known.get(name)
        if question is None or value in (None, ""):
            continue
        if question.type == "select_one":
            # The registry holds labels ('Rehamna'); the form wants choice names ('rehamna').
            key = (name, str(value))
            if matched is None or key not in matched:
                found = question.match_choice(key[1])
                if matched is None:
                    value = found
                else:
                    value = matched[key] = found
            else:
                value = matched[key]
            if value is None:
                continue
        answers[name] = value
    return answers


def make_surveys(
    form: Form,
    establishments: list[Establishment],
    count: int,
    rng: random.Random,
    *,
    distinct_answers: int | None = None,
) -> Iterator[Survey]:
    """`count` surveys over `establishments`, answers generated from `form`.

    `distinct_answers`: generate at most that many answer sets per kind (complete or draft)
    and draw the others from them (the identification answers stay each establishment's).
    Generating answers (~3 ms each: repaired until they validate) is most of the time of a
    large fill; a benchmark that needs 50,000 surveys, not 50,000 different ones, sets it."""
    from fieldapp.forms import demo_answers

    statuses = [s for s, _ in _STATUS_WEIGHTS]
    weights = [w for _, w in _STATUS_WEIGHTS]
    start = datetime.now(UTC) - timedelta(days=60)
    matched: dict[tuple[str, str], str | None] = {}
    pools: dict[bool, list[dict[str, Any]]] = {True: [], False: []}
    for index in range(count):
        establishment = establishments[index % len(establishments)]
        status = rng.choices(statuses, weights)[0]
        complete = status is SurveyStatus.FINALIZED
        pool = pools[complete]
        if distinct_answers is None or len(pool) < distinct_answers:
            answers = demo_answers(form, rng, complete=complete)
            if distinct_answers is not None:
                pool.append(copy.deepcopy(answers))
        else:
            answers = copy.deepcopy(rng.choice(pool))
        for key, value in _identification(form, establishment, matched).items():
            if key in answers or status is SurveyStatus.FINALIZED:
                answers[key] = value
        created = start + timedelta(minutes=rng.randint(0, 60 * 24 * 59))
        stamp = created.isoformat(timespec="milliseconds")
        yield Survey(
            id=new_id(),
            establishment_id=establishment.id,
            form_id=form.id,
            form_version=form.version,
            status=status,
            answers=answers,
            revision=1,
            author=rng.choice(DEMO_AUTHORS),
            created_at=stamp,
            updated_at=stamp,
        )


def fill(
    store: Store,
    *,
    establishments: int,
    surveys: int,
    seed: int | None = None,
    form: Form | None = None,
    batch: int = 2000,
    distinct_answers: int | None = None,
) -> tuple[int, int]:
    """Add demo establishments and surveys. With `establishments=0`, the surveys go to the
    establishments already in the store (e.g. those a server assigned). `distinct_answers`:
    see `make_surveys`."""
    from fieldapp.forms import baseline_form

    rng = random.Random(seed)
    form = form or baseline_form()
    if establishments:
        existing = store.conn.execute("SELECT count(*) FROM establishments").fetchone()[0]
        made = make_establishments(establishments, rng, start=existing + 1)
        store.upsert_establishments(made)
    else:
        ids = store.find_establishment_ids(assigned_only=True)
        made = [store.get_establishment(i) for i in ids]
    if surveys and not made:
        from fieldapp.store.errors import StoreError, StoreErrorCode

        raise StoreError(
            StoreErrorCode.INVALID,
            "There are no establishments to survey: add some (--establishments N) or sync.",
        )
    written = 0
    pending: list[Survey] = []
    for survey in make_surveys(form, made, surveys, rng, distinct_answers=distinct_answers):
        pending.append(survey)
        if len(pending) >= batch:
            written += bulk_insert_surveys(store, pending)
            pending = []
    if pending:
        written += bulk_insert_surveys(store, pending)
    return len(made) if establishments else 0, written
