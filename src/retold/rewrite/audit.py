"""The rewrite stage's one audit loop: check a draft, repair, replace or drop every item with an error, check again.

Every engine's draft goes through :func:`audit_draft` once before :func:`retold.rewrite` returns it, so no
front end ever prints an item the check finds unfaithful. The attribution footer is metadata and is
not part of the checked text (:func:`retold.render.draft_layout`).

An engine takes part through a :class:`Strategy`:

* ``repair(broken) -> {ident: Item | None}`` — new versions of the items with errors, told their error
  findings (an LLM engine sends them back to its model in one request); a missing or ``None`` entry is
  no repair. The default repair gives a text item its source sentences verbatim.
* ``fallback(item, section) -> Item | None`` — a replacement once repairs are used up (an LLM engine
  returns the builtin engine's item for the same section); ``None`` drops the item.
* ``model`` and ``strict`` — the items a model wrote, and the findings that count as errors in them
  (an item no source sentence supports, a look-alike name…): a model's text must rest on the source,
  while a source sentence the builtin engine picked, or the page's title as a headline, is read by the
  ordinary rules.
* ``prompt`` — what the model was sent: a sentence of it in the draft is leakage.
* ``whole`` — the draft printed instead when a model's errors cannot be mended item by item, or none
  of its items survives (an LLM engine's: the builtin rewrite, checked).
* ``finish`` and ``close`` — the engine's account of the audited draft, and the end of its connection.

``section`` is the section key, or ``"headline"``. A headline that cannot be made faithful is replaced
by the page title, then by the first source sentence that checks clean.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from retold.types import Draft, FactSheet, Finding, Item, Section

if TYPE_CHECKING:
    from retold.check.report import Report

HEADLINE = "headline"
ACTIONS = ("repaired", "replaced", "dropped", "kept")
MAX_STAND_INS = 8  # fallback items looked at for one item


@dataclass(frozen=True, slots=True)
class Broken:
    """An item the check found wrong: ``ident`` names it in one audit pass, ``section`` is its key or "headline"."""

    ident: str
    section: str
    item: Item
    errors: tuple[Finding, ...]


Repair = Callable[[Sequence[Broken]], Mapping[str, "Item | None"]]
Fallback = Callable[[Item, str], "Item | None"]
Strict = Callable[[FactSheet, str, "Report"], Sequence[Finding]]


@dataclass(frozen=True, slots=True)
class Strategy:
    """How an engine mends its draft; the default suits an engine whose items are source sentences."""

    repair: Repair | None = None  # None: each text item's source sentences verbatim
    fallback: Fallback | None = None  # None: an item repairs cannot mend is dropped
    rounds: int = 2  # repairs one item's line may have
    model: frozenset[tuple[str, str]] = frozenset()  # (section, text) of the items a model wrote
    strict: Strict | None = None  # findings over the draft's text that are errors in a model's items
    prompt: tuple[str, ...] = ()  # the messages the model was sent
    whole: Callable[[], Draft] | None = None  # the checked draft printed whole when item-by-item mending fails
    whole_why: str = "the builtin engine's rewrite"
    finish: Callable[[Audit], Draft] | None = None  # the engine's last word: its account of what was printed
    close: Callable[[], None] | None = None  # called once the audit is over, whatever happened


@dataclass(frozen=True, slots=True)
class AuditStep:
    """One thing the audit did to one item."""

    section: str  # a section key or "headline"
    action: str  # "repaired" | "replaced" | "dropped" | "kept"
    before: str
    after: str | None
    errors: tuple[str, ...]  # plain-English reasons: "a figure the source never gives (“96”)"

    def note(self) -> str:
        why = "; ".join(self.errors) or "an error"
        where = "the headline" if self.section == HEADLINE else f"an item of {self.section}"
        if self.action == "dropped":
            return f"self-check: dropped {where} ({why})"
        if self.action == "kept":
            return f"self-check: kept {where} with an error nothing could repair ({why})"
        return f"self-check: {self.action} {where} ({why})"


@dataclass(frozen=True, slots=True)
class Account:
    """What became of a model's items: each line it wrote is kept, repaired, replaced or dropped."""

    from_model: int = 0
    kept: int = 0  # printed as the model wrote them
    repaired: int = 0  # printed as the model rewrote them after the check
    replaced: int = 0  # printed as the builtin engine's item for the same section
    dropped: int = 0
    builtin: int = 0  # builtin items printed in all (replacements included)
    repair_rounds: int = 0
    whole_builtin: bool = False

    def to_dict(self) -> dict[str, int | bool]:
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class Audit:
    """A checked draft: ``draft.report`` is ``report`` (the check of the final draft); ``steps`` say what changed."""

    draft: Draft
    report: Report
    steps: tuple[AuditStep, ...] = ()
    account: Account | None = None  # a model's draft only

    @property
    def counts(self) -> dict[str, int]:
        """How many items were repaired, replaced, dropped, or kept with an error (every action, 0 when none)."""
        found = Counter(step.action for step in self.steps)
        return {action: found.get(action, 0) for action in ACTIONS}


def check_draft(draft: Draft, facts: FactSheet, prompt: Sequence[str] = ()) -> Report:
    """The check of ``draft``'s claims (headline and items; never the attribution footer) against ``facts``."""
    from retold.check import check
    from retold.render import draft_layout

    text, _ = draft_layout(draft)
    return check(facts, text, prompt=tuple(prompt)) if prompt else check(facts, text)


def errors_by_item(
    draft: Draft, report: Report, *, strict: Sequence[Finding] = (), model: frozenset[tuple[str, str]] = frozenset()
) -> dict[tuple[int, int], tuple[Finding, ...]]:
    """Error findings grouped by the item they fall in: ``(section index, item index)``, headline ``(-1, 0)``.

    ``strict`` findings count only in the items ``model`` names (a model's own text).
    """
    from retold.render import draft_layout

    _, spans = draft_layout(draft)
    grouped: dict[tuple[int, int], list[Finding]] = {}
    rules = [f for f in report.findings if f.severity == "error"]
    for finding, anyone in [(f, True) for f in rules] + [(f, False) for f in strict]:
        if finding.start == finding.end:
            continue
        for span in spans:
            if span.start < finding.end and finding.start < span.end:
                if anyone or _key(draft, span.section, span.index) in model:
                    grouped.setdefault((span.section, span.index), []).append(finding)
                break
    return {key: tuple(dict.fromkeys(found)) for key, found in grouped.items()}


def _loose(draft: Draft, report: Report) -> list[Finding]:
    """Errors no item holds (nothing item by item can mend them)."""
    from retold.render import draft_layout

    _, spans = draft_layout(draft)
    return [
        f
        for f in report.findings
        if f.severity == "error" and f.start != f.end and not any(s.start < f.end and f.start < s.end for s in spans)
    ]


def _key(draft: Draft, section: int, index: int) -> tuple[str, str]:
    if section == -1:
        return HEADLINE, draft.headline.text
    sec = draft.sections[section]
    return sec.key, sec.items[index].text


def verbatim(facts: FactSheet) -> Repair:
    """The default repair: each text item's source sentences as the source gives them.

    A sentence that opens by pointing at another ("He said …", "This means …") is no repair: the item is dropped.
    """

    def repair(broken: Sequence[Broken]) -> dict[str, Item | None]:
        out: dict[str, Item | None] = {}
        for b in broken:
            item = b.item
            if item.kind != "text" or not item.sources or b.section == HEADLINE:
                continue
            text = " ".join(" ".join(facts.sentences[s].text.split()) for s in item.sources)
            if _LEANS_ON_CONTEXT.match(text) or text == item.text:
                continue  # the sentence as written points at one left out: better dropped than unclear
            out[b.ident] = dataclasses.replace(item, text=text)
        return out

    return repair


_LEANS_ON_CONTEXT = re.compile(
    r"^[\"'\u201c\u2018(]*(?:he|she|they|it|his|her|their|its|this|that|these|those|both|another|such|no|yes)\b(?!-)",
    re.IGNORECASE,
)


@dataclass
class _Ledger:
    """The loop's bookkeeping: each item's origin and the model line it descends from."""

    origin: dict[tuple[str, str], str]  # (section, text) → "model" | "repaired" | "builtin"
    line: dict[tuple[str, str], int]  # (section, text) → the index of the model item it stands for
    tries: dict[tuple[str, str], int]
    steps: list[AuditStep]
    rounds_asked: int = 0

    def strict_keys(self) -> frozenset[tuple[str, str]]:
        return frozenset(k for k, v in self.origin.items() if v in ("model", "repaired"))

    def follow(self, section: str, old: Item, new: Item, how: str) -> None:
        old_key, new_key = (section, old.text), (section, new.text)
        if old_key in self.line:
            self.line.setdefault(new_key, self.line[old_key])
        if how == "repaired" and self.origin.get(old_key) in ("model", "repaired"):
            self.origin.setdefault(new_key, "repaired")
        else:
            self.origin.setdefault(new_key, "builtin")


def audit_draft(
    draft: Draft,
    facts: FactSheet,
    *,
    strategy: Strategy | None = None,
    repair: Repair | None = None,
    fallback: Fallback | None = None,
    rounds: int | None = None,
) -> Audit:
    """Check ``draft``; repair (up to ``rounds`` times), replace or drop each item with an error; check again.

    Returns the final draft (its ``report`` and ``notes`` filled in), its report and the steps taken.
    Only a headline nothing could repair is ever kept with an error, and its step says so. ``repair``,
    ``fallback`` and ``rounds`` override the strategy's.
    """
    strategy = strategy or Strategy()
    if repair is not None or fallback is not None or rounds is not None:
        strategy = dataclasses.replace(
            strategy,
            repair=repair or strategy.repair,
            fallback=fallback or strategy.fallback,
            rounds=strategy.rounds if rounds is None else rounds,
        )
    mend = strategy.repair or verbatim(facts)
    modelled = bool(strategy.model)
    ledger = _Ledger(origin={}, line={}, tries={}, steps=[])
    for index, key in enumerate(_model_lines(draft, strategy.model)):
        ledger.origin[key] = "model"
        ledger.line.setdefault(key, index)
    from_model = sum(1 for key in _model_lines(draft, strategy.model) if key[0] != HEADLINE)
    report = check_draft(draft, facts, _prompt_text(strategy.prompt))
    while True:
        strict = strategy.strict(facts, report.rewrite_text, report) if strategy.strict and modelled else ()
        bad = errors_by_item(draft, report, strict=strict, model=ledger.strict_keys())
        if not bad:
            break
        draft, changed = _mend(draft, facts, bad, mend, strategy, ledger)
        report = check_draft(draft, facts, _prompt_text(strategy.prompt))
        if not changed:
            break
    account = None
    if modelled:
        account = _account(draft, ledger, from_model)
        why = _whole_reason(draft, report, account)
        if why and strategy.whole is not None:
            whole = strategy.whole()
            account = Account(
                from_model=account.from_model,
                dropped=account.from_model,
                builtin=_count_items(whole),
                repair_rounds=ledger.rounds_asked,
                whole_builtin=True,
            )
            notes = (
                tuple(draft.notes)
                + tuple(s.note() for s in ledger.steps)
                + (f"self-check: {why}: {strategy.whole_why} is printed instead",)
            )
            final = dataclasses.replace(whole, notes=tuple(whole.notes) + notes)
            return Audit(draft=final, report=whole.report, steps=tuple(ledger.steps), account=account)
    notes = tuple(draft.notes) + tuple(step.note() for step in ledger.steps)
    final = dataclasses.replace(draft, notes=notes, report=report)
    return Audit(draft=final, report=report, steps=tuple(ledger.steps), account=account)


def _prompt_text(prompt: Sequence[Any]) -> tuple[str, ...]:
    return tuple(p["content"] if isinstance(p, dict) else str(p) for p in prompt)


def _model_lines(draft: Draft, model: frozenset[tuple[str, str]]) -> list[tuple[str, str]]:
    keys = [(HEADLINE, draft.headline.text)] + [(s.key, i.text) for s in draft.sections for i in s.items]
    return [k for k in keys if k in model]


def _count_items(draft: Draft) -> int:
    """Items that are claims: a link list (the source's own address) is not counted."""
    from retold.styles import section_form

    return sum(len(s.items) for s in draft.sections if section_form(draft.style, s.key) != "links")


def _account(draft: Draft, ledger: _Ledger, from_model: int) -> Account:
    """The fate of each model line (headline aside), read off the printed draft."""
    fate: dict[int, str] = {}
    builtin = 0
    from retold.styles import section_form

    for section in draft.sections:
        if section_form(draft.style, section.key) == "links":
            continue  # the source's own address, not a claim of anyone's
        for item in section.items:
            key = (section.key, item.text)
            origin = ledger.origin.get(key, "builtin")
            if origin == "builtin":
                builtin += 1
            line = ledger.line.get(key)
            if line is not None and line not in fate:
                fate[line] = {"model": "kept", "repaired": "repaired"}.get(origin, "replaced")
    told = Counter(fate.values())
    kept, repaired, replaced = told["kept"], told["repaired"], told["replaced"]
    return Account(
        from_model=from_model,
        kept=kept,
        repaired=repaired,
        replaced=replaced,
        dropped=max(0, from_model - kept - repaired - replaced),
        builtin=builtin,
        repair_rounds=ledger.rounds_asked,
    )


def _whole_reason(draft: Draft, report: Report, account: Account) -> str | None:
    if _loose(draft, report):
        return "errors remained outside any item"
    if account.from_model and not (account.kept + account.repaired):
        return "none of the model's items rests on the source"
    return None


def _mend(
    draft: Draft,
    facts: FactSheet,
    bad: dict[tuple[int, int], tuple[Finding, ...]],
    repair: Repair,
    strategy: Strategy,
    ledger: _Ledger,
) -> tuple[Draft, bool]:
    """One pass over the items with errors (their repairs asked for together); the new draft and whether it changed."""
    rounds = strategy.rounds
    wanted = [
        Broken(f"{si}.{ii}", key[0], item, errors)
        for (si, ii), errors in sorted(bad.items())
        for key, item in [(_key(draft, si, ii), draft.headline if si == -1 else draft.sections[si].items[ii])]
        if ledger.tries.get((key[0], item.text), 0) < rounds
    ]
    repaired = dict(repair(wanted)) if wanted else {}
    if wanted:
        ledger.rounds_asked += 1
    changed = False
    told = {  # what the items that stay already tell: a stand-in must add to it, not repeat it
        sid
        for si, sec in enumerate(draft.sections)
        for ii, item in enumerate(sec.items)
        if (si, ii) not in bad
        for sid in item.sources
    }
    headline = draft.headline
    if (-1, 0) in bad:
        new = _next_version(headline, HEADLINE, repaired.get("-1.0"), strategy, ledger.tries, set())
        if new is None:
            new = _plain_headline(draft, facts, ledger.tries, rounds)
        why = _why(bad[(-1, 0)])
        if new is None:
            if not any(s.section == HEADLINE and s.action == "kept" for s in ledger.steps):
                ledger.steps.append(AuditStep(HEADLINE, "kept", headline.text, headline.text, why))
        else:
            ledger.steps.append(AuditStep(HEADLINE, new[1], headline.text, new[0].text, why))
            ledger.follow(HEADLINE, headline, new[0], new[1])
            headline, changed = new[0], True
    sections: list[Section] = []
    for si, section in enumerate(draft.sections):
        items: list[Item] = []
        for ii, item in enumerate(section.items):
            errors = bad.get((si, ii))
            if errors is None:
                items.append(item)
                continue
            new = _next_version(item, section.key, repaired.get(f"{si}.{ii}"), strategy, ledger.tries, told)
            changed = True
            if new is None:
                ledger.steps.append(AuditStep(section.key, "dropped", item.text, None, _why(errors)))
                continue
            ledger.steps.append(AuditStep(section.key, new[1], item.text, new[0].text, _why(errors)))
            ledger.follow(section.key, item, new[0], new[1])
            told.update(new[0].sources)
            if all(new[0].text != kept.text for kept in items):
                items.append(new[0])
        if items:
            sections.append(dataclasses.replace(section, items=tuple(items)))
    return dataclasses.replace(draft, headline=headline, sections=tuple(sections)), changed


def _next_version(
    item: Item,
    section: str,
    candidate: Item | None,
    strategy: Strategy,
    tries: dict[tuple[str, str], int],
    told: set[int],
) -> tuple[Item, str] | None:
    """The repair while this item's line has repairs left, then the fallback; never a text already tried.

    ``tries`` maps (section, text) to how many repairs led to that text; a fallback's text counts as
    having used them all, so it is never repaired or replaced again. A stand-in whose source sentences
    the draft already tells (``told``) is passed over for the fallback's next one.
    """
    rounds = strategy.rounds
    depth = tries.setdefault((section, item.text), 0)
    if depth < rounds and candidate is not None and candidate.text and (section, candidate.text) not in tries:
        tries[(section, candidate.text)] = depth + 1
        return candidate, "repaired"
    if strategy.fallback is not None and depth <= rounds:
        for _ in range(MAX_STAND_INS):
            spare = strategy.fallback(item, section)
            if spare is None:
                break
            if (section, spare.text) in tries or (spare.sources and set(spare.sources) <= told):
                continue
            tries[(section, spare.text)] = rounds + 1
            return spare, "replaced"
    return None


def _plain_headline(
    draft: Draft, facts: FactSheet, tries: dict[tuple[str, str], int], rounds: int
) -> tuple[Item, str] | None:
    """The next untried headline of last resort: the page title, then each source sentence verbatim."""
    candidates: list[Item] = []
    title = draft.attribution.title
    if title:
        candidates.append(Item(text=" ".join(title.split()), sources=()))
    candidates.extend(
        Item(text=" ".join(s.text.split()), sources=(s.id,)) for s in facts.sentences[:8] if s.kind == "text"
    )
    for candidate in candidates:
        if (HEADLINE, candidate.text) not in tries:
            tries[(HEADLINE, candidate.text)] = rounds + 1
            return candidate, "replaced"
    return None


def _why(errors: tuple[Finding, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(reason(f) for f in errors))


_PLAIN = {
    "entity": "a name the source does not give",
    "entity-form": "a name spelled otherwise than in the source",
    "number": "a figure the source does not give",
    "date": "a date the source does not give",
    "quote": "quotation marks around words the source does not quote",
    "paraphrase-quote": "quotation marks around the source's meaning in other words",
    "attribution": "words credited to someone the source does not credit",
    "claim": "no source sentence says this",
    "leakage": "text of the request, not of the article",
    "boilerplate": "text that is not the article (a call to subscribe, a link list)",
}


def reason(finding: Finding) -> str:
    """A finding as a reader understands it: what is wrong, and the words it is about."""
    words = " ".join(finding.text.split()).strip("\"'\u201c\u201d\u2018\u2019")
    words = words if len(words) <= 60 else words[:57].rstrip() + "…"
    what = _PLAIN.get(finding.kind, finding.kind)
    if finding.kind == "claim" and not finding.message.startswith("no source sentence"):
        what = finding.message.split(":")[0]
    return f"{what}: \u201c{words}\u201d" if words else what


def audit_counts(audit: Audit) -> dict[str, Any]:
    """What the audit mended, for a draft's ``stats["audit"]``: each action's count, ``mended`` (repaired,
    replaced or dropped) and, by finding kind, how many steps an error of that kind caused."""
    counts: dict[str, Any] = dict(audit.counts)
    counts["mended"] = sum(counts[action] for action in ACTIONS if action != "kept")
    kinds = Counter(kind for step in audit.steps for kind in dict.fromkeys(kind_of(why) for why in step.errors))
    counts["by_kind"] = dict(kinds)
    return counts


def kind_of(why: str) -> str:
    """The finding kind behind one reason of a step (:func:`reason` words it for a reader)."""
    for kind, plain in _PLAIN.items():
        if why.startswith(plain):
            return kind
    head = why.split(":", 1)[0]
    return head if head and " " not in head else "claim"  # a kind without plain words is named as it is


def builtin_pool(checked: Callable[[], Draft]) -> Fallback:
    """A fallback that serves the items of a checked builtin draft for the same section, each at most once.

    What an LLM engine passes as ``fallback``: an item its model could not repair gives way to the
    builtin item of that section (the headline to the builtin headline); none left drops it. ``checked``
    is called once, when the first item needs a stand-in.
    """
    served: set[tuple[str, str]] = set()
    pool: dict[str, list[Item]] = {}

    def fallback(item: Item, section: str) -> Item | None:
        if not pool:
            draft = checked()
            pool[HEADLINE] = [draft.headline]
            for sec in draft.sections:
                pool.setdefault(sec.key, []).extend(sec.items)
        for candidate in pool.get(section, []):
            if (section, candidate.text) not in served:
                served.add((section, candidate.text))
                return candidate
        return None

    return fallback


def builtin_fallback(facts: FactSheet, style: object, options: object) -> Fallback:
    """:func:`builtin_pool` over the builtin engine's draft for ``facts`` (built and checked when first needed)."""
    from retold.rewrite.builtin import BuiltinEngine

    return builtin_pool(lambda: audit_draft(BuiltinEngine().rewrite(facts, style, options), facts).draft)  # type: ignore[arg-type]
