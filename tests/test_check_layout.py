"""check/ stays easy to extend: detectors are leaves over the shared matching layer, packages are importable."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import retold
from retold.check import check_context, run_detectors, unsettled

DETECTORS = Path(retold.__file__).resolve().parent / "check" / "detectors"


def test_no_detector_imports_another() -> None:
    for path in DETECTORS.glob("*.py"):
        if path.name == "__init__.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [m for m in imported if m.startswith("retold.check.detectors")], path.name


def test_stage_packages_are_importable_beside_the_stage_functions() -> None:
    align = importlib.import_module("retold.check.align")
    assert callable(align.align)
    import retold.check.align  # a plain import of a stage module keeps retold.check the function
    from retold.check import align as again

    assert again is align
    assert retold.check("The cat sat on the mat.", "The cat sat on the mat.").verdict == "pass"


def test_unsettled_lists_a_reworded_sentence_with_its_support() -> None:
    source = "The minister opened the new bridge on Monday. Traffic was light in the morning."
    rewrite = "The minister opened the new bridge. Critics say the bridge will never pay for itself."
    ctx = check_context(source, rewrite)
    open_ones = unsettled(ctx, run_detectors(ctx))
    assert [u.text for u in open_ones] == ["Critics say the bridge will never pay for itself."]
    assert open_ones[0].support and open_ones[0].support[0].sentence == 0
