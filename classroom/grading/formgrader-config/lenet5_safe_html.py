"""The formgrader's Markdown filter: learners' Markdown as HTML, cleaned of scripts and event handlers.

The formgrader shows learners' answers on the hub's own origin, with the teacher signed in; nbgrader's
`formgrade` template renders Markdown cells without the sanitising that HTMLExporter.sanitize_html gives the
other templates, so a `<script>` in an answer would run as the teacher. nbgrader_config.py (beside this file)
puts this filter in place of HTMLExporter's `markdown2html`.
"""
import bleach
from nbconvert.filters.markdown_mistune import markdown2html_mistune

# What Markdown produces (headings, paragraphs, lists, tables, code, links, images), nothing that runs.
TAGS = {"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "b", "i", "del", "sub", "sup", "a", "img",
        "ul", "ol", "li", "blockquote", "pre", "code", "span", "div", "table", "thead", "tbody", "tr", "th", "td"}
ATTRIBUTES = {"a": ["href", "title"], "img": ["src", "alt", "title"], "*": ["class", "id"]}


def markdown2html(source):
    return bleach.clean(markdown2html_mistune(source), tags=TAGS, attributes=ATTRIBUTES)
