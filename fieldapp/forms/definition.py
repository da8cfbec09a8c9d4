"""The versioned JSON form definition: reading it (with every problem reported) and writing it.

A definition is what travels by sync: the XLSForm importer produces one, the store keeps one
per form version, and `Form.to_json()` gives it back unchanged. Reading a definition checks
the structure, names, languages, choice lists, defaults and every expression, and collects
all problems before raising one FormError. The schema is documented in docs/forms.md.
"""

from __future__ import annotations

import copy
import re
from datetime import UTC, date, datetime
from typing import Any, Final, Protocol

from fieldapp.forms.answers import AnswerError, is_empty, normalize
from fieldapp.forms.engine import Plan, is_dynamic_default
from fieldapp.forms.evaluation import Evaluation
from fieldapp.forms.expressions.syntax import LAST_SAVED
from fieldapp.forms.expressions.values import NO_CONTEXT, Context
from fieldapp.forms.model import (
    GROUP_TYPES,
    LANGUAGE_RE,
    META_TYPES,
    NAME_RE,
    QUESTION_TYPES,
    SELECT_TYPES,
    Choice,
    FormError,
    Group,
    Problem,
    Question,
    Text,
)

FORMAT: Final = "fieldapp-form"
LABEL_REF_RE: Final = re.compile(r"\$\{([^}]*)\}")
FORMAT_VERSION: Final = 1

_TOP_KEYS: Final = frozenset(
    {"format", "format_version", "id", "version", "title", "default_language", "languages"}
    | {"choice_lists", "children"}
)
_GROUP_KEYS: Final = frozenset(
    {"type", "name", "label", "hint", "relevant", "appearance", "children", "repeat_count"}
)
_QUESTION_KEYS: Final = frozenset(
    {"type", "name", "label", "hint", "required", "required_message", "relevant"}
    | {"constraint", "constraint_message", "calculation", "default", "readonly", "choices"}
    | {"choice_filter", "appearance", "parameters", "media", "trigger", "extra"}
)
# Questions that need no label: computed, hidden or filled by the app.
_UNLABELLED: Final = frozenset({"calculate", "hidden"}) | META_TYPES
_CHOICE_KEYS: Final = frozenset({"name", "label", "columns", "media"})
_TEXT_FIELDS: Final = ("label", "hint", "required_message", "constraint_message")


class Origin(Protocol):
    """Where parts of a definition came from, to locate problems in the author's source.

    `pointer` is a JSON pointer into the definition ('/children/2/children/0',
    '/choice_lists/regions/3', '' for the top); `key` a definition key, possibly with a
    language ('label::ar'). Returns (sheet, row, column, cell).
    """

    def locate(
        self, pointer: str, key: str | None
    ) -> tuple[str | None, int | None, str | None, str | None]: ...


class JsonOrigin:
    """A definition given as JSON: problems name the key, there are no sheets or rows."""

    def locate(
        self, pointer: str, key: str | None
    ) -> tuple[str | None, int | None, str | None, str | None]:
        return None, None, key, None


class Form:
    """A loaded, checked and compiled form definition (see the package docstring)."""

    def __init__(
        self,
        *,
        id: str,
        version: str,
        title: Text,
        default_language: str,
        languages: list[str],
        choice_lists: dict[str, list[Choice]],
        sections: list[Group],
        children: list[Question | Group],
        plan: Plan,
    ) -> None:
        self.id = id
        self.version = version
        self.title = title
        self.default_language = default_language
        self.languages = languages
        self.choice_lists = choice_lists
        self.sections = sections
        self.children = children
        self._plan = plan
        self.items: list[Question | Group] = plan.items
        self.questions: list[Question] = [i for i in self.items if isinstance(i, Question)]
        self._by_name: dict[str, Question | Group] = {i.name: i for i in self.items}
        # What loading adjusted as XLSForm allows (fallback translations, default version,
        # ignored columns): shown by `fieldapp form check`, never stored in the definition.
        self.warnings: list[str] = []
        # Media files the workbook names (select_one_from_file) that were not given with it.
        self.missing_media: list[str] = []

    def __repr__(self) -> str:
        return f"<Form {self.id} {self.version}: {len(self.questions)} questions>"

    def question(self, name: str) -> Question:
        """The question called `name`; KeyError if there is none (groups are not questions)."""
        item = self._by_name.get(name)
        if not isinstance(item, Question):
            raise KeyError(name)
        return item

    def item(self, name: str) -> Question | Group:
        """The question, group or repeat called `name`; KeyError if there is none."""
        return self._by_name[name]

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    @property
    def repeats(self) -> list[Group]:
        return [i for i in self.items if isinstance(i, Group) and i.type == "repeat"]

    def evaluate(
        self,
        answers: dict[str, Any],
        *,
        today: date | None = None,
        context: Context | None = None,
    ) -> Evaluation:
        """Relevance, calculations, required-ness and constraint results for these answers.
        `context`: the survey's id (random(), uuid()), language (jr:choice-name()) and the
        last saved survey's answers (${last-saved#q})."""
        if not isinstance(answers, dict):
            answers = {}
        return self._plan.evaluate(
            answers, today or datetime.now(UTC).date(), context or NO_CONTEXT
        )

    @property
    def reads_last_saved(self) -> bool:
        """Whether an expression reads ${last-saved#q} (callers then give `last_saved`)."""
        marker = "${" + LAST_SAVED
        return any(
            marker in text
            for q in self.questions
            for text in (q.dynamic_default, q.calculation, q.relevant, q.constraint)
        )

    def settle(
        self,
        answers: dict[str, Any],
        *,
        today: date | None = None,
        context: Context | None = None,
    ) -> dict[str, Any]:
        """The answers with the values ODK stores once (see `Plan.settle`): kept
        calculations (once(), now(), random(), uuid()), triggered calculations, the dynamic
        defaults of new repeat instances. Run at every save; `answers` is not modified."""
        if not isinstance(answers, dict):
            return answers
        return self._plan.settle(answers, today or datetime.now(UTC).date(), context or NO_CONTEXT)

    def validate(
        self, answers: dict[str, Any], *, finalize: bool = True, today: date | None = None
    ) -> list[Any]:
        """Every Issue with these answers; with finalize=False missing answers are allowed."""
        from fieldapp.forms.validation import validate

        return validate(self, answers, finalize=finalize, today=today)

    def initial_answers(
        self, *, today: date | None = None, context: Context | None = None
    ) -> dict[str, Any]:
        """The defaults of the questions outside repeats: what a new survey starts with.
        Dynamic defaults are evaluated now, once (`context.last_saved` for
        ${last-saved#q}); later changes to what they read do not change them (ODK). A form
        reading ${last-saved#q} called without a context gets '_new' instead, and `settle`
        evaluates them at the first save."""
        answers: dict[str, Any] = {
            q.name: q.default for q in self.questions if q.default is not None and not q.repeats
        }
        if context is None and any(
            LAST_SAVED in q.dynamic_default for q in self.questions if not q.repeats
        ):
            # The caller does not know the last saved survey: `settle` at the first save
            # (which is given it) evaluates the dynamic defaults.
            answers["_new"] = True
            return answers
        answers.update(
            self._plan.defaults(
                answers, today or datetime.now(UTC).date(), context or NO_CONTEXT, None, ()
            )
        )
        return answers

    def new_instance(
        self,
        repeat: str,
        *,
        answers: dict[str, Any] | None = None,
        index: tuple[int, ...] = (),
        today: date | None = None,
        context: Context | None = None,
    ) -> dict[str, Any]:
        """A new instance of a repeat, with its questions' defaults. Dynamic defaults need the
        survey: given `answers` (and `index`, the positions of the enclosing repeats' instances),
        they are evaluated for the instance appended at the end; without, the instance is
        marked '_new' and `settle` evaluates them at the next save."""
        group = self.item(repeat)
        if not isinstance(group, Group) or group.type != "repeat":
            raise KeyError(repeat)
        instance: dict[str, Any] = {
            q.name: q.default
            for q in group.questions
            if q.default is not None and q.repeat == repeat
        }
        dynamic = any(q.dynamic_default and q.repeat == repeat for q in group.questions)
        if not dynamic:
            return instance
        if answers is None:
            instance["_new"] = True
            return instance
        trial = _with_instance(answers, group, index, instance)
        if trial is None:
            instance["_new"] = True
            return instance
        probe, position = trial
        instance.update(
            self._plan.defaults(
                probe,
                today or datetime.now(UTC).date(),
                context or NO_CONTEXT,
                repeat,
                (*index, position),
            )
        )
        return instance

    def to_json(self) -> dict[str, Any]:
        """The definition as a JSON-ready dict; `load_form(form.to_json())` is the same form."""
        lists = {
            name: [_choice_json(c) for c in choices] for name, choices in self.choice_lists.items()
        }
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "id": self.id,
            "version": self.version,
            "title": dict(self.title),
            "default_language": self.default_language,
            "languages": list(self.languages),
            "choice_lists": lists,
            "children": [_item_json(i) for i in self.children],
        }


def _with_instance(
    answers: dict[str, Any], repeat: Group, index: tuple[int, ...], instance: dict[str, Any]
) -> tuple[dict[str, Any], int] | None:
    """A copy of `answers` with `instance` appended to `repeat` at `index`, and its
    position; None when `index` does not lead to an existing enclosing instance."""
    probe = copy.deepcopy(answers)
    container: Any = probe
    for outer, i in zip(repeat.repeats[:-1], index, strict=False):
        listed = container.get(outer) if isinstance(container, dict) else None
        if not isinstance(listed, list) or not 0 <= i < len(listed):
            return None
        container = listed[i]
    if not isinstance(container, dict):
        return None
    listed = container.setdefault(repeat.name, [])
    if not isinstance(listed, list):
        return None
    listed.append(dict(instance))
    return probe, len(listed) - 1


def _choice_json(choice: Choice) -> dict[str, Any]:
    out: dict[str, Any] = {"name": choice.name, "label": dict(choice.label)}
    if choice.columns:
        out["columns"] = dict(choice.columns)
    if choice.media:
        out["media"] = {k: dict(v) for k, v in choice.media.items()}
    return out


def _item_json(item: Question | Group) -> dict[str, Any]:
    out: dict[str, Any] = {"type": item.type, "name": item.name}
    if isinstance(item, Group):
        for key in ("label", "hint"):
            if getattr(item, key):
                out[key] = dict(getattr(item, key))
        for key in ("relevant", "repeat_count", "appearance"):
            if getattr(item, key):
                out[key] = getattr(item, key)
        out["children"] = [_item_json(c) for c in item.children]
        return out
    if item.choice_list is not None:
        out["choices"] = item.choice_list
    for key in _TEXT_FIELDS:
        if getattr(item, key):
            out[key] = dict(getattr(item, key))
    for key in ("relevant", "constraint", "calculation", "choice_filter", "appearance"):
        if getattr(item, key):
            out[key] = getattr(item, key)
    for key in ("parameters", "extra"):
        if getattr(item, key):
            out[key] = dict(getattr(item, key))
    if item.media:
        out["media"] = {k: dict(v) for k, v in item.media.items()}
    if item.trigger:
        out["trigger"] = item.trigger
    if item.required is not False:
        out["required"] = item.required
    if item.readonly is not False:
        out["readonly"] = item.readonly
    if item.default is not None:
        out["default"] = item.default
    elif item.dynamic_default:
        out["default"] = item.dynamic_default
    return out


# ---------------------------------------------------------------------------------------------
# Reading


class _Reader:
    def __init__(self, origin: Origin) -> None:
        self.origin = origin
        self.problems: list[Problem] = []
        self.languages: list[str] = []
        self.choice_lists: dict[str, list[Choice]] = {}
        self.items: list[Question | Group] = []
        self.pointers: dict[str, str] = {}  # item name -> pointer, for expression problems
        self.seen: set[str] = set()
        self.default_language = ""

    def problem(
        self, pointer: str, key: str | None, message: str, question: str | None = None
    ) -> None:
        sheet, row, column, cell = self.origin.locate(pointer, key)
        self.problems.append(Problem(sheet, row, column, question, message, cell))

    # -- top -------------------------------------------------------------------------------

    def read(self, data: Any) -> Form | None:
        if not isinstance(data, dict):
            self.problem("", None, "a form definition must be a JSON object")
            return None
        for key in sorted(set(data) - _TOP_KEYS):
            self.problem("", str(key), f"unknown key {key!r}")
        if data.get("format") != FORMAT:
            self.problem("", "format", f"'format' must be {FORMAT!r}")
        version_of_format = data.get("format_version")
        if version_of_format != FORMAT_VERSION:
            if isinstance(version_of_format, int) and version_of_format > FORMAT_VERSION:
                message = (
                    f"format_version {version_of_format} is newer than this FieldApp "
                    f"understands ({FORMAT_VERSION}): update FieldApp"
                )
            else:
                message = f"'format_version' must be {FORMAT_VERSION}"
            self.problem("", "format_version", message)
        form_id = data.get("id")
        if not isinstance(form_id, str) or not NAME_RE.match(form_id):
            self.problem("", "id", "the form id must be a name (letters, digits, _ . -)")
            form_id = ""
        version = data.get("version")
        if not isinstance(version, str) or not version.strip():
            self.problem("", "version", "the form version is required (forms sync by version)")
            version = ""
        languages = data.get("languages")
        if (
            not isinstance(languages, list)
            or not languages
            or not all(isinstance(x, str) and LANGUAGE_RE.match(x) for x in languages)
            or len(set(languages)) != len(languages)
        ):
            self.problem("", "languages", "'languages' must list language codes such as 'fr'")
            languages = []
        self.languages = list(languages)
        default_language = data.get("default_language")
        if not isinstance(default_language, str) or (
            self.languages and default_language not in self.languages
        ):
            self.problem("", "default_language", "the default language must be one of 'languages'")
            default_language = self.languages[0] if self.languages else "fr"
        self.default_language = default_language
        title = self.text(data.get("title"), "", "title", None, required=True)
        self.read_choice_lists(data.get("choice_lists", {}))
        children_data = data.get("children")
        if not isinstance(children_data, list) or not children_data:
            self.problem("", "children", "the form has no questions")
            children_data = []
        children = self.read_children(children_data, "/children", None, (), "")
        # Expressions are checked even when the structure has problems: an author fixing a
        # workbook wants every error in one pass.
        plan = Plan.build(self.items, self.expression_problem, lists=self.list_rows())
        self.check_names_and_labels()
        if plan is None or self.problems:
            return None
        sections = _sections(children, title)
        return Form(
            id=form_id,
            version=version,
            title=title,
            default_language=default_language,
            languages=self.languages,
            choice_lists=self.choice_lists,
            sections=sections,
            children=children,
            plan=plan,
        )

    def list_rows(self) -> dict[str, list[dict[str, str]]]:
        """The choice lists as the rows instance('list') and pulldata() read: name, label (in
        the default language), label::<language>, and the other columns."""
        first = self.default_language
        out: dict[str, list[dict[str, str]]] = {}
        for name, choices in self.choice_lists.items():
            rows = []
            for c in choices:
                row = {"name": c.name, "label": c.label.get(first, "")}
                row.update({f"label::{lang}": text for lang, text in c.label.items()})
                row.update(c.columns)
                rows.append(row)
            out[name] = rows
        return out

    def check_names_and_labels(self) -> None:
        by_name = {i.name: i for i in self.items}
        for item in self.items:
            if isinstance(item, Group) and item.type == "repeat" and item.repeat_count:
                # pyxform adds a calculate named '<repeat>_count' for a repeat_count that is
                # an expression (a number or a lone ${ref} is used as it is).
                reserved = f"{item.name}_count"
                count = item.repeat_count.strip()
                simple = bool(re.fullmatch(r"\$\{[^}]*\}", count))
                if reserved in by_name and not simple:
                    self.problem(
                        self.pointers[reserved],
                        "name",
                        f"the name {reserved!r} is reserved by XLSForm for the repeat_count "
                        f"of {item.name!r}",
                        reserved,
                    )
            for lang, text in item.label.items():
                for m in LABEL_REF_RE.finditer(text):
                    target = by_name.get(m.group(1))
                    if not isinstance(target, Question) or not target.has_value:
                        self.problem(
                            self.pointers[item.name],
                            f"label::{lang}",
                            f"the label shows ${{{m.group(1)}}}, which is not a question "
                            "with a value",
                            item.name,
                        )

    def expression_problem(self, name: str, key: str, message: str) -> None:
        self.problem(self.pointers[name], key, message, name)

    # -- texts -----------------------------------------------------------------------------

    def text(
        self, value: Any, pointer: str, key: str, question: str | None, *, required: bool = False
    ) -> Text:
        if value is None or value == {}:
            if required:
                self.problem(pointer, key, f"{key} is required", question)
            return {}
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            self.problem(pointer, key, f"{key} must map language codes to text", question)
            return {}
        text = {k: v for k, v in value.items() if v.strip()}
        for lang in text:
            if self.languages and lang not in self.languages:
                self.problem(
                    pointer, f"{key}::{lang}", f"{key} in {lang!r}, not a form language", question
                )
        if text or required:
            for lang in self.languages:
                if lang not in text:
                    self.problem(
                        pointer, f"{key}::{lang}", f"{key} has no {lang!r} translation", question
                    )
        return text

    # -- choices ---------------------------------------------------------------------------

    def read_choice_lists(self, data: Any) -> None:
        if not isinstance(data, dict):
            self.problem("", "choice_lists", "'choice_lists' must map list names to choices")
            return
        for list_name, entries in data.items():
            pointer = f"/choice_lists/{list_name}"
            if not NAME_RE.match(str(list_name)):
                self.problem(pointer, "list_name", f"invalid list name {list_name!r}")
                continue
            # An empty `file_…` list stands for a media file not given yet (lookups give '').
            if not isinstance(entries, list) or (
                not entries and not str(list_name).startswith("file_")
            ):
                self.problem(pointer, "list_name", f"choice list {list_name!r} has no choices")
                continue
            choices: list[Choice] = []
            names: set[str] = set()
            for i, entry in enumerate(entries):
                cp = f"{pointer}/{i}"
                if not isinstance(entry, dict):
                    self.problem(cp, None, "a choice must be an object")
                    continue
                for key in sorted(set(entry) - _CHOICE_KEYS):
                    self.problem(cp, str(key), f"unknown key {key!r} in a choice")
                name = entry.get("name")
                if isinstance(name, int | float) and not isinstance(name, bool):
                    name = str(name)
                if not isinstance(name, str) or not name or any(c.isspace() for c in name):
                    self.problem(cp, "name", "a choice name must be text without spaces")
                    continue
                if name in names:
                    self.problem(cp, "name", f"choice {name!r} appears twice in {list_name!r}")
                    continue
                names.add(name)
                label = self.text(entry.get("label"), cp, "label", None, required=True)
                columns = entry.get("columns", {})
                if not isinstance(columns, dict) or not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in columns.items()
                ):
                    self.problem(cp, "columns", "'columns' must map column names to text")
                    columns = {}
                media = {
                    kind: self.text(text, cp, f"media::{kind}", None)
                    for kind, text in self.mapping(entry, cp, "media", "").items()
                }
                choices.append(Choice(name, label, dict(columns), media))
            self.choice_lists[str(list_name)] = choices

    # -- items -----------------------------------------------------------------------------

    def read_children(
        self,
        data: list[Any],
        pointer: str,
        parent: str | None,
        repeats: tuple[str, ...],
        path: str,
    ) -> list[Question | Group]:
        out: list[Question | Group] = []
        for i, entry in enumerate(data):
            item = self.read_item(entry, f"{pointer}/{i}", parent, repeats, path)
            if item is not None:
                out.append(item)
        return out

    def read_item(
        self,
        data: Any,
        pointer: str,
        parent: str | None,
        repeats: tuple[str, ...],
        path: str,
    ) -> Question | Group | None:
        if not isinstance(data, dict):
            self.problem(pointer, None, "a question or group must be an object")
            return None
        kind = data.get("type")
        name = data.get("name")
        qname = name if isinstance(name, str) else None
        if not isinstance(name, str) or not NAME_RE.match(name):
            self.problem(
                pointer,
                "name",
                f"invalid name {name!r}: letters, digits, _ . - and not starting with a digit",
            )
            name = f"#{pointer}"
        elif name in self.seen:
            self.problem(pointer, "name", f"the name {name!r} is used twice", name)
        self.seen.add(name)
        self.pointers[name] = pointer
        if kind not in QUESTION_TYPES and kind not in GROUP_TYPES:
            self.problem(pointer, "type", f"unsupported type {kind!r}", qname)
            return None
        allowed = _GROUP_KEYS if kind in GROUP_TYPES else _QUESTION_KEYS
        for key in sorted(set(data) - allowed):
            self.problem(pointer, str(key), f"unknown key {key!r} for a {kind}", qname)
        full_path = f"{path}/{name}" if path else name
        repeat = repeats[-1] if repeats else None
        if kind in GROUP_TYPES:
            return self.read_group(data, pointer, name, kind, parent, repeats, full_path)
        return self.read_question(data, pointer, name, kind, parent, repeats, repeat, full_path)

    def read_group(
        self,
        data: dict[str, Any],
        pointer: str,
        name: str,
        kind: str,
        parent: str | None,
        repeats: tuple[str, ...],
        path: str,
    ) -> Group:
        inner = (*repeats, name) if kind == "repeat" else repeats
        group = Group(
            name=name,
            type=kind,
            # XLSForm allows a group without a label (ODK shows no heading)
            label=self.text(data.get("label"), pointer, "label", name),
            hint=self.text(data.get("hint"), pointer, "hint", name),
            path=path,
            parent=parent,
            repeat=repeats[-1] if repeats else None,
            repeats=inner,
            relevant=self.expression_text(data, pointer, "relevant", name),
            repeat_count=self.expression_text(data, pointer, "repeat_count", name),
            appearance=self.plain_text(data, pointer, "appearance", name),
        )
        if group.repeat_count and kind != "repeat":
            self.problem(pointer, "repeat_count", "only a repeat has a repeat_count", name)
        self.items.append(group)
        children = data.get("children")
        if not isinstance(children, list) or not children:
            self.problem(pointer, "children", f"the {kind} {name!r} is empty", name)
            return group
        group.children = self.read_children(children, f"{pointer}/children", name, inner, path)
        return group

    def read_question(
        self,
        data: dict[str, Any],
        pointer: str,
        name: str,
        kind: str,
        parent: str | None,
        repeats: tuple[str, ...],
        repeat: str | None,
        path: str,
    ) -> Question:
        q = Question(
            name=name,
            type=kind,
            label=self.text(
                data.get("label"),
                pointer,
                "label",
                name,
                required=kind not in _UNLABELLED,
            ),
            hint=self.text(data.get("hint"), pointer, "hint", name),
            path=path,
            parent=parent,
            repeat=repeat,
            repeats=repeats,
            required_message=self.text(
                data.get("required_message"), pointer, "required_message", name
            ),
            relevant=self.expression_text(data, pointer, "relevant", name),
            constraint=self.expression_text(data, pointer, "constraint", name),
            constraint_message=self.text(
                data.get("constraint_message"), pointer, "constraint_message", name
            ),
            calculation=self.expression_text(data, pointer, "calculation", name),
            choice_filter=self.expression_text(data, pointer, "choice_filter", name),
            appearance=self.plain_text(data, pointer, "appearance", name),
            required=self.flag(data, pointer, "required", name),
            readonly=self.flag(data, pointer, "readonly", name),
            parameters=self.strings(data, pointer, "parameters", name),
            media={
                kind_: self.text(text, pointer, f"media::{kind_}", name)
                for kind_, text in self.mapping(data, pointer, "media", name).items()
            },
            trigger=self.plain_text(data, pointer, "trigger", name),
            extra=self.strings(data, pointer, "extra", name),
        )
        self.items.append(q)
        list_name = data.get("choices")
        if kind in SELECT_TYPES and list_name is None and q.extra.get("choices_file"):
            pass  # choices from a file published with the form (select_one_from_file)
        elif kind in SELECT_TYPES:
            if not isinstance(list_name, str) or list_name not in self.choice_lists:
                self.problem(pointer, "choices", f"{kind} needs a known choice list", name)
            else:
                q.choice_list = list_name
                q.choices = self.choice_lists[list_name]
        elif list_name is not None:
            self.problem(pointer, "choices", f"a {kind} question has no choices", name)
        if q.choice_filter and kind not in SELECT_TYPES:
            self.problem(pointer, "choice_filter", "only select and rank questions filter", name)
        if kind == "calculate" and not q.calculation:
            self.problem(pointer, "calculation", "a calculate question needs a calculation", name)
        if q.calculation and kind in SELECT_TYPES | {"image", "geopoint"}:
            self.problem(
                pointer,
                "calculation",
                f"a {kind} question is answered, not calculated: use a calculate question",
                name,
            )
        if kind in ("calculate", "note"):
            for key in ("required", "constraint", "default", "readonly"):
                if data.get(key) not in (None, "", False):
                    self.problem(pointer, key, f"a {kind} has no {key}", name)
            q.required = False
        if q.constraint_message and not q.constraint:
            self.problem(pointer, "constraint_message", "a message without a constraint", name)
        if "default" in data and data["default"] is not None and kind not in ("calculate", "note"):
            raw = data["default"]
            if isinstance(raw, str) and is_dynamic_default(raw, kind):
                q.dynamic_default = raw.strip()
            else:
                q.default = self.default(raw, q, pointer)
        return q

    def default(self, raw: Any, q: Question, pointer: str) -> Any:
        if q.type in SELECT_TYPES and isinstance(raw, int | float) and not isinstance(raw, bool):
            # a spreadsheet cell '1' on a list whose choice names are numbers
            raw = str(int(raw)) if float(raw).is_integer() else str(raw)
        if q.type in ("integer", "decimal") and isinstance(raw, str):
            try:
                raw = int(raw) if q.type == "integer" else float(raw)
            except ValueError:
                self.problem(pointer, "default", f"default {raw!r} is not a number", q.name)
                return None
        if is_empty(raw):
            return None
        try:
            value = normalize(q.type, raw)
        except AnswerError as err:
            self.problem(pointer, "default", f"default {raw!r} does not fit ({err.key})", q.name)
            return None
        if q.type in SELECT_TYPES and q.choice_list is not None:
            names = {c.name for c in q.choices}
            picked = [value] if isinstance(value, str) else value
            bad = [v for v in picked if v not in names]
            if bad:
                self.problem(pointer, "default", f"default {bad[0]!r} is not a choice", q.name)
                return None
        return value

    def mapping(self, data: dict[str, Any], pointer: str, key: str, name: str) -> dict[str, Any]:
        value = data.get(key) or {}
        if not isinstance(value, dict):
            self.problem(pointer, key, f"{key} must be an object", name)
            return {}
        return value

    def strings(self, data: dict[str, Any], pointer: str, key: str, name: str) -> dict[str, str]:
        value = self.mapping(data, pointer, key, name)
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            self.problem(pointer, key, f"{key} must map names to text", name)
            return {}
        return dict(value)

    def flag(self, data: dict[str, Any], pointer: str, key: str, name: str) -> bool | str:
        value = data.get(key, False)
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.problem(pointer, key, f"{key} must be true, false or an expression", name)
        return False

    def expression_text(self, data: dict[str, Any], pointer: str, key: str, name: str) -> str:
        value = data.get(key, "")
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problem(pointer, key, f"{key} must be an expression (text)", name)
            return ""
        return value.strip()

    def plain_text(self, data: dict[str, Any], pointer: str, key: str, name: str) -> str:
        value = data.get(key, "")
        if not isinstance(value, str):
            self.problem(pointer, key, f"{key} must be text", name)
            return ""
        return value.strip()


def _sections(children: list[Question | Group], title: Text) -> list[Group]:
    """Top-level groups; questions outside any group are gathered into implicit sections."""
    sections: list[Group] = []
    loose: list[Question | Group] = []

    def flush() -> None:
        if loose:
            n = sum(1 for s in sections if s.implicit) + 1
            sections.append(
                Group(
                    name=f"_section{n}",
                    type="group",
                    label=dict(title),
                    children=list(loose),
                    implicit=True,
                )
            )
            loose.clear()

    for child in children:
        if isinstance(child, Group):
            flush()
            sections.append(child)
        else:
            loose.append(child)
    flush()
    return sections


def read_definition(data: Any, origin: Origin | None = None) -> Form:
    """A Form from a parsed definition; FormError listing every problem otherwise."""
    reader = _Reader(origin or JsonOrigin())
    form = reader.read(data)
    if form is None:
        if not reader.problems:  # defensive: a None always comes with a reason
            reader.problem("", None, "invalid form definition")
        raise FormError(reader.problems)
    return form
