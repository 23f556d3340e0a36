"""`retold batch --executor ray` on a local Ray instance: the same outputs and store rows as local workers.

Skipped unless Ray is installed (`pip install -e '.[ray]'`); `.ci/run` installs it and runs this test.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

pytest.importorskip("ray")

ARTICLES = {
    "nato": "Ukraine's foreign minister Andriy Sybiha met his Lithuanian counterpart Gabrielius Landsbergis in "
    "Brussels on Tuesday.\n\nIn September 2022 Kyiv submitted an application to join the alliance, Sybiha said.\n",
    "leeds": "The city council of Leeds approved a budget of 12 million pounds for new bus lanes on Monday.\n\n"
    "Council leader James Lewis said the work would start in March and take two years.\n",
    "empty": "  \n",
}


def test_batch_on_local_ray(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text)
    out, db = tmp_path / "out", tmp_path / "s.db"
    env = {**os.environ, "NO_COLOR": "1", "RAY_DISABLE_USAGE_STATS": "1"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "retold.cli",
            "batch",
            str(folder),
            "--out",
            str(out),
            "--db",
            str(db),
            "--executor",
            "ray",
            "--workers",
            "2",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr  # the empty article failed; the others did not
    assert sorted(p.name for p in out.glob("*.json")) == ["leeds.json", "nato.json"]
    assert json.loads((out / "nato.json").read_text())["report"]["verdict"] == "pass"
    summary = json.loads((out / "_retold" / "summary.json").read_text())
    assert (summary["done"], summary["failed"]) == (2, 1) and summary["failures"][0]["name"] == "empty"
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM runs").fetchone()[0] == 2
