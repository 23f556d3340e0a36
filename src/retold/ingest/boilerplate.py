"""Material around an article that is not the article: related-news lists, calls to action, share prompts.

Every rule judges whole blocks, never parts of one, and every block it takes out is listed with
its reason, so nothing leaves the text silently. The rules are deliberately narrow: a long
block or one that reads like a sentence of reporting is kept even when it mentions a newsletter.
"""

from __future__ import annotations

import re

from retold.ingest.blocks import Block
from retold.normalize import fold
from retold.types import RemovedBlock

# A lead-in that announces a list of other stories, with or without a trailing colon.
_STRONG_LEAD = (
    r"(?:read|see) (?:more|also|next)|also (?:read|see)|related|more (?:news|stories|headlines)"
    r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|recommended(?: for you| stories| reading)?"
    r"|(?:most|top) (?:read|popular|viewed|stories|shared)|further reading|what to read next|don'?t miss"
    r"|editor'?s picks?|(?:top )?picks for you"
)
# Lead-ins that are also ordinary words; they count only with a colon ("More from Kyiv:").
_WEAK_LEAD = r"more (?:from|on|about) [\w\s'.-]{1,40}|latest(?: news)?|trending(?: now)?|in other news|watch|listen"
# Only these words may follow a lead-in ("Read more related news"): "Related talks collapse" is a headline.
_LEAD_TAIL = (
    r"(?:\s+(?:related|latest|top|more|other|recent|similar|news|stories|articles|coverage|content|reading"
    r"|headlines|links|videos|from|on|about|this|that|the|our|us|topic|story|here|below|site|you|for)){0,5}"
)

_LEAD_ALONE = re.compile(
    rf"^(?:(?:{_STRONG_LEAD}){_LEAD_TAIL}\s*[:\-\u2013\u2014]?|(?:{_WEAK_LEAD})\s*:)$", re.IGNORECASE
)
# "Read more: Some other headline" on one line.
_LEAD_INLINE = re.compile(rf"^(?:(?:{_STRONG_LEAD}){_LEAD_TAIL}|{_WEAK_LEAD})\s*[:|]\s+(?P<rest>.+)$", re.I)

# How a wire-service credit line opens: "Reporting by …", "(Additional reporting by …", "Editing: …".
CREDIT_LEAD = r"^\(?(?:additional )?(?:reporting|writing|editing|compiled|produced|research|graphics?)(?: by|:)\s"

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "paywall",
        re.compile(
            r"\b(?:subscribe|sign (?:up|in)|log ?in|register)(?: now| for free| today)?"
            r" to (?:continue|keep reading|read|unlock)"
            r"|\bto (?:continue|keep) reading\b|\bcontinue reading (?:with|by|for)\b"
            r"|\balready an? (?:subscriber|member)\b"
            r"|\b(?:article|story|content) is (?:only )?(?:available )?(?:for|to) (?:paid )?(?:subscribers|members)\b"
            r"|\bsubscribers? only\b|\byou have reached your (?:free )?(?:article|story) limit\b"
            r"|\bfree (?:articles?|stories) (?:left|remaining)\b|\bunlock (?:this|full|unlimited) (?:article|access)\b",
            re.I,
        ),
    ),
    (
        "call-to-action",
        re.compile(
            r"^(?:sign up|subscribe)\b.*"
            r"\b(?:newsletters?|updates|inbox|e-?mails?|alerts|briefings?|digest|free|today|now|here)\b"
            r"|^(?:join|register)\b.*\b(?:newsletters?|inbox|e-?mails?|alerts|mailing list)\b"
            r"|\b(?:sign up|subscribe)\s+(?:to|for)\s+(?:our|the)\b.{0,60}"
            r"\b(?:newsletters?|e-?mails?|briefings?|digest|alerts|updates)\b"
            r"|\bnewsletters?\b.{0,80}\b(?:inbox|sign up|subscribe)\b"
            r"|\bdelivered (?:straight |directly )?to your inbox\b"
            r"|^(?:get|want|receive) (?:the|our|more)\b.{0,60}\b(?:newsletters?|inbox)\b|^click here\b"
            r"|\benter your e-?mail\b|^(?:download|get) (?:our|the) (?:free )?app\b"
            r"|^(?:please )?(?:support|become a (?:member|supporter|subscriber))\b.{0,60}\bjournalism\b"
            r"|\bdownload (?:the|our) [\w ]{0,30}\bapps?\b.{0,30}$",
            re.I,
        ),
    ),
    (
        "share-prompt",
        re.compile(
            r"^share (?:this|the) (?:article|story|post|page|video)\b|^share (?:on|via|with)\b"
            r"|^(?:follow|like|find|join) us on\b"
            r"|^click to (?:share|tweet|e-?mail|print)\b|^(?:tweet|e-?mail|print) this (?:article|story)\b",
            re.I,
        ),
    ),
    (
        "advertisement",
        re.compile(
            r"^(?:advertisement|advertising|sponsored(?: content)?|ad"
            r"|(?:story|article) continues below(?: (?:this )?advertisement)?|continue reading below"
            r"|scroll to continue(?: with content)?|advertisement\W+(?:scroll|continue|story)[\w\s]*)\W*$"
            # a card or loyalty offer box: "Earn 80,000 bonus points after you spend $4,000 …", "2X points on travel"
            r"|^(?:earn|get|enjoy|receive)\s+(?:up to\s+)?[\d,$%x.]+\s*(?:bonus\s+)?(?:points|miles|cash ?back|more value)\b"
            r"|^\d+x (?:points|miles)\b",
            re.I,
        ),
    ),
    (
        "copyright",
        re.compile(r"^(?:\u00a9|copyright\s*(?:\u00a9|\(c\))?\s*\d{4}|\(c\)\s*\d{4})|\ball rights reserved\b", re.I),
    ),
    (
        "media-prompt",
        re.compile(
            r"^scroll down for (?:the )?(?:video|more|pictures)\W*$"
            r"|\bclick (?:here|below|the (?:link|button)) to (?:watch|listen|see|view)\b"
            r"|^(?:watch|listen)(?: live| now| the (?:full )?(?:video|interview|report))?\s*[:|\-\u2013]?$"
            r"|show all \d+\W*$|\bin pictures(?:show| \W|\W*$)|^(?:view|see|open) (?:the )?(?:gallery|slideshow|all \d+)\b"
            r"|^\d+\s+(?:photos|pictures|images|videos)\W*$|^(?:video|gallery|photos|audio|slideshow)\W*$"
            r"|\bif you'?re (?:on|using) the\b.{0,40}\bapp\b",
            re.I,
        ),
    ),
    (
        # Picture captions and credits: "Photo: Jane Doe", "Featured image by …", "(Getty Images)".
        "caption",
        re.compile(
            r"^(?:\(?(?:photo|image|picture|featured image|file photo|photograph|credit|video|illustration)"
            r"s?(?: credit)?\s*(?::|by\b|\u2013|\u2014|-|\|)"
            r"|\((?:photo|image|picture)s?\b[^)]*\)\s*$)"
            r"|^[^.!?]{0,120}\((?:getty images|ap photo|reuters|afp|epa|pa|shutterstock|alamy)[^)]*\)\W*$"
            r"|^(?:getty images|shutterstock|alamy|ap photo|pa (?:media|wire))\W*$"
            r"|^[^.!?]{0,80}\b(?:photo|image|picture)s? (?:by|courtesy of|credit:?)\s+(?-i:[A-Z])[\w.\-]*"
            r"(?:\s+(?-i:[A-Z])[\w.\-]*){0,3}(?:\s*/\s*[\w .]{1,40})?\W*$"
            # a caption of whole sentences that ends on its credit: "… on Monday. (AP Photo/Evan Vucci)"
            r"|[(\[]\s*(?:(?:ap|afp|reuters|epa|file|staff|contributed|submitted) )?(?:photo|image|picture|photograph"
            r"|credit|courtesy|getty images|illustration)s?\b[^)\]]{0,80}[)\]]\W*$"
            r"|(?:\||\u2014|\u2013)\s*(?:photo|image|picture|credit)s?(?: by)?\s*:?\s+[^|.]{1,60}$",
            re.I,
        ),
    ),
    (
        # A reference to where something was read: "Retrieved May 2, 2021, from https://…", "Source: https://…".
        "citation",
        re.compile(
            r"\bretrieved\b.{0,80}?\bfrom:?\s*<?(?:https?://|www\.)"
            r"|^(?:retrieved|accessed|archived)(?: on)?\b.{0,60}(?:https?://|www\.|\b\d{4}\b)"
            r"|^(?:sources?|references?|citations?|via)\s*:\s*<?(?:https?://|www\.)"
            r"|^\[?\d{1,3}[\].)]?\s+[^\n]{0,160}\(\d{4}[a-z]?\)[^\n]{0,200}(?:https?://|doi:)\S+\W*$"
            r"|^(?-i:[A-Z])[^\n]{0,160}\((?:\d{4}[a-z]?|n\.d\.)(?:,\s*\w+\.?(?:\s+\d{1,2})?)?\)\.\s[^\n]{0,200}"
            r"(?:https?://|doi:)\S+\W*$",
            re.I,
        ),
    ),
    (
        # Wire-service and publisher notes: who edited the story, its standards, its affiliate links.
        "credits",
        re.compile(
            rf"{CREDIT_LEAD}(?:[^.]{{0,160}})$"
            r"|^our standards\b|\btrust principles\b"
            r"|^this (?:post|article|story|page) (?:contains|may contain|includes) (?:references|affiliate|links|sponsored)"
            r"|\bwe may (?:receive|earn) (?:a )?(?:compensation|commission)\b"
            r"|^(?:correction|clarification|editor'?s note)\s*:.{0,80}(?:an earlier version|this (?:story|article))",
            re.I,
        ),
    ),
    (
        "newsletter-prompt",
        re.compile(
            r"\bnever miss\b.{0,60}\b(?:signing up|sign up|subscrib\w*|newsletter)\b"
            r"|\byou can unsubscribe\b|\bunsubscribe (?:at any time|anytime)\b"
            r"|\bwill not be shared with any (?:other )?(?:third )?part(?:y|ies)\b"
            r"|^(?:to view|to read) the full (?:story|article),? (?:please )?(?:subscribe|sign in|log in)\b"
            r"|\b(?:first-time |new )subscribers (?:also )?(?:get|receive)\b",
            re.I,
        ),
    ),
)

_SHARE_WORDS = frozenset(
    "share facebook twitter x linkedin whatsapp email e-mail print reddit pinterest telegram copy link "
    "messenger tweet flipboard bluesky threads mastodon sms comments comment".split()
)
_MAX_WORDS = 40  # a rule never removes a block longer than this: real paragraphs are kept
_MAX_HEADLINES = 12


# A page's furniture run into one block with the story: a row of share buttons, a "Related articles" tail.
_SHARE_RUN = re.compile(
    r"\bShare(?:\s+(?:Facebook|Twitter|X|WhatsApp|Email|E-mail|Telegram|Pinterest|LinkedIn|Reddit|Print|Messenger"
    r"|Copy link)){2,}\b"
)
_RELATED_TAIL = re.compile(r"\bRelated (?:Videos|articles|stories|posts|news|coverage)\b.*$", re.S)
_GLUED_WORDS = 40  # only a long block can hold furniture and story together


def unglue(blocks: list[Block]) -> tuple[list[Block], list[RemovedBlock]]:
    """Long blocks split where share buttons sit inside them, with a trailing related-stories run cut off."""
    out: list[Block] = []
    removed: list[RemovedBlock] = []
    for block in blocks:
        if len(block.text.split()) < _GLUED_WORDS or block.kind == "heading":
            out.append(block)
            continue
        text = block.text
        tail = _RELATED_TAIL.search(text)
        if tail is not None and tail.start() > 0:
            removed.append(RemovedBlock(tail.group(0).strip(), "related-links"))
            text = text[: tail.start()].rstrip()
        pieces = _SHARE_RUN.split(text)
        for run in _SHARE_RUN.findall(text):
            removed.append(RemovedBlock(run, "share-prompt"))
        out.extend(Block(piece.strip(), block.kind) for piece in pieces if piece.strip())
    return out, removed


def strip_boilerplate(blocks: list[Block]) -> tuple[list[Block], list[RemovedBlock]]:
    """The blocks that belong to the article, and the ones taken out with their reasons."""
    blocks, removed = unglue(blocks)
    kept: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if is_lead_in(block.text):
            removed.append(RemovedBlock(block.text, "related-links"))
            index += 1
            # The short headline lines under the lead-in go with it; the first sentence of reporting stops it.
            taken = 0
            while index < len(blocks) and taken < _MAX_HEADLINES and listed_headline(blocks[index]):
                removed.append(RemovedBlock(blocks[index].text, "related-links"))
                index += 1
                taken += 1
            continue
        reason = boilerplate_reason(block.text)
        if reason:
            removed.append(RemovedBlock(block.text, reason))
        else:
            kept.append(block)
        index += 1
    return kept, removed


# A publisher's disclosure runs longer than other boilerplate but says so in its first words.
_DISCLOSURE = re.compile(
    r"^this (?:post|article|story|page) (?:contains|may contain|includes) (?:references|affiliate|links|sponsored)"
    r"|^(?:we|this site) may (?:receive|earn) (?:a )?(?:compensation|commission)\b",
    re.I,
)
_DISCLOSURE_WORDS = 80


def boilerplate_reason(line: str) -> str | None:
    """Why one line is boilerplate ("call-to-action", "share-prompt", ...), or None when it is not."""
    if len(line.split()) <= _DISCLOSURE_WORDS and _DISCLOSURE.search(_bare(line)):
        return "disclosure"
    if len(line.split()) > _MAX_WORDS + 2:  # cheap early exit: most paragraphs are long
        return None
    text = _bare(line)
    words = text.split()
    if not words or len(words) > _MAX_WORDS:
        return None
    if is_lead_in(line):
        return "related-links"
    inline = _LEAD_INLINE.match(text)
    if inline and is_headline(Block(inline.group("rest"))):
        return "related-links"
    for reason, pattern in _RULES:
        if pattern.search(text):
            return reason
    tokens = [w.strip(":|\u00b7\u2022-").lower() for w in words]
    if all(t in _SHARE_WORDS or not t for t in tokens) and ("share" in tokens or len(tokens) >= 3):
        return "share-prompt"
    return None


def is_lead_in(line: str) -> bool:
    """A short line that announces other stories: "Read more related news:", "Related coverage"."""
    if len(line.split()) > 10:
        return False
    text = _bare(line)
    return len(text.split()) <= 8 and _LEAD_ALONE.match(text) is not None


def listed_headline(block: Block) -> bool:
    """A headline in a related-news list; a Markdown section heading ("## What's next") ends the list."""
    return not block.text.lstrip().startswith("#") and is_headline(block)


def is_headline(block: Block) -> bool:
    """A short line that reads like a story headline rather than a sentence of the story."""
    text = _bare(block.text)
    words = text.split()
    if not 2 <= len(words) <= 25 or text[0] in "\"'":
        return False
    if block.kind == "list":
        return True
    return text[-1] not in ".!;:,\"'" and not text.endswith(("...", "\u2026"))


def _bare(text: str) -> str:
    """The line without Markdown markers or emphasis, quotes and dashes folded."""
    text = fold(text).strip()
    text = re.sub(r"^(?:#{1,6}|[-*+\u2022]|\d{1,3}[.)]|>)\s+", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [text](url) → text
    return text.strip("*_ ").strip()


# --------------------------------------------------------------------------- retold's own layout

# What retold writes after an explainer's claims (``retold.render``): a rule, the source credit ("Source: title,
# site, by …, date, address.") and, with citations, the "## Sources" footnotes; a links section just before it
# ("## Go deeper") holds only the source's own address.
_OWN_FOOTER = re.compile(r"\n*^---[ \t]*\n+Source: [^\n]*\n*(?:## Sources[ \t]*\n+(?:\[\^\d+\]: [^\n]*\n*)*)?\Z", re.M)
_OWN_LINKS = re.compile(r"\n*^## [^\n]+\n+(?:- \[[^\n]*\]\(<?https?://[^\n]*\)[ \t]*\n*)+\Z", re.M)


def without_own_footer(text: str) -> str:
    """``text`` without the attribution footer (and the links section before it) that retold puts under an
    explainer: metadata — a date, a host name, the source's address — never claims to check."""
    footer = _OWN_FOOTER.search(text)
    if footer is None:
        return text
    body = text[: footer.start()]
    links = _OWN_LINKS.search(body)
    return body[: links.start()] if links is not None else body
