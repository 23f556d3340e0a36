"""Aligning each rewrite sentence to the source sentences that best support it ("best match, then aggregate").

A sentence is reduced to its content words (lemmas, plus a short stem so "Ukrainian" meets "Ukraine");
each word weighs by its rarity in the source, so a name or a number the source barely uses counts for more
than "said". A rewrite sentence's support in a source sentence is the weighted share of its content words
that sentence holds. Everything here is plain set arithmetic over the spaCy parse analyze already made.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass

from retold.check.context import Alignment, Support
from retold.check.memo import per_object
from retold.normalize import fold_key
from retold.types import Evidence, FactSheet

TOP_SUPPORT = 3  # source sentences kept per rewrite sentence
RARITY_SMOOTHING = 10
STEM_CREDIT = 0.7  # a stem match ("Ukrainian" / "Ukraine") counts for less than a lemma match
# Function words that still carry meaning for faithfulness (spaCy lists them as stop words).
_MEANINGFUL = frozenset(
    "not no never nothing none nobody neither nor cannot n't before after more less most least first last "
    "above below without against former latter only all every".split()
)
_POS_WEIGHT = {"PROPN": 1.5, "NUM": 1.5, "NOUN": 1.0, "VERB": 1.0, "ADJ": 1.0}


@dataclass(frozen=True, slots=True)
class Word:
    """One content word of a sentence: ``start``/``end`` are offsets into its FactSheet text."""

    start: int
    end: int
    lemma: str
    lower: str
    stem: str
    pos: str
    head: str  # the lemma of its nearest content-word head ("" at the root)


@dataclass(frozen=True, slots=True)
class Profile:
    """The content words of one sentence, and the keys they are matched by."""

    sentence: int
    words: tuple[Word, ...]
    keys: frozenset[str]  # lemmas and lower-cased forms
    stems: frozenset[str]


def stem(word: str) -> str:
    """A crude shared prefix: long enough to keep "Austria" from "Australia", short enough for "Ukrain-"."""
    return word[:6] if len(word) > 6 else word


def is_content(token) -> bool:  # noqa: ANN001 — a spaCy Token
    if token.is_punct or token.is_space or not any(ch.isalnum() for ch in token.text):
        return False
    lower = token.lower_
    return not token.is_stop or token.like_num or lower in _MEANINGFUL or token.pos_ == "PROPN"


@per_object
def profiles(facts: FactSheet) -> tuple[Profile, ...]:
    """One :class:`Profile` per sentence of ``facts`` (same order, same ids); computed once per fact sheet."""
    return _build_profiles(facts)


def _build_profiles(facts: FactSheet) -> tuple[Profile, ...]:
    doc = facts.doc
    result = []
    numbers: dict[int, list] = {}
    for number in facts.numbers:
        numbers.setdefault(number.sentence, []).append(number)
    for sentence in facts.sentences:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        figures = numbers.get(sentence.id, [])
        # A number is one word keyed by its value, so "three and a half percent" meets "3.5%".
        words_list = [
            Word(n.start, n.end, f"#{n.value:g}", f"#{n.value:g}", f"#{n.value:g}", "NUM", "") for n in figures
        ]
        for t in span if span is not None else ():
            if is_content(t) and not any(n.start <= t.idx < n.end for n in figures):
                lemma = t.lemma_.lower()
                words_list.append(
                    Word(t.idx, t.idx + len(t.text), lemma, t.lower_, stem(lemma), t.pos_, _content_head(t))
                )
        words = tuple(sorted(words_list, key=lambda w: w.start))
        keys = frozenset(k for w in words for k in (w.lemma, w.lower))
        result.append(Profile(sentence.id, words, keys, frozenset(w.stem for w in words)))
    return tuple(result)


def _content_head(token) -> str:  # noqa: ANN001
    head = token.head
    hops = 0
    while head is not token and head.i != head.head.i and not is_content(head) and hops < 4:
        head = head.head
        hops += 1
    return head.lemma_.lower() if head is not token and is_content(head) else ""


def weights(source: tuple[Profile, ...]) -> dict[str, float]:
    """Rarity of each source lemma over the source's sentences; unseen lemmas weigh the most (see :func:`word_weight`)."""
    df = Counter(k for p in source for k in {w.lemma for w in p.words})
    # Pseudo-sentences smooth the counts: a one-sentence source must not make every word it holds weightless.
    n = len(source) + RARITY_SMOOTHING
    return {k: math.log(n / (c + 0.5)) for k, c in df.items()} | {"": math.log(n / 0.5)}


def word_weight(word: Word, rarity: dict[str, float]) -> float:
    base = rarity.get(word.lemma, rarity.get(word.lower, rarity[""]))
    return max(base, 0.2) * _POS_WEIGHT.get(word.pos, 0.6)


def match(word: Word, profile: Profile) -> float:
    """1 when ``profile`` holds the word's lemma or form, :data:`STEM_CREDIT` for its stem only, else 0."""
    if word.lemma in profile.keys or word.lower in profile.keys:
        return 1.0
    if len(word.stem) >= 4 and word.stem in profile.stems:
        return STEM_CREDIT
    return 0.0


def _weighted_share(words: tuple[Word, ...], word_weights: list[float], profile: Profile) -> float:
    total = sum(word_weights)
    if total == 0:
        return 0.0
    return sum(weight * match(w, profile) for w, weight in zip(words, word_weights)) / total


def align(source: FactSheet, rewrite: FactSheet) -> tuple[Alignment, ...]:
    """For every rewrite sentence, its best-supporting source sentences (up to :data:`TOP_SUPPORT`), best first."""
    src = profiles(source)
    rarity = weights(src)
    alike = profiles_alike(src)
    alignments = []
    for profile in profiles(rewrite):
        word_weights = [word_weight(w, rarity) for w in profile.words]
        # A score depends only on a source sentence's keys and stems: scored once per kind of sentence
        # (a text that repeats itself would otherwise cost rewrite x source sentences).
        scored = [(_weighted_share(profile.words, word_weights, group[0]), group) for group in alike]
        support = tuple(Support(sentence=i, score=round(score, 4)) for score, i in _best(scored, TOP_SUPPORT))
        alignments.append(Alignment(sentence=profile.sentence, support=support))
    return tuple(alignments)


@per_object
def profiles_alike(src: tuple[Profile, ...]) -> list[list[Profile]]:
    """The source's profiles grouped by their keys and stems (what :func:`match` reads), each group in id order."""
    groups: dict[tuple[frozenset[str], frozenset[str]], list[Profile]] = {}
    for profile in src:
        groups.setdefault((profile.keys, profile.stems), []).append(profile)
    return list(groups.values())


def _best(scored: list[tuple[float, list[Profile]]], count: int) -> list[tuple[float, int]]:
    """The ``count`` best (score, sentence) pairs over groups of equal score, by score then id; 0 never."""
    ranked = sorted(((score, group) for score, group in scored if score > 0), key=lambda pair: -pair[0])
    best: list[tuple[float, int]] = []
    i = 0
    while i < len(ranked) and len(best) < count:
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        ids = heapq.merge(*([p.sentence for p in group] for _, group in ranked[i:j]))
        best.extend((ranked[i][0], sid) for sid in itertools.islice(ids, count - len(best)))
        i = j
    return best


def coverage(words: tuple[Word, ...], supporting: list[Profile], rarity: dict[str, float]) -> float:
    """The weighted share of ``words`` that at least one of ``supporting`` holds (the aggregate of several sentences)."""
    total = sum(word_weight(w, rarity) for w in words)
    if total == 0:
        return 1.0
    held = sum(word_weight(w, rarity) * max((match(w, p) for p in supporting), default=0.0) for w in words)
    return held / total


# --------------------------------------------------------------------------- helpers for detectors


def sentence_evidence(source: FactSheet, sentence_ids: list[int] | tuple[int, ...]) -> tuple[Evidence, ...]:
    """Evidence spans for source sentences, in text order."""
    chosen = sorted((source.sentences[i] for i in set(sentence_ids)), key=lambda s: s.start)
    return tuple(Evidence(s.start, s.end, s.text) for s in chosen)


STRONG_SUPPORT = 0.5  # a rewrite sentence this well supported restates its best source sentence
NEAR_BEST = 0.6  # a supporting sentence this close to the best describes the same fact or event


def stated_in_support(source: FactSheet, text: str, support: tuple[Support, ...], matching: set[int]) -> bool:
    """True when a fact's ``text`` stands word for word in the best supporting source sentence, or when a
    sentence nearly as good as the best (``matching``: ids of source sentences holding a match) gives it:
    a merged rewrite sentence may take this part from there."""
    best_text = fold_key(source.sentences[support[0].sentence].text)
    if re.search(r"(?<!\w)" + re.escape(fold_key(text)) + r"(?!\w)", best_text):
        return True  # written there word for word, whatever the parse made of it ("Euro 2013")
    return any(s.sentence in matching for s in support if s.score >= NEAR_BEST * support[0].score)
