"""The server's request models and routes under generated input: any JSON body, any run id, any field
of any type gets an answer with a status a client can act on, never a 500 nor a stack trace.

Over real HTTP on 127.0.0.1. URLs are generated on loopback and literal private addresses only, which the
server (without --allow-private-urls) refuses before connecting: no test reaches any other address.
Examples: 15 per property by default, 200 with RETOLD_TEST_PROFILE=ci, the same ones on every run; 1,000 new
ones each run with RETOLD_TEST_PROFILE=explore (``make fuzz``). What exploring finds is pinned as an example.
"""

from __future__ import annotations

import datetime as dt
import os
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from retold.serve import ServeConfig
from retold.serve.models import CheckRequest, ExtractRequest, RewriteRequest
from serve_harness import running

EXPLORE = os.environ.get("RETOLD_TEST_PROFILE") == "explore"
CI = os.environ.get("RETOLD_TEST_PROFILE") == "ci"
EXAMPLES = settings(
    max_examples=1000 if EXPLORE else 200 if CI else 15,
    deadline=None,
    derandomize=not EXPLORE,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ANSWERS = {200, 400, 404, 413, 415, 422, 502, 503, 504}

urls = st.one_of(
    st.builds(lambda port, path: f"http://127.0.0.1:{port}/{path}", st.integers(1, 65535), st.text(max_size=30)),
    st.sampled_from(
        [
            "http://[::1]/",
            "http://10.0.0.1/",
            "http://169.254.169.254/latest/",
            "http://[64:ff9b::a9fe:a9fe]/",
            "https://0x7f.1/",
            "ftp://127.0.0.1/",
            "javascript:alert(1)",
            "http://",
            "http://[::1",
            "",
        ]
    ),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=60),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
texts = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        [
            "Anna Berg opened the bridge in Oslo on 3 May 2024, the city said.",
            "<p>x</p>",
            "\u200b" * 5,
            "[bold]x[/bold] said on Monday that 5 people left.",
            "\x00\x01",
            " \n ",
        ]
    ),
)
FIELDS = {
    "/api/extract": {"text": texts, "url": urls, "published": st.one_of(st.dates().map(str), scalars)},
    "/api/rewrite": {
        "text": texts,
        "url": urls,
        "style": st.one_of(st.sampled_from(["brief", "explainer", "nosuch"]), scalars),
        "engine": st.one_of(st.just("builtin"), scalars),
        "model": scalars,
        "words": st.one_of(st.integers(-5, 6000), st.integers(min_value=2**63), scalars),
        "published": st.one_of(st.dates().map(str), scalars),
    },
    "/api/check": {
        "source": texts,
        "source_url": urls,
        "rewrite": texts,
        "rewrite_url": urls,
        "published": st.one_of(st.dates().map(str), scalars),
    },
}


def bodies(path: str):
    fields = FIELDS[path]
    known = st.fixed_dictionaries({}, optional=dict(fields.items()))
    odd = st.dictionaries(st.text(max_size=10), values, max_size=3)
    return st.one_of(known, st.builds(lambda a, b: {**a, **b}, known, odd), values)


@pytest.fixture(scope="module")
def server():
    with running(ServeConfig(workers=1, time_limit=20.0)) as url:
        yield url


def _answered(response: httpx.Response) -> None:
    assert response.status_code in ANSWERS, (response.status_code, response.text[:300])
    assert "Traceback" not in response.text
    if response.status_code != 200:
        error = response.json()["error"]
        assert isinstance(error, str) and error and "\n" not in error.strip()


@pytest.mark.parametrize("path", sorted(FIELDS))
def test_any_body_gets_an_answer_a_client_can_act_on(server, path):
    @EXAMPLES
    @given(body=bodies(path))
    def run(body) -> None:
        _answered(httpx.post(server + path, json=body, timeout=60))

    run()


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/check", {"source": "0", "rewrite_url": "http://[::1"}),  # urlsplit raised inside the fetch guard
        ("/api/extract", {"\n": 0}),  # the unknown field's name put a line break in the message
    ],
)
def test_bodies_hypothesis_found_get_an_answer_too(server, path, body):
    _answered(httpx.post(server + path, json=body, timeout=60))


@EXAMPLES
@given(run_id=st.one_of(st.text(min_size=1, max_size=40), st.integers(min_value=-(2**80), max_value=2**80).map(str)))
def test_any_run_id_is_a_run_or_a_404(server, run_id):
    response = httpx.get(server + "/api/runs/" + quote(run_id, safe=""), timeout=30)
    assert response.status_code in (200, 404), (run_id, response.status_code)
    assert "Traceback" not in response.text


@pytest.mark.parametrize("run_id", ["0/", "/", "0/decisions", "a/b/c", ".", ".."])
def test_a_run_id_with_a_slash_is_not_redirected_to_another_run(server, run_id):
    # hypothesis found "0/" and ".": the router redirected /api/runs/0%2F to /api/runs/0, a different run,
    # and /api/runs (what "/api/runs/." becomes) to /api/runs/
    response = httpx.get(server + "/api/runs/" + quote(run_id, safe=""), timeout=30)
    assert response.status_code == 404, (run_id, response.status_code, response.headers.get("location"))
    # "." and ".." are dot segments the client removes ("/api/runs", "/api"): paths the API does not have
    assert any(said in response.json()["error"] for said in ("No run", "No page")), response.text
    if run_id in (".", ".."):
        return  # no run id reaches the server: the client sent another path
    decided = httpx.post(
        server + "/api/runs/" + quote(run_id, safe="") + "/decisions", json={"finding": 0, "decision": "reviewed"}
    )
    assert decided.status_code == 404, (run_id, decided.status_code, decided.text)


@EXAMPLES
@given(data=st.dictionaries(st.text(max_size=12), values, max_size=6))
def test_the_models_refuse_with_a_validation_error_only(data):
    for model in (ExtractRequest, RewriteRequest, CheckRequest):
        try:
            parsed = model.model_validate(data)
        except ValidationError:
            continue
        # what a model accepts is what the stages expect
        if isinstance(parsed, CheckRequest):
            assert bool(parsed.source and parsed.source.strip()) != bool(parsed.source_url)
        else:
            assert bool(parsed.text and parsed.text.strip()) != bool(parsed.url)  # type: ignore[union-attr]
        assert parsed.published is None or isinstance(parsed.published, dt.date)
