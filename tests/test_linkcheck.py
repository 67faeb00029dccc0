"""The built-HTML link check: links and anchors in any markup, quiz HTML included."""

from generator.site.linkcheck import check_site


def write(root, files):
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return root


def test_finds_missing_pages_and_anchors(tmp_path):
    site = write(
        tmp_path,
        {
            "index.html": '<a href="a/">A</a> <a href=\'a/#sec\'>sec</a> <a href="a/#nope">x</a> '
            '<img src="missing.png"> <a href="#top">t</a><p id="top"></p>',
            "a/index.html": '<h2 id="sec">S</h2><a href="../">home</a><a '
            'href="../../out.html">out</a><a href="https://example.org/#x">ext</a>',
        },
    )
    assert [b.format() for b in check_site(site)] == [
        "a/index.html: link '../../out.html': points outside the site",
        "index.html: link 'a/#nope': the anchor '#nope' does not exist on a/index.html",
        "index.html: link 'missing.png': the target does not exist",
    ]


def test_entities_and_name_anchors(tmp_path):
    site = write(
        tmp_path,
        {
            "index.html": '<a name="old"></a><a href="#old">o</a><a '
            'href="b.html?x=1&amp;y=2#k">b</a>',
            "b.html": '<span id="k"></span>',
        },
    )
    assert check_site(site) == []
