"""A fast start: the commands that need no model import neither spaCy nor the stages that use it."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "nato-ukraine.txt"
HEAVY = ("spacy", "thinc", "httpx", "trafilatura", "retold.analyze", "retold.check", "rich.progress")

PROBE = """
import contextlib, io, json, sys
from retold.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(json.loads(sys.argv[1]))
    except SystemExit:
        pass
# a stage package is registered in sys.modules when retold is imported, and executed only on first use
loaded = [m for m in json.loads(sys.argv[2]) if m in sys.modules and type(sys.modules[m]).__name__ != "_LazyModule"]
print(json.dumps(sorted(loaded)))
"""


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["styles"], ["history"], ["show", "1"], ["extract", str(EXAMPLE)], ["batch", "--help"]],
    ids=["help", "styles", "history", "show", "extract", "batch-help"],
)
def test_command_imports_nothing_heavy(argv):
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(argv), json.dumps(HEAVY)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def test_stage_names_stay_functions_after_their_modules_load():
    import types

    import retold
    import retold.check.align  # a module of the stage package retold.check
    from retold.check import align

    for name in ("analyze", "check", "extract", "ingest", "rewrite"):
        assert isinstance(getattr(retold, name), types.FunctionType), name
    assert isinstance(sys.modules["retold.check"], types.ModuleType) and not callable(sys.modules["retold.check"])
    assert sys.modules["retold.check"].align is align  # the package's modules stay reachable through sys.modules
    assert "source" in str(inspect.signature(retold.check)) and retold.Report.__name__ == "Report"
    assert retold.check("Anna Berg opened the bridge.", "Anna Berg opened the bridge.").verdict == "pass"
    with pytest.raises(AttributeError):
        retold.no_such_name  # noqa: B018


LIGHT_SPACY = """
import json, sys
from retold.analyze.nlp import load_nlp
nlp = load_nlp()
doc = nlp("(CNN)Hillary Clinton said on Monday that the U.S. didn't cut taxes in New York.")
command_line = sorted(m for m in ("spacy.cli", "typer", "weasel", "jinja2", "requests", "rich") if m in sys.modules)
import spacy
info = spacy.info()  # spaCy's own helper still works: it imports the command line now
import spacy.cli
from spacy.cli.info import info as real_info
print(json.dumps({
    "command_line_before": command_line,
    "pipes": nlp.pipe_names,
    "tokens": [t.text for t in doc],
    "tags": [t.tag_ for t in doc], "deps": [t.dep_ for t in doc], "lemmas": [t.lemma_ for t in doc],
    "ents": [[e.text, e.label_] for e in doc.ents],
    "info": sorted(info)[:3],
    "cli_is_real": spacy.cli.info is real_info and real_info.__module__ == "spacy.cli.info",
}))
"""


def test_spacy_loads_without_its_command_line_and_still_works_fully():
    result = subprocess.run([sys.executable, "-c", LIGHT_SPACY], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["command_line_before"] == []  # neither spaCy's CLI nor what it drags in was imported to parse
    assert out["pipes"] == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
    assert out["tokens"][:4] == ["(", "CNN", ")", "Hillary"]  # the dateline rule
    assert "U.S." in out["tokens"] and "did" in out["tokens"] and "n't" in out["tokens"]  # special cases
    assert out["lemmas"][out["tokens"].index("said")] == "say" and "nsubj" in out["deps"]
    assert ["Hillary Clinton", "PERSON"] in out["ents"] and ["New York", "GPE"] in out["ents"]
    assert out["info"] == ["location", "pipelines", "platform"]
    assert out["cli_is_real"]


def test_the_tokenizer_read_in_one_pass_is_spacys_own_plus_the_dateline_rule():
    import spacy

    from retold.analyze.nlp import _CLOSE_BEFORE_WORD, MODEL_PACKAGE, load_nlp

    ours = load_nlp()
    theirs = spacy.load(MODEL_PACKAGE, exclude=["senter"])  # spaCy's own way, then the rule set after
    theirs.tokenizer.infix_finditer = spacy.util.compile_infix_regex(
        [*theirs.Defaults.infixes, _CLOSE_BEFORE_WORD]
    ).finditer
    a, b = ours.tokenizer, theirs.tokenizer
    assert a.rules == b.rules and len(a.rules) > 1000
    for attr in ("prefix_search", "suffix_search", "infix_finditer", "url_match"):
        assert getattr(a, attr).__self__.pattern == getattr(b, attr).__self__.pattern, attr
    assert a.token_match == b.token_match and a.faster_heuristics == b.faster_heuristics
    text = EXAMPLE.read_text(encoding="utf-8")[:3000] + " (AP)Officials can't e.g. N.Y.C. ma'am :) http://x.org/a?b=1"
    # norms come from the vocabulary, which must be read before the special cases, as in spaCy's own reload
    assert [(t.text, t.norm_, t.lemma_, t.tag_, t.dep_, t.ent_type_) for t in ours(text)] == [
        (t.text, t.norm_, t.lemma_, t.tag_, t.dep_, t.ent_type_) for t in theirs(text)
    ]


def test_the_program_prints_what_main_returns_in_process(tmp_path):
    # run as the program, main() also freezes the garbage collector before the interpreter exits: same output
    faithful = EXAMPLE.parent.parent / "tests" / "data" / "rewrites" / "nato-faithful.md"
    argv = ["check", str(EXAMPLE), str(faithful), "--no-store", "--format", "json"]
    program = subprocess.run(
        [sys.executable, "-m", "retold.cli", *argv], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    in_process = subprocess.run(
        [sys.executable, "-c", "import sys; from retold.cli import main; sys.exit(main(sys.argv[1:]))", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert program.returncode == in_process.returncode == 0, program.stderr
    assert program.stdout == in_process.stdout and json.loads(program.stdout)["verdict"] == "pass"
