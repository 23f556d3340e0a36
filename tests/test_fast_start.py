"""A fast start: the commands that need no model import neither spaCy nor the stages that use it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import inspect

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
print(json.dumps(sorted(m for m in json.loads(sys.argv[2]) if m in sys.modules)))
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
    import retold
    from retold.check import align  # noqa: F401  (binds the package retold.check, made callable)

    assert callable(retold.check) and callable(retold.ingest) and callable(retold.analyze)
    assert retold.check.align is align  # the package's modules stay reachable through it
    assert "source" in str(inspect.signature(retold.check)) and retold.Report.__name__ == "Report"
    with pytest.raises(AttributeError):
        retold.no_such_name  # noqa: B018
