"""The editor's one date format (the UI locale's short date with a four-digit year), parsing typed dates, the date editor."""

from __future__ import annotations

import re

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDateEdit, QWidget

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
NOT_SET = QDate(1900, 1, 1)  # the date editor's "not set": its minimum, shown as its special value text


def date_format() -> str:
    """How the whole editor shows a date: the UI locale's short format with a four-digit year ("dd.MM.yyyy")."""
    text = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in text:
        text = text.replace("yy", "yyyy")
    return text


def _from_iso(text: str) -> QDate | None:
    match = _ISO.fullmatch(text.strip()[:10])
    if match is None:
        return None
    date = QDate(int(match[1]), int(match[2]), int(match[3]))
    return date if date.isValid() else None


def show_date(value: str) -> str:
    """A stored date ("2026-03-31", or with a time "2026-03-31T14:05") as the editor shows it; "" stays ""."""
    if not value:
        return ""
    date = _from_iso(value)
    if date is None:
        return value
    shown = QLocale().toString(date, date_format())
    if len(value) > 10 and value[10] in "T ":
        time = QTime.fromString(value[11:16], "HH:mm")
        if time.isValid():
            shown += " " + QLocale().toString(time, QLocale.FormatType.ShortFormat)
    return shown


def parse_date(text: str) -> str | None:
    """A typed date as stored ("YYYY-MM-DD"): the UI locale's format, its short form or ISO; "" for none, None if not a date."""
    text = text.strip()
    if not text:
        return ""
    date = _from_iso(text) if _ISO.fullmatch(text) else None
    if date is None:
        locale = QLocale()
        for form in (date_format(), locale.dateFormat(QLocale.FormatType.ShortFormat), "d.M.yyyy"):
            candidate = locale.toDate(text, form)
            if candidate.isValid():
                date = candidate
                break
    return date.toString("yyyy-MM-dd") if date is not None else None


class DateEdit(QDateEdit):
    """A date field with a calendar popup in the editor's one format; accepts ISO too; empty means "not set"."""

    def __init__(self, not_set_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(date_format())
        self.setMinimumDate(NOT_SET)
        self.setSpecialValueText(not_set_text)
        self.setDate(NOT_SET)
        self.calendarWidget().setLocale(QLocale())

    def iso(self) -> str:
        """The date as stored: "YYYY-MM-DD", or "" when not set."""
        date = self.date()
        return "" if date == NOT_SET else date.toString("yyyy-MM-dd")

    def set_iso(self, value: str) -> None:
        date = _from_iso(value) if value else None
        self.setDate(date if date is not None else NOT_SET)
        if date is None:
            self.calendarWidget().setSelectedDate(QDate.currentDate())  # the popup opens at today, not 1900

    def show_quietly(self, value: str | None) -> None:
        """Show a stored date without emitting `dateChanged` (the value came from the project, not the user)."""
        self.blockSignals(True)
        try:
            self.set_iso(value or "")
        finally:
            self.blockSignals(False)

    def _parse(self, text: str) -> QDate | None:
        if not text.strip() or text.strip() == self.specialValueText():
            return NOT_SET
        iso = parse_date(text)
        return _from_iso(iso) if iso else None

    def validate(self, text: str, pos: int) -> object:  # type: ignore[override]
        if self._parse(text) is not None:
            return (QValidator.State.Acceptable, text, pos)
        return (QValidator.State.Intermediate, text, pos)

    def dateTimeFromText(self, text: str) -> QDateTime:
        date = self._parse(text)
        return QDateTime(date if date is not None else self.date(), QTime(0, 0))

    def fixup(self, text: str) -> str:
        return text if self._parse(text) is not None else self.textFromDateTime(self.dateTime())
