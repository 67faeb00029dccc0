"""Write YAML scalars that read back exactly: plain where that is safe, else double-quoted by
PyYAML's emitter."""

from __future__ import annotations

import yaml


def yaml_quoted(text: str) -> str:
    """``text`` as a one-line, double-quoted YAML scalar that reads back exactly.

    PyYAML's emitter escapes what JSON leaves raw but YAML reads differently (U+2028, U+0085,
    U+FEFF, C1 controls) and keeps other text, emoji and right-to-left scripts included, readable.
    """
    return yaml.safe_dump(text, allow_unicode=True, default_style='"', width=float("inf")).rstrip(
        "\n"
    )


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back the same, else double-quoted."""
    try:
        if yaml.safe_load(f"k: {text}") == {"k": text} and "#" not in text:
            return text
    except yaml.YAMLError:
        pass
    return yaml_quoted(text)
