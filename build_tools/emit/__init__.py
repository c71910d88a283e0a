"""Stage 4: Markdown pages emitted from the index. Emitters read the index, never files."""
