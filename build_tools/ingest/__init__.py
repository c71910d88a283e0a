"""Bringing new sources in: ``briefing add PATH|URL`` and ``briefing new "Title"``.

- :mod:`build_tools.ingest.fetch` downloads one web page (http/https only, with a timeout and a size cap).
- :mod:`build_tools.ingest.normalise` turns an extracted article into a normalised source file
  (``content/sources/<id>.md``) that reads back exactly as extracted.
- :mod:`build_tools.ingest.add` decides what to do with a path or URL and never overwrites anything.
- :mod:`build_tools.ingest.scaffold` writes the skeleton of a new briefing.
"""
