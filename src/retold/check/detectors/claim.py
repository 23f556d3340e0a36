"""``claim``: a rewrite sentence no source sentence supports, or one that turns its support's meaning around.

Unsupported: the weighted share of the sentence's content words held by its best-supporting source
sentences (taken together) is below :data:`UNSUPPORTED_BELOW` — a warning, or an error when the sentence also
carries a name, number or date the source lacks. Flipped (:func:`retold.check.match.meaning.flips`): a
negation added or dropped, an antonym or a same-class word against a strongly supporting sentence — an error;
in a reworded sentence an antonym is a warning.
"""

from __future__ import annotations

from dataclasses import replace

from retold.check.align import coverage, profiles, sentence_evidence, weights
from retold.check.context import CheckContext
from retold.check.match.meaning import STRONG_SUPPORT, flips, is_claim
from retold.check.match.phrases import foreign_modifiers
from retold.check.match.predicates import unbacked_predicates
from retold.types import Evidence, Finding

UNSUPPORTED_BELOW = 0.4
MIN_CONTENT_WORDS = 3
UNSUPPORTED = "no source sentence supports this"
UNBACKED = "invented claim"
_INVENTED = frozenset({"entity", "number", "date"})


def detect(ctx: CheckContext) -> list[Finding]:
    src = profiles(ctx.source)
    rarity = weights(src)
    findings = []
    for sentence, profile in zip(ctx.rewrite.sentences, profiles(ctx.rewrite)):
        if not is_claim(sentence) or len(profile.words) < MIN_CONTENT_WORDS:
            continue
        support = ctx.alignment[sentence.id].support
        supporting = [src[s.sentence] for s in support]
        share = coverage(profile.words, supporting, rarity)
        if share < UNSUPPORTED_BELOW:
            findings.append(
                Finding(
                    kind="claim",
                    severity="warning",
                    start=sentence.start,
                    end=sentence.end,
                    text=sentence.text,
                    message=UNSUPPORTED + ": cut it or rest it on what the source says",
                    evidence=sentence_evidence(ctx.source, [s.sentence for s in support[:1]]),
                )
            )
    unsupported = {f.start for f in findings}
    for claim in unbacked_predicates(ctx):
        sentence = ctx.rewrite.sentences[claim.sentence]
        if sentence.start in unsupported:
            continue  # already reported whole
        support = ctx.alignment[claim.sentence].support
        what = "with that figure" if claim.with_figure else "with any of its doers or objects"
        findings.append(
            Finding(
                kind="claim",
                severity="warning",
                start=sentence.start,
                end=sentence.end,
                text=sentence.text,
                message=f"{UNBACKED}: no source sentence has “{claim.predicate}” {what}; the closest is the evidence — "
                "rest it on what the source says or cut it",
                evidence=sentence_evidence(ctx.source, [s.sentence for s in support[:1]]),
            )
        )
    flipped = list(flips(ctx, STRONG_SUPPORT))
    for flip in flipped:
        findings.append(
            Finding(
                kind="claim",
                severity=flip.severity,
                start=flip.start,
                end=flip.end,
                text=ctx.rewrite.text[flip.start : flip.end],
                message=flip.message + ": say what the source says",
                evidence=sentence_evidence(ctx.source, [flip.source]),
                evidence_relation="contradicts" if flip.severity == "error" else "closest",
            )
        )
    for changed in foreign_modifiers(ctx):
        if any(f.start < changed.end and changed.start < f.end for f in flipped):
            continue  # the same word, already reported against its supporting sentence
        phrase = ctx.source.text[changed.source_start : changed.source_end]
        findings.append(
            Finding(
                kind="claim",
                severity="error",
                start=changed.start,
                end=changed.end,
                text=changed.word,
                message=f"changed word: the source never says “{changed.word}”; of the {changed.noun} it says "
                f"“{phrase}”: say what the source says",
                evidence=(Evidence(changed.source_start, changed.source_end, phrase),),
                evidence_relation="contradicts",
            )
        )
    return findings


def raise_severity(ctx: CheckContext, findings: list[Finding]) -> list[Finding]:
    """An unsupported sentence that also carries an invented name, number or date (an error the other
    detectors found inside it) is an error itself."""
    invented = [f for f in findings if f.severity == "error" and f.kind in _INVENTED]
    out = []
    for f in findings:
        if f.kind == "claim" and f.severity == "warning" and f.message.startswith(UNSUPPORTED):
            inside = [e for e in invented if f.start <= e.start < f.end]
            if inside:
                what = ", ".join(f"“{e.text}”" for e in inside[:3])
                f = replace(
                    f,
                    severity="error",
                    message=f"{UNSUPPORTED}, and it carries {what}, which the source lacks: cut it or rest it on "
                    "what the source says",
                )
        out.append(f)
    return out
