"""One chat-completion call at a time to any OpenAI-compatible server, with bounded retries and the answer cache.

Built on the official ``openai`` client (its own retries off: this module retries, so it can count
calls, honour ``Retry-After`` within a bound and say what to fix when it gives up). Tests and
embedders pass ``http_client`` (an ``httpx2.Client``, what openai 3.x speaks through) to reach a
loopback server or a mock transport.

A local model on a CPU takes minutes per answer, and a server such as llama.cpp's keeps working on a
request whose client went away. So a timeout closes the connection and the request is tried once more
only after waiting as long again (never two requests of ours on the server at once); Ctrl-C closes the
connection too. With ``stream`` the answer's progress (tokens so far) is shown on a terminal.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from retold.errors import EngineError
from retold.llm.config import LLMSettings

Message = dict[str, str]
MAX_BACKOFF = 8.0  # seconds between two tries, at most
MAX_RETRY_AFTER = 30.0  # a server asking for longer than this is not waited for
TIMEOUT_TRIES = 2  # a request that timed out is sent once more, at most, after waiting as long again
_CONTEXT_WORDS = (
    "context length",
    "context_length",
    "maximum context",
    "too many tokens",
    "context window",
    "exceeds the context",
    "prompt is too long",
    "n_ctx",
)


class ContextTooLong(EngineError):
    """The prompt does not fit the model's context window: shorten it and ask again."""


@dataclass(frozen=True, slots=True)
class Answer:
    """What the model said, and what asking cost."""

    text: str
    finish_reason: str | None = None
    refusal: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached: bool = False


@dataclass
class Usage:
    """Running totals over every call a client made."""

    calls: int = 0  # HTTP requests sent, retries included
    cache_hits: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    retries: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "calls": self.calls,
            "cache_hits": self.cache_hits,
            "retries": self.retries,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "seconds": round(self.seconds, 3),
        }


def cache_key(model: str, base_url: str, messages: Sequence[Message], params: dict[str, Any]) -> str:
    """sha256 of (model, base URL, prompt, parameters): the same question to the same server is asked once."""
    payload = json.dumps(
        {"model": model, "base_url": base_url.rstrip("/"), "messages": list(messages), "params": params},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass
class LLMClient:
    """A chat client for one model on one server; ``usage`` adds up what every call cost."""

    settings: LLMSettings
    http_client: Any = None  # an httpx2.Client; None: openai's own
    sleep: Callable[[float], None] = time.sleep
    usage: Usage = field(default_factory=Usage)
    progress: Callable[[int], None] | None = (
        None  # told the tokens so far of a streamed answer; None: stderr on a terminal
    )
    _openai: Any = None
    _store: Any = None
    _json_refused: bool = False

    @property
    def model(self) -> str:
        return self.settings.require_model()

    @property
    def base_url(self) -> str:
        return self.settings.base_url.rstrip("/")

    def _client(self) -> Any:
        if self._openai is None:
            import openai

            self._openai = openai.OpenAI(
                api_key=self.settings.key,
                base_url=self.base_url,
                timeout=self.settings.timeout,
                max_retries=0,
                http_client=self.http_client,
            )
        return self._openai

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    # ------------------------------------------------------------------ cache

    def _cache(self) -> Any:
        if not self.settings.cache:
            return None
        if self._store is None:
            from retold.store import Store

            self._store = Store.open(self.settings.db)
        return self._store

    # ------------------------------------------------------------------ asking

    def _drop_connection(self) -> None:
        """Close every open connection: the server sees the request cancelled."""
        if self._openai is not None:
            try:
                self._openai.close()
            finally:
                self._openai = None

    def complete(self, messages: Sequence[Message], *, json_mode: bool = False, purpose: str = "answer") -> Answer:
        """The model's answer to ``messages``; raises :class:`EngineError` saying what to fix when none comes.

        ``purpose`` names the call in the log of raw answers (``--verbose`` or ``--log FILE``).
        """
        json_mode = json_mode and self.settings.json_mode and not self._json_refused
        params = {"temperature": self.settings.temperature, "max_tokens": self.settings.max_tokens, "json": json_mode}
        key = cache_key(self.model, self.base_url, messages, params)
        store = self._cache()
        if store is not None:
            hit = store.cache_get(key)
            if hit is not None:
                self.usage.cache_hits += 1
                data = json.loads(hit)
                answer = Answer(text=data["text"], finish_reason=data.get("finish_reason"), cached=True)
                self._log(purpose, answer)
                return answer
        try:
            answer = self._ask(messages, json_mode)
        except KeyboardInterrupt:
            self._drop_connection()  # Ctrl-C: the server sees the request cancelled
            raise
        self._log(purpose, answer)
        if store is not None and answer.text.strip() and answer.refusal is None:
            store.cache_put(
                key,
                json.dumps({"text": answer.text, "finish_reason": answer.finish_reason}),
                model=self.model,
                base_url=self.base_url,
            )
        return answer

    def _log(self, purpose: str, answer: Answer) -> None:
        """The model's raw answer, to stderr (``log = "-"``) or appended to the ``log`` file."""
        where = self.settings.log
        if not where:
            return
        cached = ", cached" if answer.cached else ""
        text = (
            f"----- llm {purpose} answer from {self.model} ({len(answer.text)} characters{cached}, "
            f"finish: {answer.finish_reason or 'unknown'})\n{answer.text}\n----- end of answer\n"
        )
        if where == "-":
            sys.stderr.write(text)
            sys.stderr.flush()
            return
        try:
            with open(where, "a", encoding="utf-8") as log:
                log.write(text)
        except OSError as exc:
            raise EngineError(f"Cannot write the log {where} ({exc.strerror}): pass another --log FILE.") from None

    def _ask(self, messages: Sequence[Message], json_mode: bool) -> Answer:
        import openai

        attempt = 0
        while True:
            started = time.perf_counter()
            self.usage.calls += 1
            try:
                answer = self._send(messages, json_mode)
                self.usage.seconds += time.perf_counter() - started
                self.usage.prompt_tokens += answer.prompt_tokens
                self.usage.completion_tokens += answer.completion_tokens
                return answer
            except openai.BadRequestError as exc:
                self.usage.seconds += time.perf_counter() - started
                text = _error_text(exc).lower()
                if any(word in text for word in _CONTEXT_WORDS):
                    raise ContextTooLong(f"The prompt is longer than {self.model}'s context window.") from None
                if "model" in text and any(
                    w in text for w in ("not found", "does not exist", "unknown model", "no such model")
                ):
                    raise EngineError(self._not_found(exc)) from None
                if json_mode and ("response_format" in text or "json" in text):
                    self._json_refused = True  # this server has no JSON mode: plain JSON is asked for in words
                    json_mode = False
                    continue
                raise EngineError(
                    f"{self.base_url} refused the request ({_error_text(exc)}): check --model and the server."
                ) from None
            except openai.NotFoundError as exc:
                self.usage.seconds += time.perf_counter() - started
                raise EngineError(self._not_found(exc)) from None
            except (openai.AuthenticationError, openai.PermissionDeniedError) as exc:
                self.usage.seconds += time.perf_counter() - started
                raise EngineError(
                    f"{self.base_url} refused the API key ({_error_text(exc)}): set RETOLD_API_KEY or OPENAI_API_KEY."
                ) from None
            except openai.APITimeoutError as exc:
                # The server may still be working on it: the connection is closed, and the one more try
                # waits as long again, so our requests never pile up on a busy local server.
                self.usage.seconds += time.perf_counter() - started
                self._drop_connection()
                if attempt >= min(self.settings.retries, TIMEOUT_TRIES - 1):
                    raise EngineError(self._gave_up(exc, attempt + 1)) from None
                attempt += 1
                self.usage.retries += 1
                self.sleep(self.settings.timeout)
            except (openai.RateLimitError, openai.InternalServerError, openai.APIConnectionError) as exc:
                self.usage.seconds += time.perf_counter() - started
                if attempt >= self.settings.retries:
                    raise EngineError(self._gave_up(exc)) from None
                wait = self._wait(exc, attempt)
                if wait is None:
                    raise EngineError(self._gave_up(exc)) from None
                attempt += 1
                self.usage.retries += 1
                self.sleep(wait)
            except openai.APIStatusError as exc:
                self.usage.seconds += time.perf_counter() - started
                raise EngineError(
                    f"{self.base_url} answered HTTP {exc.status_code} ({_error_text(exc)}): check --base-url and --model."
                ) from None

    def _send(self, messages: Sequence[Message], json_mode: bool) -> Answer:
        kwargs: dict[str, Any] = {
            "model": self.model,
            "messages": list(messages),
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
        }
        if json_mode:
            kwargs["response_format"] = {"type": "json_object"}
        client = self._client()
        if not self.settings.stream:
            response = client.chat.completions.create(**kwargs)
            choice = response.choices[0] if response.choices else None
            message = choice.message if choice is not None else None
            usage = response.usage
            return Answer(
                text=(message.content or "") if message is not None else "",
                finish_reason=choice.finish_reason if choice is not None else None,
                refusal=getattr(message, "refusal", None) if message is not None else None,
                prompt_tokens=(usage.prompt_tokens or 0) if usage else 0,
                completion_tokens=(usage.completion_tokens or 0) if usage else 0,
            )
        parts: list[str] = []
        finish = None
        refusal: list[str] = []
        prompt_tokens = completion_tokens = 0
        stream = client.chat.completions.create(**kwargs, stream=True, stream_options={"include_usage": True})
        show = self.progress or _terminal_progress()
        pieces = 0
        try:
            for chunk in stream:
                if chunk.usage:
                    prompt_tokens = chunk.usage.prompt_tokens or 0
                    completion_tokens = chunk.usage.completion_tokens or 0
                for choice in chunk.choices or ():
                    if choice.delta is not None and choice.delta.content:
                        parts.append(choice.delta.content)
                        pieces += 1
                        if show is not None:
                            show(pieces)
                    if choice.delta is not None and getattr(choice.delta, "refusal", None):
                        refusal.append(choice.delta.refusal)
                    if choice.finish_reason:
                        finish = choice.finish_reason
        except Exception as exc:
            # A stream that stalls past the timeout raises the transport's own timeout: the same as any timeout.
            import openai

            if "Timeout" in type(exc).__name__ and not isinstance(exc, openai.APIError):
                raise openai.APITimeoutError(request=stream.response.request) from exc
            raise
        finally:
            stream.close()
            if show is not None:
                show(-1)
        return Answer(
            text="".join(parts),
            finish_reason=finish,
            refusal="".join(refusal) or None,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
        )

    # ------------------------------------------------------------------ giving up well

    def _wait(self, exc: Exception, attempt: int) -> float | None:
        """Seconds to wait before the next try: the server's ``Retry-After`` when it gives one, else backoff."""
        response = getattr(exc, "response", None)
        header = response.headers.get("retry-after") if response is not None else None
        if header is not None:
            try:
                seconds = float(header)
            except ValueError:
                seconds = None
            if seconds is not None:
                return None if seconds > MAX_RETRY_AFTER else max(seconds, 0.0)
        return min(MAX_BACKOFF, 0.5 * 2**attempt)

    def _gave_up(self, exc: Exception, tries: int | None = None) -> str:
        import openai

        tries = tries or self.settings.retries + 1
        if isinstance(exc, openai.APITimeoutError):
            return (
                f"{self.base_url} did not answer within {self.settings.timeout:g} s ({tries} tries, one at a time): "
                "raise --llm-timeout"
                + ("" if self.settings.stream else ", use --stream to watch it work")
                + ", or use a smaller --model."
            )
        if isinstance(exc, openai.APIConnectionError):
            return f"Cannot reach the LLM server at {self.base_url}: start it, or pass --base-url URL."
        if isinstance(exc, openai.RateLimitError):
            return f"{self.base_url} keeps refusing with HTTP 429 (rate limit) after {tries} tries: wait and run again."
        status = getattr(exc, "status_code", "5xx")
        return f"{self.base_url} failed with HTTP {status} after {tries} tries ({_error_text(exc)}): try again later."

    def _not_found(self, exc: Exception) -> str:
        served = self.models()
        if served:
            return f"Model {self.model!r} is not served at {self.base_url}: pass --model with one of {', '.join(served[:12])}."
        return (
            f"{self.base_url} has no chat model {self.model!r} (HTTP 404: {_error_text(exc)}): "
            "check --model, and that --base-url ends in /v1."
        )

    def models(self) -> list[str]:
        """The model names the server lists under /v1/models (empty when it lists none or cannot)."""
        try:
            return sorted(m.id for m in self._client().models.list())
        except Exception:  # a server without /v1/models: nothing to suggest, the caller says so
            return []


def _terminal_progress() -> Callable[[int], None] | None:
    """Tokens so far on one stderr line, when stderr is a terminal (``-1``: the answer is complete)."""
    if not sys.stderr.isatty():
        return None

    def show(tokens: int) -> None:
        if tokens < 0:
            sys.stderr.write("\r\033[K")
        elif tokens % 8 == 1:
            sys.stderr.write(f"\rllm: {tokens} tokens so far (Ctrl-C cancels)")
        sys.stderr.flush()

    return show


def _error_text(exc: Exception) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return " ".join(str(inner["message"]).split())[:200]
        if isinstance(inner, str):
            return inner[:200]
    return " ".join(str(getattr(exc, "message", exc)).split())[:200]
