"""The faithfulness score: how likely the rewrite is to be free of errors, given the evidence against it (0–1).

The score starts at 1 and is multiplied by ``exp(−weight)`` for each piece of evidence of unfaithfulness,
so it reads ``exp(−Σ evidence)`` and is comparable across rewrites of any length or style: paraphrase
costs little, a planted error much. The evidence:

- findings, by severity and kind (an unknown number weighs more than a misquoted article);
- content words the whole article lacks: a name or number far more than a common word, and a verb the
  least, since faithful summaries paraphrase verbs freely;
- names and numbers the article holds only away from where the rest of their sentence comes from;
- negation flips and "she" for someone the source calls "he" (:mod:`retold.check.consistency_syntax`),
  meaning flips against weak support (too uncertain to report), a rewrite opening on a pronoun;
- a little of the lexical shortfall (how much of the rewrite the source does not back word for word),
  which keeps the score continuous so two rewrites rarely tie.

Weights were set by hand on BUMP task 2 and on synthetic minimal pairs planted in its reference
summaries (names, numbers, dates, verbs swapped in from the article or from elsewhere; negations; pronoun
genders); BUMP task 1 is held out for evaluation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from retold.check.align import Profile, Word, match, profiles, weights, word_weight
from retold.check.consistency import (
    LOCAL_SHARE,
    WORD_IN_PLACE,
    Placement,
    carried_names,
    placements,
    sentence_signals,
)
from retold.check.context import CheckContext
from retold.check.match.meaning import STRONG_SUPPORT, flips, is_claim
from retold.lexicon import THIRD_PERSON
from retold.types import Finding

ERROR_WEIGHT = {
    "entity": 0.5,
    "number": 0.8,
    "date": 0.5,
    "claim": 1.2,
    "quote": 0.2,
    "paraphrase-quote": 0.2,
    "attribution": 0.5,
    "leakage": 1.0,
    "boilerplate": 0.5,
}
OTHER_ERROR_WEIGHT = 0.3
WARNING_WEIGHT = 0.05
# Per content word the whole article lacks, by word class ("fact": a name or a number).
ABSENT_WEIGHT = {"fact": 0.1, "ADJ": 0.05, "NOUN": 0.05, "ADV": 0.05, "VERB": 0.02}
ABSENT_OTHER_WEIGHT = 0.1
# Per content word the article holds only away from where the rest of its sentence comes from.
ELSEWHERE_WEIGHT = {"fact": 0.05}
SIGNAL_WEIGHT = {"polarity_flips": 0.2, "gender_clashes": 0.8}
WEAK_FLIP_FLOOR = 0.2  # flips against weaker support are not findings, but still count as evidence
WEAK_FLIP_WEIGHT = 0.1
UNRESOLVED_PRONOUN_WEIGHT = 0.15
SHORTFALL_WEIGHT = 0.8
ELSEWHERE_CREDIT = 0.35  # lexical support: a word the source uses, but not where the rewrite's fact comes from
PAIR_SHARE = 0.35  # lexical support: how much of a sentence's support rests on its word pairs
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "PRODUCT", "WORK_OF_ART"})
_FACT_POS = frozenset({"PROPN", "NUM"})


@dataclass(frozen=True, slots=True)
class ScoreBreakdown:
    """The weighted evidence of unfaithfulness behind a score, by source; ``score == exp(−total)``."""

    findings: float = 0.0
    absent_words: float = 0.0
    misplaced_words: float = 0.0
    syntax: float = 0.0
    shortfall: float = 0.0

    @property
    def total(self) -> float:
        return self.findings + self.absent_words + self.misplaced_words + self.syntax + self.shortfall


def faithfulness(ctx: CheckContext, findings: tuple[Finding, ...] | list[Finding]) -> float:
    """``exp(−Σ evidence)``: 1 for a rewrite with nothing against it, lower with each piece of evidence."""
    return round(math.exp(-breakdown(ctx, findings).total), 4)


def breakdown(ctx: CheckContext, findings: tuple[Finding, ...] | list[Finding]) -> ScoreBreakdown:
    """Every piece of evidence of unfaithfulness in the rewrite, weighted and summed by source."""
    absent, misplaced = word_evidence(ctx)
    return ScoreBreakdown(
        findings=finding_evidence(findings),
        absent_words=absent,
        misplaced_words=misplaced,
        syntax=syntax_evidence(ctx),
        shortfall=SHORTFALL_WEIGHT * (1.0 - lexical_support(ctx)),
    )


def finding_evidence(findings: tuple[Finding, ...] | list[Finding]) -> float:
    """Errors by kind, warnings alike; omissions (info) are what a summary is for."""
    total = 0.0
    for finding in findings:
        if finding.severity == "error":
            total += ERROR_WEIGHT.get(finding.kind, OTHER_ERROR_WEIGHT)
        elif finding.severity == "warning":
            total += WARNING_WEIGHT
    return total


def word_evidence(ctx: CheckContext) -> tuple[float, float]:
    """(words the article lacks, words it holds only out of place), weighted, over the rewrite's claims."""
    src = profiles(ctx.source)
    rarity = weights(src)
    carried = carried_names(ctx.source, src)
    absent = misplaced = 0.0
    for sentence, profile in zip(ctx.rewrite.sentences, profiles(ctx.rewrite)):
        if not profile.words or not is_claim(sentence):
            continue
        for placed in placements(profile, src, carried, rarity):
            absent += absent_weight(placed)
            if placed.anywhere and placed.place < WORD_IN_PLACE:
                misplaced += ELSEWHERE_WEIGHT.get(_word_class(placed.word), 0.0)
    return absent, misplaced


def absent_weight(placed: Placement) -> float:
    """The evidence one word the article lacks gives, by its class: a name or number far more than a verb."""
    return 0.0 if placed.anywhere else ABSENT_WEIGHT.get(_word_class(placed.word), ABSENT_OTHER_WEIGHT)


def _word_class(word: Word) -> str:
    return "fact" if word.pos in _FACT_POS or word.lemma.startswith("#") else word.pos


def syntax_evidence(ctx: CheckContext) -> float:
    """Negation flips and gender clashes against the supporting sentences; weak flips; an opening pronoun."""
    total = 0.0
    for sentence, signals in zip(ctx.rewrite.sentences, sentence_signals(ctx)):
        if is_claim(sentence):
            total += sum(weight * getattr(signals, name) for name, weight in SIGNAL_WEIGHT.items())
    weak = [f for f in flips(ctx, WEAK_FLIP_FLOOR) if ctx.alignment[f.sentence].best < STRONG_SUPPORT]
    total += WEAK_FLIP_WEIGHT * len(weak)
    if opens_with_unresolved_pronoun(ctx):
        total += UNRESOLVED_PRONOUN_WEIGHT
    return total


def lexical_support(ctx: CheckContext) -> float:
    """How much of the rewrite the source backs word for word (weighted over its claim sentences), 0–1.

    Each content word is backed fully when one of its sentence's best-supporting source sentences holds
    it, partly when only some other source sentence does; each head–dependent pair of content words is
    backed when both stand in one source sentence.
    """
    src = profiles(ctx.source)
    rarity = weights(src)
    total_weight = total = 0.0
    for sentence, profile in zip(ctx.rewrite.sentences, profiles(ctx.rewrite)):
        if not profile.words or not is_claim(sentence):
            continue
        alignment = ctx.alignment[sentence.id]
        supporting = [src[s.sentence] for s in alignment.support if s.score >= LOCAL_SHARE * alignment.best]
        weight = sum(word_weight(w, rarity) for w in profile.words)
        total += sentence_support(profile, supporting, src, rarity) * weight
        total_weight += weight
    return total / total_weight if total_weight else 1.0


def sentence_support(
    profile: Profile, supporting: list[Profile], source: tuple[Profile, ...], rarity: dict[str, float]
) -> float:
    """Word support blended with word-pair support, 0–1."""
    words = profile.words
    weight = sum(word_weight(w, rarity) for w in words) or 1.0
    held = 0.0
    for w in words:
        local = max((match(w, p) for p in supporting), default=0.0)
        anywhere = max((match(w, p) for p in source), default=0.0) if local < 1.0 else 1.0
        held += word_weight(w, rarity) * max(local, ELSEWHERE_CREDIT * anywhere)
    word_score = held / weight
    pairs = [(w, h) for w in words if (h := _head(w, words))]
    if not pairs:
        return word_score
    backed = sum(1.0 for w, h in pairs if any(match(w, p) and match(h, p) for p in source))
    return (1 - PAIR_SHARE) * word_score + PAIR_SHARE * backed / len(pairs)


def _head(word: Word, words: tuple[Word, ...]) -> Word | None:
    if not word.head:
        return None
    return next((w for w in words if w.lemma == word.head and w is not word), None)


def opens_with_unresolved_pronoun(ctx: CheckContext) -> bool:
    """The rewrite's first claim makes a pronoun its subject before naming anyone: who is meant is a guess."""
    doc = ctx.rewrite.doc
    for sentence in ctx.rewrite.sentences:
        if not is_claim(sentence):
            continue
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        for token in span if span is not None else ():
            if token.ent_type_ in _NAMED or token.pos_ == "PROPN":
                return False
            if token.lower_ in THIRD_PERSON and token.dep_ in ("nsubj", "nsubjpass", "poss"):
                return True
        return False
    return False
