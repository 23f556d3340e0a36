"""Every test runs with its own store: nothing is written to the user's data dir."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _own_store(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("RETOLD_DB", str(tmp_path_factory.mktemp("store") / "retold.sqlite3"))
