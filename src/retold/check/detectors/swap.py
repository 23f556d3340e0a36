"""Swaps in a copied sentence: a name, figure, date or meaning word changed against the sentence it copies.

The article holds every word of "Zelensky met Rutte in Kyiv" when the source says "Zelensky met Sybiha in
Kyiv" — only the token diff against the copied source sentence (:mod:`retold.check.substitution`) sees
that "Rutte" took Sybiha's place. Reported as the kind of fact that changed: ``entity`` (``attribution``
when the name is a quote's speaker), ``number``, ``date``, and ``claim`` for a flipped meaning (an
antonym, "before" for "after", "all" for "some", a negation added or dropped). A qualifier the source
gives and the rewrite drops ("almost", "may") is a ``claim`` warning. Changes inside quotation marks are
the quote detector's.
"""

from __future__ import annotations

from retold.check.align import sentence_evidence
from retold.check.context import CheckContext
from retold.check.substitution import Substitution, substitutions
from retold.types import Evidence, FactSheet, Finding

_FINDING_KIND = {
    "entity": "entity",
    "number": "number",
    "date": "date",
    "opposite": "claim",
    "negation": "claim",
    "hedge": "claim",
}


def detect(ctx: CheckContext) -> list[Finding]:
    findings = []
    rewrite_quotes = [(q.start, q.end) for q in ctx.rewrite.quotes]
    for sub in substitutions(ctx):
        kind = _FINDING_KIND.get(sub.kind)
        if kind is None:
            continue
        if any(s <= sub.start and sub.end <= e for s, e in rewrite_quotes):
            continue
        if sub.kind in ("number", "opposite"):
            if _overlaps(ctx.rewrite.dates, sub.start, sub.end) or _overlaps(ctx.source.dates, sub.source_start, sub.source_end):
                kind = "date"
        if kind == "entity" and _speaker(ctx, sub):
            kind = "attribution"
        severity = "warning" if sub.kind == "hedge" else "error"
        evidence = (Evidence(sub.source_start, sub.source_end, sub.source_words),) if sub.source_words else ()
        evidence += sentence_evidence(ctx.source, [sub.source_sentence])
        text = ctx.rewrite.text[sub.start : sub.end]
        findings.append(Finding(kind, severity, sub.start, sub.end, text, _message(sub, kind), evidence))
    return findings


def _message(sub: Substitution, kind: str) -> str:
    new, old = sub.rewrite_words, sub.source_words
    if sub.kind == "hedge" and not new:
        return f'The source sentence this copies says "{old}"; the rewrite drops it and states the claim as certain. Keep the qualifier.'
    if sub.kind == "hedge":
        return f'"{new}" qualifies a claim the source sentence this copies states without it. Drop it or use the source\'s wording.'
    if sub.kind == "negation":
        if not old:
            return f'"{new}" negates what the source sentence this copies affirms. Remove the negation.'
        if not new:
            return f'The source sentence this copies says "{old}"; the rewrite drops it and turns the meaning around. Restore it.'
    if kind == "attribution":
        return f'misattributed quote: the source sentence this copies credits these words to "{old}", not "{new}". Name "{old}".'
    what = {"entity": "a different name", "attribution": "a different speaker", "number": "a different figure",
            "date": "a different time", "claim": "the opposite or a different meaning"}[kind]
    return f'"{new}" stands where the source sentence this copies has "{old}": {what}. Use "{old}" or recheck the claim.'


def _overlaps(facts: tuple, start: int, end: int) -> bool:  # noqa: ANN001 — DateFact tuples
    return end > start and any(f.start < end and start < f.end for f in facts)


def _speaker(ctx: CheckContext, sub: Substitution) -> bool:
    """True when the swapped name is who a quote of the rewrite, or of the copied source sentence, is credited to."""
    new, old = sub.rewrite_words.lower(), sub.source_words.lower()
    for facts, name, sentence in ((ctx.rewrite, new, sub.sentence), (ctx.source, old, sub.source_sentence)):
        for q in _quotes_in(facts, sentence):
            if q.speaker_text and name and (name in q.speaker_text.lower() or q.speaker_text.lower() in name):
                return True
    return False


def _quotes_in(facts: FactSheet, sentence: int) -> list:  # noqa: ANN001
    return [q for q in facts.quotes if sentence in q.sentences or sentence - 1 in q.sentences or sentence + 1 in q.sentences]
