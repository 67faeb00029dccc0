"""Rendering: the Jinja environment and pure functions from a checked course to Markdown pages with
finished quiz HTML."""
