"""Planting a role swap: doer and object of one verb turned around ("Chelsea beat Arsenal" for "Arsenal beat Chelsea").

The planter has the signature of those in :mod:`bench.plants`: it finds a clause whose doer and object are
both names of different entities and exchanges the two names in a window of source sentences.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from bench.plants import SWAP_LABELS, Case, Planter, Pools, _edit, body_sentences, quoted


def _name_at(facts: Any, token: Any) -> Any | None:
    """The entity mention that is exactly the argument ``token`` heads (its whole subtree), if any."""
    start, end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)
    for entity in facts.entities:
        if entity.label not in SWAP_LABELS:
            continue
        for m in entity.mentions:
            if m.start == start and m.end == end:
                return entity, m
    return None


def _clauses(facts: Any) -> Iterator[tuple[Any, Any, Any]]:
    """(sentence, doer mention, object mention) of every active clause naming two different entities."""
    for sentence in body_sentences(facts):
        span = facts.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        for verb in span if span is not None else ():
            if verb.pos_ != "VERB":
                continue
            doer = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
            done_to = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
            if doer is None or done_to is None:
                continue
            a, b = _name_at(facts, doer), _name_at(facts, done_to)
            if a is None or b is None or a[0].id == b[0].id or a[1].text == b[1].text:
                continue
            if quoted(facts, a[1].start, b[1].end):
                continue
            yield sentence, a[1], b[1]


def plant_roles_swapped(facts: Any, pools: Pools, rng: random.Random, **_: Any) -> Case | None:
    """Doer and object of a verb exchanged, both names from the same clause."""
    options = list(_clauses(facts))
    if not options:
        return None
    sentence, doer, done_to = rng.choice(options)
    middle = facts.text[doer.end : done_to.start]
    new = done_to.text + middle + doer.text
    note = f"{doer.text}{middle}{done_to.text} → {new}"
    return _edit(facts, sentence, rng, doer.start, done_to.end, new, "roles-swapped", note)


PLANTERS: dict[str, Planter] = {"roles-swapped": plant_roles_swapped}
