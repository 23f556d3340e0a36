"""The ``llm`` engine: any OpenAI-compatible model writes, retold's check decides what gets printed.

The model gets the fact sheet and the style's sections (:mod:`retold.llm.prompt`); its answer — JSON,
broken JSON, Markdown or prose — becomes items (:mod:`retold.llm.parse`); every item is audited against
the source and repaired, replaced by the builtin engine's item, or dropped (:mod:`retold.llm.audit`).
Settings come from ``Options.extra`` (the command line), ``RETOLD_*`` variables and the config file.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Sequence

from retold.errors import EngineError
from retold.llm.audit import Ledger, audit
from retold.llm.client import ContextTooLong, LLMClient
from retold.llm.config import LLMSettings, load_settings
from retold.llm.parse import Parsed, parse_answer, repaired_items
from retold.llm.prompt import SHORTEST, repair_messages, rewrite_messages
from retold.rewrite.audit import Fallback, Repair, audit_draft, builtin_fallback
from retold.rewrite.builtin import BuiltinEngine
from retold.styles import Style
from retold.types import Draft, FactSheet, Finding, Item, Options, Section

_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]{3,}")


def settings_from(options: Options) -> LLMSettings:
    """The engine's settings: ``Options.extra`` (flags) over environment over config file."""
    return load_settings(dict(options.extra))


class LLMEngine:
    """Rewrites with a model through an OpenAI-compatible API; never returns an item its check finds wrong."""

    name = "llm"

    def __init__(self, client: LLMClient | None = None) -> None:
        self.client = client  # injected by tests and embedders; else built from the settings per call

    def audit_hooks(self, facts: FactSheet, style: Style, options: Options) -> tuple[Repair | None, Fallback]:
        """For the stage's own audit after this engine's: should anything still fail, the builtin item stands in."""
        return None, builtin_fallback(facts, style, options)

    def rewrite(self, facts: FactSheet, style: Style, options: Options) -> Draft:
        started = time.perf_counter()
        client = self.client or LLMClient(settings_from(options))
        client.settings.require_model()
        try:
            return self._rewrite(client, facts, style, options, started)
        finally:
            if self.client is None:
                client.close()

    def _rewrite(self, client: LLMClient, facts: FactSheet, style: Style, options: Options, started: float) -> Draft:
        builtin = audit_draft(BuiltinEngine().rewrite(facts, style, options), facts).draft  # the fallback's items, checked
        words = options.words or style.words
        parsed, level = self._ask(client, facts, style, words)
        ledger = Ledger()
        notes: list[str] = []
        if level:
            notes.append(f"llm: the fact sheet was shortened (level {level}) to fit the model's context")
        draft = _assemble(parsed, facts, style, builtin, words)
        ledger.from_model = sum(len(s.items) for s in draft.sections if style.section(s.key).form != "links")
        offered = sum(len(items) for items in parsed.sections.values())
        if offered > ledger.from_model:
            notes.append(f"llm: {offered - ledger.from_model} more item(s) from the model left out: past a section's limit or --words")
        if not ledger.from_model:
            why = {"refusal": f"refused ({parsed.refusal})", "empty": "gave an empty answer"}.get(
                parsed.shape, "gave no item retold could read"
            )
            notes.append(f"llm: the model {why}: the builtin engine's rewrite is printed instead")
            final = dataclasses.replace(builtin, engine=self.name)
        else:
            draft = dataclasses.replace(draft, engine=self.name)
            repair_started = time.perf_counter()
            calls_before = client.usage.calls
            final, _report = audit(
                draft, facts, builtin, repair=_repairer(client, facts, style),
                rounds=client.settings.repair, ledger=ledger,
            )
            ledger_repair = {"calls": client.usage.calls - calls_before,
                             "seconds": round(time.perf_counter() - repair_started, 3)}
            notes.append(
                f"llm: {ledger.from_model} item(s) from the model ({parsed.shape}): {ledger.kept} kept, "
                f"{ledger.repaired} repaired, {ledger.replaced} replaced by the builtin engine's, {ledger.dropped} dropped"
            )
            notes.extend(f"llm: {reason}" for reason in ledger.reasons)
        stats = {
            "model": client.model,
            "base_url": client.base_url,
            "answer": parsed.shape,
            "items": ledger.to_dict(),
            "repair": ledger_repair if ledger.from_model else {"calls": 0, "seconds": 0.0},
            "usage": client.usage.to_dict(),
            "seconds": round(time.perf_counter() - started, 3),
        }
        return dataclasses.replace(final, notes=tuple(final.notes) + tuple(notes), stats=stats, report=None)

    def _ask(self, client: LLMClient, facts: FactSheet, style: Style, words: int) -> tuple[Parsed, int]:
        """The model's rewrite, asked again with a shorter fact sheet while it does not fit the context."""
        for level in range(SHORTEST + 1):
            try:
                answer = client.complete(rewrite_messages(facts, style, words, level), json_mode=True)
            except ContextTooLong:
                continue
            parsed = parse_answer(answer.text, style, len(facts.sentences), refusal=answer.refusal)
            return parsed, level
        raise EngineError(
            f"The article does not fit {client.model}'s context window even shortened: use a model with a longer context."
        )


def _repairer(client: LLMClient, facts: FactSheet, style: Style):
    def repair(broken: Sequence[tuple[str, str, Item, Sequence[Finding]]]) -> dict[str, Item | None]:
        specs = {ident: style.section(key) for ident, key, _item, _f in broken}
        try:
            answer = client.complete(repair_messages(facts, broken), json_mode=True)
        except EngineError:  # the server failed mid-repair: what still fails is replaced or dropped
            return {}
        found = repaired_items(answer.text, len(facts.sentences), specs)
        before = {ident: item for ident, _key, item, _f in broken}
        out: dict[str, Item | None] = {}
        for ident, new in found.items():
            if new is not None and new.label is None and before[ident].label and new.kind == before[ident].kind:
                new = dataclasses.replace(new, label=before[ident].label)  # a quote keeps its credit, an event its date
            out[ident] = _grounded(facts, new) if new is not None else None
        return out

    return repair


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _grounded(facts: FactSheet, item: Item) -> Item:
    """``item`` with the source sentence it best matches as its source, when the model cited none."""
    if item.sources:
        return item
    mine = _words(item.text) | _words(item.label or "")
    best, best_score = None, 0.0
    for sentence in facts.sentences:
        theirs = _words(sentence.text)
        if not theirs or not mine:
            continue
        score = len(mine & theirs) / len(mine | theirs)
        if score > best_score:
            best, best_score = sentence.id, score
    return dataclasses.replace(item, sources=(best,)) if best is not None and best_score > 0.1 else item


def _assemble(parsed: Parsed, facts: FactSheet, style: Style, builtin: Draft, words: int) -> Draft:
    """The model's items laid into the style's sections (capped per section and to about ``words``)."""
    builtin_sections = {s.key: s for s in builtin.sections}
    found = dict(parsed.sections)
    if parsed.shape == "prose":  # no headings: the sentences run on through the style's text sections in order
        pending = [i for items in found.values() for i in items]
        found = {}
        for spec in style.sections:
            if spec.form in ("bullets", "paragraph", "posts") and pending:
                found[spec.key], pending = pending[: spec.max_items], pending[spec.max_items :]
    sections: list[Section] = []
    for spec in style.sections:
        if spec.form == "links":  # the source link is metadata: the builtin engine's, never the model's
            if spec.key in builtin_sections:
                sections.append(builtin_sections[spec.key])
            continue
        items = [_grounded(facts, i) for i in found.get(spec.key, [])][: spec.max_items]
        if items:
            sections.append(Section(key=spec.key, title=spec.title, items=tuple(items)))
    headline = _grounded(facts, parsed.headline) if parsed.headline is not None else builtin.headline
    sections = _trim(sections, words)
    return dataclasses.replace(builtin, headline=headline, sections=tuple(sections), notes=())


def _trim(sections: list[Section], words: int) -> list[Section]:
    """Drop last items of the fullest sections while the draft runs well past ``words`` (the first item stays)."""

    def total() -> int:
        return sum(len(i.text.split()) + len((i.label or "").split()) for s in sections for i in s.items)

    while total() > words * 1.15:
        fullest = max(range(len(sections)), key=lambda k: (len(sections[k].items), k))
        if len(sections[fullest].items) <= 1 and fullest == 0:
            break
        section = sections[fullest]
        if len(section.items) <= 1:
            sections.pop(fullest)
        else:
            sections[fullest] = dataclasses.replace(section, items=section.items[:-1])
    return sections
