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
# Prompt leakage, calls to action and "related" blocks are composed from parts, so the probes are not a
# handful of fixed strings a rule could be written for: each case draws its own wording.
_LEAK_OPENERS = ("Sure!", "Certainly.", "Of course!", "Absolutely —", "Okay,", "Great question!", "")
_LEAK_VERBS = ("Here is", "Here's", "Below is", "I've written", "I have prepared", "This is")
_LEAK_WHAT = (
    "the rewritten article",
    "a rewritten version of the article",
    "your explainer",
    "the revised story",
    "a simplified version",
    "a concise summary of the article",
    "the condensed text",
    "the reworked piece",
)
_LEAK_HOW = (
    "",
    " in a neutral, engaging tone",
    " for a general audience",
    " in plain English",
    " as requested",
    " in about 300 words",
    " following your guidelines",
    " with the key facts first",
)
_LEAK_AI = ("As an AI language model,", "As an AI,", "Please note that", "Note:", "Disclaimer:", "Just so you know,")
_LEAK_CANNOT = (
    "I cannot verify",
    "I can't confirm",
    "I was unable to check",
    "I don't have access to verify",
    "I have not fact-checked",
)
_LEAK_OBJECT = ("these claims", "the figures above", "this information", "the quotes", "the details in this article")
_LEAK_AFTER = (
    "Let me know if you'd like any changes!",
    "I hope this helps!",
    "Would you like me to shorten it further?",
    "Feel free to ask for a different tone.",
    "(no links, just mention)",
    "(word count: {n})",
)
_SLOT_WHAT = (
    "quote from a local official",
    "image",
    "link to source",
    "expert comment",
    "date of the event",
    "photo caption",
    "author bio",
)
_SLOT_FORMS = ("[insert {what} here]", "[{WHAT}]", "<TODO: add {what}>", "{{{{{snake}}}}}", "[Add {what}]")


def leakage_artefact(rng: random.Random) -> tuple[str, str]:
    """(where, text): a model's preamble, its closing remark or note, or a template slot left unfilled."""
    where = rng.choice(("prefix", "suffix", "line"))
    if where == "prefix":
        opener, verb = rng.choice(_LEAK_OPENERS), rng.choice(_LEAK_VERBS)
        if opener.endswith((",", "—")):
            verb = verb[:1].lower() + verb[1:] if not verb.startswith("I") else verb
        return where, f"{opener} {verb} {rng.choice(_LEAK_WHAT)}{rng.choice(_LEAK_HOW)}:".strip()
    if where == "suffix":
        if rng.random() < 0.5:
            return where, f"{rng.choice(_LEAK_AI)} {rng.choice(_LEAK_CANNOT)} {rng.choice(_LEAK_OBJECT)}."
        return where, rng.choice(_LEAK_AFTER).format(n=rng.randrange(180, 420))
    what = rng.choice(_SLOT_WHAT)
    form = rng.choice(_SLOT_FORMS)
    return where, form.format(what=what, WHAT=what.upper(), snake=what.replace(" ", "_"))


_CTA_OPENERS = (
    "",
    "Enjoyed this story?",
    "Want more like this?",
    "Like what you read?",
    "Don't miss out:",
    "Stay informed.",
    "Before you go:",
)
_CTA_ACTIONS = (
    "Subscribe to our newsletter",
    "Sign up for our {adj} {letter}",
    "Follow us on {network}",
    "Share this article with your friends",
    "Join {many} readers who get our {adj} {letter}",
    "Become a member",
    "Support our journalism with a donation",
    "Download our app",
    "Get our {adj} {letter} in your inbox",
)
_CTA_ADJ = ("free", "daily", "weekly", "morning", "evening")
_CTA_LETTER = ("briefing", "digest", "newsletter", "bulletin", "email")
_CTA_NETWORK = ("Facebook", "X", "Instagram", "social media", "LinkedIn")
_CTA_MANY = ("thousands of", "over 50,000", "more than 100,000", "our community of")
_CTA_BENEFIT = (
    "",
    " to get the latest news delivered to your inbox",
    " and never miss an update",
    " for breaking news as it happens",
    " — it only takes a minute",
    " and tell us what you think below",
)
_CTA_END = (".", "!", " today.", " now!")


def call_to_action(rng: random.Random) -> str:
    """One to two sentences asking the reader to subscribe, follow, share or donate, worded anew each time."""

    def sentence() -> str:
        action = rng.choice(_CTA_ACTIONS).format(
            adj=rng.choice(_CTA_ADJ),
            letter=rng.choice(_CTA_LETTER),
            network=rng.choice(_CTA_NETWORK),
            many=rng.choice(_CTA_MANY),
        )
        return f"{action}{rng.choice(_CTA_BENEFIT)}{rng.choice(_CTA_END)}"

    first = f"{rng.choice(_CTA_OPENERS)} {sentence()}".strip()
    return first if rng.random() < 0.6 else first + "\n" + sentence()


_RELATED_HEADS = (
    "Read more",
    "More",
    "Related",
    "Also read",
    "You may also like",
    "Recommended",
    "Most read",
    "Trending",
    "Don't miss",
    "More stories",
)
_RELATED_TAILS = ("", " related news", " from this section", " on this topic", " stories", " from our reporters")
_RELATED_ENDS = ("", ":", " ›", " →")
_ITEM_FORMS = ("{h}", "- {h}", "• {h}", "* {h}", "{h} ({m} min read)", "{h} | {site}")
_SITES = ("News Desk", "Metro", "World", "Politics", "Business")


def related_header(rng: random.Random) -> str:
    return f"{rng.choice(_RELATED_HEADS)}{rng.choice(_RELATED_TAILS)}{rng.choice(_RELATED_ENDS)}"


def related_item(rng: random.Random, headline: str) -> str:
    return rng.choice(_ITEM_FORMS).format(h=headline, m=rng.randrange(2, 9), site=rng.choice(_SITES))


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


def plant_sentence_fabricated(
    facts: Any, pools: Pools, rng: random.Random, *, bases: Mapping[str, str], **_: Any
) -> Case | None:
    """An invented claim about one of the article's actors, with no new name, number or date."""
    # The article's main actors: the most often mentioned names.
    actors = sorted(
        (e for e in facts.entities if e.label in SWAP_LABELS and is_name(e.name)),
        key=lambda e: (-len(e.mentions), e.id),
    )[:3]
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
    where, artefact = leakage_artefact(rng)
    if where == "prefix":
        return Case("leakage", artefact + "\n\n" + base[1], 0, len(artefact), artefact, base=base[0])
    return _append(base, artefact, " " if where == "suffix" else "\n\n", "leakage", artefact)


def plant_call_to_action(
    facts: Any, pools: Pools, rng: random.Random, *, bases: Mapping[str, str], **_: Any
) -> Case | None:
    """A newsletter / subscribe / share block appended."""
    base = _addition_base(facts, rng, bases)
    if base is None:
        return None
    block = call_to_action(rng)
    return _append(base, block, "\n\n", "call-to-action", block.split("\n")[0])


def plant_related_headlines(
    facts: Any, pools: Pools, rng: random.Random, *, index: int = -1, bases: Mapping[str, str], **_: Any
) -> Case | None:
    """A "related news" block of other articles' headlines appended."""
    base = _addition_base(facts, rng, bases)
    others = [h for i, h in pools.headlines if i != index]
    if base is None or len(others) < 3:
        return None
    block = "\n".join([related_header(rng), *(related_item(rng, h) for h in rng.sample(others, rng.choice((2, 3))))])
    return _append(base, block, "\n\n", "related-headlines", block.split("\n")[1])


PLANTERS: dict[str, Planter] = {
    "sentence-fabricated": plant_sentence_fabricated,
    "leakage": plant_leakage,
    "call-to-action": plant_call_to_action,
    "related-headlines": plant_related_headlines,
}
