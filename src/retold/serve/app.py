"""The FastAPI application: JSON API, the web page, its static files and a self-contained API reference."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from importlib import resources
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from retold import __version__
from retold.errors import EngineError, FetchError, InputError, PrivateAddressError, RetoldError, StyleError
from retold.reviews import with_decisions
from retold.rewrite import engine_names, style_names
from retold.serve import pipeline, reference
from retold.serve.config import ServeConfig
from retold.serve.jobs import QueueFull, TimeLimit, WorkQueue
from retold.serve.models import CheckRequest, DecisionRequest, ExtractRequest, RewriteRequest
from retold.serve.runlog import MemoryRunLog, RunLog
from retold.serve.security import Guard
from retold.serve.suggest import add_suggestions
from retold.styles import list_styles

log = logging.getLogger("retold.serve")

WEB = resources.files("retold") / "web"
STATIC = {
    "app.js": "text/javascript; charset=utf-8",
    "app.css": "text/css; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}
RETRY_AFTER_SECONDS = 5


def create_app(config: ServeConfig = ServeConfig(), *, runs: RunLog | None = None, warm: bool = True) -> Any:
    """The ASGI app for ``config``: FastAPI wrapped in the guard (host names, token, body cap, headers).

    ``runs`` is where the history goes (the in-memory log by default); ``warm`` loads the pipeline at start.
    """
    api = _build_api(config, runs if runs is not None else MemoryRunLog(config.history), warm=warm)
    guarded = Guard(api, token=config.token, max_body=config.max_body, local_only=config.local_only)
    guarded.api = api  # type: ignore[attr-defined]  # for tests and embedding
    return guarded


def _build_api(config: ServeConfig, runs: RunLog, *, warm: bool) -> FastAPI:
    queue = WorkQueue(workers=config.workers, queue_size=config.queue_size)
    fetching = pipeline.Fetching(
        allow_private_urls=config.allow_private_urls, max_bytes=config.max_bytes, timeout=config.fetch_timeout
    )
    pages = Environment(
        loader=FileSystemLoader(str(WEB)), autoescape=select_autoescape(default=True), auto_reload=False
    )
    static = {name: (WEB / name).read_bytes() for name in STATIC}

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI):
        if warm:
            await asyncio.to_thread(pipeline.warm_up)  # the pipeline loads once, before the first request
        yield
        queue.shutdown()

    app = FastAPI(
        title="retold",
        version=__version__,
        description="Explainers that keep every fact, and checks of any rewrite against its source. "
        "The same JSON as retold rewrite, check and extract with --format json.",
        docs_url=None,  # the Swagger page loads its script from a CDN: /docs below is served from here instead
        redoc_url=None,
        lifespan=lifespan,
        # no redirect between "/x" and "/x/": a path the API does not have is a 404 that says where the API
        # is listed, not a 307 to another path (a client's "/api/runs/." arrives as "/api/runs")
        redirect_slashes=False,
    )
    app.state.config, app.state.queue, app.state.runs = config, queue, runs
    _add_error_handlers(app)

    async def run(
        kind: str,
        body: dict[str, Any],
        func,
        *args: Any,
        meta: dict[str, Any] | None = None,
        follows: str | None = None,
        **kwargs: Any,
    ):
        outcome = await queue.run(func, *args, fetching, timeout=config.time_limit, **kwargs)
        record = runs.record(
            kind,
            title=outcome.title,
            request=body,
            result=outcome.result,
            verdict=outcome.verdict,
            score=outcome.score,
            meta=meta,
        )
        decisions = _carry_decisions(runs, follows, record.id, outcome.result) if follows else {}
        return JSONResponse({**with_decisions(outcome.result, decisions), "run_id": record.id})

    @app.post(
        "/api/rewrite", summary="Rewrite an article as an explainer (checked before it is returned)", tags=["api"]
    )
    async def api_rewrite(req: RewriteRequest) -> JSONResponse:
        if req.style not in style_names():
            raise HTTPException(422, f"Unknown style {req.style!r}: use one of {', '.join(style_names())}")
        if req.engine not in engine_names():
            raise HTTPException(422, f"Unknown engine {req.engine!r}: use one of {', '.join(engine_names())}")
        meta = {"style": req.style, "engine": req.engine, "url": req.url}
        return await run(
            "rewrite",
            req.model_dump(mode="json"),
            pipeline.do_rewrite,
            req.text,
            req.url,
            meta=meta,
            style=req.style,
            engine=req.engine,
            model=req.model,
            words=req.words,
            published=req.published,
        )

    @app.post("/api/check", summary="Check a rewrite against its source", tags=["api"])
    async def api_check(req: CheckRequest) -> JSONResponse:
        return await run(
            "check",
            req.model_dump(mode="json"),
            _check,
            req.source,
            req.source_url,
            req.rewrite,
            req.rewrite_url,
            meta={"url": req.source_url},
            follows=req.follows,
            published=req.published,
        )

    @app.post("/api/extract", summary="Extract the article text (boilerplate removed and listed)", tags=["api"])
    async def api_extract(req: ExtractRequest) -> JSONResponse:
        return await run(
            "extract",
            req.model_dump(mode="json"),
            _extract,
            req.text,
            req.url,
            meta={"url": req.url},
            published=req.published,
        )

    @app.post(
        "/api/runs/{run_id:path}/decisions",
        summary="Dismiss, mark reviewed or accept one finding of a check run",
        tags=["api"],
    )
    async def api_decide(run_id: str, req: DecisionRequest) -> dict[str, Any]:
        found = runs.get(run_id)
        if found is None:
            raise HTTPException(404, f"No run {run_id!r}: list the runs with GET /api/history")
        if found.kind != "check" or not 0 <= req.finding < len(found.result.get("findings") or ()):
            raise HTTPException(422, f"Run {run_id} has no finding number {req.finding}")
        decided = runs.decide(run_id, req.finding, req.decision)
        assert decided is not None
        return decided.summary()

    @app.get("/api/styles", summary="The rewrite styles", tags=["api"])
    async def api_styles() -> dict[str, Any]:
        return {
            "styles": [
                {
                    "name": s.name,
                    "description": s.description,
                    "words": s.words,
                    "sections": [{"key": sec.key, "title": sec.title} for sec in s.sections],
                }
                for s in list_styles()
            ]
        }

    @app.get("/api/engines", summary="The rewrite engines ready to use on this server", tags=["api"])
    async def api_engines() -> dict[str, Any]:
        return {"engines": list(offered_engines())}

    @app.get("/api/history", summary="Past runs, latest first", tags=["api"])
    async def api_history(
        limit: int = Query(50, ge=1, le=500), kind: str | None = Query(None, pattern="^(rewrite|check|extract)$")
    ) -> dict[str, Any]:
        return {"runs": [r.summary() for r in runs.list(limit=limit, kind=kind)]}

    # {run_id:path}: an id holding a slash ("0/", sent as 0%2F) is looked up and not found, where the
    # default converter left "/api/runs/0/" unmatched and the router redirected it to another run, /api/runs/0
    @app.get("/api/runs/{run_id:path}", summary="One past run: its request and its result", tags=["api"])
    async def api_run(run_id: str) -> dict[str, Any]:
        found = runs.get(run_id)
        if found is None:
            raise HTTPException(404, f"No run {run_id!r}: list the runs with GET /api/history")
        return found.to_dict()

    @app.get("/healthz", summary="Liveness and the work queue's load", tags=["ops"])
    async def healthz() -> dict[str, Any]:
        return {
            "status": "ok",
            "version": __version__,
            "workers": queue.workers,
            "busy": queue.admitted,
            "capacity": queue.capacity,
        }

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index() -> HTMLResponse:
        page = pages.get_template("index.html").render(
            # Behind a token the history is the API's to give: the page fetches it with the token.
            styles=list_styles(),
            engines=offered_engines(),
            runs=[] if config.token else [r.summary() for r in runs.list(limit=30)],
            version=__version__,
            token_required=bool(config.token),
            max_body=config.max_body,
            style_forms={
                s.name: {sec.key: {"form": sec.form, "max_chars": sec.max_chars} for sec in s.sections}
                for s in list_styles()
            },
            max_words=RewriteRequest.model_fields["words"].metadata[1].le,
        )
        return HTMLResponse(page)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    async def docs() -> HTMLResponse:
        spec = app.openapi()
        page = pages.get_template("docs.html").render(
            endpoints=reference.endpoints(spec),
            errors=reference.ERRORS,
            version=__version__,
            description=spec["info"].get("description", ""),
        )
        return HTMLResponse(page)

    @app.get("/static/{name}", include_in_schema=False)
    async def static_file(name: str) -> Response:
        if name not in static:
            raise HTTPException(404, f"No static file {name!r}")
        return Response(static[name], media_type=STATIC[name], headers={"cache-control": "no-cache"})

    return app


def _check(source, source_url, rewrite, rewrite_url, fetching, *, published=None):
    outcome = pipeline.do_check(source, source_url, rewrite, rewrite_url, fetching, published=published)
    add_suggestions(outcome.result)
    return outcome


def _carry_decisions(runs: RunLog, follows: str, run_id: str, result: dict[str, Any]) -> dict[int, str]:
    """A re-check of an edited rewrite keeps the editor's dismissals and reviews of the findings it still makes
    (the same kind, words and message); an accepted finding that is still there is not fixed, so it is left open."""
    before = runs.get(follows)
    if before is None or before.kind != "check":
        return {}
    old = before.result.get("findings") or ()
    open_decisions: dict[tuple[str, str, str], list[str]] = {}
    for n, f in enumerate(old):
        decision = before.decisions.get(n)
        if decision in ("dismissed", "reviewed"):
            open_decisions.setdefault((f["kind"], f["text"], f["message"]), []).append(decision)
    carried = {}
    for n, f in enumerate(result.get("findings") or ()):
        waiting = open_decisions.get((f["kind"], f["text"], f["message"]))
        if waiting:
            carried[n] = waiting.pop(0)
            runs.decide(run_id, n, carried[n])
    return carried


def offered_engines() -> tuple[str, ...]:
    """The engines an editor can use here: the llm engine only when a model is configured for it."""
    return tuple(name for name in engine_names() if name != "llm" or _llm_model_configured())


def _llm_model_configured() -> bool:
    from retold.llm.config import load_settings

    try:
        return bool(load_settings().model)
    except RetoldError as exc:
        log.warning("the llm engine is not offered: %s", exc)
        return False


def _extract(text, url, fetching, *, published=None):
    return pipeline.do_extract(text, url, fetching, published)


# --------------------------------------------------------------------------- errors


def _status_of(exc: RetoldError) -> int:
    """The HTTP status of a stage's error: bad input 400, a failing site or engine 502, a slow one 504."""
    if isinstance(exc, PrivateAddressError):
        return 400
    if isinstance(exc, FetchError):
        return 504 if "timed out" in str(exc) else 502
    if isinstance(exc, (InputError, StyleError)):
        return 400
    if isinstance(exc, EngineError):
        return 502
    return 500


def _for_the_editor(exc: RetoldError) -> str:
    """What an editor reads: what happened and what they can do. Advice for whoever runs the server (flags,
    config files and their paths) goes to the server's log instead."""
    if isinstance(exc, PrivateAddressError):
        log.warning("refused a private address: %s", exc)
        return (
            "This address is on a private network, and this server only fetches public pages: "
            "paste the article's text instead"
        )
    if isinstance(exc, EngineError):
        log.warning("the rewrite engine failed: %s", exc)
        return (
            "The rewrite engine could not write this explainer: try again, or choose the builtin engine; "
            "the server's log has the details for whoever runs it"
        )
    return str(exc)


def _json_error(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, "status": status, **extra}, status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RetoldError)
    async def retold_error(_request: Request, exc: RetoldError) -> JSONResponse:
        return _json_error(_status_of(exc), _for_the_editor(exc), kind=type(exc).__name__)

    @app.exception_handler(QueueFull)
    async def queue_full(_request: Request, _exc: QueueFull) -> JSONResponse:
        return JSONResponse(
            {"error": f"The server is busy: try again in {RETRY_AFTER_SECONDS} s", "status": 503},
            status_code=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )

    @app.exception_handler(TimeLimit)
    async def time_limit(request: Request, _exc: TimeLimit) -> JSONResponse:
        limit = request.app.state.config.time_limit
        log.warning(
            "a request ran past the time limit of %g s; start the server with --time-limit N to allow more", limit
        )
        return _json_error(504, f"This took longer than the server allows ({limit:g} s): try a shorter text")

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return _json_error(400, "The request body is not valid JSON: send a JSON object")
        detail = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")).removeprefix("Value error, ")}
            for e in errors
        ]
        first = detail[0] if detail else {"loc": [], "msg": "invalid request"}
        # a field's name as the client sent it, on one line: a key "\n" shows as '\n'
        where = ".".join(p if p.isprintable() else repr(p) for p in first["loc"] if p != "body")
        message = f"{where}: {first['msg']}" if where else first["msg"]
        return _json_error(422, f"Invalid request: {message}", detail=detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"No page {request.url.path!r} here: the API's routes are listed at /docs"
        return JSONResponse(
            {"error": message, "status": exc.status_code},
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=exc)  # the details go to the server's log, never to the client
        return _json_error(500, "Internal error: the server could not answer this request; its log has the details")
