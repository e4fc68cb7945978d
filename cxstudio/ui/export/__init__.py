"""Export and print in the editor: the export/print dialog with live preview, image export and printing."""
