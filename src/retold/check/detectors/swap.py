"""Swaps in a copied sentence: a name, figure, date or meaning word changed against the sentence it copies.

The article holds every word of "Zelensky met Rutte in Kyiv" when the source says "Zelensky met Sybiha in
Kyiv" — only the token diff against the copied source sentence (:mod:`retold.check.substitution`) sees
that "Rutte" took Sybiha's place. Reported as the kind of fact that changed: ``entity`` (``attribution``
when the name is a quote's speaker), ``number``, ``date``, and ``claim`` for a flipped meaning (an
antonym, "before" for "after", "all" for "some", a negation added or dropped, doer and object of a verb
exchanged: "Chelsea beat Arsenal" for "Arsenal beat Chelsea"; a cause the source does not give: "because of"
for "after"). A qualifier the source
gives and the rewrite drops ("almost", "may") is a ``claim`` warning. Changes inside quotation marks are
the quote detector's.
"""

from __future__ import annotations

import re

from retold.check.align import sentence_evidence
from retold.check.consistency_syntax import role_exchanges
from retold.check.context import CheckContext
from retold.check.match.dates import agrees
from retold.check.match.meaning import REWORDED_SUPPORT
from retold.check.match.quotes import words
from retold.check.match.roles import _people, _source_person
from retold.check.substitution import Substitution, substitutions
from retold.lexicon import SAYING
from retold.normalize import fold
from retold.types import DateFact, Evidence, FactSheet, Finding, Quote, Severity

_QUOTE_MARK = re.compile(r"[\u201c\u201d\"]|(?:^|[\s:])['\u2018]")  # a quotation opened, closed or not
_FINDING_KIND = {
    "entity": "entity",
    "number": "number",
    "date": "date",
    "opposite": "claim",
    "negation": "claim",
    "hedge": "claim",
    "cause": "claim",
}


def detect(ctx: CheckContext) -> list[Finding]:
    findings = []
    rewrite_quotes = [(q.start, q.end) for q in ctx.rewrite.quotes]
    subs = substitutions(ctx)
    traded = _traded_places(subs)
    for first, second in traded:
        start, end = first.start, second.end
        source_start, source_end = (
            min(first.source_start, second.source_start),
            max(first.source_end, second.source_end),
        )
        clause = ctx.source.text[source_start:source_end]
        findings.append(
            Finding(
                "claim",
                "error",
                start,
                end,
                ctx.rewrite.text[start:end],
                f"“{first.rewrite_words}” and “{second.rewrite_words}” trade places against the source sentence "
                f"this copies, which has “{clause}”: put them back",
                (Evidence(source_start, source_end, clause), *sentence_evidence(ctx.source, [first.source_sentence])),
                "contradicts",
            )
        )
    paired = {id(s) for pair in traded for s in pair}
    for sub in subs:
        if id(sub) in paired:
            continue
        kind = _FINDING_KIND.get(sub.kind)
        if kind is None:
            continue
        if any(s <= sub.start and sub.end <= e for s, e in rewrite_quotes):
            continue
        if sub.kind == "entity" and _beside_own_title(ctx, sub):
            continue
        if sub.kind in ("number", "opposite"):
            in_date = _overlaps(ctx.rewrite.dates, sub.start, sub.end)
            if in_date or _overlaps(ctx.source.dates, sub.source_start, sub.source_end):
                kind = "date"
        if kind == "entity" and _speaker(ctx, sub):
            kind = "attribution"
        severity: Severity = "warning" if sub.kind == "hedge" or _unanchored(ctx, sub) else "error"
        evidence: tuple[Evidence, ...] = (
            (Evidence(sub.source_start, sub.source_end, sub.source_words),) if sub.source_words else ()
        )
        evidence += sentence_evidence(ctx.source, [sub.source_sentence])
        text = ctx.rewrite.text[sub.start : sub.end]
        findings.append(Finding(kind, severity, sub.start, sub.end, text, _message(sub, kind), evidence, "contradicts"))
    for turned in role_exchanges(ctx, REWORDED_SUPPORT):
        clause = ctx.source.text[turned.source_start : turned.source_end]
        findings.append(
            Finding(
                "claim",
                "error",
                turned.start,
                turned.end,
                ctx.rewrite.text[turned.start : turned.end],
                f"who did what to whom is turned around: the source has “{clause}”; put doer and object back",
                (Evidence(turned.source_start, turned.source_end, clause),),
                "contradicts",
            )
        )
    return findings


_COPIES = "the source sentence this copies"


def _traded_places(subs: list[Substitution]) -> list[tuple[Substitution, Substitution]]:
    """Pairs of name swaps in one sentence that exchange two names: "Spell told Waters" for "Waters told Spell"."""
    names = [s for s in subs if s.kind == "entity"]
    return [
        (a, b)
        for i, a in enumerate(names)
        for b in names[i + 1 :]
        if a.sentence == b.sentence
        and a.rewrite_words.lower() == b.source_words.lower()
        and b.rewrite_words.lower() == a.source_words.lower()
    ]


def _message(sub: Substitution, kind: str) -> str:
    """What changed against the copied source sentence, and the fix, in the words the finding marks."""
    new, old = f"“{sub.rewrite_words}”", f"“{sub.source_words}”"
    if sub.kind == "hedge":
        if not sub.rewrite_words:
            return f"{_COPIES} says {old}; the rewrite drops it and states the claim as certain: keep the qualifier"
        return f"{new} qualifies a claim {_COPIES} states without it: drop it or use the source's wording"
    if sub.kind == "cause":
        return f"invented cause: {new} where {_COPIES} has {old}, which gives no cause: use {old} or recheck the claim"
    if sub.kind == "negation" and not sub.source_words:
        return f"{new} negates what {_COPIES} affirms: remove the negation"
    if sub.kind == "negation" and not sub.rewrite_words:
        return f"{_COPIES} says {old}; the rewrite drops it and turns the meaning around: restore it"
    if kind == "attribution":
        return f"misattributed quote: {_COPIES} credits these words to {old}, not {new}: name {old}"
    what = {
        "entity": "a different name",
        "number": "a different figure",
        "date": "a different time",
        "claim": "the opposite or a different meaning",
    }[kind]
    return f"{new} stands where {_COPIES} has {old}: {what}; use {old} or recheck the claim"


# What may stand between a name and its title in "Maynard — BVI's port director" or "the port director, Maynard".
_BETWEEN_NAME_AND_TITLE = re.compile(r"[\s*_,:;()-]*(?:the\s+)?", re.IGNORECASE)


def _beside_own_title(ctx: CheckContext, sub: Substitution) -> bool:
    """True when the new name stands right beside a title the source gives that very person.

    "Oleanvine Maynard — BVI's port director" aligns with the source's "held Fahie and the BVI's port director,
    Oleanvine Maynard", so Maynard seems to take Fahie's place; but the line only says who Maynard is, in the
    source's words for her. A name put beside another person's title ("Acme president Tom Reed" where the source
    gives it to Jane Miller) is still a swap.
    """
    index = _source_person(ctx.source, sub.rewrite_words)
    if index is None:
        return False
    sentence = ctx.rewrite.sentences[sub.sentence]
    text = fold(ctx.rewrite.text[sentence.start : sentence.end])
    name_start, name_end = sub.start - sentence.start, sub.end - sentence.start
    for role in _people(ctx.source).entities[index].roles:
        for found in re.finditer(re.escape(fold(role)), text, re.IGNORECASE):
            if found.start() >= name_end:
                gap = text[name_end : found.start()]
            elif found.end() <= name_start:
                gap = text[found.end() : name_start]
            else:
                continue
            if _BETWEEN_NAME_AND_TITLE.fullmatch(gap):
                return True
    return False


def _unanchored(ctx: CheckContext, sub: Substitution) -> bool:
    """A date put where the source has a relative one ("last year") it gives no publication date to resolve:
    consistent with the source, not provable from it."""
    published = ctx.source.article.published if ctx.source.article else None
    if published is not None or not any(
        d.relative
        and d.resolved is None
        and d.weekday is None
        and d.start < sub.source_end
        and sub.source_start < d.end
        for d in ctx.source.dates
    ):
        return False
    # Only a calendar year or month put on it ("2023" for "last year"); "today" for "on Tuesday" is a swap.
    ours = [d for d in ctx.rewrite.dates if d.start < sub.end and sub.start < d.end]
    if not ours or not all(d.year is not None or d.month is not None for d in ours):
        return False
    # A date the source gives for another event, moved here, is wrong whatever "last year" was.
    elsewhere = [s for s in ctx.source.dates if not (s.start < sub.source_end and sub.source_start < s.end)]
    return not any(agrees(d, s) for d in ours for s in elsewhere)


def _overlaps(facts: tuple[DateFact, ...], start: int, end: int) -> bool:
    return end > start and any(f.start < end and start < f.end for f in facts)


def _speaker(ctx: CheckContext, sub: Substitution) -> bool:
    """True when the name swapped is who a nearby quotation is credited to: the rewrite's quotation credited
    to the new name, or, with a quotation in the rewrite there, the source's credited to the name replaced."""
    new, old = sub.rewrite_words.lower(), sub.source_words.lower()
    if not new:
        return False
    quoted = (
        _near(ctx.rewrite.quotes, sub.sentence)
        or _near(ctx.source.quotes, sub.source_sentence)
        or _QUOTE_MARK.search(ctx.rewrite.sentences[sub.sentence].text) is not None
    )
    if quoted and _says(ctx.rewrite, sub.start, sub.end) and _says(ctx.source, sub.source_start, sub.source_end):
        return True  # "Clegg said: '…" for "Balls said: '…"; with no quotation near, just another name
    ours = _near(ctx.rewrite.quotes, sub.sentence)
    if not ours:
        return False
    theirs = _near(ctx.source.quotes, sub.source_sentence)
    if any(_credits(q, new) for q in ours):
        return True
    # The same words quoted on both sides, credited in the source to the name the rewrite replaced.
    return any(_credits(t, old) and _same_words(q, t) for q in ours for t in theirs)


def _says(facts: FactSheet, start: int, end: int) -> bool:
    """True when the name at ``start``–``end`` is who speaks in its clause ("Balls said", "said Balls")."""
    span = facts.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    while token.dep_ in ("compound", "appos", "conj") and token.head is not token:
        token = token.head
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in SAYING


def _near(quotes: tuple[Quote, ...], sentence: int) -> list[Quote]:
    return [q for q in quotes if {sentence - 1, sentence, sentence + 1} & set(q.sentences)]


def _same_words(ours: Quote, theirs: Quote) -> bool:
    head = " ".join(words(ours.text)[:6])
    return bool(head) and head in " ".join(words(theirs.text))


def _credits(quote: Quote, name: str) -> bool:
    said_by = (quote.speaker_text or "").lower()
    return bool(said_by) and bool(name) and (name in said_by or said_by in name)
