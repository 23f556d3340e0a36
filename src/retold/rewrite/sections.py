"""Builders for each explainer section: which source material fills it, best first.

Each builder returns candidate items and claims the sentences it uses, so no sentence is
told twice. A builder that finds nothing returns nothing: the section is left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from retold.analyze.quotes import is_title
from retold.lexicon import CREDITED_LABELS
from retold.normalize import fold_key
from retold.rewrite import cast, select
from retold.rewrite.editor import RELATIONAL_ROLES as _RELATIONAL_ROLES
from retold.rewrite.editor import points_outside
from retold.rewrite.lead import LEAD_REACH, LEAD_WINDOW, headline_words, nut_graf, sets_a_scene, to_the_reader
from retold.rewrite.pronouns import person_antecedent
from retold.rewrite.select import Index, Lifted, cue_hits, lift, near_duplicate, to_item, words_of
from retold.rewrite.timeline import events
from retold.types import Entity, Item, Quote

QUOTE_MIN_WORDS = 6
QUOTE_MAX_WORDS = 40
# A "name" that is only a title ("Sgt", "Mr") is a misparse, not a person.
_TITLES = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sgt",
    "lt",
    "capt",
    "det",
    "gen",
    "col",
    "prof",
    "sen",
    "rep",
    "gov",
    "rev",
    "st",
    "sir",
    "dame",
    "lord",
    "lady",
    "officer",
    "detective",
    "sergeant",
    "president",
    "minister",
    "judge",
}

_PRONOUN_SPEAKERS = {"he", "she", "they", "it", "we", "i", "you", "who", "what", "which", "that", "this"}


def real_name(entity: Entity) -> bool:
    words = [w.strip(".").lower() for w in entity.name.split()]
    return any(w and w not in _TITLES for w in words)


@dataclass
class Claims:
    """Source sentences and quotes already used by an earlier section."""

    sentences: set[int] = field(default_factory=set)
    quotes: set[int] = field(default_factory=set)
    told: list[set[str]] = field(default_factory=list)  # the words of every item taken

    def take(self, lifted: Lifted) -> Item:
        self.sentences.add(lifted.sentence)
        self.quotes.update(lifted.quote_ids)
        self.told.append(words_of(lifted.text))
        return to_item(lifted)

    def fresh(self, lifted: Lifted) -> bool:
        """Not already told, in these words or nearly."""
        mine = words_of(lifted.text)
        return lifted.sentence not in self.sentences and not any(near_duplicate(mine, t) for t in self.told)


def _lifted_all(idx: Index, claims: Claims, *, allow_quotes: bool = False) -> list[Lifted]:
    out = []
    for sentence in idx.facts.sentences:
        if sentence.id in claims.sentences:
            continue
        lifted = lift(idx, sentence)
        if lifted is None or (lifted.has_quote and not allow_quotes):
            continue
        if any(q in claims.quotes for q in lifted.quote_ids) or not claims.fresh(lifted):
            continue
        if points_outside(lifted.text, ""):
            continue  # "The two men are …", "The pair spoke …": it leans on a sentence left out
        out.append(lifted)
    return out


def driving_the_news(idx: Index, claims: Claims, limit: int) -> list[Item]:
    """The lead: the first sentences that state the news (past a feature's opening scene, when it has one)."""
    headline = headline_words(idx)
    items: list[Item] = []
    nut = nut_graf(idx, claims.fresh, headline)
    if nut is not None:
        return [claims.take(nut)]  # a feature's news, told once; its scene is no lead
    for strict in (True, False):
        for position, sentence in enumerate(idx.facts.sentences[:LEAD_REACH]):
            if len(items) >= limit or (position >= LEAD_WINDOW and items):
                break  # past the first few sentences, only while the lead has nothing that stands alone
            lifted = lift(idx, sentence)
            if lifted is None or lifted.has_quote or not claims.fresh(lifted) or points_outside(lifted.text, ""):
                continue
            anchored = idx.anchored(sentence.id)
            if items and not idx.entities_in.get(sentence.id) and not idx.plain_numbers(sentence.id):
                continue  # a second lead sentence must carry a name or a number of its own
            if strict and not items and (sets_a_scene(lifted.text, anchored, headline) or to_the_reader(lifted.text)):
                continue
            items.append(claims.take(lifted))
        if items:
            break
    if not items:  # nothing in reach stands alone: the first sentence that does leads, wherever it is
        items = [claims.take(one) for one in _lifted_all(idx, claims)[:1]]
    return items


def _by_cue(
    idx: Index,
    claims: Claims,
    score: Callable[[str], int],
    limit: int,
    *,
    allow_quotes: bool,
    least: int = 1,
    within: float = 1.0,
) -> list[Item]:
    """The sentences scoring at least ``least`` cue points, from the first ``within`` share of the story."""
    cutoff = max(LEAD_WINDOW, round(len(idx.facts.sentences) * within))
    pool = [
        (score(one.text), one) for one in _lifted_all(idx, claims, allow_quotes=allow_quotes) if one.sentence < cutoff
    ]
    pool = [(hits, one) for hits, one in pool if hits >= least]
    # most cues first, then the more central sentence, then the earlier one
    pool.sort(key=lambda p: (-p[0], -idx.salience(p[1].sentence), p[1].sentence))
    return _take_best(claims, [one for _, one in pool], limit)


def _take_best(claims: Claims, ranked: list[Lifted], limit: int) -> list[Item]:
    """The first ``limit`` of ``ranked`` that are not near-duplicates of each other, in source order."""
    chosen: list[Lifted] = []
    for lifted in ranked:
        if len(chosen) >= limit:
            break
        if not any(near_duplicate(words_of(lifted.text), words_of(c.text)) for c in chosen):
            chosen.append(lifted)
    return [claims.take(one) for one in sorted(chosen, key=lambda one: one.sentence)]


def why_it_matters(idx: Index, claims: Claims, limit: int) -> list[Item]:
    def score(text: str) -> int:
        return 2 * cue_hits(select.WHY_CUES, text) + cue_hits(select.WHY_WEAK_CUES, text)

    # significance is told early in a news story; later "because"s explain details
    return _by_cue(idx, claims, score, limit, allow_quotes=True, least=2, within=0.6)


def whats_next(idx: Index, claims: Claims, limit: int) -> list[Item]:
    """Scheduled or future events the article states: a future cue, and no wondering aloud."""

    def score(text: str) -> int:
        return 0 if select.WONDERING.search(text) else cue_hits(select.NEXT_CUES, text)

    return _by_cue(idx, claims, score, limit, allow_quotes=False)


def big_picture(idx: Index, claims: Claims, limit: int) -> list[Item]:
    """Background: sentences about the past (an earlier year, "since", "decades") the lead does not tell."""
    years = [d.year for d in idx.facts.dates if d.year is not None]
    latest = max(years) if years else None
    pool = []
    for lifted in _lifted_all(idx, claims):
        hits = cue_hits(select.CONTEXT_CUES, lifted.text)
        past = any(
            d.year is not None and latest is not None and d.year < latest for d in idx.dates.get(lifted.sentence, [])
        )
        if hits or past:
            pool.append((hits + 2 * past, lifted))
    pool.sort(key=lambda p: (-p[0], p[1].sentence))
    return _take_best(claims, [one for _, one in pool], limit)


FIGURE_MAX_WORDS = 30  # a figure is read at a glance or not at all


def by_the_numbers(idx: Index, claims: Claims, limit: int) -> list[Item]:
    """Figures with their noun ("475 pounds of cocaine", "2 percent"), in short sentences, most figures first."""
    pool = []
    for lifted in _lifted_all(idx, claims):
        figures = [n for n in idx.plain_numbers(lifted.sentence) if _is_figure(idx, n)]
        if figures and len(lifted.text.split()) <= FIGURE_MAX_WORDS:
            pool.append((len(figures), lifted))
    pool.sort(key=lambda p: (-p[0], len(p[1].text.split()), p[1].sentence))
    return _take_best(claims, [one for _, one in pool], limit)


def _is_figure(idx: Index, number) -> bool:
    """A number written in digits that measures something named: a unit, or the noun it counts."""
    if not any(ch.isdigit() for ch in number.text):
        return False  # "one academic", "six-month": counting words, not statistics
    if number.unit:
        return True
    doc = idx.facts.doc
    span = doc.char_span(number.start, number.end, alignment_mode="expand")
    if span is None:
        return False
    head = span[-1].head
    return head.pos_ == "NOUN" and head.i != span[-1].i or any(t.pos_ == "NOUN" for t in doc[span.end : span.end + 2])


def timeline(idx: Index, claims: Claims, limit: int) -> list[Item]:
    """Dated events in date order; two at least, or there is no timeline to tell."""
    found = [item for _, item in events(idx, claims.sentences)][:limit]
    if len(found) < 2:
        return []
    for item in found:
        claims.sentences.update(item.sources)
    return found


# --------------------------------------------------------------------------- quotes


def speaker_entity(idx: Index, quote: Quote) -> Entity | None:
    """The quote's speaker as an entity, also when analysis only kept the words naming them."""
    facts = idx.facts
    if quote.speaker is not None:
        return facts.entities[quote.speaker]
    if not quote.speaker_text:
        return None
    said = fold_key(quote.speaker_text)
    best = None
    for eid in set().union(*(idx.entities_in.get(s, set()) for s in quote.sentences)):
        entity = facts.entities[eid]
        if entity.label != "PERSON":
            continue
        if any(fold_key(m.text) in said for m in entity.mentions if m.sentence in quote.sentences):
            if best is not None:
                return None  # two people in the words: leave it to the words
            best = entity
    return best


def _plausible_speaker(idx: Index, quote: Quote, entity: Entity) -> bool:
    """A speaker credit worth printing: a named person or body, named near the words, not inside them."""
    if entity.label not in CREDITED_LABELS or not real_name(entity):
        return False
    said = fold_key(quote.text)
    if any(len(a) > 2 and fold_key(a) in said for a in (entity.name, *entity.aliases)):
        return False  # "That's the Liberal Democrat record" is not said by "Liberal"
    if entity.label != "PERSON" and re.search(r"\b(i|i'm|my|me)\b", said):
        return False  # an organisation does not speak in the first person singular
    first = min(quote.sentences) if quote.sentences else 0
    last = max(quote.sentences) if quote.sentences else 0
    said_by = (quote.speaker_text or "").strip().lower()
    if said_by in _PRONOUN_SPEAKERS:
        # "…,' he said": name the speaker only when the pronoun clearly points at the same person
        if said_by not in ("he", "she"):
            return False
        name = person_antecedent(idx.facts, first, said_by)
        keys = {fold_key(a) for a in (entity.name, *entity.aliases)}
        return name is not None and fold_key(name) in keys
    return any(first - 1 <= m.sentence <= last for m in entity.mentions)


def credit(idx: Index, quote: Quote) -> str | None:
    """ "Mark Rutte, NATO Secretary General": who said it, in the source's own words."""
    entity = speaker_entity(idx, quote)
    if entity is not None and not _plausible_speaker(idx, quote, entity):
        return None
    if entity is not None and quote.speaker_text and any(ch in quote.speaker_text for ch in '"\u201c\u201d'):
        return None  # the words naming the speaker run into a quotation: a misparse, not a speaker
    if entity is not None:
        roles = [r for r in entity.roles if not _RELATIONAL_ROLES.search(r)]
        # the role as the source writes it, whole ("St. Louis Park Mayor", not the "Louis Park Mayor" a parse left)
        return f"{entity.name}, {cast.whole_in_source(idx.facts, entity, roles[0])}" if roles else entity.name
    text = " ".join((quote.speaker_text or "").split())
    # an unnamed speaker is credited in the source's words, when those words are a plain noun phrase
    # ("An unnamed senior NATO diplomat"), not a fragment ("Sgt") or a misparse ('Galaxy Song" song')
    if len(text.split()) < 2 or not text[0].isupper() or text.split()[0].lower() in _PRONOUN_SPEAKERS:
        return None
    if any(ch in text for ch in "\"\u201c\u201d\u2018\u2019'"):
        return None
    return text


def says_something(idx: Index, quote: Quote) -> bool:
    """Quoted words that make a statement: a verb among them, and not a title in capitals.

    "Once Upon A Time in Hollywood", "With a little bit of help", "gig economy": a work's title,
    a phrase or a scare quote is not something a person said.
    """
    span = idx.facts.doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None or is_title(span):
        return False  # analysis gives a title no speaker, and the explainer quotes it as nobody's words
    return any(t.pos_ in ("VERB", "AUX") for t in span)


def quote_words(quote: Quote) -> str | None:
    """The quoted words to show: the first paragraph's, cut at a sentence end when long."""
    text = quote.text.split("\n")[0]
    text = " ".join(text.split()).rstrip(",;: ")
    words = text.split()
    if len(words) < QUOTE_MIN_WORDS:
        return None
    if len(words) <= QUOTE_MAX_WORDS:
        return text
    # the longest run of whole quoted sentences that fits
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s)", text)]
    fitting = [e for e in ends if len(text[:e].split()) <= QUOTE_MAX_WORDS and len(text[:e].split()) >= QUOTE_MIN_WORDS]
    if fitting:
        return text[: fitting[-1]] + " \u2026"
    return None  # one very long sentence: better left to the source than cut mid-thought


def what_theyre_saying(idx: Index, claims: Claims, limit: int) -> list[Item]:
    """Quotes verbatim with speaker and role, one per speaker, in the source's order."""
    first: list[tuple[int, Item]] = []
    speakers: set[str] = set()
    for qi, quote in enumerate(idx.facts.quotes):
        if qi in claims.quotes or any(s in claims.sentences for s in quote.sentences):
            continue
        label = credit(idx, quote)
        words = quote_words(quote)
        if label is None or words is None or not says_something(idx, quote):
            continue
        if any(near_duplicate(words_of(words), words_of(i.text)) for _, i in first):
            continue  # the same words quoted twice in the source
        entity = speaker_entity(idx, quote)
        who = f"e{entity.id}" if entity else fold_key(label)
        item = Item(text=words, sources=tuple(quote.sentences), kind="quote", label=label)
        if who in speakers:
            continue  # one quote per speaker: a second credit to the same name is where misattributions hide
        first.append((qi, item))
        speakers.add(who)
    chosen = sorted(first[:limit], key=lambda p: p[0])
    for qi, _ in chosen:
        claims.quotes.add(qi)
    return [item for _, item in chosen]


# --------------------------------------------------------------------------- people and links


def whos_who(idx: Index, claims: Claims, limit: int) -> list[Item]:
    """The people the other sections tell of, one entry each with a role in the source's words, main people first."""
    facts = idx.facts
    quoted = {facts.quotes[q].speaker for q in claims.quotes}
    items = []
    for person in cast.main_first(cast.people(facts, _cast_candidates(facts)), facts):
        if not person.roles or not (person.sentences & claims.sentences or set(person.entities) & quoted):
            continue  # no role to give, or no item tells of them
        role, sid = max(person.roles, key=lambda r: len(r[0].split()))
        sources = tuple(sorted(s for s in person.sentences if role in facts.sentences[s].text)) or (sid,)
        items.append(Item(text=role, sources=sources, kind="person", label=person.name))
        if len(items) >= limit:
            break
    return items


def told_people(idx: Index, whos: list[Item], items: list[Item]) -> list[Item]:
    """The who's who entries whose person the draft's other ``items`` still tell of (a word limit may cut some)."""
    by_name = {p.name: p for p in cast.people(idx.facts, _cast_candidates(idx.facts))}
    return [w for w in whos if w.label in by_name and cast.told(by_name[w.label], items)]


def _cast_candidates(facts) -> list[Entity]:
    speakers = {q.speaker for q in facts.quotes if q.speaker is not None}
    # a one-word "person" that never speaks is as often a horse, a product or a misread word
    return [
        e
        for e in facts.entities
        if e.label == "PERSON" and real_name(e) and (len(e.name.split()) > 1 or e.id in speakers)
    ]


def go_deeper(idx: Index, claims: Claims, limit: int) -> list[Item]:
    article = idx.facts.article
    if article is None or not article.url:
        return []
    return [Item(text=article.title or article.site or article.url, sources=(), label=article.url)]


BUILDERS = {
    "driving-the-news": driving_the_news,
    "why-it-matters": why_it_matters,
    "what-theyre-saying": what_theyre_saying,
    "big-picture": big_picture,
    "by-the-numbers": by_the_numbers,
    "timeline": timeline,
    "whos-who": whos_who,
    "whats-next": whats_next,
    "go-deeper": go_deeper,
}
# The order sections claim material in: the news first, then what is most particular to a section.
CLAIM_ORDER = (
    "driving-the-news",
    "why-it-matters",
    "what-theyre-saying",
    "timeline",
    "whats-next",
    "big-picture",
    "by-the-numbers",
    "whos-who",
    "go-deeper",
)
