"""The llm engine against a scripted model that writes fluent rewrites seeded with realistic errors.

    python bench/llm.py [--limit N] [--gate] [--json PATH]

For each BUMP article (task 1) a scripted OpenAI-compatible endpoint on 127.0.0.1 answers a JSON
explainer: source sentences told as they are (the faithful sentences) plus one of each planted error
that the article offers room for — a shifted date, a shifted figure, a look-alike name, a paraphrase
dressed as a quote, a leaked prompt instruction, a newsletter call to action. Asked to repair, it fixes
every other item (copies the source sentence it is shown) and repeats the rest unchanged, as a stubborn
model would. Reported: the share of planted errors that reach the printed rewrite (goal 0), the share of
faithful sentences kept (goal >= 90 %), check errors left in the output (goal 0), and the calls and
seconds spent per article on repair.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import retold  # noqa: E402
from bench.common import bump_articles  # noqa: E402
from bench.llm_server import Reply, ScriptedLLM  # noqa: E402
from bench.plants import body_sentences, changed_date, changed_number, is_name, quoted  # noqa: E402
from retold.ingest import from_text  # noqa: E402
from retold.render import draft_text  # noqa: E402
from retold.styles import get_style, register_style  # noqa: E402
from retold.types import Options  # noqa: E402

LEAK = "(no links, just mention)"
CALL_TO_ACTION = "Subscribe to our newsletter for more stories like this one!"
LOOKALIKE_PLACES = {
    "Austria": "Australia",
    "Australia": "Austria",
    "Sweden": "Switzerland",
    "Switzerland": "Sweden",
    "Slovakia": "Slovenia",
    "Slovenia": "Slovakia",
    "Iran": "Iraq",
    "Iraq": "Iran",
    "Nigeria": "Niger",
    "Lithuania": "Latvia",
    "Latvia": "Lithuania",
    "Colombia": "Columbia",
    "Georgia": "Armenia",
    "Mexico": "New Mexico",
    "Virginia": "West Virginia",
    "Dakota": "Montana",
    "Washington": "Wellington",
}
_VOWEL_SWAP = {"a": "e", "e": "i", "i": "y", "o": "a", "u": "o", "y": "i"}
BENCH_STYLE = "bench-explainer"


def lookalike(name: str) -> str | None:
    """A name one letter off: the look-alike an AI rewriter writes for a surname ("Keefe" → "Kiefe")."""
    words = name.split()
    last = words[-1]
    if not last[:1].isupper():
        return None
    for i, ch in enumerate(last[1:], 1):
        if ch in _VOWEL_SWAP:
            return " ".join(words[:-1] + [last[:i] + _VOWEL_SWAP[ch] + last[i + 1 :]])
    return None


def _clean(text: str) -> str:
    return " ".join(re.sub(r"^\(CNN\)\s*", "", text).split())


def in_context(text: str, new: str) -> str:
    """``new`` with a word on each side as it stands in ``text``: a bare "4" also matches a thread's numbering."""
    match = re.search(r"(?:\S+\s+)?" + re.escape(new) + r"(?:\s+\S+)?", text)
    return match.group() if match else new


def plant(facts, rng: random.Random) -> tuple[dict, list[dict], list[str]]:
    """The scripted answer for one article, its planted errors (kind, marker) and its faithful item texts."""
    lowered = facts.text.lower()
    body = [s for s in body_sentences(facts) if not any(q for q in facts.quotes if s.id in q.sentences)]
    faithful = [s for s in body if len(s.text) < 400][:7]
    used = {s.id for s in faithful[:5]}
    planted: list[dict] = []
    sections: dict[str, list[dict]] = {
        k: []
        for k in (
            "driving-the-news",
            "why-it-matters",
            "what-theyre-saying",
            "big-picture",
            "by-the-numbers",
            "whats-next",
        )
    }

    def edited(sentence, start: int, end: int, new: str) -> str:
        a, b = start - sentence.start, end - sentence.start
        return _clean(sentence.text[:a] + new + sentence.text[b:])

    # a shifted date and a shifted figure, each in a sentence the faithful items do not tell
    dates = [d for d in facts.dates if d.sentence not in used and not quoted(facts, d.start, d.end)]
    for d in rng.sample(dates, len(dates)):
        new = changed_date(d.text, rng)
        if new and new.lower() not in lowered:
            s = facts.sentences[d.sentence]
            text = edited(s, d.start, d.end, new)
            sections["big-picture"].append({"text": text, "sources": [s.id]})
            planted.append({"kind": "date", "marker": in_context(text, new)})
            used.add(s.id)
            break
    numbers = [
        n
        for n in facts.numbers
        if n.sentence not in used
        and not quoted(facts, n.start, n.end)
        and not 1800 <= n.value <= 2100
        and not any(n.start < d.end and d.start < n.end for d in facts.dates)
    ]
    for n in rng.sample(numbers, len(numbers)):
        new = changed_number(n.text, rng)
        if new and new.lower() not in lowered:
            s = facts.sentences[n.sentence]
            text = edited(s, n.start, n.end, new)
            sections["by-the-numbers"].append({"text": text, "sources": [s.id]})
            planted.append({"kind": "number", "marker": in_context(text, new)})
            used.add(s.id)
            break
    # a look-alike name: a place for a similar place, or a surname one letter off
    for e in sorted(facts.entities, key=lambda e: -len(e.mentions)):
        if e.label not in ("PERSON", "GPE") or not e.mentions or not is_name(e.name):
            continue
        m = next((m for m in e.mentions if m.sentence not in used and not quoted(facts, m.start, m.end)), None)
        new = LOOKALIKE_PLACES.get(m.text) if m is not None and e.label == "GPE" else (lookalike(m.text) if m else None)
        if m is None or not new or new.lower() in lowered:
            continue
        s = facts.sentences[m.sentence]
        sections["why-it-matters"].append({"text": edited(s, m.start, m.end, new), "sources": [s.id]})
        planted.append({"kind": "name", "marker": new})
        used.add(s.id)
        break
    # a paraphrase dressed as a quote: words dropped and swapped, still in quotation marks
    for q in facts.quotes:
        words = q.text.split()
        if not q.closed or len(words) < 8 or not (q.speaker_text or q.speaker is not None):
            continue
        speaker = facts.entities[q.speaker].name if q.speaker is not None else q.speaker_text
        paraphrase = words[:2] + [words[3], words[2]] + words[5:]
        text = " ".join(paraphrase).strip(" ,")
        if text.lower() in lowered:
            continue
        sections["what-theyre-saying"].append({"quote": text, "speaker": speaker, "sources": list(q.sentences)})
        planted.append({"kind": "quote", "marker": text})
        break
    # the faithful sentences, one with the model's own instruction leaked into it, and a call to action
    faithful_texts = []
    for i, s in enumerate(faithful[:5]):
        key = "driving-the-news" if i < 2 else "big-picture" if i < 4 else "whats-next"
        text = _clean(s.text)
        if i == 3:
            sections[key].append({"text": f"{text} {LEAK}", "sources": [s.id]})
            planted.append({"kind": "leak", "marker": LEAK})
            continue
        sections[key].append({"text": text, "sources": [s.id]})
        faithful_texts.append(text)
    sections["whats-next"].append({"text": CALL_TO_ACTION, "sources": []})
    planted.append({"kind": "call-to-action", "marker": "Subscribe to our newsletter"})
    headline = _clean(faithful[0].text) if faithful else "News"
    answer = {
        "headline": {"text": headline.split(",")[0].rstrip("."), "sources": [faithful[0].id] if faithful else []},
        "sections": sections,
    }
    return answer, planted, faithful_texts


def repair_reply(body: dict) -> Reply:
    """Fix every other item with the source sentence shown, repeat the rest: a half-cooperative model."""
    prompt = body["messages"][-1]["content"]
    items = []
    for block in prompt.split("\n\nITEM ")[0:]:
        head = re.search(r"ITEM (\S+) \(section \"([^\"]+)\"\): (.*)", "ITEM " + block.split("ITEM ", 1)[-1])
        if not head:
            continue
        ident, _key, text = head.groups()
        source = re.search(r"\n  > (.+)", block)
        stubborn = int(hashlib.sha256(ident.encode()).hexdigest(), 16) % 2
        if source is not None and source.group(1).startswith("(no source sentence"):
            items.append({"id": ident, "text": ""})  # nothing in the source to say instead: dropped
        elif stubborn or source is None:
            items.append({"id": ident, "text": text, "sources": []})
        else:
            items.append({"id": ident, "text": _clean(source.group(1)), "sources": []})
    return Reply(json.dumps({"items": items}))


def as_prose(answer: dict) -> str:
    """The same answer as a model that ignores the JSON request writes it: a paragraph of Markdown-free prose."""
    parts = []
    for items in answer["sections"].values():
        for item in items:
            parts.append(f"{item['speaker']} said, \u201c{item['quote']}\u201d" if "quote" in item else item["text"])
    return "Here is the rewritten article:\n\n" + " ".join(
        p if p.endswith((".", "!", "?", "\u201d")) else p + "." for p in parts
    )


def run(limit: int | None, seed: int = 0, style: str = BENCH_STYLE) -> dict:
    base = get_style("explainer")
    wide = tuple(
        dataclasses.replace(s, max_items=max(s.max_items, 4)) if s.form == "bullets" else s for s in base.sections
    )
    register_style(dataclasses.replace(base, name=BENCH_STYLE, sections=wide))
    texts = bump_articles(1)[: limit or None]
    rows = []
    state: dict = {}

    def script(body: dict) -> Reply:
        if "FACT-CHECK ERRORS" in body["messages"][-1]["content"]:
            return repair_reply(body)
        return Reply(json.dumps(state["answer"]) if style == BENCH_STYLE else as_prose(state["answer"]))

    with ScriptedLLM(script) as server:
        extra = (("model", "scripted"), ("base_url", server.url), ("cache", "false"), ("repair", "2"))
        for index, text in enumerate(texts):
            facts = retold.analyze(from_text(text))
            answer, planted, faithful = plant(facts, random.Random(seed * 1000 + index))
            state["answer"] = answer
            started = time.perf_counter()
            words = 2000 if style == BENCH_STYLE else None
            draft = retold.rewrite(facts, style=style, engine="llm", options=Options(words=words, extra=extra))
            seconds = time.perf_counter() - started
            out = draft_text(draft)
            report = retold.check(facts, out)
            rows.append(
                {
                    "article": index,
                    "planted": len(planted),
                    "planted_kinds": [p["kind"] for p in planted],
                    "reached": [p for p in planted if p["marker"] in out],
                    "faithful": len(faithful),
                    "kept": sum(1 for t in faithful if t in out),
                    "errors": sum(1 for f in report.findings if f.severity == "error"),
                    "calls": draft.stats["usage"]["calls"],
                    "repair_calls": draft.stats["repair"]["calls"],
                    "repair_seconds": draft.stats["repair"]["seconds"],
                    "seconds": seconds,
                    "items": draft.stats["items"],
                }
            )
    planted_total = sum(r["planted"] for r in rows)
    reached = sum(len(r["reached"]) for r in rows)
    faithful_total = sum(r["faithful"] for r in rows)
    by_kind: dict[str, list[int]] = {}
    for r in rows:
        for p in r["reached"]:
            by_kind.setdefault(p["kind"], []).append(r["article"])
    return {
        "style": style,
        "articles": len(rows),
        "planted": planted_total,
        "planted_reaching_output": reached,
        "planted_reach_share": round(reached / planted_total, 4) if planted_total else 0.0,
        "planted_by_kind": dict(Counter(k for r in rows for k in r["planted_kinds"])),
        "reached_by_kind": {k: len(v) for k, v in by_kind.items()},
        "faithful": faithful_total,
        "faithful_kept_share": round(sum(r["kept"] for r in rows) / faithful_total, 4) if faithful_total else 0.0,
        "articles_with_check_errors": sum(1 for r in rows if r["errors"]),
        "median_calls_per_article": statistics.median(r["calls"] for r in rows),
        "median_repair_calls_per_article": statistics.median(r["repair_calls"] for r in rows),
        "median_repair_seconds_per_article": round(statistics.median(r["repair_seconds"] for r in rows), 3),
        "median_seconds_per_article": round(statistics.median(r["seconds"] for r in rows), 3),
        "rows": rows,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N BUMP articles")
    parser.add_argument(
        "--gate",
        action="store_true",
        help="exit 1 unless no planted error reaches the output, "
        "no check error is left and the kept share holds its pinned minimum",
    )
    parser.add_argument("--json", metavar="PATH", help="write the figures as JSON")
    parser.add_argument(
        "--style",
        default=BENCH_STYLE,
        help="another style: the model then answers in prose, "
        "which the engine splits into that style's sections (the kept share is then capped by its room)",
    )
    args = parser.parse_args()
    result = run(args.limit, style=args.style)
    summary = {k: v for k, v in result.items() if k != "rows"}
    print(json.dumps(summary, indent=2))
    if args.json:
        from bench.metrics import write_json

        write_json(Path(args.json), result)
    if args.gate and args.style == BENCH_STYLE:
        from rich.console import Console

        from bench.metrics import gate, load_baseline, report_gate

        failures = gate({"llm": summary}, load_baseline(Path(__file__).parent / "baseline.json"), "llm.")
        return report_gate(failures, Console(stderr=True), "llm")
    if args.gate:  # another style: nothing planted may reach the output, no check error may be left
        failures = [
            f"{k} = {summary[k]}" for k in ("planted_reaching_output", "articles_with_check_errors") if summary[k]
        ]
        for failure in failures:
            print(f"gate: {failure}", file=sys.stderr)
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
