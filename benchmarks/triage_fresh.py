"""How well triage generalizes: fresh narratives through the whole intake, and text alone.

Each narrative in ``tests/data/triage_narratives_fresh.jsonl`` is played through the real
conversation service (real extraction, engine, answers and filing on a throwaway SQLite
database) as a truthful client would: questions the narrative answers get the narrative's
answer (its ``answers`` field), the rest get neutral answers. The ticket's assessed priority is
compared with the label. Separately, ``assess(extract_facts(text))`` is measured on the
unambiguous lines, which is what triage knows before asking anything.

    python benchmarks/triage_fresh.py [--data FILE] [--quiet]

Prints accuracy, a confusion matrix, the under-triage count (filed lower than expected — the
worst error), questions asked although the narrative had answered them, answers the bot did not
understand, and each miss with the facts extracted.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.app import Services, build_services
from bot.core.extract import extract_facts
from bot.core.messages import Inbound
from bot.settings import load_settings
from bot.storage import migrate
from bot.storage.database import create_db_engine
from bot.storage.models import Ticket
from bot.triage.priority import Priority
from bot.triage.rules import assess

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "triage_narratives_fresh.jsonl"
# Tuesday 17 Nov 2026, 10:00 in Chicago: the desk is open, so assessed and applied agree.
OPEN = datetime(2026, 11, 17, 16, 0, tzinfo=UTC)
NEUTRAL: dict[str, str] = {
    "scope": "just me",
    "patient_care": "no",
    "workaround": "no",
    "pacs_admin": "no",
    "tried": "nothing",
    "recent_change": "no",
    # Clients often type all their contact details at once; the bot should take what it can.
    "contact_phone": "816-555-0142, department line 816-555-0100, email lab.tech@example-clinic.org",
    "department_line": "816-555-0100",
    "contact_email": "lab.tech@example-clinic.org",
}
LEVELS = [p.value for p in Priority]


@dataclass
class Outcome:
    """What happened to one narrative."""

    row: dict[str, Any]
    filed: str | None
    asked: list[str] = field(default_factory=list)
    reasked: list[str] = field(default_factory=list)  # answered in the narrative, asked anyway
    not_understood: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    transcript: list[str] = field(default_factory=list)


def read_rows(path: Path = DATA) -> list[dict[str, Any]]:
    """The labelled narratives."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@contextmanager
def temp_services() -> Iterator[Services]:
    """The real services on a fresh SQLite file, with the clock stopped in business hours."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'fresh.sqlite3'}"
        engine = create_db_engine(url)
        migrate.upgrade(engine)
        engine.dispose()
        services = build_services(load_settings(environ={}, overrides={"database": {"url": url}}), clock=lambda: OPEN)
        try:
            yield services
        finally:
            services.close()


def answer_for(row: Mapping[str, Any], slot: str) -> str:
    """What a truthful client answers: the narrative's own answer, else a neutral one."""
    given: Mapping[str, str] = row.get("answers") or {}
    if slot in given:
        return given[slot]
    if slot == "outage_check":
        outage = row.get("outage_answer") or ("yes" if row["expected"] == "Emergency" else "no")
        return "yes, nobody here can see anything" if outage == "yes" else "no, it's not everyone"
    return NEUTRAL[slot]


def fallback_action(row: Mapping[str, Any], slot: str) -> str:
    """The choice a client presses when the bot did not understand its typed answer."""
    said = answer_for(row, slot).lower()
    if slot == "scope":
        if any(word in said for word in ("sites", "hospitals", "clinics", "centers", "campuses")):
            return "scope_sites"
        if any(word in said for word in ("everyone", "whole", "entire", "all ")):
            return "scope_site"
        return "scope_one" if said == NEUTRAL["scope"] else "scope_group"
    negative = said.startswith(("no", "nothing", "none", "only"))
    return "no" if negative else "yes"


def run_intake(services: Services, row: Mapping[str, Any]) -> Outcome:
    """Play one narrative through the whole intake and file the ticket."""
    conversations = services.conversations
    record = conversations.start(channel="portal").record
    outcome = Outcome(row=dict(row), filed=None)
    said = set() if row.get("ambiguous") else set(row.get("answers") or {})
    messages = conversations.post(record.id, Inbound(text=row["text"]))
    previous: str | None = None
    for _ in range(30):
        expects = messages[-1].expects
        outcome.transcript.append(f"[{expects}] {messages[-1].text[:100]!r}")
        tickets = [m.payload["ticket"] for m in messages if m.payload.get("ticket")]
        if tickets:
            outcome.filed = str(tickets[-1]["assessed_priority"])
            break
        if expects == "kb_feedback":
            messages = conversations.post(record.id, Inbound(action="kb_not_solved"))
            continue
        if expects == "confirm":
            messages = conversations.post(record.id, Inbound(action="confirm"))
            continue
        if expects is None or expects == "description":
            break
        outcome.asked.append(expects)
        if expects == previous:
            # Re-asked with choices: note it, then press the button a client would press.
            outcome.not_understood.append(expects)
            messages = conversations.post(record.id, Inbound(action=fallback_action(row, expects)))
            previous = None
            continue
        if expects in said:
            outcome.reasked.append(expects)
        previous = expects
        messages = conversations.post(record.id, Inbound(text=answer_for(row, expects)))
    with services.sessions() as session:
        ticket = session.query(Ticket).order_by(Ticket.id.desc()).first()
        if ticket is not None and outcome.filed is not None:
            outcome.facts = dict(ticket.facts)
    return outcome


def text_only(text: str) -> tuple[str, dict[str, Any]]:
    """Triage on the narrative alone, before any question."""
    facts = extract_facts(text)
    return assess(facts).priority.value, facts.to_json()


def _under(expected: str, got: str | None) -> bool:
    return got is None or LEVELS.index(got) > LEVELS.index(expected)


def _matrix(pairs: list[tuple[str, str | None]]) -> str:
    counts = Counter(pairs)
    head = "expected \\ got".ljust(16) + "".join(level[:9].rjust(11) for level in [*LEVELS, "none"])
    lines = [head]
    for exp in LEVELS:
        cells = [counts[(exp, got)] for got in [*LEVELS, None]]
        lines.append(exp.ljust(16) + "".join(str(c).rjust(11) for c in cells))
    return "\n".join(lines)


def _short_facts(facts: Mapping[str, Any]) -> str:
    skip = {"description", "contact_phone", "department_line", "contact_email", "error_text"}
    return ", ".join(f"{k}={v}" for k, v in facts.items() if v not in (None, [], "") and k not in skip)


def report(rows: list[dict[str, Any]], outcomes: list[Outcome], *, quiet: bool) -> int:
    """Print the figures; return the number of under-triaged narratives through the intake."""
    pairs = [(o.row["expected"], o.filed) for o in outcomes]
    right = sum(1 for exp, got in pairs if exp == got)
    under = [o for o in outcomes if _under(o.row["expected"], o.filed)]
    print(f"FULL INTAKE: {right}/{len(pairs)} = {right / len(pairs):.1%}   under-triage: {len(under)}")
    print(_matrix(pairs))
    reasked = [o for o in outcomes if o.reasked]
    confused = [o for o in outcomes if o.not_understood]
    print(f"asked again although the narrative said it: {len(reasked)} narratives "
          f"{dict(Counter(s for o in reasked for s in o.reasked))}")
    print(f"answers not understood: {len(confused)} {dict(Counter(s for o in confused for s in o.not_understood))}")
    outage_asked = sum(1 for o in outcomes if "outage_check" in o.asked)
    ambiguous = [o for o in outcomes if o.row.get("ambiguous")]
    print(f"outage check asked: {outage_asked} times; on ambiguous lines {sum(1 for o in ambiguous if 'outage_check' in o.asked)}/{len(ambiguous)}")

    plain = [r for r in rows if not r.get("ambiguous")]
    text_pairs: list[tuple[str, str | None]] = []
    text_misses: list[tuple[dict[str, Any], str, dict[str, Any]]] = []
    for row in plain:
        got, facts = text_only(row["text"])
        text_pairs.append((row["expected"], got))
        if got != row["expected"]:
            text_misses.append((row, got, facts))
    text_right = sum(1 for exp, got in text_pairs if exp == got)
    text_under = sum(1 for exp, got in text_pairs if _under(exp, got))
    print(f"\nTEXT ONLY (unambiguous lines): {text_right}/{len(text_pairs)} = {text_right / len(text_pairs):.1%}"
          f"   under-triage: {text_under}")
    print(_matrix(text_pairs))
    if quiet:
        return len(under)
    print("\n--- full-intake misses ---")
    for o in outcomes:
        if o.filed != o.row["expected"] or o.reasked or o.not_understood:
            flag = "UNDER " if _under(o.row["expected"], o.filed) else ""
            print(f"{flag}expected {o.row['expected']} got {o.filed}: {o.row['text'][:150]}")
            print(f"    asked={o.asked} reasked={o.reasked} not_understood={o.not_understood}")
            print(f"    facts: {_short_facts(o.facts)}")
    print("\n--- text-only misses ---")
    for row, got, facts in text_misses:
        flag = "UNDER " if _under(row["expected"], got) else ""
        print(f"{flag}expected {row['expected']} got {got}: {row['text'][:150]}")
        print(f"    facts: {_short_facts(facts)}")
    return len(under)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--quiet", action="store_true", help="figures only, no list of misses")
    args = parser.parse_args()
    rows = read_rows(args.data)
    with temp_services() as services:
        outcomes = [run_intake(services, row) for row in rows]
    report(rows, outcomes, quiet=args.quiet)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
