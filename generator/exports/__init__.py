"""Whole-course exports built from a real site build: SCORM packages and the printable workbook."""
