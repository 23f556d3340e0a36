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
STYLES = ("explainer", "brief", "summary", "thread", "newsletter")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     epilog="example: python bench/substitutions.py --styles explainer")
    parser.add_argument("--styles", default=",".join(STYLES), help="comma-separated styles")
    args = parser.parse_args(argv)
    import retold
    from retold.analyze import analyze

    links = certain = substitutions = 0
    for page in load_pages():
        article = retold_article(page)
        if isinstance(article, str):
            continue
        facts = analyze(article)
        for link in facts.referents:
            if link.rule == "surname" or link.text.lower() in PRONOUNS or link.rule == "description":
                links += 1
                certain += link.certain
        for style in args.styles.split(","):
            draft = retold.rewrite(facts, style=style)
            for section in draft.sections:
                for item in section.items:
                    if len(item.sources) != 1:
                        continue
                    sentence = facts.sentences[item.sources[0]]
                    first = sentence.text.split()[0].strip("\u201c\"'") if sentence.text.split() else ""
                    said = item.text.split()[0].strip("\u201c\"'") if item.text.split() else ""
                    if first.lower() in PRONOUNS and said.lower() != first.lower():
                        substitutions += 1
                        print(f"{page['file']} [{style}] {item.text[:160]}\n    source: {sentence.text[:200]}")
    abstained = links - certain
    print(f"substitutions: {substitutions} items; resolver on the pages: {links} pronoun/surname/description "
          f"links, {certain} certain, {abstained} abstained ({abstained / max(links, 1):.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
