"""``claim``: a rewrite sentence no source sentence supports, or one that turns its support's meaning around.

Unsupported: the weighted share of the sentence's content words held by its best-supporting source
sentences (taken together) is below :data:`UNSUPPORTED_BELOW` — a warning, or an error when the sentence also
carries a name, number or date the source lacks. Flipped (:func:`retold.check.match.meaning.flips`): a
negation added or dropped, an antonym or a same-class word against a strongly supporting sentence — an error;
in a reworded sentence an antonym is a warning.
"""

from __future__ import annotations

from retold.check.align import coverage, profiles, sentence_evidence, weights
from retold.check.context import CheckContext
from retold.check.match.dates import checkable_dates, unsupported_date
from retold.check.match.meaning import STRONG_SUPPORT, flips, is_claim
from retold.check.match.names import unknown_names
from retold.check.match.numbers import checkable_numbers, unsupported_number
from retold.types import Finding

UNSUPPORTED_BELOW = 0.4
MIN_CONTENT_WORDS = 3

def detect(ctx: CheckContext) -> list[Finding]:
    src = profiles(ctx.source)
    rarity = weights(src)
    flagged = _sentences_with_unsupported_facts(ctx)
    findings = []
    for sentence, profile in zip(ctx.rewrite.sentences, profiles(ctx.rewrite)):
        if not is_claim(sentence) or len(profile.words) < MIN_CONTENT_WORDS:
            continue
        support = ctx.alignment[sentence.id].support
        supporting = [src[s.sentence] for s in support]
        share = coverage(profile.words, supporting, rarity)
        if share < UNSUPPORTED_BELOW:
            carries = sentence.id in flagged
            findings.append(
                Finding(
                    kind="claim",
                    severity="error" if carries else "warning",
                    start=sentence.start,
                    end=sentence.end,
                    text=sentence.text,
                    message=(
                        "no source sentence supports this"
                        + (", and it carries a name, number or date the source lacks" if carries else "")
                        + ": cut it or rest it on what the source says"
                    ),
                    evidence=sentence_evidence(ctx.source, [s.sentence for s in support[:1]]),
                )
            )
    for flip in flips(ctx, STRONG_SUPPORT):
        findings.append(
            Finding(
                kind="claim",
                severity=flip.severity,
                start=flip.start,
                end=flip.end,
                text=ctx.rewrite.text[flip.start : flip.end],
                message=flip.message + ": say what the source says",
                evidence=sentence_evidence(ctx.source, [flip.source]),
            )
        )
    return findings


def _sentences_with_unsupported_facts(ctx: CheckContext) -> set[int]:
    unknown, _ = unknown_names(ctx)
    ids = {u.mention.sentence for u in unknown if u.near is None}
    ids |= {n.sentence for n in checkable_numbers(ctx.rewrite) if unsupported_number(ctx, n) is not None}
    ids |= {d.sentence for d in checkable_dates(ctx.rewrite) if (p := unsupported_date(ctx, d)) and p[1] == "error"}
    return ids
