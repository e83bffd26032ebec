"""A client in the portal and analysts in the console, both over real HTTP on loopback.

Covers takeover while the bot waits for an answer, live chat both ways with the bot silent,
two analysts racing, hand-back resuming the intake, internal notes kept from the client,
ticket work from priority change to the client's confirmation and rating, and the audit trail.
"""

from __future__ import annotations

import csv
import io
import threading

from sqlalchemy import select

from bot.storage.models import AuditEntry, Ticket, TicketEvent
from bot.triage.priority import Priority
from tests.chat import ANSWERS
from tests.conftest import FakeClock
from tests.console_client import PASSWORD, Desk, EventReader, ok

# -- tests -------------------------------------------------------------------------------------------


def test_console_needs_an_analyst_session_and_a_client_token_opens_nothing(desk: Desk) -> None:
    client = desk.portal()
    stranger = desk.http()
    with_token = desk.http(**client.auth)
    token_as_cookie = desk.http(Cookie=f"deskbot_console={client.token}")
    paths = ["/api/console/me", "/api/console/queue", f"/api/console/conversations/{client.id}", "/api/console/stream"]
    for path in paths:
        for http in (stranger, with_token, token_as_cookie):
            assert http.get(path).status_code == 401, path
    refused = stranger.post(f"/api/console/conversations/{client.id}/takeover", json={}, headers=client.auth)
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "unauthorized"
    assert stranger.post("/api/console/login", json={"name": "ana", "password": "wrong password!"}).status_code == 401
    assert stranger.post("/api/console/login", json={"name": "nobody", "password": PASSWORD}).status_code == 401


def test_login_sets_a_strict_httponly_cookie_and_logout_ends_the_session(desk: Desk) -> None:
    http = desk.http()
    response = http.post("/api/console/login", json={"name": "Ana", "password": PASSWORD})
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/api/console" in cookie
    assert ok(http.get("/api/console/me"))["analyst"] == {"id": 1, "name": "ana", "display_name": "Ana Lindqvist", "role": "analyst"}
    assert http.post("/api/console/logout", json={}).status_code == 204
    assert http.get("/api/console/me").status_code == 401
    replayed = desk.http(Cookie=f"deskbot_console={response.cookies['deskbot_console']}")
    assert replayed.get("/api/console/me").status_code == 401


def test_takeover_mid_intake_chat_both_ways_live_then_hand_back_resumes(desk: Desk) -> None:
    ana = desk.analyst("ana")
    live = EventReader(desk.base, "/api/console/stream", cookies=ana.cookies)
    try:
        client = desk.portal()
        live.wait_for(lambda kind, e: kind == "message" and e["conversation_id"] == client.id)
        client.say("images from the CT scanner in room 2 are not arriving in PACS since this morning")
        if client.expects == "kb_feedback":
            client.press("kb_not_solved")
        pending = client.expects
        assert pending in ANSWERS, "the bot should be waiting for an intake answer"
        row = next(r for r in ok(ana.get("/api/console/queue"))["rows"] if r["conversation_id"] == client.id)
        assert row["status"] == "intake" and row["handled_by"] == "bot" and row["held_by"] is None

        view = ok(ana.get(f"/api/console/conversations/{client.id}"))
        assert "CT scanner" in view["facts"]["description"]
        assert [m["author"] for m in view["messages"]][:2] == ["bot", "client"]

        joined = ok(ana.post(f"/api/console/conversations/{client.id}/takeover", json={}))["messages"]
        assert "Ana Lindqvist" in joined[0]["text"]
        assert any("Ana Lindqvist" in m["text"] and "joined" in m["text"] for m in client.transcript())

        portal_live = EventReader(desk.base, f"/api/conversations/{client.id}/stream?after={client.transcript()[-1]['seq']}", headers=client.auth)
        try:
            assert client.say("hello, is someone there? the modality says the send succeeded") == []
            heard = live.wait_for(lambda kind, e: kind == "message" and e["message"]["author"] == "client" and "modality" in e["message"]["text"])
            assert heard["conversation_id"] == client.id
            sent = ok(ana.post(f"/api/console/conversations/{client.id}/messages", json={"text": "Hi, Ana here. Which AE title does the CT send to?"}))
            assert sent["message"]["author_name"] == "Ana Lindqvist"
            got = portal_live.wait_for(lambda kind, e: e["author"] == "analyst")
            assert got["text"] == "Hi, Ana here. Which AE title does the CT send to?"
        finally:
            portal_live.close()
        assert not [m for m in client.transcript() if m["author"] == "bot" and m["seq"] > joined[0]["seq"]], "the bot must stay silent"

        row = next(r for r in ok(ana.get("/api/console/queue?analyst=me"))["rows"] if r["conversation_id"] == client.id)
        assert row["held_by"]["name"] == "Ana Lindqvist" and row["handled_by"] == "analyst"

        back = ok(ana.post(f"/api/console/conversations/{client.id}/handback", json={}))["messages"]
        assert "handed you back" in back[0]["text"]
        assert back[-1]["expects"] == pending, "the bot re-asks the question it was waiting on"
        client.say(ANSWERS[str(pending)])
        assert client.last and client.last[-1]["author"] == "bot", "the bot answers again after hand-back"
    finally:
        live.close()


def test_two_analysts_race_for_one_conversation_and_exactly_one_wins(desk: Desk) -> None:
    client = desk.portal()
    client.say("I cannot log in to the PACS viewer, it says my account is locked")
    analysts = [desk.analyst("ana"), desk.analyst("ben")]
    barrier = threading.Barrier(2)
    results: dict[int, int] = {}

    def race(index: int) -> None:
        barrier.wait()
        results[index] = analysts[index].post(f"/api/console/conversations/{client.id}/takeover", json={}).status_code

    threads = [threading.Thread(target=race, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results.values()) == [200, 409]
    loser = analysts[0] if results[0] == 409 else analysts[1]
    winner_name = "Ben Okafor" if loser is analysts[0] else "Ana Lindqvist"
    conflict = loser.post(f"/api/console/conversations/{client.id}/messages", json={"text": "Hello from the second analyst"})
    assert conflict.status_code == 409
    assert ok(loser.post(f"/api/console/conversations/{client.id}/takeover", json={"force": True}))["messages"]
    taken = [m["text"] for m in client.transcript() if m["author"] == "system"]
    assert "taken over" in taken[-1] and winner_name in taken[-1]
    with desk.services.sessions() as session:
        took = session.scalars(select(AuditEntry).where(AuditEntry.action == "took_over").order_by(AuditEntry.id)).all()
    assert len(took) == 2 and took[1].detail == f"from {winner_name}"


def test_internal_note_is_never_shown_to_the_client(desk: Desk) -> None:
    client = desk.portal()
    client.say("the radiologist's hanging protocols disappeared after the upgrade")
    ana = desk.analyst("ana")
    ok(ana.post(f"/api/console/conversations/{client.id}/takeover", json={}))
    portal_live = EventReader(desk.base, f"/api/conversations/{client.id}/stream?after={client.transcript()[-1]['seq']}", headers=client.auth)
    console_live = EventReader(desk.base, "/api/console/stream", cookies=ana.cookies)
    try:
        note = ok(ana.post(f"/api/console/conversations/{client.id}/notes", json={"text": "NOTE: known bug in 7.2, escalate to vendor"}))
        assert note["message"]["internal"] is True
        heard = console_live.wait_for(lambda kind, e: kind == "message" and "NOTE:" in e["message"]["text"])
        assert heard["message"]["internal"] is True, "other analysts see the note live"
        ok(ana.post(f"/api/console/conversations/{client.id}/messages", json={"text": "Which workstation are you on?"}))
        portal_live.wait_for(lambda kind, e: e["author"] == "analyst" and "workstation" in e["text"])
        assert not any("NOTE:" in e["text"] for _, e in portal_live.seen)
    finally:
        portal_live.close()
        console_live.close()
    assert not any("NOTE:" in m["text"] for m in client.transcript())
    assert client.http.get(f"/api/conversations/{client.id}/messages?after=0", headers=client.auth).text.count("escalate") == 0
    view = ok(ana.get(f"/api/console/conversations/{client.id}"))
    notes = [m for m in view["messages"] if m["internal"]]
    assert [n["text"] for n in notes] == ["NOTE: known bug in 7.2, escalate to vendor"]
    assert ana.post(f"/api/console/conversations/{client.id}/notes", json={"text": "   "}).status_code == 400


def test_ticket_work_resolve_confirm_close_and_rate_with_an_audit_row_for_each_step(desk: Desk, clock: FakeClock) -> None:
    client = desk.portal()
    number = client.file_ticket("the mammography workstation in suite B can't open prior studies, others are fine")
    ana = desk.analyst("ana")
    assert any(r["ticket"] and r["ticket"]["number"] == number for r in ok(ana.get("/api/console/queue"))["rows"])
    ok(ana.get(f"/api/console/conversations/{client.id}"))
    ok(ana.post(f"/api/console/conversations/{client.id}/takeover", json={}))
    clock.advance(minutes=20)
    ok(ana.post(f"/api/console/conversations/{client.id}/messages", json={"text": "I'm rebuilding the prior-fetch rule now."}))
    with desk.services.sessions() as session:
        ticket = session.scalars(select(Ticket).where(Ticket.number == number)).one()
        assert ticket.first_responded_at == desk.services.clock()
        assert ticket.status == "in_progress" and ticket.assigned_to == 1
        expected = desk.services.sla.next_update_after(priority=Priority.parse(ticket.priority), at=desk.services.clock())
        assert ticket.next_update_due == expected

    missing = ana.post(f"/api/console/tickets/{number}/priority", json={"priority": "High", "reason": "  "})
    assert missing.status_code == 400 and missing.json()["error"]["code"] == "reason_required"
    changed = ok(ana.post(f"/api/console/tickets/{number}/priority", json={"priority": "High", "reason": "Two radiologists now blocked"}))
    assert changed["ticket"]["priority"] == "High"
    assert ana.post(f"/api/console/tickets/{number}/status", json={"status": "resolved"}).status_code == 400
    ok(ana.post(f"/api/console/tickets/{number}/status", json={"status": "waiting_for_client", "reason": "asked for the AE title"}))
    assert ana.post(f"/api/console/tickets/{number}/resolve", json={"resolution": ""}).status_code == 400

    asked = ok(ana.post(f"/api/console/tickets/{number}/resolve", json={"resolution": "Rebuilt the prior-fetch rule for suite B."}))["messages"]
    assert asked[-1]["expects"] == "resolution_confirm" and "Rebuilt the prior-fetch rule" in asked[-1]["text"]
    assert client.transcript()[-1]["expects"] == "resolution_confirm"
    clock.advance(minutes=5)
    client.press("fixed")
    assert client.expects == "satisfaction"
    client.press("rate_4")
    with desk.services.sessions() as session:
        ticket = session.scalars(select(Ticket).where(Ticket.number == number)).one()
        assert (ticket.status, ticket.satisfaction, ticket.resolution) == ("closed", 4, "Rebuilt the prior-fetch rule for suite B.")
        reasons = session.scalars(select(TicketEvent.reason).where(TicketEvent.kind == "priority_change")).all()
        assert reasons == ["Two radiologists now blocked"]

    assert ana.get("/api/console/audit").status_code == 403
    root = desk.analyst("root")
    trail = ok(root.get(f"/api/console/audit?ticket={number}"))["entries"]
    steps = [(e["actor"], e["action"]) for e in reversed(trail)]
    for step in [("deskbot", "filed"), ("ana", "viewed"), ("ana", "took_over"), ("ana", "wrote"), ("ana", "reprioritized"),
                 ("ana", "status_changed"), ("ana", "resolved"), ("client", "closed"), ("client", "rated")]:
        assert step in steps, f"{step} missing from {steps}"
    assert steps.index(("ana", "resolved")) < steps.index(("client", "closed")) < steps.index(("client", "rated"))
    reprioritized = next(e for e in trail if e["action"] == "reprioritized")
    assert reprioritized["detail"].endswith("→ High: Two radiologists now blocked")

    exported = root.get(f"/api/console/audit.csv?ticket={number}")
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert {(r["actor"], r["action"]) for r in rows} >= {("ana", "took_over"), ("client", "closed")}
    assert all(r["ticket_number"] == number for r in rows)
    assert any(e["action"] == "exported_audit" for e in ok(root.get("/api/console/audit?actor=root"))["entries"])


def test_not_fixed_reopens_the_ticket(desk: Desk) -> None:
    client = desk.portal()
    number = client.file_ticket("the report printer attached to the PACS reading room prints blank pages")
    ana = desk.analyst("ana")
    ok(ana.post(f"/api/console/tickets/{number}/resolve", json={"resolution": "Reinstalled the printer driver."}))
    client.press("not_fixed")
    assert "reopened" in client.last[-1]["text"]
    with desk.services.sessions() as session:
        assert session.scalars(select(Ticket.status).where(Ticket.number == number)).one() == "in_progress"
    root = desk.analyst("root")
    actions = [e["action"] for e in ok(root.get(f"/api/console/audit?ticket={number}"))["entries"]]
    assert "reopened" in actions and "resolved" in actions
