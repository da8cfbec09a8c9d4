"""The parts of a form definition: questions, groups, repeats, choices, and load problems.

These are plain data: what a form asks, in which languages, under which conditions. The
compiled expressions that make a form evaluable live in `engine`, built once at load time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Final

Text = dict[str, str]
"""A translated text: language code ('fr', 'ar', 'en') -> text."""

QUESTION_TYPES: Final = (
    "text",
    "integer",
    "decimal",
    "select_one",
    "select_multiple",
    "rank",
    "date",
    "geopoint",
    "image",
    "note",
    "calculate",
    # XLSForm types real forms use; each is stored like its `STORAGE` type.
    "time",
    "datetime",
    "barcode",
    "range",
    "audio",
    "video",
    "file",
    "geotrace",
    "geoshape",
    "acknowledge",
    "hidden",
    # Metadata: filled by the app, never shown as questions (docs/forms.md).
    "start",
    "end",
    "today",
    "deviceid",
    "username",
    "phonenumber",
    "email",
    "simserial",
    "subscriberid",
    "audit",
    "start-geopoint",
)
SELECT_TYPES: Final = frozenset({"select_one", "select_multiple", "rank"})
GROUP_TYPES: Final = frozenset({"group", "repeat"})
# Metadata questions: their value is set by the app (start/end time, device, user, audit log).
META_TYPES: Final = frozenset(
    {"start", "end", "today", "deviceid", "username", "phonenumber", "email"}
    | {"simserial", "subscriberid", "audit", "start-geopoint"}
)
# Questions whose value is typed in by the agent (not notes, calculations or metadata).
INPUT_TYPES: Final = frozenset(QUESTION_TYPES) - {"note", "calculate", "hidden"} - META_TYPES
# How a type's answer is stored, converted and exported: like the base type named here.
STORAGE: Final[dict[str, str]] = {
    "time": "time",
    "datetime": "datetime",
    "barcode": "text",
    "range": "decimal",
    "audio": "image",
    "video": "image",
    "file": "image",
    "audit": "image",
    "geotrace": "geotrace",
    "geoshape": "geotrace",
    "acknowledge": "text",
    "hidden": "text",
    "start": "datetime",
    "end": "datetime",
    "today": "date",
    "deviceid": "text",
    "username": "text",
    "phonenumber": "text",
    "email": "text",
    "simserial": "text",
    "subscriberid": "text",
    "start-geopoint": "geopoint",
}


def storage(qtype: str) -> str:
    """The base type whose answers, conversions and export cells `qtype` shares."""
    return STORAGE.get(qtype, qtype)


NAME_RE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*\Z")
# An ISO 639 code ('fr', 'ar'), optionally with a subtag, or a lower-case language name
# from an XLSForm column that gives no code ('label::tetun').
LANGUAGE_RE: Final = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{1,8})*\Z|[a-z][a-z0-9_]{3,30}\Z")


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed.casefold() if c.isalnum())


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a form definition, located as precisely as the source allows.

    For an XLSForm `sheet` and `row` are the worksheet and 1-based row, `column` the header
    text (e.g. 'relevant' or 'label::العربية (ar)') and `cell` the spreadsheet address; for a
    JSON definition `column` is the definition key.
    """

    sheet: str | None
    row: int | None
    column: str | None
    question: str | None
    message: str
    cell: str | None = None

    def __str__(self) -> str:
        where: list[str] = []
        if self.sheet is not None:
            where.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}" + (f" ({self.cell})" if self.cell else ""))
        if self.question is not None:
            where.append(f"question {self.question!r}")
        return (", ".join(where) + ": " if where else "") + self.message


class FormError(Exception):
    """A form that cannot be loaded; `problems` lists every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class FormReadError(FormError):
    """The form's file could not be read at all (missing, not JSON, not a workbook)."""

    def __init__(self, message: str) -> None:
        super().__init__([Problem(None, None, None, None, message)])


@dataclass(frozen=True, slots=True)
class Choice:
    """One choice of a list; `columns` holds extra choices-sheet columns used by filters,
    `media` the files shown or played with it ('image', 'audio', 'video' -> {language: file})."""

    name: str
    label: Text
    columns: dict[str, str] = field(default_factory=dict)
    media: dict[str, Text] = field(default_factory=dict)


@dataclass(eq=False, slots=True)
class Question:
    """One question (or note, or calculation).

    `path` is the slash-joined chain of enclosing groups and the name ('energy/bills/kwh');
    `repeat` the innermost enclosing repeat, `repeats` all of them, outermost first.
    `required` and `readonly` are True/False or an expression string.
    """

    name: str
    type: str
    label: Text = field(default_factory=dict)
    hint: Text = field(default_factory=dict)
    path: str = ""
    parent: str | None = None
    repeat: str | None = None
    repeats: tuple[str, ...] = ()
    choice_list: str | None = None
    choices: list[Choice] = field(default_factory=list)
    choice_filter: str = ""
    required: bool | str = False
    required_message: Text = field(default_factory=dict)
    relevant: str = ""
    constraint: str = ""
    constraint_message: Text = field(default_factory=dict)
    calculation: str = ""
    default: Any = None
    # A default that is an expression (pyxform's rule: a call, a ${ref}, arithmetic), set
    # once when the question or its repeat instance is created (`Form.initial_answers`,
    # `Form.new_instance`, `Form.settle`).
    dynamic_default: str = ""
    readonly: bool | str = False
    appearance: str = ""
    parameters: dict[str, str] = field(default_factory=dict)
    media: dict[str, Text] = field(default_factory=dict)  # 'image' -> {language: file name}
    trigger: str = ""  # names whose change recomputes this question's calculation
    extra: dict[str, str] = field(default_factory=dict)  # XLSForm columns kept as they were

    @property
    def range_parameters(self) -> tuple[float, float, float]:
        """A range question's (start, end, step) from its parameters, with XLSForm's defaults
        (1, 10, 1); a step is never 0."""
        try:
            start = float(self.parameters.get("start", 1))
            end = float(self.parameters.get("end", 10))
            step = abs(float(self.parameters.get("step", 1))) or 1.0
        except ValueError:
            return 1.0, 10.0, 1.0
        return start, end, step

    @property
    def has_value(self) -> bool:
        return self.type != "note" or bool(self.calculation)

    @property
    def base(self) -> str:
        """The base type this question's answers are stored and exported as."""
        return STORAGE.get(self.type, self.type)

    def choice(self, name: str) -> Choice | None:
        for c in self.choices:
            if c.name == name:
                return c
        return None

    def match_choice(self, text: str) -> str | None:
        """The choice whose name or label (any language) is `text`, ignoring case and accents.

        For prefilling answers from registry data that holds labels ('Rehamna',
        'El Jadida / Jorf Lasfar') rather than choice names.
        """
        if self.choice(text) is not None:
            return text
        wanted = _folded(text)
        for c in self.choices:
            if _folded(c.name) == wanted or any(_folded(t) == wanted for t in c.label.values()):
                return c.name
        return None


@dataclass(eq=False, slots=True)
class Group:
    """A group or a repeat; the top-level ones are the form's sections.

    For a repeat, `repeats` ends with its own name (the chain its children live in) and
    `repeat` is the enclosing repeat, if any. `implicit` marks the section made for questions
    that sit at the top level outside any group.
    """

    name: str
    type: str
    label: Text = field(default_factory=dict)
    hint: Text = field(default_factory=dict)
    path: str = ""
    parent: str | None = None
    repeat: str | None = None
    repeats: tuple[str, ...] = ()
    relevant: str = ""
    repeat_count: str = ""
    appearance: str = ""
    children: list[Question | Group] = field(default_factory=list)
    implicit: bool = False

    @property
    def questions(self) -> list[Question]:
        """Every question inside, in document order, nested groups and repeats included."""
        return [item for item in self.walk() if isinstance(item, Question)]

    def walk(self) -> Iterator[Question | Group]:
        for child in self.children:
            yield child
            if isinstance(child, Group):
                yield from child.walk()
