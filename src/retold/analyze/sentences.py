"""Markdown masking and sentence splitting that never crosses a block."""

from __future__ import annotations

import bisect
import dataclasses
import re
from typing import Any

from retold.types import Paragraph, Sentence

_LINE_MARK = re.compile(r"^(\s*)(#{1,6}\s+|>\s?|(?:[-*+\u2022]|\d{1,3}[.)])\s+)")
_LINK = re.compile(r"\[([^\]\n]+)\]\((\S+?)\)")
_CITATION = re.compile(r"\[\^?\d{1,3}(?:[,\u2013-]\s*\d{1,3})*\]")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM = re.compile(r"(?<![\w*])([*_])(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        chars[i] = " "


def mask_markup(text: str, paragraphs: tuple[Paragraph, ...]) -> str:
    """``text`` with Markdown markers blanked to spaces; same length, so every offset holds."""
    chars = list(text)
    for para in paragraphs:
        line = text[para.start : para.end]
        # A quote block may open with "> " and then hold a list or heading marker; peel both.
        offset = 0
        for _ in range(2):
            m = _LINE_MARK.match(line, offset)
            if not m or (para.kind == "text" and not m.group(2).startswith(">")):
                break
            _blank(chars, para.start + m.start(2), para.start + m.end(2))
            offset = m.end()
    masked = "".join(chars)
    for m in _LINK.finditer(masked):
        _blank(chars, m.start(), m.start() + 1)
        _blank(chars, m.end(1), m.end())
    for m in _CITATION.finditer(masked):
        _blank(chars, m.start(), m.end())
    masked = "".join(chars)
    for pattern in (_STRONG, _EM):
        for m in pattern.finditer(masked):
            mark = len(m.group(1))
            _blank(chars, m.start(), m.start() + mark)
            _blank(chars, m.end() - mark, m.end())
        masked = "".join(chars)
    return masked


# A text longer than this is parsed in pieces of whole blocks (at most this long, unless one block is
# longer): the parser's working memory grows with the length of the doc it is given (about 17 kB a
# token, ~1 GB for a 50,000-word article in one piece), and is bounded by the longest piece instead.
# A news article (a few thousand words) is always parsed in one piece.
PIECE_CHARS = 50_000


def parse(nlp: Any, masked: str, paragraphs: tuple[Paragraph, ...]) -> Any:
    """One spaCy pass over ``masked`` with a sentence start at every block and none inside headings/lists.

    A text longer than :data:`PIECE_CHARS` is parsed in pieces that end where a block ends (a sentence
    starts there anyway), joined back into one ``Doc`` with the same text and character offsets.
    """
    cuts = _piece_starts(masked, paragraphs)
    if len(cuts) == 1:
        return _parse_piece(nlp, masked, paragraphs)
    from spacy.tokens import Doc

    ends = [*cuts[1:], len(masked)]
    pieces = []
    for start, end in zip(cuts, ends):
        inside = tuple(
            dataclasses.replace(p, start=p.start - start, end=min(p.end, end) - start)
            for p in paragraphs
            if start <= p.start < end
        )
        pieces.append(_parse_piece(nlp, masked[start:end], inside))
    return Doc.from_docs(pieces, ensure_whitespace=False)


def _piece_starts(masked: str, paragraphs: tuple[Paragraph, ...], limit: int = PIECE_CHARS) -> list[int]:
    """Where each piece starts: 0, then the start of each block that would take a piece past ``limit``.

    Only after white space, so that no token is cut in two.
    """
    cuts = [0]
    for para in paragraphs:
        if para.start > cuts[-1] and para.end - cuts[-1] > limit and masked[para.start - 1].isspace():
            cuts.append(para.start)
    return cuts


def _parse_piece(nlp: Any, masked: str, paragraphs: tuple[Paragraph, ...]) -> Any:
    from spacy.attrs import SENT_START

    doc = nlp.make_doc(masked)
    starts = [p.start for p in paragraphs]
    # Set in one go: each ``token.is_sent_start = …`` checks the whole doc for a parse, which made a text of
    # many list items or headings quadratic. 1 starts a sentence, -1 does not, 0 leaves it to the parser.
    marks = doc.to_array([SENT_START]).astype("int64")
    for token in doc:
        if token.is_space:
            continue
        i = bisect.bisect_right(starts, token.idx) - 1
        if i < 0:
            continue
        para = paragraphs[i]
        first = token.i == 0 or doc[token.i - 1].idx < para.start or _only_space_before(doc, token, para)
        if first:
            marks[token.i] = 1
        elif para.kind in ("heading", "list"):
            marks[token.i] = -1
    doc.from_array([SENT_START], marks.astype("uint64"))  # -1 as spaCy stores it
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def _only_space_before(doc: Any, token: Any, para: Paragraph) -> bool:
    j = token.i - 1
    while j >= 0 and doc[j].idx >= para.start:
        if not doc[j].is_space:
            return False
        j -= 1
    return True


_TRIM = " \t\n"


def build_sentences(doc: Any, masked: str, text: str, paragraphs: tuple[Paragraph, ...]) -> tuple[Sentence, ...]:
    """Sentences from the parse, clipped to blocks and trimmed of markup and space."""
    pieces: list[tuple[int, int, int]] = []  # (start, end, paragraph index)
    starts = [p.start for p in paragraphs]
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        i = max(bisect.bisect_right(starts, s) - 1, 0)
        while i < len(paragraphs) and paragraphs[i].start < e:
            para = paragraphs[i]
            a, b = max(s, para.start), min(e, para.end)
            while a < b and masked[a] in _TRIM:
                a += 1
            while b > a and masked[b - 1] in _TRIM:
                b -= 1
            if a < b:
                if pieces and pieces[-1][2] == i and not _has_word(masked[a:b]):
                    # a stray closing mark or bracket the parser split off: it belongs to the sentence before
                    pieces[-1] = (pieces[-1][0], b, i)
                else:
                    pieces.append((a, b, i))
            i += 1
    merged: list[tuple[int, int, int]] = []
    for a, b, i in pieces:
        if merged and merged[-1][2] == i and not _has_word(masked[merged[-1][0] : merged[-1][1]]):
            # an opening mark split off at the head of a block goes with the sentence after it
            a = merged.pop()[0]
        merged.append((a, b, i))
    return tuple(
        Sentence(id=n, start=a, end=b, text=text[a:b], kind=paragraphs[i].kind, paragraph=i)
        for n, (a, b, i) in enumerate(merged)
    )


def _has_word(chunk: str) -> bool:
    return any(ch.isalnum() for ch in chunk)


class SentenceIndex:
    """Maps a character offset to the id of the sentence holding it (or the nearest before)."""

    def __init__(self, sentences: tuple[Sentence, ...]) -> None:
        self._starts = [s.start for s in sentences]
        self._sentences = sentences

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return self._sentences

    def at(self, offset: int) -> int:
        i = bisect.bisect_right(self._starts, offset) - 1
        return max(i, 0)

    def covering(self, start: int, end: int) -> tuple[int, ...]:
        """Ids of the sentences that overlap ``[start, end)``."""
        first = self.at(start)
        ids: list[int] = []
        for s in self.sentences[first:]:
            if s.start >= end and ids:
                break
            if s.end > start and s.start < end:
                ids.append(s.id)
        return tuple(ids) or (first,)
