"""Reading files into an ``Article``: decoding, title, headings, paragraphs, boilerplate, metadata.

This band needs no spaCy: it turns bytes, text, HTML, JSON or a URL into the
``Article`` record every later stage reads.
"""

from .article import *  # noqa: F403
