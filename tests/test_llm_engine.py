"""The llm engine against a scripted OpenAI-compatible server on 127.0.0.1: whatever it answers, no error is printed."""

from __future__ import annotations

import json

import pytest

import retold
from llm_helpers import ROOT, Reply, ScriptedLLM, answer, errors, extra, isolated, nato_facts  # noqa: F401 (autouse)
from retold.errors import EngineError
from retold.render import draft_text
from retold.types import Options

PLANTED_KINDS = {"entity", "quote", "attribution", "date", "number", "boilerplate", "leakage"}


def run(server: ScriptedLLM, style: str = "explainer", **more: object):
    facts = nato_facts()
    draft = retold.rewrite(facts, style=style, engine="llm", options=Options(extra=extra(server, **more)))
    return draft, retold.check(facts, draft_text(draft))


def model_items(draft) -> int:
    return draft.stats["items"]["from_model"]


def test_planted_errors_of_every_kind_never_reach_the_output():
    planted = answer("planted.json")
    facts = nato_facts()
    before = retold.check(facts, draft_text(_as_draft(planted)))
    assert PLANTED_KINDS <= {f.kind for f in errors(before)}  # the answer carries an error of every kind
    with ScriptedLLM([Reply(planted), Reply("I cannot improve these.")]) as server:
        draft, report = run(server)
    assert errors(report) == []
    text = draft_text(draft)
    for wrong in ("Latvian", "1996", "September 2021", "three days", "Subscribe", "no links", "never admit"):
        assert wrong not in text
    # the faithful items stay the model's
    assert "The pair also spoke about how to strengthen Ukrainian forces" in text
    assert "Citing multiple diplomats, Reuters reported" in text
    items = draft.stats["items"]
    # six of the eleven items carry a planted error (the call to subscribe and the prompt leak share one)
    assert items["from_model"] == 11 and items["kept"] >= 4 and items["replaced"] + items["dropped"] == 6
    assert items["kept"] + items["repaired"] + items["replaced"] + items["dropped"] == items["from_model"]
    printed = sum(len(s.items) for s in draft.sections if s.key != "go-deeper")
    assert items["kept"] + items["repaired"] + items["builtin"] == printed  # the account is what was printed
    assert any("replaced an item of driving-the-news" in n and "Latvian" in n for n in draft.notes)


def _as_draft(text: str):
    from retold.llm.parse import parse_answer
    from retold.rewrite.builtin import BuiltinEngine
    from retold.rewrite.llm import _assemble
    from retold.styles import get_style

    facts, style = nato_facts(), get_style("explainer")
    builtin = BuiltinEngine().rewrite(facts, style, Options())
    return _assemble(parse_answer(text, style, len(facts.sentences)), facts, style, builtin, 10_000)


def test_repairs_go_back_to_the_model_with_the_findings_and_are_kept_when_clean():
    planted = answer("planted.json")
    fixed = {"items": []}

    def script(body):
        prompt = body["messages"][-1]["content"]
        if "FACT-CHECK ERRORS" not in prompt:
            return Reply(planted)
        for line in prompt.splitlines():
            if line.startswith("ITEM ") and "Budapest" in line:
                ident = line.split()[1]
                fixed["items"].append(
                    {
                        "id": ident,
                        "text": "In 1994 under the Budapest Memorandum Ukraine gave up its Soviet-era nuclear weapons.",
                        "sources": [12],
                    }
                )
        return Reply(json.dumps(fixed))

    with ScriptedLLM(script) as server:
        draft, report = run(server, repair=1)
        repair_prompts = [r["messages"][-1]["content"] for r in server.requests[1:]]
    assert errors(report) == []
    assert len(repair_prompts) == 1  # --repair 1: one round
    assert "1996" in repair_prompts[0] and "1994" in repair_prompts[0]  # the finding and its evidence
    assert "In 1994 under the Budapest Memorandum Ukraine gave up its Soviet-era nuclear weapons." in draft_text(draft)
    assert draft.stats["items"]["repaired"] == 1


def test_unfaithful_markdown_answer_is_audited_and_says_what_it_replaced():
    with ScriptedLLM([Reply(answer("unfaithful.md"))]) as server:
        draft, report = run(server, repair=0)
    assert errors(report) == []
    assert draft.stats["answer"] == "markdown"
    assert "Ukraine and Lithuania push for NATO path" in draft_text(draft)
    assert any("replaced" in n for n in draft.notes)


def test_faithful_prose_is_kept_almost_whole():
    with ScriptedLLM([Reply(answer("faithful.txt"))]) as server:
        draft, report = run(server)
    assert errors(report) == []
    items = draft.stats["items"]
    assert draft.stats["answer"] == "prose" and items["from_model"] >= 5
    assert items["kept"] >= items["from_model"] - 1
    assert len(server.requests) == 1  # nothing to repair


@pytest.mark.parametrize(
    ("reply", "said"),
    [
        (Reply("I'm sorry, but I can't help with rewriting this article."), "refused"),
        (Reply(""), "empty answer"),
        (Reply("", refusal="I can't assist with that."), "refused"),
    ],
)
def test_refusal_or_empty_answer_falls_back_to_the_builtin_rewrite(reply, said):
    with ScriptedLLM([reply]) as server:
        draft, report = run(server)
    assert errors(report) == []
    # the builtin rewrite is printed whole, and the draft says so
    assert draft.engine == "builtin" and draft.sections and draft.stats["items"]["whole_builtin"] is True
    assert any(said in n and "printed instead, whole" in n for n in draft.notes)


def test_malformed_and_truncated_json_still_gives_items():
    broken = answer("planted.json")[:1500]  # cut mid-answer, as a max_tokens stop leaves it
    with ScriptedLLM([Reply("```json\n" + broken, finish_reason="length")]) as server:
        draft, report = run(server, repair=0)
    assert errors(report) == []
    assert draft.stats["answer"] == "repaired-json" and model_items(draft) >= 2


def test_context_length_error_shortens_the_fact_sheet_and_asks_again():
    too_long = Reply(status=400, error="This model's maximum context length is 4096 tokens.")
    with ScriptedLLM([too_long, Reply(answer("faithful.txt"))]) as server:
        draft, report = run(server)
        first, second = (r["messages"][-1]["content"] for r in server.requests[:2])
    assert errors(report) == [] and len(second) < len(first)
    assert any("shortened" in n for n in draft.notes)


def test_server_errors_and_rate_limits_are_retried():
    script = [Reply(status=500), Reply(status=429, headers={"Retry-After": "0"}), Reply(answer("faithful.txt"))]
    with ScriptedLLM(script) as server:
        draft, report = run(server)
    assert errors(report) == [] and draft.stats["usage"]["retries"] == 2
    assert draft.stats["items"]["kept"] >= 5


def test_streaming_answers_are_read_whole():
    with ScriptedLLM([Reply(answer("planted.json"))]) as server:
        draft, report = run(server, stream="true", repair=0)
        assert server.requests[0]["stream"] is True
    assert errors(report) == [] and draft.stats["answer"] == "json"


def test_a_stream_cut_mid_answer_is_audited_like_any_other():
    with ScriptedLLM([Reply(answer("planted.json"), cut=True)]) as server:
        draft, report = run(server, stream="true", repair=0)
    assert errors(report) == []


@pytest.mark.parametrize("style", ["brief", "summary", "thread", "newsletter"])
def test_every_style_with_an_unfaithful_model_has_no_errors(style):
    with ScriptedLLM([Reply(answer("unfaithful.md"))]) as server:
        draft, report = run(server, style=style, repair=0)
    assert errors(report) == []
    if style == "thread":
        assert all(len(i.text) <= 280 for s in draft.sections for i in s.items)


def test_unknown_model_and_unreachable_server_say_what_to_fix():
    with ScriptedLLM([Reply("{}")], models=("llama3.2", "qwen2.5")) as server:
        with pytest.raises(EngineError, match="not served at .*llama3.2, qwen2.5"):
            run(server)
    with pytest.raises(EngineError, match="Cannot reach the LLM server .*--base-url"):
        retold.rewrite(
            nato_facts(),
            engine="llm",
            options=Options(
                extra=(("model", "m"), ("base_url", "http://127.0.0.1:9/v1"), ("retries", "0"), ("cache", "false"))
            ),
        )


def _section_texts(draft) -> dict[str, list[str]]:
    return {s.key: [i.text for i in s.items] for s in draft.sections}


def test_a_smart_brevity_answer_of_nine_faithful_items_keeps_all_nine_in_their_sections():
    with ScriptedLLM([Reply(answer("smart-brevity.md"))]) as server:
        draft, report = run(server)
    assert errors(report) == []
    items = draft.stats["items"]
    assert items["from_model"] == 9 and items["kept"] == 9 and items["builtin"] == 0
    got = _section_texts(draft)
    assert [
        len(got.get(k, []))
        for k in ("driving-the-news", "why-it-matters", "what-theyre-saying", "big-picture", "whats-next")
    ] == [2, 1, 3, 2, 1]
    assert got["why-it-matters"][0].startswith("The Ukrainian Foreign Ministry said")  # the label is gone
    assert not any(
        "**" in t or t.lower().startswith(("why it matters", "driving the news")) for ts in got.values() for t in ts
    )
    assert len(server.requests) == 1  # nothing to repair


def test_faithful_prose_of_ten_lines_keeps_every_line_the_style_has_room_for():
    # ten faithful paraphrases of the example; the explainer's text sections hold nine of them
    with ScriptedLLM([Reply(answer("faithful-10.txt")), Reply('{"items": []}')]) as server:
        draft, report = run(server)
    assert errors(report) == []
    items = draft.stats["items"]
    assert items["from_model"] == 9
    assert items["kept"] == 9  # all it has room for


def test_the_seed_ai_rewrite_keeps_its_faithful_line_and_loses_every_planted_error():
    seed = (ROOT / "tests" / "data" / "rewrites" / "nato-ai-rewrite.md").read_text(encoding="utf-8")
    with ScriptedLLM([Reply(seed), Reply('{"items": []}')]) as server:
        draft, report = run(server)
    assert errors(report) == []
    text = draft_text(draft)
    for wrong in ("Latvian", "December 2", "no links", "NAFTA", "October 2022", "certainly", "Subscribe", "Putin"):
        assert wrong not in text
    assert draft.engine == "llm" and draft.stats["items"]["kept"] >= 1
    assert "Mark Rutte said the future of Ukraine is in NATO" in text


def test_an_unsupported_model_item_is_not_printed_though_the_rules_only_warn():
    invented = {
        "sections": {
            "driving-the-news": [
                {
                    "text": "Ukraine's foreign minister Andriy Sybiha met his Lithuanian counterpart Gabrielius Landsbergis in Brussels.",
                    "sources": [0],
                },
                {
                    "text": "Observers expect a sweeping overhaul of the alliance's whole approach to its eastern members.",
                    "sources": [1],
                },
            ]
        }
    }
    before = retold.check(nato_facts(), "# H\n\n- " + invented["sections"]["driving-the-news"][1]["text"])
    assert errors(before) == [] and any(f.kind == "claim" for f in before.findings)  # only a warning for the rules
    with ScriptedLLM([Reply(json.dumps(invented)), Reply('{"items": []}')]) as server:
        draft, report = run(server)
    assert "sweeping overhaul" not in draft_text(draft)
    assert any("no source sentence says this" in n for n in draft.notes)
    assert draft.stats["items"]["kept"] == 1


def test_the_fallback_headline_is_read_by_the_ordinary_rules_not_the_model_rule():
    made_up = {
        "headline": {"text": "Ukraine-Lithuania: The EU's role in the peace process", "sources": []},
        "sections": {
            "driving-the-news": [
                {
                    "text": "The pair also spoke about how to strengthen Ukrainian forces and air defence systems from missiles and drones.",
                    "sources": [1],
                }
            ]
        },
    }
    with ScriptedLLM([Reply(json.dumps(made_up)), Reply('{"items": []}')]) as server:
        draft, report = run(server)
    assert errors(report) == []
    assert "peace process" not in draft.headline.text
    headline_steps = [n for n in draft.notes if "the headline" in n]
    assert len(headline_steps) == 1 and "replaced the headline" in headline_steps[0]


def test_the_builtin_draft_is_built_once_on_the_llm_path(monkeypatch):
    from retold.rewrite import builtin

    calls = []
    real = builtin.BuiltinEngine.rewrite

    def counted(self, *args, **kwargs):
        calls.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(builtin.BuiltinEngine, "rewrite", counted)
    with ScriptedLLM([Reply(answer("planted.json")), Reply("I cannot improve these.")]) as server:
        run(server)
    assert len(calls) == 1
