"""The LLM options of the command line (``--model``, ``--base-url``…), shared by ``rewrite``, ``check``
and ``batch``: each unset flag falls back to the RETOLD_* variables, then the config file."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from retold import cli_types

if TYPE_CHECKING:
    from retold.llm.judge import LLMJudge


def add_llm_options(parser: argparse.ArgumentParser) -> None:
    """--model, --base-url and friends; each unset flag falls back to RETOLD_* variables, then the config file."""
    group = parser.add_argument_group("LLM (with --engine llm or --judge llm; see README 'Using an LLM')")
    group.add_argument("--model", help="model name on the server (RETOLD_MODEL)")
    group.add_argument(
        "--base-url", help="OpenAI-compatible API root, e.g. http://localhost:11434/v1 (RETOLD_BASE_URL)"
    )
    group.add_argument(
        "--repair",
        type=cli_types.repair_rounds,
        metavar="N",
        help="rounds an item with an error goes back to the model (default 2)",
    )
    group.add_argument(
        "--llm-timeout",
        type=cli_types.seconds,
        metavar="S",
        help="seconds to wait for one answer (default 600, for a local model on a CPU); "
        "a request that times out is cancelled and tried once more after as long again",
    )
    group.add_argument(
        "--stream",
        action="store_true",
        default=None,
        help="read answers as they stream, showing tokens so far on a terminal (Ctrl-C cancels)",
    )
    group.add_argument("--no-cache", action="store_true", help="ask the model again even when its answer is cached")
    group.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="report calls, tokens and time, and the model's raw answers, on stderr",
    )
    group.add_argument("--log", metavar="FILE", help="append the model's raw answers to FILE (e.g. --log answers.log)")


def llm_flags(args: argparse.Namespace) -> dict[str, object]:
    return {
        "model": getattr(args, "model", None),
        "base_url": getattr(args, "base_url", None),
        "repair": getattr(args, "repair", None),
        "timeout": getattr(args, "llm_timeout", None),
        "stream": getattr(args, "stream", None),
        # the answer cache lives in the store: where --db puts it, and nowhere under --no-store (no trace)
        "cache": False if getattr(args, "no_cache", False) or getattr(args, "no_store", False) else None,
        "db": getattr(args, "db", None),
        "log": getattr(args, "log", None) or ("-" if getattr(args, "verbose", False) else None),
    }


def llm_extra(args: argparse.Namespace) -> tuple[tuple[str, str], ...]:
    """The LLM flags given on the command line, as the engine's ``Options.extra``."""
    return tuple((k, str(v)) for k, v in llm_flags(args).items() if v is not None)


def llm_judge(args: argparse.Namespace) -> LLMJudge | None:
    if getattr(args, "judge", "rules") != "llm":
        return None
    from retold.llm.client import LLMClient
    from retold.llm.config import load_settings
    from retold.llm.judge import LLMJudge

    settings = load_settings(llm_flags(args))
    settings.require_model()
    return LLMJudge(LLMClient(settings))


def say_llm_usage(stats: dict[str, Any] | None, verbose: bool) -> None:
    if not verbose or not stats or "usage" not in stats:
        return
    u = stats["usage"]
    repair = stats.get("repair", {})
    print(
        f"retold: llm: {u['calls']} call(s) ({u['cache_hits']} cached, {u['retries']} retried), "
        f"{u['prompt_tokens']} prompt + {u['completion_tokens']} completion tokens, {u['seconds']:.2f} s waiting"
        + (f"; repair: {repair['calls']} call(s), {repair['seconds']:.2f} s" if repair else "")
        + (f"; {stats['seconds']:.2f} s in all" if "seconds" in stats else ""),
        file=sys.stderr,
    )
