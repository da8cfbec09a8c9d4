"""XLSForm appearances: which ones FieldApp's desktop form honours, which it knows to be
display-only elsewhere (ODK Collect's phone widgets), and the warnings `form check` prints for
the others. An appearance never stops a form loading: one FieldApp does not know is ignored.

Honoured (docs/forms.md): `minimal` (a drop-down), `quick` (after a choice, on to the next
question), `likert` and `horizontal`/`horizontal-compact` (choices in a row), `columns`,
`columns-pack` and `columns-N` (choices in columns), `multiline` (text over several lines),
`month-year`, `field-list`, `table-list` and FieldApp's `grid` (groups and repeats),
`label`/`list-nolabel`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from fieldapp.forms.definition import Form

HONOURED: Final = frozenset(
    {
        "minimal",
        "quick",
        "likert",
        "horizontal",
        "horizontal-compact",
        "columns",
        "columns-pack",
        "multiline",
        "month-year",
        "field-list",
        "table-list",
        "grid",  # FieldApp's own: a repeat typed as a grid (docs/forms.md)
        "label",
        "list-nolabel",
        "list",
    }
)
# Collect's phone-only widgets and display hints: accepted, shown the plain way.
DISPLAY_ONLY: Final = frozenset(
    {
        "year",
        "no-calendar",
        "numbers",
        "thousands-sep",
        "compact",
        "quickcompact",
        "no-buttons",
        "autocomplete",
        "search",
        "maps",
        "placement-map",
        "signature",
        "draw",
        "annotate",
        "new",
        "new-front",
        "new-rear",
        "selfie",
        "hidden-answer",
        "masked",
        "url",
        "printer",
        "bearing",
        "counter",
        "distress",
        "image-map",
        "map",
        "rotate",
        "ethiopian",
        "coptic",
        "islamic",
        "bikram-sambat",
        "myanmar",
        "persian",
        "spinner",
    }
)
_PATTERNS: Final = (
    re.compile(r"columns-\d+\Z"),
    re.compile(r"w\d+\Z"),  # Enketo widths
    re.compile(r"(search|ex:).*"),  # search('file'), ex:intent apps
    re.compile(r"compact-\d+\Z"),
    re.compile(r"quickcompact-\d+\Z"),
)


def words(appearance: str) -> list[str]:
    """The appearance's words ('minimal quick' -> ['minimal', 'quick'])."""
    return appearance.lower().split()


def known(word: str) -> bool:
    return word in HONOURED or word in DISPLAY_ONLY or any(p.match(word) for p in _PATTERNS)


def columns(appearance: str) -> int | None:
    """How many columns a select's choices take: 0 = all in one row (likert, horizontal),
    a number for `columns-N`, 2 for `columns`/`columns-pack`; None: one under the other."""
    for word in words(appearance):
        if word in ("likert", "horizontal", "horizontal-compact"):
            return 0
        if word in ("columns", "columns-pack"):
            return 2
        if word.startswith("columns-") and word[8:].isdigit():
            return max(1, int(word[8:]))
    return None


def warnings(form: Form) -> list[str]:
    """One line per question or group whose appearance has a word FieldApp does not know."""
    out: list[str] = []
    everything = {id(i): i for i in [*form.sections, *form.items]}
    for item in everything.values():
        unknown = [w for w in words(item.appearance) if not known(w)]
        if unknown:
            out.append(
                f"{item.name}: appearance {' '.join(unknown)!r} is not known here and is ignored"
            )
    return out
