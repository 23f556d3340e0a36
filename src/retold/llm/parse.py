"""Whatever a model answered, as items: JSON (also fenced, truncated or slightly broken), Markdown or prose.

Nothing here judges whether an item is true — the audit does that. This only recovers the model's
items, each with the section it belongs to and the source sentence ids it claims.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from retold.normalize import fold_key
from retold.styles import SectionSpec, Style
from retold.types import Item

Shape = Literal["json", "repaired-json", "markdown", "prose", "refusal", "empty", "metadata"]

_FENCE = re.compile(r"```(?:json|JSON)?\s*(.*?)(?:```|\Z)", re.S)
_REFUSAL = re.compile(
    r"^\W*(i['\u2019]m sorry|i am sorry|sorry,|i can(?:no|')t|i cannot|i won['\u2019]t|i am unable|i['\u2019]m unable|"
    r"as an ai\b|i must decline|unfortunately,? i)",
    re.I,
)
_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s+(.+?)\s*#*|\*\*([^*]{2,60})\*\*:?|__([^_]{2,60})__:?|([A-Z][^.!?:]{1,40}):)\s*$"
)
# "**Why it matters:** text", "- **Driving the news**: text", "Why it matters: text" (a label the style knows)
_LABELLED = re.compile(
    r"^\s*(?:[-*\u2022]\s+|\d{1,2}[.)]\s+)?(?:\*\*([^*]{2,60}?):?\*\*:?|([A-Z][A-Za-z'\u2019 ]{1,40}):)\s+(\S.*)$"
)
_THINK = re.compile(r"<(think|thinking|reasoning)>.*?(?:</\1>|\Z)", re.S | re.I)
_PREAMBLE = re.compile(
    r"^\W*(?:sure|certainly|of course|absolutely|okay|ok|great|here(?:'s|\u2019s| is| are)|below is|below you will find)\b",
    re.I,
)
_CLOSING = re.compile(
    r"^\W*(?:let me know|i hope (?:this|that)|hope this helps|feel free|if you(?:'d| would)? (?:like|want|need)|"
    r"would you like|do you want me)\b",
    re.I,
)
_METADATA_KEYS = frozenset(
    {
        "url",
        "source",
        "source_url",
        "author",
        "authors",
        "date",
        "published",
        "publisher",
        "description",
        "year",
        "date_time",
        "caption",
        "content_type",
        "image_size",
        "site",
    }
)
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d{1,2}[.)/]|\d{1,2}/\d{1,2})\s+(.*)$")
_QUOTE_LINE = re.compile(r"^\s*>\s*(.*)$")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"\u201d\u2019)]))\s+(?=[\"\u201c(]?[A-Z0-9])")
_INNER_QUOTE = re.compile(r"[\"\u201c](.+?)[\"\u201d]")
_CREDIT = re.compile(r"^[\"\u201c](.+?)[\"\u201d]\s*[\u2014\u2013-]+\s*(.+)$")


@dataclass(frozen=True, slots=True)
class Parsed:
    """The model's rewrite as items: ``sections`` maps a style section key to its items, in order."""

    shape: Shape
    headline: Item | None = None
    sections: dict[str, list[Item]] = field(default_factory=dict)
    refusal: str | None = None
    placed: bool = True  # the model named the sections; False: its items run on, in order, from the first section

    @property
    def count(self) -> int:
        return len(self.sections and [i for items in self.sections.values() for i in items]) + (
            self.headline is not None
        )


# --------------------------------------------------------------------------- JSON


def loads_lenient(text: str) -> tuple[Any, bool] | None:
    """The JSON object of ``text``, closing a truncated one; ``(value, repaired)``.

    Where it is looked for, in order: a fenced block; a ``{`` opening a line (JSON inside prose: "Here is
    the JSON:" then the object); the first ``{`` at all. A brace inside a sentence ("the {name} field")
    is tried last.
    """
    text = _THINK.sub("", text)
    for body in _json_candidates(text):
        found = _decode(body)
        if found is not None and isinstance(found[0], (dict, list)):
            return found
    return None


def _json_candidates(text: str) -> list[str]:
    out = [m.group(1) for m in _FENCE.finditer(text) if "{" in m.group(1)]
    out += [text[m.start(1) :] for m in re.finditer(r"^[ \t]*(\{)", text, re.M)]
    first = text.find("{")
    if first >= 0:
        out.append(text[first:])
    return list(dict.fromkeys(out))


def _decode(body: str) -> tuple[Any, bool] | None:
    start = body.find("{")
    if start < 0:
        return None
    body = body[start:]
    try:
        value, _ = json.JSONDecoder().raw_decode(body)
        return value, False
    except json.JSONDecodeError:
        pass
    body = re.sub(r",\s*([}\]])", r"\1", body)  # trailing commas
    try:
        return json.JSONDecoder().raw_decode(body)[0], True
    except json.JSONDecodeError:
        pass
    # Truncated: cut back to the last complete value and close what is open.
    cuts = [m.end() for m in re.finditer(r"[}\]\"]|\d(?=\s*[,}\]])|true|false|null", body)]
    for cut in reversed(cuts[-400:]):
        closed = _close(body[:cut])
        if closed is None:
            continue
        try:
            return json.loads(closed), True
        except json.JSONDecodeError:
            continue
    return None


def _close(prefix: str) -> str | None:
    """``prefix`` with its open strings, arrays and objects closed, or None when it ends inside a key."""
    stack: list[str] = []
    in_string = escaped = False
    for ch in prefix:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "{[":
            stack.append("}" if ch == "{" else "]")
        elif ch in "}]":
            if not stack:
                return None
            stack.pop()
    if in_string:
        return None
    text = prefix.rstrip().rstrip(",")
    if text.endswith(":"):
        return None
    return text + "".join(reversed(stack))


def _sources(value: Any, n_sentences: int) -> tuple[int, ...]:
    """Sentence ids from ``[3, "4", "S5", "[6]"]``; ids the source does not have are dropped."""
    values = value if isinstance(value, list) else [value] if value is not None else []
    out = []
    for v in values:
        m = re.search(r"\d+", str(v))
        if m and 0 <= int(m.group()) < n_sentences and int(m.group()) not in out:
            out.append(int(m.group()))
    return tuple(out)


def item_from_json(value: Any, spec: SectionSpec | None, n_sentences: int) -> Item | None:
    """One JSON item (an object or a bare string) as an :class:`Item` shaped for its section's form."""
    if isinstance(value, str):
        value = {"text": value}
    if not isinstance(value, dict):
        return None
    sources = _sources(value.get("sources", value.get("source", value.get("ids"))), n_sentences)
    form = spec.form if spec else "bullets"
    quote = value.get("quote")
    if quote or form == "quotes":
        words = clean(str(quote or value.get("text") or ""))
        inner = _INNER_QUOTE.search(words)
        if inner and len(inner.group(1).split()) >= 3 and inner.group(0) != words:
            words = inner.group(1)  # a whole sentence given for a quote: the quoted words are the quote
        words = words.strip('"\u201c\u201d ').rstrip(",")
        speaker = clean(str(value.get("speaker") or value.get("label") or "")) or None
        return Item(text=words, sources=sources, kind="quote", label=speaker) if words else None
    if form == "timeline" or value.get("date"):
        text, date = clean(str(value.get("text") or value.get("event") or "")), clean(str(value.get("date") or ""))
        if form == "timeline" and date:
            return Item(text=text, sources=sources, kind="event", label=date) if text else None
    if form == "people" or value.get("name"):
        name, role = clean(str(value.get("name") or "")), clean(str(value.get("role") or value.get("text") or ""))
        if form == "people" and name:
            return Item(text=role, sources=sources, kind="person", label=name) if role else None
    text = clean(str(value.get("text") or value.get("sentence") or ""))
    return Item(text=text, sources=sources) if text else None


def clean(text: str) -> str:
    """One line, no Markdown emphasis or list marker: what an item's text may hold."""
    text = re.sub(r"\*\*|__|`", "", text)
    return " ".join(text.split())


def _section_key(name: str, style: Style) -> str | None:
    wanted = fold_key(name.replace("_", "-"))
    for spec in style.sections:
        if wanted in (fold_key(spec.key), fold_key(spec.title)) or (spec.title and fold_key(spec.title) in wanted):
            return spec.key
    return None


def _from_json(data: Any, style: Style, n_sentences: int, shape: Shape) -> Parsed:
    if isinstance(data, list):
        data = {"sections": {style.sections[0].key: data}}
    if not isinstance(data, dict):
        return Parsed(shape=shape)
    if "sections" not in data and "headline" not in data and _METADATA_KEYS & set(data):
        # A page's details (title, address, author, date), the shape a base model gives a news page: not the rewrite
        # asked for, and its "title" is no headline of this article.
        if not any(_section_key(str(k), style) for k in data if k not in _METADATA_KEYS and k != "title"):
            return Parsed(shape="metadata")
    headline = None
    raw_head = data.get("headline") or data.get("title")
    if raw_head:
        headline = item_from_json(raw_head, None, n_sentences)
    raw = data.get("sections", {k: v for k, v in data.items() if k not in ("headline", "title")})
    if isinstance(raw, list):  # [{"key": ..., "items": [...]}]
        raw = {str(s.get("key") or s.get("title") or ""): s.get("items", []) for s in raw if isinstance(s, dict)}
    sections: dict[str, list[Item]] = {}
    for name, values in raw.items() if isinstance(raw, dict) else ():
        key = _section_key(str(name), style)
        if key is None:
            continue
        spec = style.section(key)
        values = values if isinstance(values, list) else [values]
        items = [item for v in values if (item := item_from_json(v, spec, n_sentences)) is not None]
        sections.setdefault(key, []).extend(items)
    return Parsed(shape=shape, headline=headline, sections=sections)


# --------------------------------------------------------------------------- prose and Markdown


_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Jr|Sr|Prof|No|Vol|Inc|Co|Corp)|\b[A-Z](?:\.[A-Z])*)\.$"
)


def sentences_of(text: str) -> list[str]:
    """``text`` cut at sentence ends, not after a title or an initial ("Mr.", "U.S.")."""
    out: list[str] = []
    for piece in (p.strip() for p in _SENTENCE_END.split(text)):
        if not piece:
            continue
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _answer_lines(text: str) -> list[str]:
    """The answer's lines without a reasoning block, an opening "Sure! Here is…" or a closing "Let me know…"."""
    lines = [
        line for line in _THINK.sub("", text).splitlines() if line.strip() and line.strip() not in ("---", "***", "___")
    ]
    while lines and _PREAMBLE.match(lines[0]) and (lines[0].rstrip().endswith(":") or len(lines[0]) < 120):
        lines.pop(0)
    while lines and _CLOSING.match(lines[-1]):
        lines.pop()
    return lines


def _from_prose(text: str, style: Style) -> Parsed:
    """Markdown or plain prose: headings and bold labels pick sections, bullets and sentences become items."""
    headline = None
    key = _default_key(style)
    sections: dict[str, list[Item]] = {}
    saw_markup = placed = False
    for line in _answer_lines(text):
        heading = _HEADING.match(line)
        if heading:
            title = clean(next(g for g in heading.groups() if g)).rstrip(":")
            first = headline is None and not sections and key == _default_key(style)
            if first and line.lstrip().startswith("#") and _section_key(title, style) is None:
                headline = Item(text=title, sources=())  # a heading at any level that names no section, first
            elif fold_key(title) in ("headline", "title") and headline is None:
                key = "headline"
            elif _section_key(title, style) is not None:
                key, placed = _section_key(title, style) or key, True
            saw_markup = True
            continue
        labelled = _LABELLED.match(line)
        if labelled:
            label = clean(labelled.group(1) or labelled.group(2)).rstrip(":")
            if fold_key(label) in ("headline", "title") and headline is None:
                headline = Item(text=clean(labelled.group(3)), sources=())
                saw_markup = True
                continue
            found = _section_key(label, style)
            if found is not None:
                key, line, saw_markup, placed = found, labelled.group(3), True, True
        if key == "headline":  # "## Headline" then its text on the next line
            headline, key = Item(text=clean(line.lstrip("#*-\u2022 ")), sources=()), _default_key(style)
            continue
        spec = style.section(key)
        quote_line = _QUOTE_LINE.match(line)
        bullet = _BULLET.match(line)
        marked = quote_line or bullet
        body = clean(marked.group(1) if marked else line)
        saw_markup = saw_markup or bool(quote_line or bullet)
        credit = _CREDIT.match(body)
        if credit and (quote_line or (spec and spec.form == "quotes")):
            sections.setdefault(key, []).append(
                Item(text=credit.group(1), sources=(), kind="quote", label=credit.group(2))
            )
            continue
        if (
            spec
            and spec.form in ("timeline", "people")
            and re.match(r"^[^\u2014\u2013:]{2,40}\s*[\u2014\u2013:]\s+\S", body)
        ):
            label, rest = re.split(r"\s*[\u2014\u2013:]\s+", body, maxsplit=1)
            kind: Literal["event", "person"] = "event" if spec.form == "timeline" else "person"
            sections.setdefault(key, []).append(Item(text=rest, sources=(), kind=kind, label=label))
            continue
        parts = [body] if bullet else sentences_of(body)
        sections.setdefault(key, []).extend(Item(text=p, sources=()) for p in parts if p)
    return Parsed(shape="markdown" if saw_markup else "prose", headline=headline, sections=sections, placed=placed)


def _default_key(style: Style) -> str:
    for spec in style.sections:
        if spec.form in ("bullets", "paragraph", "posts"):
            return spec.key
    return style.sections[0].key


# --------------------------------------------------------------------------- entry point


def parse_answer(text: str, style: Style, n_sentences: int, *, refusal: str | None = None) -> Parsed:
    """The model's answer as items of ``style``'s sections; a refusal or empty answer has none."""
    if refusal:
        return Parsed(shape="refusal", refusal=" ".join(refusal.split())[:200])
    if not _THINK.sub("", text).strip():
        return Parsed(shape="empty")
    found = loads_lenient(text)
    if found is not None and isinstance(found[0], (dict, list)):
        parsed = _from_json(found[0], style, n_sentences, "repaired-json" if found[1] else "json")
        if parsed.count or parsed.shape == "metadata":
            return parsed
    text = _THINK.sub("", text).strip()
    if _REFUSAL.match(text) and len(text) < 600:
        return Parsed(shape="refusal", refusal=" ".join(text.split())[:200])
    prose = text
    if found is not None:  # JSON the shape of which we could not read: its strings are still prose
        prose = _FENCE.sub("", text)
    return _from_prose(prose, style)


def repaired_items(text: str, n_sentences: int, specs: dict[str, SectionSpec | None]) -> dict[str, Item | None]:
    """The answer to a repair request: item id → its new version (None: the model dropped it)."""
    found = loads_lenient(text)
    out: dict[str, Item | None] = {}
    if found is None:
        return out
    data = found[0]
    values = data.get("items", []) if isinstance(data, dict) else data if isinstance(data, list) else []
    for value in values:
        if not isinstance(value, dict) or "id" not in value:
            continue
        ident = str(value["id"]).strip()
        if ident not in specs:
            continue
        out[ident] = item_from_json(value, specs[ident], n_sentences)
    return out
