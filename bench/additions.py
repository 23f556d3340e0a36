"""Planting material that does not belong in a rewrite: an invented claim, prompt leakage, boilerplate blocks.

Each planter has the signature of those in :mod:`bench.plants` and adds its material to a faithful
base text: the article's reference summary, its builtin rewrite, or two consecutive sentences.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from bench.plants import SWAP_LABELS, Case, Planter, Pools, body_sentences, is_name, pick

FABRICATED_CLAIMS = (
    "Critics say {name} has repeatedly misled the public about the matter.",
    "{name} later admitted that the whole plan had been a mistake.",
    "The move is widely seen as a major defeat for {name}.",
    "{name} is now facing mounting calls to step aside.",
    "Observers expect {name} to reverse course within weeks.",
)
LEAKAGE = (
    ("prefix", "Here is the rewritten article:"),
    ("prefix", "Sure! Here's a rewritten version of the article in a neutral, engaging tone:"),
    ("suffix", "(no links, just mention)"),
    ("suffix", "As an AI language model, I cannot verify these claims."),
    ("line", "[insert quote from a local official here]"),
    ("line", "{{call_to_action}}"),
)
CALLS_TO_ACTION = (
    "Subscribe to our newsletter to get the latest news delivered to your inbox every morning.",
    "Enjoyed this story? Sign up for our free daily briefing and never miss an update.\n"
    "Follow us on social media for breaking news as it happens.",
    "Don't miss out: join thousands of readers who get our weekly digest. Subscribe now!",
    "Share this article with your friends and tell us what you think in the comments below.",
)
HEADLINE_HEADERS = ("Read more related news:", "Related:", "You may also like", "More from this section:")


def _addition_base(facts: Any, rng: random.Random, bases: Mapping[str, str]) -> tuple[str, str] | None:
    """(name, text) of a faithful text to add material to: one of ``bases`` or two consecutive sentences."""
    body = body_sentences(facts)
    options = list(bases.items())
    if len(body) >= 2:
        i = rng.randrange(len(body) - 1)
        options.append(("window", " ".join(facts.text[s.start : s.end] for s in body[i : i + 2])))
    return pick(rng, options)


def _append(base: tuple[str, str], addition: str, sep: str, kind: str, note: str) -> Case:
    text = base[1].rstrip() + sep
    return Case(kind, text + addition, len(text), len(text) + len(addition), note, base=base[0])


def plant_sentence_fabricated(facts: Any, pools: Pools, rng: random.Random, *, bases: Mapping[str, str],
                              **_: Any) -> Case | None:
    """An invented claim about one of the article's actors, with no new name, number or date."""
    # The article's main actors: the most often mentioned names.
    actors = sorted((e for e in facts.entities if e.label in SWAP_LABELS and is_name(e.name)),
                    key=lambda e: (-len(e.mentions), e.id))[:3]
    base = _addition_base(facts, rng, bases)
    if not actors or base is None:
        return None
    claim = rng.choice(FABRICATED_CLAIMS).format(name=rng.choice(actors).name)
    return _append(base, claim, "\n\n" if "\n" in base[1] else " ", "sentence-fabricated", claim)


def plant_leakage(facts: Any, pools: Pools, rng: random.Random, *, bases: Mapping[str, str], **_: Any) -> Case | None:
    """A prompt or model artefact: a preamble, a leaked instruction, a template slot."""
    base = _addition_base(facts, rng, bases)
    if base is None:
        return None
    where, artefact = rng.choice(LEAKAGE)
    if where == "prefix":
        return Case("leakage", artefact + "\n\n" + base[1], 0, len(artefact), artefact, base=base[0])
    return _append(base, artefact, " " if where == "suffix" else "\n\n", "leakage", artefact)


def plant_call_to_action(facts: Any, pools: Pools, rng: random.Random, *, bases: Mapping[str, str],
                         **_: Any) -> Case | None:
    """A newsletter / subscribe / share block appended."""
    base = _addition_base(facts, rng, bases)
    if base is None:
        return None
    block = rng.choice(CALLS_TO_ACTION)
    return _append(base, block, "\n\n", "call-to-action", block.split("\n")[0])


def plant_related_headlines(facts: Any, pools: Pools, rng: random.Random, *, index: int = -1,
                            bases: Mapping[str, str], **_: Any) -> Case | None:
    """A "related news" block of other articles' headlines appended."""
    base = _addition_base(facts, rng, bases)
    others = [h for i, h in pools.headlines if i != index]
    if base is None or len(others) < 3:
        return None
    block = "\n".join([rng.choice(HEADLINE_HEADERS), *rng.sample(others, rng.choice((2, 3)))])
    return _append(base, block, "\n\n", "related-headlines", block.split("\n")[1])


PLANTERS: dict[str, Planter] = {
    "sentence-fabricated": plant_sentence_fabricated,
    "leakage": plant_leakage,
    "call-to-action": plant_call_to_action,
    "related-headlines": plant_related_headlines,
}
