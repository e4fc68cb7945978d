"""Bundled content: templates and worked examples, built into Documents from files in cxstudio/resources/."""
