"""Editing: transactions, change sets, undo/redo history (session), named user operations, step names, card placement.

The package re-exports nothing: the editor imports `cxstudio.api` and `cxstudio.editing.operations`, never
`cxstudio.editing.session` (an import-linter contract), and a re-export here would be a way around that.
"""
