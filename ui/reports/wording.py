"""A report's words in its own language, and how its text is directed and its figures
written."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QTranslator

from fieldapp.geo import REGION_BY_CODE, REGIONS
from ui.languages import LANGUAGES, RIGHT_TO_LEFT, qm_path

# -- words in the report's language ---------------------------------------------------------

STATE_SOURCES = {
    "not_started": "Not started",
    "draft": "Draft",
    "finalized": "Finalized",
    "synced": "Synced",
    "returned": "Returned",
    "approved": "Approved",
}
TYPE_SOURCES = {
    "elderly": "Home for the elderly",
    "children": "Children's home",
    "disability": "Centre for people with disabilities",
    "women": "Centre for women in difficulty",
    "multipurpose": "Multi-purpose social centre",
}
_PLACE_AR = {
    **{p.name_fr: p.name_ar for r in REGIONS for p in r.provinces},
    **{c.name_fr: c.name_ar for r in REGIONS for p in r.provinces for c in p.communes},
}


class Wording:
    """The report's words in its own language: the 'Report' context of reports_<lang>.qm,
    type names from the app's 'Labels', region and place names from fieldapp.geo."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else "fr"
        self.rtl = self.lang in RIGHT_TO_LEFT
        self._translators: list[QTranslator] = []
        for domain in ("reports", "fieldapp"):
            path = qm_path(self.lang, domain)
            translator = QTranslator()
            if path is not None and translator.load(str(path)):
                self._translators.append(translator)

    def tr(self, text: str, context: str = "Report") -> str:
        for translator in self._translators:
            out = translator.translate(context, text)
            if out:
                return out
        return text

    def isolated(self, value: object) -> str:
        """A figure, code or name inside a sentence of this report: on a right-to-left line it
        keeps its own order ("45 300" would read "300 45"), as `ui.languages.isolated` does
        for the UI, but by the report's language, not the UI's."""
        text = str(value)
        return f"\u2068{text}\u2069" if text and self.rtl else text

    def state(self, code: str) -> str:
        return self.tr(STATE_SOURCES.get(code, code))

    def type(self, code: str) -> str:
        source = TYPE_SOURCES.get(code)
        return self.tr(source, "Labels") if source else code

    def region(self, code: str) -> str:
        region = REGION_BY_CODE.get(code)
        if region is None:
            return code or self.tr("(none)")
        return region.name_ar if self.lang == "ar" else region.name_fr

    def place(self, name_fr: str) -> str:
        return _PLACE_AR.get(name_fr, name_fr) if self.lang == "ar" else name_fr


def ltr(text: str) -> str:
    """Figures kept in their order on a right to left line (a chart's '0–500', which would
    read '500–0'); text laid out here goes through `directed` instead."""
    return f"\u202a{text}\u202c" if text else text


def directed(text: str, rtl: bool) -> str:
    """Each line in its own script's direction: a French sentence in an Arabic report keeps its
    full stop at its end, an Arabic name in a French report reads right to left, a GPS
    position or '69 / 20 (345 %)' keeps its order. The line's first strong letter decides (as a
    browser's dir="auto" does); a line of figures alone reads left to right."""
    lines = []
    for line in text.split("\n"):
        strong = next(
            (d for d in map(unicodedata.bidirectional, line) if d in ("L", "R", "AL")), ""
        )
        if rtl and strong in ("L", "") and line.strip():
            line = f"\u202a{line}\u202c"
        elif not rtl and strong in ("R", "AL"):
            line = f"\u202b{line}\u202c"
        lines.append(line)
    return "\n".join(lines)


def number(value: float, decimals: int = 0) -> str:
    """45 300 or 12.5: grouped by spaces, as French and Moroccan readers write them; Latin
    digits in every language (Morocco's usage, also in Arabic)."""
    if decimals == 0 or float(value).is_integer():
        return f"{value:,.0f}".replace(",", " ")
    return f"{value:,.{decimals}f}".replace(",", " ").rstrip("0").rstrip(".")
