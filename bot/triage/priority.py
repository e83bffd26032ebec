"""Priority levels, in the desk's words."""

from __future__ import annotations

from enum import StrEnum


class Priority(StrEnum):
    """The four ticket priorities, highest first."""

    EMERGENCY = "Emergency"
    HIGH = "High"
    MEDIUM = "Medium"
    LOW = "Low"

    @property
    def rank(self) -> int:
        """0 for Emergency … 3 for Low."""
        return list(Priority).index(self)

    def lowered(self) -> Priority:
        """One level lower (Low stays Low)."""
        order = list(Priority)
        return order[min(self.rank + 1, len(order) - 1)]

    @classmethod
    def parse(cls, text: str) -> Priority:
        """Accept any case: 'emergency', 'HIGH'."""
        for p in cls:
            if p.value.lower() == text.strip().lower():
                return p
        raise ValueError(f"unknown priority {text!r} (expected one of: Emergency, High, Medium, Low)")
