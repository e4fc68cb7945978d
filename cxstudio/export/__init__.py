"""Exports (PDF posters, tiles, reports, spreadsheets): the only package that imports ReportLab and openpyxl.

Entry points (import the module you need; this package imports nothing heavy by itself):

- `poster.plan_poster(...)` / `poster.export_poster(...)`: one journey on one page, any view and paper.
- `tiles.plan_tiles(...)` / `tiles.export_tiles(...)`: the poster cut onto A4/A3/letter sheets.
- `report.export_report(...)`: the client report of a project.
- `errors.ExportError`: every refusal, with a stable `code` and `message(language)` in English or German.

The `plan_*` functions draw nothing (for a dialog's live preview); the `export_*` functions take
`progress(done, total) -> bool` (False cancels, and no file is left behind).
"""
