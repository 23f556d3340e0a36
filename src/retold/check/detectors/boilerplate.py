"""``boilerplate``: material that is not the article — newsletter calls to action, "related news" lists, share prompts.

A "related news" list is told the way ingest tells it in a page (:mod:`retold.ingest.boilerplate`): a lead-in
line ("Read more related news:") and the headline lines under it.
"""

from __future__ import annotations

import re

from retold.check.context import CheckContext
from retold.ingest.blocks import Block
from retold.ingest.boilerplate import is_lead_in, listed_headline
from retold.normalize import fold, fold_key
from retold.types import Finding

_CALLS_TO_ACTION: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), m)
    for p, m in (
        (
            r"\b(?:subscribe|sign up|signup)\b[^\n]{0,40}\b(?:our|the|my)\s+(?:\w+\s+){0,2}(?:newsletter|channel|podcast|mailing list)s?\b",
            "a newsletter call to action",
        ),
        (
            r"\b(?:subscribe|sign up)\s+(?:now|today|here|for free|for our|to our|to get|to receive)\b",
            "a subscription call to action",
        ),
        (
            r"\b(?:get|receive|have)\b[^\n]{0,50}\bdelivered (?:straight |directly )?to your inbox\b",
            "a newsletter call to action",
        ),
        (
            r"\bjoin (?:our|us on)\b[^\n]{0,40}\b(?:telegram|whatsapp|newsletter|community|channel|discord)\b",
            "a call to action",
        ),
        (r"\b(?:follow|like) us on\b", "a social-media call to action"),
        (r"\bshare (?:this|the) (?:article|story|post|page)\b", "a share prompt"),
        (r"\bshare (?:on|via) (?:facebook|twitter|x|linkedin|whatsapp|email|reddit)\b", "a share prompt"),
        (r"\b(?:click|tap) here\b", "a click prompt"),
        (r"\bdownload (?:our|the) (?:free )?app\b", "an app promotion"),
        (r"\b(?:support|donate to) (?:our|independent) journalism\b", "a donation call to action"),
        (r"\bdon't miss (?:out|our|the latest)\b", "a call to action"),
        (r"\bturn on (?:push )?notifications\b", "a call to action"),
    )
)

_MAX_LIST_LINES = 10


def detect(ctx: CheckContext) -> list[Finding]:
    text = ctx.rewrite.text
    folded = fold(text)
    source_key = fold_key(ctx.source.text)
    findings: list[Finding] = []
    covered: list[tuple[int, int]] = []

    meta = ctx.source.article
    own = [fold_key(x) for x in (meta.url, meta.title) if x] if meta else []
    for start, end in _related_lists(text):
        if any(key in fold_key(text[start:end]) for key in own):
            continue  # "Read more: <the source itself>" is the attribution every output ends with
        covered.append((start, end))
        findings.append(
            _finding(text, start, end, "a list of other stories that is not part of the article; delete it")
        )

    for line_start, line_end in _lines(text):
        if any(s <= line_start and line_end <= e for s, e in covered):
            continue
        line = folded[line_start:line_end]
        for pattern, what in _CALLS_TO_ACTION:
            match = pattern.search(line)
            if match is None:
                continue
            # In a line of several sentences only the one holding the call to action goes.
            start, end = _sentence_around(ctx, line_start + match.start(), line_start, line_end)
            if fold_key(text[start:end]) in source_key:
                break
            covered.append((start, end))
            findings.append(_finding(text, start, end, f"{what}, not part of the article; delete it"))
            break

    for block in ctx.source.article.removed if ctx.source.article else ():
        # What ingest took out of the source as boilerplate must not come back in the rewrite.
        key = fold_key(block.text)
        if len(key) < 20:
            continue
        for line_start, line_end in _lines(text):
            if any(s <= line_start and line_end <= e for s, e in covered):
                continue
            if fold_key(text[line_start:line_end]) == key:
                covered.append((line_start, line_end))
                findings.append(
                    _finding(
                        text,
                        line_start,
                        line_end,
                        f"the source's {block.reason} material, not part of the article; delete it",
                    )
                )
    return findings


def _finding(text: str, start: int, end: int, message: str) -> Finding:
    return Finding(kind="boilerplate", severity="error", start=start, end=end, text=text[start:end], message=message)


def _sentence_around(ctx: CheckContext, offset: int, line_start: int, line_end: int) -> tuple[int, int]:
    """The rewrite sentence holding ``offset``, clipped to its line; the whole line when none does."""
    for sentence in ctx.rewrite.sentences:
        if sentence.start <= offset < sentence.end:
            return max(sentence.start, line_start), min(sentence.end, line_end)
    return line_start, line_end


def _lines(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as ``(start, end)`` with edge spaces trimmed."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return spans


def _related_lists(text: str) -> list[tuple[int, int]]:
    """Each "Read more related news:" lead-in together with the headline lines that follow it."""
    lines = _lines(text)
    found = []
    i = 0
    while i < len(lines):
        start, end = lines[i]
        if not is_lead_in(text[start:end]):
            i += 1
            continue
        last = end
        j = i + 1
        while j < len(lines) and j - i <= _MAX_LIST_LINES and listed_headline(Block(text[lines[j][0] : lines[j][1]])):
            last = lines[j][1]
            j += 1
        found.append((start, last))
        i = j
    return found
