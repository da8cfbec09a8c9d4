"""The establishment list: a lazy table model over the store, the search and filter bar, and
the detail pane with the establishment's identification and its surveys.

The model holds only the ids of the matching establishments and fetches display rows a page
at a time, when the view asks for them (Anki's browser table does the same). Searching
filters an in-memory index of (id, folded search text, region, type, status), read once from
the store: 1-2 ms per keystroke over 10,000 establishments, where a LIKE scan in SQLite took
10 to 80 ms on a busy laptop (bench/ui.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import Establishment, Survey, SurveyStatus
from fieldapp.store import Store
from fieldapp.text import matches, query_words
from ui.labels import (
    STATUS_COLOURS,
    STATUSES,
    TYPES,
    establishment_name,
    place_label,
    region_label,
    status_label,
    type_label,
)
from ui.languages import isolated
from ui.widgets import AlignedLabel, TypeAheadCombo, select_whole_row

PAGE = 200
ID_ROLE = Qt.ItemDataRole.UserRole
# Plain ints: data() is called thousands of times per repaint, enum comparisons add up.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ID = int(ID_ROLE.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
NAME_COLUMN = 1
STATUS_COLUMN = 5
Index = QModelIndex | QPersistentModelIndex


class EstablishmentIndex:
    """What searching and filtering need of every establishment, kept in memory."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._rows: list[list[str]] | None = None
        self._position: dict[str, int] = {}

    def reload(self) -> None:
        """Read the index again (after a sync changed the registry)."""
        self._rows = [list(r) for r in self._store.establishment_search_index()]
        self._position = {r[0]: i for i, r in enumerate(self._rows)}

    def find(
        self, query: str, status: str | None, region: str | None, type_: str | None
    ) -> list[str]:
        """Ids ordered by code; same matching as Store.find_establishment_ids."""
        if self._rows is None:
            self.reload()
        assert self._rows is not None
        words = query_words(query)
        return [
            row[0]
            for row in self._rows
            if matches(row[1], words)
            and (status is None or row[4] == status)
            and (region is None or row[2] == region)
            and (type_ is None or row[3] == type_)
        ]

    def set_status(self, establishment_id: str, status: str) -> None:
        position = self._position.get(establishment_id)
        if self._rows is not None and position is not None:
            self._rows[position][4] = status


class EstablishmentTableModel(QAbstractTableModel):
    """Matching establishments, ordered by code; rows are read from the store per page."""

    COLUMNS = ("code", "name", "type", "region", "commune", "status")

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.index_ = EstablishmentIndex(store)
        self._ids: list[str] = []
        self._rows: dict[str, dict[str, Any]] = {}
        self._texts: dict[str, tuple[str, ...]] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self.query = ""
        self.status: str | None = None
        self.region: str | None = None
        self.type: str | None = None

    # -- loading ------------------------------------------------------------------------------

    def set_filter(
        self,
        query: str | None = None,
        *,
        status: str | type[Ellipsis] | None = ...,
        region: str | type[Ellipsis] | None = ...,
        type_: str | type[Ellipsis] | None = ...,
    ) -> None:
        """Change what is shown; arguments left out keep their current value."""
        if query is not None:
            self.query = query
        if status is not ...:
            self.status = status
        if region is not ...:
            self.region = region
        if type_ is not ...:
            self.type = type_
        self.refresh()

    def refresh(self) -> None:
        """Read the matching ids again (after a search, a filter, or a saved survey)."""
        ids = self.index_.find(self.query, self.status, self.region, self.type)
        self.beginResetModel()
        self._ids = ids
        self._rows = {}
        self._texts = {}
        self.endResetModel()

    def forget(self, establishment_id: str) -> None:
        """Re-read one row (its survey status changed)."""
        self._rows.pop(establishment_id, None)
        self._texts.pop(establishment_id, None)
        fresh = self._store.establishment_rows([establishment_id]).get(establishment_id)
        if fresh is not None:
            self.index_.set_status(establishment_id, fresh["survey_status"] or "not_started")
        try:
            row = self._ids.index(establishment_id)
        except ValueError:
            return
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def _row(self, row: int) -> dict[str, Any] | None:
        establishment_id = self._ids[row]
        found = self._rows.get(establishment_id)
        if found is not None:
            return found
        # Fetch the page around the asked row: scrolling reads one query per PAGE rows.
        start = (row // PAGE) * PAGE
        page = self._ids[start : start + PAGE]
        if len(self._rows) > 20 * PAGE:
            self._rows = {}
        self._rows.update(self._store.establishment_rows(page))
        return self._rows.get(establishment_id)

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, establishment_id: str) -> int:
        try:
            return self._ids.index(establishment_id)
        except ValueError:
            return -1

    # -- Qt model -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def _cells(self, row: int) -> tuple[str, ...] | None:
        """The six texts of a row and its status code, made once per row and language: the
        view asks for every cell and role at each repaint."""
        establishment_id = self._ids[row]
        cells = self._texts.get(establishment_id)
        if cells is not None:
            return cells
        found = self._row(row)
        if found is None:
            return None
        status = found.get("survey_status") or "not_started"
        cells = (
            found["code"],
            establishment_name(found),
            type_label(found["type"]),
            region_label(found["region"]),
            place_label(found.get("commune") or ""),
            status_label(status),
            status,
            f"{found.get('name_fr') or ''}\n{found.get('name_ar') or ''}".strip(),
        )
        self._texts[establishment_id] = cells
        return cells

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        row = index.row()
        if not 0 <= row < len(self._ids) or not index.isValid():
            return None
        if role == _DISPLAY:
            cells = self._cells(row)
            return None if cells is None else cells[index.column()]
        if role == _ID:
            return self._ids[row]
        column = index.column()
        if role == _FOREGROUND and column == STATUS_COLUMN:
            cells = self._cells(row)
            colour = STATUS_COLOURS.get(cells[6]) if cells else None
            return None if colour is None else QBrush(colour)
        if role == _FONT and column == STATUS_COLUMN:
            cells = self._cells(row)
            return self._bold if cells and cells[6] in ("returned", "draft") else None
        if role == _TOOLTIP and column == NAME_COLUMN:
            cells = self._cells(row)
            return cells[7] if cells else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        if not 0 <= section < len(self.COLUMNS):
            return None
        return {
            "code": self.tr("Code"),
            "name": self.tr("Name"),
            "type": self.tr("Type"),
            "region": self.tr("Region"),
            "commune": self.tr("Commune"),
            "status": self.tr("Survey"),
        }[self.COLUMNS[section]]

    def retranslate(self) -> None:
        """Labels of types, statuses, regions and names follow the UI language."""
        self._texts = {}
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(self.COLUMNS) - 1)
            )


class EstablishmentFilters(QWidget):
    """Search box and filters by survey status, region and type."""

    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.status = TypeAheadCombo()
        self.status.setObjectName("statusFilter")
        self.region = TypeAheadCombo()
        self.region.setObjectName("regionFilter")
        self.type = TypeAheadCombo()
        self.type.setObjectName("typeFilter")
        for combo in (self.status, self.region, self.type):
            # As wide as the row gives, not as the longest label: "Centre pour personnes en
            # situation de handicap" made the list 750 px wide at least, more than a 1280x720
            # screen at 150 % leaves beside the Sync panel.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
            combo.setIconSize(QSize(0, 0))  # no icons: not one pixel taller for them
        self._regions = store.distinct_values("region")
        present_types = set(store.distinct_values("type"))
        self._types = [t for t in TYPES if t in present_types] + sorted(present_types - set(TYPES))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        layout.addWidget(self.status, 1)
        layout.addWidget(self.region, 1)
        layout.addWidget(self.type, 1)
        self.retranslate()
        self.search.textChanged.connect(self.changed)
        for combo in (self.status, self.region, self.type):
            combo.currentIndexChanged.connect(self.changed)

    def _fill(self, combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for code, label in items:
            combo.addItem(label, code)
        found = combo.findData(current)
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)
        # Never narrower than its "all" label ("Toutes les régions" was cut with the Sync
        # dock open at 1366x768): the search box gives up the room instead.
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        text = QSize(combo.fontMetrics().horizontalAdvance(everything) + 4, combo.height())
        needed = combo.style().sizeFromContents(
            QStyle.ContentsType.CT_ComboBox, option, text, combo
        )
        combo.setMinimumWidth(needed.width())

    def retranslate(self) -> None:
        self.search.setPlaceholderText(
            self.tr("Search by code, name (French or Arabic), commune…  (Ctrl+F)")
        )
        self.search.setAccessibleName(self.tr("Search establishments"))
        self._fill(self.status, self.tr("All statuses"), [(s, status_label(s)) for s in STATUSES])
        self._fill(
            self.region, self.tr("All regions"), [(r, region_label(r)) for r in self._regions]
        )
        self._fill(self.type, self.tr("All types"), [(t, type_label(t)) for t in self._types])

    def values(self) -> tuple[str, str | None, str | None, str | None]:
        return (
            self.search.text(),
            self.status.currentData(),
            self.region.currentData(),
            self.type.currentData(),
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def local_time(iso: str) -> str:
    """An ISO UTC moment as this laptop's local date and time, Western digits."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


class EstablishmentDetail(QWidget):
    """One establishment's identification and its surveys, with the button to start or
    continue a survey."""

    open_survey = Signal(str)  # survey id
    start_survey = Signal(str)  # establishment id
    report_requested = Signal(str)  # establishment id: write its PDF report (ui/reports.py)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.establishment: Establishment | None = None
        self.surveys: list[Survey] = []
        self.title = QLabel()
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = AlignedLabel()
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._fields: dict[str, tuple[QLabel, AlignedLabel]] = {}
        for key in (
            "code",
            "type",
            "capacity",
            "manager",
            "region",
            "province",
            "commune",
            "site",
            "gps",
        ):
            caption, value = QLabel(), AlignedLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._fields[key] = (caption, value)
            self.form.addRow(caption, value)
        # A review decision pulled from the server: what the coordinator asks to correct.
        self.review_note = QLabel()
        self.review_note.setObjectName("reviewNote")
        self.review_note.setWordWrap(True)
        self.review_note.setStyleSheet(
            "background: #fdecea; color: #8e0000; padding: 6px; border-radius: 3px"
        )
        self.surveys_caption = QLabel()
        self.surveys_caption.setObjectName("surveysCaption")
        bold = self.surveys_caption.font()
        bold.setBold(True)
        self.surveys_caption.setFont(bold)
        self.survey_table = QTableWidget(0, 4)
        self.survey_table.setObjectName("surveyTable")
        self.survey_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.survey_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.survey_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.survey_table.verticalHeader().hide()
        header = self.survey_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The agent's name gives up room in a narrow pane (the Sync dock open), down to a
        # few letters: the saves column and its heading were cut by a scroll bar
        # ("nregistr"). Narrower still (Arabic, dock open), the table scrolls sideways.
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(64)
        self.survey_table.itemActivated.connect(lambda _item: self._open_selected())
        self.survey_table.itemSelectionChanged.connect(self._update_buttons)
        self.open_button = QPushButton()
        self.open_button.setObjectName("openSurvey")
        self.open_button.clicked.connect(self._open_selected)
        self.start_button = QPushButton()
        self.start_button.setObjectName("startSurvey")
        self.start_button.clicked.connect(self._start)
        self.report_button = QPushButton()
        self.report_button.setObjectName("establishmentReport")
        self.report_button.clicked.connect(self._report)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(self.form)
        layout.addSpacing(8)
        layout.addWidget(self.review_note)
        layout.addWidget(self.surveys_caption)
        layout.addWidget(self.survey_table, 1)
        layout.addLayout(buttons)
        self.retranslate()
        self.show_establishment(None, [])

    def retranslate(self) -> None:
        captions = {
            "code": self.tr("Code"),
            "type": self.tr("Type"),
            "capacity": self.tr("Capacity"),
            "manager": self.tr("Manager"),
            "region": self.tr("Region"),
            "province": self.tr("Province"),
            "commune": self.tr("Commune"),
            "site": self.tr("Nearest OCP site"),
            "gps": self.tr("GPS position"),
        }
        for key, (caption, _value) in self._fields.items():
            caption.setText(captions[key])
        self.surveys_caption.setText(self.tr("Surveys"))
        self.survey_table.setHorizontalHeaderLabels(
            [self.tr("Started"), self.tr("Status"), self.tr("Agent"), self.tr("Saves")]
        )
        self.open_button.setText(self.tr("&Open survey"))
        self.start_button.setText(self.tr("&Start a survey"))
        self.report_button.setText(self.tr("&Report (PDF)…"))
        self.empty.setText(self.tr("Choose an establishment in the list to see its details."))
        self.show_establishment(self.establishment, self.surveys)

    def show_establishment(
        self,
        establishment: Establishment | None,
        surveys: list[Survey],
        sent: dict[str, str] | None = None,
    ) -> None:
        """`sent`: when the server acknowledged each survey with nothing left to send."""
        self.establishment = establishment
        self.surveys = surveys
        has = establishment is not None
        for widget in (self.title, self.subtitle, self.surveys_caption, self.survey_table):
            widget.setVisible(has)
        for caption, value in self._fields.values():
            caption.setVisible(has)
            value.setVisible(has)
        self.start_button.setVisible(has)
        self.open_button.setVisible(has)
        self.report_button.setVisible(has)
        self.empty.setVisible(not has)
        returned = next(
            (s for s in surveys if s.status == SurveyStatus.RETURNED and s.review_comment), None
        )
        self.review_note.setVisible(returned is not None)
        if returned is not None:
            self.review_note.setText(
                self.tr("Returned by your coordinator for correction:")
                + "\n"
                + returned.review_comment.strip()
            )
        if establishment is None:
            return
        row = {"name_fr": establishment.name_fr, "name_ar": establishment.name_ar}
        self.title.setText(establishment_name(row))
        other = establishment.name_fr if self.title.text() != establishment.name_fr else ""
        self.subtitle.setText(other or establishment.name_ar)
        gps = (
            f"{establishment.latitude:.5f}, {establishment.longitude:.5f}"
            if establishment.latitude is not None and establishment.longitude is not None
            else "—"
        )
        values = {
            "code": establishment.code,
            "type": type_label(establishment.type),
            "capacity": "—" if establishment.capacity is None else str(establishment.capacity),
            "manager": establishment.manager or "—",
            "region": region_label(establishment.region),
            "province": place_label(establishment.province) or "—",
            "commune": place_label(establishment.commune) or "—",
            "site": establishment.site or "—",
            "gps": gps,
        }
        for key, (_caption, value) in self._fields.items():
            value.setText(values[key])
        self.survey_table.setRowCount(len(surveys))
        for i, survey in enumerate(surveys):
            started = survey.created_at[:16].replace("T", " ")
            status = status_label(str(survey.status))
            if survey.status == SurveyStatus.FINALIZED and sent is not None:
                when = sent.get(survey.id)
                status += " · " + (
                    self.tr("sent on %1").replace("%1", isolated(local_time(when)))
                    if when
                    else self.tr("not sent")
                )
            cells = (started, status, survey.author, str(survey.revision))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 1:
                    colour = STATUS_COLOURS.get(str(survey.status))
                    if colour is not None:
                        item.setForeground(QBrush(colour))
                self.survey_table.setItem(i, column, item)
        if surveys:
            select_whole_row(self.survey_table, 0)
        self._update_buttons()

    def _selected(self) -> Survey | None:
        rows = self.survey_table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].row()
        return self.surveys[row] if 0 <= row < len(self.surveys) else None

    def _update_buttons(self) -> None:
        selected = self._selected()
        self.open_button.setEnabled(selected is not None)
        editable = selected is not None and selected.status in (
            SurveyStatus.DRAFT,
            SurveyStatus.RETURNED,
        )
        self.open_button.setText(
            self.tr("&Continue survey") if editable else self.tr("&Open survey")
        )
        # One draft at a time per establishment: continuing it is what the agent wants.
        has_open = any(
            s.status in (SurveyStatus.DRAFT, SurveyStatus.RETURNED) for s in self.surveys
        )
        self.start_button.setEnabled(self.establishment is not None and not has_open)

    def _open_selected(self) -> None:
        selected = self._selected()
        if selected is not None:
            self.open_survey.emit(selected.id)

    def _start(self) -> None:
        if self.establishment is not None:
            self.start_survey.emit(self.establishment.id)

    def _report(self) -> None:
        if self.establishment is not None:
            self.report_requested.emit(self.establishment.id)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class EstablishmentTable(QTableView):
    """The list view; Enter opens the establishment's current survey."""

    activated_id = Signal(str)

    def __init__(self, model: EstablishmentTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("establishmentTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        # Fixed row heights: the view never measures 10,000 rows.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in ((0, 112), (2, 150), (3, 140), (4, 100), (5, 100)):
            self.setColumnWidth(column, width)
        # The name takes what the other columns leave, but never less than NAME_MIN_WIDTH: a
        # stretched column went down to a few pixels ("…") beside the Sync dock in Arabic,
        # and the others kept theirs; now the list scrolls sideways instead.
        header.sectionResized.connect(self._other_column_resized)
        self.activated.connect(self._activated)

    NAME_MIN_WIDTH = 200

    def _fit_name(self) -> None:
        header = self.horizontalHeader()
        shown = [c for c in range(header.count()) if c != 1 and not header.isSectionHidden(c)]
        others = sum(header.sectionSize(c) for c in shown)
        width = max(self.NAME_MIN_WIDTH, self.viewport().width() - others)
        if header.sectionSize(1) != width:
            self.setColumnWidth(1, width)

    def _other_column_resized(self, column: int, _old: int, _new: int) -> None:
        if column != 1:
            self._fit_name()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_name()

    def select_row(self, row: int) -> None:
        select_whole_row(self, row)

    def _activated(self, index: QModelIndex) -> None:
        establishment_id = index.data(ID_ROLE)
        if establishment_id:
            self.activated_id.emit(establishment_id)
