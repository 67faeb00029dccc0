"""Write YAML scalars that read back exactly: plain where that is safe, else JSON-quoted (JSON is YAML)."""

from __future__ import annotations

import json

import yaml


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back the same, else double-quoted."""
    try:
        if yaml.safe_load(f"k: {text}") == {"k": text} and "#" not in text:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)
