"""Stage 3: cross-references built from the model (citations, mentions, related, events, figures)."""
