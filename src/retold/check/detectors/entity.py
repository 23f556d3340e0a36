"""``entity`` and ``entity-form``: a name the source never gives, or gives spelt or cased otherwise (rules in
:mod:`retold.check.match.names`)."""

from __future__ import annotations

from retold.check.align import sentence_evidence
from retold.check.context import CheckContext
from retold.check.match.names import lowercased_names, mention_evidence, unknown_names
from retold.types import Finding


def detect(ctx: CheckContext) -> list[Finding]:
    unknown, miscased = unknown_names(ctx)
    findings = []
    for name in unknown:
        m = name.mention
        if name.near is not None:
            findings.append(
                Finding.on(
                    m,
                    "entity-form",
                    "warning",
                    f"misspelt name: the source writes “{name.near.text}”",
                    (mention_evidence(ctx.source, name.near),),
                    "contradicts",
                )
            )
            continue
        support = [s.sentence for s in ctx.alignment[m.sentence].support[:1]]
        findings.append(
            Finding.on(
                m,
                "entity",
                "error",
                f"“{m.text}” is not in the source: use the name the source gives, or drop it",
                sentence_evidence(ctx.source, support),
            )
        )
    for mention, twin in miscased:
        findings.append(
            Finding.on(
                mention,
                "entity-form",
                "warning",
                f"mis-cased name: the source writes “{twin.text}”",
                (mention_evidence(ctx.source, twin),),
                "contradicts",
            )
        )
    for start, end, twin in lowercased_names(ctx):
        findings.append(
            Finding(
                "entity-form",
                "warning",
                start,
                end,
                ctx.rewrite.text[start:end],
                f"mis-cased name: the source writes “{twin.text}”",
                (mention_evidence(ctx.source, twin),),
                "contradicts",
            )
        )
    return findings
