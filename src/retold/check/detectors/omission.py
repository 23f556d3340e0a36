"""``omission`` (info): the few most important source facts — main actors, quotes, numbers, dates — the rewrite leaves out.

Importance is position (news puts what matters first) and, for actors, how often they are named.
"""

from __future__ import annotations

from dataclasses import dataclass

from retold.check.context import CheckContext
from retold.check.match.dates import agrees
from retold.check.match.names import entity_keys
from retold.check.match.quotes import words
from retold.types import DateFact, Entity, Evidence, FactSheet, Finding, NumberFact, Quote

MAX_OMISSIONS = 5
MAX_PER_KIND = 2
MIN_QUOTE_WORDS = 6
QUOTE_OVERLAP = 5  # consecutive words of a quote that count as keeping it
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE"})


@dataclass(frozen=True, slots=True)
class KeyFact:
    what: str  # "main actor", "quote", "number", "date"
    label: str
    importance: float
    evidence: Evidence
    fact: Entity | Quote | NumberFact | DateFact


def detect(ctx: CheckContext) -> list[Finding]:
    rewrite_words = " " + " ".join(words(ctx.rewrite.text)) + " "
    missing = [f for f in key_facts(ctx.source) if not _kept(ctx, f, rewrite_words)]
    missing.sort(key=lambda f: -f.importance)
    chosen: list[KeyFact] = []
    per_kind: dict[str, int] = {}
    for fact in missing:
        if per_kind.get(fact.what, 0) >= MAX_PER_KIND:
            continue
        per_kind[fact.what] = per_kind.get(fact.what, 0) + 1
        chosen.append(fact)
        if len(chosen) == MAX_OMISSIONS:
            break
    return [
        Finding(
            kind="omission",
            severity="info",
            start=0,
            end=0,
            text="",
            message=f"the rewrite leaves out a key {f.what}: {f.label}",
            evidence=(f.evidence,),
        )
        for f in chosen
    ]


def _position_weight(sentence: int) -> float:
    return 1.0 / (1.0 + 0.25 * sentence)


def key_facts(source: FactSheet) -> list[KeyFact]:
    """Candidate key facts of the source, each with an importance score."""
    facts: list[KeyFact] = []
    text = source.text
    for entity in source.entities:
        first = entity.mentions[0]
        named = len(entity.mentions)
        # A main actor is named more than once, and either early (news leads with who matters) or often.
        if entity.label not in _ACTOR_LABELS or named < 2 or (first.sentence > 2 and named < 3):
            continue
        evidence = Evidence(first.start, first.end, text[first.start : first.end])
        facts.append(
            KeyFact("main actor", entity.name, 0.5 * named * _position_weight(first.sentence), evidence, entity)
        )
    for quote in source.quotes:
        if len(words(quote.text)) < MIN_QUOTE_WORDS or _is_title(quote):
            continue
        who = f" ({_speaker_name(source, quote)})" if _speaker_name(source, quote) else ""
        weight = 1.2 * _position_weight(quote.sentences[0] if quote.sentences else 0)
        evidence = Evidence(quote.start, quote.end, quote.text)
        facts.append(KeyFact("quote", f"“{_clip(quote.text)}”{who}", weight, evidence, quote))
    quoted = [(q.start, q.end) for q in source.quotes]
    for number in source.numbers:
        in_quote = any(a <= number.start < b for a, b in quoted)
        if in_quote or (number.value < 10 and not any(c.isdigit() for c in number.text)):
            continue  # a figure inside a quote goes with the quote; "two days" is rarely the news
        if number.start >= 2 and text[number.start - 1] == "-" and text[number.start - 2].isalpha():
            continue  # part of a name: the "19" of "Covid-19"
        s = source.sentences[number.sentence]
        weight = _position_weight(number.sentence)
        facts.append(KeyFact("number", f"“{number.text}”", weight, Evidence(s.start, s.end, s.text), number))
    for date in source.dates:
        if date.year is None and date.month is None and date.resolved is None:
            continue  # "on Tuesday" without a publication date is not a fact one can miss
        s = source.sentences[date.sentence]
        weight = 0.9 * _position_weight(date.sentence)
        facts.append(KeyFact("date", f"“{date.text}”", weight, Evidence(s.start, s.end, s.text), date))
    return facts


def _kept(ctx: CheckContext, key: KeyFact, rewrite_words: str) -> bool:
    rewrite = ctx.rewrite
    fact = key.fact
    if isinstance(fact, Entity):
        keys = entity_keys(fact)
        return any(keys & entity_keys(e) for e in rewrite.entities)
    if isinstance(fact, Quote):
        quote_words = words(fact.text)
        return any(
            " " + " ".join(quote_words[i : i + QUOTE_OVERLAP]) + " " in rewrite_words
            for i in range(0, max(1, len(quote_words) - QUOTE_OVERLAP + 1))
        )
    if isinstance(fact, NumberFact):
        return any(n.value == fact.value for n in rewrite.numbers)
    return any(agrees(d, fact) or agrees(fact, d) for d in rewrite.dates)


def _clip(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _speaker_name(source: FactSheet, quote: Quote) -> str | None:
    """Who said the quote, by name when analysis knows them; a bare "he" or "she" names nobody in a finding."""
    if quote.speaker is not None and 0 <= quote.speaker < len(source.entities):
        return source.entities[quote.speaker].name
    said_by = (quote.speaker_text or "").strip()
    return None if said_by.lower() in _BARE_PRONOUNS else said_by or None


_BARE_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})


def _is_title(quote: Quote) -> bool:
    """A title in quotation marks (a film, a book), not words someone said: no speaker, every word capitalised."""
    if quote.speaker_text:
        return False
    tokens = [w for w in quote.text.split() if w[:1].isalpha()]
    small = {"a", "an", "the", "of", "and", "in", "on", "to", "for", "at", "by", "with", "or"}
    return bool(tokens) and all(w[0].isupper() or w.lower() in small for w in tokens)
