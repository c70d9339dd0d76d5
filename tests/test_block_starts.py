"""Text from YAML that the generator puts at the start of a Markdown block stays text.

A heading, a definition term, a table cell, a list item or a paragraph that starts with text from
the data must show that text as written: a partner called "-" is a definition term, not a list
item, and keeps its anchor. Each start is rendered, as the templates place it, by Python-Markdown
with the site's extensions, and compared with the same text rendered in the middle of a line,
where no block starts."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from planportal.pages import urls
from planportal.pages.site import build_pages
from planportal.text.blocks import block_text
from planportal.text.markdown import front_matter, one_line
from tests.conftest import examples
from tests.test_reproducible import SITE_EXTENSIONS, load, tiny_portal

EXTENSIONS = [name for name, _ in SITE_EXTENSIONS]
CONFIGS = {name: config for name, config in SITE_EXTENSIONS if config}

# What Markdown reads at the start of a block, and what it reads at the end of a heading's line.
STARTS = ["-", "- x", "+ x", "* x", "*", "1.", "1. x", "12. x", "#", "#x", "## x", ">", "> x", ":", ": x", "|",
          "| x |", "=", "===", "---", "- - -", "***", "* * *", "___", "    x", "\tx", "!!! note", "!!!note x", "[TOC]",
          "[a]: https://example.org/", "*[a]: https://example.org/", "[a]:", "Table: x"]
ENDS = ["#", " #", "##", "\\", "\\\\", "\\#", " {#x}", "  "]

# Each block a template starts with a line of text, and what it must make of it ({} is the line's HTML).
BLOCKS = {
    "heading": ("# {}\n", "<h1>{}</h1>"),
    "heading with an anchor": ("## {} {{#here}}\n", '<h2 id="here">{}</h2>'),
    "heading of a link": ("### [{}](page.md)\n", "<h3>{}</h3>"),  # {} is the link's HTML mid-line
    "definition term": ("{} {{#here}}\n:   Said of it.\n", '<dl>\n<dt id="here">{}</dt>\n<dd>Said of it.</dd>\n</dl>'),
    "definition": ("Term\n:   {}\n", "<dl>\n<dt>Term</dt>\n<dd>{}</dd>\n</dl>"),
    "list item": ("- {}\n", "<ul>\n<li>{}</li>\n</ul>"),
    "ordered list item": ("1. {}\n", "<ol>\n<li>{}</li>\n</ol>"),
    "paragraph": ("{}\n", "<p>{}</p>"),
    "table cell": ("| A | B |\n|---|---|\n| {} | b |\n",
                   "<table>\n<thead>\n<tr>\n<th>A</th>\n<th>B</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>{}</td>\n"
                   "<td>b</td>\n</tr>\n</tbody>\n</table>"),
}
_HEADING_ID = re.compile(r'(<h[13]) id="[^"]*"')  # made from the text by the toc extension
_CHARACTER = re.compile(r"&#(\d+);")  # the data's own references are shown (&amp;#58;): these are the generator's


_MARKDOWN = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)


def render(text: str) -> str:
    html_ = _MARKDOWN.reset().convert(text)
    return _CHARACTER.sub(lambda m: html.escape(chr(int(m[1]))), _HEADING_ID.sub(r"\1", html_))


def as_text(line: str) -> str:
    """A line's HTML in the middle of a paragraph, where nothing it starts with starts a block."""
    rendered = render("x " + line)
    assert rendered.startswith("<p>x ") and rendered.endswith("</p>"), rendered
    return rendered[len("<p>x "):-len("</p>")]


def check(text: str, fell_back: bool = False) -> None:
    """`text` from the data, as `cell` or `h` makes it (`fell_back`: in a span marking its language), in
    every kind of block."""
    line = one_line(text)
    if fell_back:
        line = f'<span lang="en">{line}</span>'
    if not line.strip():
        return
    kept = block_text(line)
    assert block_text(kept) == kept  # once is enough: made twice, the same
    shown = as_text(line)
    linked = as_text(f"[{kept}](page.md)")  # a link's text is parsed by itself: compared with the link mid-line
    for kind, (source, expected) in BLOCKS.items():
        inner = linked if "link" in kind else shown
        if '<div class="toc">' not in inner:  # "[TOC]" alone in emphasis or a link: the toc's, wherever it is
            assert render(source.format(kept)) == expected.format(inner), (kind, text, kept)


@pytest.mark.parametrize("text", STARTS + [f"x{end}" for end in ENDS])
def test_each_start_of_a_block_stays_text(text: str) -> None:
    check(text)
    check(text, fell_back=True)


PIECES = st.sampled_from(STARTS + ENDS + list("-*+#>:|=_!.[]()`\\ \t1x") + ["\n", "&#58;", "**", "x*", "_y_"])


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=8).map("".join), st.booleans())
@example("-", False)  # issue 19: a partner called "-"
@example("\\[TOC]", False)  # found by `make fuzz`: a "\[" of the data's own, in a link's text
@example("*[a]: https://example.org/*", False)  # found by `make fuzz`: emphasis, not an abbreviation
@example("][", False)  # found by `make fuzz`: brackets that do not pair, in a link's text
@example("_y____-____y_", False)  # found by `make fuzz`: emphasis in a link's text, parsed by itself
@example("_[TOC]_", False)  # found by `make fuzz`: a table of contents mid-line too
@example("\\|", False)  # found by `make fuzz`: the data's own backslash before a "|" ended a table cell
@example("[[TOC]", False)  # found by `make fuzz`: a table of contents mid-line, in a link
@example("*[[a]: https://example.org/", False)  # found by `make fuzz`: an abbreviation's label may hold a [
def test_any_text_at_the_start_of_a_block_stays_text(text: str, fell_back: bool) -> None:
    check(text, fell_back)


def test_partners_and_glossary_meanings_named_like_markdown_stay_text(tmp_path: Path) -> None:
    """Issue 19, through the generator: each partner on the leads page is a definition term with its
    anchor and its name as written, and each glossary meaning a definition."""
    files = tiny_portal()
    files["portal"]["partners"] = [{"id": f"p{i}", "name": name} for i, name in enumerate(STARTS)]
    files["portal"]["glossary"] = [{"term": f"T{i}", "meaning": meaning} for i, meaning in enumerate(STARTS)]
    files["1-hu"]["plan"]["recommendations"][0]["actions"][0]["partners"] = [f"p{i}" for i in range(len(STARTS))]
    pages = build_pages(load(files, tmp_path))
    leads, glossary = (render(front_matter(pages[page])[1]) for page in (urls.LEADS, urls.GLOSSARY))
    for i, text in enumerate(STARTS):
        assert f'<dt id="partner-p{i}">{as_text(one_line(text))}</dt>' in leads, text
        assert f'<dt id="term-t{i}">T{i}</dt>\n<dd>{as_text(one_line(text))}</dd>' in glossary, text
