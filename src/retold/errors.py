"""Every error retold raises on purpose derives from :class:`RetoldError`.

    RetoldError
    ├── InputError        the input is missing, empty, binary, too large, undecodable or not an article
    │   └── FetchError    a URL could not be fetched (HTTP error, timeout, redirect loop, wrong type)
    │       └── PrivateAddressError  a URL (or a redirect) leads to a loopback, private or reserved address
    ├── OutputError       a result could not be written (a directory, no permission, a full or read-only disk)
    ├── ModelError        the spaCy model is not installed
    ├── EngineError       a rewrite engine is unknown or failed
    ├── StyleError        a rewrite style is unknown
    └── StoreError        the store (SQLite) cannot be opened or written

Each message says what went wrong and, where there is one, what to do about it.
Front ends print ``str(error)`` as one line and exit with code 2.
"""

from __future__ import annotations


class RetoldError(Exception):
    """Root of every error retold raises on purpose."""


class InputError(RetoldError):
    """The input cannot be read as an article."""


class FetchError(InputError):
    """A URL could not be fetched."""


class PrivateAddressError(FetchError):
    """A URL, or one of its redirects, resolves to an address the fetch may not reach without the opt-in."""


class OutputError(RetoldError):
    """A result could not be written where the user asked."""


class ModelError(RetoldError):
    """The language model retold needs is missing or broken."""


class EngineError(RetoldError):
    """A rewrite engine is unknown or failed."""


class StyleError(RetoldError):
    """A rewrite style is unknown."""


class StoreError(RetoldError):
    """The store cannot be opened or written."""
