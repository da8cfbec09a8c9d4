"""Moving a draft's answers to a newer version of its form.

Form versions arrive by sync. A survey keeps the version it was started with; a draft can be
moved to a newer one. `fit_answers(new_form, answers)` says what carries over:

- an answer whose question is gone from the new version (removed, renamed, moved in or out
  of a repeat), whose value no longer has the question's type, or whose choice is no longer
  offered does **not** fit: it is dropped and reported (`Dropped`), per field and per
  repeat instance;
- everything else is kept as it is, including answers that now fail a constraint, exceed a
  repeat_count or miss a required question: the agent fixes those in the form, as always.

A select_multiple or rank keeps the choices still offered and reports the others. Choices are
checked against the whole choice list, not the choice_filter's current pick: what a filter
offers depends on other answers, which the agent can still change. Keys starting with `_`
are metadata and always kept. Nothing here writes: the store's `move_to_form_version` does,
with the dropped answers (and their values) in its audit line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from fieldapp.forms.answers import AnswerError, is_empty, normalize
from fieldapp.forms.messages import LANGUAGES
from fieldapp.forms.model import INPUT_TYPES, SELECT_TYPES, Group, Question, Text

if TYPE_CHECKING:
    from fieldapp.forms.definition import Form

__all__ = ["Dropped", "FitResult", "fit_answers", "version_key"]

_MESSAGES: Final[dict[str, Text]] = {
    "unknown": {
        "fr": "Cette question n'est plus posée à cet endroit dans la version {version} "
        "(supprimée, renommée ou déplacée).",
        "ar": "لم يعد هذا السؤال مطروحا في هذا الموضع في الإصدار {version} "
        "(حُذف أو غُيّر اسمه أو نُقل).",
        "en": "This question is no longer asked here in version {version} "
        "(removed, renamed or moved).",
    },
    "type": {
        "fr": "Dans la version {version}, cette question attend un autre type de réponse.",
        "ar": "في الإصدار {version}، ينتظر هذا السؤال نوعا آخر من الإجابات.",
        "en": "In version {version} this question expects another kind of answer.",
    },
    "computed": {
        "fr": "Dans la version {version}, cette valeur est calculée : elle ne se saisit plus.",
        "ar": "في الإصدار {version}، تُحسب هذه القيمة تلقائيا ولم تعد تُدخل.",
        "en": "In version {version} this value is computed: it is no longer answered.",
    },
    "choice": {
        "fr": "« {value} » n'est plus proposé dans la version {version}.",
        "ar": "«{value}» لم يعد من الخيارات المتاحة في الإصدار {version}.",
        "en": "'{value}' is no longer offered in version {version}.",
    },
}


def _message(key: str, **values: object) -> Text:
    return {lang: _MESSAGES[key][lang].format(**values) for lang in LANGUAGES}


@dataclass(frozen=True, slots=True)
class Dropped:
    """One answer that does not fit the new version.

    `path` locates it like an Issue's path ('bills[3]/amount_mad', 1-based instances);
    `question` is its name; `value` what is dropped (for a select_multiple or rank, only the
    choices no longer offered); `reason_code` is 'unknown', 'type' or 'choice'.
    """

    path: str
    question: str
    value: Any
    reason_code: str
    message: Text

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "question": self.question,
            "value": self.value,
            "reason_code": self.reason_code,
            "message": dict(self.message),
        }


@dataclass(slots=True)
class FitResult:
    """What carries over to the new version (`kept`) and what does not (`dropped`)."""

    kept: dict[str, Any]
    dropped: list[Dropped] = field(default_factory=list)

    @property
    def fits(self) -> bool:
        """True when every answer carries over."""
        return not self.dropped


def fit_answers(new_form: Form, answers: Any) -> FitResult:
    """The answers that fit `new_form`, and the ones that do not (see the module docstring)."""
    if not isinstance(answers, dict):
        if is_empty(answers):
            return FitResult({})
        return FitResult({}, [Dropped("", "", answers, "type", _message("type", version="?"))])
    fitter = _Fitter(new_form)
    kept = fitter.fit(answers, (), "")
    return FitResult(kept, fitter.dropped)


class _Fitter:
    def __init__(self, form: Form) -> None:
        self.form = form
        self.version = form.version
        self.dropped: list[Dropped] = []

    def drop(self, path: str, name: str, lost: Any, code: str, key: str, **values: Any) -> None:
        message = _message(key, version=self.version, **values)
        self.dropped.append(Dropped(path, name, lost, code, message))

    def fit(self, data: dict[str, Any], repeats: tuple[str, ...], prefix: str) -> dict[str, Any]:
        """The answers of one level: the top (repeats == ()) or one repeat instance."""
        kept: dict[str, Any] = {}
        for key, raw in data.items():
            if isinstance(key, str) and key.startswith("_"):
                kept[key] = raw  # metadata
                continue
            path = f"{prefix}{key}"
            item = self.form.item(key) if key in self.form else None
            if item is None or _context(item) != repeats or _is_plain_group(item):
                if not is_empty(raw):
                    self.drop(path, str(key), raw, "unknown", "unknown")
                continue
            if isinstance(item, Group):
                instances = self.fit_repeat(item, raw, path)
                if instances is not None:
                    kept[key] = instances
                continue
            value = self.fit_question(item, raw, path)
            if value is not _NOTHING:
                kept[key] = value
        return kept

    def fit_repeat(self, repeat: Group, raw: Any, path: str) -> list[Any] | None:
        if raw is None:
            return None
        if not isinstance(raw, list):
            self.drop(path, repeat.name, raw, "type", "type")
            return None
        instances: list[Any] = []
        for number, entry in enumerate(raw, start=1):
            ipath = f"{path}[{number}]"
            if not isinstance(entry, dict):
                self.drop(ipath, repeat.name, entry, "type", "type")
                continue
            instances.append(self.fit(entry, repeat.repeats, f"{ipath}/"))
        return instances

    def fit_question(self, q: Question, raw: Any, path: str) -> Any:
        if is_empty(raw):
            return raw
        if q.type not in INPUT_TYPES:
            self.drop(path, q.name, raw, "type", "computed")
            return _NOTHING
        try:
            value = normalize(q.type, raw)
        except AnswerError as err:
            if err.code == "type":
                self.drop(path, q.name, raw, "type", "type")
                return _NOTHING
            return raw  # out of range, a duplicate choice: the agent fixes it in the form
        if q.type not in SELECT_TYPES:
            return raw
        offered = {c.name for c in q.choices}
        if q.type == "select_one":
            if value in offered:
                return raw
            self.drop(path, q.name, raw, "choice", "choice", value=value)
            return _NOTHING
        picked = [v for v in value if v in offered]
        gone = [v for v in value if v not in offered]
        if gone:
            self.drop(path, q.name, gone, "choice", "choice", value=" ".join(gone))
        return picked if picked else _NOTHING


_NOTHING: Final = object()


def _context(item: Question | Group) -> tuple[str, ...]:
    """The repeats whose instances hold the item's answer (a repeat lives in its parent's)."""
    if isinstance(item, Group) and item.type == "repeat":
        return item.repeats[:-1]
    return item.repeats


def _is_plain_group(item: Question | Group) -> bool:
    return isinstance(item, Group) and item.type != "repeat"


_PART_RE: Final = re.compile(r"(\d+)|(\D+)")


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key for version strings in natural order: '2024.10' after '2024.9', '2' after
    '1.9'. Used where no arrival order exists (the built-in form against a received one)."""
    return tuple(
        (0, int(num)) if num else (1, text) for num, text in _PART_RE.findall(version.strip())
    )
