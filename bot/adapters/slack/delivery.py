"""Calls to the Slack Web API with retries: 429s wait ``Retry-After``, server errors back off.

A post that still fails is logged with a reference id and dropped; the client's message and the
bot's reply are already in the store, so nothing the client said is lost, and an analyst sees
the whole conversation in the console.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Mapping
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web import WebClient

log = logging.getLogger("deskbot.slack.delivery")

# Errors Slack documents as transient; anything else (channel_not_found, invalid_blocks…) is ours.
MAX_RETRY_AFTER = 120.0
RETRYABLE_ERRORS = frozenset({"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"})


class SlackPoster:
    """One place every Web API call goes through, so retry and logging are the same for all."""

    def __init__(
        self,
        client: WebClient,
        *,
        attempts: int = 6,
        base_delay: float = 0.5,
        max_delay: float = 30.0,
        stop: threading.Event | None = None,
    ) -> None:
        self.client = client
        self._attempts = attempts
        self._base_delay = base_delay
        self._max_delay = max_delay
        self._stop = stop or threading.Event()

    def call(self, method: str, *, attempts: int | None = None, **arguments: Any) -> dict[str, Any] | None:
        """Call ``method`` (e.g. ``"chat.postMessage"``); the response data, or None after giving up."""
        function = getattr(self.client, method.replace(".", "_"))
        tries = attempts or self._attempts
        for attempt in range(1, tries + 1):
            try:
                response = function(**arguments)
                return dict(response.data) if isinstance(response.data, Mapping) else {}
            except SlackApiError as err:
                delay = self._delay_after_api_error(err, attempt)
                if delay is None:
                    _give_up(method, f"Slack answered {err.response.get('error')!r}")
                    return None
            except (OSError, TimeoutError) as err:
                delay = self._backoff(attempt)
                log.warning("slack %s failed (%s); attempt %d of %d", method, type(err).__name__, attempt, tries)
            if attempt == tries:
                break
            if self._stop.wait(delay):
                break
        _give_up(method, f"still failing after {tries} attempts")
        return None

    def close(self) -> None:
        """Stop waiting between retries (shutdown)."""
        self._stop.set()

    def _delay_after_api_error(self, err: SlackApiError, attempt: int) -> float | None:
        status = err.response.status_code
        error = str(err.response.get("error") or "")
        if status == 429:
            retry_after = _header(err.response.headers, "Retry-After")
            delay = float(retry_after) if retry_after and retry_after.isdigit() else self._backoff(attempt)
            log.warning("slack rate limit (429); retrying after %.1f s", delay)
            return min(delay, MAX_RETRY_AFTER)
        if status >= 500 or error in RETRYABLE_ERRORS:
            delay = self._backoff(attempt)
            log.warning("slack error %s %r; retrying in %.1f s", status, error, delay)
            return delay
        return None

    def _backoff(self, attempt: int) -> float:
        return float(min(self._max_delay, self._base_delay * 2 ** (attempt - 1)))


def _header(headers: Mapping[str, Any], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name.lower():
            return str(value[0] if isinstance(value, list) else value).strip()
    return None


def _give_up(method: str, why: str) -> None:
    reference = secrets.token_hex(6)
    log.error("slack %s not delivered, reference %s: %s", method, reference, why)
