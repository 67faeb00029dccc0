"""The `course` command line: one module per command, and a shared reporter. No command imports
another command module."""
