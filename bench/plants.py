"""Planting one error of a known kind into faithful text from an article: a changed fact, quote or meaning.

Each planter takes the article's FactSheet, material from every article (:class:`Pools`) and a
seeded ``random.Random``; it returns a :class:`Case` whose ``start``/``end`` span the planted
error in ``text``, or None when the article offers nothing to plant that kind into. Edits are
made outside quotation marks unless the kind is about quotes, so each case carries one error.
Material added to a text (invented claims, leakage, boilerplate) is planted by :mod:`bench.additions`.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

SWAP_LABELS = ("PERSON", "ORG", "GPE")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_ANTONYM_PAIRS = (
    ("increase", "decrease"),
    ("increased", "decreased"),
    ("rose", "fell"),
    ("rise", "fall"),
    ("higher", "lower"),
    ("more", "less"),
    ("most", "least"),
    ("largest", "smallest"),
    ("biggest", "smallest"),
    ("won", "lost"),
    ("win", "lose"),
    ("before", "after"),
    ("first", "last"),
    ("approved", "rejected"),
    ("support", "oppose"),
    ("supported", "opposed"),
    ("strong", "weak"),
    ("stronger", "weaker"),
    ("opened", "closed"),
    ("allowed", "banned"),
    ("guilty", "innocent"),
    ("earlier", "later"),
    ("better", "worse"),
    ("best", "worst"),
    ("legal", "illegal"),
    ("agreed", "refused"),
    ("began", "ended"),
    ("started", "stopped"),
    ("arrived", "left"),
    ("dead", "alive"),
    ("accepted", "declined"),
    ("positive", "negative"),
    ("success", "failure"),
    ("always", "never"),
    ("many", "few"),
    ("young", "old"),
    ("new", "old"),
)
ANTONYMS = {a: b for a, b in _ANTONYM_PAIRS} | {b: a for a, b in _ANTONYM_PAIRS if b not in {"old", "left"}}
FABRICATED_QUOTES = (
    "We will not back down, whatever it takes.",
    "This is a dark day for everyone involved.",
    "Nobody saw this coming, and nobody is ready for it.",
    "The people deserve the truth, and they will get it.",
    "I have never been prouder of what we achieved together.",
    "Frankly, the whole process was a disgrace from start to finish.",
)
_SPEECH_VERB = re.compile(r"\b(?:said|says|told|tells|added|insisted|stated|asked|wrote|explained|according)\b")


@dataclass(frozen=True, slots=True)
class Case:
    """A text to check; for a planted error, ``text[start:end]`` is the error."""

    kind: str  # the planted kind, or the control group
    text: str
    start: int = 0
    end: int = 0
    note: str = ""  # what was changed
    control: bool = False
    source: str = ""
    base: str = "window"  # the faithful text it starts from: window | reference | rewrite
    edit: tuple[int, int, str] | None = None  # the change in source offsets, for :func:`transplant`


@dataclass(frozen=True, slots=True)
class Pools:
    """Material drawn from every article: names by label, and headline-like sentences by article."""

    names: dict[str, tuple[str, ...]]
    headlines: tuple[tuple[int, str], ...]

    @classmethod
    def build(cls, sheets: Sequence[Any], references: Sequence[str | None]) -> Pools:
        names: dict[str, set[str]] = defaultdict(set)
        for facts in sheets:
            for e in facts.entities:
                # Named twice or more: a real actor of its story, not a mis-tagged capitalised word.
                if e.label in SWAP_LABELS and is_name(e.name) and len(e.mentions) >= 2:
                    names[e.label].add(e.name)
        headlines = []
        for index, reference in enumerate(references):
            first = (reference or "").split(" . ")[0].strip(" .")
            if 4 <= len(first.split()) <= 16:
                headlines.append((index, first))
        return cls({k: tuple(sorted(v)) for k, v in names.items()}, tuple(headlines))


# --------------------------------------------------------------------------- helpers


def is_name(name: str) -> bool:
    """A capitalised name of one to four words; not a bare title ("Sergeant") or a month ("May")."""
    from retold.analyze.roles import HONORIFICS, TITLE_MODIFIERS, TITLE_WORDS

    words = name.split()
    if all(w.lower().rstrip(".") in TITLE_WORDS | HONORIFICS | TITLE_MODIFIERS for w in words):
        return False
    if name in MONTHS or name in WEEKDAYS:
        return False
    return (
        0 < len(words) <= 4 and name[:1].isupper() and all(w[:1].isupper() or w in {"of", "the", "and"} for w in words)
    )


def quoted(facts: Any, start: int, end: int) -> bool:
    return any(start < q.end and q.start < end for q in facts.quotes)


def body_sentences(facts: Any) -> list[Any]:
    """Running-text sentences long enough to stand in a rewrite."""
    return [s for s in facts.sentences if s.kind != "heading" and len(s.text.split()) >= 5]


def _window(facts: Any, sentence: Any, rng: random.Random) -> list[Any]:
    """The sentence and one neighbour (before or after, seeded), in source order."""
    body = {s.id: s for s in body_sentences(facts)}
    neighbours = [body[i] for i in (sentence.id - 1, sentence.id + 1) if i in body]
    if not neighbours:
        return [sentence]
    other = rng.choice(neighbours)
    return sorted([sentence, other], key=lambda s: s.id)


def _edit(
    facts: Any,
    sentence: Any,
    rng: random.Random,
    start: int,
    end: int,
    new: str,
    kind: str,
    note: str,
    cover: tuple[int, int] | None = None,
) -> Case:
    """Replace ``facts.text[start:end]`` by ``new`` inside a window around ``sentence``.

    The planted span is the new text, widened to ``cover`` (source offsets in the same sentence) if given.
    """
    parts, pos, span = [], 0, (0, 0)
    for s in _window(facts, sentence, rng):
        body = facts.text[s.start : s.end]
        if s.id == sentence.id:
            a, b = start - s.start, end - s.start
            body = body[:a] + new + body[b:]
            lo, hi = pos + a, pos + a + len(new)
            if cover is not None:
                shift = len(new) - (b - a)
                c0, c1 = (c - s.start + (shift if c >= end else 0) for c in cover)
                lo, hi = min(lo, pos + c0), max(hi, pos + c1)
            span = (lo, hi)
        parts.append(body)
        pos += len(body) + 1
    return Case(kind, " ".join(parts), span[0], span[1], note, edit=None if cover else (start, end, new))


def pick(rng: random.Random, options: Sequence[Any]) -> Any:
    return rng.choice(options) if options else None


def _sentence(facts: Any, sid: int) -> Any | None:
    s = facts.sentences[sid]
    return s if s.kind != "heading" and len(s.text.split()) >= 5 else None


def transplant(case: Case, facts: Any, rewrite: str) -> Case | None:
    """The same edit made inside ``rewrite`` where it copies the source around the edit, else None."""
    if case.edit is None:
        return None
    start, end, new = case.edit
    for reach in (30, 15):
        # Context on both sides, within one line of the source, pins the place in the rewrite.
        before = facts.text[max(0, start - reach) : start].split("\n")[-1]
        after = facts.text[end : end + reach].split("\n")[0]
        if len(before) + len(after) < 16:
            continue
        context = before + facts.text[start:end] + after
        if rewrite.count(context) == 1:
            at = rewrite.index(context) + len(before)
            text = rewrite[:at] + new + rewrite[at + end - start :]
            lead = len(new) - len(new.lstrip())
            return replace(case, text=text, start=at + lead, end=at + len(new), base="rewrite")
    return None


# --------------------------------------------------------------------------- entities


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """True when a capitalised word runs straight into the span ("France Info" seen as "Info")."""
    before = re.search(r"([A-Z][\w.'-]*)\s$", text[max(0, start - 30) : start])
    after = re.match(r"\s[A-Z]", text[end : end + 2])
    return bool(before and before.group(1) not in {"The", "A", "An"}) or bool(after)


def _swappable(facts: Any) -> Iterator[tuple[Any, Any, bool]]:
    """(entity, mention, short) for mentions by full name, or by surname for a person, outside quotes."""
    for e in facts.entities:
        if e.label not in SWAP_LABELS or not is_name(e.name):
            continue
        for m in e.mentions:
            short = e.label == "PERSON" and " " in e.name and m.text == e.name.split()[-1]
            if (
                (m.text == e.name or short)
                and not quoted(facts, m.start, m.end)
                and _sentence(facts, m.sentence)
                and not _inside_longer_name(facts.text, m.start, m.end)
            ):
                yield e, m, short


def _clean_names(facts: Any) -> set[int]:
    """Ids of entities named at least once on their own, not as a fragment of a longer name."""
    return {
        e.id for e in facts.entities if any(not _inside_longer_name(facts.text, m.start, m.end) for m in e.mentions)
    }


def _surface(name: str, short: bool) -> str:
    return name.split()[-1] if short else name


def plant_entity_intrinsic(facts: Any, pools: Pools, rng: random.Random, **_: Any) -> Case | None:
    """A name swapped for another of the same label from the same article."""
    from retold.analyze.entities import name_keys

    options = []
    clean = _clean_names(facts)
    for e, m, short in _swappable(facts):
        for other in facts.entities:
            new = _surface(other.name, short)
            if (
                other.label == e.label
                and other.id != e.id
                and is_name(other.name)
                and is_name(new)
                and other.id in clean
                and not name_keys(e.name) & name_keys(other.name)
                and new not in facts.sentences[m.sentence].text
            ):
                options.append((m, new))
    if not options:
        return None
    m, new = rng.choice(options)
    return _edit(facts, facts.sentences[m.sentence], rng, m.start, m.end, new, "entity-intrinsic", f"{m.text} → {new}")


def plant_entity_extrinsic(facts: Any, pools: Pools, rng: random.Random, **_: Any) -> Case | None:
    """A name swapped for one of the same label that only another article mentions."""
    from retold.analyze.entities import name_keys

    mentions = list(_swappable(facts))
    if not mentions:
        return None
    e, m, short = rng.choice(mentions)
    known = set().union(*(name_keys(a) for ent in facts.entities for a in (ent.name, *ent.aliases)))
    lowered = facts.text.lower()
    options = [
        n
        for n in pools.names.get(e.label, ())
        if not name_keys(n) & known
        and not any(w.lower() in lowered for w in n.split() if len(w) > 2)
        and is_name(_surface(n, short))
    ]
    new = _surface(pick(rng, options) or "", short)
    if not new:
        return None
    return _edit(facts, facts.sentences[m.sentence], rng, m.start, m.end, new, "entity-extrinsic", f"{m.text} → {new}")


# --------------------------------------------------------------------------- numbers and dates


def changed_number(text: str, rng: random.Random) -> str | None:
    """``text`` with its number changed, the format kept (digits, thousands commas, number words)."""
    match = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    if match:
        raw = match.group()
        digits = raw.replace(",", "")
        if "." in digits:
            places = len(digits.split(".")[1])
            new = f"{float(digits) * rng.choice((1.5, 0.6, 2.0)) + 10**-places:.{places}f}"
        else:
            n = int(digits)
            m = n + rng.choice((2, 3, 4)) if n < 10 else round(n * rng.choice((1.2, 1.5, 0.7, 0.8)))
            new = f"{m if m != n else n + 1:,}" if "," in raw else str(m if m != n else n + 1)
        return text[: match.start()] + new + text[match.end() :]
    lowered = text.lower()
    for word in NUMBER_WORDS:
        if re.search(rf"\b{word}\b", lowered):
            other = rng.choice([w for w in NUMBER_WORDS if w != word])
            other = other.capitalize() if text[lowered.index(word)].isupper() else other
            return re.sub(rf"\b{word}\b", other, text, count=1, flags=re.IGNORECASE)
    return None


def _numbers(facts: Any) -> list[Any]:
    """Numbers, amounts and percentages worth changing: not a year, not inside a date or a quote."""
    return [
        n
        for n in facts.numbers
        if _sentence(facts, n.sentence)
        and not quoted(facts, n.start, n.end)
        and not any(n.start < d.end and d.start < n.end for d in facts.dates)
        and not 1800 <= n.value <= 2100
    ]


def plant_number(facts: Any, pools: Pools, rng: random.Random, **_: Any) -> Case | None:
    """A number, amount or percentage changed to one the article never gives."""
    n = pick(rng, _numbers(facts))
    if n is None:
        return None
    from retold.analyze.numbers import parse_number

    # A value the article gives elsewhere would test a different error (a number moved, not invented).
    known = {m.value for m in facts.numbers}
    for _ in range(5):
        new = changed_number(n.text, rng)
        if new and new != n.text and parse_number(new) not in known and new.lower() not in facts.text.lower():
            break
    else:
        return None
    return _edit(facts, facts.sentences[n.sentence], rng, n.start, n.end, new, "number", f"{n.text} → {new}")


def changed_date(text: str, rng: random.Random) -> str | None:
    """``text`` naming another day, month, year or weekday (in that order of preference)."""
    month = next((m for m in MONTHS if re.search(rf"\b{m[:3]}", text)), None)
    days = re.search(r"(?<![\d,.])(\d{1,2})(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*(\d{1,2}))?(?!\d)", text)
    if month and days:
        # A range ("Dec. 3-4") moves as a whole, so it stays a range.
        first, last = int(days.group(1)), int(days.group(2) or days.group(1))
        shift = rng.randint(3, 27 - max(0, last - first)) if last >= first else 5
        moved = [(g, (int(days.group(g)) - 1 + shift) % 28 + 1) for g in (2, 1) if days.group(g)]
        if days.group(2) and moved[0][1] < moved[1][1]:  # the range wrapped past the 28th
            return None
        for g, value in moved:
            text = text[: days.start(g)] + str(value) + text[days.end(g) :]
        return text
    if month:
        full = re.search(rf"\b{month}\b", text)
        other = rng.choice([m for m in MONTHS if m != month])
        if full:
            return text[: full.start()] + other + text[full.end() :]
        return re.sub(rf"\b{month[:3]}", other[:3], text, count=1)
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
    if year:
        return text[: year.start()] + str(int(year.group()) + rng.choice((-3, -2, -1, 1, 2))) + text[year.end() :]
    weekday = next((w for w in WEEKDAYS if w in text), None)
    if weekday:
        return text.replace(weekday, rng.choice([w for w in WEEKDAYS if w != weekday]), 1)
    return None


def _dates(facts: Any) -> list[Any]:
    return [d for d in facts.dates if _sentence(facts, d.sentence) and not quoted(facts, d.start, d.end)]


def plant_date(facts: Any, pools: Pools, rng: random.Random, **_: Any) -> Case | None:
    """A date changed to one the article never gives."""
    lowered = facts.text.lower()
    options = []
    for d in _dates(facts):
        new = changed_date(d.text, random.Random(rng.random()))
        if new and new != d.text and new.lower() not in lowered:
            options.append((d, new))
    if not options:
        return None
    d, new = rng.choice(options)
    return _edit(facts, facts.sentences[d.sentence], rng, d.start, d.end, new, "date", f"{d.text} → {new}")


def _shape(d: Any) -> tuple[bool, ...]:
    return (d.year is not None, d.month is not None, d.day is not None, d.weekday is not None)


def plant_date_moved(facts: Any, pools: Pools, rng: random.Random, **_: Any) -> Case | None:
    """A date replaced by the article's date for another event, given in the same form."""
    return _moved(
        facts, rng, _dates(facts), lambda d, other: other.iso != d.iso and _shape(other) == _shape(d), "date-moved"
    )


def _moved(
    facts: Any, rng: random.Random, spans: list[Any], alike: Callable[[Any, Any], bool], kind: str
) -> Case | None:
    """One of ``spans`` replaced by another of another sentence that is ``alike`` it and not already there."""
    options = [
        (span, other)
        for span in spans
        for other in spans
        if other.sentence != span.sentence
        and alike(span, other)
        and other.text.lower() not in facts.sentences[span.sentence].text.lower()
    ]
    if not options:
        return None
    span, other = rng.choice(options)
    return _edit(
        facts,
        facts.sentences[span.sentence],
        rng,
        span.start,
        span.end,
        other.text,
        kind,
        f"{span.text} → {other.text}",
    )


def plant_number_moved(facts: Any, pools: Pools, rng: random.Random, **_: Any) -> Case | None:
    """A figure replaced by the article's figure for something else, from another sentence: a count for a
    count, a sum for a sum in the same currency, a percentage for a percentage."""
    numbers = [n for n in _numbers(facts) if n.text.lower() not in NOT_FIGURES]
    return _moved(
        facts, rng, numbers, lambda n, other: other.value != n.value and _same_measure(n, other), "number-moved"
    )


NOT_FIGURES = frozenset({"one", "a", "an"})
MEASURES = frozenset({"%", "USD", "EUR", "GBP", "JPY", "INR", "CNY", "UAH", "RUB", "year-old"})


def _same_measure(a: Any, b: Any) -> bool:
    """Both are sums in one currency, percentages, ages, or plain counts."""
    a_measure = a.unit if a.unit in MEASURES else None
    b_measure = b.unit if b.unit in MEASURES else None
    return a_measure == b_measure


# --------------------------------------------------------------------------- quotes


def plant_quote_altered(facts: Any, pools: Pools, rng: random.Random, **_: Any) -> Case | None:
    """A word dropped from, inserted into or flipped inside a quote."""
    options = [
        q
        for q in facts.quotes
        if q.closed and len(q.sentences) == 1 and len(q.text.split()) >= 5 and _sentence(facts, q.sentences[0])
    ]
    q = pick(rng, options)
    words = list(re.finditer(r"(?<![\w-])[A-Za-z]{4,}(?![\w-])", q.text))[1:-1] if q else []
    # Words in [brackets] are the writer's, not the speaker's.
    brackets = [m.span() for m in re.finditer(r"\[[^\]]*\]", q.text)] if q else []
    words = [w for w in words if not any(a <= w.start() < b for a, b in brackets)]
    if not words:
        return None
    w = rng.choice(words)
    mode = "flip" if w.group().lower() in ANTONYMS else rng.choice(("drop", "insert"))
    if mode == "flip":
        new = q.text[: w.start()] + ANTONYMS[w.group().lower()] + q.text[w.end() :]
    elif mode == "drop":
        new = q.text[: w.start()] + q.text[w.end() :].lstrip(" ")
    else:
        new = q.text[: w.start()] + rng.choice(("really ", "truly ", "absolutely ")) + q.text[w.start() :]
    return _edit(
        facts, facts.sentences[q.sentences[0]], rng, q.start, q.end, new, "quote-altered", f"{mode} '{w.group()}'"
    )


def _speakers(facts: Any) -> list[Any]:
    """The people the article quotes, or failing that every person it names."""
    people = [e for e in facts.entities if e.label == "PERSON" and is_name(e.name)]
    quoted = {q.speaker for q in facts.quotes if q.speaker is not None}
    return [e for e in people if e.id in quoted] or people


def plant_quote_fabricated(facts: Any, pools: Pools, rng: random.Random, **_: Any) -> Case | None:
    """A quote the article never carries, credited to one of its people, added after a sentence."""
    body = body_sentences(facts)
    if not body:
        return None
    s = rng.choice(body)
    speaker = pick(rng, _speakers(facts))
    said = f'{speaker.name if speaker else "A spokesperson"} said: "{rng.choice(FABRICATED_QUOTES)}"'
    case = _edit(facts, s, rng, s.end, s.end, " " + said, "quote-fabricated", said)
    return replace(case, start=case.start + 1)


def plant_quote_misattributed(facts: Any, pools: Pools, rng: random.Random, **_: Any) -> Case | None:
    """A verbatim quote credited to another person of the article (the speaker's name swapped)."""
    from retold.analyze.entities import name_keys

    options = []
    for q in facts.quotes:
        if q.speaker is None or facts.entities[q.speaker].label != "PERSON":
            continue
        speaker = facts.entities[q.speaker]
        if len(q.text.split()) < 4:  # a title or scare quote, not speech
            continue
        for m in speaker.mentions:
            s = _sentence(facts, m.sentence)
            if (
                s is None
                or m.sentence not in q.sentences
                or quoted(facts, m.start, m.end)
                or not _SPEECH_VERB.search(facts.text[max(s.start, m.start - 30) : m.end + 30])
            ):
                continue
            short = " " in speaker.name and m.text == speaker.name.split()[-1]
            for other in _speakers(facts):
                if other.id != speaker.id and not name_keys(other.name) & name_keys(speaker.name):
                    options.append((q, m, s, _surface(other.name, short)))
    if not options:
        return None
    q, m, s, new = rng.choice(options)
    cover = (max(q.start, s.start), min(q.end, s.end))
    return _edit(facts, s, rng, m.start, m.end, new, "quote-misattributed", f"{m.text} → {new}", cover)


# --------------------------------------------------------------------------- meaning


def _negated(facts: Any, s: Any) -> tuple[int, int, str] | None:
    """(start, end, new text) that flips the polarity of sentence ``s``, or None."""
    span = facts.doc.char_span(s.start, s.end, alignment_mode="expand") if facts.doc is not None else None
    if span is None:
        return None
    for tok in span:
        if tok.dep_ == "neg" and tok.i > span.start and not quoted(facts, tok.idx, tok.idx + len(tok)):
            prev = tok.doc[tok.i - 1]
            if tok.lower_ == "not":
                return prev.idx, tok.idx + len(tok), prev.text
            if tok.lower_ == "n't" and prev.lower_ in {
                "did",
                "does",
                "do",
                "is",
                "was",
                "are",
                "were",
                "has",
                "have",
                "had",
            }:
                return prev.idx, tok.idx + len(tok), prev.text
            return None
    root = span.root
    if quoted(facts, root.idx, root.idx + len(root)) or root.lemma_ in {"say", "tell", "add", "report"}:
        return None
    aux = [c for c in root.children if c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "VBZ", "VBD", "VBP")]
    if aux and aux[0].i < root.i:
        return aux[0].idx, aux[0].idx + len(aux[0]), aux[0].text + " not"
    if root.lemma_ == "be" and root.tag_ in ("VBZ", "VBD", "VBP"):
        return root.idx, root.idx + len(root), root.text + " not"
    do = {"VBD": "did", "VBZ": "does", "VBP": "do"}.get(root.tag_)
    if do and root.i > span.start:
        return root.idx, root.idx + len(root), f"{do} not {root.lemma_}"
    return None


def plant_negation(facts: Any, pools: Pools, rng: random.Random, **_: Any) -> Case | None:
    """A statement's polarity flipped ("was" → "was not", "did not agree" → "did agree")."""
    options = [(s, edit) for s in body_sentences(facts) if (edit := _negated(facts, s))]
    if not options:
        return None
    s, (start, end, new) = rng.choice(options)
    return _edit(facts, s, rng, start, end, new, "negation", f"{facts.text[start:end]} → {new}")


def plant_antonym(facts: Any, pools: Pools, rng: random.Random, **_: Any) -> Case | None:
    """A word swapped for its antonym ("rose" → "fell"), outside quotes."""
    options = []
    for s in body_sentences(facts):
        for w in re.finditer(r"[A-Za-z]+", s.text):
            start = s.start + w.start()
            # A repeated word ("more and more") is an idiom more often than a claim.
            if (
                w.group().lower() in ANTONYMS
                and not quoted(facts, start, start + len(w.group()))
                and s.text.lower().count(w.group().lower()) == 1
            ):
                options.append((s, start, w.group()))
    if not options:
        return None
    s, start, word = rng.choice(options)
    new = ANTONYMS[word.lower()]
    new = new.capitalize() if word[0].isupper() else new
    return _edit(facts, s, rng, start, start + len(word), new, "antonym", f"{word} → {new}")


Planter = Callable[..., "Case | None"]
PLANTERS: dict[str, Planter] = {
    "entity-intrinsic": plant_entity_intrinsic,
    "entity-extrinsic": plant_entity_extrinsic,
    "number": plant_number,
    "date": plant_date,
    "date-moved": plant_date_moved,
    "number-moved": plant_number_moved,
    "quote-altered": plant_quote_altered,
    "quote-fabricated": plant_quote_fabricated,
    "quote-misattributed": plant_quote_misattributed,
    "negation": plant_negation,
    "antonym": plant_antonym,
}
