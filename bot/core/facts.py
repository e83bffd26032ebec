"""The intake facts a conversation collects, shared by the engine, extraction and triage.

Every field is optional: ``None`` means "not known yet", which is different from a
negative answer. Extraction fills what the client volunteers; the engine asks for the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any


class Scope(StrEnum):
    """Who is affected."""

    ONE_USER = "one_user"
    GROUP = "group"  # several users, not everyone at a site
    SITE = "site"  # everyone at one or more sites


class Kind(StrEnum):
    """What the client brings: a fault, a question or a request."""

    INCIDENT = "incident"
    QUESTION = "question"
    REQUEST = "request"


@dataclass
class Facts:
    """What is known about the client's problem."""

    description: str | None = None
    kind: Kind | None = None
    affected_systems: list[str] = field(default_factory=list)
    error_text: str | None = None
    scope: Scope | None = None
    users: int | None = None
    sites: int | None = None
    patient_care: bool | None = None  # care directly affected now
    workaround: bool | None = None
    core_function_down: bool | None = None  # viewing/storing/retrieving down for a whole site
    confined: bool | None = None  # to one workstation, device/modality or interface
    critical_component_failed: bool | None = None
    total_loss: bool | None = None  # viewing/storing/retrieving described as failing completely for those affected
    minor_function: bool | None = None  # only a non-critical function fails (printing, CDs, templates…)
    essential_task_blocked: bool | None = None  # e.g. primary reading
    test_system: bool | None = None
    cosmetic: bool | None = None
    pacs_admin_contacted: bool | None = None
    is_pacs_admin: bool | None = None
    tried: str | None = None
    recent_change: str | None = None  # "none" when the client says nothing changed
    contact_phone: str | None = None
    department_line: str | None = None
    contact_email: str | None = None

    def merge(self, other: Facts) -> list[str]:
        """Fill fields that are unknown here from ``other``; return the names filled."""
        filled: list[str] = []
        for f in fields(self):
            mine = getattr(self, f.name)
            theirs = getattr(other, f.name)
            if f.name == "affected_systems":
                new = [s for s in theirs if s not in mine]
                if new:
                    mine.extend(new)
                    filled.append(f.name)
            elif mine is None and theirs is not None:
                setattr(self, f.name, theirs)
                filled.append(f.name)
        return filled

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (enums as their values)."""
        data: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            data[f.name] = value.value if isinstance(value, StrEnum) else list(value) if isinstance(value, list) else value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Facts:
        """Rebuild facts saved with :meth:`to_json`; unknown keys are ignored."""
        known = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in known}
        if kwargs.get("scope") is not None:
            kwargs["scope"] = Scope(kwargs["scope"])
        if kwargs.get("kind") is not None:
            kwargs["kind"] = Kind(kwargs["kind"])
        kwargs["affected_systems"] = list(kwargs.get("affected_systems") or [])
        return cls(**kwargs)
