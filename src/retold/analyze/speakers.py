"""Who said a quotation: the subject of the verb of speech that introduces or closes it, resolved to an entity."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from typing import Any

from retold.lexicon import SPEECH_VERBS
from retold.types import Entity, Quote

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_THING_PRONOUNS = frozenset({"it", "they"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that"})


class Mentions:
    """Entity mentions by position, to find what a token names, and the text's referent links.

    ``quoted`` are the quotations' spans (objects with ``start`` and ``end``, sorted, not overlapping);
    ``referents`` the text's :class:`retold.analyze.referents.Referents`, which say who a "he" or an "it"
    introducing a quotation is (only when certain: a quotation is better left uncredited than credited to
    the wrong person).
    """

    def __init__(self, entities: tuple[Entity, ...], quoted: Sequence[Any] = (), referents: Any = None) -> None:
        items = sorted((m.start, m.end, e.id, e.label) for e in entities for m in e.mentions)
        self.items = items
        self.starts = [i[0] for i in items]
        self.entities = entities
        self.quoted = quoted
        self.quoted_index = QuotedIndex(quoted)
        self.referents = referents

    def within(self, start: int, end: int) -> list[tuple[int, int, int, str]]:
        """(start, end, entity id, label) of the mentions that start in ``[start, end)``."""
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        return self.items[i:j]

    def at(self, start: int, end: int) -> int | None:
        i = bisect.bisect_right(self.starts, start)
        for s, e, eid, _ in self.items[max(0, i - 3) : i + 3]:
            if s <= start and end <= e:
                return eid
        return None

    def referent(self, token: Any, labels: tuple[str, ...]) -> int | None:
        """The entity a pronoun certainly refers to, when it has one of ``labels``."""
        link = self.referents.resolve(token.idx) if self.referents is not None else None
        if link is None or self.entities[link.entity].label not in labels:
            return None
        return link.entity


def _subject(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if verb.dep_ in ("conj", "xcomp", "ccomp") and verb.head is not verb and verb.head.pos_ in ("VERB", "AUX"):
        for child in verb.head.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
    return None


def _phrase(subject: Any, verb: Any) -> Any:
    """The subject's words: its subtree, cut at the verb and at any comma."""
    left, right = subject.left_edge.i, subject.right_edge.i + 1
    if subject.i < verb.i:
        right = min(right, verb.i)
    doc = subject.doc
    for j in range(subject.i, right):
        if doc[j].text in (",", "\u201c", '"') and j > subject.i:
            right = j
            break
    return doc[left:right]


def _speech_verb(tokens: list[Any]) -> Any | None:
    for tok in tokens:
        if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _speaker_token(
    doc: Any, token_starts: list[int], quoted: QuotedIndex, mark: int, end: int, sent_start: int, sent_end: int
) -> tuple[Any | None, Any, bool] | None:
    """(subject, verb, said) of the clause that introduces or closes the quote; ``said`` when the verb is one
    of speech. The subject is None when a verb of speech has none ("’ asks one", "saying:")."""
    first_in = bisect.bisect_left(token_starts, mark)
    after_close = bisect.bisect_left(token_starts, end + 1)
    first_of_sentence = bisect.bisect_left(token_starts, sent_start)
    near_left = _near_clause(doc, token_starts, quoted, first_in - 1, first_of_sentence - 1, -1, _REACH)
    verb = _speech_verb(near_left)
    if verb is not None and (subject := _subject(verb)) is not None and subject.i < first_in:
        return subject, verb, True
    source = _according(list(reversed(near_left)))
    if source is not None:
        return source, source.head, True
    said_before = verb
    end_of_sentence = bisect.bisect_left(token_starts, sent_end)
    near_right = _near_clause(doc, token_starts, quoted, after_close, end_of_sentence, 1, _REACH_AFTER)
    verb = _speech_verb(near_right)
    if verb is not None and (subject := _subject(verb)) is not None and subject.i >= after_close:
        return subject, verb, True
    if said_before is not None or verb is not None:
        return None, said_before or verb, True  # said by someone the text does not name ("asks one")
    source = _according(near_right)
    if source is not None:
        return source, source.head, True
    # no speech verb: the subject of the clause the quoted words sit in
    # ("Rutte is concentrating on what is “necessary now")
    if first_in < len(doc):
        tok = doc[min(first_in + 1, len(doc) - 1)]
        seen = 0
        while tok.head is not tok and seen < 12:
            tok = tok.head
            seen += 1
            if tok.idx < mark and tok.pos_ in ("VERB", "AUX"):
                subject = _subject(tok)
                if subject is not None and subject.idx < mark and _names_someone(subject):
                    return subject, tok, False
    return None


def _near_clause(
    doc: Any, token_starts: list[int], quoted: QuotedIndex, i: int, stop: int, step: int, reach: int
) -> list[Any]:
    """Up to ``reach`` tokens outside quotations, walking from token ``i`` towards ``stop`` (exclusive) in
    ``step`` and stopping at a sentence-ending mark: the words next to a quote, in walking order.

    Quotations are jumped over whole, so the walk costs the words it keeps, not the length of the sentence.
    """
    out: list[Any] = []
    while (i > stop if step < 0 else i < stop) and len(out) < reach:
        span = quoted.at(token_starts[i])
        if span is not None:
            start, end = span
            i = bisect.bisect_left(token_starts, start) - 1 if step < 0 else bisect.bisect_left(token_starts, end)
            continue
        tok = doc[i]
        if tok.text in (".", "!", "?"):
            break
        out.append(tok)
        i += step
    return out


class QuotedIndex:
    """The quotations' spans (objects with ``start`` and ``end``, sorted, not overlapping), by position."""

    def __init__(self, spans: Sequence[Any]) -> None:
        self.starts = [q.start for q in spans]
        self.ends = [q.end for q in spans]

    def at(self, offset: int) -> tuple[int, int] | None:
        """(start, end) of the quotation ``offset`` stands in, or None."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return (self.starts[i], self.ends[i]) if i >= 0 and offset < self.ends[i] else None


def _according(tokens: list[Any]) -> Any | None:
    """The source in "according to Reuters" among ``tokens``."""
    for i, tok in enumerate(tokens[:-2]):
        if tok.lower_ == "according" and tokens[i + 1].lower_ == "to":
            objects = [t for t in tokens[i + 2 :] if t.dep_ == "pobj"]
            return objects[0] if objects else None
    return None


_REACH = 14  # how many words a verb of speech may stand from the quote it introduces
# ... or follow the quote it closes ("…,' 23-year-old inmate Jordan 'Janae' Farris testified")
_REACH_AFTER = 12


def _clause(tokens: Any) -> list[Any]:
    """Tokens up to the first sentence-ending mark outside quotes: a verb beyond it said something else."""
    out = []
    for tok in tokens:
        if tok.text in (".", "!", "?"):
            break
        out.append(tok)
    return out


def _names_someone(token: Any) -> bool:
    """A noun or a personal pronoun; "what", "that" and "which" stand for things said, not speakers."""
    if token.pos_ in ("PROPN", "NOUN"):
        return True
    return token.lower_ in _PERSON_PRONOUNS | _THING_PRONOUNS | {"i", "we"}


def _resolve(
    subject: Any, phrase: Any, mentions: Mentions, entities: tuple[Entity, ...], before: int, named_only: bool = False
) -> int | None:
    """The entity a subject names: a pronoun's antecedent, a mention, a role, or an organisation's head noun."""
    word = subject.lower_
    if named_only:
        return mentions.at(subject.idx, subject.idx + len(subject))
    # a pronoun's antecedent stands before the pronoun, not merely before the quote
    if word in _PERSON_PRONOUNS:
        return mentions.referent(subject, ("PERSON",))
    if word == "it":
        return mentions.referent(subject, ("ORG",))
    if word in _THING_PRONOUNS:
        return None  # "they" may be a family, a team or officials: say who only when named
    eid = mentions.at(subject.idx, subject.idx + len(subject))
    if eid is not None:
        return eid
    # "Ukraine's Foreign Minister Andrii Sybiha": the person named inside the subject
    named = [mentions.at(t.idx, t.idx + len(t)) for t in phrase]
    people = {e for e in named if e is not None and entities[e].label == "PERSON"}
    if len(people) == 1:
        return people.pop()
    words = [t.lower_ for t in phrase if t.lower_ not in _DETERMINERS and not t.is_punct]
    if not words:
        return None
    for e in _latest_first(entities, mentions, before):
        for role in e.roles:
            role_words = set(role.lower().replace("\u2019s", "").replace("'s", "").split())
            if set(words) <= role_words:
                return e.id
    if len(words) <= 3:
        for e in _latest_first(entities, mentions, before):
            head = e.name.split()
            if e.label in ("ORG", "NORP", "GPE") and len(head) > 1 and head[-1].lower() == words[-1]:
                return e.id
    return None


def _latest_first(entities: tuple[Entity, ...], mentions: Mentions, before: int) -> Iterator[Entity]:
    """The entities mentioned before ``before``, the most recently mentioned first (lazily: callers stop early)."""
    seen: set[int] = set()
    for j in range(bisect.bisect_left(mentions.starts, before) - 1, -1, -1):
        eid = mentions.items[j][2]
        if eid not in seen:
            seen.add(eid)
            yield entities[eid]


def same_voice(prev: Quote, sentence: int, mark: int, mentions: Mentions) -> bool:
    """Whether a quote with no speaker of its own follows ``prev`` closely with no one else named between."""
    if not prev.sentences or prev.sentences[-1] < sentence - 2 or prev.speaker_text is None:
        return False
    between = {eid for s, e, eid, label in mentions.within(prev.end, mark) if label == "PERSON"}
    return between <= ({prev.speaker} if prev.speaker is not None else set())


def speaker_of(
    doc: Any, token_starts: list[int], mentions: Mentions, mark: int, end: int, sent_start: int, sent_end: int
) -> tuple[int | None, str | None] | None:
    """(entity id, words naming the speaker) for the quote whose opening mark is at ``mark``; None when
    no clause attributes it, so that it may carry on the voice of the quote before."""
    found = _speaker_token(doc, token_starts, mentions.quoted_index, mark, end, sent_start, sent_end)
    if found is None:
        return None
    subject, verb, said = found
    if subject is None:
        return None, None  # a verb of speech with no subject to name: no speaker, and no borrowed one
    phrase = _phrase(subject, verb)
    speaker = _resolve(subject, phrase, mentions, mentions.entities, mark, named_only=not said)
    # without a verb of speech only a named actor is a speaker ("Rutte is concentrating on
    # what is “necessary now”"), not "The poster shows ... “We Can Do It.”"
    if said or speaker is not None:
        return speaker, phrase.text.strip() or subject.text
    return None, None
