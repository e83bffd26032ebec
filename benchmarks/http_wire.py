"""A minimal keep-alive HTTP/1.1 JSON client for the load benchmark (stdlib asyncio only)."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any


class Wire:
    """One keep-alive HTTP/1.1 connection, hand-rolled so the load generator stays cheap.

    httpx costs about as much CPU per request as the server on this 2-core machine, which would
    make the client, not the server, the bottleneck being measured.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reconnects = 0
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, *, token: str | None = None, body: dict[str, str] | None = None) -> tuple[float, dict[str, Any]]:
        """POST JSON; returns (seconds, parsed body). Raises RuntimeError on a non-2xx answer."""
        payload = json.dumps(body or {}).encode()
        auth = f"Authorization: Bearer {token}\r\n" if token else ""
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nContent-Type: application/json\r\n"
            f"{auth}Content-Length: {len(payload)}\r\n\r\n"
        ).encode()
        for attempt in (1, 2):
            if self._writer is None:
                self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
            assert self._reader is not None
            began = time.perf_counter()
            self._writer.write(head + payload)
            try:
                status_line = await self._reader.readline()
            except ConnectionError:
                status_line = b""
            if status_line:
                break
            # The server closed an idle keep-alive connection before reading: nothing was processed.
            await self.close()
            self.reconnects += 1
            if attempt == 2:
                raise RuntimeError(f"connection closed twice on POST {path}")
        assert self._reader is not None
        length, keep_alive = 0, True
        while (line := await self._reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "connection" and value.strip().lower() == "close":
                keep_alive = False
        raw = await self._reader.readexactly(length)
        elapsed = time.perf_counter() - began
        if not keep_alive:
            await self.close()
        status = int(status_line.split()[1])
        if not 200 <= status < 300:
            raise RuntimeError(f"POST {path} answered {status}: {raw[:200]!r}")
        data: dict[str, Any] = json.loads(raw)
        return elapsed, data

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            try:
                await self._writer.wait_closed()
            except ConnectionError:
                pass
        self._reader = self._writer = None
