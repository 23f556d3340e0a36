"""The faithfulness score: how much of the rewrite the source backs, lowered by what the detectors found (0–1).

Each content word of a claim sentence is backed fully when one of the sentence's best-supporting source
sentences holds it, partly when only some other source sentence does, and not at all otherwise; each
head–dependent pair of content words is backed when both words stand in one source sentence (so "Rockwell
was the operator" is not backed by two sentences that each name one of them). Words weigh by rarity, as in
alignment. Findings then scale the result down by severity; so do meaning flips against weaker support
(too uncertain to report) and a rewrite that opens on a pronoun nobody was named for.
"""

from __future__ import annotations

from retold.check.align import Profile, Word, match, profiles, weights, word_weight
from retold.check.context import CheckContext
from retold.check.detectors.claim import STRONG_SUPPORT, flips, is_claim
from retold.types import Finding

ELSEWHERE_CREDIT = 0.35  # a word the source uses, but not where the rewrite's fact comes from
PAIR_SHARE = 0.35  # how much of a sentence's support rests on its word pairs
LOCAL_SHARE = 0.5  # supporting sentences scoring at least this share of the best one count as local
PENALTY = {"error": 0.55, "warning": 0.85, "info": 1.0}
WEAK_FLIP_FLOOR = 0.2  # flips against weaker support are not findings, but still cost score
WEAK_FLIP_PENALTY = 0.7
UNRESOLVED_PRONOUN_PENALTY = 0.85
_PRONOUNS = frozenset("he she it they him her his its their them".split())
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "PRODUCT", "WORK_OF_ART"})


def faithfulness(ctx: CheckContext, findings: tuple[Finding, ...] | list[Finding]) -> float:
    """Support of the rewrite by the source (weighted over its sentences), times a factor per finding."""
    src = profiles(ctx.source)
    rarity = weights(src)
    total_weight = 0.0
    total = 0.0
    for sentence, profile in zip(ctx.rewrite.sentences, profiles(ctx.rewrite)):
        if not profile.words or not is_claim(sentence):
            continue
        alignment = ctx.alignment[sentence.id]
        # Only sentences nearly as good as the best are where this sentence's facts come from.
        supporting = [src[s.sentence] for s in alignment.support if s.score >= LOCAL_SHARE * alignment.best]
        score = sentence_support(profile, supporting, src, rarity)
        weight = sum(word_weight(w, rarity) for w in profile.words)
        total += score * weight
        total_weight += weight
    base = total / total_weight if total_weight else 1.0
    for finding in findings:
        base *= PENALTY[finding.severity]
    weak = [f for f in flips(ctx, WEAK_FLIP_FLOOR) if ctx.alignment[f.sentence].best < STRONG_SUPPORT]
    base *= WEAK_FLIP_PENALTY ** len(weak)
    if opens_with_unresolved_pronoun(ctx):
        base *= UNRESOLVED_PRONOUN_PENALTY
    return round(max(0.0, min(1.0, base)), 4)


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
            if token.lower_ in _PRONOUNS and token.dep_ in ("nsubj", "nsubjpass", "poss"):
                return True
        return False
    return False

