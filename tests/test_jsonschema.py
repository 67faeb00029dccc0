"""The editor schemas: committed copies match the models, and every shipped file passes them."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from support import ROOT

from generator.authoring.jsonschema import (
    KINDS,
    build_schema,
    schema_comment,
    schema_file_name,
    stale_schemas,
)
from generator.authoring.reference import example_files
from generator.commands.main import main
from generator.core.layout import kind_of


class EditorLoader(yaml.SafeLoader):
    """Reads YAML as the YAML language server does: a date stays text (`2026-11-26`)."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def validator(kind: str) -> jsonschema.protocols.Validator:
    schema = json.loads((ROOT / "schemas" / schema_file_name(kind)).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def shipped_files() -> list[tuple[str, str]]:
    files = sorted(
        p
        for d in ("course", "quizzes")
        for p in (ROOT / d).rglob("*")
        if p.suffix in (".yml", ".yaml")
    )
    return [
        (p.relative_to(ROOT).as_posix(), kind_of(p.relative_to(ROOT).as_posix())) for p in files
    ]


def test_committed_schemas_match_the_models():
    assert stale_schemas(ROOT / "schemas") == [], "run: course schema"


def test_schemas_are_draft_2020_12_and_describe_every_field():
    for kind in KINDS:
        schema = build_schema(kind)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        for model in [schema, *schema.get("$defs", {}).values()]:
            assert model["additionalProperties"] is False
            for name, prop in model["properties"].items():
                assert prop.get("description"), f"{kind}: {model['title']}.{name} has no docstring"


def test_every_shipped_file_is_a_known_kind_with_its_schema_comment():
    files = shipped_files()
    assert len(files) >= 20
    for rel, kind in files:
        assert kind is not None, rel
        first = (ROOT / rel).read_text(encoding="utf-8").splitlines()[0]
        assert first == schema_comment(rel, kind), rel
        target = (ROOT / rel).parent / first.split("$schema=", 1)[1]
        assert target.resolve() == (ROOT / "schemas" / schema_file_name(kind)).resolve()


@pytest.mark.parametrize("rel,kind", shipped_files())
def test_shipped_file_validates_against_its_schema(rel, kind):
    data = yaml.load((ROOT / rel).read_text(encoding="utf-8"), Loader=EditorLoader)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(kind).iter_errors(data)]
    assert errors == []


def test_dates_are_text_with_the_date_format():
    data = yaml.load(
        (ROOT / "course/resources.yml").read_text(encoding="utf-8"), Loader=EditorLoader
    )
    entry = next(i for g in data["groups"] for i in g["items"] if "last_verified" in i)
    assert isinstance(entry["last_verified"], str)
    v = validator("resources")
    assert v.is_valid(data)
    assert v.is_valid({**data, "last_verified": "2026-11-26"})  # the earlier, file-wide shape
    assert not v.is_valid({**data, "last_verified": "2026-13-45"})
    assert not v.is_valid({**data, "last_verified": "last week"})


def test_schema_catches_the_usual_mistakes():
    bank = yaml.safe_load(example_files()["quizzes/listening-single.yml"])
    v = validator("bank")
    assert v.is_valid(bank)
    option = bank["questions"][0]["options"][0]
    option["corect"] = option.pop("correct")
    assert not v.is_valid(bank)
    bank = yaml.safe_load(example_files()["quizzes/listening-single.yml"])
    bank["questions"][0]["type"] = "single"
    assert not v.is_valid(bank)
    bank = yaml.safe_load(example_files()["quizzes/listening-single.yml"])
    bank["id"] = "Has Spaces"
    assert not v.is_valid(bank)


def test_reference_examples_validate_against_the_schemas():
    for rel, text in example_files().items():
        kind = kind_of(rel)
        assert validator(kind).is_valid(yaml.load(text, Loader=EditorLoader)), rel
        assert text.splitlines()[0] == schema_comment(rel, kind), rel


def test_schema_command_writes_and_checks(tmp_path, capsys):
    out = tmp_path / "schemas"
    assert main(["schema", str(out), "--check"]) == 1
    assert main(["schema", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(schema_file_name(k) for k in KINDS)
    assert main(["schema", str(out), "--check"]) == 0
    (out / "bank.schema.json").write_text("{}")
    assert main(["schema", str(out), "--check"]) == 1
    err = capsys.readouterr().err
    assert (
        f"{out / 'bank.schema.json'}: out of date with generator/core/schema.py. Run: course "
        f"schema {out}" in err
    )
