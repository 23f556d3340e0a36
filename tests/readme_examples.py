"""The README's Python examples, as written there, for mypy (`make lint`); tests/test_readme_examples.py keeps
this file and the README in step. Not run: the first example reads a URL."""

# ruff: noqa: B018, E402  (as in the README: values shown as a session would, imports where they are used)
from __future__ import annotations

source_text = "Anna Berg, the mayor of Oslo, opened the bridge on 3 May 2024."
rewrite_text = "Anna Berg, the mayor of Oslo, opened the bridge on 4 May 2024."
html_text = "<html><body><article><p>Anna Berg, the mayor of Oslo, opened the bridge.</p></article></body></html>"

# --- README example 1
import retold

report = retold.check(source_text, rewrite_text)   # plain strings
report.verdict, report.score                       # "fail", 0.05
for finding in report.findings:
    print(finding.kind, finding.severity, finding.text, finding.message)
report.to_dict()                                   # the JSON contract above

article = retold.ingest("https://example.com/story.html")   # or a path, or "-"
page = retold.extract(html_text, url="https://example.com/story.html")  # a page already in memory
facts = retold.analyze(article)
draft = retold.rewrite(facts, style="explainer")   # checked: draft.report is its self-check
draft.report.verdict, draft.notes                  # "pass"; what the audit repaired or dropped, and why

# --- README example 2
from retold.pipeline import Settings, Source, run

result = run(Source(location="examples/nato-ukraine.txt"), Settings(style="brief", format="json"))
print(result.output)                               # what `retold rewrite … --style brief --format json` prints
result.report.verdict, result.render("md")         # its self-check; the same draft as Markdown
