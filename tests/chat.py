"""A scripted client for conversation tests."""

from __future__ import annotations

from bot.app import Services
from bot.core.messages import Inbound
from bot.core.ports import StoredMessage


class Client:
    """A client typing into one conversation."""

    def __init__(self, services: Services) -> None:
        self.services = services
        started = services.conversations.start(channel="portal")
        self.id = started.record.id
        self.last = started.messages

    def say(self, text: str) -> list[StoredMessage]:
        self.last = self.services.conversations.post(self.id, Inbound(text=text))
        return self.last

    def press(self, action: str, article: str | None = None) -> list[StoredMessage]:
        self.last = self.services.conversations.post(self.id, Inbound(action=action, article=article))
        return self.last

    @property
    def expects(self) -> str | None:
        return self.last[-1].expects

    @property
    def text(self) -> str:
        return "\n".join(m.text for m in self.last)

    def ticket(self) -> dict[str, object]:
        tickets = [m.payload["ticket"] for m in self.last if m.payload.get("ticket")]
        assert tickets, f"no ticket in: {self.text}"
        return tickets[-1]


def answer_rest(client: Client, answers: dict[str, str]) -> None:
    """Answer whatever the bot asks until the summary, from a table of answers per question."""
    for _ in range(20):
        if client.expects == "confirm":
            return
        assert client.expects in answers, f"unexpected question {client.expects}: {client.text}"
        client.say(answers[client.expects])
    raise AssertionError("intake did not reach the summary")


ANSWERS = {
    "scope": "just me",
    "patient_care": "no",
    "workaround": "yes, I can use the workstation next door",
    "outage_check": "no",
    "pacs_admin": "yes, Dana our PACS admin looked at it",
    "tried": "rebooted the workstation",
    "recent_change": "nothing changed",
    "contact_phone": "816-555-0142 x221",
    "department_line": "816-555-0100",
    "contact_email": "r.tech@stmarys-hospital.org",
}
