"""The rewrite stage's own audit: check a draft, repair or replace every item with an error, check again.

Every engine's draft goes through :func:`audit_draft` before :func:`retold.rewrite` returns it, so no
front end ever prints an item the check finds unfaithful. The attribution footer is metadata and is
not part of the checked text (:func:`retold.render.draft_layout`).

An engine takes part through two optional callables:

* ``repair(item, section, errors) -> Item | None`` — a new version of an item, told the error
  findings on it (an LLM engine sends them back to its model); ``None`` when it cannot.
* ``fallback(item, section) -> Item | None`` — a replacement once repairs are used up (an LLM
  engine returns the builtin engine's item for the same section); ``None`` drops the item.

``section`` is the section key, or ``"headline"``. Without them, an item is replaced by its source
sentences verbatim (the default repair) and otherwise dropped; a headline that cannot be made
faithful is replaced by the first source sentence that checks clean.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from retold.types import Draft, FactSheet, Finding, Item, Section

if TYPE_CHECKING:
    from retold.check.report import Report

HEADLINE = "headline"
AUDIT_ACTIONS = ("repaired", "replaced", "dropped", "kept")
Repair = Callable[[Item, str, tuple[Finding, ...]], "Item | None"]
Fallback = Callable[[Item, str], "Item | None"]


@dataclass(frozen=True, slots=True)
class AuditStep:
    """One thing the audit did to one item."""

    section: str  # a section key or "headline"
    action: str  # "repaired" | "replaced" | "dropped" | "kept"
    before: str
    after: str | None
    errors: tuple[str, ...]  # "number: …" — the kinds and messages that caused it

    def note(self) -> str:
        why = "; ".join(self.errors) or "an error"
        where = "the headline" if self.section == HEADLINE else f"an item of {self.section}"
        if self.action == "dropped":
            return f"self-check: dropped {where} ({why})"
        if self.action == "kept":
            return f"self-check: kept {where} with an error nothing could repair ({why})"
        return f"self-check: {self.action} {where} ({why})"


@dataclass(frozen=True, slots=True)
class Audit:
    """A checked draft: ``draft.report`` is ``report`` (the check of the final draft); ``steps`` say what changed."""

    draft: Draft
    report: Report
    steps: tuple[AuditStep, ...] = ()


def check_draft(draft: Draft, facts: FactSheet) -> Report:
    """The check of ``draft``'s claims (headline and items; never the attribution footer) against ``facts``."""
    from retold.check import check
    from retold.render import draft_layout

    text, _ = draft_layout(draft)
    return check(facts, text)


def errors_by_item(draft: Draft, report: Report) -> dict[tuple[int, int], tuple[Finding, ...]]:
    """Error findings grouped by the item they fall in: ``(section index, item index)``, headline ``(-1, 0)``."""
    from retold.render import draft_layout

    _, spans = draft_layout(draft)
    grouped: dict[tuple[int, int], list[Finding]] = {}
    for finding in report.findings:
        if finding.severity != "error" or finding.start == finding.end:
            continue
        for span in spans:
            if span.start < finding.end and finding.start < span.end:
                grouped.setdefault((span.section, span.index), []).append(finding)
    return {key: tuple(found) for key, found in grouped.items()}


def verbatim(facts: FactSheet) -> Repair:
    """The default repair: the item's source sentences as the source gives them (a text item only).

    A sentence that opens by pointing at another ("He said …", "This means …") is no repair: the item is dropped.
    """

    def repair(item: Item, section: str, errors: tuple[Finding, ...]) -> Item | None:
        if item.kind != "text" or not item.sources or section == HEADLINE:
            return None
        text = " ".join(" ".join(facts.sentences[s].text.split()) for s in item.sources)
        if _LEANS_ON_CONTEXT.match(text):
            return None  # the sentence as written points at one left out: better dropped than unclear
        return None if text == item.text else dataclasses.replace(item, text=text)

    return repair


_LEANS_ON_CONTEXT = re.compile(
    r"^[\"'\u201c\u2018(]*(?:he|she|they|it|his|her|their|its|this|that|these|those|both|another|such|no|yes)\b(?!-)",
    re.IGNORECASE,
)


def audit_draft(
    draft: Draft,
    facts: FactSheet,
    *,
    repair: Repair | None = None,
    fallback: Fallback | None = None,
    rounds: int = 2,
) -> Audit:
    """Check ``draft``; repair (up to ``rounds`` times), replace or drop each item with an error; check again.

    Returns the final draft (its ``report`` and ``notes`` filled in), its report and the steps taken.
    Only a headline nothing could repair is ever kept with an error, and its step says so.
    """
    repair = repair or verbatim(facts)
    tries: dict[tuple[str, str], int] = {}
    steps: list[AuditStep] = []
    report = check_draft(draft, facts)
    while True:
        bad = errors_by_item(draft, report)
        if not bad:
            break
        draft, changed = _mend(draft, facts, bad, repair, fallback, rounds, tries, steps)
        report = check_draft(draft, facts)
        if not changed:
            break
    notes = tuple(draft.notes) + tuple(step.note() for step in steps)
    stats = {**(draft.stats or {}), "audit": audit_counts(steps)}
    final = dataclasses.replace(draft, notes=notes, report=report, stats=stats)
    return Audit(draft=final, report=report, steps=tuple(steps))


def _mend(
    draft: Draft,
    facts: FactSheet,
    bad: dict[tuple[int, int], tuple[Finding, ...]],
    repair: Repair,
    fallback: Fallback | None,
    rounds: int,
    tries: dict[tuple[str, str], int],
    steps: list[AuditStep],
) -> tuple[Draft, bool]:
    """One pass over the items with errors; returns the new draft and whether anything changed."""
    changed = False
    headline = draft.headline
    if (-1, 0) in bad:
        new = _next_version(headline, HEADLINE, bad[(-1, 0)], repair, fallback, rounds, tries)
        if new is None:
            new = _plain_headline(draft, facts, tries, rounds)
        why = _why(bad[(-1, 0)])
        if new is None:
            if not any(s.section == HEADLINE and s.action == "kept" for s in steps):
                steps.append(AuditStep(HEADLINE, "kept", headline.text, headline.text, why))
        else:
            steps.append(AuditStep(HEADLINE, new[1], headline.text, new[0].text, why))
            headline, changed = new[0], True
    sections: list[Section] = []
    for si, section in enumerate(draft.sections):
        items: list[Item] = []
        for ii, item in enumerate(section.items):
            errors = bad.get((si, ii))
            if errors is None:
                items.append(item)
                continue
            new = _next_version(item, section.key, errors, repair, fallback, rounds, tries)
            changed = True
            if new is None:
                steps.append(AuditStep(section.key, "dropped", item.text, None, _why(errors)))
                continue
            steps.append(AuditStep(section.key, new[1], item.text, new[0].text, _why(errors)))
            if all(new[0].text != kept.text for kept in items):
                items.append(new[0])
        if items:
            sections.append(dataclasses.replace(section, items=tuple(items)))
    return dataclasses.replace(draft, headline=headline, sections=tuple(sections)), changed


def _next_version(
    item: Item,
    section: str,
    errors: tuple[Finding, ...],
    repair: Repair,
    fallback: Fallback | None,
    rounds: int,
    tries: dict[tuple[str, str], int],
) -> tuple[Item, str] | None:
    """A repair while this item's line has repairs left, then the fallback once; never a text already tried.

    ``tries`` maps (section, text) to how many repairs led to that text; a fallback's text counts as
    having used them all, so it is never repaired or replaced again.
    """
    depth = tries.setdefault((section, item.text), 0)
    if depth < rounds:
        candidate = repair(item, section, errors)
        if candidate is not None and (section, candidate.text) not in tries:
            tries[(section, candidate.text)] = depth + 1
            return candidate, "repaired"
    if fallback is not None and depth <= rounds:
        candidate = fallback(item, section)
        if candidate is not None and (section, candidate.text) not in tries:
            tries[(section, candidate.text)] = rounds + 1
            return candidate, "replaced"
    return None


def _plain_headline(
    draft: Draft, facts: FactSheet, tries: dict[tuple[str, str], int], rounds: int
) -> tuple[Item, str] | None:
    """The next untried headline of last resort: the page title, then each source sentence verbatim."""
    candidates: list[Item] = []
    title = draft.attribution.title
    if title:
        candidates.append(Item(text=" ".join(title.split()), sources=()))
    candidates.extend(Item(text=" ".join(s.text.split()), sources=(s.id,)) for s in facts.sentences[:8] if s.kind == "text")
    for candidate in candidates:
        if (HEADLINE, candidate.text) not in tries:
            tries[(HEADLINE, candidate.text)] = rounds + 1
            return candidate, "replaced"
    return None


def audit_counts(steps: tuple[AuditStep, ...] | list[AuditStep]) -> dict[str, object]:
    """How many items the audit repaired, replaced, dropped or kept with an error, and the error kinds behind them."""
    counts: dict[str, object] = {action: sum(s.action == action for s in steps) for action in AUDIT_ACTIONS}
    kinds: dict[str, int] = {}
    for step in steps:
        for kind in dict.fromkeys(error.split(":", 1)[0] for error in step.errors):
            kinds[kind] = kinds.get(kind, 0) + 1
    counts["mended"] = sum(s.action != "kept" for s in steps)
    counts["by_kind"] = kinds
    return counts


def _why(errors: tuple[Finding, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f"{f.kind}: {f.message}" for f in errors))


def builtin_fallback(facts: FactSheet, style: object, options: object) -> Fallback:
    """A fallback that serves the builtin engine's checked items for the same section, each at most once.

    What an LLM engine passes as ``fallback``: an item its model could not repair gives way to the
    builtin item of that section (the headline to the builtin headline); none left drops it.
    """
    from retold.rewrite.builtin import BuiltinEngine

    served: set[tuple[str, str]] = set()
    pool: dict[str, list[Item]] = {}

    def fallback(item: Item, section: str) -> Item | None:
        if not pool:
            draft = audit_draft(BuiltinEngine().rewrite(facts, style, options), facts).draft  # type: ignore[arg-type]
            pool[HEADLINE] = [draft.headline]
            for sec in draft.sections:
                pool.setdefault(sec.key, []).extend(sec.items)
        for candidate in pool.get(section, []):
            if (section, candidate.text) not in served:
                served.add((section, candidate.text))
                return candidate
        return None

    return fallback
