"""``deskbot sla``: JSON, the human table, JSON lines on stdin, and one-line errors."""

from __future__ import annotations

import argparse
import io
import json
import os
from pathlib import Path

import pytest

from bot.triage.cli import register


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings read DESKBOT_* from the environment; a developer's shell must not leak in."""
    for name in [n for n in os.environ if n.startswith("DESKBOT_")]:
        monkeypatch.delenv(name)


def run(argv: list[str], capsys: pytest.CaptureFixture[str], *, stdin: str = "") -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="deskbot")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.stdin", io.StringIO(stdin))
        code = args.func(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_for_the_friday_afternoon_ticket(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        ["sla", "--priority", "MEDIUM", "--channel", "portal", "--at", "2026-11-20T16:50:00-06:00", "--json"], capsys
    )
    assert (code, err) == (0, "")
    assert out.count("\n") == 1
    assert json.loads(out) == {
        "priority": "Medium",
        "assessed_priority": "Medium",
        "after_hours": False,
        "first_response_due": "2026-11-23T11:50:00-06:00",
        "next_update_due": "2026-11-23T15:50:00-06:00",
        "resolution_due": "2026-12-04T16:50:00-06:00",
        "next_business_open": "2026-11-20T16:50:00-06:00",
    }


def test_naive_at_is_chicago_time_and_utc_is_converted(capsys: pytest.CaptureFixture[str]) -> None:
    _, naive, _ = run(["sla", "--priority", "emergency", "--channel", "portal", "--at", "2026-06-09T22:00", "--json"], capsys)
    _, utc, _ = run(["sla", "--priority", "Emergency", "--channel", "portal", "--at", "2026-06-10T03:00Z", "--json"], capsys)
    assert json.loads(naive) == json.loads(utc)
    assert json.loads(naive)["priority"] == "Low"
    assert json.loads(naive)["first_response_due"] == "2026-06-10T16:00:00-05:00"


def test_human_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["sla", "--priority", "High", "--channel", "slack", "--at", "2026-06-13T11:00"], capsys)
    assert code == 0
    assert out.splitlines() == [
        "Priority            Low (assessed High; filed via slack while the desk was closed)",
        "First response due  Mon 2026-06-15 16:00 CDT",
        "Next update due     none",
        "Resolution due      none",
        "Next business open  Mon 2026-06-15 08:00 CDT",
    ]


def test_stdin_json_lines_in_order_with_errors_inline(capsys: pytest.CaptureFixture[str]) -> None:
    lines = "\n".join(
        [
            '{"priority": "Emergency", "channel": "phone", "at": "2026-03-08T01:50:00-06:00"}',
            '{"priority": "Medium", "channel": "fax", "at": "2026-06-08T10:00"}',
            "not json",
            "",
            '{"priority": "high", "channel": "phone", "at": "2026-10-30T15:00"}',
            '{"priority": "Low", "channel": "email"}',
        ]
    )
    code, out, err = run(["sla", "-"], capsys, stdin=lines + "\n")
    assert code == 1
    assert err == ""
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == 5
    assert results[0]["first_response_due"] == "2026-03-08T03:05:00-05:00"
    assert results[1] == {"error": "line 2: unknown channel 'fax' (expected one of: portal, slack, discord, email, phone)"}
    assert results[2]["error"].startswith("line 3: not valid JSON")
    assert results[3]["resolution_due"] == "2026-11-04T12:00:00-06:00"
    assert results[4] == {"error": "line 6: 'at' must be text, got None"}


def test_stdin_all_good_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["sla", "-"], capsys, stdin='{"priority": "Low", "channel": "portal", "at": "2026-06-08T09:00"}\n')
    assert code == 0
    assert json.loads(out)["first_response_due"] == "2026-06-08T17:00:00-05:00"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["sla", "--priority", "Urgent", "--channel", "portal", "--at", "2026-06-08T10:00"], "unknown priority 'Urgent'"),
        (["sla", "--priority", "High", "--channel", "fax", "--at", "2026-06-08T10:00"], "unknown channel 'fax'"),
        (["sla", "--priority", "High", "--channel", "portal", "--at", "tomorrow"], "'at' is not ISO 8601: 'tomorrow'"),
        (["sla", "--priority", "High", "--channel", "phone", "--at", "2026-03-08T02:30"], "does not exist in America/Chicago"),
        (["sla", "--priority", "High", "--at", "2026-06-08T10:00"], "missing --channel"),
        (["sla", "-", "--priority", "High"], 'give either "-" or --priority/--channel/--at'),
        (["sla", "tickets.jsonl"], "unexpected argument 'tickets.jsonl'"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2
    assert out == ""
    assert err.startswith("deskbot sla: error: ")
    assert message in err
    assert err.count("\n") == 1


def test_custom_calendar_from_config_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "desk.toml"
    config.write_text('[calendar]\nclosures = ["2026-11-23"]\n', encoding="utf-8")
    code, out, _ = run(
        ["sla", "--priority", "Medium", "--channel", "portal", "--at", "2026-11-20T16:50", "--json", "--config", str(config)],
        capsys,
    )
    assert code == 0
    assert json.loads(out)["first_response_due"] == "2026-11-24T11:50:00-06:00"


def test_invalid_config_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "desk.toml"
    config.write_text('[calendar]\nopen = "25:00"\n', encoding="utf-8")
    code, _, err = run(
        ["sla", "--priority", "Medium", "--channel", "portal", "--at", "2026-11-20T16:50", "--config", str(config)], capsys
    )
    assert code == 2
    assert err == "deskbot sla: error: config error: calendar.open: expected HH:MM, got '25:00'\n"
