"""Stage 6, output: build/ written, site/ rendered by MkDocs (with its caption extension), zips and bundles."""
