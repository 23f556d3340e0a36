"""Adding a detector is one file and one line: the file's ``detect`` listed in ``DETECTORS`` is all the
checker needs, and every file under check/detectors/ is listed once."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path

import pytest

import retold
from retold.check import detectors

DETECTORS_DIR = Path(retold.__file__).resolve().parent / "check" / "detectors"

_NEW_DETECTOR = '''
from retold.check.context import CheckContext
from retold.types import Finding


def detect(ctx: CheckContext) -> list[Finding]:
    """Marks every "banana" the rewrite has and the source has not."""
    found = []
    text = ctx.rewrite.text
    at = text.find("banana")
    if at >= 0 and "banana" not in ctx.source.text:
        found.append(Finding("fruit", "error", at, at + 6, "banana", "a fruit the source never mentions"))
    return found
'''


def test_every_detector_file_is_listed_once() -> None:
    listed = [*detectors.DETECTORS, *detectors.SECOND_OPINIONS]
    modules = sorted(p.stem for p in DETECTORS_DIR.glob("*.py") if p.name != "__init__.py")
    for name in modules:
        module = importlib.import_module(f"retold.check.detectors.{name}")
        assert listed.count(module.detect) == 1, f"{name}.detect is not listed once in DETECTORS or SECOND_OPINIONS"
    assert len(listed) == len(modules)


def test_a_new_detector_is_a_file_and_a_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fruit.py"
    path.write_text(_NEW_DETECTOR, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("fruit_detector", path)
    assert spec is not None and spec.loader is not None
    fruit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fruit)
    # the one line: the new module's detect added to the tuple the checker runs
    monkeypatch.setattr(sys.modules["retold.check"], "DETECTORS", (*detectors.DETECTORS, fruit.detect))
    source = "The council opened the new library on Monday."
    report = retold.check(source, "The council opened the new library on Monday with a banana.")
    fruit_findings = [f for f in report.findings if f.kind == "fruit"]
    assert [(f.text, f.severity) for f in fruit_findings] == [("banana", "error")]
    assert report.verdict == "fail" and report.summary["by_kind"]["fruit"] == 1
    assert retold.check(source, source).verdict == "pass"
