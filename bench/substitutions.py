"""Every name the builtin rewriter put in place of a source pronoun, with the source sentence, on the 42 pages.

    python bench/substitutions.py [--styles explainer,brief,summary,thread,newsletter] > docs/substitutions.txt

For each page retold takes for an article: how many pronouns and bare surnames the resolver links with
certainty and how many it abstains on; then, per style, every item that opens where its source sentence
opens on a pronoun, printed with that sentence, for an editor to read. The last line sums it up.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from bench.pages import load_pages, retold_article  # noqa: E402

PRONOUNS = {"he", "she", "his", "her", "they", "their"}
READ = {"he", "she", "his", "her", "him", "it", "its"}
COMPANY = {"company", "firm"}
STYLES = ("explainer", "brief", "summary", "thread", "newsletter")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], epilog="example: python bench/substitutions.py --styles explainer"
    )
    parser.add_argument("--styles", default=",".join(STYLES), help="comma-separated styles")
    args = parser.parse_args(argv)
    import retold
    from retold.analyze import analyze

    substitutions = 0
    kinds: dict[str, list[int]] = {}
    referent: dict[str, int] = {}
    for page in load_pages():
        article = retold_article(page)
        if isinstance(article, str):
            continue
        facts = analyze(article)
        for tok in facts.doc:  # every third-person pronoun of the narration, linked or not
            word = tok.lower_
            if word in READ and (tok.pos_ == "PRON" or tok.tag_ == "PRP$"):
                kind = "it/its" if word in ("it", "its") else "he/she/his/her/him"
                tally = kinds.setdefault(kind, [0, 0])
                tally[0] += 1
                tally[1] += facts.referents.resolve(tok.idx) is not None
        for entity in facts.entities:  # every one-word mention of a person: a bare surname (or first name)
            for m in entity.mentions if entity.label == "PERSON" else ():
                if len(m.text.split()) == 1:
                    tally = kinds.setdefault("bare surname", [0, 0])
                    tally[0] += 1
                    tally[1] += facts.referents.resolve(m.start) is not None
        for tok in facts.doc:  # "the company", "the firm": a description of an organisation
            if tok.lower_ == "the" and tok.i + 1 < len(facts.doc) and facts.doc[tok.i + 1].lower_ in COMPANY:
                tally = kinds.setdefault("the company/firm", [0, 0])
                tally[0] += 1
                tally[1] += facts.referents.resolve(tok.idx) is not None
        for style in args.styles.split(","):
            draft = retold.rewrite(facts, style=style)
            for finding in draft.report.findings if draft.report is not None else ():
                if finding.kind == "referent":  # the checker's own reading of who each name is
                    referent[finding.severity] = referent.get(finding.severity, 0) + 1
                    print(f"{page['file']} [{style}] self-check {finding.severity}: {finding.message}")
            for section in draft.sections:
                for item in section.items:
                    if len(item.sources) != 1:
                        continue
                    sentence = facts.sentences[item.sources[0]]
                    first = sentence.text.split()[0].strip("\u201c\"'") if sentence.text.split() else ""
                    said = item.text.split()[0].strip("\u201c\"'") if item.text.split() else ""
                    rest = " ".join(sentence.text.split()[1:4])
                    if first.lower() in PRONOUNS and said.lower() != first.lower() and rest in item.text:
                        substitutions += 1
                        before = facts.sentences[sentence.id - 1].text if sentence.id else ""
                        print(
                            f"{page['file']} [{style}] {item.text[:160]}\n    source: {before[-220:]} | "
                            f"{sentence.text[:160]}"
                        )
    for kind, (seen, linked) in sorted(kinds.items()):
        print(
            f"resolver, {kind}: {seen} on the pages, {linked} certain, {seen - linked} abstained "
            f"({(seen - linked) / max(seen, 1):.0%})"
        )
    print(
        f"self-check of every style: referent errors {referent.get('error', 0)}, warnings {referent.get('warning', 0)}"
    )
    print(f"substitutions: {substitutions} items")
    return 0


if __name__ == "__main__":
    sys.exit(main())
