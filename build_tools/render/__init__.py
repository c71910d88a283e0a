"""Stage 5: the MkDocs hook that runs the generator inside mkdocs build / serve."""
