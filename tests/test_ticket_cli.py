"""The analysts' CLI: tickets list/show/status/priority and kb report, against a real database."""

from __future__ import annotations

import json

import pytest

from bot.app import Services
from bot.cli import main
from tests.chat import ANSWERS, Client, answer_rest


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, database_url: str) -> None:
    monkeypatch.setenv("DESKBOT_DATABASE_URL", database_url)


def file_one(services: Services, description: str) -> str:
    client = Client(services)
    client.say(description)
    if client.expects == "kb_feedback":
        client.press("kb_not_solved")
    answer_rest(client, ANSWERS)
    client.press("confirm")
    return str(client.ticket()["number"])


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_list_and_show_a_filed_ticket(services: Services, cli_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    number = file_one(services, "the CR reader in room 2 rejects every cassette with a DICOM send error")
    code, out = run(capsys, "tickets", "list", "--json")
    assert code == 0
    listed = json.loads(out)
    assert [t["number"] for t in listed] == [number]
    assert listed[0]["first_response_due"].endswith(("-06:00", "-05:00"))

    code, out = run(capsys, "tickets", "show", number, "--json")
    shown = json.loads(out)
    assert shown["facts"]["contact_phone"].startswith("816-555-0142")
    assert shown["reasons"]
    assert [e["kind"] for e in shown["events"]] == ["filed"]
    assert shown["transcript"][0]["author"] == "bot"
    assert any(m["author"] == "client" for m in shown["transcript"])

    code, out = run(capsys, "tickets", "show", number)
    assert code == 0 and number in out and "transcript:" in out
    code, out = run(capsys, "tickets", "show", "OSI-999999")
    assert code == 1


def test_status_and_priority_changes_are_recorded(services: Services, cli_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    number = file_one(services, "hanging protocol for chest CT comparisons is wrong on my reading station")
    assert run(capsys, "tickets", "status", number, "waiting_for_client", "--reason", "asked for screenshot")[0] == 0
    assert run(capsys, "tickets", "priority", number, "high", "--reason", "radiologist group affected")[0] == 0
    code, out = run(capsys, "tickets", "list", "--status", "waiting_for_client", "--json")
    listed = json.loads(out)
    assert listed[0]["priority"] == "High"
    shown = json.loads(run(capsys, "tickets", "show", number, "--json")[1])
    kinds = [(e["kind"], e["to"]) for e in shown["events"]]
    assert ("status_change", "waiting_for_client") in kinds
    assert ("priority_change", "High") in kinds


def test_kb_report_counts_outcomes_and_gaps(services: Services, cli_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    solved = Client(services)
    solved.say("how do I reset my PACS password")
    assert solved.expects == "kb_feedback"
    slug = solved.last[-1].payload["articles"][0]["slug"]
    solved.press("kb_solved", article=slug)
    gap = Client(services)
    gap.say("the coffee machine in the reading room is broken")
    code, out = run(capsys, "kb", "report", "--json")
    report = json.loads(out)
    row = next(r for r in report["articles"] if r["slug"] == slug)
    assert row["shown"] >= 1 and row["solved"] == 1
    assert any("coffee machine" in g["query"] for g in report["gaps"])
    code, out = run(capsys, "kb", "report")
    assert code == 0 and slug in out and "content gaps" in out
