"""Words for the codes the core stores: establishment types, survey statuses, regions.

The core keeps codes ('elderly', 'draft', 'MA-07'); a person reads them in their language.
Region names come from `fieldapp.geo` (French and Arabic); the rest from the translations.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from fieldapp.geo import REGION_BY_CODE, REGIONS
from ui.languages import current_language

NOT_STARTED = "not_started"
STATUSES = (NOT_STARTED, "draft", "finalized", "returned", "approved")
TYPES = ("elderly", "children", "disability", "women", "multipurpose")

# Colours a person can tell apart in bright daylight, also with red-green colour blindness:
# the word is always shown too.
STATUS_COLOURS = {
    NOT_STARTED: QColor("#8a8a8a"),
    "draft": QColor("#d08700"),
    "finalized": QColor("#1565c0"),
    "returned": QColor("#c62828"),
    "approved": QColor("#2e7d32"),
}


def status_label(code: str) -> str:
    return {
        NOT_STARTED: QCoreApplication.translate("Labels", "Not started"),
        "draft": QCoreApplication.translate("Labels", "Draft"),
        "finalized": QCoreApplication.translate("Labels", "Finalized"),
        "returned": QCoreApplication.translate("Labels", "Returned for correction"),
        "approved": QCoreApplication.translate("Labels", "Approved"),
    }.get(code, code)


def type_label(code: str) -> str:
    return {
        "elderly": QCoreApplication.translate("Labels", "Home for the elderly"),
        "children": QCoreApplication.translate("Labels", "Children's home"),
        "disability": QCoreApplication.translate("Labels", "Centre for people with disabilities"),
        "women": QCoreApplication.translate("Labels", "Centre for women in difficulty"),
        "multipurpose": QCoreApplication.translate("Labels", "Multi-purpose social centre"),
    }.get(code, code)


def region_label(code: str) -> str:
    region = REGION_BY_CODE.get(code)
    if region is None:
        return code
    return region.name_ar if current_language() == "ar" else region.name_fr


# The registry stores provinces and communes by their French name; the Arabic UI shows the
# Arabic one where the geography knows it.
_PLACE_AR = {
    **{p.name_fr: p.name_ar for r in REGIONS for p in r.provinces},
    **{c.name_fr: c.name_ar for r in REGIONS for p in r.provinces for c in p.communes},
}


def place_label(name_fr: str) -> str:
    """A province or commune in the UI language."""
    if current_language() == "ar":
        return _PLACE_AR.get(name_fr, name_fr)
    return name_fr


def establishment_name(row: Mapping[str, object]) -> str:
    """The name in the UI language, falling back to the other one when it is missing."""
    fr = str(row.get("name_fr") or "")
    ar = str(row.get("name_ar") or "")
    if current_language() == "ar":
        return ar or fr
    return fr or ar
