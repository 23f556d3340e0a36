"""The hash-pinned locks agree with each other and with pyproject.toml.

`make ray` installs requirements-ray.lock over the dev set with --no-deps, so a version that differed
from requirements-dev.lock would silently replace what the test suite ran with.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+) \\$")


def pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text(encoding="utf-8")
    found = {}
    lines = text.splitlines()
    for i, line in enumerate(lines):
        match = PIN.match(line)
        if match:
            assert lines[i + 1].strip().startswith("--hash=sha256:"), f"{name}: {match[1]} has no hash"
            found[match[1].lower().replace("_", "-")] = match[2]
    return found


def test_each_lock_extends_the_one_below_with_the_same_versions():
    base, dev, ray = pins("requirements.lock"), pins("requirements-dev.lock"), pins("requirements-ray.lock")
    for lower, upper, names in ((base, dev, "requirements.lock < requirements-dev.lock"),
                                (dev, ray, "requirements-dev.lock < requirements-ray.lock")):
        changed = {k: (v, upper.get(k)) for k, v in lower.items() if upper.get(k) != v}
        assert not changed, f"{names}: versions differ {changed}"


def test_the_ray_lock_holds_the_ray_extra_at_its_pinned_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (spec,) = project["project"]["optional-dependencies"]["ray"]
    name, version = spec.split("==")
    assert pins("requirements-ray.lock")[name] == version
    assert name not in pins("requirements-dev.lock")
