"""Digital Pakistan Briefings: turns source articles and briefings into a cross-linked MkDocs site.

Data flows one way, one stage per sub-package:
``parse`` (files -> records) -> ``model`` (typed records) -> ``index`` (cross-references)
-> ``emit`` (Markdown pages) -> ``render`` (the MkDocs hook).
"""
