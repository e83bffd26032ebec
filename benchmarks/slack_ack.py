"""Slack ack latency: time from a signed event's arrival to its HTTP ack, against ``deskbot serve``.

Sends ``--events`` (default 1,000) signed ``message.im`` events, ``--concurrency`` (default 20)
at once, from 200 users, to ``/slack/events`` of a real server whose Web API calls go to the
fake Slack API (``tests/fakes/slack_api.py``) on loopback. Every event is real work for the
server — a conversation started or continued, an engine turn, users.info and chat.postMessage —
which runs after the ack, so the acks are measured while that work loads the server. Prints
p50/p99/max ack latency and how long the server took to post every reply. Target: p99 ≤ 300 ms
(Slack gives up after 3 s).

    python benchmarks/slack_ack.py [--events 1000] [--concurrency 20]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
from slack_sdk.signature import SignatureVerifier

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fakes.slack_api import FakeSlackApi

SECRET = "benchmark-signing-secret-0123456789"
TEXTS = (
    "The PACS viewer won't launch on my reading workstation",
    "Images load very slowly in the viewer since this morning",
    "Studies from the MRI scanner are not showing up in PACS",
    "The worklist on my workstation is empty although exams are done",
    "Prior studies are missing when I open a new mammogram",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(*, port: int, api_url: str, database_url: str, log_path: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DESKBOT_DATABASE_URL": database_url,
        "SLACK_BOT_TOKEN": "xoxb-benchmark",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": api_url,
    }
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env, cwd=ROOT, stdout=log, stderr=log,
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


def event_body(n: int) -> str:
    user = f"U{n % 200:08d}"
    body = {
        "team_id": "T0BENCH", "api_app_id": "A0DESKBOT", "type": "event_callback", "event_id": f"EvBENCH{n:06d}",
        "event_time": int(time.time()),
        "event": {"type": "message", "user": user, "text": TEXTS[n % len(TEXTS)], "ts": f"{time.time():.6f}",
                  "channel": f"D{user[1:]}", "channel_type": "im", "team": "T0BENCH"},
    }
    return json.dumps(body)


def sender(port: int, jobs: queue.Queue[int | None], latencies: list[float], failures: list[int]) -> None:
    """One keep-alive connection, as Slack's delivery workers hold them."""
    verifier = SignatureVerifier(SECRET)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    while (n := jobs.get()) is not None:
        body = event_body(n)
        stamp = str(int(time.time()))
        headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": stamp,
                   "X-Slack-Signature": verifier.generate_signature(timestamp=stamp, body=body)}
        started = time.perf_counter()
        connection.request("POST", "/slack/events", body=body.encode(), headers=headers)
        response = connection.getresponse()
        response.read()
        latencies.append(time.perf_counter() - started)
        if response.status != 200:
            failures.append(response.status)
    connection.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=20)
    args = parser.parse_args()

    api = FakeSlackApi()
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        server = start_server(port=port, api_url=api.url, database_url=f"sqlite:///{tmp}/bench.sqlite3", log_path=Path(tmp) / "serve.log")
        try:
            jobs: queue.Queue[int | None] = queue.Queue()
            for n in range(args.events):
                jobs.put(n)
            for _ in range(args.concurrency):
                jobs.put(None)
            latencies: list[float] = []
            failures: list[int] = []
            threads = [threading.Thread(target=sender, args=(port, jobs, latencies, failures)) for _ in range(args.concurrency)]
            began = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            acked = time.perf_counter() - began
            replies = api.wait_for("chat.postMessage", count=args.events, timeout=600)
            drained = time.perf_counter() - began
        finally:
            server.terminate()
            server.wait(timeout=30)
            api.close()
    ms = sorted(x * 1000 for x in latencies)
    p50 = statistics.median(ms)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    print(f"events: {len(ms)}, concurrency: {args.concurrency}, non-200 acks: {len(failures)}")
    print(f"ack latency: p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {ms[-1]:.1f} ms (target p99 <= 300 ms)")
    print(f"all acked in {acked:.1f} s; the first {len(replies)} chat.postMessage calls made by {drained:.1f} s")
    return 0 if p99 <= 300 and not failures else 1


if __name__ == "__main__":
    raise SystemExit(main())
