"""The loader: YAML problems become one clear diagnostic with the right line."""

from pathlib import Path

import pytest
from course_fixture import check_lines

from generator.core.diagnostics import Report
from generator.core.loader import load_document


def load(tmp_path: Path, content: bytes | str):
    f = tmp_path / "x.yml"
    f.write_bytes(content if isinstance(content, bytes) else content.encode())
    report = Report()
    doc = load_document(f, "x.yml", report)
    return doc, report.lines()


def test_lines_of_keys_and_items(tmp_path):
    doc, lines = load(tmp_path, "a: 1\nb:\n  - x\n  - y: 2\n    z: 3\n")
    assert lines == []
    assert doc.lines[("b", 1, "z")] == 5
    assert doc.line(("b", 1, "missing")) == 4
    assert doc.line(("b", 0)) == 3


@pytest.mark.parametrize(
    "content, expected",
    [
        ("", "x.yml:1: the file is empty. Add content, or delete the file."),
        ("# only a comment\n", "x.yml:1: the file is empty. Add content, or delete the file."),
        (
            b"a: 1\nb: caf\xe9\n",
            "x.yml:2: the file is not valid UTF-8 (byte 0xe9). Save it as UTF-8 in your editor.",
        ),
        (
            "a:\n\tb: 1\n",
            "x.yml:2: invalid YAML: a tab character is used for indentation. YAML allows only "
            "spaces: replace the tab with spaces.",
        ),
        (
            "a: 1\nb: 2\na: 3\n",
            "x.yml:3: the key 'a' appears twice in this mapping. Keep one 'a' (the first is on "
            "line 1).",
        ),
        (
            "a: &x 1\nb: *x\n",
            "x.yml:2: invalid YAML: anchors and aliases ('&name', '*name') are not supported; "
            "write the value out. Check the indentation and quoting on this line.",
        ),
        (
            "a: b: c\n",
            "x.yml:1: invalid YAML: mapping values are not allowed here. A value that contains ': "
            "' must be quoted, or written as a block with '|'.",
        ),
        (
            "a: [1, 2\n",
            "x.yml:2: invalid YAML: expected ',' or ']', but got '<stream end>'. Check the "
            "indentation and quoting on this line.",
        ),
        (
            "? [a]\n: 1\n",
            "x.yml:1: a key must be plain text. Remove the brackets or braces around the key.",
        ),
    ],
)
def test_bad_yaml(tmp_path, content, expected):
    doc, lines = load(tmp_path, content)
    assert doc is None
    assert lines == [expected]


def test_yes_no_keys_stay_text(tmp_path):
    doc, _ = load(tmp_path, "no: 1\nyes: 2\n")
    assert doc.data == {"no": 1, "yes": 2}


def test_list_where_mapping_belongs(make_course):
    root = make_course({"course/lessons/two.yml": "- id: two\n- slug: x\n"})
    assert (
        "course/lessons/two.yml:1: the file holds a list, but a lesson file must be a mapping of "
        "keys to values. Start the file with keys such as 'id', 'slug', 'title'."
        in check_lines(root)
    )


def test_bom_is_accepted(tmp_path):
    doc, lines = load(tmp_path, "\ufeffa: 1\n".encode())
    assert lines == [] and doc.data == {"a": 1}
