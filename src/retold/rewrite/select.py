"""Choosing source sentences for each section and lifting them (compressed, pronoun resolved) into items."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from retold.ingest.boilerplate import boilerplate_reason
from retold.lexicon import REPORTED_SPEECH
from retold.normalize import fold
from retold.rewrite import compress as cz
from retold.rewrite.pronouns import PERSON_NOUNS, UNRESOLVABLE, is_pronoun, resolve, unsettled_pronoun
from retold.types import DateFact, FactSheet, Item, NumberFact, Quote, Sentence

MIN_WORDS = 5
BULLET_WORDS = 38  # a lifted sentence longer than this is compressed further
HEADLINE_WORDS = 14
HEADLINE_MAX_WORDS = 16
OVERRUN = 12  # words a lifted sentence may run over its limit when nothing more can safely go

_SPEECH_VERBS = re.compile(rf"\b({'|'.join(REPORTED_SPEECH)})\b")
# Significance: words that say why something counts (each weighs 2), and plain causation (1).
WHY_CUES = re.compile(
    r"\b(biggest|largest|record|crucial|critical|key role|significant|important|major|threat|risk|symbol|"
    r"historic|first time|landmark|affects?|warn\w*|concerns?|concerned|fears?|unprecedented|means)\b"
)
WHY_WEAK_CUES = re.compile(r"\b(because|as a result|so that|leading to|which could)\b")
# A sentence that opens on a question word ("What voters will make of all this …") wonders; it schedules nothing.
WONDERING = re.compile(r"^\W*(?:what|whether|how|why|who|when|where|it remains|it is (?:unclear|not clear))\b", re.I)
NEXT_CUES = re.compile(
    r"\b(will|expected to|plans? to|planning|next (?:week|month|year|season|step|steps|phase|round|stage|\w+day)|"
    r"upcoming|scheduled|set to|(?<!more )(?<!less )likely to|looming|tomorrow|"
    r"later this|coming (?:days|weeks|months)|future|is due|are due|to be held)\b"
)
CONTEXT_CUES = re.compile(
    r"\b(since|ago|history|historically|decades?|previously|earlier|for years|first time|last year|"
    r"in the past|already|long been|tradition\w*|background|part of|years)\b"
)


@dataclass(frozen=True, slots=True)
class Lifted:
    """A source sentence made ready for a draft."""

    sentence: int
    text: str
    has_quote: bool  # carries quoted words longer than a scare quote
    quote_ids: tuple[int, ...]  # indices into FactSheet.quotes it carries


@dataclass
class Index:
    """Per-sentence lookups over one FactSheet, built once per rewrite."""

    facts: FactSheet
    numbers: dict[int, list[NumberFact]] = field(default_factory=dict)
    dates: dict[int, list[DateFact]] = field(default_factory=dict)
    quotes: dict[int, list[int]] = field(default_factory=dict)
    entity_count: Counter[int] = field(default_factory=Counter)
    entities_in: dict[int, set[int]] = field(default_factory=dict)
    lifts: dict[tuple[int, int, bool], Lifted | None] = field(default_factory=dict)  # (sentence, max words, headline)

    @classmethod
    def build(cls, facts: FactSheet) -> Index:
        idx = cls(facts)
        for n in facts.numbers:
            idx.numbers.setdefault(n.sentence, []).append(n)
        for d in facts.dates:
            idx.dates.setdefault(d.sentence, []).append(d)
        for qi, q in enumerate(facts.quotes):
            for sid in q.sentences:
                idx.quotes.setdefault(sid, []).append(qi)
        for e in facts.entities:
            idx.entity_count[e.id] = len(e.mentions)
            for m in e.mentions:
                idx.entities_in.setdefault(m.sentence, set()).add(e.id)
        return idx

    def quote_objs(self, sid: int) -> list[Quote]:
        return [self.facts.quotes[q] for q in self.quotes.get(sid, [])]

    def plain_numbers(self, sid: int) -> list[NumberFact]:
        """Numbers of sentence ``sid`` that are neither part of a date nor inside a quote."""
        dates = self.dates.get(sid, [])
        quotes = self.quote_objs(sid)
        return [
            n
            for n in self.numbers.get(sid, [])
            if (any(ch.isdigit() for ch in n.text) or n.value >= 2)  # "one species" is no statistic
            and not any(d.start <= n.start < d.end for d in dates)
            and not any(q.start <= n.start < q.end for q in quotes)
        ]

    def anchored(self, sid: int) -> bool:
        """Whether sentence ``sid`` names someone or something, or gives a number or a date."""
        return bool(self.entities_in.get(sid) or self.plain_numbers(sid) or self.dates.get(sid))

    def salience(self, sid: int) -> float:
        """How much of the story's cast a sentence carries (mentions weighted by how often each recurs)."""
        return sum(min(self.entity_count[e], 6) for e in self.entities_in.get(sid, ()))


# Photo captions, bylines and page furniture some sources leave in the body.
_NOT_STORY = re.compile(
    r"\bpictured\b|\bscroll down\b|\bclick here\b|\bdaily mail reporter\b|^\s*(?:published|updated|last updated)\s*:"
    r"|\bphoto(?:graph)?s?\s*:|\bimage:|\bvideo:|\bcredit:"
    r"|^\s*(?:[\w'-]+\s*){0,4}:\s*(?:above|below|left|right|top|bottom|inset)\b"
    r"|^\s*(?:above|below|left|right|inset)\s*[,:(]"
    # who stands where in the picture: "Mayor Jane Roe, left, and …", "David de Gea (right) has been …"
    r"|(?-i:[A-Z])[\w.'\-]+,\s+(?:left|right|center|centre|second (?:from )?(?:left|right)|(?:top|bottom) (?:left|right)),\s"
    r"|(?-i:[A-Z])[\w.'\-]+\s+\((?:left|right|center|centre|second (?:from )?(?:left|right)|(?:top|bottom) (?:left|right)"
    r"|pictured|inset)\)"
    # a wire photo's caption: "Spell sits in District Court in Sidney, Mont, Friday April 17, 2015, before …"
    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day,? (?:jan|feb|march|april|may|june|july|aug|sept?|oct|nov|dec)\w*\.? \d{1,2}, \d{4}\b",
    re.I,
)


def not_story(text: str) -> bool:
    """A photo caption, credit, citation, byline or page furniture rather than the story's own telling.

    Ingest takes out whole blocks of these; a sentence of one that sat inside a paragraph is caught here,
    by the same rules, so it never becomes a headline, a lead or an item.
    """
    return bool(_NOT_STORY.search(text)) or boilerplate_reason(text) in _NOT_STORY_REASONS


_NOT_STORY_REASONS = frozenset({"caption", "credits", "citation"})


def lift(idx: Index, sentence: Sentence, *, max_words: int = BULLET_WORDS, headline: bool = False) -> Lifted | None:
    """``sentence`` compressed and with its opening pronoun resolved; None when it cannot stand alone.

    ``headline`` also lets go of what a headline does without (:func:`compress.headline_deletions`).
    """
    key = (sentence.id, max_words, headline)
    if key not in idx.lifts:
        idx.lifts[key] = _lift(idx, sentence, max_words, headline)
    return idx.lifts[key]


def _lift(idx: Index, sentence: Sentence, max_words: int, headline: bool = False) -> Lifted | None:
    facts = idx.facts
    if sentence.kind == "heading" or not_story(sentence.text):
        return None
    quotes = idx.quote_objs(sentence.id)
    if sentence.text.lstrip()[:1] in "'\u2018\"\u201c" and not quotes:
        return None  # opens on quoted words analysis could not credit: whose they are is unknown
    close_quote = False
    long_quote = False
    for q in quotes:
        if q.start - 1 < sentence.start:
            return None  # begins inside someone's words: lifting it would drop their quotation mark
        if q.end > sentence.end or not q.closed:
            close_quote = True  # a quote running on: keep the verbatim part and close it
        if len(q.text.split()) > 3:
            long_quote = True
    st = cz.sentence_tokens(facts, sentence)
    if len(st.tokens) < MIN_WORDS:
        return None
    removed = cz.light_deletions(st)
    kept = [t for t in st.tokens if t.i not in removed and not t.is_punct]
    if not kept or not any(t.pos_ in ("VERB", "AUX") for t in kept):
        return None
    if not stands_alone(st, removed):
        return None  # "Heartfelt open letter written by …", "Email … for more information": no sentence
    replace: dict[int, str] = {}
    first = kept[0]
    if first.tag_ == "VB" and first.dep_ == "ROOT":
        return None  # "Take a snapshot of…": the writer talking to the reader, not a fact
    if first.lower_ in UNRESOLVABLE and first.pos_ in ("PRON", "DET"):
        return None  # "It was…", "This means…": nothing to name
    if first.lower_ in ("another", "both", "such", "either", "neither") and first.pos_ in ("PRON", "DET"):
        return None  # "Another plan …", "Both were …": it leans on a sentence left out
    if first.lower_ in ("no", "yes", "well") and len(kept) > 1 and first.nbor().text == ",":
        return None  # "No, the mayor's debut …": the answer to a question the item does not ask
    if is_pronoun(first):
        name = resolve(facts, sentence.id, first)
        if name is None:
            return None
        replace[first.i] = name
    if long_quote and not _speaker_named(st, removed, replace):
        return None
    if headline:
        removed = removed | cz.headline_deletions(st, removed)
    removed, text = cz.apply_until(st, removed, max_words, close_quote=close_quote, replace=replace)
    if cz.word_count(text) < MIN_WORDS or unbalanced(text) or first_person(st, removed):
        return None
    if orphan_pronoun(st, removed, replace):
        return None  # "rivals unveil another ghost from his past": whose, the item never says
    if unsettled_pronoun(
        facts, st.tokens, {t.i for t in st.tokens if t.i not in removed and t.i not in st.quoted}, replace
    ):
        return None  # a "his" or "its" the reader would pin on whoever the item names, not whom the source means
    if cz.word_count(text) > max_words + OVERRUN:
        return None  # a sentence compression cannot bring near the limit is too long to read as one item
    quote_ids = tuple(idx.quotes.get(sentence.id, []))
    return Lifted(sentence.id, text, long_quote, quote_ids)


_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


def stands_alone(st: cz.SentenceTokens, removed: set[int]) -> bool:
    """A sentence, not a fragment or an instruction: a verb with its subject, or a finite verb at the root."""
    if cz.has_main_clause(st, removed):
        return True
    # the small parser sometimes loses a subject ("In 1994 under the Memorandum Ukraine gave up …")
    return any(
        t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX") and t.tag_ in _FINITE_TAGS
        for t in st.tokens
        if t.i not in removed
    )


_FIRST_PERSON = {"i", "we", "me", "us", "my", "our", "mine", "ours", "myself", "ourselves"}


def first_person(st: cz.SentenceTokens, removed: set[int]) -> bool:
    """ "we agreed to the blanket option": someone's words without their quotation marks."""
    outside = (t for t in st.tokens if t.i not in removed and t.i not in st.quoted)
    return any(_first_person_word(t) for t in outside)


def _first_person_word(tok: Any) -> bool:
    """ "I", "we", "our" — also "I've" glued to a dateline ("(CNN)I've been …"), which the tagger reads as a noun."""
    if tok.lower_ in _FIRST_PERSON and tok.pos_ == "PRON":
        return True
    base = re.split("['\u2019]", tok.lower_)[0]
    return base != tok.lower_ and base in ("i", "we")


_HIS_HER = {"he", "she", "him", "his", "her", "hers", "himself", "herself"}


_POINTERS = {"this", "that", "these", "those"}
_DEFINED_BY = {"relcl", "acl", "prep"}  # "those who refuse", "those places where …", "that of the bank"


def orphan_pronoun(st: cz.SentenceTokens, removed: set[int], replace: dict[int, str]) -> bool:
    """Words outside quotation marks that point at what the item does not say: a "he", "his" or "her" in
    words that name no one ("rivals unveil another ghost from his past"), "any of that", "from those places".

    A "he" before the name it stands for is fine: "Since he entered the race, Bloomberg's climb …".
    """
    kept = [t for t in st.tokens if t.i not in removed and t.i not in st.quoted]
    named = any(
        t.i in replace
        or t.ent_type_ == "PERSON"
        or (t.pos_ == "PROPN" and t.ent_type_ in ("", "ORG", "NORP", "GPE"))
        or t.lower_ in PERSON_NOUNS
        for t in kept
    )  # "Tuesday" is a proper noun but names no one
    clause_before = False  # a "that" after an earlier clause may point back at it: "…, even if that meant …"
    for tok in kept:
        if not named and tok.lower_ in _HIS_HER and tok.pos_ == "PRON":
            return True
        clause_before = clause_before or tok.text in (",", ";", ":", "\u2014", "\u2013", "--")
        if clause_before and tok.pos_ == "PRON":
            continue
        if tok.lower_ == "ones" and not any(c.dep_ in _DEFINED_BY for c in tok.children):
            return True  # "There are less obvious ones too": ones of what, the item never says
        if tok.lower_ in _POINTERS and tok.tag_ == "DT" and tok.i != st.tokens[0].i:
            held = (
                tok
                if tok.pos_ == "PRON"
                else (tok.head if tok.lower_ in ("these", "those") and tok.dep_ == "det" else None)
            )
            defined_by = _DEFINED_BY if held is tok else {"relcl"}  # "those arriving"; but "these lessons learned"
            if held is not None and not any(c.dep_ in defined_by for c in held.children):
                return True
    return False


def _speaker_named(st: cz.SentenceTokens, removed: set[int], replace: dict[int, str]) -> bool:
    """Quoted words in a lifted sentence need their speaker named (or resolved) outside the quote."""
    outside = [t for t in st.tokens if t.i not in removed and t.i not in st.quoted]
    has_name = any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or t.i in replace for t in outside)
    speech = _SPEECH_VERBS.search(" ".join(t.lower_ for t in outside))
    return bool(has_name and speech)


_SINGLE_OPEN = re.compile(r"(?:^|[\s(\[\u2014\u2013-])['\u2018](?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?])['\u2019](?=[\s.,;:!?)\u2014\u2013-]|$)")
_STRAY_SINGLE = re.compile(r"(?:^|\s)['\u2018\u2019](?:\s|$|[.,])")


def unbalanced(text: str) -> bool:
    """Quotation marks that do not pair up: the lifted words would misquote someone."""
    curly_open = text.count("\u201c") + text.count("\u201e")
    if curly_open != text.count("\u201d") or text.count('"') % 2 == 1:
        return True
    if _STRAY_SINGLE.search(text):
        return True
    if re.search(r"[.,!?]['\u2019]", text) and not _SINGLE_OPEN.search(text):
        return True  # closes a quotation that never opened in this sentence
    return len(_SINGLE_OPEN.findall(text)) > len(_SINGLE_CLOSE.findall(text))


def cue_hits(pattern: re.Pattern[str], text: str) -> int:
    return len(pattern.findall(fold(text).lower()))


def headline_from(idx: Index, sentence: Sentence, *, slack: int = 0, tight: bool = False) -> str | None:
    """A lead sentence cut down to headline length, without its closing period; None when it leans on another.

    ``tight`` also drops the "that" after a verb of saying and when it was said (:func:`compress.headline_deletions`).
    """
    from retold.rewrite.editor import points_outside

    lifted = lift(idx, sentence, max_words=HEADLINE_WORDS, headline=tight)
    if lifted is None or points_outside(lifted.text, "") or lifted.has_quote:
        return None
    if cz.word_count(lifted.text) > HEADLINE_MAX_WORDS + slack:
        return None  # a headline that cannot be cut short enough without losing who said it
    text = lifted.text
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    return text


def words_of(text: str) -> set[str]:
    return set(re.findall(r"\w+", fold(text).lower()))


def near_duplicate(a: set[str], b: set[str]) -> bool:
    """Two sentences telling the same thing ("Mr Alexander today sent a letter…" twice over)."""
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= 0.7


def to_item(lifted: Lifted) -> Item:
    return Item(text=lifted.text, sources=(lifted.sentence,))
