"""File > Import… and File > Export to Excel / PowerPoint with real widgets: summary, mapping, one undo step, cancel."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from cxstudio import api
from cxstudio.model.entities import Card, Touchpoint
from cxstudio.ui.office_dialogs import ImportSummaryDialog, MappingDialog


def _open_example(main_window, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "beispiel.cxstudio"
    project = api.create("complaint-example", "de")
    project.save_as(path)
    project.close()
    assert main_window.open_path(path)
    return main_window.project


def test_export_then_import_an_edit_is_one_undo_step_and_cancel_changes_nothing(main_window, tmp_path: Path) -> None:
    project = _open_example(main_window, tmp_path)
    office = main_window.office
    office.update_actions()
    assert office.act_import.isEnabled() and office.act_export_excel.isEnabled()
    workbook = tmp_path / "b.xlsx"
    assert office.export_workbook(workbook) and office.exports.wait()
    assert office.export_slides(tmp_path / "b.pptx") and office.exports.wait()
    book = load_workbook(workbook)
    book["Karten"]["F2"] = "Im Editor importiert"
    book.save(workbook)
    before = project.document.snapshot()
    seen: list[ImportSummaryDialog] = []

    def cancel(dialog: QDialog) -> int:
        seen.append(dialog)  # type: ignore[arg-type]
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        return QDialog.DialogCode.Rejected

    office.run_dialog = cancel
    assert not office.import_file(workbook)
    assert project.document.snapshot() == before
    changed = seen[0].tree.topLevelItem(1)
    assert changed.text(0) == "Changed (1)"
    field = changed.child(0).child(0)
    assert (field.text(0), field.text(2)) == ("Titel", "Im Editor importiert")

    office.run_dialog = lambda dialog: QDialog.DialogCode.Accepted
    assert office.import_file(workbook)
    assert "Im Editor importiert" in {c.title for c in project.document.all(Card)}
    assert main_window.act_undo.text().startswith("&Undo")
    project.undo()
    assert project.document.snapshot() == before


def test_invalid_rows_disable_import_in_the_summary(main_window, tmp_path: Path) -> None:
    project = _open_example(main_window, tmp_path)
    workbook = tmp_path / "b.xlsx"
    assert main_window.office.export_workbook(workbook) and main_window.office.exports.wait()
    book = load_workbook(workbook)
    book["Karten"]["H2"] = 11
    book.save(workbook)
    dialogs: list[ImportSummaryDialog] = []

    def look(dialog: QDialog) -> int:
        dialogs.append(dialog)  # type: ignore[arg-type]
        return QDialog.DialogCode.Accepted  # even a forced accept applies nothing

    main_window.office.run_dialog = look
    before = project.document.snapshot()
    assert not main_window.office.import_file(workbook)
    assert project.document.snapshot() == before
    dialog = dialogs[0]
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    problems = dialog.tree.topLevelItem(0)
    assert problems.text(0).startswith("Problems (1)")
    assert "row 2, column 'Bewertung (1-10)': 11 is not a rating" in problems.child(0).text(0)


def test_foreign_inventory_goes_through_the_mapping_dialog(main_window, tmp_path: Path) -> None:
    project = _open_example(main_window, tmp_path)
    path = tmp_path / "inventar.csv"
    path.write_bytes("Kontaktpunkt;Kanal;Abteilung;Phase;Notiz\nZählerstand-Postkarte;Brief;Messstellenbetrieb;"
                     "Rechnung erhalten;egal\n".encode("cp1252"))
    mappings: list[MappingDialog] = []

    def answer(dialog: QDialog) -> int:
        if isinstance(dialog, MappingDialog):
            mappings.append(dialog)
            assert dialog.mapping() == {0: "name", 1: "channel", 2: "department", 3: "stage"}
            assert dialog.preview.item(0, 0).text() == "Zählerstand-Postkarte"
            dialog.set_target(1, "ignore")
            assert dialog.mapping() == {0: "name", 2: "department", 3: "stage"}
            dialog.set_target(1, "channel")
            assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        return QDialog.DialogCode.Accepted

    main_window.office.run_dialog = answer
    assert main_window.office.import_file(path)
    names = {t.name for t in project.document.all(Touchpoint)}
    assert "Zählerstand-Postkarte" in names
