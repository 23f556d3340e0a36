"""The main text and metadata of an HTML page, through trafilatura, as :class:`Block` objects.

trafilatura returns its main-text tree (``head``, ``p``, ``list/item``, ``quote``, ``table``);
walking that tree keeps headings and list items as blocks of their own kind. Headings and
list items are written with their Markdown markers, so the text reads the same way a
Markdown input would and the analyzer treats both alike.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from retold.errors import InputError
from retold.ingest.blocks import Block
from retold.normalize import fold_key

_HTML_SIGNS = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]"
    r"|<(?:p|div|article|section|span|meta|title|br|h[1-6]|a\s+href)[\s>/]",
    re.IGNORECASE,
)


MAX_DEPTH = 255  # libxml2 stops parsing a tree deeper than this: the text below is lost
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def too_deep(html: str) -> bool:
    """Whether the tags of ``html`` nest deeper than the parser reads (counting open and close tags)."""
    depth = 0
    for m in _TAG.finditer(html):
        if m.group(1):
            depth = max(0, depth - 1)
        elif not m.group(3) and m.group(2).lower() not in _VOID:
            depth += 1
            if depth > MAX_DEPTH:
                return True
    return False


def _refuse_too_deep(html: str, url: str | None) -> None:
    """A page with no text found because its tags nest too deeply gets that said, not "an index page"."""
    if too_deep(html):
        raise InputError(
            f"{url or 'The page'} is nested too deeply to read (more than {MAX_DEPTH} levels of tags): "
            "save the article's text from a browser and pass that"
        )


@dataclass(frozen=True, slots=True)
class Extracted:
    """What trafilatura found on a page; ``linked[i]`` is True when block ``i`` is mostly link text."""

    blocks: tuple[Block, ...]
    linked: tuple[bool, ...] = ()
    title: str | None = None
    byline: str | None = None
    published: dt.date | None = None
    site: str | None = None
    url: str | None = None
    types: frozenset[str] = frozenset()  # what the page says it is: og:type and schema.org @type values, lower case
    generator: str | None = None  # <meta name="generator">: "MediaWiki 1.26.2", "WordPress 6.3"


# A drop cap set in an element of its own before the paragraph it opens: <span class="cap">T</span><p>urkey, …
_DROP_CAP = re.compile(
    r"<(span|div)\b[^>]*>\s*([A-Z])\s*</\1>\s*(<p\b[^>]*>\s*(?:<(?:a|span|strong|b|em|i)\b[^>]*>\s*)*)(?=[a-z])"
)


def rejoin_drop_caps(html: str) -> str:
    """``html`` with each drop cap moved into the paragraph it opens, so "urkey" reads "Turkey" again."""
    return _DROP_CAP.sub(lambda m: m.group(3) + m.group(2), html)


def looks_like_html(text: str) -> bool:
    """True when the text is markup: a doctype or ``<html>`` at the top, or several HTML tags."""
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:5000].lower():
        return True
    return len(_HTML_SIGNS.findall(text[:100_000])) >= 3


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """Main text blocks and metadata of a page; ``url`` is the base (the fetched URL for a download)."""
    import trafilatura  # imported here: it is slow to load and only HTML input needs it
    from trafilatura.settings import Document

    # Bytes-level encoding is settled by the reader; an XML declaration left in a str upsets lxml.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    html = rejoin_drop_caps(html)
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_links=True,
            include_formatting=True,
            include_tables=True,
            # Only dates the page states about itself: a date guessed from the text would mislead analysis.
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except (ValueError, TypeError) as exc:
        where = url or "the input"
        raise InputError(f"Cannot parse the HTML of {where} ({exc}): save the page again or pass its text") from exc
    if isinstance(document, dict):  # only with as_dict=True, which is not asked for: read it as the Document it holds
        document = Document.from_dict(document)
    if document is None or document.body is None:
        _refuse_too_deep(html, url)
        return Extracted(blocks=())
    walked = _walk(document.body)
    if not walked:
        _refuse_too_deep(html, url)
    site = clean_site(_clean(document.sitename))
    page_url = _page_url(document.url, url)
    title = clean_title(_clean(document.title), site, page_url)
    if title is None and walked and walked[0][0].text.startswith("# "):
        title = _unmark(walked[0][0].text)  # a page without title metadata: its leading <h1> names it
    for index, (block, _) in enumerate(walked[:3]):
        if title and block.kind == "heading" and fold_key(_unmark(block.text)) == fold_key(title):
            del walked[index]  # the page's own headline is the title, not body text
            break
    anchors, types, generator = _page_signals(html)
    if document.pagetype:
        types = types | {document.pagetype.lower()}
    return Extracted(
        blocks=tuple(block for block, _ in walked),
        # trafilatura drops some links from its tree, so a block is also linked when the page has it as a link text.
        linked=tuple(share >= 0.8 or fold_key(_unmark(block.text)) in anchors for block, share in walked),
        title=title,
        byline=clean_byline(_clean(document.author), site),
        published=_date(document.date),
        site=site,
        url=page_url,
        types=frozenset(types),
        generator=generator,
    )


HEADLINE_LINK_WORDS = 25


def leading_links(page: Extracted) -> tuple[list[Block], list[Block]]:
    """Another story's linked headline printed above the article, and the blocks that follow.

    A block before the first one that is not a link, which is itself a link, reads as a headline (no
    closing full stop, at most 25 words) and is not the page's own title, is a link to another story.
    """
    linked = page.linked or (False,) * len(page.blocks)
    own = fold_key(page.title) if page.title else None
    taken: list[Block] = []
    for block, link in zip(page.blocks, linked):
        if not link:
            break
        text = _unmark(block.text)
        if own is not None and fold_key(text) == own:
            continue
        if (
            block.kind in ("text", "heading")
            and len(text.split()) <= HEADLINE_LINK_WORDS
            and not text.rstrip().endswith(".")
        ):
            taken.append(block)
    return taken, [b for b in page.blocks if not any(b is t for t in taken)]


# " | The Japan Times", " - WSVN 7News": a separator between the headline and the site's name.
_TITLE_SEP = re.compile(r"\s+[|\-\u2013\u2014\u00b7\u2022:]\s+|\s*\|\s*")
# "VIDEO: Voting on NYCHA's Future": a media label, not part of the headline.
_TITLE_LABEL = re.compile(
    r"^(?:video|watch|photos?|gallery|audio|listen|live|breaking|exclusive|update[d]?)\s*[:|\-\u2013]\s+", re.I
)
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_NOT_A_NAME = frozenset("no author by article admin administrator unknown anonymous staff writer posted story".split())


def _squash(text: str) -> str:
    """A comparison key without spaces or punctuation: "NOW Grenada" and "nowgrenada" are the same."""
    return re.sub(r"[\W_]+", "", fold_key(text))


def clean_site(site: str | None) -> str | None:
    """The site's name without its tagline: "WSVN 7News | Miami News, Weather, Sports" → "WSVN 7News"."""
    if not site:
        return None
    head = re.split(r"\s+[|\u2013\u2014-]\s+|\s*\|\s*", site)[0].strip()
    return head or site


def clean_title(title: str | None, site: str | None, url: str | None) -> str | None:
    """The headline without the site's name after it ("… | The Japan Times") or a media label before it."""
    if not title:
        return None
    title = _TITLE_LABEL.sub("", title).strip() or title
    names = {_squash(site)} if site else set()
    host = (urlsplit(url).hostname or "") if url else ""
    names |= {_squash(part) for part in host.split(".") if len(part) > 3 and part not in ("www", "news")}
    names.discard("")
    for match in _TITLE_SEP.finditer(title):
        head, rest = title[: match.start()].strip(), _squash(title[match.end() :])
        if len(head.split()) < 3 or not rest:
            continue
        if any(rest.startswith(name) or name.startswith(rest) for name in names):
            return head
    return title


def clean_byline(byline: str | None, site: str | None) -> str | None:
    """Names of the authors only: no "No Author", no site name, no date run into it ("CBS News February")."""
    if not byline:
        return None
    site_key = _squash(site) if site else ""
    names: list[str] = []
    for part in re.split(r"\s*[;|]\s*", byline):
        words = part.split()
        if words and words[0].lower() == "by":
            words = words[1:]
        while words and (words[-1].lower().strip(".,") in _MONTHS or re.fullmatch(r"[\d,./-]+", words[-1])):
            words = words[:-1]
        if site_key:
            for cut in range(1, len(words)):
                if _squash(" ".join(words[cut:])).startswith(site_key):  # "Adam Aaronson PhillyVoice Staff"
                    words = words[:cut]
                    break
        part = " ".join(words)
        if not part or all(w.lower().strip(".,:") in _NOT_A_NAME for w in words):
            continue
        if site_key and _squash(part) == site_key:
            continue  # the site credited as its own author
        if part not in names:
            names.append(part)
    return "; ".join(names) or None


_LD_TYPE = re.compile(r'"@type"\s*:\s*(?:"([^"]+)"|\[([^\]]*)\])')


def _page_signals(html: str) -> tuple[set[str], set[str], str | None]:
    """Comparison keys of every link text of two words or more; the page's declared types; its generator."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return set(), set(), None  # trafilatura parsed the page already; the gate still has its other tests
    keys = {fold_key(anchor.text_content()) for anchor in tree.iter("a")}
    types = {t.lower() for t in tree.xpath('//meta[@property="og:type"]/@content')}
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        for one, many in _LD_TYPE.findall(script.text_content() or ""):
            types.update(t.strip().strip('"').lower() for t in ([one] if one else many.split(",")) if t.strip())
    generator = next((g.strip() for g in tree.xpath('//meta[@name="generator"]/@content') if g.strip()), None)
    return {key for key in keys if len(key.split()) >= 2}, types, generator


def _walk(elements) -> list[tuple[Block, float]]:
    """Blocks of trafilatura's body tree, each with the share of its text that is link text."""
    out: list[tuple[Block, float]] = []
    for child in elements:
        tag = child.tag
        if tag == "head":
            rend = child.get("rend", "")
            level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
            out += _lines(child, "#" * level + " ", "heading")
        elif tag == "list":
            ordered = child.get("rend") == "ol"
            for number, item in enumerate(child.findall("item"), start=1):
                out += _lines(item, f"{number}. " if ordered else "- ", "list", skip="list")
                out += _walk(item.findall("list"))
        elif tag == "quote":
            if len(child) and all(c.tag in ("p", "list", "head") for c in child):
                out += [(Block("> " + b.text, "quote"), share) for b, share in _walk(child)]
            else:
                out += _lines(child, "> ", "quote")
        elif tag == "table":
            for row in child.iter("row"):
                cells = [_text(cell) for cell in row if _text(cell)]
                if cells:
                    out.append((Block(" | ".join(cells)), 0.0))
        elif tag not in ("graphic", "lb"):
            out += _lines(child, "", "text")
    return out


def _lines(element, marker: str, kind: str, skip: str | None = None) -> list[tuple[Block, float]]:
    """One block per line of an element's text (``<lb/>`` breaks lines); ``skip`` names a child tag to leave out."""
    pieces: list[str] = []
    link_chars = [0]

    def collect(node, top: bool) -> None:
        if not top and node.tag == skip:
            return
        if node.tag == "lb":
            pieces.append("\n")
        if node.tag == "ref":
            link_chars[0] += len(re.sub(r"\s", "", "".join(node.itertext())))
        pieces.append(node.text or "")
        for sub in node:
            collect(sub, False)
            pieces.append(sub.tail or "")

    collect(element, True)
    whole = "".join(pieces)
    share = min(1.0, link_chars[0] / (len(re.sub(r"\s", "", whole)) or 1))
    out = []
    for line in whole.split("\n"):
        line = " ".join(line.split())
        if line:
            out.append((Block(marker + line, kind), share))  # type: ignore[arg-type]
    return out


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _unmark(text: str) -> str:
    return re.sub(r"^#{1,6}\s+", "", text)


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None  # htmldate gave a partial or odd date: leave published unset rather than guess


def _page_url(declared: str | None, base: str | None) -> str | None:
    """The page's canonical URL when it is on the same site as the base, else the base."""
    if declared:
        declared = urljoin(base, declared) if base else declared
        parts = urlsplit(declared)
        if parts.scheme in ("http", "https") and (base is None or parts.hostname == urlsplit(base).hostname):
            return declared
    return base
