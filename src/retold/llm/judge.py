"""The LLM judge for ``check --judge llm``: a second reading of the sentences the rules could not settle.

The rules keep every finding they make. A rewrite sentence with no error of theirs but with weak support
(a ``claim`` warning) or reworded against its best source sentence goes to the model with its best source
sentences, in one request; the model answers supported / contradicted / not in the source with a quoted
reason. Its verdicts become ``claim`` findings whose message names the judge.

The judge never costs the rules' report: an answer with no usable verdict (no JSON, the example answer
copied, a server that fails) adds nothing, and :attr:`LLMJudge.account` says how many claims went to the
judge, how many usable verdicts came back, and why none did.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from retold.check.context import CheckContext
from retold.errors import EngineError
from retold.llm.client import LLMClient
from retold.llm.parse import loads_lenient
from retold.types import Evidence, Finding, Severity

SETTLED = 0.85  # support at or above this is a near-copy: the rules' in-place diff has settled it
MAX_SENTENCES = 25  # sentences one request asks about

JUDGE_RULES = """You are a fact-checker. For each CLAIM, decide from its SOURCE sentences only:
"supported" (the source states it), "contradicted" (the source states otherwise) or "not in source"
(the source does not say it). Quote the source words your verdict rests on in "reason".
Answer with one JSON object only: {"verdicts": [{"id": <id>, "verdict": "...", "reason": "..."}]}"""


@dataclass(frozen=True, slots=True)
class JudgeAccount:
    """What the judge was asked and what came back."""

    model: str
    claims: int = 0  # rewrite sentences sent to the judge
    verdicts: int = 0  # usable verdicts that came back (supported, contradicted or not in the source)
    note: str | None = None  # why fewer came back than were asked for

    def to_dict(self) -> dict[str, object]:
        return {"model": self.model, "claims": self.claims, "verdicts": self.verdicts, "note": self.note}

    def summary(self) -> str:
        if self.note and not self.verdicts:
            return (
                f"judge ({self.model}): the judge gave 0 usable verdicts of {self.claims}: {self.note}; "
                "the rules' report stands"
            )
        said = f"judge ({self.model}): {self.claims} claim(s) sent, {self.verdicts} usable verdict(s) back"
        return said + (f" ({self.note})" if self.note else "")


class LLMJudge:
    """A judge backed by one model; ``check(..., judge=LLMJudge(client))`` adds its findings."""

    def __init__(self, client: LLMClient) -> None:
        self.client = client
        self.account: JudgeAccount | None = None  # set by each call

    @property
    def origin(self) -> str:
        return f"llm judge ({self.client.model})"

    def __call__(self, ctx: CheckContext, findings: Sequence[Finding]) -> list[Finding]:
        asked = unsettled(ctx, findings)
        self.account = JudgeAccount(self.client.model, claims=len(asked))
        if not asked:
            return []
        blocks = []
        for sid, support in asked:
            sentence = ctx.rewrite.sentences[sid]
            sources = "\n".join(f"  SOURCE: {' '.join(ctx.source.sentences[s].text.split())}" for s in support)
            blocks.append(f"CLAIM {sid}: {' '.join(sentence.text.split())}\n{sources or '  SOURCE: (none found)'}")
        messages = [{"role": "system", "content": JUDGE_RULES}, {"role": "user", "content": "\n\n".join(blocks)}]
        try:
            answer = self.client.complete(messages, json_mode=True, purpose="judge")
        except EngineError as exc:
            self.account = JudgeAccount(self.client.model, claims=len(asked), note=f"no answer ({exc})")
            return []
        found = loads_lenient(answer.text)
        if found is None or not isinstance(found[0], dict):
            self.account = JudgeAccount(
                self.client.model, claims=len(asked), note="its answer held no JSON verdicts: try another --model"
            )
            return []
        by_id = dict(asked)
        out = []
        usable = 0
        raw = found[0].get("verdicts", [])
        for verdict in raw if isinstance(raw, list) else []:
            if not isinstance(verdict, dict):
                continue
            try:
                sid = int(str(verdict.get("id")).strip().lstrip("CLAIMclaim ").strip())
            except ValueError:
                continue
            if sid not in by_id:
                continue
            word = str(verdict.get("verdict", "")).strip().lower()
            reason = " ".join(str(verdict.get("reason", "")).split())[:300]
            if word.startswith(("support", "contradict", "not")):
                usable += 1
            severity: Severity
            if word.startswith("contradict"):
                severity, what = "error", "contradicted by the source"
            elif word.startswith("not"):
                severity, what = "warning", "not in the source"
            else:
                continue
            sentence = ctx.rewrite.sentences[sid]
            evidence = tuple(
                Evidence(ctx.source.sentences[s].start, ctx.source.sentences[s].end, ctx.source.sentences[s].text)
                for s in by_id[sid]
            )
            message = f"{self.origin}: {what}" + (f" ({reason})" if reason else "")
            out.append(Finding("claim", severity, sentence.start, sentence.end, sentence.text, message, evidence))
        note = None
        if usable < len(asked):
            note = (
                (
                    "its verdicts named no claim it was asked about, or gave no verdict word "
                    "(supported, contradicted, not in source)"
                )
                if usable == 0
                else "some claims got no usable verdict"
            )
        self.account = JudgeAccount(self.client.model, claims=len(asked), verdicts=usable, note=note)
        return out


def unsettled(ctx: CheckContext, findings: Sequence[Finding]) -> list[tuple[int, tuple[int, ...]]]:
    """Rewrite sentences the rules left open, each with its best source sentence ids."""
    out = []
    for sentence, alignment in zip(ctx.rewrite.sentences, ctx.alignment):
        if sentence.kind == "heading":
            continue
        inside = [f for f in findings if sentence.start <= f.start < sentence.end]
        if any(f.severity == "error" for f in inside):
            continue  # the rules have settled it: it is wrong
        weak = any(f.kind == "claim" for f in inside)
        if weak or alignment.best < SETTLED:
            out.append((sentence.id, tuple(s.sentence for s in alignment.support)))
        if len(out) >= MAX_SENTENCES:
            break
    return out


def verdict_json(verdicts: Sequence[dict]) -> str:
    """A judge answer as a scripted server would send it (tests and the benchmark)."""
    return json.dumps({"verdicts": list(verdicts)})
