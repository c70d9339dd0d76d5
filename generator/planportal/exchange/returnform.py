"""A quarterly return as a form to fill in a browser, for a lead who never opens a spreadsheet.

`planportal returns --format html` writes one page per lead (2005-q4-sf.html) and, beside them,
the script and style sheet they share (return-form.js, return-form.css). The page holds the same
rows as the workbook: what the portal says of each open action as plain text (so it cannot be
changed), and fields for the new status, progress note, date, new deadline and reason. It works
from a folder with no network, under the site's Content-Security-Policy (no inline script or style,
nothing from another host). Saving writes the return as the CSV `return_csv` writes, filled in and
named 2005-q4-sf.csv, which `planportal collect` reads; what the lead types is also kept in the
browser until then, so that closing the page loses nothing.
"""

from __future__ import annotations

from importlib import resources

import jinja2

from planportal.exchange.instructions import day_words
from planportal.exchange.returns import COLUMNS, FORMAT, HEADINGS, HELP, KEYS, STATUS_WORDS, Return, about

ASSETS = ("return-form.js", "return-form.css")
"""The files every form loads, written once beside them."""
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; worker-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'")
"""The site's Content-Security-Policy (theme/main.html), as the form's page gives it."""


def _environment() -> jinja2.Environment:
    """HTML templates: every value escaped (text from the plans is never markup)."""
    return jinja2.Environment(loader=jinja2.PackageLoader("planportal.exchange", "templates"),
                              autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def return_html(ret: Return) -> bytes:
    """The return as a form page. Every cell of the CSV it saves is in the page (the grey ones as
    data attributes), so the script needs nothing but the page.

    >>> from planportal.exchange.returns import ActionRow
    >>> import datetime as dt
    >>> cells = dict.fromkeys(KEYS, "") | {"address": "p/1/1", "action": "Audit <files>"}
    >>> row = ActionRow(cells, dt.date(2006, 1, 1), dt.date(2006, 3, 25))
    >>> page = return_html(Return("SF", "Sue Fiennes", "2005-Q4", "Herefordshire", [row])).decode()
    >>> "Audit &lt;files&gt;" in page and 'min="2006-01-01" max="2006-03-25"' in page
    True
    """
    template = _environment().get_template("return-form.html.j2")
    fill = [c for c in COLUMNS if c.fill]
    return template.render(
        ret=ret, about=about(ret), format=FORMAT, csp=CSP, keys=KEYS, headings=[c.heading for c in COLUMNS],
        fill=fill, help=HELP, label=HEADINGS, statuses=STATUS_WORDS, day_words=day_words,
        file_name=ret.file_name("csv"), assets=ASSETS).encode("utf-8")


def asset(name: str) -> bytes:
    """One of the files the forms share (ASSETS), as written beside them."""
    return resources.files("planportal.exchange").joinpath("assets", name).read_bytes()
