"""A phrase's modifier changed for another of its closed class that the article never uses.

"a third quarter decline" where the article speaks of the "fourth quarter" and "first quarter" and never of a
third; "the one-month anniversary" where it has "the one-year anniversary"; "green paint" where it has "yellow and
blue paint". The noun the word modifies is what ties the two: the article gives that noun another member of the
word's class (:data:`retold.lexicon.CLASS_OF`) and never uses the word itself anywhere, so no rewording of
another of its sentences can explain it. Read wherever the sentence comes from, copied or reworded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from retold.check.context import CheckContext
from retold.check.match.meaning import _measures_time
from retold.check.memo import per_object
from retold.lexicon import CLASS_OF, TIME_UNITS
from retold.types import FactSheet

_MODIFIER_DEPS = frozenset({"amod", "compound", "nummod", "npadvmod", "nmod"})
_WORD_POS = frozenset({"ADJ", "NOUN", "NUM"})
# Times of day and seasons are reworded freely ("the evening before" for "the eve").
_LEFT_TO_OTHERS = frozenset({*CLASS_OF["morning"][0], *CLASS_OF["spring"][0]})


@dataclass(frozen=True, slots=True)
class ForeignModifier:
    sentence: int  # rewrite Sentence.id
    start: int  # the changed word
    end: int
    word: str
    source_start: int  # the article's phrase: its class member and the noun
    source_end: int
    source_word: str
    noun: str


@dataclass(frozen=True, slots=True)
class _ArticleModifiers:
    lemmas: frozenset[str]  # every lemma and lower-cased form of the article
    by_noun: dict[tuple[str, str], Any]  # (modifier lemma, noun lemma) → the first modifier token


@per_object
def _article(source: FactSheet) -> _ArticleModifiers:
    lemmas = set()
    by_noun: dict[tuple[str, str], Any] = {}
    for token in source.doc:
        lemmas |= {token.lemma_.lower(), token.lower_}
        if _a_modifier(token):
            by_noun.setdefault((token.lemma_.lower(), token.head.lemma_.lower()), token)
    return _ArticleModifiers(frozenset(lemmas), by_noun)


def _a_modifier(token: Any) -> bool:
    lemma = token.lemma_.lower()
    return (
        lemma in CLASS_OF
        and lemma not in _LEFT_TO_OTHERS
        and token.pos_ in _WORD_POS
        and token.dep_ in _MODIFIER_DEPS
        and token.head.pos_ == "NOUN"
        and (lemma not in TIME_UNITS or _measures_time(token))
    )


def foreign_modifiers(ctx: CheckContext) -> list[ForeignModifier]:
    article = _article(ctx.source)
    quoted = [(q.start, q.end) for q in ctx.rewrite.quotes]
    found = []
    for sentence in ctx.rewrite.sentences:
        span = ctx.rewrite.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        for token in span or ():
            lemma = token.lemma_.lower()
            if not _a_modifier(token) or lemma in article.lemmas or token.lower_ in article.lemmas:
                continue
            if any(s <= token.idx < e for s, e in quoted):
                continue
            noun = token.head.lemma_.lower()
            others = sorted(
                (
                    article.by_noun[(m, noun)]
                    for group in CLASS_OF[lemma]
                    for m in group
                    if (m, noun) in article.by_noun
                ),
                key=lambda t: t.i,
            )
            if not others:
                continue
            other = others[0]
            lo, hi = min(other.left_edge.i, other.head.i), max(other.i, other.head.i)
            phrase = ctx.source.doc[lo : hi + 1]
            found.append(
                ForeignModifier(
                    sentence.id,
                    token.idx,
                    token.idx + len(token.text),
                    token.text,
                    phrase.start_char,
                    phrase.end_char,
                    other.text,
                    token.head.text,
                )
            )
    return found
