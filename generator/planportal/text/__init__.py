"""Words every stage uses: the catalogue of labels, text in a language, text made safe for Markdown."""
