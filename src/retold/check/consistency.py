"""Local consistency: is each rewrite sentence backed by the source sentences it rests on, not just by the article?

An intrinsic error swaps in a name, number, date or verb that the article does hold, but in another
sentence, about another event. So every content word of a rewrite sentence is asked *where* the source
holds it: take the source sentence that best matches the rest of the rewrite sentence (every content word
but this one), and the best one that also holds this word; the word's *locality* is how close the second
comes to the first (1 when the word stands where the rest of the sentence comes from, near 0 when only a
sentence about something else holds it, and 0 when the source lacks it). Syntax then asks whether the
verbs the rewrite shares with its supporting sentences keep their doer and their object, their polarity
and their modality, and whether each pronoun of the rewrite has someone to stand for
(:mod:`retold.check.consistency_syntax`).

The signals of a sentence are plain numbers (:class:`SentenceSignals`); :func:`consistency_value` weighs
them into one 0–1 value: the exponential of minus a weighted sum of the signals. The weights are set in
:data:`WEIGHTS`; ``bench/consistency_experiment.py`` measures them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

from retold.check.align import Profile, Word, match, profiles, weights, word_weight
from retold.check.consistency_syntax import SyntaxSignals, syntax_signals
from retold.check.context import CheckContext
from retold.types import FactSheet

FACT_POS = frozenset({"PROPN", "NUM"})  # names, numbers and the day/year words of dates
WORD_POS = frozenset({"VERB", "NOUN", "ADJ"})
PRONOUN_CARRY = 0.9  # a source sentence that says "he" holds the names of the sentence before, nearly
_CARRYING_PRONOUNS = frozenset("he she him her his hers they them their it its".split())
LOCAL_SHARE = 0.5  # supporting sentences scoring at least this share of the best one are where a sentence comes from
MIN_WORDS = 2  # a sentence of fewer content words gives no "rest of the sentence" to place a word by


@dataclass(frozen=True, slots=True)
class SentenceSignals:
    """What :func:`sentence_signals` measured on one rewrite sentence; every field is 0 on a faithful copy."""

    sentence: int  # rewrite Sentence.id
    misplaced_fact: float  # worst (1 − locality) over the sentence's names and numbers the source holds
    misplaced_word: float  # rarity-weighted mean (1 − locality) over its nouns, verbs and adjectives the source holds
    absent_fact: float  # names and numbers the source lacks anywhere
    absent_word: float  # rarity-weighted share of its nouns, verbs and adjectives the source lacks
    role_swaps: float  # shared verbs whose doer or object changed (see consistency_syntax)
    polarity_flips: float  # shared verbs negated on one side only
    modality_flips: float  # shared verbs hedged ("may", "could") on one side only
    unresolved_pronouns: float  # pronouns with no one named before them in the rewrite
    gender_clashes: float  # "she" for someone the source calls "he", and the reverse


# Weights of the signals in :func:`consistency_value` (set on BUMP task 2; see bench/consistency_experiment.py).
WEIGHTS: dict[str, float] = {
    "misplaced_fact": 1.2,
    "misplaced_word": 1.0,
    "absent_fact": 0.6,
    "absent_word": 1.0,
    "role_swaps": 0.8,
    "polarity_flips": 1.0,
    "modality_flips": 0.4,
    "unresolved_pronouns": 0.8,
    "gender_clashes": 0.8,
}
SIGNAL_NAMES = tuple(f.name for f in fields(SentenceSignals) if f.name != "sentence")


def sentence_consistency(ctx: CheckContext) -> tuple[float, ...]:
    """One 0–1 value per rewrite sentence: 1 when every content element stands in its aligned source sentences."""
    return tuple(consistency_value(s) for s in sentence_signals(ctx))


def consistency_value(signals: SentenceSignals, weights_: dict[str, float] | None = None) -> float:
    """``exp(−Σ weight·signal)``: 1 for a sentence with nothing out of place."""
    w = WEIGHTS if weights_ is None else weights_
    return math.exp(-sum(w[name] * getattr(signals, name) for name in SIGNAL_NAMES))


def sentence_signals(ctx: CheckContext) -> tuple[SentenceSignals, ...]:
    """The signals of every rewrite sentence, in order."""
    src = profiles(ctx.source)
    rarity = weights(src)
    carried = carried_names(ctx.source, src)
    result = []
    for sentence, profile in zip(ctx.rewrite.sentences, profiles(ctx.rewrite)):
        alignment = ctx.alignment[sentence.id]
        local = [s.sentence for s in alignment.support if s.score >= LOCAL_SHARE * alignment.best]
        words = _word_signals(profile, src, rarity, carried)
        syntax = syntax_signals(ctx, sentence, local) if local else SyntaxSignals()
        result.append(SentenceSignals(sentence.id, *words, *syntax.as_tuple()))
    return tuple(result)


def locality(
    profile: Profile,
    source: tuple[Profile, ...],
    rarity: dict[str, float],
    carried: list[frozenset[str]] | None = None,
) -> list[float]:
    """Per content word of ``profile``: how near the best sentence holding it comes to the best match of the rest.

    Both sides are the rarity-weighted share of the sentence's *other* content words a source sentence holds;
    ``carried[j]`` are names source sentence ``j`` refers to by pronoun (see :func:`carried_names`).
    """
    words = profile.words
    word_weights = [word_weight(w, rarity) for w in words]
    total = sum(word_weights)
    carried = carried or [frozenset()] * len(source)
    # held[j][i]: how far source sentence j holds word i (1, a stem's partial credit, or 0)
    held = [[_held(w, p, names) for w in words] for p, names in zip(source, carried)]
    full = [sum(wt * m for wt, m in zip(word_weights, row)) for row in held]
    result = []
    for i, weight in enumerate(word_weights):
        rest = total - weight
        if rest <= 0 or len(words) < MIN_WORDS:
            result.append(1.0 if any(row[i] for row in held) else 0.0)
            continue
        best_rest = 0.0
        best_with = 0.0
        for row, whole in zip(held, full):
            others = (whole - weight * row[i]) / rest
            best_rest = max(best_rest, others)
            if row[i]:
                best_with = max(best_with, row[i] * others)
        if best_with == 0.0 and not any(row[i] for row in held):
            result.append(0.0)
        elif best_rest <= 0:
            result.append(1.0)
        else:
            result.append(min(1.0, best_with / best_rest))
    return result


def _held(word: Word, profile: Profile, carried: frozenset[str]) -> float:
    found = match(word, profile)
    if not found and (word.lemma in carried or word.lower in carried):
        return PRONOUN_CARRY
    return found


def _word_signals(
    profile: Profile, source: tuple[Profile, ...], rarity: dict[str, float], carried: list[frozenset[str]]
) -> tuple[float, float, float, float]:
    if not profile.words:
        return 0.0, 0.0, 0.0, 0.0
    near = locality(profile, source, rarity, carried)
    misplaced_fact = 0.0
    absent_fact = 0.0
    word_total = word_off = word_absent = 0.0
    for word, value in zip(profile.words, near):
        if _is_fact(word):
            if value == 0.0:
                absent_fact += 1.0
            else:
                misplaced_fact = max(misplaced_fact, 1.0 - value)
        elif word.pos in WORD_POS:
            weight = word_weight(word, rarity)
            word_total += weight
            if value == 0.0:
                word_absent += weight
            else:
                word_off += weight * (1.0 - value)
    if word_total:
        return misplaced_fact, word_off / word_total, absent_fact, word_absent / word_total
    return misplaced_fact, 0.0, absent_fact, 0.0


def _is_fact(word: Word) -> bool:
    return word.pos in FACT_POS or word.lemma.startswith("#")


def carried_names(source: FactSheet, src: tuple[Profile, ...]) -> list[frozenset[str]]:
    """Per source sentence that refers back by pronoun ("She was 19"), the name words of the sentence before it."""
    doc = source.doc
    result: list[frozenset[str]] = []
    for sentence, profile in zip(source.sentences, src):
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand") if sentence.id else None
        if span is None or not any(t.lower_ in _CARRYING_PRONOUNS and t.pos_ == "PRON" for t in span):
            result.append(frozenset())
            continue
        before = src[sentence.id - 1]
        result.append(frozenset(k for w in before.words if w.pos == "PROPN" for k in (w.lemma, w.lower)) - profile.keys)
    return result
