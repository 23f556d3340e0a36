"""The builtin engine: offline, deterministic, extractive — every word it writes is the source's.

It fills the style's sections from source sentences (lightly compressed, opening pronouns
named), keeps quotes verbatim with their speaker, and leaves out what the source cannot fill.
"""

from __future__ import annotations

import dataclasses
import re

from retold.errors import EngineError, InputError
from retold.rewrite import sections as sx
from retold.rewrite.editor import edit
from retold.rewrite.select import Index, headline_from, lift, not_story
from retold.styles import SectionSpec, Style
from retold.types import Attribution, Draft, FactSheet, Item, Options, Section

# Order in which sections get their first, second, … item while the word budget lasts.
BUDGET_PRIORITY = (
    "driving-the-news",
    "why-it-matters",
    "what-theyre-saying",
    "whats-next",
    "big-picture",
    "by-the-numbers",
    "timeline",
    "whos-who",
    "go-deeper",
)
MIN_ITEMS = {"timeline": 2}  # a timeline of one event is no timeline
POOL_ORDER = ("driving-the-news", "why-it-matters", "whats-next", "by-the-numbers", "big-picture")


class BuiltinEngine:
    """Extractive rewriting: select, compress by deletion only, name opening pronouns, quote verbatim."""

    name = "builtin"

    def rewrite(self, facts: FactSheet, style: Style, options: Options) -> Draft:
        if facts.doc is None:
            raise EngineError("The builtin engine needs the parsed text: build the FactSheet with retold.analyze().")
        if options.words is not None and options.words < 1:
            raise EngineError(f"A length of {options.words} words cannot hold a draft: pass a positive --words N.")
        idx = Index.build(facts)
        budget = options.words or style.words
        headline = make_headline(idx)
        notes: list[str] = []
        if style.section("driving-the-news") is not None or len(style.sections) > 1:
            chosen = _explainer(idx, style, budget - item_words(headline), notes)
        else:
            chosen = _single(idx, style.sections[0], budget - item_words(headline), notes)
        chosen = _not_twice(headline, chosen, listed=len(style.sections) == 1)
        draft = Draft(
            headline=headline,
            sections=chosen,
            attribution=attribution(facts),
            style=style.name,
            engine=self.name,
            notes=tuple(notes),
            facts=facts,
        )
        return edit(draft, facts)


def _not_twice(headline: Item, sections: tuple[Section, ...], *, listed: bool = False) -> tuple[Section, ...]:
    """Items the headline already tells nearly all of left out (cut from the same sentence), unless the draft
    has fewer than three sections and items together to begin with, or a ``listed`` style (one section of
    bullets or posts) would be left with one."""
    if not headline.sources or sum(len(s.items) for s in sections) + len(sections) < 3:
        return sections

    def told(item: Item) -> bool:
        return item.sources == headline.sources and len(headline.text.split()) >= 0.75 * len(item.text.split())

    kept = tuple(dataclasses.replace(s, items=tuple(i for i in s.items if not told(i))) for s in sections)
    if listed and len(kept[0].items) < MIN_BULLETS:
        return sections  # a list of one is no list: the repeat stays rather than leave a single bullet
    kept = tuple(s for s in kept if s.items)
    return kept or sections


def item_words(item: Item) -> int:
    return len(item.text.split()) + len((item.label or "").split())


TITLE_MAX_WORDS = 14  # a page title longer than this is a deck, not a headline
HEADLINE_SLACK = 6  # words a headline may run over the limit, only when no sentence fits it at all


def make_headline(idx: Index) -> Item:
    """The article's title when it reads as a headline, else its lead sentence cut to headline length."""
    article = idx.facts.article
    if article is not None and article.title and usable_title(article.title):
        return Item(text=" ".join(article.title.split()), sources=())
    lead = idx.facts.sentences[: sx.LEAD_REACH]
    # the news first: the first lead sentence that makes a headline as it reads or with "that" and its day
    # cut, then any sentence; a headline over the limit only when nothing else can make one
    passes = ((lead, 0), (idx.facts.sentences, 0), (lead, HEADLINE_SLACK))
    for sentences, longer in passes:
        for sentence in sentences:
            text = headline_from(idx, sentence, slack=longer) or headline_from(idx, sentence, slack=longer, tight=True)
            if text is not None:
                return Item(text=text, sources=(sentence.id,))
    raise InputError(
        "The article has no sentence of narration to build on (only quotes, captions or fragments): "
        "give retold the full article text."
    )


def usable_title(title: str) -> bool:
    """A page title that works as the headline: short, and not a label ("Home", "News")."""
    words = title.split()
    return 3 <= len(words) <= TITLE_MAX_WORDS and not not_story(title)  # a caption or credit is not the news


def attribution(facts: FactSheet) -> Attribution:
    a = facts.article
    if a is None:
        return Attribution(title=None, site=None, url=None)
    return Attribution(title=a.title, site=a.site, url=a.url, byline=a.byline, published=a.published, origin=a.origin)


def _explainer(idx: Index, style: Style, budget: int, notes: list[str]) -> tuple[Section, ...]:
    claims = sx.Claims()
    candidates: dict[str, list[Item]] = {}
    specs = {spec.key: spec for spec in style.sections}
    for key in sx.CLAIM_ORDER + tuple(k for k in specs if k not in sx.CLAIM_ORDER):
        if key not in specs:
            continue
        builders = [sx.BUILDERS[k] for k in specs[key].fill or (key,) if k in sx.BUILDERS]
        if not builders:
            notes.append(f"{key}: the builtin engine has no way to fill this section; left out")
            continue
        candidates[key] = []
        for builder in builders:  # a style's ``fill`` names the builders of a section, in order
            candidates[key] += builder(idx, claims, specs[key].max_items - len(candidates[key]))
    kept = _fit(candidates, specs, budget, notes)
    _keep_main_actor(idx, claims, kept, specs, notes)
    if kept.get("whos-who"):  # only people the items that made the cut still tell of
        others = [i for key, items in kept.items() if key != "whos-who" for i in items]
        kept["whos-who"] = sx.told_people(idx, kept["whos-who"], others)
    return tuple(
        Section(key=spec.key, title=spec.title, items=tuple(kept[spec.key]))
        for spec in style.sections
        if kept.get(spec.key)
    )


MAIN_ACTOR_MENTIONS = 3  # a person named this often is who the story is about


def main_actor(idx: Index):
    """The person the article names most (at least three times), or None."""
    people = [e for e in idx.facts.entities if e.label == "PERSON" and len(e.mentions) >= MAIN_ACTOR_MENTIONS]
    return max(people, key=lambda e: (len(e.mentions), -e.mentions[0].start), default=None)


def _keep_main_actor(
    idx: Index, claims: sx.Claims, kept: dict[str, list[Item]], specs: dict[str, SectionSpec], notes: list[str]
) -> None:
    """When no item names the story's main actor, the first sentence that does joins the lead."""
    actor = main_actor(idx)
    key = "driving-the-news" if "driving-the-news" in specs else next(iter(kept), None)
    if actor is None or key is None:
        return
    names = {actor.name, *actor.aliases}
    told = " ".join(i.text + " " + (i.label or "") for items in kept.values() for i in items)
    if any(name in told for name in names if len(name) > 2):
        return
    for mention in actor.mentions:
        sentence = idx.facts.sentences[mention.sentence]
        if sentence.id in claims.sentences:
            continue
        lifted = lift(idx, sentence)
        if lifted is None or lifted.has_quote or sx.points_outside(lifted.text, ""):
            continue
        kept.setdefault(key, []).append(claims.take(lifted))
        notes.append(f"{actor.name}, named most often in the article, added to {key}")
        return


def _fit(
    candidates: dict[str, list[Item]], specs: dict[str, SectionSpec], budget: int, notes: list[str]
) -> dict[str, list[Item]]:
    """Items round by round in priority order while they fit ``budget`` words (titles included)."""
    order = [k for k in BUDGET_PRIORITY if k in candidates] + [k for k in candidates if k not in BUDGET_PRIORITY]
    kept: dict[str, list[Item]] = {k: [] for k in order}
    used = 0
    rounds = max((len(v) for v in candidates.values()), default=0)
    for r in range(rounds):
        for key in order:
            pool = candidates[key]
            if r >= len(pool) or len(kept[key]) < r:
                continue
            take = pool[r : r + MIN_ITEMS.get(key, 1)] if r == 0 else pool[r : r + 1]
            if r > 0 and r < MIN_ITEMS.get(key, 1):
                continue  # taken with the first round
            cost = sum(item_words(i) for i in take) + (len(specs[key].title.split()) if r == 0 else 0)
            first_item = not any(kept.values())
            if used + cost <= budget or first_item:
                kept[key].extend(take)
                used += cost
                if first_item and used > budget:
                    notes.append("the word limit is shorter than the lead; the lead is kept whole")
    dropped = sum(len(v) for v in candidates.values()) - sum(len(v) for v in kept.values())
    if dropped:
        notes.append(f"{dropped} item(s) left out to stay within the word limit")
    return kept


_QUOTED = re.compile(r"[\u201c\"]([^\u201d\"]*)[\u201d\"]")


def _carries_quote(text: str) -> bool:
    return any(len(m.group(1).split()) > 3 for m in _QUOTED.finditer(text))


SHORT_WORDS = 25  # a bullet or summary sentence is cut harder than an explainer item
MIN_TIGHT_WORDS = 12  # below this, cutting leaves too little of a sentence to say anything
MIN_BULLETS = 2  # one bullet is no list: `--style brief --words 40` still gives bullets


def _tighter(idx: Index, item: Item, cap: int = SHORT_WORDS) -> Item:
    """``item`` re-lifted from its one source sentence with a tighter length cap (``item`` when that fails)."""
    if item.kind != "text" or len(item.sources) != 1:
        return item
    lifted = lift(idx, idx.facts.sentences[item.sources[0]], max_words=cap)
    return Item(text=lifted.text, sources=item.sources) if lifted is not None else item


def _single(idx: Index, spec: SectionSpec, budget: int, notes: list[str]) -> tuple[Section, ...]:
    """``brief`` bullets or a ``summary`` paragraph: the strongest sentences, each told once."""
    claims = sx.Claims()
    pool: list[Item] = []
    for key in POOL_ORDER:
        limit = 2 if key == "driving-the-news" else 1
        pool.extend(sx.BUILDERS[key](idx, claims, limit))
    # thin stories: fill up with the next sentences that stand alone
    pool = [item for item in pool if not _carries_quote(item.text)]
    for sentence in idx.facts.sentences:
        if len(pool) >= spec.max_items:
            break
        if sentence.id in claims.sentences:
            continue
        lifted = lift(idx, sentence)
        if lifted is not None and not lifted.has_quote and claims.fresh(lifted):  # a repeated paragraph is told once
            pool.append(claims.take(lifted))
    # a bullet or summary has no room for someone's full words: quotes stay in the explainer
    least = MIN_BULLETS if spec.form == "bullets" else 1
    cap = max(MIN_TIGHT_WORDS, min(SHORT_WORDS, budget // max(1, least)))
    pool = [_tighter(idx, item, cap) for item in pool if not _carries_quote(item.text)]
    chosen: list[Item] = []
    used = len(spec.title.split())
    for item in pool[: spec.max_items]:
        if used + item_words(item) <= budget or len(chosen) < least:
            chosen.append(item)
            used += item_words(item)
    if used > budget and len(chosen) == least > 1:
        notes.append(f"a list needs {least} bullets: the word limit is exceeded to keep them")
    if len(chosen) < len(pool[: spec.max_items]):
        notes.append(f"{len(pool[: spec.max_items]) - len(chosen)} item(s) left out to stay within the word limit")
    if spec.form == "paragraph":
        chosen.sort(key=lambda i: i.sources[0] if i.sources else 0)  # a paragraph reads in the source's order
    return (Section(key=spec.key, title=spec.title, items=tuple(chosen)),) if chosen else ()
