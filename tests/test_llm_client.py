"""The chat client: retries, Retry-After, timeouts, errors that say the fix, streaming, the answer cache."""

from __future__ import annotations

import pytest

from llm_helpers import Reply, ScriptedLLM, isolated  # noqa: F401 (autouse)
from retold.errors import EngineError
from retold.llm.client import ContextTooLong, LLMClient, cache_key
from retold.llm.config import LLMSettings

ASK = [{"role": "user", "content": "Rewrite it."}]


def client(server: ScriptedLLM, slept: list[float] | None = None, **settings) -> LLMClient:
    values = {"model": "scripted", "base_url": server.url, "cache": False, "retries": 2, "timeout": 5.0}
    values.update(settings)
    return LLMClient(LLMSettings(**values), sleep=(slept.append if slept is not None else lambda s: None))


@pytest.mark.parametrize("stream", [False, True])
def test_answer_and_usage_streaming_or_not(stream):
    with ScriptedLLM([Reply("A faithful answer in several words.")]) as server:
        c = client(server, stream=stream)
        got = c.complete(ASK)
        assert server.requests[0].get("stream", False) is stream
    assert got.text == "A faithful answer in several words." and got.finish_reason == "stop"
    assert c.usage.calls == 1 and c.usage.completion_tokens == 6 and c.usage.prompt_tokens == 2


def test_rate_limit_honours_retry_after_then_server_error_backs_off():
    slept: list[float] = []
    with ScriptedLLM([Reply(status=429, headers={"Retry-After": "3"}), Reply(status=503), Reply("ok")]) as server:
        c = client(server, slept)
        assert c.complete(ASK).text == "ok"
    assert slept == [3.0, 1.0]  # the server's 3 s, then the second step of the backoff
    assert c.usage.calls == 3 and c.usage.retries == 2


def test_retries_are_bounded_and_the_message_says_what_to_do():
    with ScriptedLLM([Reply(status=500, error="boom")]) as server:
        c = client(server, retries=2)
        with pytest.raises(EngineError) as err:
            c.complete(ASK)
        assert len(server.requests) == 3
    assert "HTTP 500 after 3 tries" in str(err.value) and "\n" not in str(err.value)


def test_a_retry_after_longer_than_the_bound_is_not_waited_for():
    slept: list[float] = []
    with ScriptedLLM([Reply(status=429, headers={"Retry-After": "3600"})]) as server:
        with pytest.raises(EngineError, match="429"):
            client(server, slept).complete(ASK)
        assert len(server.requests) == 1
    assert slept == []


def test_timeout_gives_up_with_the_setting_to_raise():
    with ScriptedLLM([Reply("late", delay=1.5)]) as server:
        with pytest.raises(EngineError, match=r"did not answer within 0.3 s .*--llm-timeout"):
            client(server, retries=0, timeout=0.3).complete(ASK)


def test_context_length_error_is_its_own_kind():
    with ScriptedLLM(
        [Reply(status=400, error="prompt is too long: 9000 tokens > 8192 maximum context length")]
    ) as server:
        with pytest.raises(ContextTooLong):
            client(server).complete(ASK)


def test_a_server_without_json_mode_is_asked_again_without_it():
    script = [Reply(status=400, error="response_format is not supported by this server"), Reply('{"items": []}')]
    with ScriptedLLM(script) as server:
        c = client(server)
        assert c.complete(ASK, json_mode=True).text == '{"items": []}'
        assert "response_format" in server.requests[0] and "response_format" not in server.requests[1]
        c.complete(ASK, json_mode=True)
        assert "response_format" not in server.requests[2]  # remembered for this client


def test_unknown_model_lists_the_served_ones():
    with ScriptedLLM([Reply("x")], models=("llama3.2", "mistral")) as server:
        with pytest.raises(EngineError, match=r"Model 'gpt-x' is not served .*--model with one of llama3.2, mistral"):
            client(server, model="gpt-x").complete(ASK)


def test_bad_key_says_where_the_key_comes_from():
    with ScriptedLLM([Reply(status=401, error="invalid api key")]) as server:
        with pytest.raises(EngineError, match="RETOLD_API_KEY or OPENAI_API_KEY"):
            client(server).complete(ASK)


def test_answers_are_cached_in_the_store_and_no_cache_bypasses_it(tmp_path):
    db = str(tmp_path / "store.sqlite3")
    with ScriptedLLM([Reply("first"), Reply("second")]) as server:
        one = client(server, cache=True, db=db)
        assert one.complete(ASK).text == "first"
        one.close()
        two = client(server, cache=True, db=db)
        again = two.complete(ASK)
        two.close()
        assert again.text == "first" and again.cached and two.usage.calls == 0 and two.usage.cache_hits == 1
        fresh = client(server, cache=False, db=db).complete(ASK)
        assert fresh.text == "second" and len(server.requests) == 2


def test_cache_key_depends_on_model_server_prompt_and_parameters():
    base = cache_key("m", "http://a/v1", ASK, {"t": 0.2})
    assert base == cache_key("m", "http://a/v1/", ASK, {"t": 0.2})
    assert (
        len(
            {
                base,
                cache_key("n", "http://a/v1", ASK, {"t": 0.2}),
                cache_key("m", "http://b/v1", ASK, {"t": 0.2}),
                cache_key("m", "http://a/v1", [{"role": "user", "content": "x"}], {"t": 0.2}),
                cache_key("m", "http://a/v1", ASK, {"t": 0.3}),
            }
        )
        == 5
    )


def test_a_server_that_answers_400_for_an_unknown_model_is_understood():
    with ScriptedLLM(
        [Reply(status=400, error="The model `gpt-x` does not exist.")], models=("scripted", "phi3")
    ) as server:
        with pytest.raises(EngineError, match=r"Model 'scripted' is not served .*phi3"):
            client(server).complete(ASK)


def test_a_server_answering_after_the_timeout_gets_one_request_per_try_never_two_at_once():
    import time

    with ScriptedLLM([Reply("late", delay=1.2)]) as server:
        c = LLMClient(LLMSettings(model="scripted", base_url=server.url, cache=False, retries=3, timeout=0.8))
        with pytest.raises(EngineError, match=r"did not answer within 0.8 s \(2 tries, one at a time\)"):
            c.complete(ASK)
        deadline = time.monotonic() + 5
        while len(server.spans) < len(server.requests) and time.monotonic() < deadline:
            time.sleep(0.05)  # the server is still working on the last try
        spans = sorted(server.spans)
    assert len(server.requests) == 2 == c.usage.calls  # a timeout is tried once more, not `retries` times
    assert len(spans) == 2
    assert spans[1][0] >= spans[0][1]  # the second try came only after the server was done with the first


def test_streaming_shows_tokens_so_far_and_says_when_done():
    seen: list[int] = []
    with ScriptedLLM([Reply("word " * 100)]) as server:
        c = client(server, stream=True)
        c.progress = seen.append
        assert c.complete(ASK).text == "word " * 100
    assert seen[:3] == [1, 2, 3] and seen[-1] == -1 and max(seen) >= 10


def test_ctrl_c_closes_the_connection_and_is_not_retried(monkeypatch):
    with ScriptedLLM([Reply("an answer")]) as server:
        c = client(server)
        c.complete(ASK)
        assert c._openai is not None

        def interrupted(*args, **kwargs):
            raise KeyboardInterrupt

        monkeypatch.setattr(c, "_send", interrupted)
        with pytest.raises(KeyboardInterrupt):
            c.complete([{"role": "user", "content": "Another question."}])
    assert c._openai is None and c.usage.calls == 2


def test_the_raw_answer_goes_to_the_log(tmp_path, capsys):
    log = tmp_path / "answers.log"
    with ScriptedLLM([Reply("**Why it matters:** an answer as the model wrote it")]) as server:
        client(server, log=str(log)).complete(ASK, purpose="rewrite")
        client(server, log="-").complete(ASK, purpose="repair")
    assert "llm rewrite answer from scripted" in log.read_text() and "**Why it matters:**" in log.read_text()
    assert "llm repair answer from scripted" in capsys.readouterr().err
