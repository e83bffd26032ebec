"""deskbot's exceptions.

::

    DeskbotError                 base of everything we raise on purpose
    ├── ConfigError              a setting is missing or invalid (stops start-up, one line)
    ├── ClientInputError         a client/analyst sent something we refuse (becomes a 4xx)
    │   ├── NotFoundError        an id that does not exist (404)
    │   └── ConflictError        the request clashes with current state (409)
    ├── AuthError                missing/bad token or session (401/403)
    └── ArticleError             a knowledge-base article cannot be loaded

Anything else is a bug: adapters log it with a reference id and show the client only that id.
"""

from __future__ import annotations


class DeskbotError(Exception):
    """Base of every deliberate deskbot error."""


class ConfigError(DeskbotError):
    """A configuration key is invalid; ``str(err)`` is the one line shown at start-up."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"config error: {key}: {problem}")
        self.key = key
        self.problem = problem


class ClientInputError(DeskbotError):
    """Input we refuse, with a message fit to show to whoever sent it."""

    status_code = 400

    def __init__(self, message: str, *, code: str = "bad_request") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class NotFoundError(ClientInputError):
    """The thing asked for does not exist."""

    status_code = 404

    def __init__(self, message: str, *, code: str = "not_found") -> None:
        super().__init__(message, code=code)


class ConflictError(ClientInputError):
    """The request clashes with the current state (e.g. someone else holds the conversation)."""

    status_code = 409

    def __init__(self, message: str, *, code: str = "conflict") -> None:
        super().__init__(message, code=code)


class AuthError(DeskbotError):
    """Missing or wrong credentials."""

    def __init__(self, message: str = "not authorized", *, status_code: int = 401) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code


class ArticleError(DeskbotError):
    """A knowledge-base article could not be loaded; ``line`` is 1-based when known."""

    def __init__(self, path: str, message: str, *, line: int = 1) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message
