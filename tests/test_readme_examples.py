"""tests/readme_examples.py holds the README's Python examples word for word, so `make lint` type-checks what
the README shows (mypy would otherwise never see it)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_examples_file_holds_every_python_block_of_the_readme_in_order():
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    examples = (ROOT / "tests" / "readme_examples.py").read_text(encoding="utf-8")
    assert blocks, "the README has no Python example"
    at = 0
    for number, block in enumerate(blocks, 1):
        found = examples.find(block, at)
        assert found >= 0, f"README Python example {number} is not in tests/readme_examples.py as written:\n{block}"
        at = found + len(block)
