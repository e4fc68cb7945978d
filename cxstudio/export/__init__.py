"""Exports (PDF posters, tiles, reports, spreadsheets): the only package that imports ReportLab and openpyxl."""
