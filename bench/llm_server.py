"""A scripted OpenAI-compatible server on 127.0.0.1, for the LLM tests and benchmark (no model, no internet).

It serves ``GET /v1/models`` and ``POST /v1/chat/completions``, streaming (server-sent events) when the
request asks for it. What it answers is scripted per test: a function of the request, or a queue of
:class:`Reply` (the last one repeats)::

    with ScriptedLLM([Reply("not JSON at all"), Reply(status=500), Reply('{"items": []}')]) as server:
        settings = LLMSettings(model="scripted", base_url=server.url)
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Reply:
    """One scripted answer: a chat message, or an HTTP error with ``error`` as its message."""

    content: str = ""
    status: int = 200
    error: str = "scripted error"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (a timeout test)
    finish_reason: str = "stop"
    refusal: str | None = None
    cut: bool = False  # a stream that stops mid-answer without [DONE]


Script = Callable[[dict[str, Any]], Reply] | Sequence[Reply]


class ScriptedLLM:
    """A loopback chat-completions server; ``requests`` records every request body it got."""

    def __init__(self, script: Script, *, models: Sequence[str] = ("scripted",)) -> None:
        self.script = script
        self.models = tuple(models)
        self.requests: list[dict[str, Any]] = []
        self.spans: list[tuple[float, float]] = []  # (monotonic start, end) of each chat request the server worked on
        self._queue = list(script) if not callable(script) else []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> ScriptedLLM:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reply(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            self.requests.append(body)
            if callable(self.script):
                return self.script(body)
            return self._queue.pop(0) if len(self._queue) > 1 else self._queue[0]


def _handler(owner: ScriptedLLM) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # quiet
            pass

        def _json(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path.rstrip("/").endswith("/v1/models"):
                self._json(200, {"object": "list", "data": [{"id": m, "object": "model"} for m in owner.models]})
            else:
                self._json(404, {"error": {"message": f"no route {self.path}"}})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._json(404, {"error": {"message": f"no route {self.path}"}})
                return
            if body.get("model") not in owner.models:
                self._json(
                    404, {"error": {"message": f"model '{body.get('model')}' not found", "code": "model_not_found"}}
                )
                return
            started = time.monotonic()
            try:
                self._answer(body, owner.reply(body))
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up on it and closed the connection
            finally:
                with owner._lock:
                    owner.spans.append((started, time.monotonic()))

        def _answer(self, body: dict[str, Any], reply: Reply) -> None:
            if reply.delay:
                time.sleep(reply.delay)
            if reply.status != 200:
                self._json(reply.status, {"error": {"message": reply.error, "type": "scripted"}}, reply.headers)
                return
            usage = {
                "prompt_tokens": sum(len(m.get("content", "").split()) for m in body.get("messages", [])),
                "completion_tokens": len(reply.content.split()),
            }
            usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
            if body.get("stream"):
                self._stream(body, reply, usage)
                return
            message: dict[str, Any] = {"role": "assistant", "content": reply.content, "refusal": reply.refusal}
            self._json(
                200,
                {
                    "id": "chatcmpl-scripted",
                    "object": "chat.completion",
                    "created": 0,
                    "model": body["model"],
                    "choices": [{"index": 0, "message": message, "finish_reason": reply.finish_reason}],
                    "usage": usage,
                },
            )

        def _stream(self, body: dict[str, Any], reply: Reply, usage: dict[str, int]) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()

            def event(choices: list[dict[str, Any]], extra: dict[str, Any] | None = None) -> None:
                chunk = {
                    "id": "chatcmpl-scripted",
                    "object": "chat.completion.chunk",
                    "created": 0,
                    "model": body["model"],
                    "choices": choices,
                    **(extra or {}),
                }
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.flush()

            text = reply.content
            pieces = [text[i : i + 40] for i in range(0, len(text), 40)] or [""]
            if reply.cut:
                pieces = pieces[: max(1, len(pieces) // 2)]
            for i, piece in enumerate(pieces):
                delta: dict[str, Any] = {"content": piece}
                if i == 0:
                    delta["role"] = "assistant"
                event([{"index": 0, "delta": delta, "finish_reason": None}])
            if reply.cut:
                self.close_connection = True
                return
            event([{"index": 0, "delta": {}, "finish_reason": reply.finish_reason}])
            if (body.get("stream_options") or {}).get("include_usage"):
                event([], {"usage": usage})
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
            self.close_connection = True

    return Handler


def replay(path: str | Path) -> Callable[[dict[str, Any]], Reply]:
    """A script answering each request with what a real server answered to the same kind of request.

    ``path`` is a JSONL file of recorded exchanges (``request`` and ``response`` bodies, ``status``), as in
    ``tests/data/llm-recorded/``. A request is matched by what it asks (a rewrite in a given style, or a
    repair) and whether it asks for JSON mode, not byte for byte: the fact sheet changes as retold's
    analysis does. Recorded answers of one kind are served in the order they were recorded; the last repeats.
    """
    queues: dict[tuple[str, bool], list[Reply]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        exchange = json.loads(line)
        request = json.loads(exchange["request"])
        response = json.loads(exchange["response"])
        if exchange["status"] == 200:
            choice = response["choices"][0]
            reply = Reply(choice["message"].get("content") or "", finish_reason=choice.get("finish_reason") or "stop")
        else:
            reply = Reply(status=exchange["status"], error=str((response.get("error") or {}).get("message", "")))
        queues.setdefault(_kind(request), []).append(reply)

    def script(body: dict[str, Any]) -> Reply:
        kind = _kind(body)
        queue = queues.get(kind) or queues.get((kind[0], not kind[1])) or next(iter(queues.values()))
        return queue.pop(0) if len(queue) > 1 else queue[0]

    return script


def _kind(request: dict[str, Any]) -> tuple[str, bool]:
    """("repair" | "judge" | "rewrite:STYLE", JSON mode asked) of a chat request."""
    user = request["messages"][-1]["content"]
    json_mode = "response_format" in request
    if "FACT-CHECK ERRORS" in user:
        return "repair", json_mode
    if user.startswith("CLAIM "):
        return "judge", json_mode
    match = re.search(r"^Write an? (\w+) of about", user, re.M)
    return f"rewrite:{match.group(1) if match else '?'}", json_mode


def main() -> None:
    """Serve one fixed answer on 127.0.0.1 until interrupted: ``python bench/llm_server.py ANSWER_FILE [--port N]``."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("answer", help="a file whose text is every answer")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--model", default="scripted")
    args = parser.parse_args()
    server = ScriptedLLM([Reply(Path(args.answer).read_text(encoding="utf-8"))], models=(args.model,))
    server._server.server_close()
    server._server = ThreadingHTTPServer(("127.0.0.1", args.port), _handler(server))
    print(f"serving {args.answer} as model {args.model!r} at http://127.0.0.1:{args.port}/v1", flush=True)
    try:
        server._server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
