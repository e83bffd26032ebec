"""Which deskbot analyst a Slack user is.

The rule, in order: an active deskbot account named exactly like the Slack profile email, then
like the email's part before the @, then like the Slack username. Nobody else may act on a
conversation from Slack; the console's accounts stay the one list of who is an analyst.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Protocol

from bot.adapters.console.accounts import Analyst
from bot.adapters.slack.delivery import SlackPoster

CACHE_SIZE = 2_000


class AnalystAccounts(Protocol):
    """The part of the console's accounts the relay needs."""

    def analyst_named(self, name: str) -> Analyst | None: ...


@dataclass(frozen=True)
class SlackPerson:
    """What users.info tells about a Slack user: the names an account may carry."""

    email: str | None
    username: str | None

    def candidates(self) -> list[str]:
        names = [self.email, self.email.split("@", 1)[0] if self.email else None, self.username]
        return list(dict.fromkeys(n for n in names if n))

    @property
    def suggested(self) -> str:
        """The account name to create for this person."""
        return self.email.split("@", 1)[0] if self.email else self.username or ""


class SlackAnalysts:
    """Maps Slack users to analysts; users.info answers are remembered, the accounts are not
    (a disabled account stops working at once)."""

    def __init__(self, poster: SlackPoster, accounts: AnalystAccounts) -> None:
        self._poster = poster
        self._accounts = accounts
        self._people: OrderedDict[str, SlackPerson] = OrderedDict()
        self._lock = threading.Lock()

    def analyst_for(self, user: str) -> tuple[Analyst | None, SlackPerson]:
        """The analyst account of Slack ``user`` (None when there is none), and who they are."""
        person = self.person(user)
        for name in person.candidates():
            analyst = self._accounts.analyst_named(name)
            if analyst is not None:
                return analyst, person
        return None, person

    def person(self, user: str) -> SlackPerson:
        with self._lock:
            if user in self._people:
                return self._people[user]
        info = self._poster.call("users.info", user=user, attempts=2)
        data = (info or {}).get("user") or {}
        profile = data.get("profile") or {}
        person = SlackPerson(email=str(profile.get("email") or "") or None, username=str(data.get("name") or "") or None)
        if info is not None:
            with self._lock:
                self._people[user] = person
                while len(self._people) > CACHE_SIZE:
                    self._people.popitem(last=False)
        return person
