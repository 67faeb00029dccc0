"""Instructors' tools: scaffolding, example YAML, the JSON Schemas and the authoring reference,
course statistics."""
