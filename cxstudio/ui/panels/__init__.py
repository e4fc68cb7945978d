"""The editor's dockable panels: palette, inspector, outline, undo history and project data."""
