"""Exports (PDF posters, tiles, reports, spreadsheets): the only package that imports ReportLab and openpyxl.

Entry points (import the module you need; this package imports nothing heavy by itself):

- `options.ExportOptions`: the choices (journey, view, paper, orientation, scale, sheets, ...), one frozen value.
- `poster.plan_poster(doc, options)` / `poster.export_poster(doc, plan, path)`: one journey on one page.
- `tiles.plan_tiles(doc, options)` / `tiles.export_tiles(doc, plan, path)`: the poster cut onto A4/A3/letter sheets.
- `report.export_report(doc, path, options)`: the client report of a project.
- `errors.ExportError`: every refusal, with a stable `code` and `message(language)` in English or German.

The `plan_*` functions draw nothing (for a dialog's live preview); the `export_*` functions write what a
plan (or, for the report, the options) describes and take
`progress(done, total) -> bool` (False cancels, and no file is left behind).
"""
