"""The message of the size cap, shared by every way an input is read (files, stdin, downloads)."""

from __future__ import annotations


def too_large(origin: str, max_bytes: int) -> str:
    return f"{'stdin' if origin == '-' else origin} is larger than {max_bytes:,} bytes: pass --max-bytes N to raise it"
