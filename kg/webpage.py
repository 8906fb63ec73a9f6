"""An HTML page read as an article: trafilatura's main text and metadata, checked against the
page's own lines.

trafilatura finds the article's text and its title well, but its date is whatever date the
page shows most plainly, which on portals is often the site's clock in the top bar, and on a
page with no article (a home page, a section index) it returns the teasers under a title such
as "Trang chủ". So the page is also read line by line, as a text page is read
(`kg.clean.clean_lines`): the stamp printed by the headline is the publication date, explicit
publication metadata (``article:published_time``, ``datePublished``) comes next, and a page
whose headline is navigation is refused.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from kg.clean import clean_lines, is_listing, is_navigation, is_site_name, person_names
from kg.errors import InputError
from kg.text import normalize_text, parse_published

# Elements that start a new line of the page's text.
_BLOCKS = frozenset(
    "address article aside blockquote br dd details div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section summary table td th tr ul".split()
)
_PUBLISHED_META = (
    "//meta[@property='article:published_time' or @name='article:published_time' or @itemprop='datePublished'"
    " or @name='pubdate' or @name='publishdate' or @name='publish-date' or @property='og:published_time'"
    " or translate(@name, 'DCIS', 'dcis')='dc.date.issued']/@content"
    " | //*[@itemprop='datePublished']/@datetime"
)


@dataclass
class WebPage:
    """What an HTML page gives the reader: the article's text (still to be cleaned) and metadata."""

    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)


def page_lines(tree) -> list[str]:
    """The page's visible text, one line per block (paragraph, heading, list item, table cell)."""
    for el in tree.xpath("//script | //style | //noscript | //template | //svg | //head"):
        el.drop_tree()
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    text = normalize_text(tree.text_content())
    return [re.sub(r"\s+", " ", line).strip() for line in text.split("\n")]


def _published_meta(tree) -> str | None:
    """Publication time stated as metadata: meta tags, microdata, JSON-LD."""
    for value in tree.xpath(_PUBLISHED_META):
        if iso := parse_published(str(value)):
            return iso
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            value = item.get("datePublished") if isinstance(item, dict) else None
            if isinstance(value, str) and (iso := parse_published(value)):
                return iso
    return None


def _captions_as_paragraphs(tree) -> str:
    """The page's HTML with each photo caption as a paragraph of the text. trafilatura drops
    ``<figure>`` and ``<figcaption>`` whole, but in this genre a caption is often the one place
    a post is written out ("Ông Phí Văn Dương, Chủ tịch Liên minh HTX tỉnh, trao ...");
    the credits in them are removed later, as in text pages."""
    import copy

    import lxml.html

    tree = copy.deepcopy(tree)
    for element in tree.iter("figure", "figcaption"):
        element.tag = "div" if element.tag == "figure" else "p"
    return lxml.html.tostring(tree, encoding="unicode")


def _key(line: str) -> str:
    return " ".join(line.split()).casefold()


def _with_lead(text: str, page_text: str) -> str:
    """trafilatura's text with the lead put back where trafilatura left it out: portals often set
    the lead (the "sapo", which holds the event's date) in its own block beside the body's, and
    trafilatura takes the body only. The lead is what the page's own reading has under the
    headline before the first line trafilatura kept."""
    page_lines = [line for line in page_text.splitlines() if line.strip()]
    keys = [_key(line) for line in page_lines]
    kept = {_key(line) for line in text.splitlines() if line.strip()}
    first = next((i for i, k in enumerate(keys) if k in kept), None)
    if not first:
        return text
    lead = [
        line
        for line, k in zip(page_lines[:first], keys[:first], strict=True)
        if k not in kept and len(line) >= 60
    ]
    return "\n".join([*lead, text]) if lead else text


def read_webpage(html: str, source: str) -> WebPage:
    """The article of an HTML page, or `InputError` where the page holds none."""
    import lxml.html  # imported here with trafilatura: only HTML needs them
    import trafilatura

    try:
        tree = lxml.html.fromstring(html)
    except ValueError:  # a string with an XML encoding declaration
        tree = lxml.html.fromstring(html.encode("utf-8"))
    # trafilatura's own date is not used (see above); no "extensive" search for it, which would
    # also read a year from the copyright line of the footer
    doc = trafilatura.bare_extraction(
        _captions_as_paragraphs(tree),
        with_metadata=True,
        include_comments=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or not (doc.text or "").strip():
        raise InputError(source, "no article text after removing page furniture (none in the HTML page)")
    published = _published_meta(tree)
    lines = page_lines(tree)
    title = normalize_text(doc.title).strip() if doc.title else None
    if title and is_navigation(title, lines):  # the site itself calls the page "Trang chủ"
        raise InputError(source, f"no article text after removing page furniture (the title is {title!r})")
    if title and not is_site_name(title):
        keys = {re.sub(r"\W+", " ", x.casefold()).strip() for x in lines}
        found = re.sub(r"\W+", " ", title.casefold()).strip() in keys
        page = clean_lines(lines, title=title if found else None)
    else:  # no title but the site's name: the headline is read from the page, as a text page's is
        page = clean_lines(lines)
        if not page.title or is_navigation(page.title, lines) or is_listing(lines):
            raise InputError(
                source, f"no article text after removing page furniture (no headline, the title is {title!r})"
            )
        title = page.title
    text = _with_lead(doc.text, page.text)
    authors = person_names([a for a in re.split(r"[;,]", doc.author or "") if a.strip()])
    return WebPage(
        text=text,
        title=title,
        published=page.published or published,
        url=doc.url,
        authors=list(dict.fromkeys(authors + page.authors)),
    )
