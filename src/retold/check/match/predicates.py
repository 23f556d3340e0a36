"""Invented sentences: a rewrite clause whose main predicate no source sentence states with its arguments.

Every name in "More than 40 women were trafficked by the ring" may be in the article, and most of its words
too, while the article never says that anyone trafficked 40 women. A clause's predicate (its main verb, the
claim a "said" introduces, or the noun or adjective after "is") is backed when one source sentence holds the
predicate — its lemma, its word family (a shared stem: "trafficking"/"trafficked") or a verb or noun of the same
WordNet sense ("probe"/"investigate") — together with at least one of the clause's arguments (doer, object,
complement, the object of a preposition), and, when an argument carries a figure written in digits ("more than
40" is read as the number 40), that figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from retold.check.align import Profile, profiles, stem
from retold.check.context import CheckContext
from retold.check.match.meaning import is_claim
from retold.check.memo import per_object
from retold.lexicon import REPORTING
from retold.types import FactSheet
from retold.wordnet import POS_OF_TAG, same_sense

_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "acomp", "oprd", "dative"})
_PREDICATE_POS = frozenset({"VERB", "NOUN", "ADJ"})
_LIGHT = frozenset({"be", "have", "do", "get", "make", "take", "go", "come", "become", "remain", "seem"})


@dataclass(frozen=True, slots=True)
class Unbacked:
    """A rewrite clause whose predicate no source sentence states with any of its arguments."""

    sentence: int  # rewrite Sentence.id
    start: int  # the predicate word
    end: int
    predicate: str
    arguments: tuple[str, ...]  # the argument words looked for (figures as "#40")
    with_figure: bool  # an argument carries a figure the source never states with this predicate


def unbacked_predicates(ctx: CheckContext) -> list[Unbacked]:
    found = []
    source = profiles(ctx.source)
    for sentence, profile in zip(ctx.rewrite.sentences, profiles(ctx.rewrite)):
        if not is_claim(sentence):
            continue
        span = ctx.rewrite.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        predicate = _predicate(span.root)
        if predicate is None:
            continue
        arguments = _arguments(ctx.rewrite, predicate, profile)
        if not arguments:
            continue
        figures = {a for a in arguments if a.startswith("#")}
        said = _sentence_lemmas(ctx.source)
        if any(_backs(p, said[p.sentence], predicate, arguments, figures) for p in source):
            continue
        found.append(
            Unbacked(
                sentence.id,
                predicate.idx,
                predicate.idx + len(predicate.text),
                predicate.text,
                tuple(sorted(arguments)),
                bool(figures)
                and any(_backs(p, said[p.sentence], predicate, arguments - figures, set()) for p in source),
            )
        )
    return found


def _predicate(root: Any) -> Any | None:
    """The clause's content predicate: through "said" to its claim, through "is" to its complement."""
    token = root
    if token.lemma_.lower() in REPORTING:
        claims = [c for c in token.children if c.dep_ == "ccomp"]
        if not claims:
            return None
        token = claims[0]
    if token.lemma_.lower() == "be":
        complements = [c for c in token.children if c.dep_ in ("attr", "acomp")]
        if not complements:
            return None
        token = complements[0]
    acts = [c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
    if token.pos_ == "ADJ" and acts:  # "able to receive", "likely to sidestep": the act is the claim
        token = acts[0]
    if token.pos_ not in _PREDICATE_POS or token.lemma_.lower() in _LIGHT:
        return None
    return token


def _arguments(facts: FactSheet, predicate: Any, profile: Profile) -> set[str]:
    """Keys of the predicate's arguments: each argument's head lemma, its names, and the figures inside it."""
    keys: set[str] = set()
    heads = [c for c in predicate.children if c.dep_ in _ARGUMENT_DEPS]
    heads += [
        g for c in predicate.children if c.dep_ in ("agent", "prep") for g in c.children if g.dep_ in ("pobj", "pcomp")
    ]
    if predicate.dep_ in ("attr", "acomp"):  # "X is the ringleader": X is the argument
        heads += [c for c in predicate.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    for head in heads:
        if head.pos_ == "PRON":
            continue
        lo, hi = head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)
        inside = [w for w in profile.words if lo <= w.start < hi]
        keys |= {w.lemma for w in inside if w.pos in ("NOUN", "PROPN")}
        # Figures before the head count ("more than 40 women"); one after it is an age or an aside ("Lee, 41,").
        keys |= {
            w.lemma
            for w in inside
            if w.lemma.startswith("#") and w.start < head.idx and head.pos_ != "NUM" and _a_figure(facts, w.start)
        }
    return keys


def _a_figure(facts: FactSheet, start: int) -> bool:
    """A figure worth holding the source to: written in digits ("40", "2.5m"), not a count word ("the two
    ministers" is "the pair") nor an age ("the 26-year-old" is "Ings, 26,")."""
    return any(n.start == start and any(ch.isdigit() for ch in n.text) and n.unit != "year-old" for n in facts.numbers)


@per_object
def _sentence_lemmas(facts: FactSheet) -> tuple[frozenset[str], ...]:
    """Every lemma of each sentence, stop words too: "used" and "put" are predicates, not content words."""
    out = []
    for sentence in facts.sentences:
        span = facts.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        out.append(frozenset(t.lemma_.lower() for t in span or ()))
    return tuple(out)


def _backs(profile: Profile, lemmas: frozenset[str], predicate: Any, arguments: set[str], figures: set[str]) -> bool:
    if figures and not figures <= profile.keys:
        return False
    if not (arguments - figures) & profile.keys and not figures:
        return False
    return _holds_predicate(profile, lemmas, predicate)


def _holds_predicate(profile: Profile, lemmas: frozenset[str], predicate: Any) -> bool:
    lemma = predicate.lemma_.lower()
    if lemma in lemmas or lemma in profile.keys or stem(lemma) in profile.stems:
        return True
    if any(_one_family(lemma, w.lemma) for w in profile.words):
        return True
    pos = POS_OF_TAG.get(predicate.pos_, "")
    return any(w.pos in _PREDICATE_POS and same_sense(lemma, w.lemma, pos, POS_OF_TAG[w.pos]) for w in profile.words)


def _one_family(a: str, b: str) -> bool:
    """ "meet"/"meeting", "invest"/"investment": one word the other's start, four letters or more."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short)
