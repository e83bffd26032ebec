"""Portal load: many clients through whole conversations over real HTTP against ``deskbot serve``.

Every client plays a complete intake — describe, decline the articles, answer every question
(one invalid email re-asked), confirm — and prints p50/p95/p99 turn latency, turns per second and
the server's peak RSS, in three phases:

1. latency: ``--clients`` conversations at once (default 50), each client pausing ``--think``
   seconds (±50 %) between turns as a person reading and typing would;
2. throughput: the same clients with no pause at all, so the server is saturated; by Little's law
   the latency here is roughly clients ÷ throughput, so it is reported but is not the target;
3. memory: ``--open`` conversations (default 1,000) opened mid-intake, each with its live stream
   held open as a browser page would, and the server's RSS read while they are open.

SQLite in a temporary directory by default; ``--database-url postgresql+psycopg://…`` points at
PostgreSQL (migrated with ``deskbot db upgrade`` first). Targets on the 2-core reference machine:
p95 ≤ 50 ms with 50 clients, ≥ 300 turns/s, RSS ≤ 300 MB with 1,000 open conversations.

    python benchmarks/portal_load.py [--clients 50] [--think 0.5] [--conversations 300] [--open 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from http_wire import Wire

ROOT = Path(__file__).resolve().parent.parent
DESCRIPTIONS = (
    "The PACS viewer won't launch on my reading workstation; clicking a study in the EMR does nothing.",
    "Images load very slowly in the viewer since this morning, each CT takes a minute to open.",
    "Studies from the MRI scanner are not showing up in PACS, the modality says sent.",
    "The worklist on my workstation is empty although the techs say exams are done.",
    "I get 'login failed: account locked' when I sign in to PACS.",
    "Prior studies are missing when I open a new mammogram for comparison.",
    "The zero-footprint viewer shows a blank page when referring physicians open a link.",
    "Burning a patient CD fails with an error at 90 percent on the film library PC.",
    "HL7 results are not reaching the EMR, reports signed yesterday are not there.",
    "Measurements in the ultrasound cine clips are wrong after the last update.",
)
ANSWERS = {
    "description": "The viewer will not open any study on my workstation.",
    "scope": "just me",
    "outage_check": "no, other workstations are fine",
    "patient_care": "no",
    "workaround": "yes, I use the workstation next door",
    "pacs_admin": "yes, our PACS admin knows",
    "tried": "restarted the workstation",
    "recent_change": "nothing changed",
    "contact_phone": "816-555-0142",
    "department_line": "816-555-0100",
    "contact_email": "r.tech@stmarys-hospital.example.org",
    "edit_field": "nothing, it's fine",
}
MAX_TURNS = 30


@dataclass
class Tally:
    """Latencies of message turns (seconds) and counts, shared by all clients."""

    turns: list[float] = field(default_factory=list)
    starts: list[float] = field(default_factory=list)
    tickets: int = 0
    reconnects: int = 0
    failures: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_memory(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of the server, in kB."""
    values: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0])
    return values


def server_cpu_seconds(pid: int) -> float:
    """User plus system CPU time the server has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server(database_url: str, port: int, log_path: Path) -> subprocess.Popen[bytes]:
    """``deskbot serve`` (as ``python -m bot``, so the pid is the server's own)."""
    env = {**os.environ, "DESKBOT_DATABASE_URL": database_url}
    command = [sys.executable, "-m", "bot"]
    if not database_url.startswith("sqlite"):
        subprocess.run([*command, "db", "upgrade"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [*command, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env, cwd=ROOT, stdout=log, stderr=log
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"deskbot serve exited ({process.returncode}); see {log_path}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    process.kill()
    raise SystemExit(f"deskbot serve did not come up; see {log_path}")


def next_input(expects: str | None, actions: Sequence[str], *, bad_email_sent: bool) -> tuple[dict[str, str], bool]:
    """What a client sends next, from the question the bot asks (one invalid email first)."""
    if expects == "kb_feedback" and "kb_not_solved" in actions:
        return {"action": "kb_not_solved"}, bad_email_sent
    if expects == "confirm":
        return {"action": "confirm"}, bad_email_sent
    if expects == "contact_email" and not bad_email_sent:
        return {"text": "r.tech at stmarys"}, True
    return {"text": ANSWERS.get(expects or "", "no")}, bad_email_sent


async def play_conversation(wire: Wire, tally: Tally, rng: random.Random, think: float) -> None:
    """One client from greeting to ticket number."""
    elapsed, started = await wire.post("/api/conversations")
    tally.starts.append(elapsed)
    url = f"/api/conversations/{started['id']}/messages"
    body: dict[str, str] = {"text": rng.choice(DESCRIPTIONS)}
    bad_email_sent = False
    for _ in range(MAX_TURNS):
        if think:
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))
        elapsed, reply = await wire.post(url, token=started["token"], body=body)
        tally.turns.append(elapsed)
        messages = reply["messages"]
        if any(m.get("ticket") for m in messages):
            tally.tickets += 1
            return
        last = messages[-1] if messages else {}
        actions = [a["id"] for a in last.get("actions", [])]
        body, bad_email_sent = next_input(last.get("expects"), actions, bad_email_sent=bad_email_sent)
    tally.failures.append(f"conversation {started['id']} had no ticket after {MAX_TURNS} turns")


async def run_clients(port: int, *, clients: int, conversations: int, think: float, seed: int) -> tuple[Tally, float]:
    tally = Tally()
    queue: asyncio.Queue[int] = asyncio.Queue()
    for number in range(conversations):
        queue.put_nowait(number)

    async def worker(rng: random.Random) -> None:
        wire = Wire("127.0.0.1", port)
        while not queue.empty():
            queue.get_nowait()
            try:
                await play_conversation(wire, tally, rng, think)
            except (OSError, RuntimeError, KeyError, ValueError, asyncio.IncompleteReadError) as err:
                tally.failures.append(repr(err))
                await wire.close()
        tally.reconnects += wire.reconnects
        await wire.close()

    began = time.perf_counter()
    await asyncio.gather(*(worker(random.Random(seed + i)) for i in range(clients)))
    return tally, time.perf_counter() - began


async def hold_open(port: int, *, count: int, concurrency: int, streams: bool, pid: int) -> dict[str, int]:
    """Open ``count`` conversations mid-intake, optionally each with a live stream; RSS while open."""
    wires: asyncio.Queue[Wire] = asyncio.Queue()
    for _ in range(concurrency):
        wires.put_nowait(Wire("127.0.0.1", port))
    opened: list[tuple[str, str, int]] = []

    async def open_one(number: int) -> None:
        wire = await wires.get()
        try:
            _, started = await wire.post("/api/conversations")
            _, reply = await wire.post(
                f"/api/conversations/{started['id']}/messages", token=started["token"],
                body={"text": DESCRIPTIONS[number % len(DESCRIPTIONS)]},
            )
            opened.append((started["id"], started["token"], reply["messages"][-1]["seq"]))
        finally:
            wires.put_nowait(wire)

    await asyncio.gather(*(open_one(n) for n in range(count)))
    while not wires.empty():
        await wires.get_nowait().close()
    limits = httpx.Limits(max_connections=count, max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=120) as client:
        ready = asyncio.Event()
        connected = 0

        async def listen(conversation_id: str, token: str, after: int) -> None:
            nonlocal connected
            url = f"/api/conversations/{conversation_id}/stream"
            async with client.stream("GET", url, params={"after": after, "token": token}) as response:
                response.raise_for_status()
                connected += 1
                if connected == len(opened):
                    ready.set()
                async for _ in response.aiter_bytes():
                    pass

        tasks = [asyncio.create_task(listen(*item)) for item in opened] if streams else []
        if tasks:
            await asyncio.wait_for(ready.wait(), timeout=120)
            await asyncio.sleep(1)
        memory = server_memory(pid)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return memory


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def report_turns(title: str, tally: Tally, wall: float, *, cpu: float, memory: dict[str, int]) -> None:
    ms = [t * 1000 for t in tally.turns]
    print(f"{title}: {tally.tickets} conversations filed, {len(ms)} turns in {wall:.1f} s")
    print(f"  turn latency  p50 {percentile(ms, 50):6.1f} ms   p95 {percentile(ms, 95):6.1f} ms   "
          f"p99 {percentile(ms, 99):6.1f} ms   max {max(ms):6.1f} ms")
    starts = [t * 1000 for t in tally.starts]
    print(f"  start latency p50 {percentile(starts, 50):6.1f} ms   p95 {percentile(starts, 95):6.1f} ms")
    print(f"  throughput    {len(ms) / wall:6.1f} turns/s ({(len(ms) + len(starts)) / wall:.1f} requests/s)")
    if tally.reconnects:
        print(f"  reconnects    {tally.reconnects} (server closed an idle keep-alive connection)")
    print(f"  server CPU    {cpu / wall * 100:6.1f} % of one core, {cpu * 1000 / max(1, len(ms)):.1f} ms per turn")
    print(f"  server RSS    {memory['VmRSS'] / 1024:6.1f} MB now, peak {memory['VmHWM'] / 1024:.1f} MB")
    for failure in tally.failures[:5]:
        print(f"  failure: {failure}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients in phases 1 and 2 (default 50)")
    parser.add_argument("--think", type=float, default=0.5, help="seconds a client pauses between turns in phase 1 (default 0.5)")
    parser.add_argument("--conversations", type=int, default=300, help="whole conversations in phases 1 and 2 (default 300)")
    parser.add_argument("--open", type=int, default=1000, help="conversations held open in phase 3 (default 1000; 0 skips)")
    parser.add_argument("--no-streams", action="store_true", help="phase 3 without a live stream per conversation")
    parser.add_argument("--database-url", help="default: a fresh SQLite file in a temporary directory")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="deskbot-load-") as scratch:
        database_url = args.database_url or f"sqlite:///{scratch}/deskbot.sqlite3"
        port = free_port()
        log_path = Path(scratch) / "server.log"
        server = start_server(database_url, port, log_path)
        base_url = f"http://127.0.0.1:{port}"
        try:
            print(f"deskbot serve pid {server.pid} on {base_url}, database {database_url.split('@')[-1]}")
            print(f"  server RSS at start {server_memory(server.pid)['VmRSS'] / 1024:.1f} MB")
            failures: list[str] = []
            for title, think in (
                (f"phase 1, latency: {args.clients} clients at once, {args.think:g} s pauses", args.think),
                (f"phase 2, throughput: {args.clients} clients at once, no pauses", 0.0),
            ):
                cpu_before = server_cpu_seconds(server.pid)
                tally, wall = asyncio.run(
                    run_clients(port, clients=args.clients, conversations=args.conversations, think=think, seed=args.seed)
                )
                cpu = server_cpu_seconds(server.pid) - cpu_before
                report_turns(title, tally, wall, cpu=cpu, memory=server_memory(server.pid))
                failures += tally.failures
            if args.open:
                memory = asyncio.run(
                    hold_open(port, count=args.open, concurrency=args.clients, streams=not args.no_streams, pid=server.pid)
                )
                streams = "no streams" if args.no_streams else "a live stream each"
                print(f"phase 3, memory: {args.open} open conversations ({streams})")
                print(f"  server RSS    {memory['VmRSS'] / 1024:6.1f} MB now, peak {memory['VmHWM'] / 1024:.1f} MB")
            if failures:
                print("server log (tail):\n" + "\n".join(log_path.read_text(errors="replace").splitlines()[-20:]))
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
