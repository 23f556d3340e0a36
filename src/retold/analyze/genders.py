"""Which pronoun a text uses for each person it names, worked out once per text by :func:`genders_of`.

``FactSheet.genders`` is what every stage that reads a pronoun asks: analyze, to pass over a person the
narration calls by the other pronoun when it finds who said a quotation, and the rewriter, before it puts a
name in place of an opening "he" (``people``); the checker, for a rewrite's "she" where the source says "he"
(``names``). A rewrite is analysed by the same function.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from retold.analyze.speakers import QuotedIndex
from retold.lexicon import FEMININE, MASCULINE
from retold.types import Entity, Genders

# Titles the narration counts with the pronouns; without their full stop, as the words are tokens.
_MALE_WORDS = MASCULINE | {"mr"}
_FEMALE_WORDS = FEMININE | {"mrs", "ms", "miss"}


def person_genders(doc: Any, entities: Sequence[Entity], quoted: Sequence[Any] = ()) -> dict[int, str]:
    """The pronoun the narration uses for each person: the one that outnumbers the other, outside the
    quotations ``quoted`` (objects with ``start`` and ``end``, sorted), in the sentences where that person is
    the only one named and is the subject. People with no such sentence, or as many of each, are left out."""
    people = sorted((m.start, m.end, e.id) for e in entities if e.label == "PERSON" for m in e.mentions)
    starts = [p[0] for p in people]
    inside_quote = QuotedIndex(quoted)
    votes: dict[int, list[int]] = {}
    sents = list(doc.sents)
    for k, sent in enumerate(sents):
        named = people[bisect.bisect_left(starts, sent.start_char) : bisect.bisect_left(starts, sent.end_char)]
        if len({eid for _, _, eid in named}) != 1:
            continue
        after = sents[k + 1] if k + 1 < len(sents) else None
        if (
            after is not None
            and after[0].lower_ in ("he", "she")
            and inside_quote.at(after[0].idx) is None
            and not (people[bisect.bisect_left(starts, after.start_char) : bisect.bisect_left(starts, after.end_char)])
        ):  # "Rutte has now said … . He insisted …": the next sentence opens on the same person
            words_after = [after[0].lower_]
        else:
            words_after = []
        s, e, eid = named[0]
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or span.root.dep_ not in ("nsubj", "nsubjpass"):
            continue
        words = [t.lower_ for t in sent if inside_quote.at(t.idx) is None]
        if not any(w in _MALE_WORDS | _FEMALE_WORDS for w in words):
            words += words_after
        tally = votes.setdefault(eid, [0, 0])
        tally[0] += sum(w in _MALE_WORDS for w in words)
        tally[1] += sum(w in _FEMALE_WORDS for w in words)
    return {eid: "m" if m > f else "f" for eid, (m, f) in votes.items() if m != f}


def pronoun_gender(word: str) -> str | None:
    """ "m" for "he", "him", "his", "himself"; "f" for "she", "her", "hers", "herself"; else None."""
    word = word.lower()
    return "m" if word in MASCULINE else "f" if word in FEMININE else None


def genders_of(doc: Any, entities: Sequence[Entity], quoted: Sequence[Any] = ()) -> Genders:
    return Genders(person_genders(doc, entities, quoted), name_genders(doc))


def name_genders(doc: Any) -> dict[str, str]:
    """Name word → gender, for the people a text refers back to with one gender only: each "he" or "she"
    read as meaning the last person spaCy tags before it, in its own sentence or the one before."""
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    ends = [e.end for e in people]
    sentence_starts = [s.start for s in doc.sents]
    seen: dict[str, set[str]] = {}
    for token in doc:
        gender = pronoun_gender(token.lower_)
        if gender is None or token.pos_ != "PRON":
            continue
        earlier = bisect.bisect_right(sentence_starts, token.i)  # sentences starting at or before it
        floor = sentence_starts[earlier - 2] if earlier > 1 else 0
        last = bisect.bisect_right(ends, token.i) - 1
        if last < 0 or people[last].start < floor:
            continue
        person = people[last]
        lo, hi = person.root.left_edge.i, person.root.right_edge.i
        for word in (t.lower_ for t in person if lo <= t.i <= hi and t.is_alpha and not t.is_stop):
            seen.setdefault(word, set()).add(gender)
    return {w: next(iter(g)) for w, g in seen.items() if len(g) == 1}
