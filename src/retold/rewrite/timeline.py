"""Timeline entries: dated events, each the clause its absolute date belongs to, in date order."""

from __future__ import annotations

from typing import Any

from retold.rewrite import compress as cz
from retold.rewrite.pronouns import UNRESOLVABLE, is_pronoun, resolve, unsettled_pronoun
from retold.rewrite.select import Index, first_person, near_duplicate, not_story, unbalanced, words_of
from retold.types import DateFact, Item

EVENT_PREPS = {"in", "on", "during", "at"}  # not "by 2030", "since 2014", "until May": those bound a span
MAX_EVENT_WORDS = 30
_LEADING_PREPS = ("in ", "on ", "during ", "at ")


def is_absolute(date: DateFact) -> bool:
    """A date that places an event without the publication date: it gives a year."""
    return date.year is not None and not date.relative


def date_label(date: DateFact) -> str:
    text = " ".join(date.text.split())
    low = text.lower()
    for prep in _LEADING_PREPS:
        if low.startswith(prep):
            return text[len(prep) :]
    return text


def sort_key(date: DateFact) -> tuple[int, int, int]:
    return (date.year or 0, date.month or 0, date.day or 0)


def _date_tokens(st: cz.SentenceTokens, date: DateFact) -> list[Any]:
    return [t for t in st.tokens if date.start <= t.idx < date.end]


def _phrase_and_verb(toks: list[Any]) -> tuple[set[int], Any] | None:
    """The date phrase to cut (its preposition included) and the verb whose event it dates."""
    top = toks[0]
    inside = {t.i for t in toks}
    while top.head.i in inside and top.head != top:
        top = top.head
    head = top.head
    if top.dep_ == "pobj":
        if head.lower_ not in EVENT_PREPS:
            return None  # "since 2014", "by 2030": a span or a deadline, not the day it happened
        phrase, verb = head, head.head
    elif top.dep_ in ("npadvmod", "tmod"):  # "…, Friday April 17, 2015, before…"
        phrase, verb = top, head
    else:
        return None  # "the 2008 murder": the year describes a thing, not when the sentence's event happened
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in cz.SUBORDINATE:
        return None  # "who died in 2012", "when MH17 was downed": a clause leaning on another
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or subjects[0].lower_ in cz.RELATIVE or any(c.dep_ == "mark" for c in verb.children):
        return None
    return {t.i for t in phrase.subtree}, verb


def events(idx: Index, used: set[int] | None = None) -> list[tuple[tuple[int, int, int], Item]]:
    """Every dated event the source states, as (sort key, Item) pairs in date order."""
    facts = idx.facts
    found: list[tuple[tuple[int, int, int], Item]] = []
    seen: list[tuple[str, set[str]]] = []
    for sentence in facts.sentences:
        if (used and sentence.id in used) or sentence.kind == "heading" or not_story(sentence.text):
            continue
        dates = [d for d in idx.dates.get(sentence.id, []) if is_absolute(d)]
        if not dates or any(q.start - 1 < sentence.start for q in idx.quote_objs(sentence.id)):
            continue
        st = cz.sentence_tokens(facts, sentence)
        parsed = []
        verbs = []  # the verb each date of the sentence (absolute or not) hangs on
        for date in idx.dates.get(sentence.id, []):
            toks = _date_tokens(st, date)
            hit = _phrase_and_verb(toks) if toks else None
            if hit:
                verbs.append(hit[1].i)
                if date in dates:
                    parsed.append((date, hit[0], hit[1]))
        for date, phrase, verb in parsed:
            if verbs.count(verb.i) > 1:
                continue  # two dates on one verb: which is which is not ours to guess
            item = _event_item(idx, st, date, phrase, verb, [v for _, _, v in parsed if v.i != verb.i])
            if item is None:
                continue
            mine = words_of(item.text)
            if any(label == item.label and near_duplicate(mine, told) for label, told in seen):
                continue  # the same event told twice in the source
            seen.append((item.label or "", mine))
            found.append((sort_key(date), item))
    found.sort(key=lambda pair: pair[0])
    return found


def _event_item(
    idx: Index, st: cz.SentenceTokens, date: DateFact, phrase: set[int], verb: Any, others: list[Any]
) -> Item | None:
    own = {t.i for t in st.tokens}
    keep = {t.i for t in verb.subtree} & own
    keep -= phrase
    for other in others:  # another dated event nested in this clause is its own entry
        if other.i in keep:
            keep -= {t.i for t in other.subtree}
    for child in verb.children:  # "…, and now it seems…": a clause of its own is another statement
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in child.children)
        if child.dep_ == "conj" and child.i in keep and own_subject:
            keep -= {t.i for t in child.subtree}
            keep -= {c.i for c in verb.children if c.dep_ in ("cc", "punct") and c.i < child.i and c.i > verb.i}
    other_dates = [d for d in idx.dates.get(st.sentence.id, []) if d is not date]
    for child in verb.children:  # another date hanging off this verb belongs to another moment
        sub = list(child.subtree)
        if (
            child.i in keep
            and child.dep_ != "nsubj"
            and any(d.start <= t.idx < d.end for t in sub for d in other_dates)
        ):
            keep -= {t.i for t in sub}
    removed = own - keep
    removed |= cz.light_deletions(st)
    # quoted words survive whole or not at all: cutting into a quote is never allowed
    for quote in idx.quote_objs(st.sentence.id):
        ids = {t.i for t in st.tokens if quote.start - 1 <= t.idx < quote.end + 1}
        if ids & removed and ids - removed:
            return None
    kept = [t for t in st.tokens if t.i not in removed and not t.is_punct]
    while kept and kept[-1].pos_ in ("CCONJ", "ADP", "SCONJ", "DET", "PART") and kept[-1].i not in st.quoted:
        removed.add(kept.pop().i)  # "The cancer returned and" → "The cancer returned"
    if not kept:
        return None
    replace: dict[int, str] = {}
    if kept[0].lower_ in UNRESOLVABLE and kept[0].pos_ in ("PRON", "DET"):
        return None
    if is_pronoun(kept[0]):
        name = resolve(idx.facts, st.sentence.id, kept[0])
        if name is None:
            return None
        replace[kept[0].i] = name
    if unsettled_pronoun(idx.facts, st.tokens, {t.i for t in kept if t.i not in st.quoted}, replace):
        return None  # a "his" or "its" the reader would pin on someone the source does not mean
    removed, text = cz.apply_until(
        st,
        removed,
        MAX_EVENT_WORDS,
        replace=replace,
        close_quote=any(q.end > st.sentence.end for q in idx.quote_objs(st.sentence.id)),
    )
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    if cz.word_count(text) < 2 or unbalanced(text) or first_person(st, removed):
        return None
    return Item(text=text, sources=(st.sentence.id,), kind="event", label=date_label(date))
