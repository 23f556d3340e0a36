"""The HTTP API over real HTTP on 127.0.0.1: the CLI's JSON, history, and errors with the right status."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import httpx
import pytest

import retold
from retold.cli import main
from retold.serve import MemoryRunLog, ServeConfig
from serve_harness import Pages, running

ROOT = Path(__file__).parent.parent
ARTICLE = (ROOT / "examples" / "nato-ukraine.txt").read_text("utf-8")
# An AI rewrite with a look-alike country, a shifted year, an invented quote and a call to action.
PLANTED = (
    "Ukraine's foreign minister Andriy Sybiha met his Latvian counterpart Gabrielius Landsbergis in Brussels.\n"
    "In September 2021 Kyiv submitted an application to join the alliance.\n"
    'Rutte said NATO "will never admit Ukraine".\n'
    "Subscribe to our newsletter for more updates!\n"
)


@pytest.fixture(scope="module")
def base():
    with running() as url:
        yield url


def post(base: str, path: str, body: object, **kwargs) -> httpx.Response:
    return httpx.post(base + path, json=body, timeout=60, **kwargs)


def test_healthz_styles_and_engines(base):
    health = httpx.get(base + "/healthz").json()
    assert health["status"] == "ok" and health["capacity"] >= health["workers"] >= 1
    styles = httpx.get(base + "/api/styles").json()["styles"]
    assert {"explainer", "brief", "summary"} <= {s["name"] for s in styles}
    assert "builtin" in httpx.get(base + "/api/engines").json()["engines"]


def test_check_answers_the_cli_json_with_offsets_into_both_texts(base, tmp_path, capsys):
    response = post(base, "/api/check", {"source": ARTICLE, "rewrite": PLANTED})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    data = response.json()
    (tmp_path / "source.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "rewrite.md").write_text(PLANTED, "utf-8")
    assert main(["check", str(tmp_path / "source.txt"), str(tmp_path / "rewrite.md"), "--format", "json"]) == 1
    cli = json.loads(capsys.readouterr().out)
    assert {k: data[k] for k in cli} == cli  # the CLI's contract, key for key
    assert data["verdict"] == "fail"
    errors = {(f["kind"], f["text"]) for f in data["findings"] if f["severity"] == "error"}
    assert ("entity", "Latvian") in errors and ("date", "September 2021") in errors
    for finding in data["findings"]:
        assert data["rewrite_text"][finding["start"] : finding["end"]] == finding["text"]
        for ev in finding["evidence"]:
            assert data["source_text"][ev["start"] : ev["end"]] == ev["text"]
    assert data["markdown"].startswith("**Check: FAIL**")


def test_rewrite_answers_the_draft_its_self_check_and_the_source_sentences(base):
    data = post(base, "/api/rewrite", {"text": ARTICLE, "style": "brief"}).json()
    assert data["style"] == "brief" and data["engine"] == "builtin"
    assert data["report"]["verdict"] == "pass"
    expected = retold.rewrite(retold.from_text(ARTICLE), style="brief")
    assert data["headline"]["text"] == expected.headline.text
    sentences = {s["id"]: s for s in data["source"]["sentences"]}
    cited = [sid for section in data["sections"] for item in section["items"] for sid in item["sources"]]
    assert cited and all(sid in sentences for sid in cited)
    for source in data["sources"]:  # the cited sentences, as the CLI lists them, sit at their offsets
        s = sentences[source["id"]]
        assert " ".join(data["source"]["text"][s["start"] : s["end"]].split()) == source["text"]


def test_extract_answers_the_cli_json(base):
    data = post(base, "/api/extract", {"text": ARTICLE}).json()
    expected = retold.from_text(ARTICLE).to_dict()
    assert {k: data[k] for k in expected} == expected
    assert data["removed"] and data["run_id"]


def test_history_lists_runs_latest_first_and_each_run_reopens(base):
    first = post(base, "/api/extract", {"text": ARTICLE}).json()["run_id"]
    second = post(base, "/api/check", {"source": ARTICLE, "rewrite": PLANTED}).json()["run_id"]
    runs = httpx.get(base + "/api/history", params={"limit": 5}).json()["runs"]
    assert [r["id"] for r in runs[:2]] == [second, first]
    assert runs[0]["kind"] == "check" and runs[0]["verdict"] == "fail" and runs[0]["title"].startswith("Minister")
    assert [r["kind"] for r in httpx.get(base + "/api/history", params={"kind": "extract"}).json()["runs"]][:1] == [
        "extract"
    ]
    run = httpx.get(f"{base}/api/runs/{second}").json()
    assert run["request"]["rewrite"] == PLANTED and run["result"]["verdict"] == "fail"
    missing = httpx.get(base + "/api/runs/nope")
    assert missing.status_code == 404 and "GET /api/history" in missing.json()["error"]


def test_the_memory_history_keeps_its_last_runs_only():
    log = MemoryRunLog(capacity=3)
    ids = [log.record("extract", title=str(n), request={}, result={}).id for n in range(5)]
    assert [r.id for r in log.list()] == ids[:1:-1]
    assert log.get(ids[0]) is None and log.get(ids[4]).title == "4"
    small = MemoryRunLog(capacity=100, max_chars=3_100)
    kept = [small.record("check", title=str(n), request={"text": "x" * 1_000}, result={}).id for n in range(5)]
    assert [r.id for r in small.list()] == kept[:1:-1]  # three runs of ~1,000 characters fit in 3,100


@pytest.mark.parametrize(
    ("path", "body", "status", "words"),
    [
        ("/api/rewrite", {"text": ARTICLE, "style": "sonnet"}, 422, "Unknown style 'sonnet'"),
        ("/api/rewrite", {"text": ARTICLE, "engine": "gpt-9"}, 422, "Unknown engine 'gpt-9'"),
        ("/api/rewrite", {"text": ARTICLE, "url": "https://example.com/"}, 422, "exactly one of `text` or `url`"),
        ("/api/rewrite", {"url": "file:///etc/passwd"}, 422, "must start with http"),
        ("/api/rewrite", {"text": ARTICLE, "words": 0}, 422, "words"),
        ("/api/check", {"source": ARTICLE}, 422, "exactly one of `rewrite` or `rewrite_url`"),
        ("/api/extract", {"text": ARTICLE, "colour": "red"}, 422, "colour"),
        ("/api/extract", {"text": "<html><body><nav><a href='/a'>Home</a></nav></body></html>"}, 400, "No article"),
    ],
)
def test_bad_requests_answer_json_with_the_status_and_the_fix(base, path, body, status, words):
    response = post(base, path, body)
    assert response.status_code == status
    assert words in response.json()["error"]
    assert "Traceback" not in response.text


def test_a_body_that_is_not_json_is_a_400(base):
    response = httpx.post(base + "/api/check", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 400 and "not valid JSON" in response.json()["error"]


def test_a_body_that_is_not_declared_json_is_a_415(base):
    # what a form on another site could post without a CORS preflight
    response = httpx.post(
        base + "/api/check",
        content=json.dumps({"source": ARTICLE, "rewrite": PLANTED}),
        headers={"content-type": "text/plain"},
    )
    assert response.status_code == 415 and "application/json" in response.json()["error"]


def test_unknown_paths_and_methods_answer_json(base):
    assert httpx.get(base + "/api/nothing").json()["status"] == 404
    assert httpx.get(base + "/api/check").status_code == 405


def test_an_oversized_body_is_a_413_before_any_work():
    with running(ServeConfig(max_body=10_000), warm=False) as url:
        response = post(url, "/api/check", {"source": ARTICLE, "rewrite": "x" * 20_000})
        assert response.status_code == 413 and "larger than this server accepts" in response.json()["error"]
        chunked = httpx.post(
            url + "/api/check",
            content=iter([b'{"source": "', b"y" * 20_000, b'"}']),
            headers={"content-type": "application/json"},
        )
        assert chunked.status_code == 413


def test_a_full_queue_answers_503_with_retry_after_and_a_slow_one_504():
    slow = Pages({"/slow": (200, {"Content-Type": "text/html"}, b"<html><body><p>late</p></body></html>")}, delay=2.0)
    config = ServeConfig(workers=1, queue_size=0, time_limit=0.5, allow_private_urls=True)
    try:
        with running(config, warm=False) as url:
            import concurrent.futures

            with concurrent.futures.ThreadPoolExecutor(2) as pool:
                first = pool.submit(post, url, "/api/extract", {"url": slow.url + "/slow"})
                while httpx.get(url + "/healthz").json()["busy"] == 0:
                    pass
                second = post(url, "/api/extract", {"text": ARTICLE})
                assert second.status_code == 503 and second.headers["retry-after"].isdigit()
                assert "busy" in second.json()["error"]
                timed_out = first.result()
            assert timed_out.status_code == 504 and "took longer than the server allows" in timed_out.json()["error"]
    finally:
        slow.close()


def test_a_failing_site_is_a_502_and_an_unexpected_error_is_a_500_without_its_trace():
    site = Pages({"/gone": (500, {"Content-Type": "text/plain"}, b"down")})

    class BrokenLog(MemoryRunLog):
        def record(self, *args, **kwargs):
            raise RuntimeError("secret internals at /home/x/store.py line 12")

    try:
        with running(ServeConfig(allow_private_urls=True), runs=BrokenLog(), warm=False) as url:
            down = post(url, "/api/extract", {"url": site.url + "/gone"})
            assert down.status_code == 502 and "HTTP 500" in down.json()["error"]
            broken = post(url, "/api/extract", {"text": ARTICLE})
            assert broken.status_code == 500
            assert "secret" not in broken.text and "Traceback" not in broken.text
            assert broken.json()["error"].startswith("Internal error")
    finally:
        site.close()


def test_the_api_reference_is_served_without_outside_assets(base):
    page = httpx.get(base + "/docs").text
    assert "/api/check" in page and "rewrite_url" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)  # every script, style and link is local
    assert "<script" not in page
    assert httpx.get(base + "/openapi.json").json()["paths"]["/api/rewrite"]["post"]


def test_a_port_in_use_is_one_line_and_exit_2(capsys):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"Cannot listen on 127.0.0.1:{port}" in err and "--port N" in err


def test_a_request_past_its_time_limit_frees_its_worker():
    """One worker, a 1 s limit: a long check answers 504 at the limit, and a small request sent then is
    served at once (the worker once stayed on the stopped work for minutes, and the next request got 504)."""
    long_text = "".join(f"The council met on {i % 28 + 1} March 2024 and again on 5 April. " for i in range(900))
    with running(ServeConfig(workers=1, queue_size=4, time_limit=1.0), warm=False) as url:
        post(url, "/api/extract", {"text": ARTICLE})  # the pipeline loads outside the timings
        started = time.monotonic()
        slow = post(url, "/api/check", {"source": long_text, "rewrite": long_text})
        assert slow.status_code == 504 and time.monotonic() - started < 2.0
        freed = time.monotonic()
        while httpx.get(url + "/healthz").json()["busy"] and time.monotonic() - freed < 5:
            time.sleep(0.05)
        assert time.monotonic() - freed < 2.0  # the worker is free within 2 s of the limit
        small = post(url, "/api/extract", {"text": ARTICLE})
        assert small.status_code == 200 and "Rutte" in small.json()["text"]


def test_the_work_queue_stops_a_running_job_and_a_waiting_one():
    import asyncio

    from retold.serve.jobs import TimeLimit, WorkQueue

    def spin(seconds: float) -> str:
        end = time.monotonic() + seconds
        while time.monotonic() < end:  # Python code: stopped at the next instruction
            pass
        return "done"

    async def scenario() -> None:
        queue = WorkQueue(workers=1, queue_size=2)
        running_job = asyncio.ensure_future(queue.run(spin, 30.0, timeout=0.3))
        waiting_job = asyncio.ensure_future(queue.run(spin, 30.0, timeout=0.3))
        for job in (running_job, waiting_job):
            try:
                await job
                raise AssertionError("the job should have been stopped")
            except TimeLimit:
                pass
        started = time.monotonic()
        while queue.admitted and time.monotonic() - started < 2:
            await asyncio.sleep(0.01)
        assert queue.admitted == 0
        assert await queue.run(spin, 0.01, timeout=5) == "done"
        queue.shutdown()

    asyncio.run(scenario())
