"""Paragraph blocks: splitting text into blocks, joining cleaned blocks, and the title and byline of text input."""

from __future__ import annotations

import re
from dataclasses import dataclass

from retold.normalize import scrub
from retold.types import Article, BlockKind, Paragraph

_LIST_MARK = re.compile(r"^\s*(?:[-*+\u2022]|\d{1,3}[.)])\s+")
_HEADING_MARK = re.compile(r"^\s*#{1,6}\s+")


def block_kind(line: str) -> BlockKind:
    """Heading, list item or running text, judged from one line of text."""
    stripped = line.strip()
    if _HEADING_MARK.match(stripped):
        return "heading"
    if _LIST_MARK.match(stripped):
        return "list"
    if stripped.startswith(">"):
        return "quote"
    words = stripped.split()
    # A short line with no closing punctuation stands alone as a heading ("Timeline", "Why it matters").
    if 0 < len(words) <= 12 and stripped[-1] not in ".!?:;,\"'\u201d\u2019)" and not stripped.endswith("..."):
        return "heading"
    return "text"


def split_blocks(text: str) -> tuple[Paragraph, ...]:
    """One :class:`Paragraph` per non-empty line; offsets into ``text``, edges stripped of spaces."""
    blocks: list[Paragraph] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        lead = len(line) - len(line.lstrip())
        trail = len(line.rstrip())
        if trail == 0 or not line.strip():
            continue
        blocks.append(Paragraph(start + lead, start + trail, block_kind(line)))
    return tuple(blocks)


def article_from_text(text: str, **meta: object) -> Article:
    """An :class:`Article` over ``text`` as given: no cleaning, no boilerplate removal (lone surrogates, which
    nothing can encode, become U+FFFD; offsets hold)."""
    text = scrub(text)
    return Article(text=text, paragraphs=split_blocks(text), **meta)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- cleaning helpers


@dataclass(frozen=True, slots=True)
class Block:
    """One block of an article before assembly: its text (edges stripped) and its kind."""

    text: str
    kind: BlockKind = "text"


_SENTENCE_END = ".!?:;,\"'\u201d\u2019)\u2026"
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$")
_SETEXT = re.compile(r"^\s*(?:={3,}|-{3,})\s*$")


def assemble(blocks: list[Block] | tuple[Block, ...]) -> tuple[str, tuple[Paragraph, ...]]:
    """Join blocks with one newline; each :class:`Paragraph` spans its block's text exactly."""
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    pos = 0
    for block in blocks:
        paragraphs.append(Paragraph(pos, pos + len(block.text), block.kind))
        parts.append(block.text)
        pos += len(block.text) + 1
    return "\n".join(parts), tuple(paragraphs)


def _is_hard_wrapped(lines: list[str]) -> bool:
    """True when a run of lines is one paragraph broken at a fixed width, not separate lines."""
    if len(lines) < 2 or any(block_kind(line) in ("list", "quote") or _HEADING_MARK.match(line) for line in lines):
        return False
    width = max(len(line) for line in lines)
    body = lines[:-1]
    # A wrapped paragraph fills each line close to the wrap width and breaks mid-sentence somewhere.
    return (
        50 <= width <= 120
        and all(len(line) >= 0.5 * width for line in body)
        and any(line.rstrip()[-1] not in _SENTENCE_END for line in body)
    )


def text_blocks(text: str) -> list[Block]:
    """Blocks of plain text or Markdown: one per line, hard-wrapped paragraphs rejoined with a space."""
    lines = text.strip("\n").split("\n")
    if not any(not line.strip() for line in lines):
        groups = [[line] for line in lines]  # no blank lines: every line is its own paragraph
    else:
        groups, current = [], []
        for line in lines + [""]:
            if line.strip():
                current.append(line)
            elif current:
                groups.append(current)
                current = []
    blocks: list[Block] = []
    for group in groups:
        stripped = [line.strip() for line in group]
        if _is_hard_wrapped(stripped):
            blocks.append(Block(" ".join(stripped), "text"))
            continue
        for position, (raw, line) in enumerate(zip(group, stripped)):
            if position and _SETEXT.match(line):
                # "Title\n=====" with no blank line between: the underline makes the line above a heading.
                blocks[-1] = Block(blocks[-1].text, "heading")
                continue
            if _RULE.match(line):
                continue
            if position and raw[:2].isspace() and blocks[-1].kind == "list" and block_kind(line) != "list":
                # An indented line under a list item continues that item.
                blocks[-1] = Block(blocks[-1].text + " " + line, "list")
                continue
            blocks.append(Block(line, block_kind(line)))
    return blocks


def markdown_title(blocks: list[Block]) -> tuple[str | None, list[Block]]:
    """A leading ``# Title`` is the title; otherwise the first line only when it is clearly a headline."""
    if blocks and blocks[0].kind == "heading" and blocks[0].text.startswith("# "):
        return blocks[0].text[2:].strip(), blocks[1:]
    return plain_title(blocks)


def plain_title(blocks: list[Block]) -> tuple[str | None, list[Block]]:
    """The first line is the title only when it is clearly a headline over body text."""
    if len(blocks) < 2:
        return None, blocks
    first = blocks[0].text
    # A byline may stand between the headline and the body.
    second = blocks[2] if len(blocks) > 2 and _BYLINE.match(blocks[1].text.strip("*_ ")) else blocks[1]
    words = first.split()
    headline = (
        2 <= len(words) <= 20
        and first[-1] not in _SENTENCE_END
        and first[0] not in "\"'\u201c\u2018-*#>\u2022"
        and not _LIST_MARK.match(first)
    )
    body_follows = second.kind == "text" and len(second.text.split()) >= 8
    if headline and body_follows:
        return first, blocks[1:]
    return None, blocks


# "By Jane Doe", "BY JANE DOE and John Roe": capitalised names only, so "By the way" stays text.
_BYLINE = re.compile(r"^(?i:by)\s+[A-Z][\w.'\u2019-]*(?:(?:\s+|,\s*)(?:and\s+|&\s+)?[A-Z][\w.'\u2019-]*){0,7}$")


def split_byline(blocks: list[Block]) -> tuple[str | None, list[Block]]:
    """A first line "By Jane Doe and John Roe" is the byline, not body text."""
    if len(blocks) >= 2 and _BYLINE.match(blocks[0].text.strip("*_ ")):
        return blocks[0].text.strip("*_ ")[3:].strip(), blocks[1:]
    return None, blocks
