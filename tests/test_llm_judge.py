"""check --judge llm: the rules' findings stay; the sentences they leave open get the model's verdict."""

from __future__ import annotations

import json

import retold
from llm_helpers import Reply, ScriptedLLM, isolated, nato_facts  # noqa: F401 (autouse)
from retold.llm.client import LLMClient
from retold.llm.config import LLMSettings
from retold.llm.judge import LLMJudge

REWRITE = (
    "In September 2021 Kyiv submitted an application to join the alliance.\n\n"
    "Lithuania has pledged to send troops to Ukraine next spring.\n\n"
    "The pair also spoke about how to strengthen Ukrainian forces and air defence systems from missiles and drones.\n"
)


def judged(script):
    facts = nato_facts()
    with ScriptedLLM(script) as server:
        client = LLMClient(LLMSettings(model="scripted", base_url=server.url, cache=False))
        report = retold.check(facts, REWRITE, judge=LLMJudge(client))
        return report, server.requests, retold.check(facts, REWRITE)


def test_judge_verdicts_become_claim_findings_and_rule_findings_stay():
    def script(body):
        prompt = body["messages"][-1]["content"]
        ids = [line.split()[1].rstrip(":") for line in prompt.splitlines() if line.startswith("CLAIM ")]
        verdicts = [{"id": i, "verdict": "not in source", "reason": "the source names no troops"} for i in ids]
        return Reply(json.dumps({"verdicts": verdicts}))

    report, requests, rules_only = judged(script)
    asked = requests[0]["messages"][-1]["content"]
    assert "Lithuania has pledged to send troops" in asked and "SOURCE:" in asked
    assert "September 2021" not in asked  # the rules settled it (a date error): not sent
    assert "The pair also spoke" not in asked  # a near-copy: settled
    rule_keys = {(f.kind, f.start, f.message) for f in rules_only.findings}
    assert rule_keys <= {(f.kind, f.start, f.message) for f in report.findings}
    judge_findings = [f for f in report.findings if f.message.startswith("llm judge (scripted)")]
    assert len(judge_findings) == 1 and judge_findings[0].kind == "claim"
    assert judge_findings[0].severity == "warning" and "no troops" in judge_findings[0].message
    assert judge_findings[0].text.startswith("Lithuania has pledged") and judge_findings[0].evidence


def test_contradicted_is_an_error_and_supported_adds_nothing():
    def script(body):
        prompt = body["messages"][-1]["content"]
        ids = [line.split()[1].rstrip(":") for line in prompt.splitlines() if line.startswith("CLAIM ")]
        return Reply(
            "```json\n"
            + json.dumps(
                {
                    "verdicts": [{"id": ids[0], "verdict": "contradicted", "reason": "\u201cnot discussing\u201d"}]
                    + [{"id": i, "verdict": "supported"} for i in ids[1:]]
                }
            )
            + "\n```"
        )

    report, _requests, rules_only = judged(script)
    extra = [f for f in report.findings if f.message.startswith("llm judge")]
    assert [f.severity for f in extra] == ["error"]
    assert len(report.findings) == len(rules_only.findings) + 1
