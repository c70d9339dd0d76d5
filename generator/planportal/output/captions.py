"""Table captions: a paragraph `Table: caption text` right before a table becomes its <caption>.

Python-Markdown's `tables` extension has no syntax for a caption. The generated Markdown uses
pandoc's (a paragraph starting "Table: " before the table, a blank line between), so it stays
plain Markdown that other renderers read, and this extension, named in mkdocs.yml's
`markdown_extensions` as `planportal.captions`, renders it:

>>> import markdown
>>> markdown.markdown("Table: Quarters\\n\\n| Quarter | Months |\\n|---|---|\\n| 1 | April to June |",
...                   extensions=["tables", CaptionExtension()]).splitlines()[:3]
['<table>', '<caption>Quarters</caption>', '<thead>']

The caption's text is still Markdown for the inline patterns that run after this, just as a
paragraph's would be, so text from plan data is made safe the same way in both. A "Table: "
paragraph not followed by a table is left as it is.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

PREFIX = "Table: "


class CaptionTreeprocessor(Treeprocessor):
    """Moves each `Table: …` paragraph into the table after it, as the table's first child."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            children = list(parent)
            for paragraph, table in zip(children, children[1:], strict=False):
                text = paragraph.text or ""
                if (paragraph.tag == "p" and table.tag == "table" and len(paragraph) == 0
                        and text.startswith(PREFIX) and text[len(PREFIX):].strip() and table.find("caption") is None):
                    parent.remove(paragraph)
                    paragraph.tag = "caption"
                    paragraph.text = text[len(PREFIX):].strip()
                    paragraph.tail = "\n"
                    table.insert(0, paragraph)
                    table.text = "\n"


class CaptionExtension(Extension):
    """The extension Python-Markdown loads by the module's name (see makeExtension)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # Before the inline patterns (priority 20), so the caption's text is parsed like a paragraph's.
        md.treeprocessors.register(CaptionTreeprocessor(md), "planportal_captions", 25)


def makeExtension(**kwargs: object) -> CaptionExtension:  # noqa: N802 (Python-Markdown's name)
    return CaptionExtension(**kwargs)
