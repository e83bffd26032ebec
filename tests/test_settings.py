"""Configuration: defaults, override file, environment, and one clear line for a bad value."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import build_services
from bot.errors import ConfigError
from bot.settings import load_settings


def test_defaults_are_the_desks_rules() -> None:
    settings = load_settings(environ={})
    assert settings.get_str("desk", "phone") == "816-232-7483"
    assert settings.get_str("calendar", "timezone") == "America/Chicago"
    assert settings.database_url.startswith("sqlite:///") and settings.database_url.endswith("var/deskbot.sqlite3")


def test_environment_overrides_any_key_with_its_type() -> None:
    settings = load_settings(
        environ={"DESKBOT_DATABASE_URL": "postgresql+psycopg://db/x", "DESKBOT_SERVER_PORT": "9001", "DESKBOT_AFTER_HOURS_CHANNELS": "portal, email"}
    )
    assert settings.database_url == "postgresql+psycopg://db/x"
    assert settings.get_int("server", "port") == 9001
    assert settings.section("after_hours")["channels"] == ["portal", "email"]


def test_override_file_changes_only_its_keys(tmp_path: Path) -> None:
    path = tmp_path / "site.toml"
    path.write_text('[server]\nport = 8123\n[sla.High]\nresolution = "30h"\n')
    settings = load_settings(path, environ={})
    assert settings.get_int("server", "port") == 8123
    assert settings.get_str("server", "host") == "127.0.0.1"
    assert settings.section("sla")["High"]["resolution"] == "30h"
    assert settings.section("sla")["High"]["first_response"] == "1h"


def test_bad_environment_value_names_the_key() -> None:
    with pytest.raises(ConfigError, match="server.port"):
        load_settings(environ={"DESKBOT_SERVER_PORT": "eighty"})


def test_unknown_key_in_override_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "site.toml"
    path.write_text("[server]\nprot = 8123\n")
    with pytest.raises(ConfigError, match="server.prot"):
        load_settings(path, environ={})


def test_invalid_calendar_value_stops_service_build(tmp_path: Path) -> None:
    settings = load_settings(environ={"DESKBOT_CALENDAR_OPEN": "25:00"}, overrides={"database": {"url": f"sqlite:///{tmp_path}/x.sqlite3"}})
    with pytest.raises(ConfigError, match="calendar.open"):
        build_services(settings)


def test_serve_with_a_bad_value_prints_one_line_and_exits(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "DESKBOT_SLA_HIGH_RESOLUTION": "soon", "DESKBOT_DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "serve", "--port", "0"], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[-1].startswith("config error: sla.High.resolution")
    assert "Traceback" not in result.stderr
