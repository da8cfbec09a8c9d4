"""PDF reports: one establishment's baseline (answers, photos, key indicators) and a region's
summary (progress and the baseline's indicators, with charts), in French, Arabic or English.

A report is laid out once into pages of paint operations, in device-independent units (a
tenth of a millimetre of an A4 page), and then painted on any device by `paint_page`: a
QPdfWriter for the file, a QImage for a preview or a screenshot. One render function, two
devices. Generation runs off the UI thread (`ReportActions` hands plain data to `Tasks.run`);
the file is written under a temporary name in the target folder and renamed at the end, so
nobody ever opens half a PDF. Problems are codes (`ReportError`) that the UI tells in words.
The report's language is its own: it may differ from the UI's, so its words come from
translators loaded for it alone (`Wording`), never from the ones installed on the app.

The package, one module per concern: `sheet` (layout and painting, writing the PDF),
`wording` (the report's language), `establishment` and `region` (the two reports), `actions`
(the dialog and generation in the app).
"""

from ui.reports.actions import ReportActions, ReportDialog
from ui.reports.establishment import (
    EstablishmentData,
    establishment_sheet,
    write_establishment_report,
)
from ui.reports.region import RegionSummary, region_sheet, summarize, write_region_report
from ui.reports.sheet import (
    ReportError,
    ReportProgress,
    ReportResult,
    Sheet,
    page_image,
    paint_page,
    write_pdf,
)
from ui.reports.wording import STATE_SOURCES, TYPE_SOURCES, Wording, directed, ltr, number

__all__ = [
    "STATE_SOURCES",
    "TYPE_SOURCES",
    "EstablishmentData",
    "RegionSummary",
    "ReportActions",
    "ReportDialog",
    "ReportError",
    "ReportProgress",
    "ReportResult",
    "Sheet",
    "Wording",
    "directed",
    "establishment_sheet",
    "ltr",
    "number",
    "page_image",
    "paint_page",
    "region_sheet",
    "summarize",
    "write_establishment_report",
    "write_pdf",
    "write_region_report",
]
