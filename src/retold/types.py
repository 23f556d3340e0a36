"""The value objects the four stages pass along.

ingest → :class:`Article` · analyze → :class:`FactSheet` · rewrite → :class:`Draft` ·
check → ``Report`` (in :mod:`retold.check.report`).

All offsets are character offsets into one text, named on each class.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

BlockKind = Literal["text", "heading", "list", "quote"]


# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One block of :attr:`Article.text`, ``text[start:end]``."""

    start: int
    end: int
    kind: BlockKind = "text"


@dataclass(frozen=True, slots=True)
class RemovedBlock:
    """Material ingest took out of the input because it is not the article."""

    text: str
    reason: str  # "related-links" | "call-to-action" | "share-prompt" | "navigation" | ...


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article. ``text`` is the body (no title), one block per line."""

    text: str
    paragraphs: tuple[Paragraph, ...]
    title: str | None = None
    byline: str | None = None
    published: dt.date | None = None
    url: str | None = None
    site: str | None = None
    source_format: Literal["text", "markdown", "html"] = "text"
    removed: tuple[RemovedBlock, ...] = ()
    warnings: tuple[str, ...] = ()
    origin: str | None = None  # the path, URL or "-" it was read from

    def to_dict(self) -> dict[str, Any]:
        return {
            "origin": self.origin,
            "title": self.title,
            "byline": self.byline,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "site": self.site,
            "format": self.source_format,
            "text": self.text,
            "paragraphs": [
                {"start": p.start, "end": p.end, "kind": p.kind, "text": self.text[p.start : p.end]}
                for p in self.paragraphs
            ],
            "removed": [{"reason": r.reason, "text": r.text} for r in self.removed],
            "warnings": list(self.warnings),
        }


# --------------------------------------------------------------------------- analyze


@dataclass(frozen=True, slots=True)
class Sentence:
    """``FactSheet.text[start:end]``; ``id`` is its index in ``FactSheet.sentences``."""

    id: int
    start: int
    end: int
    text: str
    kind: BlockKind = "text"
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Entity:
    """One real referent: every mention of it, and the names it goes by.

    ``label`` is spaCy's (PERSON, ORG, GPE, NORP, LOC, FAC, EVENT, LAW, ...); a demonym
    (NORP "Ukrainian") is folded into its place's entity and listed in ``aliases``.
    """

    id: int
    label: str
    name: str  # the fullest form seen, e.g. "Andriy Sybiha"
    aliases: tuple[str, ...]  # every surface form and derived key form ("Sybiha", "Andrii Sybiha", "Ukraine's")
    mentions: tuple[Mention, ...]
    roles: tuple[str, ...] = ()  # "Minister of Foreign Affairs of Ukraine", "NATO Secretary General"


@dataclass(frozen=True, slots=True)
class NumberFact:
    start: int
    end: int
    text: str
    value: float
    unit: str | None  # "%", "USD", "people", "year-old", "days", ... or None
    sentence: int


@dataclass(frozen=True, slots=True)
class DateFact:
    """A date expression, normalised as far as the text allows.

    ``year``/``month``/``day`` are None when the text does not give them (a partial date);
    ``weekday`` (0=Monday) for "on Tuesday"; ``resolved`` is set when a relative date was
    resolved against the publication date.
    """

    start: int
    end: int
    text: str
    sentence: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    relative: bool = False
    resolved: dt.date | None = None

    @property
    def iso(self) -> str:
        """``2024-07``, ``--11-29``, ``2024-11-29``; ``W2`` for a bare weekday."""
        if self.resolved:
            return self.resolved.isoformat()
        if self.year is None and self.month is None and self.day is None:
            return f"W{self.weekday}" if self.weekday is not None else self.text
        y = f"{self.year:04d}" if self.year is not None else "-"
        parts = [y]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        elif self.day is not None:
            parts.append(f"??-{self.day:02d}")
        return "-".join(parts)


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted words: ``text`` is what stands between the marks (``start``/``end`` span it)."""

    start: int
    end: int
    text: str
    sentences: tuple[int, ...]
    speaker: int | None = None  # Entity.id
    speaker_text: str | None = None  # "Rutte", "An unnamed senior NATO diplomat", "The Ministry"
    closed: bool = True  # False for a paragraph-spanning quote whose mark is never closed


@dataclass(frozen=True, slots=True)
class Genders:
    """The pronoun a text uses for its people (``retold.analyze.genders``). ``people``: entity id → "m" | "f",
    from the narration around each person's name; ``names``: lower-case name word → "m" | "f", from the
    pronouns that refer back to a name."""

    people: Mapping[int, str] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FactSheet:
    """What analyze found in one text; offsets are into ``text``."""

    text: str
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    numbers: tuple[NumberFact, ...]
    dates: tuple[DateFact, ...]
    quotes: tuple[Quote, ...]
    article: Article | None = None
    doc: Any = field(default=None, compare=False, repr=False)  # the spaCy Doc over ``text``
    genders: Genders = field(default_factory=Genders, compare=False, repr=False)
    # who each pronoun, bare surname and description refers to (``retold.analyze.referents.Referents``)
    referents: Any = field(default=None, compare=False, repr=False)

    def entity(self, entity_id: int) -> Entity:
        return self.entities[entity_id]

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": [
                {"id": s.id, "start": s.start, "end": s.end, "kind": s.kind, "paragraph": s.paragraph, "text": s.text}
                for s in self.sentences
            ],
            "entities": [
                {
                    "id": e.id,
                    "label": e.label,
                    "name": e.name,
                    "aliases": list(e.aliases),
                    "roles": list(e.roles),
                    "mentions": [
                        {"start": m.start, "end": m.end, "text": m.text, "sentence": m.sentence} for m in e.mentions
                    ],
                }
                for e in self.entities
            ],
            "numbers": [
                {
                    "start": n.start,
                    "end": n.end,
                    "text": n.text,
                    "value": n.value,
                    "unit": n.unit,
                    "sentence": n.sentence,
                }
                for n in self.numbers
            ],
            "dates": [
                {
                    "start": d.start,
                    "end": d.end,
                    "text": d.text,
                    "value": d.iso,
                    "relative": d.relative,
                    "sentence": d.sentence,
                }
                for d in self.dates
            ],
            "quotes": [
                {
                    "start": q.start,
                    "end": q.end,
                    "text": q.text,
                    "speaker": self.entities[q.speaker].name if q.speaker is not None else q.speaker_text,
                    "sentences": list(q.sentences),
                    "closed": q.closed,
                }
                for q in self.quotes
            ],
        }


# --------------------------------------------------------------------------- rewrite


@dataclass(frozen=True, slots=True)
class Item:
    """One unit of a rewrite: a bullet, a quote, a timeline entry; ``sources`` are sentence ids."""

    text: str
    sources: tuple[int, ...]
    kind: Literal["text", "quote", "event", "person"] = "text"
    label: str | None = None  # the timeline date, the who's-who name


@dataclass(frozen=True, slots=True)
class Section:
    key: str  # "driving-the-news"
    title: str  # "Driving the news"
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Attribution:
    title: str | None
    site: str | None
    url: str | None
    byline: str | None = None
    published: dt.date | None = None
    origin: str | None = None  # the file name or "-" it was read from, credited when nothing else is known


@dataclass(frozen=True, slots=True)
class Draft:
    headline: Item
    sections: tuple[Section, ...]
    attribution: Attribution
    style: str = "explainer"
    engine: str = "builtin"
    notes: tuple[str, ...] = ()  # what the engine replaced or dropped, and why
    facts: FactSheet | None = field(default=None, compare=False, repr=False)  # the source the item ids point into
    stats: dict[str, Any] | None = field(
        default=None, compare=False, repr=False
    )  # an engine's account: calls, tokens, items kept
    report: Any = field(
        default=None, compare=False, repr=False
    )  # its self-check (retold.check.Report), set by rewrite()


@dataclass(frozen=True, slots=True)
class Options:
    """Knobs every engine honours."""

    words: int | None = None  # target length
    cite: bool = False  # show source sentence ids as references
    extra: tuple[tuple[str, str], ...] = ()  # engine-specific settings


# --------------------------------------------------------------------------- check

Severity = Literal["error", "warning", "info"]
# What a finding's evidence is to the rewrite's words: source text that says the same (supports), source text that
# says otherwise (contradicts), only the nearest source text, which does not support it (closest), or nothing (none).
EvidenceRelation = Literal["supports", "contradicts", "closest", "none"]
EVIDENCE_RELATIONS: tuple[str, ...] = ("supports", "contradicts", "closest", "none")
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}

KINDS = (
    "entity",
    "entity-form",
    "number",
    "date",
    "quote",
    "paraphrase-quote",
    "attribution",
    "claim",
    "leakage",
    "boilerplate",
    "omission",
)


class Spanned(Protocol):
    """Anything with ``start``/``end`` offsets and the ``text`` between them."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Evidence:
    """``start``/``end`` are offsets into the source article text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Finding:
    """``start``/``end`` are offsets into the rewrite text; an omission spans nothing (0, 0)."""

    kind: str
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    evidence: tuple[Evidence, ...] = ()
    # Unset, it is the cautious reading: the evidence is only the closest source text ("none" without evidence).
    # A detector that knows the evidence supports or contradicts the span says so.
    evidence_relation: EvidenceRelation | None = None

    def __post_init__(self) -> None:
        if self.evidence_relation is None:
            object.__setattr__(self, "evidence_relation", "closest" if self.evidence else "none")
        elif self.evidence_relation not in EVIDENCE_RELATIONS:
            raise ValueError(f"evidence_relation must be one of {EVIDENCE_RELATIONS}, not {self.evidence_relation!r}")

    @classmethod
    def on(
        cls,
        fact: Spanned,
        kind: str,
        severity: Severity,
        message: str,
        evidence: tuple[Evidence, ...] = (),
        relation: EvidenceRelation | None = None,
    ) -> Finding:
        """A finding over a rewrite fact that carries its own span: a mention, number, date or quote."""
        return cls(kind, severity, fact.start, fact.end, fact.text, message, tuple(evidence), relation)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "evidence": [{"start": e.start, "end": e.end, "text": e.text} for e in self.evidence],
            "evidence_relation": self.evidence_relation,
        }
