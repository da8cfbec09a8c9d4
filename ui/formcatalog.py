"""Which form definition a survey is filled with, and what a new survey starts with.

The built-in baseline came with the installer; newer versions arrive by sync. `FormCatalog`
picks the one for a new survey and the one a stored survey was started with; `prefill`
copies the registry's answers (code, names, region...) into a new survey.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fieldapp.domain import Establishment, Survey, SurveyStatus
from fieldapp.geo import REGION_BY_CODE
from fieldapp.store import Store
from fieldapp.text import fold

if TYPE_CHECKING:
    from fieldapp.forms import Form, Question

log = logging.getLogger(__name__)

# Answers a new survey starts with, copied from the registry (the agent checks them on site).
PREFILL = {
    "eps_code": "code",
    "name_fr": "name_fr",
    "name_ar": "name_ar",
    "eps_type": "type",
    "capacity": "capacity",
    "manager": "manager",
    "manager_name": "manager",
    "region": "region",
    "province": "province",
    "commune": "commune",
    "ocp_site": "site",
}


def _pick_choice(question: Question, value: str) -> str | None:
    """The choice a registry value stands for: by name, or by its label in any language
    ('MA-07' is the region 'Marrakech-Safi'; 'Khouribga' the province or the OCP site)."""
    names = {c.name for c in question.choices}
    if value in names:
        return value
    wanted = {fold(value)}
    region = REGION_BY_CODE.get(value)
    if region is not None:
        wanted |= {fold(region.name_fr), fold(region.name_ar)}
    for choice in question.choices:
        if any(fold(label) in wanted for label in choice.label.values()):
            return choice.name
    return None


def prefill(
    form: Form, establishment: Establishment, last_saved: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The form's defaults plus what the registry already knows about the establishment.
    `last_saved`: the answers of the survey of the form saved last (${last-saved#q})."""
    # Imported here: the form engine is not needed to show the list (tests/packaging).
    from fieldapp.forms.expressions import Context

    answers = form.initial_answers(context=Context(last_saved=last_saved or {}))
    for question_name, attribute in PREFILL.items():
        try:
            question = form.question(question_name)
        except KeyError:
            continue
        value = getattr(establishment, attribute, None)
        if value in (None, "") or question.repeats or question_name in answers:
            continue
        if question.type == "select_one":
            picked = _pick_choice(question, str(value))
            if picked is not None:
                answers[question_name] = picked
        elif question.type == "integer" and isinstance(value, int):
            answers[question_name] = value
        elif question.type == "text":
            answers[question_name] = str(value)
    return answers


def _baseline_form() -> Form:
    from fieldapp.forms import baseline_form

    return baseline_form()


class FormCatalog:
    """Which form definition a survey is filled with."""

    def __init__(self, default: Callable[[], Form] | None = None) -> None:
        # The form engine is imported with the first survey, not with the window.
        self._default = default or _baseline_form
        self._received: dict[tuple[str, str], Form | None] = {}

    def for_new_survey(self, store: Store | None = None) -> Form:
        """The newest version of the form this laptop has (see `latest`)."""
        form = self._default()
        if store is None:
            return form
        return self.latest(store, form.id) or form

    def get(self, form_id: str, version: str) -> Form | None:
        form = self._default()
        if form.id == form_id:
            if form.version != version:
                log.warning("survey in %s %s shown with version %s", form_id, version, form.version)
            return form
        return None

    # Form versions arrive by sync, in the order the server published them: among received
    # versions the last one is the newest. The built-in form came with the installer and has
    # no arrival, so it is compared with the last received one by `version`, in natural order
    # (2024.10 after 2024.9). A version equal to the built-in one is the built-in form.

    def latest(self, store: Store, form_id: str) -> Form | None:
        """The newest version of `form_id` on this laptop: the last received one, unless the
        built-in form is a later version; None when there is neither."""
        from fieldapp.forms import version_key

        builtin = self._default()
        own = builtin if builtin.id == form_id else None
        version = store.latest_form_version(form_id)
        received = self.received(store, form_id, version) if version else None
        if received is None:
            return own
        if own is None or version_key(received.version) > version_key(own.version):
            return received
        return own

    def received(self, store: Store, form_id: str, version: str) -> Form | None:
        """A version received from the server, loaded once; None if absent or broken."""
        key = (form_id, version)
        if key not in self._received:
            from fieldapp.forms import FormError, load_form

            form: Form | None = None
            definition = store.form_definition(form_id, version)
            if definition:
                try:
                    form = load_form(definition)
                except FormError:
                    log.warning("form %s %s from the server does not load", form_id, version)
            self._received[key] = form
        return self._received[key]

    def newer_for(self, store: Store, survey: Survey) -> Form | None:
        """The version a draft can move to, or None: a finalized or approved survey keeps its
        version, and so does a survey already in the newest one."""
        if survey.status not in (SurveyStatus.DRAFT, SurveyStatus.RETURNED):
            return None
        latest = self.latest(store, survey.form_id)
        if latest is None or latest.version == survey.form_version:
            return None
        from fieldapp.forms import version_key

        arrived = [version for _, version in store.form_versions(survey.form_id)]
        if survey.form_version in arrived and latest.version in arrived:
            older = arrived.index(survey.form_version) < arrived.index(latest.version)
        else:
            older = version_key(survey.form_version) < version_key(latest.version)
        return latest if older else None
