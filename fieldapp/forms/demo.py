"""Plausible answers for demo data, screenshots, benchmarks and tests.

Works for any form from its types, choices and constraints, and knows the baseline
questionnaire's questions by name so its demo data looks like real establishments: bills
that scale with capacity, speeds that fit the connection type, GPS positions in the right
region, age groups that add up. Answers are generated, then validated and repaired until a
complete survey passes `validate(finalize=True)` (or a draft passes `finalize=False`).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Final

from fieldapp.forms.evaluation import Evaluation
from fieldapp.forms.expressions import Binary, Call, Neg, Node, Num, Str, parse
from fieldapp.forms.model import INPUT_TYPES, Group, Question
from fieldapp.forms.run import Index
from fieldapp.forms.validation import validate

if TYPE_CHECKING:
    from fieldapp.forms.definition import Form

_REPAIR_ROUNDS: Final = 40
_LATE: Final = ("eps_code", "name_fr", "name_ar")

# Approximate centres of the regions, and OCP's sites (latitude, longitude).
_REGION_CENTRES: Final[dict[str, tuple[float, float]]] = {
    "MA-01": (35.3, -5.6),
    "MA-02": (34.1, -2.4),
    "MA-03": (33.9, -4.9),
    "MA-04": (34.1, -6.4),
    "MA-05": (32.5, -6.3),
    "MA-06": (33.1, -7.7),
    "MA-07": (31.8, -8.5),
    "MA-08": (31.2, -5.2),
    "MA-09": (30.1, -9.0),
    "MA-10": (28.7, -10.2),
    "MA-11": (27.0, -12.5),
    "MA-12": (23.6, -15.3),
}
_OCP_SITES: Final[dict[str, tuple[float, float]]] = {
    "benguerir": (32.24, -7.95),
    "khouribga": (32.88, -6.91),
    "youssoufia": (32.25, -8.53),
    "safi": (32.30, -9.24),
    "el_jadida_jorf_lasfar": (33.12, -8.63),
    "laayoune_boucraa": (26.32, -12.85),
}
_FIRST_NAMES: Final = (
    "Fatima Zahra", "Khadija", "Amina", "Naima", "Samira", "Hanane", "Mohamed", "Youssef",
    "Abdelaziz", "Rachid", "Hassan", "Karim", "Said", "Latifa", "Nadia", "Omar",
)  # fmt: skip
_LAST_NAMES: Final = (
    "El Amrani", "Benali", "Alaoui", "Bennani", "Tazi", "El Idrissi", "Ouazzani", "Berrada",
    "Chraibi", "El Fassi", "Lahlou", "Bouzidi", "Naciri", "Zerouali", "Haddad", "Ait Ali",
)  # fmt: skip
_EPS_NAMES: Final[dict[str, list[tuple[str, str]]]] = {
    "elderly": [("Dar Al Moussinine", "دار المسنين"), ("Dar Al Khair", "دار الخير")],
    "children": [("Dar Al Atfal Al Amal", "دار الأطفال الأمل"), ("Dar Talib", "دار الطالب")],
    "disability": [
        ("Centre Al Inaya pour personnes handicapées", "مركز العناية بالأشخاص في وضعية إعاقة"),
        ("Centre Nour", "مركز النور"),
    ],
    "women": [
        ("Centre d'accueil Al Amane", "مركز الاستقبال الأمان"),
        ("Dar Al Mouwatina", "دار المواطنة"),
    ],
    "multipurpose": [("Centre social polyvalent", "المركز الاجتماعي متعدد الاختصاصات")],
}
_OBSERVATIONS: Final = (
    "Établissement bien tenu ; la toiture terrasse est dégagée et exposée au sud.",
    "Le directeur souhaite une formation du personnel à l'informatique.",
    "Coupures fréquentes en été ; le chauffe-eau électrique ne suffit pas en hiver.",
    "Accès difficile par piste ; pas de réseau mobile dans le bâtiment.",
    "Bâtiment ancien, travaux d'étanchéité nécessaires avant toute installation solaire.",
)
_SOFTWARE: Final = (
    "Excel",
    "Google Sheets",
    "Logiciel de comptabilité",
    "Application du ministère",
)


def demo_answers(form: Form, rng: random.Random, *, complete: bool) -> dict[str, Any]:
    """A complete survey (passes finalize validation) or a partial draft (passes drafts)."""
    maker = _Maker(form, rng)
    answers = maker.survey()
    if complete:
        return maker.repair(answers, finalize=True)
    answers = maker.repair(answers, finalize=True)
    return maker.repair(maker.truncate(answers), finalize=False)


class _Maker:
    def __init__(self, form: Form, rng: random.Random) -> None:
        self.form = form
        self.rng = rng
        self.today = datetime.now(UTC).date()

    # -- whole surveys ---------------------------------------------------------------------

    def survey(self) -> dict[str, Any]:
        answers: dict[str, Any] = {}
        self.fill(self.form.children, answers, answers, ())
        # The code and names are asked before the region and type they are made from.
        for name in _LATE:
            if name in answers and name in self.form:
                answers[name] = self.value(self.form.question(name), answers, answers, ())
        return answers

    def fill(
        self,
        items: list[Question | Group],
        target: dict[str, Any],
        root: dict[str, Any],
        idx: Index,
    ) -> None:
        for item in items:
            if isinstance(item, Group) and item.type == "repeat":
                count = self.instance_count(item, root, idx)
                entries: list[dict[str, Any]] = []
                target[item.name] = entries
                for j in range(count):
                    entry: dict[str, Any] = {}
                    entries.append(entry)
                    self.fill(item.children, entry, root, (*idx, j))
            elif isinstance(item, Group):
                self.fill(item.children, target, root, idx)
            elif item.type in INPUT_TYPES:
                target[item.name] = self.value(item, root, target, idx)

    def instance_count(self, repeat: Group, root: dict[str, Any], idx: Index) -> int:
        if repeat.repeat_count:
            expected = _constant_counts(self.form).get(repeat.name)
            if expected is None:
                ev = self.form.evaluate(root, today=self.today)
                expected = ev.repeat_count(repeat.name, idx)
            if expected is not None:
                return expected
        return self.rng.randint(2, 5) if repeat.name != "staff" else self.rng.randint(3, 7)

    def repair(self, answers: dict[str, Any], *, finalize: bool) -> dict[str, Any]:
        """Regenerate or drop answers until validation passes; non-relevant ones are dropped."""
        for _ in range(_REPAIR_ROUNDS):
            ev = self.form.evaluate(answers, today=self.today)
            self.drop_irrelevant(answers, ev)
            # Dropping answers that are not relevant changes no value an expression sees
            # (they read as ''), so the evaluation still holds for validation.
            issues = validate(
                self.form, answers, finalize=finalize, today=self.today, evaluation=ev
            )
            if not issues:
                return answers
            for issue in issues:
                self.fix(answers, issue.question, issue.path, finalize)
        issues = self.form.validate(answers, finalize=finalize, today=self.today)
        if issues:
            raise ValueError(f"cannot make valid demo answers: {issues[0]}")
        return answers

    def fix(self, answers: dict[str, Any], name: str, path: str, finalize: bool) -> None:
        item = self.form.item(name)
        container, idx = _locate(answers, path)
        if container is None:
            return
        if isinstance(item, Group):
            count = self.instance_count(item, answers, idx)
            entries: list[dict[str, Any]] = []
            container[name] = entries
            for j in range(count):
                entry: dict[str, Any] = {}
                entries.append(entry)
                self.fill(item.children, entry, answers, (*idx, j))
            return
        required = self.form.evaluate(answers, today=self.today).is_required(name, idx)
        if not finalize or (not required and self.rng.random() < 0.3):
            container.pop(name, None)
            return
        container[name] = self.value(item, answers, container, idx)

    def drop_irrelevant(self, answers: dict[str, Any], ev: Evaluation) -> None:
        def walk(items: list[Question | Group], data: dict[str, Any], idx: Index) -> None:
            for item in items:
                if isinstance(item, Group) and item.type == "repeat":
                    if not ev.is_relevant(item.name, idx):
                        data.pop(item.name, None)
                        continue
                    for j, entry in enumerate(data.get(item.name) or []):
                        if isinstance(entry, dict):
                            walk(item.children, entry, (*idx, j))
                elif isinstance(item, Group):
                    walk(item.children, data, idx)
                elif item.name in data and not ev.is_relevant(item.name, idx):
                    del data[item.name]

        walk(self.form.children, answers, ())

    def truncate(self, answers: dict[str, Any]) -> dict[str, Any]:
        """A draft: the answers of a prefix of the form, as if the visit stopped midway."""
        names = [i.name for i in self.form.items if not i.repeats or _is_repeat(i)]
        keep = set(names[: self.rng.randint(1, max(1, len(names) - 1))])
        return {k: v for k, v in answers.items() if k in keep}

    # -- single answers --------------------------------------------------------------------

    def value(self, q: Question, root: dict[str, Any], here: dict[str, Any], idx: Index) -> Any:
        special = _SPECIAL.get(q.name)
        if special is not None:
            found = special(self, root, here, idx)
            if found is not None:
                return found
        return self.generic(q, root, idx)

    def choices(self, q: Question, root: dict[str, Any], idx: Index) -> list[str]:
        if q.choice_filter:
            offered = self.form.evaluate(root, today=self.today).choices(q.name, idx)
            return [c.name for c in offered]
        return [c.name for c in q.choices]

    def generic(self, q: Question, root: dict[str, Any], idx: Index) -> Any:
        rng = self.rng
        kind = q.base
        if q.type == "range":
            return _range_value(q, rng)
        if q.type == "acknowledge":
            return "OK"
        if kind == "time":
            return f"{rng.randint(7, 18):02d}:{rng.choice((0, 15, 30, 45)):02d}"
        if kind == "datetime":
            day = self.today - timedelta(days=rng.randint(1, 60))
            return f"{day.isoformat()}T{rng.randint(7, 18):02d}:{rng.randint(0, 59):02d}:00"
        if kind == "geotrace":
            lat, lon = round(rng.uniform(29.5, 35.5), 5), round(rng.uniform(-9.5, -2.0), 5)
            points = [
                {"lat": lat + k * 0.001, "lon": lon + k * 0.001, "altitude": None, "accuracy": 5.0}
                for k in range(3)
            ]
            return [*points, points[0]] if q.type == "geoshape" else points
        if kind == "integer":
            return rng.randint(0, 20)
        if kind == "decimal":
            return round(rng.uniform(0, 100), 1)
        if kind == "text":
            return (
                rng.choice(_OBSERVATIONS)
                if "observ" in q.name
                else f"{q.name} {rng.randint(1, 99)}"
            )
        if kind == "date":
            return (self.today - timedelta(days=rng.randint(1, 60))).isoformat()
        if kind == "geopoint":
            return {
                "lat": round(rng.uniform(29.5, 35.5), 6),
                "lon": round(rng.uniform(-9.5, -2.0), 6),
                "accuracy": round(rng.uniform(3, 15), 1),
            }
        if kind == "image":
            return {"sha256": f"{rng.getrandbits(256):064x}", "filename": f"{q.name}.jpg"}
        names = self.choices(q, root, idx)
        if not names:
            return None
        if kind == "select_one":
            return rng.choice(names)
        if kind == "select_multiple":
            return rng.sample(names, rng.randint(1, min(3, len(names))))
        if kind == "rank":
            return rng.sample(names, len(names))
        return None


def _range_value(q: Question, rng: random.Random) -> float:
    """A value on one of a range question's steps (parameters start, end, step)."""
    start, end, step = q.range_parameters
    low, high = min(start, end), max(start, end)
    steps = int((high - low) // step)
    return float(low + step * rng.randint(0, max(steps, 0)))


def _constant_counts(form: Form) -> dict[str, int]:
    """Repeats whose repeat_count reads nothing ('12'): their count, worked out once."""
    cached: dict[str, int] | None = getattr(form, "_demo_constant_counts", None)
    if cached is None:
        cached = {}
        for repeat in form.repeats:
            source = repeat.repeat_count
            if source and not _reads_anything(parse(source)):
                count = form.evaluate({}).repeat_count(repeat.name, (0,) * len(repeat.repeats[:-1]))
                if count is not None:
                    cached[repeat.name] = count
        form._demo_constant_counts = cached  # type: ignore[attr-defined]
    return cached


def _reads_anything(node: Node) -> bool:
    """Whether an expression's value can depend on answers, position or the date."""
    if isinstance(node, Call):
        return node.name in ("today", "position") or any(_reads_anything(a) for a in node.args)
    if isinstance(node, Neg):
        return _reads_anything(node.operand)
    if isinstance(node, Binary):
        return _reads_anything(node.left) or _reads_anything(node.right)
    return not isinstance(node, Num | Str)


def _is_repeat(item: Question | Group) -> bool:
    return isinstance(item, Group) and item.type == "repeat"


def _locate(answers: dict[str, Any], path: str) -> tuple[dict[str, Any] | None, Index]:
    """The dict holding the answer at `path` ('bills[3]/kwh') and its instance index."""
    container: Any = answers
    idx: Index = ()
    for part in path.split("/")[:-1]:
        name, _, rest = part.partition("[")
        position = int(rest.rstrip("]")) - 1
        entries = container.get(name) if isinstance(container, dict) else None
        if not isinstance(entries, list) or not 0 <= position < len(entries):
            return None, ()
        container = entries[position]
        idx = (*idx, position)
    return (container, idx) if isinstance(container, dict) else (None, ())


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(h))


# ---------------------------------------------------------------------------------------------
# The baseline questionnaire, question by question. Each returns None to fall back to generic.

Special = Callable[[_Maker, dict[str, Any], dict[str, Any], Index], Any]


def _int(root: dict[str, Any], name: str, default: int = 0) -> int:
    v = root.get(name)
    return v if isinstance(v, int) and not isinstance(v, bool) else default


def _eps_name(m: _Maker, root: dict[str, Any], arabic: bool) -> str:
    kind = root.get("eps_type")
    pool = _EPS_NAMES.get(kind if isinstance(kind, str) else "", _EPS_NAMES["multipurpose"])
    fr, ar = pool[m.rng.randrange(len(pool))]
    if arabic:
        # The Arabic name is the French one's counterpart, not another establishment's.
        current = root.get("name_fr")
        for fr_name, ar_name in pool:
            if isinstance(current, str) and current.startswith(fr_name):
                return ar_name
        return ar
    place = root.get("commune") if isinstance(root.get("commune"), str) else ""
    return f"{fr} {place}".strip()


def _residents(m: _Maker, root: dict[str, Any]) -> int:
    capacity = _int(root, "capacity", 60)
    return max(0, min(3000, round(capacity * m.rng.uniform(0.55, 1.05))))


def _age_split(m: _Maker, root: dict[str, Any]) -> tuple[int, int, int]:
    total = _int(root, "residents_total")
    kind = root.get("eps_type")
    shares = {
        "elderly": (0.0, 0.1, 0.9),
        "children": (0.85, 0.15, 0.0),
        "women": (0.15, 0.8, 0.05),
        "disability": (0.4, 0.5, 0.1),
    }.get(kind if isinstance(kind, str) else "", (0.3, 0.5, 0.2))
    young = round(total * shares[0] * m.rng.uniform(0.8, 1.0))
    adults = min(total - young, round(total * shares[1] * m.rng.uniform(0.8, 1.2)))
    return young, adults, total - young - adults


def _region_point(m: _Maker, root: dict[str, Any]) -> dict[str, Any]:
    region = root.get("region")
    lat, lon = _REGION_CENTRES.get(region if isinstance(region, str) else "", (32.0, -7.0))
    return {
        "lat": round(min(35.9, max(20.6, lat + m.rng.uniform(-0.4, 0.4))), 6),
        "lon": round(min(-1.0, max(-17.4, lon + m.rng.uniform(-0.4, 0.4))), 6),
        "accuracy": round(m.rng.uniform(3, 12), 1),
    }


def _nearest_site(root: dict[str, Any]) -> tuple[str, float]:
    gps = root.get("gps")
    if not isinstance(gps, dict):
        return "benguerir", 100.0
    here = (float(gps["lat"]), float(gps["lon"]))
    name = min(_OCP_SITES, key=lambda s: _distance_km(here, _OCP_SITES[s]))
    return name, round(_distance_km(here, _OCP_SITES[name]), 1)


def _speeds(m: _Maker, root: dict[str, Any]) -> tuple[float, float]:
    lo, hi, ratio = {
        "adsl": (2.0, 12.0, 0.1),
        "fibre": (20.0, 200.0, 0.5),
        "router_4g": (3.0, 40.0, 0.3),
        "satellite": (5.0, 30.0, 0.15),
    }.get(str(root.get("connection_type")), (1.0, 10.0, 0.2))
    down = round(m.rng.uniform(lo, hi), 1)
    return down, round(down * ratio * m.rng.uniform(0.7, 1.3), 1)


def _bill(m: _Maker, root: dict[str, Any], idx: Index) -> tuple[str, float, float]:
    """Month, amount (MAD) and kWh of the idx-th of the 12 bills before the visit."""
    visit = root.get("visit_date")
    try:
        day = date.fromisoformat(visit) if isinstance(visit, str) else m.today
    except ValueError:
        day = m.today
    back = 12 - (idx[-1] if idx else 0)
    month = (day.year * 12 + day.month - 1) - back
    first = date(month // 12, month % 12 + 1, 1)
    capacity = _int(root, "capacity", 60)
    # Winter heating and summer fans raise consumption; bills stay within 300-15000 MAD.
    season = 1.25 if first.month in (12, 1, 2, 7, 8) else 1.0
    kwh = capacity * m.rng.uniform(6.0, 30.0) * season
    price = m.rng.uniform(1.05, 1.6)
    amount = min(15000.0, max(300.0, kwh * price))
    return first.isoformat(), round(amount, 2), round(amount / price, 1)


def _commune(m: _Maker, root: dict[str, Any]) -> str | None:
    province = root.get("province")
    if "province" not in m.form or not isinstance(province, str):
        return None
    choice = m.form.question("province").choice(province)
    return choice.label.get("fr") if choice is not None else None


def _province(m: _Maker, root: dict[str, Any]) -> str | None:
    # The baseline filters provinces by region (choice_filter "region=${region}"): the same
    # choices as evaluating the form, without evaluating it for one question.
    if "province" not in m.form:
        return None
    question = m.form.question("province")
    if question.choice_filter.replace(" ", "") != "region=${region}":
        return None
    region = root.get("region")
    names = [c.name for c in question.choices if c.columns.get("region") == region]
    return m.rng.choice(names) if names else None


def _pick(m: _Maker, weights: dict[str, float]) -> str:
    names = list(weights)
    return m.rng.choices(names, weights=[weights[n] for n in names])[0]


def _hot_water(m: _Maker) -> list[str]:
    if m.rng.random() < 0.05:
        return ["none"]
    pool = ["electric", "gas", "solar", "wood"]
    picked = [s for s, p in zip(pool, (0.45, 0.6, 0.2, 0.1), strict=True) if m.rng.random() < p]
    return picked or ["gas"]


def _needs(m: _Maker, root: dict[str, Any]) -> list[str]:
    needs = ["connectivity", "solar", "equipment", "training", "staff", "building"]
    m.rng.shuffle(needs)
    if root.get("connection_type") == "none":
        needs.remove("connectivity")
        needs.insert(0, "connectivity")
    return needs


def _visit_date(m: _Maker) -> str:
    return (m.today - timedelta(days=m.rng.randint(1, 120))).isoformat()


def _person(m: _Maker) -> str:
    return f"{m.rng.choice(_FIRST_NAMES)} {m.rng.choice(_LAST_NAMES)}"


def _women_share(m: _Maker, root: dict[str, Any]) -> int:
    total = _int(root, "residents_total")
    share = 0.95 if root.get("eps_type") == "women" else m.rng.uniform(0.35, 0.6)
    return min(total, round(total * share))


def _age(i: int) -> Special:
    def age(m: _Maker, root: dict[str, Any], here: dict[str, Any], idx: Index) -> Any:
        young, adults, _ = _age_split(m, root)
        total = _int(root, "residents_total")
        if i == 0:
            return young
        if i == 1:
            return max(0, min(adults, total - _int(root, "residents_under18")))
        # The last group closes the sum, whatever the other two were.
        rest = total - _int(root, "residents_under18") - _int(root, "residents_18_59")
        return rest if rest >= 0 else None

    return age


def _bill_part(i: int) -> Special:
    def part(m: _Maker, root: dict[str, Any], here: dict[str, Any], idx: Index) -> Any:
        month, amount, kwh = _bill(m, root, idx)
        if i == 2:
            # Keep kWh consistent with the amount already chosen for this month.
            amount_now = here.get("amount_mad")
            if isinstance(amount_now, int | float):
                return round(float(amount_now) / m.rng.uniform(1.05, 1.6), 1)
        return (month, amount, kwh)[i]

    return part


def _speed(i: int) -> Special:
    def speed(m: _Maker, root: dict[str, Any], here: dict[str, Any], idx: Index) -> Any:
        return _speeds(m, root)[i]

    return speed


_SPECIAL: Final[dict[str, Special]] = {
    "eps_code": lambda m, r, h, i: (
        f"EPS-{str(r.get('region', 'MA-07'))[3:]}-{m.rng.randint(1, 99999):05d}"
    ),
    "name_fr": lambda m, r, h, i: _eps_name(m, r, arabic=False),
    "name_ar": lambda m, r, h, i: _eps_name(m, r, arabic=True),
    "eps_type": lambda m, r, h, i: _pick(
        m, {"elderly": 3, "children": 4, "disability": 2, "women": 2, "multipurpose": 2}
    ),
    "capacity": lambda m, r, h, i: m.rng.choice((24, 30, 40, 50, 60, 80, 100, 120, 150, 200)),
    "manager_name": lambda m, r, h, i: _person(m),
    "respondent_name": lambda m, r, h, i: _person(m),
    "manager_phone": lambda m, r, h, i: f"06{m.rng.randint(0, 99_999_999):08d}",
    "province": lambda m, r, h, i: _province(m, r),
    "commune": lambda m, r, h, i: _commune(m, r),
    "gps": lambda m, r, h, i: _region_point(m, r),
    "ocp_site": lambda m, r, h, i: _nearest_site(r)[0],
    "ocp_distance_km": lambda m, r, h, i: _nearest_site(r)[1],
    "visit_date": lambda m, r, h, i: _visit_date(m),
    "residents_total": lambda m, r, h, i: _residents(m, r),
    "residents_women": lambda m, r, h, i: _women_share(m, r),
    "residents_under18": _age(0),
    "residents_18_59": _age(1),
    "residents_60plus": _age(2),
    "staff_number": lambda m, r, h, i: m.rng.randint(1, 8),
    "staff_women": lambda m, r, h, i: m.rng.randint(0, _int(h, "staff_number", 1)),
    "volunteers": lambda m, r, h, i: m.rng.choice((0, 0, 2, 4, 6, 10, 15)),
    "volunteers_women": lambda m, r, h, i: m.rng.randint(0, _int(r, "volunteers")),
    "connection_type": lambda m, r, h, i: _pick(
        m, {"none": 3, "adsl": 3, "router_4g": 2.5, "fibre": 1, "satellite": 0.5}
    ),
    "download_mbps": _speed(0),
    "upload_mbps": _speed(1),
    "internet_cost_mad": lambda m, r, h, i: m.rng.choice((99.0, 149.0, 199.0, 249.0, 349.0)),
    "computers": lambda m, r, h, i: m.rng.randint(0, 12),
    "computers_working": lambda m, r, h, i: m.rng.randint(0, _int(r, "computers")),
    "tablets": lambda m, r, h, i: m.rng.randint(0, 4),
    "staff_with_email": lambda m, r, h, i: m.rng.randint(
        0, sum(_int(s, "staff_number") for s in r.get("staff", []) if isinstance(s, dict))
    ),
    "grid_connected": lambda m, r, h, i: "yes" if m.rng.random() < 0.95 else "no",
    "bill_month": _bill_part(0),
    "amount_mad": _bill_part(1),
    "kwh": _bill_part(2),
    "outage_hours_month": lambda m, r, h, i: round(m.rng.uniform(0.5, 30), 1),
    "hot_water_source": lambda m, r, h, i: _hot_water(m),
    "gas_bottles_month": lambda m, r, h, i: m.rng.randint(2, 60),
    "solar_existing": lambda m, r, h, i: "yes" if m.rng.random() < 0.25 else "no",
    "pv_capacity_kwp": lambda m, r, h, i: round(m.rng.uniform(1, 30), 1),
    "roof_area_m2": lambda m, r, h, i: round(_int(r, "capacity", 60) * m.rng.uniform(1.5, 6), 0),
    "management_software": lambda m, r, h, i: m.rng.choice(_SOFTWARE),
    "priority_needs": lambda m, r, h, i: _needs(m, r),
    "project_year": lambda m, r, h, i: m.rng.randint(2012, m.today.year),
    "women_beneficiaries": lambda m, r, h, i: m.rng.randint(5, 80),
    "observations_text": lambda m, r, h, i: m.rng.choice(_OBSERVATIONS),
    "needs_comment": lambda m, r, h, i: None,
    "staff_role_other": lambda m, r, h, i: m.rng.choice(("Chauffeur", "Animateur", "Jardinier")),
    "provider_other": lambda m, r, h, i: "Opérateur satellite",
    "respondent_role_other": lambda m, r, h, i: "Trésorier de l'association",
}
