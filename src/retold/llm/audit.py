"""Audit → repair → fallback for a model's draft: whatever the model says, the draft returned has no error finding.

Every item is checked against the source; items with errors go back to the model with the findings
and the evidence (``rounds`` times at most); what still fails gives way to the builtin engine's item
for the same section, or is dropped. Should an error remain that no item holds, the builtin draft is used whole.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from retold.llm.guard import lookalike_names, unknown_figures
from retold.render import draft_layout
from retold.rewrite.audit import check_draft
from retold.types import Draft, FactSheet, Finding, Item

HEADLINE = (-1, 0)
Where = tuple[int, int]  # (section index, item index); the headline is (-1, 0)
Repair = Callable[[Sequence[tuple[str, str, Item, Sequence[Finding]]]], dict[str, Item | None]]


@dataclass
class Ledger:
    """What happened to the model's items."""

    from_model: int = 0
    repaired: int = 0
    replaced: int = 0
    dropped: int = 0
    repair_rounds: int = 0
    whole_builtin: bool = False
    reasons: list[str] = field(default_factory=list)

    @property
    def kept(self) -> int:
        return max(0, self.from_model - self.repaired - self.replaced - self.dropped)

    def to_dict(self) -> dict[str, int | bool]:
        return {"from_model": self.from_model, "kept": self.kept, "repaired": self.repaired, "replaced": self.replaced,
                "dropped": self.dropped, "repair_rounds": self.repair_rounds, "whole_builtin": self.whole_builtin}


STRICT = frozenset({"entity-form", "quote", "attribution"})  # warnings that are errors in a model's text: it was given every name and quote


def errors_by_item(draft: Draft, report: object, facts: FactSheet) -> tuple[dict[Where, list[Finding]], list[Finding]]:
    """Error findings (and the stricter reading of a model's text) grouped by item, and the errors no item holds.

    ``report`` is :func:`retold.rewrite.audit.check_draft`'s, over :func:`retold.render.draft_layout`'s text.
    """
    text, spans = draft_layout(draft)
    grouped: dict[Where, list[Finding]] = {}
    loose: list[Finding] = []
    rules = list(report.findings)  # type: ignore[attr-defined]
    for finding in rules + lookalike_names(facts, text) + unknown_figures(facts, text):
        if finding.severity != "error" and finding.kind not in STRICT:
            continue
        if finding.start == finding.end:
            continue
        hits = [(s.section, s.index) for s in spans if s.start < finding.end and finding.start < s.end]
        if hits:
            grouped.setdefault(hits[0], []).append(finding)
        elif finding.severity == "error" and finding in rules:
            loose.append(finding)
    return grouped, loose


def _get(draft: Draft, where: Where) -> Item:
    return draft.headline if where == HEADLINE else draft.sections[where[0]].items[where[1]]


def _apply(draft: Draft, changes: dict[Where, Item | None]) -> Draft:
    """``draft`` with items replaced (an Item) or removed (None); empty sections go."""
    headline = changes.get(HEADLINE, draft.headline) or draft.headline
    sections = []
    for si, section in enumerate(draft.sections):
        items = []
        for ii, item in enumerate(section.items):
            new = changes.get((si, ii), item)
            if new is not None and all(new.text != kept.text for kept in items):
                items.append(new)
        if items:
            sections.append(dataclasses.replace(section, items=tuple(items)))
    return dataclasses.replace(draft, headline=headline, sections=tuple(sections))


def _why(findings: Sequence[Finding]) -> str:
    return "; ".join(dict.fromkeys(f"{f.kind}: {f.text}" for f in findings))


def audit(
    draft: Draft,
    facts: FactSheet,
    builtin: Draft,
    *,
    repair: Repair | None,
    rounds: int,
    ledger: Ledger,
) -> tuple[Draft, object]:
    """The model's ``draft`` with every item that has an error repaired, replaced or dropped; and its report."""
    origin: dict[tuple[str, str], str] = {}  # (section key, text) → "model" | "repaired" | "builtin"
    for section in draft.sections:
        for item in section.items:
            origin[(section.key, item.text)] = "model"
    report = check_draft(draft, facts)
    for _ in range(rounds if repair is not None else 0):
        bad, _loose = errors_by_item(draft, report, facts)
        if not bad:
            break
        broken = []
        for where, findings in bad.items():
            key = "headline" if where == HEADLINE else draft.sections[where[0]].key
            broken.append((f"{where[0]}.{where[1]}", key, _get(draft, where), findings))
        ledger.repair_rounds += 1
        answers = repair(broken)  # type: ignore[misc]
        changes: dict[Where, Item | None] = {}
        for ident, key, item, _findings in broken:
            if ident not in answers:
                continue
            where = tuple(int(x) for x in ident.split("."))
            new = answers[ident]
            if where == HEADLINE and new is None:
                continue
            if new is not None and new.text == item.text:
                continue
            changes[where] = new  # type: ignore[index]
            if new is None:
                if origin.get((key, item.text)) in ("model", "repaired"):
                    ledger.dropped += 1
                    ledger.reasons.append(f"dropped from {key} at the model's word ({_why(_findings)})")
            elif where != HEADLINE:
                if origin.get((key, item.text)) == "model":
                    ledger.repaired += 1
                origin[(key, new.text)] = "repaired"
        if not changes:
            break
        draft = _apply(draft, changes)
        report = check_draft(draft, facts)
    pool = {s.key: list(s.items) for s in builtin.sections}
    for _ in range(8):
        bad, loose = errors_by_item(draft, report, facts)
        if not bad and not loose:
            return draft, report
        if not bad:
            break
        changes = {}
        for where, findings in bad.items():
            if where == HEADLINE:
                changes[where] = builtin.headline
                ledger.reasons.append(f"replaced the headline ({_why(findings)})")
                continue
            key = draft.sections[where[0]].key
            item = _get(draft, where)
            present = {i.text for s in draft.sections for i in s.items}
            told = {  # what the items that stay already tell
                sid for si, s in enumerate(draft.sections) for ii, i in enumerate(s.items)
                if (si, ii) not in bad for sid in i.sources
            } | {sid for new in changes.values() if new is not None for sid in new.sources}
            spare = next(
                (i for i in pool.get(key, []) if i.text not in present and not told.intersection(i.sources)), None
            )
            if spare is not None:
                pool[key].remove(spare)
            changes[where] = spare
            was_model = origin.get((key, item.text)) in ("model", "repaired")
            if was_model and spare is not None:
                ledger.replaced += 1
                if origin.get((key, item.text)) == "repaired":
                    ledger.repaired -= 1
                ledger.reasons.append(f"replaced in {key} by the builtin item ({_why(findings)})")
            elif was_model:
                ledger.dropped += 1
                if origin.get((key, item.text)) == "repaired":
                    ledger.repaired -= 1
                ledger.reasons.append(f"dropped from {key} ({_why(findings)})")
            if spare is not None:
                origin[(key, spare.text)] = "builtin"
        draft = _apply(draft, changes)
        report = check_draft(draft, facts)
    # An error no item holds, or one nothing mended: the builtin draft, which passes its own check.
    ledger.whole_builtin = True
    ledger.replaced, ledger.dropped = 0, ledger.from_model
    ledger.repaired = 0
    ledger.reasons.append("errors remained outside any item: the builtin engine's rewrite is printed instead")
    return dataclasses.replace(builtin, engine=draft.engine), check_draft(builtin, facts)
