"""The command line's argument types: numbers, seconds and dates checked at parse time, each with a one-line
message that says what is accepted (argparse turns it into the usage error, exit 2)."""

from __future__ import annotations

import argparse
import datetime as dt

INT64_MAX = 2**63 - 1  # the largest whole number SQLite and the C libraries below take


def whole_number(value: str, low: int = 1, high: int = INT64_MAX) -> int:
    """An argparse type: a whole number from ``low`` to ``high``."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < low:
        raise argparse.ArgumentTypeError(f"{value!r} must be {'greater than 0' if low == 1 else f'at least {low}'}")
    if number > high:
        raise argparse.ArgumentTypeError(f"{value!r} must be at most {high}")
    return number


def seconds(value: str) -> float:
    """An argparse type: a finite number of seconds above 0 and at most a day (not ``nan``, ``inf`` or ``-1``)."""
    from retold.ingest.read import MAX_TIMEOUT

    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not (0 < number <= MAX_TIMEOUT):  # also false for nan
        raise argparse.ArgumentTypeError(f"{value!r} must be a number of seconds above 0 and at most {MAX_TIMEOUT:g}")
    return number


def positive_int(value: str) -> int:
    """An argparse type: a whole number above 0 (and at most :data:`INT64_MAX`)."""
    return whole_number(value)


def worker_count(value: str) -> int:
    """Workers: 1 to 1024 (more is a typo; each one is a process or a thread)."""
    return whole_number(value, 1, 1024)


def word_count(value: str) -> int:
    """A length in words: 1 to a million."""
    return whole_number(value, 1, 1_000_000)


def repair_rounds(value: str) -> int:
    """Rounds an item goes back to the model: 0 to 100."""
    return whole_number(value, 0, 100)


def port_number(value: str) -> int:
    """A TCP port: 0 (any free one) to 65535."""
    return whole_number(value, 0, 65535)


def iso_date(value: str) -> dt.date:
    """An argparse type: a YYYY-MM-DD date."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: use YYYY-MM-DD, e.g. 2026-11-30") from None
