"""Real pages in, explainers out: extraction beside trafilatura, non-articles refused, an editor's lint.

    python bench/pages.py [--gate] [--only NAME] [--show] [--styles explainer,brief] [--json PATH]

On the 42 pages of bench/data/pages/ (trafilatura's evaluation pages, Apache-2.0):

* extraction: precision and recall of each page's expected ``with`` / ``without`` snippets in
  retold's article text, beside plain ``trafilatura.extract`` on the same pages;
* refusals: every non-article page refused with a one-line reason, no article page refused;
* an editor's lint of every explainer (headline and items): fragments without a finite verb, items
  that open with an unresolved pronoun or demonstrative, people first named by a bare surname where
  the article gives the full name, headlines over 16 words, claims that lost their attribution (a source
  sentence credited to a speaker — "…, Pence said" — told without the verb that credits it), and
  self-check errors.

``--gate`` compares the figures with bench/baseline.json and exits 1 when one falls short.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PAGES_DIR = Path(__file__).resolve().parent / "data" / "pages"
BASELINE = Path(__file__).resolve().parent / "baseline.json"
HEADLINE_MAX_WORDS = 16
STYLES = ("explainer", "brief", "summary", "thread", "newsletter")

# Words that cannot open an item: they point at something the item itself does not name.
DANGLING = re.compile(
    r"^(?:he|she|they|it|his|her|their|its|him|them|this|that|these|those|both|such|another|either|neither|"
    r"the pair|the latter|the same|no|yes)\b(?![-\u2019'])|^here(?:'s|\u2019s| is| are)\b",
    re.IGNORECASE,
)
# "The report explores …", "The two men are …": a definite noun phrase that needs an earlier mention.
DEFINITE = re.compile(
    r"^the\s+(?:(?:two|three|four|five|pair|couple|other)\s+)?(?P<noun>report|findings|study|survey|plan|proposal|"
    r"move|decision|statement|incident|attack|deal|measure|bill|letter|men|women|man|woman|couple|group|company|"
    r"suspects?|victims?|order|ruling|policy|figures?|data)\s+(?P<next>[\w\u2019']+)",
    re.IGNORECASE,
)
QUALIFIERS = frozenset("of by from on that which who in for to at with about".split())
# "It is expected …", "There are …": expletive subjects need no antecedent.
EXPLETIVE = re.compile(r"^(?:it|there)\s+(?:is|was|will|has|had|would|could|may|might|remains|seems|appears)\b", re.I)
# "This year", "That night": a demonstrative determiner before a time word names its own referent.
TIME_DEMONSTRATIVE = re.compile(
    r"^(?:this|that|these|those)\s+(?:year|week|month|morning|afternoon|evening|night|weekend|season|time|summer|"
    r"winter|spring|fall|autumn|decade|century|\w+day)\b",
    re.IGNORECASE,
)


def _norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split()).lower()


# --------------------------------------------------------------------------- data


def load_pages() -> list[dict]:
    data = json.loads((PAGES_DIR / "pages.json").read_text(encoding="utf-8"))
    return data["pages"]


def page_html(page: dict) -> str:
    return (PAGES_DIR / page["file"]).read_bytes().decode("utf-8", errors="replace")


# --------------------------------------------------------------------------- extraction


@dataclass
class Tally:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def add(self, text: str, page: dict) -> None:
        text = _norm(text)
        for snippet in page["with"]:
            if _norm(snippet) in text:
                self.tp += 1
            else:
                self.fn += 1
        for snippet in page["without"]:
            if _norm(snippet) in text:
                self.fp += 1
            else:
                self.tn += 1

    def figures(self) -> dict[str, float]:
        precision = self.tp / max(1, self.tp + self.fp)
        recall = self.tp / max(1, self.tp + self.fn)
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        accuracy = (self.tp + self.tn) / max(1, self.tp + self.tn + self.fp + self.fn)
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "accuracy": round(accuracy, 4),
        }


def gate_decision(page: dict, article) -> dict:
    """The article gate's decision on a page and the signals it used (``article``: the Article, or the refusal)."""
    from retold.ingest.gates import english_ratio
    from retold.ingest.html import extract_html
    from retold.ingest.pagekind import assess_page, weak_signals

    extracted = extract_html(page_html(page), url=page["url"])
    signals = list(assess_page(extracted).signals)
    # the weak signals are measured on every page, also where a strong one decided: both ways
    signals += [f"weak: {signal}" for signal, _ in weak_signals(extracted) if signal not in signals]
    ratio = english_ratio(" ".join(b.text for b in extracted.blocks))
    if ratio is not None:
        signals.append(f"English words {ratio:.0%}")
    warned = [] if isinstance(article, str) else [w for w in article.warnings if _DOUBT.search(w)]
    decision = "refused" if isinstance(article, str) else "warned" if warned else "rewritten"
    why = article if isinstance(article, str) else "; ".join(warned)
    return {"page": page["file"], "kind": page["kind"], "decision": decision, "signals": signals, "why": why}


_DOUBT = re.compile(r"may not be a news article|does not look like English")


def retold_article(page: dict):
    """The cleaned Article of a page, or the one-line reason it was refused (a str)."""
    from retold.errors import RetoldError
    from retold.ingest import from_text

    try:
        return from_text(page_html(page), format="html", url=page["url"])
    except RetoldError as exc:
        return str(exc)


# --------------------------------------------------------------------------- the editor's lint


@dataclass
class Lint:
    fragments: list[str] = field(default_factory=list)
    dangling: list[str] = field(default_factory=list)
    bare_surnames: list[str] = field(default_factory=list)
    long_headlines: list[str] = field(default_factory=list)
    unattributed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    not_story: list[str] = field(default_factory=list)  # a caption, credit or citation as headline or item
    whos_who_repeats: list[str] = field(default_factory=list)  # one person listed twice
    whos_who_untold: list[str] = field(default_factory=list)  # a person no other item names
    mended: list[str] = field(default_factory=list)  # what the rewrite's own audit had to mend
    wrong_referents: list[str] = field(default_factory=list)  # … of it, for an error on who

    def counts(self) -> dict[str, int]:
        return {
            "fragments": len(self.fragments),
            "dangling_openers": len(self.dangling),
            "bare_surname_first_mentions": len(self.bare_surnames),
            "long_headlines": len(self.long_headlines),
            "dropped_attributions": len(self.unattributed),
            "selfcheck_errors": len(self.errors),
            "caption_or_citation_items": len(self.not_story),
            "whos_who_repeats": len(self.whos_who_repeats),
            "whos_who_untold": len(self.whos_who_untold),
            "audit_mended": len(self.mended),
            "audit_wrong_referents": len(self.wrong_referents),
        }


LINT_FIELDS = (
    "fragments",
    "dangling",
    "bare_surnames",
    "long_headlines",
    "unattributed",
    "errors",
    "not_story",
    "whos_who_repeats",
    "whos_who_untold",
    "mended",
    "wrong_referents",
)
_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|miss|dr|prof|sir|dame|rev|sen|rep|gov|gen|col|capt|sgt|lt)\.?$", re.I)


def _name_words(name: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in name.split() if not _HONORIFIC.match(w))


def lint_whos_who(draft, lint: Lint) -> None:
    """Who's who entries that repeat a person (with or without an honorific, a surname alone) or that name
    someone no other item of the draft names."""
    entries = [i for s in draft.sections if s.key == "whos-who" for i in s.items]
    told = " ".join(f"{i.text} {i.label or ''}" for s in draft.sections if s.key != "whos-who" for i in s.items)
    seen: list[tuple[str, ...]] = []
    for entry in entries:
        words = _name_words(entry.label or "")
        if any(words == w or (len(words) == 1 and w[-1:] == words) or (len(w) == 1 and words[-1:] == w) for w in seen):
            lint.whos_who_repeats.append(entry.label or "")
        seen.append(words)
        if words and not re.search(rf"(?<![\w-]){re.escape((entry.label or '').split()[-1])}(?![\w-])", told):
            lint.whos_who_untold.append(f"{entry.label} — {entry.text}")


def lint_not_story(draft, lint: Lint) -> None:
    """A headline or item that is a picture's caption, a credit or a citation (by ingest's own rules)."""
    from retold.rewrite.select import not_story

    for item in [draft.headline, *(i for s in draft.sections if s.key != "go-deeper" for i in s.items)]:
        if item.kind == "text" and not_story(item.text):
            lint.not_story.append(item.text)


def lint_audit(draft, lint: Lint) -> None:
    """What the rewrite stage's audit mended before returning (the final draft's errors are 0 by construction)."""
    from bench.selfcheck import REFERENT_KINDS, note_kinds

    audit = (draft.stats or {}).get("audit", {})
    notes = [note for note in draft.notes if note.startswith("self-check:")]  # one per step the audit took
    assert len(notes) == audit.get("mended", 0) + audit.get("kept", 0), (notes, audit)
    lint.mended.extend(notes)
    lint.wrong_referents.extend(n for n in notes if note_kinds(n) & set(REFERENT_KINDS))


_QUOTED = re.compile(r"[\u201c\"][^\u201d\"]*[\u201d\"]")


def dropped_attribution(item, facts) -> bool:
    """True when a text item's source sentence credits its claim to someone ("…, Pence said", "according to
    police") and the item keeps none of the words that credit it (outside quotation marks)."""
    from retold.rewrite import compress as cz

    if item.kind != "text" or not item.sources:
        return False
    verbs = {
        t.lower_ for sid in item.sources for t in cz.credits(cz.sentence_tokens(facts, facts.sentences[sid]), set())
    }
    if not verbs:
        return False
    outside = _QUOTED.sub(" ", item.text).lower()
    return not any(re.search(rf"(?<![\w-]){re.escape(v)}(?![\w-])", outside) for v in verbs)


def lint_headline(draft, facts, lint: Lint) -> None:
    """The headline's part of the lint: its length, and its attribution when it is cut from a sentence."""
    headline = draft.headline
    if len(headline.text.split()) > HEADLINE_MAX_WORDS:
        lint.long_headlines.append(headline.text)
    if dropped_attribution(headline, facts):
        lint.unattributed.append(f"headline: {headline.text}")


def has_finite_verb(text: str) -> bool:
    """True when ``text`` has a finite verb (what a sentence needs to stand alone)."""
    from retold.analyze.nlp import load_nlp

    doc = load_nlp()(text)
    for token in doc:
        finite = token.tag_ in ("VBD", "VBZ", "VBP", "MD") or "Fin" in token.morph.get("VerbForm")
        # the small model tags some past tenses VBN ("The number of cases increased by …"): a subject settles it
        subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)
        if token.pos_ in ("VERB", "AUX") and (finite or (token.tag_ == "VBN" and subject)):
            return True
    return False


def dangling_opener(text: str, before: str = "") -> bool:
    """True when an item opens with a pronoun, a demonstrative or "the report"-like phrase named nowhere ``before``."""
    text = text.lstrip("\"'\u201c\u2018([")
    if DANGLING.match(text):
        return not EXPLETIVE.match(text) and not TIME_DEMONSTRATIVE.match(text)
    match = DEFINITE.match(text)
    if match is None or match.group("next").lower() in QUALIFIERS:
        return False
    return match.group("noun").lower().rstrip("s") not in before.lower()


def lint_draft(draft, facts) -> Lint:
    """The editor's lint of one draft against the facts of its article."""
    lint = Lint()
    headline = draft.headline.text
    lint_headline(draft, facts, lint)
    told: list[str] = []
    for section in draft.sections:
        for item in section.items:
            if section.key == "go-deeper":
                continue
            if item.kind == "text":
                if not has_finite_verb(item.text):
                    lint.fragments.append(item.text)
                if dangling_opener(item.text, "\n".join([headline, *told])):
                    lint.dangling.append(item.text)
                if dropped_attribution(item, facts):
                    lint.unattributed.append(item.text)
            told.append(f"{item.label} {item.text}" if item.kind in ("event", "person") and item.label else item.text)
            if item.kind == "quote" and item.label:
                told[-1] = f"{item.text} {item.label}"
    if draft.report is not None:
        lint.errors.extend(f"{f.kind}: {f.text!r} {f.message}" for f in draft.report.findings if f.severity == "error")
    lint_whos_who(draft, lint)
    lint_not_story(draft, lint)
    lint_audit(draft, lint)
    lint.bare_surnames.extend(bare_surname_first_mentions("\n".join(told), facts))
    return lint


def bare_surname_first_mentions(text: str, facts) -> list[str]:
    """People whose first mention in ``text`` is their surname alone though the article gives the full name.

    ``text`` is the explainer's items in reading order (the headline, which may name people by surname
    as headlines do, is not part of it). A surname counts as bare when no capitalised word runs into
    it ("Michael Bloomberg", "Ashford Dunwoody Drive") other than an honorific ("Ms Truss").
    """
    found: list[str] = []
    for entity in facts.entities:
        parts = entity.name.split()
        if entity.label != "PERSON" or len(parts) < 2 or not all(p[:1].isupper() for p in parts):
            continue
        if parts[0].lower() in ("another", "the", "a", "an", "this", "that", "every", "each"):
            continue  # "Another Cork": the tagger's misreading, not a person's name
        surname = parts[-1]
        for match in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
            before = text[: match.start()].rstrip(" ")
            last = before.split()[-1] if before.split() and before.endswith(before.split()[-1]) else ""
            last = last.lstrip("\u201c\u2018\"'(")  # "“Mini Mike”": the name opens inside the quotation mark
            if last and last[:1].isupper() and last.rstrip(".") not in ("Mr", "Mrs", "Ms", "Miss", "Dr", "Prof"):
                if last in parts:
                    break  # named in full first
                continue  # part of another name
            following = text[match.end() :].lstrip(" ")
            if following[:1].isupper() and not following.startswith(("I ", "I'")):
                continue  # "Cleckley Street": a longer name
            found.append(f"{surname} (the article: {entity.name})")
            break
    return found


# --------------------------------------------------------------------------- run


def run(only: str | None = None, styles: tuple[str, ...] = STYLES, show: bool = False) -> dict:
    import trafilatura

    import retold
    from retold.render import draft_text
    from retold.types import Options

    pages = [p for p in load_pages() if only is None or only in p["file"]]
    ours, theirs = Tally(), Tally()
    refused_right, refused_wrong, missed = [], [], []
    lint_by_style: dict[str, Lint] = {s: Lint() for s in styles}
    rows: list[dict] = []
    seconds: list[float] = []
    decisions: list[dict] = []
    for page in pages:
        html = page_html(page)
        article = retold_article(page)
        decisions.append(gate_decision(page, article))
        if page["kind"] != "article":
            (refused_right if isinstance(article, str) else missed).append(
                f"{page['file']}: {article if isinstance(article, str) else 'not refused'}"
            )
            continue
        theirs.add(trafilatura.extract(html, url=page["url"]) or "", page)
        if isinstance(article, str):
            refused_wrong.append(f"{page['file']}: {article}")
            ours.add("", page)
            continue
        ours.add(f"{article.title or ''}\n{article.text}", page)  # the title is part of what retold extracts
        start = time.perf_counter()
        facts = retold.analyze(article)
        row: dict = {"page": page["file"], "title": article.title, "byline": article.byline}
        for style in styles:
            options = Options(words=40) if style == "brief-40" else Options()
            draft = retold.rewrite(facts, style="brief" if style == "brief-40" else style, options=options)
            lint = lint_draft(draft, facts)
            merged = lint_by_style[style]
            for name in LINT_FIELDS:
                getattr(merged, name).extend(f"{page['file']}: {x}" for x in getattr(lint, name))
            row[style] = lint.counts()
            if show:
                print(f"\n=== {page['file']} [{style}] ===\n{draft_text(draft)}")
                for note in draft.notes:
                    print(f"  note: {note}")
        seconds.append(time.perf_counter() - start)
        rows.append(row)
    result = {
        "pages": len(pages),
        "articles": sum(p["kind"] == "article" for p in pages),
        "extraction": {"retold": ours.figures(), "trafilatura": theirs.figures()},
        "non_articles": {
            "total": len(refused_right) + len(missed),
            "refused": len(refused_right),
            "missed": missed,
            "reasons": refused_right,
        },
        "articles_refused": refused_wrong,
        "decisions": decisions,
        "lint": {
            s: {**lint.counts(), "items": {k: v for k, v in vars(lint).items() if v}}
            for s, lint in lint_by_style.items()
        },
        "median_seconds_per_article": round(statistics.median(seconds), 3) if seconds else None,
        "rows": rows,
    }
    return result


def gate_figures(result: dict) -> dict[str, float]:
    """The figures bench/baseline.json pins, by dotted name."""
    figures: dict[str, float] = {
        "pages.extraction.precision": result["extraction"]["retold"]["precision"],
        "pages.extraction.recall": result["extraction"]["retold"]["recall"],
        "pages.extraction.precision_minus_trafilatura": round(
            result["extraction"]["retold"]["precision"] - result["extraction"]["trafilatura"]["precision"], 4
        ),
        "pages.extraction.recall_minus_trafilatura": round(
            result["extraction"]["retold"]["recall"] - result["extraction"]["trafilatura"]["recall"], 4
        ),
        "pages.non_articles.refused_share": result["non_articles"]["refused"] / max(1, result["non_articles"]["total"]),
        "pages.articles_refused": len(result["articles_refused"]),
        "pages.non_articles.refused_or_warned_share": sum(
            d["decision"] != "rewritten" for d in result["decisions"] if d["kind"] != "article"
        )
        / max(1, sum(d["kind"] != "article" for d in result["decisions"])),
        "pages.articles_warned": sum(d["decision"] == "warned" for d in result["decisions"] if d["kind"] == "article"),
    }
    for style, counts in result["lint"].items():
        for name in (
            "fragments",
            "dangling_openers",
            "bare_surname_first_mentions",
            "long_headlines",
            "dropped_attributions",
            "selfcheck_errors",
            "caption_or_citation_items",
            "whos_who_repeats",
            "whos_who_untold",
            "audit_mended",
            "audit_wrong_referents",
        ):
            figures[f"pages.lint.{style}.{name}"] = counts[name]
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gate", action="store_true", help="exit 1 when a figure falls short of bench/baseline.json")
    parser.add_argument("--only", metavar="NAME", help="only pages whose file name contains NAME")
    parser.add_argument("--show", action="store_true", help="print every explainer")
    parser.add_argument(
        "--styles", default=",".join(STYLES + ("brief-40",)), help="styles to lint (brief-40: brief --words 40)"
    )
    parser.add_argument("--json", metavar="PATH", help="write the figures as JSON")
    parser.add_argument(
        "--decisions", action="store_true", help="print the gate's decision and signals per page (Markdown)"
    )
    args = parser.parse_args()
    result = run(args.only, tuple(args.styles.split(",")), args.show)
    ex = result["extraction"]
    print(
        f"extraction on {result['articles']} article pages: retold P {ex['retold']['precision']:.3f} "
        f"R {ex['retold']['recall']:.3f} F1 {ex['retold']['f1']:.3f} · trafilatura.extract "
        f"P {ex['trafilatura']['precision']:.3f} R {ex['trafilatura']['recall']:.3f} F1 {ex['trafilatura']['f1']:.3f}"
    )
    na = result["non_articles"]
    print(
        f"non-articles refused: {na['refused']}/{na['total']}; article pages refused: {len(result['articles_refused'])}"
    )
    for line in na["reasons"]:
        print(f"  refused {line}")
    for line in na["missed"] + result["articles_refused"]:
        print(f"  WRONG {line}")
    for style, lint in result["lint"].items():
        counts = {k: v for k, v in lint.items() if k != "items"}
        print(f"lint [{style}]: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        for kind, items in lint["items"].items():
            for item in items:
                print(f"  {kind}: {item}")
    print(f"median {result['median_seconds_per_article']} s per article (analyze + every style rewritten and checked)")
    if args.decisions:
        print("\n| page | kind | decision | signals |\n|---|---|---|---|")
        for d in result["decisions"]:
            print(f"| {d['page']} | {d['kind']} | {d['decision']} | {', '.join(d['signals'])} |")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    if not args.gate:
        return 0
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    figures = gate_figures(result)
    failed = [
        f"{name} {figures[name]} < {floor}"
        for name, floor in baseline["minimums"].items()
        if name in figures and figures[name] < floor
    ] + [
        f"{name} {figures[name]} > {ceiling}"
        for name, ceiling in baseline["maximums"].items()
        if name in figures and figures[name] > ceiling
    ]
    for line in failed:
        print(f"GATE FAILED: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
