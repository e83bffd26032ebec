"""`deskbot serve` as a real process: a kill -9 mid-conversation and a restart lose nothing."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.chat import ANSWERS


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def deskbot_serve(database_url: str, port: int, workdir: Path) -> Iterator[subprocess.Popen[bytes]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DESKBOT_", "SLACK_"))}
    env["DESKBOT_DATABASE_URL"] = database_url
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--port", str(port)],
        cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"deskbot serve did not start: {process.stderr.read().decode() if process.stderr else ''}")
            time.sleep(0.1)
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        if process.stderr:
            process.stderr.close()


def test_kill_dash_nine_mid_conversation_loses_nothing(tmp_path: Path, database_url: str) -> None:
    if database_url.startswith("sqlite"):
        database_url = f"sqlite:///{tmp_path / 'var' / 'served.sqlite3'}"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with deskbot_serve(database_url, port, tmp_path) as first:
        started = httpx.post(f"{base}/api/conversations", timeout=10).json()
        headers = {"Authorization": f"Bearer {started['token']}"}
        url = f"{base}/api/conversations/{started['id']}/messages"
        reply = httpx.post(url, json={"text": "the ultrasound in room 4 can't send studies to PACS, association rejected"}, headers=headers, timeout=10).json()
        if reply["messages"][-1]["expects"] == "kb_feedback":
            reply = httpx.post(url, json={"action": "kb_not_solved"}, headers=headers, timeout=10).json()
        expects = reply["messages"][-1]["expects"]
        reply = httpx.post(url, json={"text": ANSWERS[expects]}, headers=headers, timeout=10).json()
        pending = reply["messages"][-1]["expects"]
        before = httpx.get(url, headers=headers, timeout=10).json()["messages"]
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)

    with deskbot_serve(database_url, port, tmp_path):
        after = httpx.get(url, headers=headers, timeout=10).json()["messages"]
        assert after == before
        expects = pending
        for _ in range(15):
            if expects == "confirm":
                break
            reply = httpx.post(url, json={"text": ANSWERS[expects]}, headers=headers, timeout=10).json()
            expects = reply["messages"][-1]["expects"]
        reply = httpx.post(url, json={"action": "confirm"}, headers=headers, timeout=10).json()
        ticket = reply["messages"][-1]["ticket"]
        assert ticket["number"].startswith("OSI-")
        assert ticket["priority"] in {"Emergency", "High", "Medium", "Low"}


def test_serve_creates_the_sqlite_file_on_first_run(tmp_path: Path) -> None:
    port = free_port()
    env_dir = tmp_path / "fresh"
    env_dir.mkdir()
    with deskbot_serve("", port, env_dir):
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=10).status_code == 200
    assert (env_dir / "var" / "deskbot.sqlite3").exists()
