"""Who a pronoun, a bare surname or a description refers to: one resolver, read by every stage.

``FactSheet.referents.resolve(offset)`` gives the :class:`Link` for the mention that starts at ``offset``
(a token's character offset) when the link is certain, and None when it is not; ``link(offset)`` gives the
best reading with its confidence, certain or not. Speakers (who said a quote), the rewriter (a name in
place of an opening "He", a surname given in full) and the checker (the source's "She" against the
rewrite's name) all read the same links, computed once when the text is analysed.

The rules are built for precision, because a wrong name is a false statement in the output while an
unresolved pronoun only costs an item: a link is certain only when the text leaves one candidate —

- ``sole``: one person of the pronoun's gender is named in its sentence and the two before it (outside
  quotations), and no unnamed person ("his wife", "a patient") of that gender stands between;
- ``clause``: the pronoun sits in a clause whose subject is a person named earlier in the same sentence
  ("Smith said he would…", "Smith lost his seat"), with no other candidate of its gender in between;
- ``chain``: the pronoun is the subject of a sentence whose previous sentence has a person as its
  subject, no other candidate of its gender named since, and none in the sentence before the pronoun
  (the text calling each candidate by that gender); or the "he added" closing a quotation right after
  the sentence in which one named person, and nobody else, spoke;
- ``surname``: a bare surname that belongs to exactly one person the text names in full;
- ``description``: "the company" when the text has named exactly one organisation so far; "the mayor"
  when exactly one person named so far holds that role.

Anything else is a guess (``clause`` for an object or a reading the syntax alone suggests,
``nearest-subject``, ``nearest``, ``it`` for the one organisation in view): kept with a lower confidence
for measurement (``bench/gap.py``), never acted on. A rule reaches :data:`ACT` only if it made no wrong
link on the GAP development file (the data the rules were tuned on, where it links 8 of 2,000 pronouns);
the guesses carry the precision they measured there.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from retold.analyze.gazetteer import PLACE_NAMES
from retold.analyze.roles import TITLE_WORDS
from retold.lexicon import FEMININE, MASCULINE, SPEECH_VERBS
from retold.normalize import fold
from retold.types import Entity, Sentence

ACT = 0.95  # the confidence a stage needs before it acts on a link
WINDOW = 2  # sentences before the pronoun's own that may hold its antecedent

PERSONAL = MASCULINE | FEMININE
THING = frozenset({"it", "its"})
PLURAL = frozenset({"they", "their", "them"})
_OBJECT_FORMS = frozenset({"him", "her", "himself", "herself"})
_REFLEXIVE = frozenset({"himself", "herself"})

# Unnamed people a pronoun may point to instead of the last name ("Dhillon said his patient… She later…").
PERSON_NOUNS = frozenset(
    {
        "man",
        "woman",
        "men",
        "women",
        "boy",
        "girl",
        "child",
        "baby",
        "patient",
        "wife",
        "husband",
        "mother",
        "father",
        "son",
        "daughter",
        "brother",
        "sister",
        "victim",
        "driver",
        "officer",
        "teenager",
        "student",
        "friend",
        "partner",
        "pilot",
        "doctor",
        "suspect",
        "passenger",
        "owner",
        "mum",
        "dad",
        "grandmother",
        "grandfather",
        "girlfriend",
        "boyfriend",
        "widow",
        "resident",
        "worker",
        "customer",
        "teacher",
        "player",
        "king",
        "queen",
        "prince",
        "princess",
        "uncle",
        "aunt",
        "nephew",
        "niece",
        "cousin",
        "colleague",
        "lawyer",
    }
)
_MALE_NOUNS = frozenset(
    "man men boy husband father son brother grandfather boyfriend dad king prince uncle nephew".split()
)
_FEMALE_NOUNS = frozenset(
    "woman women girl wife mother daughter sister grandmother girlfriend widow mum queen princess aunt niece".split()
)
_MALE_TITLES = frozenset({"mr", "sir", "lord", "mr."})
_FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "dame", "lady", "mrs.", "ms."})
_COMPANY_NOUNS = frozenset(
    {
        "company",
        "firm",
        "group",
        "business",
        "carmaker",
        "automaker",
        "bank",
        "retailer",
        "airline",
        "startup",
        "insurer",
        "manufacturer",
        "chain",
        "conglomerate",
        "corporation",
    }
)
_ORG_LABELS = frozenset({"ORG"})
# the tagger's place and group labels are no proof a word is not a person ("Jerrica learns …" as a place)
_NUMERIC = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
_POSSESSIVE = re.compile(r"(?:['\u2019]s|['\u2019])$")
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|Lady)\.?\s+")

# Confidence of each rule (see the module's docstring; bench/gap.py prints what each measures).
CONFIDENCE = {
    "sole": 0.96,
    "clause": 0.75,  # 3 of 3 judged on the GAP development file, one wrong before the gender rule: not acted on
    "chain": 0.95,
    "surname": 0.99,
    "description": 0.95,
    "nearest-subject": 0.57,  # GAP development: 701 right of 1,217 judged
    "nearest": 0.31,  # 168 of 535
    "it": 0.8,  # not measured (GAP has only people): below ACT by choice
}


@dataclass(frozen=True, slots=True)
class Link:
    """A mention (``start``/``end``, its words ``text``) read as referring to entity ``entity``.

    ``name`` is the words the text itself uses for the referent at ``antecedent`` (never put together from
    parts); ``rule`` says which reading made the link and ``confidence`` how far it may be trusted.
    """

    start: int
    end: int
    text: str
    entity: int
    name: str
    antecedent: tuple[int, int]
    confidence: float
    rule: str

    @property
    def certain(self) -> bool:
        return self.confidence >= ACT


@dataclass(frozen=True, slots=True)
class _Named:
    start: int
    end: int
    entity: int
    sentence: int
    token: Any  # the root token of the mention


class Referents:
    """Every pronoun, bare surname and description of one text with its :class:`Link`, found once."""

    def __init__(self, links: Mapping[int, Link]) -> None:
        self._links = dict(links)

    def link(self, start: int) -> Link | None:
        """The best reading of the mention starting at ``start``, whatever its confidence."""
        return self._links.get(start)

    def resolve(self, start: int) -> Link | None:
        """The link for the mention starting at ``start`` when it is certain; None when the text does not say."""
        found = self._links.get(start)
        return found if found is not None and found.certain else None

    def __iter__(self) -> Any:
        return iter(sorted(self._links.values(), key=lambda k: k.start))

    def __len__(self) -> int:
        return len(self._links)


EMPTY = Referents({})


def pronoun_gender(word: str) -> str | None:
    word = word.lower()
    return "m" if word in MASCULINE else "f" if word in FEMININE else None


def build(
    doc: Any,
    text: str,
    sentences: Sequence[Sentence],
    entities: Sequence[Entity],
    genders: Mapping[int, str],
    quoted: Sequence[Any] = (),
) -> Referents:
    """The links of every mention a stage may need read, from analyze's own findings."""
    if doc is None or not sentences:
        return EMPTY
    return _Builder(doc, text, sentences, entities, genders, quoted).run()


class _Builder:
    def __init__(
        self,
        doc: Any,
        text: str,
        sentences: Sequence[Sentence],
        entities: Sequence[Entity],
        genders: Mapping[int, str],
        quoted: Sequence[Any],
    ) -> None:
        self.doc = doc
        self.text = text
        self.sentences = sentences
        self.sentence_starts = [s.start for s in sentences]
        self.entities = entities
        self.quote_starts = [q.start for q in quoted]
        self.quote_ends = [q.end for q in quoted]
        self.token_starts = [t.idx for t in doc]
        named = []
        for e in entities:
            if not is_person(e):
                continue
            for m in e.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                named.append(_Named(m.start, m.end, e.id, self.sentence_of(m.start), span.root))
        named.sort(key=lambda n: n.start)
        # a surname says who it is wherever it stands; a name inside a quotation is not what the narration's
        # "he" points back to
        self.every_name = named
        named = [n for n in named if not self.in_quote(n.start)]
        self.named = named
        self.named_starts = [n.start for n in named]
        self.genders = dict(genders)
        for e in entities:  # a title the text gives settles what the narration did not
            if is_person(e) and e.id not in self.genders:
                said = {g for m in e.mentions if (g := _title_gender(m.text)) is not None}
                if len(said) == 1:
                    self.genders[e.id] = said.pop()
        covered = sorted((m.start, m.end) for e in entities if is_person(e) for m in e.mentions)
        # proper names analysis did not take for a person: any of them may be one ("Roush", "Millie")
        self.strangers = [
            t.idx
            for t in doc
            if _could_be_named(t)
            and t.ent_type_ not in _NUMERIC
            and fold(t.text) not in PLACE_NAMES
            and not _plainly_not_a_person(t)
            and t.lower_ not in TITLE_WORDS
            and not _inside(covered, t.idx)
            and not self.in_quote(t.idx)
        ]
        self.orgs = sorted(
            (m.start, e.id, m)
            for e in entities
            if e.label in _ORG_LABELS
            for m in e.mentions
            if not self.in_quote(m.start)
        )

    # ------------------------------------------------------------------ lookups

    def sentence_of(self, offset: int) -> int:
        return max(bisect.bisect_right(self.sentence_starts, offset) - 1, 0)

    def in_quote(self, offset: int) -> bool:
        i = bisect.bisect_right(self.quote_starts, offset) - 1
        return i >= 0 and offset < self.quote_ends[i]

    def named_between(self, start: int, end: int) -> list[_Named]:
        return self.named[bisect.bisect_left(self.named_starts, start) : bisect.bisect_left(self.named_starts, end)]

    def stranger_between(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.strangers, start)
        return i < len(self.strangers) and self.strangers[i] < end

    def fits(self, entity: int, gender: str | None) -> bool:
        return gender is None or self.genders.get(entity) in (None, gender)

    def name_form(self, named: _Named) -> str:
        return _POSSESSIVE.sub("", " ".join(self.text[named.start : named.end].split()))

    # ------------------------------------------------------------------ the pass

    def run(self) -> Referents:
        links: dict[int, Link] = {}
        for tok in self.doc:
            word = tok.lower_
            if word in PERSONAL and tok.pos_ == "PRON" or word in ("his", "her") and tok.tag_ == "PRP$":
                found = self.pronoun(tok)
            elif word in THING and tok.pos_ in ("PRON", "DET"):
                found = self.thing(tok)
            elif word == "the" and tok.i + 1 < len(self.doc):
                found = self.description(tok)
            else:
                continue
            if found is not None:
                links[found.start] = found
        for n in self.every_name:
            found = self.surname(n)
            if found is not None:
                links.setdefault(found.start, found)
        return Referents(links)

    def _link(self, tok: Any, target: _Named, rule: str, end: int | None = None) -> Link:
        end = end if end is not None else tok.idx + len(tok.text)
        return Link(
            tok.idx,
            end,
            self.text[tok.idx : end],
            target.entity,
            self.name_form(target),
            (target.start, target.end),
            CONFIDENCE[rule],
            rule,
        )

    # ------------------------------------------------------------------ pronouns

    def pronoun(self, tok: Any) -> Link | None:
        if self.in_quote(tok.idx):
            return None  # inside a quotation "he" is the speaker's, not the narration's
        gender = pronoun_gender(tok.lower_)
        sid = self.sentence_of(tok.idx)
        floor = self.sentences[max(sid - WINDOW, 0)].start
        before = [n for n in self.named_between(floor, tok.idx) if n.end <= tok.idx]
        fitting = [n for n in before if self.fits(n.entity, gender)]
        if tok.lower_ in _OBJECT_FORMS - _REFLEXIVE and tok.tag_ != "PRP$":
            # "Smith praised him": him is not the subject of his own verb
            fitting = [n for n in fitting if not _same_clause_subject(n.token, tok)]
        if not fitting:
            return None
        ids = {n.entity for n in fitting}
        last = fitting[-1]
        known = self.known(fitting, gender)
        blocked = self.unnamed_between(last.end, tok.idx, gender) or self.named_ahead(tok, sid)
        if len(ids) == 1 and not blocked and not self.stranger_between(floor, tok.idx):
            return self._link(tok, last, "sole")
        same = [n for n in fitting if n.sentence == sid]
        clause = self.clause_subject(tok, same)
        if (
            known
            and clause is not None
            and not blocked
            and not self.stranger_between(self.sentences[sid].start, tok.idx)
        ):
            others = {n.entity for n in fitting if n.sentence >= sid - 1}
            if others <= {clause.entity}:
                return self._link(tok, clause, "clause")
        chain = self.chain(tok, sid, fitting)
        if known and chain is not None and not blocked and not self.stranger_between(chain.end, tok.idx):
            return self._link(tok, chain, "chain")
        said = self.speech_chain(tok, sid, fitting)
        if said is not None and not blocked and not self.stranger_between(said.end, tok.idx):
            return self._link(tok, said, "chain")
        return self.guess(tok, fitting)

    def speech_chain(self, tok: Any, sid: int, fitting: list[_Named]) -> _Named | None:
        """A quotation closed by "he added" right after one named person's: 'Sybiha said: "…". "…," he added.'"""
        if tok.dep_ != "nsubj" or tok.head.lemma_.lower() not in SPEECH_VERBS or sid == 0:
            return None
        if not any(self.in_quote(t.idx) for t in tok.sent if t.i < tok.i) or any(n.sentence == sid for n in fitting):
            return None
        prev = [n for n in fitting if n.sentence == sid - 1]
        speakers = [n for n in prev if n.token.dep_ == "nsubj" and n.token.head.lemma_.lower() in SPEECH_VERBS]
        if len({n.entity for n in speakers}) != 1:
            return None
        speaker = speakers[0]
        inside = {t.i for t in speaker.token.subtree}
        if {n.entity for n in prev if n.token.i not in inside} - {speaker.entity}:
            return None
        return speaker

    def known(self, fitting: list[_Named], gender: str | None) -> bool:
        """Whether the text itself calls every candidate by the pronoun's gender (no guessing from names)."""
        return gender is not None and all(self.genders.get(n.entity) == gender for n in fitting)

    def guess(self, tok: Any, fitting: list[_Named]) -> Link:
        """The nearest subject of the pronoun's gender, or the nearest name: a reading never acted on."""
        last = fitting[-1]
        subjects = [n for n in fitting if n.token.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return self._link(tok, subjects[-1], "nearest-subject")
        return self._link(tok, last, "nearest")

    def named_ahead(self, tok: Any, sid: int) -> bool:
        """A name after the pronoun's phrase, opening the clause it leans on ("Throughout his exile, Panizza…",
        "Like her first album, Jarosz co-produced…"), or before the main verb it precedes."""
        sent = tok.sent
        root = sent.root
        if root.i > tok.i and (
            self.named_between(tok.idx + 1, root.idx) or self.stranger_between(tok.idx + 1, root.idx)
        ):
            return True
        comma = next((t for t in self.doc[tok.i + 1 : sent.end] if t.text == ","), None)
        if comma is None:
            return False
        after = self.doc[comma.i + 1 : min(comma.i + 4, sent.end)]
        if not len(after):
            return False
        start, end = after[0].idx, after[-1].idx + len(after[-1].text)
        return bool(self.named_between(start, end)) or self.stranger_between(start, end)

    def clause_subject(self, tok: Any, same: list[_Named]) -> _Named | None:
        """The person named as the subject of the nearest clause above the pronoun ("Smith said he…", "Smith
        lost his seat"); None when that clause's subject is anything else ("Alice, who reveals she…")."""
        if not same or tok.lower_ in _OBJECT_FORMS and tok.tag_ != "PRP$":
            return None  # "Pierson walked into her": an object is not its own clause's subject
        by_token = {n.token.i: n for n in same}
        head = tok
        for _ in range(12):
            if head.head is head:
                return None
            head = head.head
            if head.pos_ not in ("VERB", "AUX"):
                continue
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i]
            if not subjects:
                continue
            subject = subjects[0]
            return by_token.get(subject.i) if subject.i < tok.i else None
        return None

    def chain(self, tok: Any, sid: int, fitting: list[_Named]) -> _Named | None:
        """Subject continuity: "Smith won the seat. He …" with nobody else of his gender named since."""
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "ROOT" or sid == 0:
            return None
        if any(n.sentence == sid for n in fitting):
            return None
        prev = [n for n in fitting if n.sentence == sid - 1]
        subjects = [n for n in prev if n.token.dep_ in ("nsubj", "nsubjpass") and n.token.head.dep_ == "ROOT"]
        if len(subjects) != 1:
            return None
        subject = subjects[0]
        inside = {t.i for t in subject.token.subtree}  # "Dhillon, a colleague of Mr Gupta, said": Gupta is aside
        if {n.entity for n in prev if n.start > subject.start and n.token.i not in inside} - {subject.entity}:
            return None
        return subject

    def unnamed_between(self, start: int, end: int, gender: str | None) -> bool:
        """An unnamed person of the pronoun's gender between the name and the pronoun ("his wife … she")."""
        if start >= end:
            return False
        i = bisect.bisect_left(self.token_starts, start)
        j = bisect.bisect_left(self.token_starts, end)
        for t in self.doc[i:j]:
            w = t.lower_
            if w not in PERSON_NOUNS or t.pos_ != "NOUN":
                continue
            if gender == "m" and w in _FEMALE_NOUNS or gender == "f" and w in _MALE_NOUNS:
                continue
            return True
        return False

    # ------------------------------------------------------------------ it / its, the company, the mayor

    def thing(self, tok: Any) -> Link | None:
        if self.in_quote(tok.idx):
            return None
        sid = self.sentence_of(tok.idx)
        floor = self.sentences[max(sid - 1, 0)].start
        orgs = [(s, eid, m) for s, eid, m in self.orgs if floor <= s < tok.idx]
        if len({eid for _, eid, _ in orgs}) != 1:
            return None
        s, eid, m = orgs[-1]
        target = _Named(m.start, m.end, eid, m.sentence, None)
        return self._link(tok, target, "it")

    def description(self, tok: Any) -> Link | None:
        """ "the company" when one organisation has been named; "the (former) mayor" when one person holds it."""
        if self.in_quote(tok.idx):
            return None
        j = tok.i + 1
        words: list[Any] = []
        while j < len(self.doc) and len(words) < 3 and self.doc[j].is_alpha and self.doc[j].is_lower:
            words.append(self.doc[j])
            j += 1
        if not words or words[-1].pos_ != "NOUN" or words[-1].tag_ != "NN":
            return None
        if j < len(self.doc) and (self.doc[j].pos_ in ("PROPN", "NOUN") or self.doc[j].lower_ == "of"):
            return None  # "the company Nvidia", "the mayor of …": the words go on to name whom they mean
        noun = words[-1].lower_
        end = words[-1].idx + len(words[-1].text)
        if noun in _COMPANY_NOUNS and len(words) == 1:
            seen = [(s, eid, m) for s, eid, m in self.orgs if s < tok.idx]
            if len({eid for _, eid, _ in seen}) != 1:
                return None
            s, eid, m = seen[-1]
            return self._link(tok, _Named(m.start, m.end, eid, m.sentence, None), "description", end)
        holders = {}
        for n in self.named:
            if n.start >= tok.idx:
                break
            roles = self.entities[n.entity].roles
            if any(noun in r.lower().split() for r in roles):
                holders[n.entity] = n
        if len(holders) != 1:
            return None
        (target,) = holders.values()
        return self._link(tok, target, "description", end)

    # ------------------------------------------------------------------ surnames

    def surname(self, named: _Named) -> Link | None:
        """A bare surname ("Rutte", "Mr. Ruano") that one person named in full in the text goes by."""
        form = _HONORIFIC.sub("", self.name_form(named))
        if " " in form or not form[:1].isupper():
            return None
        title = _title_gender(self.text[named.start : named.end])
        owners: dict[str, set[int]] = {}
        for e in self.entities:
            if e.label != "PERSON":
                continue
            for alias in (e.name, *e.aliases, *(m.text for m in e.mentions)):
                words = _HONORIFIC.sub("", _POSSESSIVE.sub("", " ".join(alias.split()))).split()
                if len(words) >= 2 and words[-1] == form and words[0][:1].isupper():
                    owners.setdefault(words[0].rstrip("."), set()).add(e.id)
        if title is not None:
            owners = {k: v for k, v in owners.items() if all(self.genders.get(i) in (None, title) for i in v)}
        firsts = {k for k in owners if len(k) > 1}  # "J." is an initial of one of the others
        if len(firsts) != 1:
            return None
        ids = set().union(*owners.values())
        if len(ids) != 1 or named.entity not in ids:
            return None
        (first,) = firsts
        full = next(
            (
                m
                for m in self.every_name
                if m.entity == named.entity and _HONORIFIC.sub("", self.name_form(m)).split()[:1] == [first]
            ),
            None,
        )
        if full is None:
            return None
        return Link(
            named.start,
            named.end,
            self.text[named.start : named.end],
            named.entity,
            self.name_form(full),
            (full.start, full.end),
            CONFIDENCE["surname"],
            "surname",
        )


def is_person(entity: Entity) -> bool:
    """A person: tagged so, or called by a title ("Mr Farage" the tagger took for an organisation)."""
    return entity.label == "PERSON" or any(_HONORIFIC.match(m.text) for m in entity.mentions)


def _could_be_named(t: Any) -> bool:
    """A capitalised word that may name someone: a proper noun, or a capitalised subject ("Little placed…")."""
    if t.dep_ in ("compound", "flat") or not t.text[:1].isupper() or t.is_stop:
        return False
    if not all(c.isalpha() or c in "'\u2019-." for c in t.text):
        return False
    if t.pos_ == "PROPN":
        return True
    return t.is_sent_start and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON"


_BODY_WORDS = frozenset(
    "ministry council party company inc ltd corp corporation university college school bank group agency "
    "department office court committee commission association union league club institute foundation "
    "board service services news times post press network organization organisation alliance army navy "
    "police force government parliament assembly senate house congress fund federation".split()
)


def _plainly_not_a_person(t: Any) -> bool:
    """An acronym ("NATO"), or a word of a longer name the tagger took for a place, body or event
    ("Washington Summit"); a single word it calls a place may still be a person ("Jerrica learns …")."""
    if t.text.isupper() and len(t.text) > 1:
        return True
    if t.ent_type_ in ("", "PERSON"):
        return False
    i = t.i
    while i > 0 and t.doc[i - 1].ent_iob_ == "I" or i > 0 and t.doc[i].ent_iob_ == "I":
        i -= 1
    j = t.i
    while j + 1 < len(t.doc) and t.doc[j + 1].ent_iob_ == "I":
        j += 1
    words = [w for w in t.doc[i : j + 1] if w.lower_ != "the"]
    if t.ent_type_ == "ORG" and not any(w.lower_ in _BODY_WORDS for w in words):
        return False  # "Brandi Chastain" taken for an organisation is still a name
    return len(words) >= 2


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    i = bisect.bisect_right(spans, (offset, 1 << 60)) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _title_gender(words: str) -> str | None:
    first = words.split()[0].lower().rstrip(".") if words.split() else ""
    return "m" if first in _MALE_TITLES else "f" if first in _FEMALE_TITLES else None


def _same_clause_subject(name_token: Any, pronoun: Any) -> bool:
    """Whether the name is the subject of the verb the pronoun is the object of ("Smith praised him")."""
    verb = pronoun.head
    return name_token.head.i == verb.i and name_token.dep_ in ("nsubj", "nsubjpass")
