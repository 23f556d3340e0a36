"""Terminal views of an :class:`Article` and a :class:`FactSheet` (rich renderables)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from retold.types import Article, FactSheet


def article_header(article: Article) -> RenderableType:
    """Title, byline, date, origin, and what ingest removed or warned about."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold")
    table.add_column()
    for label, value in (
        ("title", article.title),
        ("byline", article.byline),
        ("published", article.published.isoformat() if article.published else None),
        ("site", article.site),
        ("url", article.url),
        ("origin", article.origin),
        ("format", article.source_format),
    ):
        if value:
            table.add_row(label, value)
    table.add_row("paragraphs", str(len(article.paragraphs)))
    parts: list[RenderableType] = [table]
    for block in article.removed:
        parts.append(Text(f"removed ({block.reason}): {block.text}", style="yellow"))
    for warning in article.warnings:
        parts.append(Text(f"warning: {warning}", style="bold yellow"))
    return Group(*parts)


def facts_tables(facts: FactSheet) -> RenderableType:
    """Entities, numbers, dates and quotes as tables, then the sentence list."""
    entities = Table(title="Entities", title_justify="left", expand=False)
    for column in ("id", "label", "name", "aliases", "roles", "mentions"):
        entities.add_column(column, overflow="fold")
    for entity in facts.entities:
        aliases = sorted({m.text for m in entity.mentions} - {entity.name})
        entities.add_row(
            str(entity.id),
            entity.label,
            entity.name,
            ", ".join(aliases),
            "; ".join(entity.roles),
            str(len(entity.mentions)),
        )

    numbers = Table(title="Numbers", title_justify="left")
    for column in ("text", "value", "unit", "sentence"):
        numbers.add_column(column)
    for number in facts.numbers:
        numbers.add_row(number.text, f"{number.value:g}", number.unit or "", str(number.sentence))

    dates = Table(title="Dates", title_justify="left")
    for column in ("text", "value", "relative", "sentence"):
        dates.add_column(column)
    for date in facts.dates:
        dates.add_row(date.text, date.iso, "yes" if date.relative else "", str(date.sentence))

    quotes = Table(title="Quotes", title_justify="left")
    quotes.add_column("speaker")
    quotes.add_column("quote", overflow="fold")
    for quote in facts.quotes:
        speaker = facts.entities[quote.speaker].name if quote.speaker is not None else (quote.speaker_text or "?")
        mark = "" if quote.closed else " (runs on)"
        quotes.add_row(speaker + mark, quote.text)

    sentences = Table(title="Sentences", title_justify="left")
    sentences.add_column("id", justify="right")
    sentences.add_column("kind")
    sentences.add_column("span")
    sentences.add_column("text", overflow="fold")
    for sentence in facts.sentences:
        sentences.add_row(str(sentence.id), sentence.kind, f"{sentence.start}-{sentence.end}", sentence.text)

    return Group(entities, numbers, dates, quotes, sentences)
