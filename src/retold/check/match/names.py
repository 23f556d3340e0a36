"""``entity`` and ``entity-form``: names the source never mentions, and known names misspelled or mis-cased.

A rewrite name is known when it shares an alias key with a source entity (possessives, plurals, demonyms,
surnames, transliterations and acronyms are folded by ``name_keys``) or when every word of it occurs in the
source text — a leading title aside ("Sen.", "Dr"), and counting a word the source writes in full ("Utd" for
"United", "Rob" for "Robert") or as initials ("NZ" for "New Zealand", "Higher School Certificate" for
"HSC"), and a demonym of a place the source names ("Texan" for "Texas"). A name a letter or two away from a
source name, or a letter swap away from one word of it ("Toyko" in "Tokyo Sevens"), is a misspelling
(``entity-form``) — unless it is itself a different country, demonym or acronym, which makes it a different
referent (``entity``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from retold.analyze.entities import name_keys
from retold.analyze.gazetteer import ACRONYMS, DEMONYM_TO_PLACE, PLACE_ALIASES, PLACE_NAMES
from retold.analyze.roles import HONORIFICS, TITLE_WORDS
from retold.check.context import CheckContext
from retold.check.memo import per_object
from retold.lexicon import CHECKED_NAME_LABELS
from retold.normalize import fold, fold_key
from retold.types import Entity, Evidence, FactSheet, Mention

_KNOWN_PLACES = frozenset(n.lower() for n in (*PLACE_NAMES, *DEMONYM_TO_PLACE, *PLACE_ALIASES, *ACRONYMS))
_WORD = re.compile(r"[^\W_]+")
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_TITLES = TITLE_WORDS | HONORIFICS
_CAPITALISED = re.compile(r"(?<![\w'\u2019-])[A-Z][\w'\u2019-]*")
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "de", "on", "in", "at", "&"})
_VOWELS = frozenset("aeiouy")
MAX_INITIALS = 5
# "Texan" / "Texas", "Californian" / "California", "Londoner" / "London", "Parisian" / "Paris": the stem
# must meet the place name exactly, so "Austrian" never meets "Australia".
_DEMONYM_ENDINGS = ("ian", "an", "n", "er", "ese")
_PLACE_ENDINGS = ("", "a", "e", "s", "o")
_EXPANSIONS = frozenset(v.lower() for v in ACRONYMS.values())


@functools.lru_cache(maxsize=8192)
def keys_of(name: str) -> frozenset[str]:
    """``name_keys`` of one surface form, computed once."""
    return frozenset(name_keys(name))


def entity_keys(entity: Entity) -> frozenset[str]:
    """Every alias key of an entity."""
    return frozenset().union(*(keys_of(a) for a in (entity.name, *entity.aliases)))


@dataclass(frozen=True, slots=True)
class SourceNames:
    """Everything a rewrite name can be matched against."""

    keys: frozenset[str]  # name_keys of every alias of every source entity
    words: frozenset[str]  # every word of the source text, folded
    forms: tuple[tuple[str, Mention], ...]  # (surface form, its first mention) for spelling comparisons
    text: str  # the source text, folded (same offsets)
    capitalised: frozenset[str] = frozenset()  # words the source capitalises, folded: what a short form abbreviates
    initials: frozenset[str] = frozenset()  # initials of runs of capitalised source words ("New Zealand" → "nz")
    acronyms: frozenset[str] = frozenset()  # words the source writes in capitals ("HSC"), folded

    @classmethod
    def of(cls, source: FactSheet) -> SourceNames:
        """The names of ``source``; built once per fact sheet."""
        return _source_names(source)

    @classmethod
    def build(cls, source: FactSheet) -> SourceNames:
        keys: set[str] = set()
        forms: dict[str, Mention] = {}
        for entity in source.entities:
            keys |= entity_keys(entity)
            for mention in entity.mentions:
                forms.setdefault(mention.text, mention)
        # The title, site and byline count too: a rewrite's closing attribution line names them.
        meta = source.article
        extra = " ".join(x for x in (meta.title, meta.site, meta.byline, meta.url) if x) if meta else ""
        full = fold(source.text + " \n " + extra)
        words = frozenset(_word_key(w) for w in _WORD.findall(fold_key(full)))
        capitalised = frozenset(_POSSESSIVE.sub("", fold_key(m.group())) for m in _CAPITALISED.finditer(full))
        acronyms = frozenset(w.lower() for w in _WORD.findall(full) if len(w) >= 2 and w.isupper())
        return cls(
            frozenset(keys), words, tuple(forms.items()), fold(source.text), capitalised, _run_initials(full), acronyms
        )


@dataclass(frozen=True, slots=True)
class UnknownName:
    """A rewrite mention the source does not support; ``near`` is the source mention it most resembles."""

    mention: Mention
    label: str
    near: Mention | None


@per_object
def _source_names(source: FactSheet) -> SourceNames:
    return SourceNames.build(source)


@per_object
def unknown_names(ctx: CheckContext) -> tuple[list[UnknownName], list[tuple[Mention, Mention]]]:
    """Rewrite names absent from the source, and (rewrite, source) mentions that differ only in letter case.

    The entity and claim detectors both ask, with the same context: it is worked out once per check.
    """
    names = SourceNames.of(ctx.source)
    unknown: list[UnknownName] = []
    miscased: list[tuple[Mention, Mention]] = []
    headings = {s.id: s for s in ctx.rewrite.sentences if s.kind == "heading"}
    body = " ".join(s.text for s in ctx.rewrite.sentences if s.kind != "heading")
    kept = names.capitalised | {fold_key(m.group()) for m in _CAPITALISED.finditer(fold(body))}
    judged: list[tuple[int, int]] = []  # heading words already judged as (part of) a mention
    for entity in ctx.rewrite.entities:
        if entity.label not in CHECKED_NAME_LABELS:
            continue
        for mention in entity.mentions:
            heading = headings.get(mention.sentence)
            if heading is not None:
                judged.append((mention.start, mention.end))
                named = _named_in_sentence_case(heading.text, mention.text, _kept_in(heading.text, kept))
                if named is not None and all(_known(n, names) for n in named):
                    # "Current State of Affairs" names nobody; "LVMH Pledges €15 Million" names LVMH: a
                    # heading's capitals are its style, and the names it holds in sentence case are judged
                    continue
            if _known(mention.text, names):
                twin = _case_twin(mention, names, ctx.rewrite)
                if twin is not None:
                    miscased.append((mention, twin))
                continue
            unknown.append(UnknownName(mention, entity.label, _nearest(mention.text, names)))
    for heading in headings.values():
        # names the parser missed in a title-cased heading ("Gucci Pledges €15 Million to Help the Louvre")
        for a, b, label in _heading_names(heading.text, _kept_in(heading.text, kept)) or ():
            start, end = heading.start + a, heading.start + b
            if any(s < end and start < e for s, e in judged) or _known(heading.text[a:b], names):
                continue
            mention = Mention(start, end, heading.text[a:b], heading.id)
            unknown.append(UnknownName(mention, label, _nearest(mention.text, names)))
    return unknown, miscased


def _kept_in(heading: str, capitalised: frozenset[str] | set[str]) -> frozenset[str]:
    return frozenset(w for w in heading.split() if fold_key(w.strip(".,:;!?")) in capitalised)


_HEADING_WORD = re.compile(r"\S+")
# The words Title Case leaves in lower case.
_TITLE_SMALL = _SMALL_WORDS | frozenset("a an to by with from as but or nor up off per via vs vs. over into".split())


def _named_in_sentence_case(heading: str, name: str, kept: frozenset[str] = frozenset()) -> tuple[str, ...] | None:
    """The names a title-cased heading holds where ``name`` stands (:func:`_heading_names`); None when the
    heading is not title-cased: its capitals are evidence, and ``name`` is judged as it stands."""
    found = _heading_names(heading, kept)
    if found is None:
        return None
    start = heading.find(name)
    end = start + len(name)
    return tuple(heading[a:b] for a, b, _ in found if start >= 0 and a < end and start < b)


@functools.lru_cache(maxsize=256)
def _heading_names(heading: str, kept: frozenset[str] = frozenset()) -> tuple[tuple[int, int, str], ...] | None:
    """The names in a title-cased heading, as (start, end, label); None when it is not title-cased.

    The heading is read in sentence case: the first word, the words the rest of the text capitalises and the
    words no dictionary writes in lower case keep their capitals, the others ("Pledges", "Boost") lose them.
    The names are what the parser then finds, and any word no dictionary writes in lower case ("Gucci" in
    "Gucci Pledges €15 Million"), whatever the parser says: the parser reads Title Case as one long name
    ("LVMH Pledges") or as none at all.
    """
    words = heading.split()
    lettered = [w for w in words if w[:1].isalpha()]  # "€15" and "2024" take no capital in any case
    if len(words) < 2:
        lowered = heading.lower()
    elif sum(w[:1].isupper() for w in lettered) < max(2, len(lettered) - sum(w in _TITLE_SMALL for w in lettered)):
        return None  # not Title Case: a capital inside it marks a name
    else:
        first = _HEADING_WORD.search(heading)
        lowered = _HEADING_WORD.sub(
            lambda m: (
                m.group()
                if (first is not None and m.start() == first.start())
                or m.group() in kept
                or not _style_capital(m.group())
                else m.group().lower()
            ),
            heading,
        )  # same length as the heading, so the parser's offsets are the heading's
    from retold.analyze.nlp import load_nlp

    doc = load_nlp()(lowered + ".")
    spans = [
        (ent.start_char, ent.end_char, ent.label_)
        for ent in doc.ents
        if ent.label_ in CHECKED_NAME_LABELS and ent.end_char <= len(heading)
    ]
    if len(words) >= 2:
        for m in _HEADING_WORD.finditer(heading):
            word = _unpunctuated(m.group())
            at = m.start() + m.group().find(word)
            if word[:1].isupper() and not _common(word) and not any(a <= at < b for a, b, _ in spans):
                spans.append((at, at + len(word), "ORG"))
    return tuple(sorted(spans))


def _common(word: str) -> bool:
    """A word of the language, not a name: a function word ("What", "It"), or one WordNet writes in lower case."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from retold.wordnet import common_word

    return word.lower() in STOP_WORDS or common_word(word)


_PUNCT = ".,:;!?\"'‘’“”()"


def _style_capital(word: str) -> bool:
    """A capital Title Case gives a common word: "Pledges", not "LVMH", "Gucci" or "McDonald"."""
    bare = _unpunctuated(word)
    return bare[:1].isupper() and bare[1:].islower() and _common(bare)


def _unpunctuated(word: str) -> str:
    """A heading word without its punctuation or possessive, as it stands in it: "Ukraine's" → "Ukraine"."""
    return re.split(r"['\u2019]", word.strip(_PUNCT), maxsplit=1)[0]


def lowercased_names(ctx: CheckContext) -> list[tuple[int, int, Mention]]:
    """Words of a source person's name the rewrite writes in lower case ("Ann cole"), as (start, end, source mention):
    a name misspelt, not a name missing. Only words the source never writes in lower case, of four letters
    or more, count: "Cole" but not "Bill" where the source also says "a bill"."""
    source_lower = {w for w in _WORD.findall(ctx.source.text) if w.islower()}
    words: dict[str, Mention] = {}
    for entity in ctx.source.entities:
        if entity.label != "PERSON":
            continue  # a person's name: "ministry" in "Foreign Ministry" is a word as well as a name
        for mention in entity.mentions:
            for word in _WORD.findall(mention.text):
                if len(word) >= 4 and word[:1].isupper() and word[1:].islower() and word.lower() not in source_lower:
                    words.setdefault(word.lower(), mention)
    found = []
    for m in re.finditer(r"(?<![\w'\u2019-])[a-z][a-z]{3,}(?![\w-])", ctx.rewrite.text):
        twin = words.get(m.group())
        if twin is not None:
            found.append((m.start(), m.end(), twin))
    return found


def _word_key(word: str) -> str:
    """A word with a possessive or plural ending folded off, for "is it in the source" tests."""
    word = _POSSESSIVE.sub("", word)
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _bare(text: str) -> str:
    return _POSSESSIVE.sub("", _LEADING.sub("", fold(text).strip()))


def _known(text: str, names: SourceNames) -> bool:
    if keys_of(text) & names.keys:
        return True
    words = _WORD.findall(_bare(text))
    while len(words) > 1 and words[0].lower() in _TITLES:
        words = words[1:]  # "Sen. Elizabeth Warren": a title is a role, not part of who is named
    if len(words) >= 2 and initials(words) in names.acronyms and fold_key(" ".join(words)) not in _EXPANSIONS:
        return True  # "Higher School Certificate" where the source writes "HSC"
    if _abbreviates_phrase(_bare(text), names):
        return True  # "YoY" where the source writes "year-over-year"
    if len(words) == 2 and words[1].isdigit() and re.search(r"\w-\d+$", _bare(text)) and _known_word(words[0], names):
        if not re.search(r"(?<!\w)" + re.escape(fold_key(words[0])) + r"-\d", fold_key(names.text)):
            return True  # "COVID-19" where the source writes "COVID" (and gives it no other number)
    # Every word of the name in the source text: spaCy may have missed it there, or split it differently.
    return bool(words) and all(_known_word(w, names) for w in words)


def _abbreviates_phrase(text: str, names: SourceNames) -> bool:
    """A short mixed-case abbreviation ("YoY", "QoQ") whose letters open consecutive words of the source, lower-case
    words too ("year-over-year"). All-capital ones ("FBI") are matched against capitalised runs only."""
    if not 2 <= len(text) <= MAX_INITIALS or not text.isalpha() or sum(ch.isupper() for ch in text) < 2:
        return False
    if text.isupper():
        return False
    words = re.findall(r"[a-z]+", fold_key(names.text))
    letters = text.lower()
    n = len(letters)
    return any(all(words[i + j][0] == letters[j] for j in range(n)) for i in range(len(words) - n + 1))


def _known_word(word: str, names: SourceNames) -> bool:
    """One word of a name: in the source text, or a short form of a word the source capitalises."""
    key = fold_key(word)
    if _word_key(key) in names.words:
        return True
    if len(word) >= 2 and word.isupper() and word not in ACRONYMS and key in names.initials:
        return True  # "NZ" for "New Zealand"; a listed acronym ("EU") has its own expansion
    if not word[:1].isupper():
        return False
    if _demonym_of(key) & names.capitalised:
        return True  # "Texan" where the source names Texas, "Londoner" where it names London
    return any(abbreviates(key, full) for full in names.capitalised if full[:1] == key[:1] and len(full) > len(key))


def _demonym_of(word: str) -> set[str]:
    """The place names a demonym the gazetteer does not list may come from: "texan" → {"texas", …}."""
    stems = {word[: -len(end)] for end in _DEMONYM_ENDINGS if word.endswith(end) and len(word) - len(end) >= 4}
    return {stem + end for stem in stems for end in _PLACE_ENDINGS}


def abbreviates(short: str, full: str) -> bool:
    """``short`` is a clipped ("Rob" → "Robert", "Man" → "Manchester") or contracted ("Utd" → "United") ``full``."""
    if len(short) >= 3 and full.startswith(short):
        return True
    # A contraction keeps the first and last letters and drops the vowels: "Utd", "St", "Mt", "Ft".
    if not 2 <= len(short) <= 4 or short[-1] != full[-1] or _VOWELS & set(short[1:]):
        return False
    rest = iter(full[1:])
    return all(ch in rest for ch in short[1:])


def initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in _SMALL_WORDS).lower()


def _run_initials(text: str) -> frozenset[str]:
    """Initials of the opening words of every run of capitalised words ("New Zealand Police" → nz, nzp)."""
    found: set[str] = set()
    for line in text.splitlines():
        run: list[str] = []
        for token in [*re.findall(r"[\w'\u2019-]+|[^\w\s]", line), "."]:
            if token[:1].isupper() and token[:1].isalpha():
                run.append(token[0].lower())
                continue
            if token.lower() in _SMALL_WORDS and run:
                continue  # "Department of Health": a small word inside a name adds no letter
            found.update("".join(run[:j]) for j in range(2, min(len(run), MAX_INITIALS) + 1))
            run = []
    return frozenset(found)


def _nearest(text: str, names: SourceNames) -> Mention | None:
    """The source mention this name is a misspelling of, if it is one: a letter or two off, same initial."""
    bare = _bare(text)
    low = bare.lower()
    if low in _KNOWN_PLACES or bare.isupper():
        return None  # another country, demonym or acronym is another referent, not a typo
    best: tuple[int, Mention | None] = (3, None)
    for form, mention in names.forms:
        whole = _bare(form)
        # A one-word name may misspell one word of a longer source name ("Toyko" for "the Tokyo Sevens").
        parts = whole.split() if " " not in low and len(low) >= 4 and " " in whole else []
        for other in (whole, *(part for part in parts if len(part) >= 4)):
            if other.lower() in _KNOWN_PLACES or not other or other[0].lower() != low[:1]:
                continue
            limit = 1 if len(other) < 6 or other is not whole else 2
            distance = _edit_distance(low, other.lower(), limit)
            if distance <= limit and distance < best[0]:
                best = (distance, mention)
    if best[1] is None:
        # "Andrei Sybiha" for "Andriy Sybiha": each word a letter or two off or equal, and at least one equal.
        parts = low.split()
        for form, mention in names.forms:
            theirs = _bare(form).lower().split()
            if len(theirs) == len(parts) > 1 and any(a == b for a, b in zip(parts, theirs)):
                if all(a == b or (a[:1] == b[:1] and _edit_distance(a, b, 2) <= 2) for a, b in zip(parts, theirs)):
                    return mention
    return best[1]


def _case_twin(mention: Mention, names: SourceNames, rewrite: FactSheet) -> Mention | None:
    """The source form of this name when the two differ only in letter case past each word's first letter."""
    if any(s.kind == "heading" for s in rewrite.sentences if s.id == mention.sentence):
        return None  # headings are often set in title or capital case on purpose
    bare = _bare(mention.text)
    if re.search(r"(?<!\w)" + re.escape(bare) + r"(?!\w)", names.text):
        return None  # the source itself writes it this way (too)
    for form, source_mention in names.forms:
        other = _bare(form)
        if other.lower() != bare.lower():
            continue
        if any(a[1:] != b[1:] for a, b in zip(bare.split(), other.split())):
            return source_mention
    return None


def mention_evidence(source: FactSheet, mention: Mention) -> Evidence:
    return Evidence(mention.start, mention.end, source.text[mention.start : mention.end])


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Edit distance counting a swap of two neighbouring letters as one edit ("Toyko"/"Tokyo"), giving up
    early (returns ``limit + 1``) once it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit and (i == len(a) or min(previous) > limit):
            return limit + 1
        before, previous = previous, current
    return previous[-1]
