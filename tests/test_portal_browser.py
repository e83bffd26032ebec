"""The portal chat page in headless Debian chromium, against the real app over real HTTP."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import Services
from bot.storage.models import User
from bot.web import create_app
from tests.browser import Browser, find_chromium
from tests.conftest import FakeClock
from tests.servers import serve_app

pytestmark = pytest.mark.browser

CHROMIUM = find_chromium()
if CHROMIUM is None:
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)

XSS = "<img src=x onerror=alert(1)>"
ANSWERS = {
    "scope": "just me, on one reading workstation",
    "outage_check": "no, other workstations open studies fine",
    "patient_care": "no",
    "workaround": "yes, I can read on the workstation next door",
    "pacs_admin": "yes, Dana our PACS admin knows",
    "tried": f"rebooted the workstation and pasted this from the log: {XSS}",
    "recent_change": "nothing changed",
    "contact_phone": "816-555-0142",
    "department_line": "816-555-0100",
    "contact_email": "r.tech@stmarys-hospital.example.org",
}
LAST_EXPECTS = "(() => { const m = [...document.querySelectorAll('#messages .msg-bot')].pop(); return m ? (m.dataset.expects || '') : null; })()"
MESSAGE_COUNT = "document.querySelectorAll('#messages .msg').length"


@pytest.fixture
def base_url(services: Services) -> Iterator[str]:
    with serve_app(create_app(services)) as url:
        yield url


@pytest.fixture
def browser() -> Iterator[Browser]:
    assert CHROMIUM is not None
    with Browser(CHROMIUM) as driver:
        yield driver
        assert driver.errors == [], f"JavaScript errors on the page: {driver.errors}"


def conversation_id(browser: Browser) -> str:
    """The conversation id the page keeps in sessionStorage."""
    return str(json.loads(browser.evaluate("sessionStorage.getItem('deskbot.conversation')"))["id"])


def send_text(browser: Browser, text: str) -> None:
    """Type into the box and press Enter, then wait until the turn's replies are shown."""
    before = browser.evaluate(MESSAGE_COUNT)
    browser.focus("#input")
    browser.type(text)
    browser.press("Enter")
    browser.wait_for(f"{MESSAGE_COUNT} >= {before + 2} && !document.querySelector('#input').disabled")


def press_action(browser: Browser, action: str) -> None:
    before = browser.evaluate(MESSAGE_COUNT)
    browser.click(f'.actions button[data-action="{action}"]')
    browser.wait_for(f"{MESSAGE_COUNT} >= {before + 2} && !document.querySelector('#input').disabled")


def test_client_reaches_a_ticket_through_the_page(base_url: str, browser: Browser, tmp_path: Path) -> None:
    browser.goto(base_url + "/")
    browser.wait_for("!!document.querySelector('#messages .msg-bot')")
    assert browser.evaluate("document.activeElement.id") == "input"
    assert browser.evaluate("document.querySelector('#messages').getAttribute('aria-live')") == "polite"

    send_text(browser, "Since this morning the PACS viewer won't launch on my reading workstation; clicking a study link in the EMR does nothing.")
    cards = browser.wait_for("[...document.querySelectorAll('.article-card a.article-title')].map(a => [a.getAttribute('href'), a.target])")
    assert cards and all(href.startswith("/kb/") and target == "_blank" for href, target in cards)
    if len(cards) > 1:
        assert browser.evaluate("document.querySelectorAll('.article-card button.solved').length") == len(cards)
    assert browser.evaluate("document.activeElement.id") == "input"

    press_action(browser, "kb_not_solved")
    reasked = False
    for _ in range(15):
        expects = browser.evaluate(LAST_EXPECTS)
        if expects == "confirm":
            break
        assert expects in ANSWERS, f"unexpected question {expects!r}"
        if expects == "contact_email" and not reasked:
            send_text(browser, "r.tech at stmarys")
            assert browser.evaluate(LAST_EXPECTS) == "contact_email", "an invalid email must be asked again"
            reasked = True
            continue
        send_text(browser, ANSWERS[expects])
    assert browser.evaluate(LAST_EXPECTS) == "confirm"
    assert reasked

    press_action(browser, "confirm")
    card = browser.wait_for(
        "(() => { const c = document.querySelector('.ticket-card'); return c && {"
        " number: c.querySelector('.ticket-number').textContent,"
        " priority: c.querySelector('.priority').textContent,"
        " rows: [...c.querySelectorAll('dt')].map(dt => [dt.textContent, dt.nextElementSibling.textContent]) }; })()"
    )
    assert re.fullmatch(r"OSI-\d{6}", card["number"])
    assert card["priority"] in {"Low", "Medium", "High", "Emergency"}
    rows = dict(card["rows"])
    assert re.search(r"\d{1,2}:\d{2} [AP]M C[SD]T", rows["First response by"]), rows
    before_reload = conversation_id(browser)

    browser.reload()
    browser.wait_for("!!document.querySelector('.ticket-card')")
    assert conversation_id(browser) == before_reload
    assert browser.evaluate("document.querySelector('.ticket-number').textContent") == card["number"]
    browser.evaluate("window.alert = () => { window.__alerted = true; }")
    send_text(browser, f"One more thing: {XSS}")
    client_texts = browser.evaluate("[...document.querySelectorAll('.msg-client .msg-body')].map(b => b.textContent)")
    assert f"One more thing: {XSS}" in client_texts
    assert any(XSS in text for text in client_texts[:-1]), "the earlier answer must show literally too"
    assert browser.evaluate("document.querySelectorAll('#messages img').length") == 0
    assert browser.evaluate("window.__alerted === true") is False

    browser.screenshot(tmp_path / "portal-desktop.png")
    browser.resize(360, 740)
    assert browser.evaluate("document.documentElement.scrollWidth") <= 360
    browser.screenshot(tmp_path / "portal-360.png")


def test_analyst_message_arrives_over_the_stream(
    base_url: str, browser: Browser, services: Services, clock: FakeClock
) -> None:
    browser.goto(base_url + "/")
    browser.wait_for("!!document.querySelector('#messages .msg-bot')")
    send_text(browser, "Studies from the CT scanner have not arrived in PACS since 9 am.")
    talk = conversation_id(browser)
    with services.sessions() as session:
        analyst = User(name="dana", display_name="Dana Whitfield", role="analyst", password_hash="-", created_at=clock())
        session.add(analyst)
        session.commit()
        analyst_id = analyst.id
    services.conversations.takeover(talk, analyst_id=analyst_id, analyst_name="Dana Whitfield")
    services.conversations.analyst_message(
        talk, analyst_id=analyst_id, analyst_name="Dana Whitfield", text="Hi, I'm looking at the CT router now."
    )
    author = browser.wait_for("(() => { const m = document.querySelector('.msg-analyst'); return m && m.querySelector('.msg-author').textContent; })()")
    assert "Dana Whitfield" in author
    assert browser.evaluate("document.querySelector('.msg-analyst .msg-body').textContent") == "Hi, I'm looking at the CT router now."
    assert browser.evaluate("document.querySelectorAll('.msg-system').length") == 1
    seqs = browser.evaluate("[...document.querySelectorAll('#messages .msg')].map(m => Number(m.dataset.seq))")
    assert seqs == sorted(set(seqs)), "messages must be unique and in order"


def test_failed_send_keeps_the_text_and_shows_the_error(base_url: str, browser: Browser) -> None:
    browser.goto(base_url + "/")
    browser.wait_for("!!document.querySelector('#messages .msg-bot')")
    browser.evaluate(
        "window.fetch = async () => new Response(JSON.stringify({error: {code: 'text_too_long', message: 'The message is too long.'}}),"
        " {status: 400, headers: {'Content-Type': 'application/json'}}); true"
    )
    browser.focus("#input")
    browser.type("The worklist is empty")
    browser.press("Enter", shift=True)
    browser.type("for all CT rooms")
    browser.press("Enter")
    error = browser.wait_for("(() => { const e = document.querySelector('#error'); return !e.hidden && e.textContent; })()")
    assert error == "The message is too long."
    assert browser.evaluate("document.querySelector('#input').value") == "The worklist is empty\nfor all CT rooms"
    assert browser.evaluate("document.activeElement.id") == "input"
    assert browser.evaluate("document.querySelectorAll('.msg-client').length") == 0

    browser.evaluate("document.querySelector('#input').value = ''; true")
    browser.type("x" * 4001)
    assert browser.evaluate("document.querySelector('#counter').textContent") == "4,001 / 4,000"
    assert browser.evaluate("document.querySelector('#counter').classList.contains('over')") is True
