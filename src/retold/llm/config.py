"""LLM settings: command-line flags, then ``RETOLD_*`` environment variables, then the config file, then defaults.

The config file is ``config.toml`` in the user config dir (``retold config-path`` style lookup:
platformdirs' ``user_config_dir("retold")``, or ``RETOLD_CONFIG``), with an ``[llm]`` table::

    [llm]
    model = "llama3.2"
    base_url = "http://localhost:11434/v1"
    timeout = 600       # seconds per request (a local model on a CPU takes minutes); one more try after as long again
    retries = 3         # extra tries on 429, 5xx, timeouts and dropped connections
    repair = 2          # rounds an item with an error goes back to the model
    stream = false      # read answers as server-sent events
    json_mode = true    # ask for response_format json_object (turned off by itself when refused)
    cache = true        # answers cached in the store (--db, RETOLD_DB or the user data dir; none with --no-store)
    log = "answers.log" # the model's raw answers appended here ("-": stderr, what --verbose does)

The key comes from ``--api-key``, ``RETOLD_API_KEY`` or ``OPENAI_API_KEY`` (never from the file). A local
server needs none: a placeholder is sent.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from retold.errors import EngineError

CONFIG_ENV = "RETOLD_CONFIG"
PLACEHOLDER_KEY = "no-key-needed"
DEFAULT_BASE_URL = "https://api.openai.com/v1"


@dataclass(frozen=True, slots=True)
class LLMSettings:
    """Everything the LLM client and engine need; see the module docstring for where each comes from."""

    model: str | None = None
    base_url: str = DEFAULT_BASE_URL
    api_key: str | None = None
    timeout: float = 600.0  # a 2,000-token prompt on a small local model on 2 CPU cores takes 1-4 minutes
    retries: int = 3
    repair: int = 2
    stream: bool = False
    json_mode: bool = True
    cache: bool = True
    temperature: float = 0.2
    max_tokens: int = 2048
    db: str | None = None  # the store file holding the answer cache; None: the store's default
    log: str | None = None  # where the model's raw answers go: a file, "-" for stderr, None for nowhere

    @property
    def key(self) -> str:
        return self.api_key or PLACEHOLDER_KEY

    def require_model(self) -> str:
        if not self.model:
            raise EngineError(
                "No model given for the llm engine: pass --model NAME (or set RETOLD_MODEL, or model in "
                f"[llm] of {config_path()})."
            )
        return self.model


_KINDS = {
    "model": str,
    "base_url": str,
    "api_key": str,
    "timeout": float,
    "retries": int,
    "repair": int,
    "stream": bool,
    "json_mode": bool,
    "cache": bool,
    "temperature": float,
    "max_tokens": int,
    "db": str,
    "log": str,
}


def config_path() -> Path:
    """The config file: ``RETOLD_CONFIG``, else ``config.toml`` in the user config dir."""
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("retold", appauthor=False)) / "config.toml"


def _coerce(name: str, value: Any, where: str) -> Any:
    kind = _KINDS[name]
    try:
        if kind is bool:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off"):
                return False
            raise ValueError(value)
        if kind is int:
            if isinstance(value, bool) or int(value) < 0:
                raise ValueError(value)
            return int(value)
        if kind is float:
            number = float(value)
            if number < 0:
                raise ValueError(value)
            return number
        return str(value)
    except (TypeError, ValueError):
        raise EngineError(f"{where}: {name} = {value!r} is not a valid {kind.__name__}: fix it or remove it.") from None


def _from_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise EngineError(f"Cannot read the config file {path} ({exc}): fix it or move it away.") from None
    table = data.get("llm", {})
    if not isinstance(table, dict):
        raise EngineError(f"{path}: [llm] must be a table: fix the config file.")
    out = {}
    for name, value in table.items():
        if name == "api_key":
            raise EngineError(f"{path}: keep the API key out of the config file: set RETOLD_API_KEY or OPENAI_API_KEY.")
        if name not in _KINDS:
            raise EngineError(f"{path}: unknown setting {name!r} in [llm]: known are {', '.join(sorted(_KINDS))}.")
        out[name] = _coerce(name, value, str(path))
    return out


def _from_env(environ: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if environ.get("OPENAI_API_KEY"):
        out["api_key"] = environ["OPENAI_API_KEY"]
    if environ.get("OPENAI_BASE_URL"):
        out["base_url"] = environ["OPENAI_BASE_URL"]
    for name in _KINDS:
        value = environ.get(f"RETOLD_{name.upper()}")
        if value not in (None, "") and not (name == "db"):  # RETOLD_DB is the store's own setting
            out[name] = _coerce(name, value, f"RETOLD_{name.upper()}")
    return out


def load_settings(flags: dict[str, Any] | None = None, *, environ: dict[str, str] | None = None) -> LLMSettings:
    """Settings with precedence flags > ``RETOLD_*`` (then ``OPENAI_*``) env > config file > defaults.

    ``flags`` holds the command-line values; a ``None`` value means the flag was not given.
    """
    env = dict(os.environ if environ is None else environ)
    merged: dict[str, Any] = {}
    merged.update(_from_file(config_path() if environ is None else _path_in(env)))
    merged.update(_from_env(env))
    for name, value in (flags or {}).items():
        if value is not None:
            merged[name] = _coerce(name, value, f"--{name.replace('_', '-')}")
    return LLMSettings(**merged)


def _path_in(env: dict[str, str]) -> Path:
    if env.get(CONFIG_ENV):
        return Path(env[CONFIG_ENV]).expanduser()
    return config_path()
