"""Committee papers as accessible PDFs: a paper's Markdown (pages/papers.py) laid out as HTML for
print, then rendered by WeasyPrint as PDF/UA-1: tagged, with the document's language, its title,
a bookmark per heading, real text, table header rows repeated on every page they run onto, and
alt text on the chart. Fonts are the machine's own (fontconfig); nothing is fetched but the
chart, which is in the HTML itself as a data: address.

WeasyPrint needs Pango (Debian: libpango-1.0-0 libpangoft2-1.0-0; `make pdf` installs it).
"""

from __future__ import annotations

import html
import re
from typing import Any

import markdown

from planportal.output.captions import CaptionExtension
from planportal.pages.papers import Paper
from planportal.source.problems import PlanPortalError

PANGO = "libpango-1.0-0 libpangoft2-1.0-0"

STYLE = """
@page { size: A4; margin: 22mm 18mm 20mm 18mm;
        @top-left { content: HEADER; font-size: 9pt; color: #424242; }
        @bottom-right { content: PAGE_WORDS; font-size: 9pt; color: #424242; } }
@page :first { @top-left { content: none; } }
@page wide { size: A4 landscape; }
.pp-wide { page: wide; }
html { font-family: "DejaVu Sans", "Liberation Sans", sans-serif; font-size: 10.5pt; line-height: 1.4;
       color: #1b1b1b; }
.pp-cover { break-after: page; padding-top: 60mm; }
.pp-cover h1 { font-size: 22pt; line-height: 1.2; }
.pp-cover ul { list-style: none; padding: 0; font-size: 12pt; }
.pp-cover li { margin: 0.4em 0; }
h1 { font-size: 17pt; } h2 { font-size: 14pt; margin-top: 1.6em; } h3 { font-size: 12pt; }
h4 { font-size: 11pt; } h5, h6 { font-size: 10.5pt; }
h5, h5 + p, h6, h6 + p { margin-left: 1.2em; }  /* sub-actions, under their action */
h1, h2, h3, h4, h5, h6 { break-after: avoid; text-transform: none; font-variant: normal; color: #1b1b1b; }
table { border-collapse: collapse; width: 100%; margin: 0.8em 0; font-size: 9pt; }
thead { display: table-header-group; }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 0.3em; }
th, td { border: 0.5pt solid #757575; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #eeeeee; }
tr { break-inside: auto; }  /* a row longer than a page must split (its header row repeats) */
.pp-chart img { width: 110mm; }
.admonition { border-left: 3pt solid #8a3b00; padding: 0.2em 0.8em; margin: 1em 0; }
.admonition-title { font-weight: bold; }
abbr { text-decoration: none; }
a { color: inherit; text-decoration: none; }
"""


def css_string(text: str) -> str:
    """`text` as a CSS string, every character but letters, digits and spaces escaped.

    >>> css_string('Page 1 "of" 2')
    '"Page 1 \\\\22 of\\\\22  2"'
    """
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def page_words_css(words: str) -> str:
    """'Page %(page)s of %(pages)s' as the CSS content of a page's number.

    >>> page_words_css("Page %(page)s of %(pages)s")
    '"Page " counter(page) " of " counter(pages)'
    """
    out, rest = [], words
    while rest:
        at = min((i for i in (rest.find("%(page)s"), rest.find("%(pages)s")) if i >= 0), default=-1)
        if at < 0:
            out.append(css_string(rest))
            break
        if at:
            out.append(css_string(rest[:at]))
        name = "pages" if rest.startswith("%(pages)s", at) else "page"
        out.append(f"counter({name})")
        rest = rest[at + len(f"%({name})s"):]
    return " ".join(out)


def _html(text: str) -> str:
    return wide_tables(markdown.markdown(
        text, extensions=["tables", "abbr", "attr_list", "admonition", CaptionExtension()], output_format="html"))


WIDE = 6  # a table of this many columns or more goes on landscape pages


def wide_tables(body: str) -> str:
    """Each table of WIDE columns or more wrapped to go on landscape pages (the Exhibit 2 checklist).

    >>> wide_tables("<table><thead><tr>" + "<th>x</th>" * 6 + "</tr></thead></table>")[:28]
    '<div class="pp-wide"><table>'
    >>> wide_tables("<table><thead><tr><th>x</th></tr></thead></table>")[:7]
    '<table>'
    """
    def wrap(match: re.Match[str]) -> str:
        head = match[0].split("</thead>", 1)[0]
        return f'<div class="pp-wide">{match[0]}</div>' if head.count("<th") >= WIDE else match[0]

    return _TABLE.sub(wrap, body)


_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)


def paper_html(paper: Paper) -> str:
    """The paper as one HTML document for print: the title page, then the body."""
    style = STYLE.replace("PAGE_WORDS", page_words_css(paper.page_words)).replace("HEADER", css_string(paper.header))
    return (f'<!DOCTYPE html>\n<html lang="{html.escape(paper.lang)}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(paper.title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
            f'<section class="pp-cover">\n{_html(paper.cover)}\n</section>\n'
            f"<main>\n{_html(paper.body)}\n</main>\n</body>\n</html>\n")


def pdf(paper: Paper) -> bytes:
    """The paper as a tagged PDF (PDF/UA-1)."""
    weasyprint = _weasyprint()
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    document = weasyprint.HTML(string=paper_html(paper), url_fetcher=fetcher)
    data: bytes = document.write_pdf(pdf_variant="pdf/ua-1")
    return data


def _weasyprint() -> Any:
    try:
        import weasyprint
    except ImportError as err:  # pip's weasyprint missing, or Pango (a C library) not found
        raise PlanPortalError(f"a PDF needs WeasyPrint and Pango ({err}): run  make pdf  (or pip install "
                              f"weasyprint; apt-get install {PANGO})") from None
    except OSError as err:
        raise PlanPortalError(f"a PDF needs Pango, which WeasyPrint could not load ({err}): run  make pdf  "
                              f"(or apt-get install {PANGO})") from None
    return weasyprint
