"""Quotations: where they stand, straight or curly, nested or running over paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from retold.analyze.sentences import SentenceIndex
from retold.analyze.speakers import Mentions, same_voice, speaker_of
from retold.lexicon import SPEAKER_LABELS, SPEECH_AFTER_QUOTE
from retold.types import Entity, Paragraph, Quote

_DOUBLE_OPEN = "\u201c\u201e\u00ab"
_DOUBLE_CLOSE = "\u201d\u00bb"
_SINGLE_OPEN = "\u2018\u201a"
_SINGLE_CLOSE = "\u2019"
_OPENER_BEFORE = " \t\n([{\u2014\u2013-/:;,\u2018\u201c'\""

# "> … — An unnamed senior NATO diplomat": a short capitalised credit after the last dash of a quote block
_BLOCK_ATTRIBUTION = re.compile(r"\s*(?:\u2014|\u2013|--|\s-)\s*([A-Z][^\n\u2014\u2013!?]{0,79})$")
_INSERTION = re.compile(r"\[[^\]\n]{1,40}\]")  # "[It]", "[The plan]"
_DECADE = re.compile(r"\d0s\b")  # "the '90s": an elision, not a quote
# a sentence's end, but not a caption's detached full stop ("... at Augusta . 'I feel")
_AFTER_SENTENCE = re.compile(r"(?<!\s)[.!?][\u2019\u201d'\")]?\s+$")
_SENTENCE_END = re.compile(r"[.!?]\s")
_PUNCTUATED_CLOSE = re.compile(r"[.,!?][\u2019'](?![^\W_])")
_OPENS_SINGLE = re.compile(r"(?:^|(?<=[\s(\[]))[\u2018']\w")
_POSSESSIVE_REACH = 300  # characters within which a clearer closing mark must follow
_NESTED_REACH = 40  # characters a nested single-quoted phrase may run
_PARAGRAPH_REACH = 500  # the longest run of quoted words between two marks of one long quotation


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Where one quotation's words stand; ``continues`` is the index of the quote it carries on."""

    start: int
    end: int
    closed: bool
    paragraph: int
    continues: int | None = None


def _is_double_open(text: str, i: int) -> bool:
    ch = text[i]
    if ch in _DOUBLE_OPEN:
        return True
    return ch == '"' and (i == 0 or text[i - 1] in _OPENER_BEFORE) and i + 1 < len(text) and not text[i + 1].isspace()


def _is_double_close(text: str, i: int) -> bool:
    ch = text[i]
    return ch in _DOUBLE_CLOSE or ch == '"'


def _is_single_open(text: str, i: int) -> bool:
    ch = text[i]
    if ch not in _SINGLE_OPEN and ch != "'":
        return False
    before_ok = i == 0 or text[i - 1] in _OPENER_BEFORE
    # a word, or an editor's bracketed insertion that stands for one ("‘[It] is just disgraceful’")
    after_ok = i + 1 < len(text) and (text[i + 1].isalnum() or _INSERTION.match(text, i + 1) is not None)
    return before_ok and after_ok and _DECADE.match(text, i + 1) is None


def _is_single_close(text: str, i: int) -> bool:
    ch = text[i]
    if ch not in _SINGLE_CLOSE and ch != "'":
        return False
    after = text[i + 1] if i + 1 < len(text) else " "
    before = text[i - 1] if i > 0 else " "
    return not after.isalnum() and not before.isspace()


def _continues_quote(text: str, i: int, last_mark: int) -> bool:
    """An opening mark after a sentence inside an open quotation of the same kind, a paragraph's length from
    the mark before: the mark that starts each new paragraph of a long quote, left in when paragraphs are run
    together (".. chances. 'Bayern sat deep")."""
    return i - last_mark <= _PARAGRAPH_REACH and _AFTER_SENTENCE.search(text, max(0, i - 6), i) is not None


def _short_nested(text: str, i: int, para_end: int) -> bool:
    """A few words in single marks inside a single-quoted quotation ("'I hate the word 'sorry' now'"), closed
    on a word: a quotation of its own closes on its punctuation ("'I always befriend locals,'")."""
    for j in range(i + 2, min(para_end, i + _NESTED_REACH)):
        if _is_single_close(text, j):
            return text[j - 1].isalnum()
    return False


def _possessive_close(text: str, i: int, opened_at: int, para_end: int) -> bool:
    """A plural possessive inside a quotation of several sentences ("‘I was there. It was the players’
    fault,’ she said"), told from the closing mark by a clearer close further on in the paragraph."""
    if text[i - 1] != "s" or not re.match(r" [a-z]", text[i + 1 : i + 3]):
        return False
    if _SENTENCE_END.search(text, opened_at, i) is None:
        return False
    later = _PUNCTUATED_CLOSE.search(text, i + 1, min(para_end, i + _POSSESSIVE_REACH))
    return later is not None and _OPENS_SINGLE.search(text, i + 1, later.start()) is None


_SPEECH_AFTER = re.compile(
    r"\s+(?:he|she|they|we|I|(?:the\s+|a\s+|an\s+)?[A-Za-z][\w'.-]*(?:\s+[A-Za-z][\w'.-]*){0,4})\s+"
    rf"(?:{'|'.join(SPEECH_AFTER_QUOTE)})\b"
)


def _closes_unopened(text: str, i: int, para_start: int) -> bool:
    """A closing mark after a comma or full stop, followed by who said it ("…reasons,' she told"), opened nowhere."""
    return (
        text[i] in "'\"\u2019\u201d"
        and i - para_start >= 20
        and text[i - 1] in ".,!?"
        and _SPEECH_AFTER.match(text, i + 1) is not None
    )


def quote_spans(text: str, paragraphs: tuple[Paragraph, ...]) -> list[QuoteSpan]:
    """Top-level quotations per paragraph; an unclosed one carries on into a paragraph that opens with a mark."""
    spans: list[QuoteSpan] = []
    open_from: int | None = None  # index of an unclosed quote at the end of the previous paragraph
    for p_index, para in enumerate(paragraphs):
        stack: list[tuple[str, int]] = []
        nested: list[tuple[int, int]] = []  # quotes closed inside a single quote that is still open
        first_mark_at = None
        last_mark = para.start  # the latest opening or continuing mark
        for i in range(para.start, para.end):
            ch = text[i]
            if ch not in "\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u201a":
                continue
            has_double = any(kind == "d" for kind, _ in stack)
            # a straight mark right after an open single quote opens a nested quote rather than closing
            opens_nested = ch == '"' and _is_double_open(text, i) and stack[-1][0] == "s" if stack else False
            if has_double and _is_double_close(text, i) and not opens_nested:
                while stack:
                    kind, pos = stack.pop()
                    if kind == "d":
                        break
                if not stack:
                    spans.append(_span(text, pos + 1, i, True, p_index, first_mark_at, open_from, pos, para))
                    nested = []
                elif len(stack) == 1 and stack[0][0] == "s":
                    nested.append((pos, i))
                continue
            if _is_double_open(text, i):
                if stack and stack[-1][0] == "d" and ch in _DOUBLE_OPEN and _continues_quote(text, i, last_mark):
                    last_mark = i
                    continue
                if not stack and first_mark_at is None:
                    first_mark_at = i
                stack.append(("d", i))
                last_mark = i
                continue
            if not stack and first_mark_at is None and _closes_unopened(text, i, para.start):
                # "…for the wrong reasons,' she told The Sun." with no opening mark in the paragraph: the
                # quotation opened in a paragraph or line before.
                # Where it opened cannot be told: the sentence that closes it is all that is taken as quoted.
                ends = list(_SENTENCE_END.finditer(text, para.start, i))
                start = ends[-1].end() if ends else para.start
                start += len(text[start:i]) - len(text[start:i].lstrip())
                spans.append(_span(text, start, i, True, p_index, None, None, start, para))
                first_mark_at = i
                continue
            if stack and stack[-1][0] == "s" and _is_single_close(text, i):
                if _possessive_close(text, i, stack[-1][1], para.end):
                    continue
                kind, pos = stack.pop()
                if not stack:
                    spans.append(_span(text, pos + 1, i, True, p_index, first_mark_at, open_from, pos, para))
                continue
            if _is_single_open(text, i):
                if stack and stack[-1][0] == "s":
                    if _continues_quote(text, i, last_mark):
                        last_mark = i
                        continue
                    if not _short_nested(text, i, para.end):
                        # a long quotation opening inside one still open: the one before was never
                        # closed, and where it ended cannot be told
                        stack.pop()
                if not stack and first_mark_at is None:
                    first_mark_at = i
                stack.append(("s", i))
                last_mark = i
        if stack and stack[0][0] == "s" and len(stack) == 1:
            # A single mark that never closed (an opening cut off, or an apostrophe): the double-quoted
            # quotations inside it stand on their own.
            spans.extend(_span(text, pos + 1, end, True, p_index, None, None, pos, para) for pos, end in nested)
        # an unclosed double quote runs to the end of its paragraph (the news convention)
        bottom = next((pos for kind, pos in stack if kind == "d"), None)
        if bottom is not None:
            spans.append(_span(text, bottom + 1, para.end, False, p_index, first_mark_at, open_from, bottom, para))
            open_from = len(spans) - 1
        else:
            open_from = None
    return spans


def _span(
    text: str,
    start: int,
    end: int,
    closed: bool,
    p_index: int,
    first_mark: int | None,
    open_from: int | None,
    mark: int,
    para: Paragraph,
) -> QuoteSpan:
    while end > start and text[end - 1].isspace():
        end -= 1
    opens_paragraph = mark == para.start or not text[para.start : mark].strip()
    continues = open_from if (open_from is not None and opens_paragraph and first_mark == mark) else None
    return QuoteSpan(start, end, closed, p_index, continues)


def block_quotes(text: str, paragraphs: tuple[Paragraph, ...], masked: str) -> list[QuoteSpan]:
    """A Markdown quote block with no marks of its own is a quotation; a trailing "— Name" credits it."""
    out = []
    for p_index, para in enumerate(paragraphs):
        if para.kind != "quote":
            continue
        body = masked[para.start : para.end]
        if any(ch in body for ch in '"\u201c\u201d\u201e\u00ab\u00bb'):
            continue
        start = para.start + (len(body) - len(body.lstrip()))
        end = para.end
        m = _BLOCK_ATTRIBUTION.search(body)
        if m:
            end = para.start + m.start()
        if end > start:
            out.append(QuoteSpan(start, end, True, p_index))
    return out


def _line_credit(
    masked: str, para: Paragraph, q: QuoteSpan, spans: list[QuoteSpan], mentions: Mentions
) -> tuple[int, tuple[int | None, str]] | None:
    """The credit after a quote line's closing dash ("> “…” — Andriy Sybiha, Minister ...",
    "- “…” — Rutte"), where it starts, and who it names. A quote block may hold narration before its credit; any other line must
    hold nothing but its quotations and the credit. It depends on the line alone: find it once per line."""
    m = _BLOCK_ATTRIBUTION.search(masked, para.start, para.end)
    if m is None:
        return None
    if para.kind != "quote":
        outside = list(masked[para.start : m.start()])
        for other in spans:
            if other.paragraph == q.paragraph:
                a, b = other.start - para.start, other.end - para.start
                outside[a:b] = " " * len(outside[a:b])
        if any(ch.isalnum() for ch in outside):
            return None
    start = m.start(1)
    credit = m.group(1).strip().rstrip(".")
    named = [eid for s, e, eid, label in mentions.within(start, start + len(credit)) if label in SPEAKER_LABELS]
    return m.start(), ((named[0] if named else _named_by(credit, mentions.entities)), credit)


def _named_by(credit: str, entities: tuple[Entity, ...]) -> int | None:
    """The one entity whose name or alias is the credit's name ("Rutte" in "Rutte, NATO chief")."""
    name = credit.split(",")[0].strip()
    hits = {e.id for e in entities if e.label in SPEAKER_LABELS and name in (e.name, *e.aliases)}
    return hits.pop() if len(hits) == 1 else None


TITLE_MAX_WORDS = 12


def is_title(tokens: Any) -> bool:
    """Quoted words that name a work or a thing rather than say something: "Once Upon A Time in Hollywood".

    Two to twelve words, most of them capitalised. Such words have no speaker, whoever is named near them.
    """
    words = [t for t in tokens if t.is_alpha]
    if not 2 <= len(words) <= TITLE_MAX_WORDS:
        return False
    return sum(t.text[0].isupper() for t in words) / len(words) >= 0.6


def quotation_spans(text: str, masked: str, paragraphs: tuple[Paragraph, ...]) -> list[QuoteSpan]:
    """Every quotation's span, in order: marked ones and block quotes."""
    return sorted(quote_spans(masked, paragraphs) + block_quotes(text, paragraphs, masked), key=lambda q: q.start)


def find_quotes(
    doc: Any,
    text: str,
    masked: str,
    paragraphs: tuple[Paragraph, ...],
    index: SentenceIndex,
    entities: tuple[Entity, ...],
    spans: list[QuoteSpan],
    referents: Any = None,
) -> tuple[Quote, ...]:
    """Every quotation of ``spans`` (:func:`quotation_spans`), with its speaker where the text names one;
    ``referents`` say who a pronoun introducing one is (:mod:`retold.analyze.referents`)."""
    mentions = Mentions(entities, spans, referents)
    token_starts = [t.idx for t in doc]
    quotes: list[Quote] = []
    by_span: dict[int, int] = {}
    sentences = index.sentences
    by_paragraph: dict[int, list[QuoteSpan]] = {}
    for q in spans:
        by_paragraph.setdefault(q.paragraph, []).append(q)
    credits: dict[int, tuple[int, tuple[int | None, str]] | None] = {}
    for n, q in enumerate(spans):
        mark = q.start - 1
        sent_ids = index.covering(q.start, max(q.end, q.start + 1))
        first = sentences[index.at(max(mark, 0))]
        last = sentences[sent_ids[-1]]
        speaker: int | None = None
        speaker_text: str | None = None
        if q.paragraph not in credits:
            credits[q.paragraph] = _line_credit(masked, paragraphs[q.paragraph], q, by_paragraph[q.paragraph], mentions)
        line_credit = credits[q.paragraph]
        credit = line_credit[1] if line_credit is not None and line_credit[0] >= q.end else None
        if credit is not None:
            speaker, speaker_text = credit  # a quote line's own credit wins over any inference
        elif q.continues is not None and q.continues in by_span:
            prev = quotes[by_span[q.continues]]
            speaker, speaker_text = prev.speaker, prev.speaker_text
        else:
            found = speaker_of(doc, token_starts, mentions, mark, q.end, first.start, last.end)
            if found is not None:
                speaker, speaker_text = found
            elif quotes and same_voice(quotes[-1], first.id, mark, mentions):
                # an unattributed quote right after another carries on the same voice
                speaker, speaker_text = quotes[-1].speaker, quotes[-1].speaker_text
        if is_title(doc.char_span(q.start, q.end, alignment_mode="expand") or ()):
            speaker, speaker_text = None, None  # the film "Once Upon A Time in Hollywood" is nobody's words
        by_span[n] = len(quotes)
        quotes.append(
            Quote(
                start=q.start,
                end=q.end,
                text=text[q.start : q.end],
                sentences=sent_ids,
                speaker=speaker,
                speaker_text=speaker_text,
                closed=q.closed,
            )
        )
    return tuple(quotes)
