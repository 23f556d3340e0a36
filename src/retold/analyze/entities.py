"""Name mentions: spaCy's entities with its usual slips repaired, plus the names it missed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from retold.analyze.gazetteer import (
    ACRONYMS,
    DEMONYM_TO_PLACE,
    NON_PERSON_WORDS,
    PLACE_ALIASES,
    PLACE_NAMES,
)
from retold.analyze.names import (
    base_key,
    looks_like_person,
    name_keys,
    strip_form,
)
from retold.analyze.roles import HONORIFICS, TITLE_MODIFIERS, TITLE_WORDS
from retold.analyze.spans import SpanSet
from retold.lexicon import NAME_LABELS, NAMING_SPEECH, PRONOUNS
from retold.normalize import fold

__all__ = ["RawMention", "name_keys", "repair"]

# --------------------------------------------------------------------------- raw mentions


@dataclass(slots=True)
class RawMention:
    """A name mention before clustering; mutable because later passes settle its label and roles."""

    start: int
    end: int
    label: str
    possessive: bool = False
    roles: list[str] = field(default_factory=list)


def _trim(doc: Any, start_tok: int, end_tok: int) -> tuple[int, int, bool]:
    """Token bounds without a leading "the" or trailing possessive/punctuation; and whether "'s" followed."""
    possessive = False
    while start_tok < end_tok and (
        doc[start_tok].lower_ in ("the", "a", "an") or doc[start_tok].is_space or doc[start_tok].is_punct
    ):
        start_tok += 1
    while end_tok > start_tok and (
        doc[end_tok - 1].is_punct or doc[end_tok - 1].is_space or fold(doc[end_tok - 1].text) in ("'s", "'")
    ):
        if fold(doc[end_tok - 1].text) in ("'s", "'"):
            possessive = True
        end_tok -= 1
    if end_tok < len(doc) and fold(doc[end_tok].text) in ("'s", "'"):
        possessive = True
    return start_tok, end_tok, possessive


def _place_prefix(words: list[str]) -> int:
    """How many leading words name a place ("Ukraine Andriy Sybiha" → 1); 0 when none do."""
    for n in (3, 2, 1):
        if len(words) > n:
            head = strip_form(" ".join(words[:n]))
            if head in PLACE_NAMES or head in PLACE_ALIASES:
                return n
    return 0


def repair(doc: Any) -> list[RawMention]:
    """spaCy's name mentions with its usual slips fixed, plus places and acronyms it missed."""
    out: list[RawMention] = []
    shared = shared_surnames(doc.text)
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        s, e, possessive = _trim(doc, ent.start, ent.end)
        if s >= e:
            continue
        span = doc[s:e]
        if ")" in span.text or "(" in span.text:
            out.extend(_bracket_split(span, ent.label_, possessive))
            continue
        label = ent.label_
        if label == "PERSON":
            # "Labour's Simon Danczuk": the party is not part of the name
            cut = max((t.i for t in span[:-1] if fold(t.text) in ("'s", "'")), default=None)
            if cut is not None:
                span = doc[cut + 1 : span.end]
            # "Paediatrician Amy Gray": the title is a role, not part of the name; "Mr" and "Mrs"
            # stay where they tell apart two people of one surname ("Mr and Mrs Prudham")
            while len(span) > 1 and _is_title(span[0]) and not _tells_apart(span, shared):
                span = span[1:]
            if len(span) == 1 and span.start > 0 and _tells_apart(doc[span.start - 1 : span.end], shared):
                span = doc[span.start - 1 : span.end]  # "Mr" + "Prudham" when spaCy took the surname alone
        text = strip_form(span.text)
        if not text or text.lower() in PRONOUNS or not any(ch.isupper() for ch in text):
            continue
        words = [t.text for t in span]
        if text in DEMONYM_TO_PLACE:
            label = "NORP"  # "Lithuanian" tagged ORG
        elif text in PLACE_NAMES or text in PLACE_ALIASES:
            label = "GPE" if label in ("ORG", "PERSON", "NORP") else label
        elif label in ("ORG", "PERSON", "GPE", "NORP") and (n := _place_prefix(words)):
            rest = " ".join(words[n:])
            if looks_like_person(rest) or (len(words) - n == 1 and label == "PERSON"):
                # "Minister of Foreign Affairs of Ukraine Andriy Sybiha" → ORG "Ukraine Andriy Sybiha"
                out.append(RawMention(span[0].idx, span[n - 1].idx + len(span[n - 1]), "GPE"))
                out.append(RawMention(span[n].idx, span.end_char, "PERSON", possessive))
                continue
        if label == "ORG" and len(words) >= 5 and (split := _org_name_split(span)):
            out.extend(split)
            out[-1].possessive = possessive
            continue
        if label in ("ORG", "GPE") and len(words) >= 3:
            split = _title_split(span)
            if split:
                out.extend(split)
                out[-1].possessive = possessive
                continue
        out.append(RawMention(span.start_char, span.end_char, label, possessive))
    out.extend(_gazetteer_hits(doc, out))
    out.sort(key=lambda m: m.start)
    text = doc.text
    out = _join_of_names(out, text)
    _relabel_people(out, text)
    out.extend(_unnamed_speakers(doc, out))
    out.sort(key=lambda m: m.start)
    out.extend(_missed_repeats(text, out, shared))
    out.sort(key=lambda m: m.start)
    return out


def _relabel_people(mentions: list[RawMention], text: str) -> None:
    """A name spaCy tags PERSON once and ORG elsewhere ("Andriy Sybiha") is a person everywhere."""
    people = set()
    for m in mentions:
        if m.label == "PERSON":
            words = strip_form(text[m.start : m.end]).split()
            if len(words) >= 2:
                people.add(base_key(" ".join(words)))
    for m in mentions:
        named_thing = m.label in ("ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART")
        if named_thing and base_key(text[m.start : m.end]) in people:
            m.label = "PERSON"


# verbs whose subject is a speaker, hence a person or a body, never a thing
_NOT_A_NAME = TITLE_WORDS | TITLE_MODIFIERS | NON_PERSON_WORDS
_NOT_GIVEN_NAMES = frozenset("the a an in on at as and but if when while after before by for of to with said".split())


_HONORIFIC_NAME = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s([A-Z][\w'-]+)")


def shared_surnames(text: str) -> frozenset[str]:
    """Surnames the text gives to both a "Mr" and a "Mrs"/"Ms"/"Miss": two people, told apart by the honorific."""
    seen: dict[str, set[str]] = {}
    for m in _HONORIFIC_NAME.finditer(text):
        seen.setdefault(m.group(2), set()).add("m" if m.group(1) == "Mr" else "f")
    return frozenset(name for name, kinds in seen.items() if len(kinds) == 2)


def _is_title(token: Any) -> bool:
    return token.lower_.rstrip(".") in TITLE_WORDS | HONORIFICS


def _tells_apart(span: Any, shared: frozenset[str]) -> bool:
    return span[0].lower_.rstrip(".") in ("mr", "mrs", "ms", "miss") and span[-1].text in shared


def _given_name_before(text: str, start: int, taken: SpanSet, shared: frozenset[str]) -> int:
    """Where a found surname's full name starts: "Andriy Sybiha" when only "Sybiha" was known."""
    m = re.search(r"(?<![\w.])([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\.?\s$", text[max(0, start - 30) : start])
    if not m:
        return start
    word = m.group(1)
    a = start - len(m.group(0))
    if word in ("Mr", "Mrs", "Ms", "Miss") and text[start:].split()[0].strip(".,;:!?'\u2019") in shared:
        return a  # "Mr Prudham" beside "Mrs Prudham"
    if word.lower() in _NOT_GIVEN_NAMES or word.lower() in TITLE_WORDS | HONORIFICS:
        return start
    if word in PLACE_NAMES or word in DEMONYM_TO_PLACE:
        return start
    if taken.overlaps(a, start):
        return start
    return a


def _unnamed_speakers(doc: Any, mentions: list[RawMention]) -> list[RawMention]:
    """A proper noun that says something ("Sybiha said") is a person even when spaCy missed the name."""
    taken = SpanSet((m.start, m.end) for m in mentions)
    text = doc.text
    out = []
    for tok in doc:
        if tok.dep_ != "nsubj" or tok.tag_ != "NNP" or tok.head.lemma_.lower() not in NAMING_SPEECH:
            continue
        if not tok.text[:1].isupper():
            continue
        first = tok.i  # the run of capitalised proper nouns that ends at the subject: "Andriy Sybiha said"
        while first > max(tok.i - 3, 0) and doc[first - 1].pos_ == "PROPN" and doc[first - 1].text[:1].isupper():
            first -= 1
        while first <= tok.i and doc[first].lower_ in _NOT_A_NAME:
            first += 1  # "Secretary General Mark Rutte": the title is not the name
        if first > tok.i or tok.lower_ in _NOT_A_NAME:
            continue
        a, b = doc[first].idx, tok.idx + len(tok)
        surface = text[a:b]
        if surface in PLACE_NAMES or surface in PLACE_ALIASES or surface.isupper():
            continue
        if taken.overlaps(a, b):
            continue
        out.append(RawMention(a, b, "PERSON"))
    return out


def _missed_repeats(text: str, mentions: list[RawMention], shared: frozenset[str] = frozenset()) -> list[RawMention]:
    """Later uses of a name spaCy found once but missed elsewhere ("Sybiha left.")."""
    forms: dict[str, str] = {}
    for m in mentions:
        surface = strip_form(text[m.start : m.end])
        if m.label == "PERSON" and len(surface.split()) >= 2:
            forms.setdefault(surface.split()[-1], "PERSON")
        # single capitalised words are too often spaCy's slips ("Allies") to spread; names and acronyms are not
        multiword = len(surface.split()) >= 2 and surface[0].isupper()
        acronym = len(surface) >= 2 and surface.replace(".", "").isupper() and surface.isalpha()
        if (multiword or acronym or m.label == "PERSON") and surface.lower() not in PRONOUNS:
            forms.setdefault(surface, m.label)
    if not forms:
        return []
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    pattern = re.compile(r"(?<![\w.-])(?:" + alternatives + r")(?![\w-])")
    taken = SpanSet((m.start, m.end) for m in mentions)
    out = []
    for hit in pattern.finditer(text):
        a, b = hit.start(), hit.end()
        if taken.overlaps(a, b):
            continue
        possessive = fold(text[b : b + 2]) == "'s" or fold(text[b : b + 1]) == "'"
        if forms[hit.group()] == "PERSON" and " " not in hit.group():
            a = _given_name_before(text, a, taken, shared)
        out.append(RawMention(a, b, forms[hit.group()], possessive))
        taken.add(a, b)
    return out


_JOIN = re.compile(r"^\s(?:of|on|for)(?:\sthe)?\s$")


def _join_of_names(mentions: list[RawMention], text: str) -> list[RawMention]:
    """ "Treaty" + "on the" + "Non-Proliferation of Nuclear Weapons" split in two is one name."""
    out: list[RawMention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label in ("ORG", "LAW", "EVENT", "FAC")
            and m.label in ("ORG", "LAW", "EVENT", "FAC")
            and _JOIN.match(text[prev.end : m.start])
            and text[prev.start : prev.end].split()[-1].lower() in NON_PERSON_WORDS
        ):
            out[-1] = RawMention(prev.start, m.end, prev.label, m.possessive, prev.roles)
            continue
        out.append(m)
    return out


def _bracket_split(span: Any, label: str, possessive: bool) -> list[RawMention]:
    """ "(CNN)Kayahan" read as one name: the words on each side of a bracket are separate names."""
    out = []
    for m in re.finditer(r"[^()]+", span.text):
        part = m.group().strip()
        if not part or not part[0].isupper() or part.lower() in PRONOUNS:
            continue
        a = span.start_char + m.start() + (len(m.group()) - len(m.group().lstrip()))
        part_label = "ORG" if part.isupper() else label
        out.append(RawMention(a, a + len(part), part_label))
    if out:
        out[-1].possessive = possessive
    return out


def _title_split(span: Any) -> list[RawMention]:
    """ "NATO Secretary General Mark Rutte" tagged as one ORG → ORG "NATO" + PERSON "Mark Rutte"."""
    last_title = max((i for i, t in enumerate(span) if t.lower_ in TITLE_WORDS), default=-1)
    if last_title < 0 or last_title >= len(span) - 1:
        return []
    rest = span[last_title + 1 :]
    if not looks_like_person(rest.text):
        return []
    first_title = min(i for i, t in enumerate(span) if t.lower_ in TITLE_WORDS)
    out = []
    if first_title > 0:
        head = span[:first_title]
        label = "GPE" if strip_form(head.text) in PLACE_NAMES else "ORG"
        out.append(RawMention(head.start_char, head.end_char, label))
    out.append(RawMention(rest.start_char, rest.end_char, "PERSON"))
    return out


def _org_name_split(span: Any) -> list[RawMention]:
    """ "Ministry of Finance Brian Manning" tagged as one ORG → ORG "Ministry of Finance" + PERSON "Brian Manning".

    Only when the words after "of <Word>" read as a person's name and its surname stands on its own
    elsewhere in the article ("Manning said"), so "Department of Homeland Security" stays whole.
    """
    of = next((i for i, t in enumerate(span) if t.lower_ == "of"), -1)
    if of < 1:
        return []
    for cut in range(of + 2, len(span) - 1):
        rest = span[cut:]
        if len(rest) > 3 or not looks_like_person(rest.text):
            continue
        surname = rest[-1].text
        elsewhere = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", span.doc.text)]
        if not any(not span.start_char <= at < span.end_char for at in elsewhere):
            return []
        head = span[:cut]
        return [
            RawMention(head.start_char, head.end_char, "ORG"),
            RawMention(rest.start_char, rest.end_char, "PERSON"),
        ]
    return []


_GAZ_NAMES = sorted({*PLACE_NAMES, *PLACE_ALIASES, *DEMONYM_TO_PLACE, *ACRONYMS}, key=len, reverse=True)
_GAZ = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in _GAZ_NAMES) + r")(?![\w])")


def _gazetteer_hits(doc: Any, found: list[RawMention]) -> list[RawMention]:
    """Countries, demonyms and acronyms spaCy did not tag ("Kyiv submitted", "NATO-led")."""
    taken = SpanSet((m.start, m.end) for m in found)
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            taken.add(ent.start_char, ent.end_char)
    text = doc.text
    hits = []
    for m in _GAZ.finditer(text):
        a, b = m.start(), m.end()
        if taken.overlaps(a, b):
            continue
        name = m.group()
        if name == "US" and text[max(0, a - 4) : a].strip().lower() in ("let", "for", "to", "of", "tell"):
            continue
        if text[a:b].isupper() and len(name) > 1 and text[max(0, a - 12) : b + 12].isupper():
            continue  # a shouted heading, not an acronym
        possessive = fold(text[b : b + 2]) in ("'s",) or fold(text[b : b + 1]) == "'"
        if name in DEMONYM_TO_PLACE:
            label = "NORP"
        else:
            label = "ORG" if name in ACRONYMS and name not in PLACE_ALIASES else "GPE"
        hits.append(RawMention(a, b, label, possessive))
    return hits
