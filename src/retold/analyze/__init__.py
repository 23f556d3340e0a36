"""analyze: an :class:`Article` (or text) → a :class:`FactSheet` of sentences, names, numbers, dates and quotes."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from retold.analyze.clusters import cluster
from retold.analyze.dates import find_dates
from retold.analyze.entities import repair
from retold.analyze.genders import genders_of
from retold.analyze.nlp import load_nlp
from retold.analyze.numbers import find_numbers
from retold.analyze.quotes import find_quotes, quotation_spans
from retold.analyze.referents import build as build_referents
from retold.analyze.roles import roles_of
from retold.analyze.sentences import SentenceIndex, build_sentences, mask_markup, parse
from retold.analyze.spans import SpanSet
from retold.errors import InputError
from retold.ingest.blocks import article_from_text
from retold.normalize import scrub
from retold.types import Article, DateFact, FactSheet, NumberFact

__all__ = ["analyze"]

# names whose digits are part of the name ("Boeing 737", "Apollo 11"), not a count
_NAME_WITH_NUMBER = frozenset({"ORG", "PRODUCT", "EVENT", "FAC", "LAW", "WORK_OF_ART"})
_FUTURE = re.compile(
    r"\b(?:will|shall|won't|going to|upcoming|looming|next|due to|scheduled|expected to|plans? to|set to)\b|'ll\b",
    re.IGNORECASE,
)
_YEAR_LEADS = frozenset("in since by of from until till before after during early late mid circa".split())


def analyze(article: Article | str, *, published: dt.date | None = None) -> FactSheet:
    """Everything the checker and the rewriter need to know about one text.

    ``FactSheet.doc`` is parsed from the text with its Markdown markers blanked to spaces, so
    it has the same length and offsets as ``FactSheet.text``.
    """
    if isinstance(article, str):
        article = article_from_text(article)
    elif scrub(article.text) is not article.text:  # an Article built by hand: lone surrogates out, offsets kept
        article = dataclasses.replace(article, text=scrub(article.text))
    published = published or article.published
    text = article.text
    paragraphs = article.paragraphs
    nlp = load_nlp()
    if len(text) > nlp.max_length:
        raise InputError(
            f"The text is too long to analyse ({len(text):,} characters, at most {nlp.max_length:,}): "
            "split it into separate articles."
        )
    masked = mask_markup(text, paragraphs)
    doc = parse(nlp, masked, paragraphs)
    starts = [t.idx for t in doc]  # token offsets, for finding the token at a character
    sentences = build_sentences(doc, masked, text, paragraphs)
    index = SentenceIndex(sentences)

    mentions = repair(doc)
    for m in mentions:
        if m.label == "PERSON":
            m.roles = roles_of(doc, m.start, m.end)
    entities = cluster(mentions, text, index.at)

    def future_at(offset: int) -> bool:
        return _speaks_of_future(doc, starts, offset, sentences[index.at(offset)].text if sentences else "")

    found = find_dates(masked, index.at, published, future_at)
    in_names = SpanSet((m.start, m.end) for e in entities for m in e.mentions)
    dates = [
        _retext(d, text) for d in found if not _count_not_year(d, doc, starts) and not in_names.covers(d.start, d.end)
    ]
    skip = [(d.start, d.end) for d in dates]
    skip.extend((m.start, m.end) for e in entities if e.label in _NAME_WITH_NUMBER for m in e.mentions)
    numbers = [_retext(n, text) for n in find_numbers(masked, index.at, skip, _unit_finder(doc, starts))]
    quoted = quotation_spans(text, masked, paragraphs)
    genders = genders_of(doc, entities, quoted)
    referents = build_referents(doc, text, sentences, entities, genders.people, quoted)
    quotes = find_quotes(doc, text, masked, paragraphs, index, entities, quoted, referents)
    return FactSheet(
        text=text,
        sentences=sentences,
        entities=entities,
        numbers=tuple(numbers),
        dates=tuple(dates),
        quotes=quotes,
        genders=genders,
        referents=referents,
        article=article,
        doc=doc,
    )


def _retext(fact: DateFact | NumberFact, text: str) -> Any:
    """The fact's words from the original text (the finders ran on the masked copy)."""
    return dataclasses.replace(fact, text=text[fact.start : fact.end])


def _token_at(doc: Any, starts: list[int], offset: int) -> Any | None:
    i = bisect.bisect_right(starts, offset) - 1
    return doc[i] if 0 <= i < len(doc) else None


def _speaks_of_future(doc: Any, starts: list[int], offset: int, sentence: str) -> bool:
    """Whether the verb a date hangs on is in the future: "will meet on Friday", not "said on Tuesday that ... will"."""
    tok = _token_at(doc, starts, offset)
    steps = 0
    while tok is not None and tok.pos_ not in ("VERB", "AUX") and tok.head is not tok and steps < 6:
        tok = tok.head
        steps += 1
    if tok is not None and tok.pos_ in ("VERB", "AUX"):
        if tok.tag_ in ("VBD", "VBN") and not any(c.lower_ in ("will", "shall", "'ll") for c in tok.children):
            return False
        if any(c.lower_ in ("will", "shall", "'ll") for c in tok.children):
            return True
    return bool(_FUTURE.search(sentence))


def _count_not_year(date: DateFact, doc: Any, starts: list[int]) -> bool:
    """A bare four-digit number that counts something ("1500 troops") is not a year."""
    if date.month is not None or date.day is not None or date.year is None or date.relative:
        return False
    if date.end - date.start != 4 or not date.text.isdigit():  # "’90s" is a decade
        return False
    tok = _token_at(doc, starts, date.start)
    if tok is None:
        return False
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return prev not in _YEAR_LEADS and nxt is not None and nxt.tag_ == "NNS"


def _unit_finder(doc: Any, starts: list[int]) -> Callable[[int], str | None]:
    """The noun a bare number counts: "two mornings" → "mornings", "40 new ships" → "ships"."""

    def unit_after(end: int) -> str | None:
        i = bisect.bisect_left(starts, end) - 1
        if i < 0:
            return None
        tok = doc[i]
        head = tok.head
        if tok.dep_ == "nummod" and head.i > tok.i and head.pos_ == "NOUN" and head.is_alpha:
            return head.text.lower()
        j = tok.i + 1
        if j < len(doc) and doc[j].pos_ == "NOUN" and doc[j].is_alpha and doc[j].idx - end <= 1:
            return doc[j].text.lower()
        return None

    return unit_after
