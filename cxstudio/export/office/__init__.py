"""Office formats: the project as an Excel workbook, a CSV table or a PowerPoint deck, and spreadsheets read for import.

openpyxl writes workbooks, python-calamine reads them (after `reading.check_zip` has checked the zip
directory), the csv module reads and writes CSV, python-pptx writes slides. Imports are planned and
applied by `cxstudio.editing.importing`; this package only reads and writes files.
"""
