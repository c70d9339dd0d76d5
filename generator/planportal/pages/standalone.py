"""Documents that leave the site: a quarter's progress report as one Markdown or HTML file
for a committee agenda, readable with no site around it (links become plain text)."""

from __future__ import annotations

import html

import markdown

from planportal.pages.context import Site
from planportal.pages.progress import quarter_words, report_page
from planportal.portal.joined import Portal
from planportal.text.language import pick
from planportal.text.markdown import demote, unlink

STYLE = """
body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #1b1b1b; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #757575; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
tr { break-inside: avoid; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; }
"""


def report_markdown(portal: Portal, fy: int, q: int, plan_id: str | None = None) -> str:
    """The quarter's report for one plan or all plans, as Markdown without links."""
    site = Site(portal)
    parts = [report_page(site, entry, fy, q, standalone=True) for entry in portal.plans
             if plan_id is None or entry.id == plan_id]
    body = "\n\n".join(demote(part) if len(parts) > 1 else part for part in parts)
    if len(parts) > 1:
        title = pick(portal.settings.title, portal.settings.languages[0], portal.settings.languages[0])
        heading = site._("%(title)s: progress report, %(quarter)s") % {"title": title,
                                                                          "quarter": quarter_words(site, fy, q)}
        body = f"# {heading}\n\n" + body
    return unlink(body)


def standalone_report(portal: Portal, fy: int, q: int, fmt: str, plan_id: str | None = None) -> str:
    """The report as a standalone Markdown or HTML document."""
    text = report_markdown(portal, fy, q, plan_id)
    if fmt == "md":
        return text
    body = markdown.markdown(text, extensions=["tables", "abbr", "attr_list"], output_format="html")
    lang = portal.settings.languages[0]
    title = html.escape(text.splitlines()[0].lstrip("# "))
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
            f"<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n")
