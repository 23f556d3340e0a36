"""Resolving a pronoun that opens a lifted sentence ("He insisted, …") to its named antecedent.

A "he" or "his" is replaced only on a certain link of the article's referent resolver
(``FactSheet.referents``, :mod:`retold.analyze.referents`), by the words the article itself uses for that
person; anything less than certain stays unresolved, and the caller leaves the sentence out. A plural
"they" opening a sentence takes the named group that opens the sentence before ("NATO members").
"""

from __future__ import annotations

from typing import Any

from retold.analyze.referents import PERSON_NOUNS as PERSON_NOUNS  # read by select: one list of person nouns
from retold.analyze.referents import Link, is_person
from retold.types import FactSheet

PERSONAL = {"he", "she", "him"}
POSSESSIVE = {"his", "her"}
PLURAL = {"they", "their"}
UNRESOLVABLE = {"it", "its", "this", "that", "these", "those", "we", "our", "i", "my", "you", "your", "them"}


def is_pronoun(tok: Any) -> bool:
    return tok.lower_ in PERSONAL | POSSESSIVE | PLURAL | UNRESOLVABLE and tok.pos_ == "PRON"


def person_antecedent(facts: FactSheet, sentence_id: int, pronoun: str = "he", at: int | None = None) -> str | None:
    """The name the "he"/"she" at offset ``at`` (the first such pronoun of sentence ``sentence_id`` by
    default) refers to, in the source's own words, when the resolver is certain; None when it is not."""
    link = _link_at(facts, sentence_id, pronoun, at)
    return link.name if link is not None else None


def _link_at(facts: FactSheet, sentence_id: int, pronoun: str, at: int | None) -> Link | None:
    referents = facts.referents
    if referents is None:
        return None
    if at is None:
        sentence = facts.sentences[sentence_id]
        span = facts.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        words = [t for t in span if t.lower_ == pronoun.lower()] if span is not None else []
        if not words:
            return None
        at = words[0].idx
    link = referents.resolve(at)
    if link is None or facts.entities[link.entity].label != "PERSON":
        return None
    return link


def group_antecedent(facts: FactSheet, sentence_id: int) -> str | None:
    """The named plural subject ("NATO members", "Ukrainians") of the previous sentence, when there is one."""
    if sentence_id == 0:
        return None
    prev = facts.sentences[sentence_id - 1]
    span = facts.doc.char_span(prev.start, prev.end, alignment_mode="expand") if prev.start < prev.end else None
    if span is None:
        return None
    subjects = [t for t in span if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
    if len(subjects) != 1:
        return None
    head = subjects[0]
    if head.left_edge.i != span[0].i:
        return None  # only a sentence that opens on its subject hands it on to "they"
    if head.tag_ not in ("NNS", "NNPS") and head.ent_type_ != "NORP":
        return None
    phrase = list(head.subtree)
    if len(phrase) > 5 or not any(t.ent_type_ in ("ORG", "NORP", "GPE") for t in phrase):
        return None
    text = facts.text[phrase[0].idx : phrase[-1].idx + len(phrase[-1].text)]
    return text[0].upper() + text[1:]


def resolve(facts: FactSheet, sentence_id: int, tok: Any) -> str | None:
    """The words to put in place of the opening pronoun ``tok``, or None when unclear."""
    word = tok.lower_
    at = tok.idx if tok.idx > facts.sentences[sentence_id].start else None
    if word in PERSONAL:
        return person_antecedent(facts, sentence_id, word, tok.idx)
    if word in POSSESSIVE and tok.tag_ == "PRP$":
        name = person_antecedent(facts, sentence_id, word, tok.idx)
        return f"{name}\u2019s" if name else None
    if at is not None and word in PLURAL:
        return None  # a plural inside a sentence: its antecedent is in the words cut away
    if word == "they" and tok.dep_ in ("nsubj", "nsubjpass"):
        return group_antecedent(facts, sentence_id)
    if word == "their":
        name = group_antecedent(facts, sentence_id)
        return f"{name}\u2019" if name and name.endswith("s") else (f"{name}\u2019s" if name else None)
    return None


_INNER = frozenset({"he", "she", "him", "his", "her", "it", "its"})


def unsettled_pronoun(facts: FactSheet, tokens: Any, kept: set[int], replace: dict[int, str]) -> bool:
    """Whether a pronoun kept inside a lifted sentence may be read as someone the source does not mean.

    ``tokens`` are the sentence's tokens, ``kept`` the indices of those the item keeps (outside quotations),
    ``replace`` the pronouns already given a name. A pronoun is settled when the words it refers to are kept
    in the item ("Smith said his plan…"), or when the person or company it refers to is named in the item
    (and, when the link is not certain, is the only one the item names). Anything else ("its emissions" in a sentence about a second company, lifted beside the
    first's figures) would be read as the last name the reader saw, so the item is better left out.
    """
    referents = facts.referents
    if referents is None:
        return False
    kept_tokens = [t for t in tokens if t.i in kept]
    if not kept_tokens:
        return False
    start, end = kept_tokens[0].idx, kept_tokens[-1].idx + len(kept_tokens[-1].text)
    for tok in kept_tokens:
        if tok.i in replace or tok.lower_ not in _INNER or not (tok.pos_ == "PRON" or tok.tag_ == "PRP$"):
            continue
        link = referents.link(tok.idx)
        if link is None:
            if (
                tok.lower_ in ("it", "its")
                and _company_in_view(facts, tok.idx)
                and not any(t.ent_type_ == "ORG" for t in kept_tokens if t.i < tok.i)
            ):
                return True  # two companies in view, neither named here: whose figures, the item cannot say
            continue  # nobody in view: the dangling-pronoun rules of the caller decide
        a, b = link.antecedent
        if start <= a and b <= tok.idx and any(t.idx == a or (t.idx <= a < t.idx + len(t.text)) for t in kept_tokens):
            continue  # the words it stands for are in the item, before it
        kept_at = {t.idx for t in kept_tokens}
        alike = is_person if is_person(facts.entities[link.entity]) else (lambda e: e.label == "ORG")
        named = {
            e.id
            for e in facts.entities
            if alike(e)
            for m in e.mentions
            if start <= m.start < end and m.start in kept_at
        }
        if link.entity in named and (link.certain or named == {link.entity}):
            continue  # "Since she took office, Ana Lopez has …": the one person the item names
        return True
    return False


def _company_in_view(facts: FactSheet, offset: int) -> bool:
    """An organisation named in the sentence of ``offset`` or the one before, ahead of it."""
    sid = next((s.id for s in facts.sentences if s.start <= offset < s.end), None)
    if sid is None:
        return False
    floor = facts.sentences[max(sid - 1, 0)].start
    return any(e.label == "ORG" and any(floor <= m.start < offset for m in e.mentions) for e in facts.entities)
