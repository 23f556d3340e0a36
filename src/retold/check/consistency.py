"""Local consistency: is each rewrite sentence backed by the source sentences it rests on, not just by the article?

An intrinsic error swaps in a name, number, date or verb that the article does hold, but in another
sentence, about another event. So every content word of a rewrite sentence is asked *where* the source
holds it: in the source sentences the *rest* of the rewrite sentence aligns to best (its locality, see
:func:`locality`), only in sentences about something else, or nowhere. A source sentence that refers
back by pronoun ("She was 19") also holds the names of the sentence before it. Syntax then asks whether the verbs the rewrite shares with its supporting sentences
keep their doer and their object, their polarity and their modality, and whether each pronoun of the
rewrite has someone named before it (:mod:`retold.check.consistency_syntax`).

The signals of a sentence are counts (:class:`SentenceSignals`, all 0 on a faithful copy);
the score reads them (:mod:`retold.check.score`); the experiment that weighed them into one value per
sentence lives in ``bench/consistency_weights.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from retold.check.align import Profile, Word, match, profiles, weights, word_weight
from retold.check.consistency_syntax import SyntaxSignals, syntax_signals
from retold.check.context import CheckContext
from retold.lexicon import THIRD_PERSON
from retold.types import FactSheet

FACT_POS = frozenset({"PROPN", "NUM"})  # names, numbers and the day/year words of dates
NOUN_POS = frozenset({"NOUN", "ADJ"})
PRONOUN_CARRY = 0.9  # a source sentence that says "she" holds the names of the sentence before, nearly
WORD_IN_PLACE = 0.3  # see word_places (set on BUMP task 2)
LOCAL_SHARE = 0.5  # supporting sentences scoring at least this share of the best one are read for syntax


@dataclass(frozen=True, slots=True)
class SentenceSignals:
    """What :func:`sentence_signals` counted in one rewrite sentence; every field is 0 on a faithful copy."""

    sentence: int  # rewrite Sentence.id
    fact_elsewhere: float  # names and numbers the source holds, but not where the rest of the sentence comes from
    fact_absent: float  # names and numbers the source lacks
    verb_elsewhere: float
    verb_absent: float
    noun_elsewhere: float  # nouns and adjectives
    noun_absent: float
    role_swaps: float  # shared verbs whose doer or object changed (see consistency_syntax)
    polarity_flips: float  # shared verbs negated on one side only
    modality_flips: float  # shared verbs hedged ("may", "could") on one side only
    unresolved_pronouns: float  # "he"/"she" with nobody named before it in the rewrite
    gender_clashes: float  # "she" for someone the source calls "he", and the reverse


def sentence_signals(ctx: CheckContext) -> tuple[SentenceSignals, ...]:
    """The signals of every rewrite sentence, in order."""
    src = profiles(ctx.source)
    carried = carried_names(ctx.source, src)
    rarity = weights(src)
    result = []
    for sentence, profile in zip(ctx.rewrite.sentences, profiles(ctx.rewrite)):
        alignment = ctx.alignment[sentence.id]
        local = [s.sentence for s in alignment.support if s.score >= LOCAL_SHARE * alignment.best]
        words = word_places(profile, src, carried, rarity)
        syntax = syntax_signals(ctx, sentence, local) if local else SyntaxSignals()
        result.append(SentenceSignals(sentence.id, *words, *syntax.as_tuple()))
    return tuple(result)


def word_places(
    profile: Profile,
    source: tuple[Profile, ...],
    carried: list[frozenset[str]],
    rarity: dict[str, float],
) -> tuple[float, float, float, float, float, float]:
    """Counts of (fact, verb, noun) words the source holds only out of place, and of those it holds nowhere.

    A word is in place when its :func:`locality` reaches :data:`WORD_IN_PLACE`: the rest of the sentence,
    not the word itself, decides where the sentence comes from, so a name swapped in from another sentence
    cannot pull the alignment its way. Faithful summaries fuse sentences and paraphrase, so only a word the
    rest of its sentence clearly does not come with counts.
    """
    counts = [0.0] * 6
    for placed in placements(profile, source, carried, rarity):
        word, place = placed.word, placed.place
        kind = 0 if _is_fact(word) else 1 if word.pos == "VERB" else 2 if word.pos in NOUN_POS else None
        if kind is None:
            continue
        if place >= WORD_IN_PLACE:
            continue
        counts[2 * kind + (0 if placed.anywhere else 1)] += 1.0
    return tuple(counts)  # type: ignore[return-value]


def locality(
    profile: Profile, source: tuple[Profile, ...], carried: list[frozenset[str]], rarity: dict[str, float]
) -> list[float]:
    """Per content word: how well the best source sentence holding it matches the *rest* of the sentence,
    relative to the best match of the rest anywhere (1: it stands where the rest comes from; 0: held nowhere).

    Matches are rarity-weighted shares of the sentence's other content words, as in alignment.
    """
    return [p.place for p in placements(profile, source, carried, rarity)]


@dataclass(frozen=True, slots=True)
class Placement:
    """Where the source holds one content word of a rewrite sentence."""

    word: Word
    place: float  # see locality: 1 where the rest of the sentence comes from, 0 held nowhere
    anywhere: bool  # some source sentence holds it (or refers back to it by pronoun)


def placements(
    profile: Profile, source: tuple[Profile, ...], carried: list[frozenset[str]], rarity: dict[str, float]
) -> list[Placement]:
    """One :class:`Placement` per content word of ``profile``, in order."""
    words = profile.words
    word_weights = [word_weight(w, rarity) for w in words]
    total = sum(word_weights)
    # One row per kind of source sentence (same keys, stems and carried names hold the same words): the
    # maxima below are the same over a group as over its members, and a repetitive text costs no more.
    held = [[_held(w, p, names) for w in words] for p, names in _sentences_alike(source, carried)]
    full = [sum(wt * h for wt, h in zip(word_weights, row)) for row in held]
    result = []
    for i, weight in enumerate(word_weights):
        rest = total - weight
        best_rest = best_with = 0.0
        for row, whole in zip(held, full):
            others = (whole - weight * row[i]) / rest if rest > 0 else 1.0
            best_rest = max(best_rest, others)
            if row[i]:
                best_with = max(best_with, row[i] * others)
        anywhere = any(row[i] for row in held)
        place = 0.0 if not anywhere else 1.0 if best_rest == 0 else min(1.0, best_with / best_rest)
        result.append(Placement(words[i], place, anywhere))
    return result


def _sentences_alike(
    source: tuple[Profile, ...], carried: list[frozenset[str]]
) -> list[tuple[Profile, frozenset[str]]]:
    """One (profile, carried names) per distinct pair of keys, stems and carried names, first seen first."""
    key = (id(source), id(carried))
    if _ALIKE[0] is not None and _ALIKE[0][0] == key and _ALIKE[0][1] is source and _ALIKE[0][2] is carried:
        return _ALIKE[0][3]
    seen: dict[tuple[frozenset[str], frozenset[str], frozenset[str]], tuple[Profile, frozenset[str]]] = {}
    for p, names in zip(source, carried):
        seen.setdefault((p.keys, p.stems, names), (p, names))
    alike = list(seen.values())
    _ALIKE[0] = (key, source, carried, alike)
    return alike


_ALIKE: list = [None]  # the last source asked about (every rewrite sentence of a check asks for the same one)


def carried_names(source: FactSheet, src: tuple[Profile, ...]) -> list[frozenset[str]]:
    """Per source sentence that refers back by pronoun ("She was 19"), the name words of the sentence before it."""
    doc = source.doc
    result: list[frozenset[str]] = []
    for sentence, profile in zip(source.sentences, src):
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand") if sentence.id else None
        if span is None or not any(t.lower_ in THIRD_PERSON and t.pos_ == "PRON" for t in span):
            result.append(frozenset())
            continue
        before = src[sentence.id - 1]
        result.append(frozenset(k for w in before.words if w.pos == "PROPN" for k in (w.lemma, w.lower)) - profile.keys)
    return result


def _held(word: Word, profile: Profile, carried: frozenset[str]) -> float:
    found = match(word, profile)
    if not found and (word.lemma in carried or word.lower in carried):
        return PRONOUN_CARRY
    return found


def _is_fact(word: Word) -> bool:
    return word.pos in FACT_POS or word.lemma.startswith("#")
