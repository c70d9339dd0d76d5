"""Stage 3, the pages: the page context, labels, Jinja templates and one builder per family of pages, as Markdown."""
