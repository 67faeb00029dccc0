"""Maths checked and typeset at build time (generator/core/maths.py, generator/render/maths.py)."""

from __future__ import annotations

import re

from course_fixture import LESSON_TWO, MANIFEST, check_lines

from generator.core.maths import MathsError, find_formulas, typeset
from generator.render.maths import page_stylesheet, typeset_page


def _maths_course(make_course, body: str):
    return make_course(
        {
            "course/course.yml": MANIFEST + "maths: true\n",
            "course/lessons/two.yml": LESSON_TWO.replace(
                "    body: More text.\n",
                "    body: |\n" + "".join(f"      {line}\n" for line in body.splitlines()),
            ),
        }
    )


def _errors(root) -> list[str]:
    return [p for p in check_lines(root) if ": info:" not in p and ": warning:" not in p]


def test_a_katex_syntax_error_is_a_check_error_at_its_line(make_course):
    root = _maths_course(
        make_course,
        "Compound interest:\n\n$$C_n = C_0 \\cdot (1 + i^{n$$\n\nand $x^{2$ inline.",
    )
    problems = _errors(root)
    assert problems == [
        "course/lessons/two.yml:15: lesson 'two', section 'more': the formula "
        "'$$C_n = C_0 \\cdot (1 + i^{n$$' cannot be typeset: Expected '}', got 'EOF' at its end. "
        "Check its braces and commands against KaTeX's list of supported functions "
        "(https://katex.org/docs/supported.html).",
        "course/lessons/two.yml:17: lesson 'two', section 'more': the formula '$x^{2$' "
        "cannot be typeset: Expected '}', got 'EOF' at its end. Check its braces and commands "
        "against KaTeX's list of supported functions (https://katex.org/docs/supported.html).",
    ]


def test_the_error_line_is_the_line_of_the_problem_inside_a_long_formula(make_course):
    root = _maths_course(make_course, "$$\na + b\n= \\frac{1}{2}\n+ \\undefinedmacro\n$$")
    problems = _errors(root)
    assert len(problems) == 1
    assert problems[0].startswith("course/lessons/two.yml:16: lesson 'two', section 'more'")
    assert "Undefined control sequence: \\undefinedmacro at '\\undefinedmacro'" in problems[0]


def test_dollars_are_text_without_maths_and_good_formulas_pass(make_course):
    bad = "$$C_n = C_0 \\cdot (1 + i^{n$$"
    plain = make_course(
        {
            "course/lessons/two.yml": LESSON_TWO.replace(
                "    body: More text.\n", f"    body: '{bad}'\n"
            )
        }
    )
    assert not _errors(plain)
    good = _maths_course(make_course, "Rate $C_n = C_0 \\cdot (1 + i)^n$ costs $5 and $10.")
    assert not _errors(good) and not [p for p in check_lines(good) if ": warning:" in p]


def test_formulas_are_found_as_arithmatex_finds_them():
    text = (
        "Inline $a+b$ and \\(c\\), not `$code$`, not \\$5, not $5 and $10.\n\n"
        "$$\n\\frac{1}{2}\n$$\n\n"
        "```\n$$ in a fence $$\n```\n\n"
        "    $$ indented code $$\n"
    )
    found = [(f.tex, f.display) for f in find_formulas(text)]
    assert found == [("a+b", False), ("c", False), ("\n\\frac{1}{2}\n", True)]
    for f in find_formulas(text):
        assert text[f.at : f.at + len(f.tex)] == f.tex


def test_typeset_gives_mathml_and_refuses_links():
    html = typeset("C_n = C_0 \\cdot (1 + i)^n", display=True)
    assert "<math" in html and 'class="katex-display"' in html
    assert '<annotation encoding="application/x-tex">C_n = C_0 \\cdot (1 + i)^n' in html
    try:
        typeset("\\href{javascript:alert(1)}{x}")
    except MathsError as exc:
        assert "\\href" in exc.message
    else:  # pragma: no cover
        raise AssertionError("\\href was accepted")


def test_a_page_carries_classes_not_style_attributes():
    page = (
        '<p>Rate <span class="arithmatex">\\(C_n = C_0 \\cdot (1 + i)^n\\)</span></p>'
        '<div class="arithmatex">\\[\n\\frac{a}{b}\n\\]</div>'
    )
    html, styles = typeset_page(page)
    assert "style=" not in html and "arithmatex" in html and html.count("<math") == 2
    used = set(re.findall(r"\bci-k[0-9a-f]{10}\b", html))
    assert used == set(styles) and used
    css = page_stylesheet(styles)
    assert css.count("{") == len(used) + 1 and "!important" in css
    assert css.startswith(".katex { direction: ltr; unicode-bidi: isolate; }")
    assert "<" not in css and "url(" not in css


def test_a_built_page_carries_finished_maths_and_no_maths_script(make_course):
    from generator.commands.main import main

    root = _maths_course(make_course, "Rate $C_n = C_0 \\cdot (1 + i)^n$.\n\n$$\n\\frac{a}{b}\n$$")
    assert main(["build", "--strict", "--project", str(root)]) == 0
    page = (root / "site" / "lesson-two" / "index.html").read_text("utf-8")
    assert page.count("<math") == 2 and page.count('class="katex-mathml"') == 2
    assert "\\(" not in page.split("<annotation")[0]  # no TeX left for a script to find
    assert "katex.min.js" not in page and "maths.js" not in page
    assert not any("katex" in str(p) or "maths" in p.name for p in (root / "site").rglob("*.js"))
    katex = page[page.index('<span class="katex">') :]
    assert "style=" not in katex.split("</article>")[0]
    css_href = re.search(r'<link rel="stylesheet" href="(\.\./assets/katex/pages/[^"]+)">', page)
    assert css_href is not None
    css = (root / "site" / "lesson-two" / css_href.group(1)).resolve().read_text("utf-8")
    used = set(re.findall(r"\bci-k[0-9a-f]{10}\b", page))
    assert used and used == set(re.findall(r"\.(ci-k[0-9a-f]{10})\{", css))
    other = (root / "site" / "lesson-one" / "index.html").read_text("utf-8")
    assert "assets/katex/pages/" not in other  # a page without formulas links no stylesheet


def test_an_exported_body_keeps_its_formulas_for_the_exports_maths_script():
    """`course export`: a formula's braces alone keep a body Markdown (arithmatex reads it); a
    body the sanitiser must clean keeps its formulas as arithmatex writes them, TeX escaped."""
    from generator.core.validate_trust import exported_body

    def same(scheme: str, ident: str, anchor: str) -> str | None:
        return None

    text = "The rule: $C_n = C_0 \\cdot (1 + i)^{n}$ grows."
    assert exported_body(text, same, same, "../", maths=True) == text
    html = exported_body(
        "A <b>bold</b> step: $a < b$ and\n\n$$x^{2}$$\n", same, same, "../", maths=True
    )
    assert '<span class="arithmatex">\\(a &lt; b\\)</span>' in html
    assert '<div class="arithmatex">\\[x^{2}\\]</div>' in html
    assert "<b>bold</b>" in html
    # Without maths a dollar is text: nothing is held.
    assert "arithmatex" not in exported_body("Costs <b>$5</b> and $6", same, same, "../")
