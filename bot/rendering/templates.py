"""Client-facing wording: Jinja2 templates under ``config/templates/``, per channel.

A channel may override any template by putting a file of the same name in
``config/templates/<channel>/``; otherwise the shared one is used. Templates produce
markdown-light text (``**bold**``, ``[link](url)``, ``- bullets``) that each adapter converts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape


class Templates:
    """Renders named templates for a channel with the desk's details in every context."""

    def __init__(self, directory: Path, *, timezone: ZoneInfo, desk: Mapping[str, Any]) -> None:
        self._directory = directory
        self._timezone = timezone
        self._desk = dict(desk)
        self._environments: dict[str, Environment] = {}

    def render(self, name: str, *, channel: str = "portal", **context: Any) -> str:
        template = self._environment(channel).get_template(f"{name}.md.j2")
        return template.render(desk=self._desk, channel=channel, **context).strip()

    def _environment(self, channel: str) -> Environment:
        env = self._environments.get(channel)
        if env is None:
            env = Environment(
                loader=FileSystemLoader([self._directory / channel, self._directory]),
                autoescape=select_autoescape(enabled_extensions=(), default_for_string=False),
                undefined=StrictUndefined,
                trim_blocks=True,
                lstrip_blocks=True,
                keep_trailing_newline=False,
            )
            env.filters["when"] = self._when
            env.filters["every"] = every
            self._environments[channel] = env
        return env

    def _when(self, value: datetime | None) -> str:
        """'Mon Nov 23, 11:50 AM CST' in the desk's time zone."""
        if value is None:
            return "—"
        local = value.astimezone(self._timezone)
        return local.strftime("%a %b %-d, %-I:%M %p %Z")


def every(duration: str, clock: str = "24x7") -> str:
    """'1h' → 'every hour, around the clock'; '4h' on business time → 'every 4 business hours'."""
    match = re.fullmatch(r"\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*", duration or "")
    hours, minutes = (int(match.group(1) or 0), int(match.group(2) or 0)) if match else (0, 0)
    business = clock == "business"
    unit = "business hour" if business else "hour"
    if hours and not minutes:
        text = f"every {unit}" if hours == 1 else f"every {hours} {unit}s"
    elif minutes and not hours:
        text = f"every {minutes} {'business ' if business else ''}minutes"
    else:
        text = f"every {duration}"
    return text if business else f"{text}, around the clock"
