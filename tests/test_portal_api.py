"""The portal API over real HTTP on loopback, against the real app and database."""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from bot.app import Services, build_services
from bot.settings import Settings, load_settings
from bot.storage.models import User
from bot.web import create_app
from tests.chat import ANSWERS
from tests.conftest import FakeClock
from tests.servers import serve_app

MESSAGE_KEYS = {"seq", "author", "author_name", "text", "expects", "actions", "articles", "ticket", "created_at"}


@pytest.fixture
def base_url(services: Services) -> Iterator[str]:
    with serve_app(create_app(services)) as url:
        yield url


def start(base_url: str) -> tuple[str, dict[str, str], str]:
    response = httpx.post(f"{base_url}/api/conversations")
    assert response.status_code == 201
    body = response.json()
    return body["id"], {"Authorization": f"Bearer {body['token']}"}, f"{base_url}/api/conversations/{body['id']}/messages"


def test_start_returns_id_token_and_greeting(base_url: str) -> None:
    response = httpx.post(f"{base_url}/api/conversations")
    body = response.json()
    assert response.status_code == 201
    assert set(body) == {"id", "token", "messages"}
    greeting = body["messages"][0]
    assert set(greeting) == MESSAGE_KEYS
    assert greeting["author"] == "bot" and greeting["expects"] == "description"


def test_a_whole_conversation_to_a_ticket(base_url: str) -> None:
    _, headers, url = start(base_url)
    reply = httpx.post(url, json={"text": "studies from the CT are stuck, C-STORE association rejected by PACS"}, headers=headers).json()
    assert all(set(m) == MESSAGE_KEYS for m in reply["messages"])
    if reply["messages"][-1]["expects"] == "kb_feedback":
        assert reply["messages"][-1]["articles"][0]["url"].startswith("/kb/")
        reply = httpx.post(url, json={"text": "no that didn't help"}, headers=headers).json()
    for _ in range(15):
        expects = reply["messages"][-1]["expects"]
        if expects == "confirm":
            break
        reply = httpx.post(url, json={"text": ANSWERS[expects]}, headers=headers).json()
    reply = httpx.post(url, json={"text": "yes file it"}, headers=headers).json()
    ticket = reply["messages"][-1]["ticket"]
    assert set(ticket) >= {"number", "priority", "assessed_priority", "after_hours", "status", "first_response_due", "next_update_due", "resolution_due"}
    assert ticket["status"] == "new"
    history = httpx.get(url, params={"after": 0}, headers=headers).json()["messages"]
    assert [m["seq"] for m in history] == list(range(1, len(history) + 1))
    later = httpx.get(url, params={"after": history[-2]["seq"]}, headers=headers).json()["messages"]
    assert [m["seq"] for m in later] == [history[-1]["seq"]]


def test_a_token_opens_only_its_own_conversation(base_url: str) -> None:
    _, headers, _url = start(base_url)
    _, _other_headers, other_url = start(base_url)
    assert httpx.post(other_url, json={"text": "hello"}, headers=headers).status_code == 403
    assert httpx.get(other_url, headers=headers).status_code == 403
    missing = httpx.post(other_url, json={"text": "hello"})
    assert missing.status_code == 401 and missing.json()["error"]["message"]


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        ({"text": ""}, "application/json", 400, "empty_text"),
        ({"text": "x" * 4001}, "application/json", 400, "text_too_long"),
        ({"action": "self_destruct"}, "application/json", 400, "unknown_action"),
        ("{not json", "application/json", 400, "malformed_json"),
        ("text=hi", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
        ({"text": "hi", "action": "confirm"}, "application/json", 400, "bad_body"),
        ({"txt": "hi"}, "application/json", 400, "invalid_field"),
        ([1, 2], "application/json", 400, "bad_body"),
    ],
)
def test_bad_input_gets_a_clear_4xx_and_loses_nothing(
    base_url: str, body: object, content_type: str, status: int, code: str
) -> None:
    _, headers, url = start(base_url)
    before = httpx.get(url, headers=headers).json()["messages"]
    content = body if isinstance(body, str) else json.dumps(body)
    response = httpx.post(url, content=content, headers={**headers, "Content-Type": content_type})
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"]
    assert httpx.get(url, headers=headers).json()["messages"] == before
    assert httpx.post(url, json={"text": "the worklist is empty on the MRI"}, headers=headers).status_code == 200


def test_unknown_conversation_is_404(base_url: str) -> None:
    _, headers, _url = start(base_url)
    response = httpx.post(f"{base_url}/api/conversations/doesnotexist/messages", json={"text": "hi"}, headers=headers)
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_openapi_documents_the_portal_api(base_url: str) -> None:
    spec = httpx.get(f"{base_url}/openapi.json").json()
    assert "/api/conversations" in spec["paths"]
    assert "requestBody" in spec["paths"]["/api/conversations/{conversation_id}/messages"]["post"]


def test_stream_delivers_an_analysts_message_later(base_url: str, services: Services, clock: FakeClock) -> None:
    conversation_id, headers, url = start(base_url)
    httpx.post(url, json={"text": "PACS viewer freezes when I scroll CT stacks"}, headers=headers)
    last = httpx.get(url, headers=headers).json()["messages"][-1]["seq"]
    with services.sessions() as session:
        analyst = User(name="dana", display_name="Dana", role="analyst", password_hash="x", disabled=False, failed_logins=0, created_at=clock.now)
        session.add(analyst)
        session.commit()
        analyst_id = analyst.id
    received: list[dict[str, object]] = []

    def listen() -> None:
        with httpx.stream("GET", f"{base_url}/api/conversations/{conversation_id}/stream", params={"after": last}, headers=headers, timeout=10) as stream:
            for line in stream.iter_lines():
                if line.startswith("data: "):
                    received.append(json.loads(line[6:]))
                    if any(m["author"] == "analyst" for m in received):
                        return

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    time.sleep(0.3)
    services.conversations.takeover(conversation_id, analyst_id=analyst_id, analyst_name="Dana")
    services.conversations.analyst_message(conversation_id, analyst_id=analyst_id, analyst_name="Dana", text="Hi, Dana here. Which workstation?")
    listener.join(timeout=10)
    authors = [m["author"] for m in received]
    assert "system" in authors and "analyst" in authors
    analyst_message = next(m for m in received if m["author"] == "analyst")
    assert analyst_message["author_name"] == "Dana"


def test_article_page_renders_safely_and_404s(base_url: str) -> None:
    page = httpx.get(f"{base_url}/kb/password-reset")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "<script" not in page.text.lower()
    assert httpx.get(f"{base_url}/kb/no-such-article").status_code == 404


def test_service_picks_up_edited_and_new_articles_live(tmp_path: Path, database_url: str, clock: FakeClock) -> None:
    kb_dir = tmp_path / "kb"
    shutil.copytree(Path(__file__).resolve().parent.parent / "knowledge_base", kb_dir)
    settings: Settings = load_settings(
        environ={}, overrides={"database": {"url": database_url}, "kb": {"dir": str(kb_dir), "reload_seconds": 0.2}}
    )
    services = build_services(settings, clock=clock)
    new_article = """---
title: Voice recognition microphone not detected in the reading room
summary: The dictation microphone is not found when the radiologist starts dictating.
tags: [dictation, microphone]
systems: [workstation]
symptoms: [dictation mic not detected, speech mic not working]
aliases: [dictaphone not working]
audience: client
updated: 2026-11-20
---
1. Unplug the microphone and plug it into another USB port on the same workstation.
2. Restart the dictation application.
3. If it is still not detected, call the desk at 816-232-7483.
"""
    with serve_app(create_app(services)) as url:
        (kb_dir / "dictation-microphone-not-detected.md").write_text(new_article)
        deadline = time.monotonic() + 10
        while httpx.get(f"{url}/kb/dictation-microphone-not-detected").status_code != 200:
            assert time.monotonic() < deadline, "new article was not picked up"
            time.sleep(0.1)
        results = services.kb.search("dictation mic not detected")
        assert results and results[0].slug == "dictation-microphone-not-detected"
        (kb_dir / "dictation-microphone-not-detected.md").unlink()
        while httpx.get(f"{url}/kb/dictation-microphone-not-detected").status_code != 404:
            assert time.monotonic() < deadline + 10, "removed article is still served"
            time.sleep(0.1)
    services.close()
    assert datetime.now(UTC)
