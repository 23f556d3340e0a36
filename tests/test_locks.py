"""The hash-pinned locks agree with each other and with pyproject.toml.

`make ray` installs requirements-ray.lock over the dev set with --no-deps, so a version that differed
from requirements-dev.lock would silently replace what the test suite ran with.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

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
    for lower, upper, names in (
        (base, dev, "requirements.lock < requirements-dev.lock"),
        (dev, ray, "requirements-dev.lock < requirements-ray.lock"),
    ):
        changed = {k: (v, upper.get(k)) for k, v in lower.items() if upper.get(k) != v}
        assert not changed, f"{names}: versions differ {changed}"


def extra(name: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [Requirement(spec) for spec in project["project"]["optional-dependencies"][name]]


def test_the_ray_lock_holds_the_ray_extra_within_its_range():
    (spec,) = extra("ray")
    assert spec.specifier.contains(pins("requirements-ray.lock")[spec.name])
    assert spec.name not in pins("requirements-dev.lock")


def test_every_requirement_is_a_range_the_locks_satisfy():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    ray = pins("requirements-ray.lock")
    specs = [Requirement(s) for s in project["project"]["dependencies"]]
    specs += [r for group in ("llm", "serve", "feeds", "ray", "dev") for r in extra(group)]
    for spec in specs:
        assert str(spec.specifier), f"{spec.name}: give a version range"
        assert spec.specifier.contains(ray[spec.name.lower()]), f"{spec.name} {ray[spec.name.lower()]} outside {spec}"


def test_the_base_lock_leaves_the_extras_out_and_the_dev_lock_holds_them():
    base, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    for group in ("llm", "serve", "feeds"):
        for spec in extra(group):
            assert spec.name in dev, (
                f"{spec.name} (retold[{group}]) is missing from requirements-dev.lock: tests need it"
            )
    for name in ("openai", "fastapi", "uvicorn", "feedparser"):
        assert name not in base, f"{name} is an extra's: `pip install retold` must not need it"
