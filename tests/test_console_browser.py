"""The console page end to end in headless Chromium (driven over the DevTools protocol):
sign in, see the client's conversation, take it over, write to the client — who reads it in the
portal API — and see the client's answer arrive live, rendered as text."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest

from tests.browser import Browser, find_chromium
from tests.console_client import PASSWORD, Desk

CHROMIUM = find_chromium()
pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium")]


@pytest.fixture
def page() -> Iterator[Browser]:
    assert CHROMIUM is not None
    with Browser(CHROMIUM) as browser:
        yield browser


def test_an_analyst_takes_over_and_chats_with_a_portal_client_from_the_console_page(desk: Desk, page: Browser) -> None:
    client = desk.portal()
    client.say("the modality worklist on the ultrasound in room 4 is empty this morning")

    page.goto(f"{desk.base}/console")
    page.wait_for("!document.getElementById('signin').hidden")
    page.focus("#signin-name")
    page.type("ana")
    page.focus("#signin-password")
    page.type(PASSWORD)
    page.press("Enter")
    page.wait_for("!document.getElementById('app').hidden")
    assert page.evaluate("document.getElementById('whoami').textContent") == "Ana Lindqvist (analyst)"
    row = f'.queue-row[data-conversation="{client.id}"]'
    page.wait_for(f"!!document.querySelector({json.dumps(row)})")
    assert "ultrasound in room 4" in page.evaluate(f"document.querySelector({json.dumps(row)}).textContent")
    page.click(row)
    page.wait_for("document.getElementById('facts').textContent.includes('ultrasound in room 4')")

    page.click("#takeover")
    page.wait_for("!document.getElementById('handback').hidden")
    page.focus("#composer-text")
    page.type("Hi, this is Ana from the desk. Is the MWL server reachable?")
    page.click("#send")
    deadline = time.monotonic() + 10
    while not any(m["author"] == "analyst" for m in client.transcript()):
        assert time.monotonic() < deadline, "the analyst's message never reached the client"
        time.sleep(0.05)
    message = next(m for m in client.transcript() if m["author"] == "analyst")
    assert (message["author_name"], message["text"]) == ("Ana Lindqvist", "Hi, this is Ana from the desk. Is the MWL server reachable?")

    assert client.say("<img src=x onerror=alert(1)> yes, I can ping it") == []
    page.wait_for("document.getElementById('transcript').textContent.includes('yes, I can ping it')")
    assert page.evaluate("document.querySelectorAll('#transcript img').length") == 0
    assert "&lt;img" in page.evaluate("document.getElementById('transcript').innerHTML")
    assert page.errors == []
