"""Exports: pure functions from a course (or a built site) to files: Markdown, GIFT, QTI, SCORM, the
workbook."""
