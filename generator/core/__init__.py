"""The pure core: schema, loading, diagnostics, validation rules, scoring, links, ids. No MkDocs, no
CLI, no I/O beyond reading course files."""
