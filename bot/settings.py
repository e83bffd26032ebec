"""Typed settings: ``config/deskbot.toml`` defaults, an optional override file, then environment.

Environment keys are ``DESKBOT_<SECTION>_<KEY>`` in upper case (dots and dashes become
underscores), e.g. ``DESKBOT_DATABASE_URL`` or ``DESKBOT_SLA_HIGH_RESOLUTION``. A value from the
environment is parsed according to the type of the default it replaces. Secrets (Slack tokens)
are never read from files: see :func:`slack_secrets`.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = PROJECT_ROOT / "config" / "deskbot.toml"
ENV_PREFIX = "DESKBOT_"
PATH_KEYS = {("kb", "dir"), ("kb", "vocabulary"), ("templates", "dir")}


@dataclass(frozen=True)
class Settings:
    """All configuration, merged; sections stay available raw for the modules that own them."""

    raw: Mapping[str, Any]

    def section(self, name: str) -> Mapping[str, Any]:
        """A top-level table, e.g. ``section("calendar")``; empty when absent."""
        value = self.raw.get(name, {})
        return value if isinstance(value, Mapping) else {}

    def get_str(self, section: str, key: str) -> str:
        value = self.section(section).get(key, "")
        if not isinstance(value, str):
            raise ConfigError(f"{section}.{key}", f"expected text, got {value!r}")
        return value

    def get_int(self, section: str, key: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
        value = self.section(section).get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{section}.{key}", f"expected a whole number, got {value!r}")
        if minimum is not None and value < minimum:
            raise ConfigError(f"{section}.{key}", f"must be at least {minimum}, got {value}")
        if maximum is not None and value > maximum:
            raise ConfigError(f"{section}.{key}", f"must be at most {maximum}, got {value}")
        return value

    def get_float(self, section: str, key: str, *, minimum: float | None = None) -> float:
        value = self.section(section).get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{section}.{key}", f"expected a number, got {value!r}")
        if minimum is not None and value < minimum:
            raise ConfigError(f"{section}.{key}", f"must be at least {minimum}, got {value}")
        return float(value)

    def get_bool(self, section: str, key: str) -> bool:
        value = self.section(section).get(key)
        if not isinstance(value, bool):
            raise ConfigError(f"{section}.{key}", f"expected true or false, got {value!r}")
        return value

    def get_path(self, section: str, key: str) -> Path:
        return Path(self.get_str(section, key))

    @property
    def database_url(self) -> str:
        """The configured URL, or the embedded SQLite file under ``./var/``."""
        url = self.get_str("database", "url").strip()
        if not url:
            return f"sqlite:///{Path('var/deskbot.sqlite3').resolve()}"
        if "://" not in url:
            raise ConfigError("database.url", f"not a database URL: {url!r} (e.g. postgresql+psycopg://host/db)")
        return url


def load_settings(
    config_file: str | Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
) -> Settings:
    """Merge defaults, ``config_file`` (or ``$DESKBOT_CONFIG``), environment and ``overrides``."""
    env = os.environ if environ is None else environ
    merged = _read_toml(DEFAULT_CONFIG)
    _resolve_paths(merged, PROJECT_ROOT)
    override_path = config_file or env.get("DESKBOT_CONFIG")
    if override_path:
        layer = _read_toml(Path(override_path))
        _resolve_paths(layer, Path.cwd())
        _merge_into(merged, layer, prefix="")
    _apply_environment(merged, env)
    if overrides:
        _merge_into(merged, {k: dict(v) for k, v in overrides.items()}, prefix="")
    return Settings(raw=merged)


def slack_secrets(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Slack secrets, from the environment only."""
    env = os.environ if environ is None else environ
    keys = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL")
    return {k: env[k] for k in keys if env.get(k)}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError("config", f"file not found: {path}") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError("config", f"{path} is not valid TOML: {err}") from None


def _resolve_paths(table: dict[str, Any], base: Path) -> None:
    for section, key in PATH_KEYS:
        value = table.get(section, {}).get(key)
        if isinstance(value, str) and value and not Path(value).is_absolute():
            table[section][key] = str((base / value).resolve())


def _merge_into(target: dict[str, Any], layer: Mapping[str, Any], *, prefix: str) -> None:
    """Overlay ``layer`` on ``target``; keys the defaults do not know are refused, except new
    tables under ``sla`` (a priority the defaults left out is still checked by the SLA policy)."""
    for key, value in layer.items():
        name = f"{prefix}{key}"
        if key not in target:
            if prefix != "sla." or not isinstance(value, Mapping):
                raise ConfigError(name, "unknown key")
            target[key] = dict(value)
            continue
        current = target[key]
        if isinstance(current, dict):
            if not isinstance(value, Mapping):
                raise ConfigError(name, f"expected a table, got {value!r}")
            _merge_into(current, value, prefix=f"{name}.")
        else:
            target[key] = value


def _env_name(path: list[str]) -> str:
    return ENV_PREFIX + "_".join(p.upper().replace(".", "_").replace("-", "_") for p in path)


def _apply_environment(table: dict[str, Any], env: Mapping[str, str], path: list[str] | None = None) -> None:
    path = path or []
    for key, value in table.items():
        here = [*path, key]
        if isinstance(value, dict):
            _apply_environment(value, env, here)
            continue
        name = _env_name(here)
        if name in env:
            table[key] = _parse_env(name, ".".join(here), env[name], value)


def _parse_env(env_name: str, key: str, text: str, default: Any) -> Any:
    text = text.strip()
    if isinstance(default, bool):
        lowered = text.lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off"}:
            return False
        raise ConfigError(key, f"{env_name}={text!r} is not true or false")
    if isinstance(default, int):
        try:
            return int(text)
        except ValueError:
            raise ConfigError(key, f"{env_name}={text!r} is not a whole number") from None
    if isinstance(default, float):
        try:
            return float(text)
        except ValueError:
            raise ConfigError(key, f"{env_name}={text!r} is not a number") from None
    if isinstance(default, list):
        return [part.strip() for part in text.split(",") if part.strip()]
    if (key.split(".")[0], key.split(".")[-1]) in PATH_KEYS and text and not Path(text).is_absolute():
        return str(Path(text).resolve())
    return text
