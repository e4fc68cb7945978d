"""The Preferences dialog: author name, language, default paper and tile sheets, units and autosave, in one place."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cxstudio.ui import labels
from cxstudio.ui.settings import MAX_AUTOSAVE_MINUTES, TILE_SHEETS, EditorSettings, system_user_name


class PreferencesDialog(QDialog):
    """Edit the user's preferences; `store()` writes them to the settings (the window calls it on OK)."""

    def __init__(self, settings: EditorSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from cxstudio.ui.export.options import POSTER_PAPERS

        self.setObjectName("preferences")
        self.setWindowTitle(self.tr("Preferences"))
        self.settings = settings
        self.author = QLineEdit(settings.author())
        self.author.setObjectName("authorName")
        self.author.setMaxLength(200)
        self.author.setPlaceholderText(system_user_name())
        self.author.setToolTip(self.tr("Your name on the comments you write"))
        self.language = QComboBox()
        self.language.setObjectName("languageChoice")
        self.language.addItem(self.tr("As the system"), "")
        for code, name in labels.languages().items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(settings.language()), 0))
        self.paper = QComboBox()
        self.paper.setObjectName("defaultPaper")
        for paper in POSTER_PAPERS:
            if paper in ("auto", "custom"):
                continue
            name = self.tr("Roll {width} mm wide").format(width=paper[4:]) if paper.startswith("roll") \
                else paper[0].upper() + paper[1:]
            self.paper.addItem(name, paper)
        self.paper.setCurrentIndex(max(self.paper.findData(settings.default_paper()), 0))
        self.tile_sheet = QComboBox()
        self.tile_sheet.setObjectName("defaultTileSheet")
        for sheet in TILE_SHEETS:
            self.tile_sheet.addItem(sheet[0].upper() + sheet[1:], sheet)
        self.tile_sheet.setCurrentIndex(max(self.tile_sheet.findData(settings.default_tile_sheet()), 0))
        self.units = QComboBox()
        self.units.setObjectName("unitsChoice")
        self.units.addItem(self.tr("Millimetres (mm)"), "mm")
        self.units.addItem(self.tr("Inches (in)"), "in")
        self.units.setCurrentIndex(max(self.units.findData(settings.units()), 0))
        self.autosave = QSpinBox()
        self.autosave.setObjectName("autosaveMinutes")
        self.autosave.setRange(0, MAX_AUTOSAVE_MINUTES)
        self.autosave.setSpecialValueText(self.tr("Off"))
        self.autosave.setSuffix(self.tr(" min"))
        self.autosave.setValue(settings.autosave_minutes())
        self.autosave.setToolTip(self.tr("Save the project's file every few minutes. Every change is kept in the "
                                         "working copy anyway, so nothing is lost when this is off."))
        form = QFormLayout()
        form.addRow(self.tr("&Author name"), self.author)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Default &paper"), self.paper)
        form.addRow(self.tr("Default &tile sheets"), self.tile_sheet)
        form.addRow(self.tr("&Units"), self.units)
        form.addRow(self.tr("Auto&save the file every"), self.autosave)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen_language(self) -> str:
        return str(self.language.currentData() or "")

    def store(self) -> None:
        """Write every preference except the language (the window switches that itself)."""
        self.settings.set_author(self.author.text())
        self.settings.set_default_paper(str(self.paper.currentData()), str(self.tile_sheet.currentData()))
        self.settings.set_units(str(self.units.currentData()))
        self.settings.set_autosave_minutes(self.autosave.value())
