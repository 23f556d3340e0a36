"""The ``llm`` engine: any OpenAI-compatible model writes, retold's check decides what gets printed.

The model gets the fact sheet and the style's sections (:mod:`retold.llm.prompt`); its answer — JSON,
broken JSON, Markdown or prose — becomes items (:mod:`retold.llm.parse`). The draft then goes through the
rewrite stage's one audit loop (:mod:`retold.rewrite.audit`) with this engine's strategy: a model's item
must rest on the source (:mod:`retold.llm.audit`); one that does not goes back to the model with the
findings, then gives way to the builtin engine's item for the same section, or is dropped. When nothing the
model wrote survives, the builtin engine's rewrite is printed whole, and the account says so.
Settings come from ``Options.extra`` (the command line), ``RETOLD_*`` variables and the config file.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from retold.errors import EngineError
from retold.llm.audit import grounded, strict_findings
from retold.llm.client import ContextTooLong, LLMClient, Message
from retold.llm.config import LLMSettings, load_settings
from retold.llm.parse import Parsed, parse_answer
from retold.llm.prompt import SHORTEST, rewrite_messages
from retold.rewrite.audit import HEADLINE, Account, Audit, Broken, Repair, Strategy, audit_draft, builtin_pool
from retold.rewrite.builtin import BuiltinEngine
from retold.styles import Style, fit_to_style
from retold.types import Draft, FactSheet, Item, Options, Section


def settings_from(options: Options) -> LLMSettings:
    """The engine's settings: ``Options.extra`` (flags) over environment over config file."""
    return load_settings(dict(options.extra))


class LLMEngine:
    """Rewrites with a model through an OpenAI-compatible API; never returns an item its check finds wrong."""

    name = "llm"

    def __init__(self, client: LLMClient | None = None) -> None:
        self.client = client  # injected by tests and embedders; else built from the settings per call

    def rewrite(self, facts: FactSheet, style: Style, options: Options) -> Draft:
        """The model's draft, audited (what :func:`retold.rewrite` does with :meth:`draft`)."""
        draft, strategy = self.draft(facts, style, options)
        try:
            audit = audit_draft(draft, facts, strategy=strategy)
            return strategy.finish(audit) if strategy.finish is not None else audit.draft
        finally:
            if strategy.close is not None:
                strategy.close()

    def draft(self, facts: FactSheet, style: Style, options: Options) -> tuple[Draft, Strategy]:
        """The model's draft, unchecked, and how the audit loop should mend it (repairs go to the same client)."""
        started = time.perf_counter()
        client = self.client or LLMClient(settings_from(options))
        close = client.close if self.client is None else (lambda: None)
        try:
            client.settings.require_model()
            # Built once: the headline when the model gives none, the link list and footer, the stand-ins.
            builtin = BuiltinEngine().rewrite(facts, style, options)
            words = options.words or style.words
            parsed, level, messages = self._ask(client, facts, style, words)
        except BaseException:
            close()
            raise
        checked = _once(lambda: audit_draft(builtin, facts).draft)
        notes: list[str] = []
        if level:
            notes.append(f"llm: the fact sheet was shortened (level {level}) to fit the model's context")
        draft = fit_to_style(_assemble(parsed, facts, style, builtin, words), style)
        own = [
            (s.key, i.text)
            for s in draft.sections
            if (spec := style.section(s.key)) is None or spec.form != "links"
            for i in s.items
        ]
        offered = sum(len(items) for items in parsed.sections.values())
        if offered > len(own):
            notes.append(
                f"llm: {offered - len(own)} more item(s) from the model left out: past a section's limit or --words"
            )
        base = {"model": client.model, "base_url": client.base_url, "answer": parsed.shape}

        def stats(account: Account, repair: dict[str, Any]) -> dict[str, Any]:
            return {
                **base,
                "items": account.to_dict(),
                "repair": repair,
                "usage": client.usage.to_dict(),
                "seconds": round(time.perf_counter() - started, 3),
            }

        if not own:
            close()
            notes.append(
                f"llm: the model {_what_it_gave(parsed)}: the builtin engine's rewrite is printed instead, whole"
            )
            whole = dataclasses.replace(
                builtin, notes=tuple(builtin.notes) + tuple(notes), stats=stats(Account(whole_builtin=True), _NO_REPAIR)
            )
            return whole, Strategy()
        calls_before = client.usage.calls
        audit_started = time.perf_counter()

        def ask(repair_prompt: list[Message]) -> str:
            return client.complete(repair_prompt, json_mode=True, purpose="repair").text

        def finish(audit: Audit) -> Draft:
            account = audit.account or Account()
            repair = {
                "calls": client.usage.calls - calls_before,
                "seconds": round(time.perf_counter() - audit_started, 3),
            }
            said = list(notes)
            if account.whole_builtin:
                said.append(
                    f"llm: {account.from_model} item(s) from the model ({parsed.shape}), none printed: "
                    "the builtin engine's rewrite is printed instead, whole"
                )
            else:
                said.append(
                    f"llm: {account.from_model} item(s) from the model ({parsed.shape}): {account.kept} kept, "
                    f"{account.repaired} repaired, {account.replaced} replaced by the builtin engine's, "
                    f"{account.dropped} dropped; {account.builtin} builtin item(s) printed in all"
                )
            final = audit.draft
            engine = "builtin" if account.whole_builtin else self.name
            return dataclasses.replace(
                final,
                engine=engine,
                notes=tuple(final.notes) + tuple(said),
                stats=stats(account, repair),
                report=audit.report,
            )

        strategy = Strategy(
            repair=_repairer(ask, facts, {spec.key: spec for spec in style.sections}),
            fallback=builtin_pool(checked),
            rounds=client.settings.repair,
            model=frozenset(own + ([(HEADLINE, draft.headline.text)] if parsed.headline is not None else [])),
            strict=strict_findings,
            prompt=tuple(m["content"] for m in messages),
            whole=checked,
            finish=finish,
            close=close,
        )
        return dataclasses.replace(draft, engine=self.name), strategy

    def _ask(self, client: LLMClient, facts: FactSheet, style: Style, words: int) -> tuple[Parsed, int, list[Message]]:
        """The model's rewrite, asked again with a shorter fact sheet while it does not fit the context."""
        for level in range(SHORTEST + 1):
            messages = rewrite_messages(facts, style, words, level)
            try:
                answer = client.complete(messages, json_mode=True, purpose="rewrite")
            except ContextTooLong:
                continue
            parsed = parse_answer(answer.text, style, len(facts.sentences), refusal=answer.refusal)
            return parsed, level, messages
        raise EngineError(
            f"The article does not fit {client.model}'s context window even shortened: use a model with a longer context."
        )


_NO_REPAIR = {"calls": 0, "seconds": 0.0}


def _repairer(ask: Any, facts: FactSheet, specs: Mapping[str, Any]) -> Repair:
    """The llm engine's repair: the broken items go back to the model (``ask(messages) -> answer text``) in one request.

    ``specs`` maps a section key to its :class:`~retold.styles.SectionSpec`. A server failing mid-repair
    repairs nothing: the loop's fallback takes over.
    """
    from retold.llm.parse import repaired_items
    from retold.llm.prompt import repair_messages

    def repair(broken: Sequence[Broken]) -> dict[str, Item | None]:
        asked = [(b.ident, b.section, b.item, b.errors) for b in broken]
        try:
            text = ask(repair_messages(facts, asked))
        except EngineError:
            return {}
        found = repaired_items(text, len(facts.sentences), {b.ident: specs.get(b.section) for b in broken})
        before = {b.ident: b.item for b in broken}
        out: dict[str, Item | None] = {}
        for ident, new in found.items():
            if new is None:
                continue
            if new.label is None and before[ident].label and new.kind == before[ident].kind:
                new = dataclasses.replace(new, label=before[ident].label)  # a quote keeps its credit, an event its date
            if ident == "-1.0" or before[ident].kind == new.kind:
                out[ident] = grounded(facts, new)
        return out

    return repair


def _what_it_gave(parsed: Parsed) -> str:
    return {
        "refusal": f"refused ({parsed.refusal})",
        "empty": "gave an empty answer",
        "metadata": "answered with page details (a title, an address, a date) instead of the article's facts",
    }.get(parsed.shape, "gave no item retold could read")


def _once(make: Callable[[], Draft]) -> Callable[[], Draft]:
    made: list[Draft] = []

    def get() -> Draft:
        if not made:
            made.append(make())
        return made[0]

    return get


def _assemble(parsed: Parsed, facts: FactSheet, style: Style, builtin: Draft, words: int) -> Draft:
    """The model's items laid into the style's sections (capped per section and to about ``words``)."""
    builtin_sections = {s.key: s for s in builtin.sections}
    found = dict(parsed.sections)
    if not parsed.placed:  # no section named: the items run on through the style's text sections in order
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
        items = [grounded(facts, i) for i in found.get(spec.key, [])][: spec.max_items]
        if items:
            sections.append(Section(key=spec.key, title=spec.title, items=tuple(items)))
    headline = grounded(facts, parsed.headline) if parsed.headline is not None else builtin.headline
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
